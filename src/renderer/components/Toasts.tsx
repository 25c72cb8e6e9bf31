/** The toast stack: errors are announced assertively, other notes politely. */
import { useToasts } from '../stores/toastStore';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts">
      <div role="alert" aria-live="assertive" className="toast-region">
        {toasts
          .filter((t) => t.kind === 'error')
          .map((t) => (
            <div key={t.id} className="toast toast-error">
              <span className="toast-text">{t.text}</span>
              <button type="button" className="icon-btn" aria-label="Đóng thông báo" onClick={() => dismiss(t.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
      <div role="status" aria-live="polite" className="toast-region">
        {toasts
          .filter((t) => t.kind !== 'error')
          .map((t) => (
            <div key={t.id} className={`toast toast-${t.kind}`}>
              <span className="toast-text">{t.text}</span>
              <button type="button" className="icon-btn" aria-label="Đóng thông báo" onClick={() => dismiss(t.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}

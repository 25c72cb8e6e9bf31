/** Small pieces the forms and dialogs share: the error banner and the row of action buttons. */
import type { ReactNode } from 'react';

/** The form-level error, announced to screen readers; nothing when there is none. */
export function ErrorBanner({ message }: { message?: string | null }) {
  return message ? (
    <div className="banner banner-error" role="alert">
      {message}
    </div>
  ) : null;
}

/** The hint after the buttons of forms that save on Ctrl+Enter. */
export const CTRL_ENTER_HINT = (
  <>
    <kbd>Ctrl</kbd>+<kbd>Enter</kbd> lưu
  </>
);

interface ActionsProps {
  submitLabel: ReactNode;
  submitDisabled?: boolean;
  /** The submit button's tooltip (why it is disabled: the role it needs). */
  submitTitle?: string;
  /** Class of the submit button: `btn btn-primary` unless told. */
  submitClassName?: string;
  cancelLabel: string;
  onCancel(): void;
  cancelDisabled?: boolean;
  /** A short note after the buttons. */
  hint?: ReactNode;
}

/** A form's footer: the submit button, the close/cancel button, and an optional hint. */
export function FormActions({
  submitLabel,
  submitDisabled,
  submitTitle,
  submitClassName = 'btn btn-primary',
  cancelLabel,
  onCancel,
  cancelDisabled,
  hint,
}: ActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className={submitClassName} disabled={submitDisabled} title={submitTitle || undefined}>
        {submitLabel}
      </button>
      <button type="button" className="btn" onClick={onCancel} disabled={cancelDisabled}>
        {cancelLabel}
      </button>
      {hint ? <span className="kbd-hint">{hint}</span> : null}
    </div>
  );
}

/**
 * Settings › database: which database this PC works on — its own file, or the office's
 * PostgreSQL server by server name, port and database. No user name or password here: each
 * person signs in as themselves on the sign-in screen (their account is their database role).
 * The choice takes effect when the app starts again; an environment variable that forces a
 * database is said plainly.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ConnectionView } from '../../../shared/apiTypes';
import { call } from '../../api/client';
import { ErrorBanner } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { RightButton } from '../accounts/RightButton';

function Text({
  label,
  value,
  onChange,
  error,
  hint,
  ...rest
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | null;
  hint?: string;
  inputMode?: 'numeric' | 'text';
  autoFocus?: boolean;
  placeholder?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label required">
        {label}
      </label>
      <input
        id={id}
        ref={rest.inputRef}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        spellCheck={false}
        autoComplete="off"
        data-autofocus={rest.autoFocus ? true : undefined}
        inputMode={rest.inputMode}
        placeholder={rest.placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={`${id}-hint`} className={error ? 'field-error' : 'field-hint'}>
        {error ?? hint ?? ''}
      </span>
    </div>
  );
}

export function ConnectionSettings({ onClose }: { onClose(): void }) {
  const [view, setView] = useState<ConnectionView | null>(null);
  const [kind, setKind] = useState<'local' | 'server'>('local');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('5432');
  const [database, setDatabase] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const hostRef = useRef<HTMLInputElement>(null);
  const [focusHost, setFocusHost] = useState(false);
  // Choosing the server moves to its first field (it appears only then).
  useEffect(() => {
    if (focusHost && kind === 'server') {
      hostRef.current?.focus();
      setFocusHost(false);
    }
  }, [focusHost, kind]);

  useEffect(() => {
    void call('connection.get', {}).then((r) => {
      if (!r.ok) return setError({ message: r.error.message });
      setView(r.value);
      const s = r.value.saved;
      const c = r.value.current;
      if (s.kind === 'server') {
        setKind('server');
        setHost(s.host);
        setPort(String(s.port));
        setDatabase(s.database);
      } else if (c.kind === 'server') {
        setHost(c.host);
        setPort(String(c.port));
        setDatabase(c.database);
      }
    });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const p = port.trim();
    if (kind === 'server' && !/^\d{1,5}$/.test(p)) return setError({ field: 'port', message: 'Cổng là số từ 1 đến 65535.' });
    setBusy(true);
    const r = await call('connection.set', kind === 'local' ? { kind } : { kind, host, port: Number(p), database });
    setBusy(false);
    if (!r.ok) return setError({ field: r.error.field, message: r.error.message });
    setView(r.value);
    setSaved(true);
  };

  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  const current = view?.current;
  return (
    <Modal title="Cơ sở dữ liệu" onClose={onClose} className="connection-settings">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <section className="connection-current" aria-label="Đang dùng">
          <h3>Đang dùng</h3>
          {!current ? (
            <p className="muted">Đang tải…</p>
          ) : current.kind === 'local' ? (
            <p data-testid="connection-current">
              Tệp trên máy này: <code>{current.display}</code>
            </p>
          ) : (
            <dl data-testid="connection-current" className="connection-facts">
              <dt>Máy chủ</dt>
              <dd>
                {current.host}:{current.port}
              </dd>
              <dt>Cơ sở dữ liệu</dt>
              <dd>{current.database}</dd>
              <dt>Đăng nhập máy chủ bằng</dt>
              <dd>{current.user ?? 'tài khoản của người dùng'}</dd>
              <dt>Mã hóa đường truyền</dt>
              <dd>{current.tls ? 'Có (TLS)' : 'Không — máy chủ không hỗ trợ TLS'}</dd>
            </dl>
          )}
        </section>
        {view?.overriddenBy ? (
          <div className="banner banner-warn" role="status">
            Biến môi trường {view.overriddenBy} đang chọn cơ sở dữ liệu; thiết lập dưới đây chỉ có hiệu lực khi biến đó không được đặt.
          </div>
        ) : null}
        <fieldset className="connection-kind">
          <legend>Máy này làm việc với</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'local'} onChange={() => setKind('local')} /> Tệp dữ liệu trên máy này (một
            máy)
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'server'}
              onChange={() => {
                setKind('server');
                setFocusHost(true);
              }}
            />{' '}
            Máy chủ PostgreSQL của cơ quan (nhiều máy)
          </label>
        </fieldset>
        {kind === 'server' ? (
          <div className="connection-server">
            <Text
              label="Máy chủ"
              value={host}
              onChange={setHost}
              error={fieldError('host')}
              hint="Tên hoặc địa chỉ IP, ví dụ csdl.ubnd.local hoặc 10.0.0.5"
              inputRef={hostRef}
              autoFocus
            />
            <Text label="Cổng" value={port} onChange={setPort} error={fieldError('port')} inputMode="numeric" hint="Thường là 5432" />
            <Text
              label="Cơ sở dữ liệu"
              value={database}
              onChange={setDatabase}
              error={fieldError('database')}
              hint="Tên do người quản trị đặt khi khởi tạo, ví dụ vanthu"
            />
            <p className="muted">
              Không cần nhập mật khẩu ở đây: mỗi người đăng nhập máy chủ bằng tên đăng nhập và mật khẩu của chính mình.
            </p>
          </div>
        ) : null}
        <ErrorBanner message={error && !error.field ? error.message : null} />
        {saved && view ? (
          <div className="banner banner-ok" role="status" data-testid="connection-saved">
            Đã lưu.{' '}
            {view.restartNeeded
              ? `Khởi động lại VănThư để làm việc với ${view.savedDisplay ?? 'tệp dữ liệu trên máy này'}.`
              : 'Đây là cơ sở dữ liệu đang dùng.'}
          </div>
        ) : null}
        <div className="form-actions">
          {/* Everyone may see which database this PC uses; only the administrator changes it. */}
          <RightButton method="connection.set" type="submit" className="btn btn-primary" disabled={busy || !view}>
            Lưu
          </RightButton>
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
        </div>
      </form>
    </Modal>
  );
}

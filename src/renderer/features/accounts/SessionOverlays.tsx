/**
 * What comes over the app without unmounting it: the lock screen (idle too long, or the
 * session lost: the same person signs in again and carries on with the unsaved form), and the
 * password change an administrator's reset requires before anything else.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/accounts';
import { ErrorBanner } from '../../components/FormParts';
import { Field, useCapsLock } from './LoginScreen';
import { useSession } from './sessionStore';

/** A modal <dialog> that cannot be dismissed: the rest of the page is inert behind it. */
function Blocking({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={`modal session-dialog ${className ?? ''}`} aria-label={title} onCancel={(e) => e.preventDefault()}>
      <div className="modal-head">
        <h2>{title}</h2>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

export function LockScreen() {
  const session = useSession((s) => s.session)!;
  const lost = useSession((s) => s.lost);
  const { unlock, signIn, signOut } = useSession.getState();
  const [username, setUsername] = useState(session.username);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapsLock();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) return setError('Hãy nhập mật khẩu.');
    setBusy(true);
    setError(null);
    const err = lost ? await signIn(username.trim(), password) : await unlock(password);
    setBusy(false);
    setPassword('');
    if (err) setError(err.message);
  };

  return (
    <Blocking title={lost ? 'Phiên đăng nhập đã kết thúc' : 'Phiên làm việc đã tạm khóa'} className="lock-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>
          {lost ? (
            <>Hãy đăng nhập lại để tiếp tục; những gì đang nhập dở vẫn được giữ.</>
          ) : (
            <>
              <strong>{session.fullName}</strong> ({session.username}) — lâu không thao tác nên phiên làm việc đã khóa. Nhập mật khẩu để làm
              tiếp; những gì đang nhập dở vẫn được giữ.
            </>
          )}
        </p>
        <ErrorBanner message={error} />
        {lost ? (
          <label className="field">
            <span className="field-label">Tên đăng nhập</span>
            <input autoComplete="username" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">Mật khẩu</span>
          <input
            data-autofocus
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            onKeyUp={caps.onKey}
          />
          {caps.on ? <span className="field-hint">Phím Caps Lock đang bật.</span> : null}
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {lost ? 'Đăng nhập' : 'Mở khóa'}
          </button>
          <button type="button" className="btn" onClick={() => void signOut()}>
            Đăng xuất
          </button>
        </div>
      </form>
    </Blocking>
  );
}

export function ChangePasswordForm({ forced, onDone }: { forced: boolean; onDone(): void }) {
  const changePassword = useSession((s) => s.changePassword);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setError('Hai lần nhập mật khẩu mới không khớp.');
    setBusy(true);
    setError(null);
    const err = await changePassword(current, next);
    setBusy(false);
    if (err) {
      setError(err.message);
      return;
    }
    onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="change-password">
      {forced ? <p>Mật khẩu của bạn vừa được người quản trị đặt lại. Hãy đặt mật khẩu của riêng bạn trước khi làm việc.</p> : null}
      <ErrorBanner message={error} />
      <Field
        label="Mật khẩu hiện tại"
        required
        data-autofocus
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <Field
        label="Mật khẩu mới"
        required
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        hint={`Ít nhất ${PASSWORD_MIN_LENGTH} ký tự, khác mật khẩu hiện tại.`}
      />
      <Field
        label="Nhập lại mật khẩu mới"
        required
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Đổi mật khẩu
        </button>
        {forced ? (
          <button type="button" className="btn" onClick={() => void useSession.getState().signOut()}>
            Đăng xuất
          </button>
        ) : (
          <button type="button" className="btn" onClick={onDone}>
            Hủy
          </button>
        )}
      </div>
    </form>
  );
}

export function ForcedPasswordChange() {
  return (
    <Blocking title="Đổi mật khẩu">
      <ChangePasswordForm forced onDone={() => undefined} />
    </Blocking>
  );
}

/** The overlays the session calls for, if any. */
export function SessionOverlays() {
  const session = useSession((s) => s.session);
  if (!session) return null;
  if (session.locked) return <LockScreen />;
  if (session.mustChangePassword) return <ForcedPasswordChange />;
  return null;
}

/**
 * The first screen of the app and of browser mode: sign in (or, on a database without any
 * account, create its first administrator). Keyboard-first: the name field has the focus,
 * Enter signs in, errors are read out; the password never leaves the form but for the call.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/accounts';
import { ErrorBanner } from '../../components/FormParts';
import { useSession } from './sessionStore';

function CapsLockHint({ on }: { on: boolean }) {
  return on ? (
    <div className="field-hint caps-hint" role="status">
      Phím Caps Lock đang bật.
    </div>
  ) : null;
}

/** A labelled input whose hint is its description (not part of its name). */
export function Field({
  label,
  hint,
  required,
  ...input
}: { label: string; hint?: React.ReactNode; required?: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className={`field-label${required ? ' required' : ''}`}>
        {label}
      </label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function useCapsLock() {
  const [on, setOn] = useState(false);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => setOn(e.getModifierState?.('CapsLock') ?? false);
  return { on, onKey };
}

export function LoginScreen({ orgName }: { orgName?: string | null }) {
  const signIn = useSession((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapsLock();
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim()) return setError('Hãy nhập tên đăng nhập.');
    if (!password) {
      passwordRef.current?.focus();
      return setError('Hãy nhập mật khẩu.');
    }
    setBusy(true);
    setError(null);
    const err = await signIn(username.trim(), password);
    setBusy(false);
    if (err) {
      setError(err.message);
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title" noValidate>
        <div className="login-brand">
          <img src="./icon.png" alt="" width="32" height="32" />
          <div>
            <h1 id="login-title">Đăng nhập VănThư</h1>
            {orgName ? <div className="muted">{orgName}</div> : null}
          </div>
        </div>
        <ErrorBanner message={error} />
        <label className="field">
          <span className="field-label">Tên đăng nhập</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Mật khẩu</span>
          <input
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            onKeyUp={caps.onKey}
            onKeyDown={caps.onKey}
          />
          <CapsLockHint on={caps.on} />
        </label>
        <button type="submit" className="btn btn-primary login-submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
        <p className="field-hint">Quên mật khẩu? Người quản trị của cơ quan đặt lại được cho bạn.</p>
      </form>
    </main>
  );
}

/** A database without accounts: its first administrator is made here (then signed in). */
export function SetupScreen() {
  const setup = useSession((s) => s.setup);
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapsLock();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) return setError('Hai lần nhập mật khẩu không khớp.');
    setBusy(true);
    setError(null);
    const err = await setup(username.trim(), fullName, password);
    setBusy(false);
    if (err) setError(err.message);
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title" noValidate>
        <div className="login-brand">
          <img src="./icon.png" alt="" width="32" height="32" />
          <div>
            <h1 id="setup-title">Tạo tài khoản quản trị đầu tiên</h1>
            <div className="muted">Cơ sở dữ liệu này chưa có tài khoản nào.</div>
          </div>
        </div>
        <ErrorBanner message={error} />
        <Field
          label="Tên đăng nhập"
          required
          autoFocus
          autoComplete="username"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          hint="Chữ thường không dấu, chữ số, dấu chấm; ví dụ: nguyen.van.a"
        />
        <Field label="Họ và tên" required autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} />
        <Field
          label="Mật khẩu"
          required
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          onKeyUp={caps.onKey}
          hint={`Ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`}
        />
        <Field
          label="Nhập lại mật khẩu"
          required
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          onKeyUp={caps.onKey}
        />
        <CapsLockHint on={caps.on} />
        <button type="submit" className="btn btn-primary login-submit" disabled={busy}>
          {busy ? 'Đang tạo…' : 'Tạo tài khoản và đăng nhập'}
        </button>
      </form>
    </main>
  );
}

/** Focuses an element once it is shown (dialogs that open over the app). */
export function useFocusOnShow<T extends HTMLElement>(show: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show]);
  return ref;
}

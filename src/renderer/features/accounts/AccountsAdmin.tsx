/**
 * «Tài khoản» — the administrator's screen: every account with its unit (from the directory),
 * roles, the confidential grant and its state (active, disabled, locked out after wrong
 * passwords and for how long still); adding and editing one (roles and the grant as check
 * boxes), resetting a password (typed twice, never shown again; the person must change it at
 * the next sign-in), disabling and enabling (history stays), and the idle minutes before a
 * window locks. Every refusal comes back from the accounts service with its code and its
 * Vietnamese message (weak_password, last_admin, username_taken, unknown_role…), shown beside
 * the field it concerns. Passwords live only in the open dialog's fields and are cleared after
 * every submit, whatever the answer.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  MAX_IDLE_LOCK_MINUTES,
  MIN_IDLE_LOCK_MINUTES,
  PASSWORD_MIN_LENGTH,
  ROLE_LABELS,
  ROLES,
  roleList,
  type AccountView,
  type Role,
} from '../../../shared/domain/accounts';
import { call } from '../../api/client';
import { describedBy, FieldShell } from '../../components/FieldShell';
import { ErrorBanner, FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { toastSuccess } from '../../stores/toastStore';
import { useUnits } from '../followup/unitsStore';
import { useSession } from './sessionStore';
import './accounts.css';

const ROLE_HINTS: Record<Role, string> = {
  clerk: 'vào sổ, cấp số, ban hành, ký số của cơ quan',
  leader: 'chỉ đạo, giao xử lý, duyệt, ký số người có thẩm quyền',
  specialist: 'xử lý văn bản giao cho đơn vị mình, soạn dự thảo',
  archivist: 'đọc, tra cứu văn bản thường, lập hồ sơ, lưu trữ',
  admin: 'tài khoản, sổ, lịch, chứng thư tin cậy, cài đặt',
};

/** Minutes left of a lock-out (at least 1 while it lasts), or 0 when it is over. */
export function minutesLeft(lockedUntil: string | null, nowMs = Date.now()): number {
  if (!lockedUntil) return 0;
  const ms = Date.parse(lockedUntil) - nowMs;
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

function stateOf(a: AccountView, nowMs: number): { text: string; cls: string } {
  if (!a.active) return { text: 'Đã vô hiệu hóa', cls: 'state-off' };
  const left = minutesLeft(a.lockedUntil, nowMs);
  if (left > 0) return { text: `Tạm khóa đến ${a.lockedUntil!.slice(11, 16)} (còn ${left} phút) — nhập sai mật khẩu`, cls: 'state-locked' };
  // The office database has no password of this person's (the office was moved to it): only a reset lets them in.
  if (a.dbPasswordResetNeeded) return { text: 'Cần đặt lại mật khẩu', cls: 'state-locked' };
  if (a.mustChangePassword) return { text: 'Chờ đổi mật khẩu', cls: 'state-pending' };
  return { text: 'Đang hoạt động', cls: 'state-on' };
}

const when = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}` : '—');

type Dialog = { kind: 'add' } | { kind: 'edit'; account: AccountView } | { kind: 'reset'; account: AccountView } | null;

/** The fields the service names in its refusals, shown beside the control; the rest above the buttons. */
const FORM_FIELDS = ['username', 'fullName', 'roles', 'password', 'unit'];

export function AccountsAdmin() {
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const me = useSession((s) => s.session?.username);

  const reload = async () => {
    const r = await call('account.list', {});
    setNowMs(Date.now());
    if (r.ok) {
      setAccounts(r.value);
      setError(null);
    } else setError(r.error.message);
  };
  useEffect(() => {
    void reload();
    void useUnits.getState().load();
    // The time left of a lock-out counts down while the screen is open.
    const t = setInterval(() => setNowMs(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  const setActive = async (a: AccountView, active: boolean) => {
    const r = await call(active ? 'account.enable' : 'account.disable', { username: a.username });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    toastSuccess(
      active ? `Đã kích hoạt lại tài khoản ${a.username}.` : `Đã vô hiệu hóa tài khoản ${a.username}; lịch sử của tài khoản vẫn được giữ.`,
    );
    await reload();
  };

  return (
    <div className="accounts-admin" aria-label="Quản lý tài khoản">
      <div className="list-toolbar">
        <h2 className="list-title">Tài khoản người dùng</h2>
        {accounts ? <span className="muted">{accounts.length} tài khoản</span> : null}
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })}>
          Thêm tài khoản
        </button>
      </div>
      <ErrorBanner message={error} />
      <div className="accounts-scroll">
        {accounts === null ? (
          <p className="muted">Đang tải…</p>
        ) : (
          <table className="data-table accounts-table" aria-label="Danh sách tài khoản">
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Văn bản mật</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Đăng nhập gần nhất</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => {
                const st = stateOf(a, nowMs);
                return (
                  <tr key={a.username} data-username={a.username} className={a.active ? undefined : 'row-off'}>
                    <td>
                      <strong>{a.username}</strong>
                      {a.username === me ? <span className="muted"> (bạn)</span> : null}
                    </td>
                    <td>{a.fullName}</td>
                    <td>{a.unitName ?? <span className="muted">—</span>}</td>
                    <td>{roleList(a.roles, 'và')}</td>
                    <td>{a.confidential ? 'Được xem' : <span className="muted">Không</span>}</td>
                    <td>
                      <span className={`account-state ${st.cls}`}>{st.text}</span>
                      {a.active && a.dbPasswordResetNeeded && minutesLeft(a.lockedUntil, nowMs) === 0 ? (
                        <div className="muted small">Máy chủ cơ sở dữ liệu chưa có mật khẩu của tài khoản này: chưa đăng nhập được</div>
                      ) : null}
                      {a.active && a.failedLogins > 0 && st.cls !== 'state-locked' ? (
                        <div className="muted small">Sai mật khẩu {a.failedLogins} lần liên tiếp</div>
                      ) : null}
                    </td>
                    <td className="nowrap">{when(a.lastLoginAt)}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Sửa tài khoản ${a.username}`}
                        onClick={() => setDialog({ kind: 'edit', account: a })}
                      >
                        Sửa
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`Đặt lại mật khẩu của ${a.username}`}
                        onClick={() => setDialog({ kind: 'reset', account: a })}
                      >
                        Đặt lại mật khẩu
                      </button>
                      {a.active ? (
                        <button
                          type="button"
                          className="btn btn-small btn-danger-outline"
                          aria-label={`Vô hiệu hóa tài khoản ${a.username}`}
                          disabled={a.username === me}
                          title={a.username === me ? 'Không tự vô hiệu hóa tài khoản đang đăng nhập' : undefined}
                          onClick={() => void setActive(a, false)}
                        >
                          Vô hiệu hóa
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Kích hoạt tài khoản ${a.username}`}
                          onClick={() => void setActive(a, true)}
                        >
                          Kích hoạt
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <IdleSetting />
      {dialog?.kind === 'add' || dialog?.kind === 'edit' ? (
        <AccountDialog
          account={dialog.kind === 'edit' ? dialog.account : null}
          onClose={() => setDialog(null)}
          onSaved={async (a, added) => {
            setDialog(null);
            toastSuccess(
              added
                ? `Đã thêm tài khoản ${a.username}; người dùng sẽ đổi mật khẩu ở lần đăng nhập đầu.`
                : `Đã lưu tài khoản ${a.username}.`,
            );
            await reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'reset' ? (
        <ResetDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onDone={async () => {
            toastSuccess(`Đã đặt lại mật khẩu của ${dialog.account.username}; người dùng phải đổi mật khẩu khi đăng nhập.`);
            setDialog(null);
            await reload();
          }}
        />
      ) : null}
    </div>
  );
}

function PasswordPair({
  prefix,
  label,
  password,
  again,
  setPassword,
  setAgain,
  error,
  hint,
}: {
  prefix: string;
  label: string;
  password: string;
  again: string;
  setPassword(v: string): void;
  setAgain(v: string): void;
  error?: string;
  hint: string;
}) {
  return (
    <>
      <FieldShell id={`${prefix}-pw`} label={label} required error={error} hint={hint}>
        <input
          id={`${prefix}-pw`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...describedBy(`${prefix}-pw`, error, hint)}
        />
      </FieldShell>
      <FieldShell id={`${prefix}-pw2`} label={`Nhập lại ${label.charAt(0).toLowerCase()}${label.slice(1)}`} required>
        <input id={`${prefix}-pw2`} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </FieldShell>
    </>
  );
}

function AccountDialog({
  account,
  onClose,
  onSaved,
}: {
  account: AccountView | null;
  onClose(): void;
  onSaved(a: AccountView, added: boolean): Promise<void>;
}) {
  const units = useUnits((s) => s.units);
  const [username, setUsername] = useState(account?.username ?? '');
  const [fullName, setFullName] = useState(account?.fullName ?? '');
  const [unit, setUnit] = useState(account?.unit ?? '');
  const [roles, setRoles] = useState<Role[]>(account?.roles ?? []);
  const [confidential, setConfidential] = useState(account?.confidential ?? false);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const errs: Record<string, string> = {};
    if (!account && !username.trim()) errs.username = 'Tên đăng nhập: chưa nhập.';
    if (!fullName.trim()) errs.fullName = 'Họ và tên: chưa nhập.';
    if (roles.length === 0) errs.roles = 'Vai trò: chọn ít nhất một vai trò.';
    if (!account && !password) errs.password = 'Mật khẩu ban đầu: chưa nhập.';
    else if (!account && password !== again) errs.password = 'Hai lần nhập mật khẩu không khớp.';
    if (Object.keys(errs).length) {
      setErrors(errs);
      return;
    }
    setBusy(true);
    const common = { fullName: fullName.trim(), unit: unit || null, roles, confidential };
    const r = account
      ? await call('account.update', { username: account.username, ...common })
      : await call('account.add', { username: username.trim(), password, ...common });
    // The password is gone from the page once sent, whatever the answer.
    setPassword('');
    setAgain('');
    setBusy(false);
    if (!r.ok) {
      const field = r.error.field && FORM_FIELDS.includes(r.error.field) ? r.error.field : 'general';
      setErrors({ [field]: r.error.message });
      return;
    }
    await onSaved(r.value, !account);
  };

  const usernameHint = 'chữ thường không dấu, chữ số, dấu . _ - (3–32 ký tự), ví dụ vt.lan';
  const unitHint = 'Chuyên viên chỉ thấy văn bản giao cho đơn vị mình.';
  return (
    <Modal title={account ? `Sửa tài khoản ${account.username}` : 'Thêm tài khoản'} onClose={onClose} className="modal-wide account-dialog">
      <form
        aria-label={account ? 'Sửa tài khoản' : 'Thêm tài khoản'}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        {account ? null : (
          <FieldShell id="acc-username" label="Tên đăng nhập" required error={errors.username} hint={usernameHint}>
            <input
              id="acc-username"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              maxLength={32}
              onChange={(e) => setUsername(e.target.value)}
              {...describedBy('acc-username', errors.username, usernameHint)}
            />
          </FieldShell>
        )}
        <FieldShell id="acc-fullname" label="Họ và tên" required error={errors.fullName}>
          <input
            id="acc-fullname"
            type="text"
            autoComplete="off"
            value={fullName}
            maxLength={100}
            onChange={(e) => setFullName(e.target.value)}
            {...describedBy('acc-fullname', errors.fullName)}
          />
        </FieldShell>
        <FieldShell id="acc-unit" label="Đơn vị" error={errors.unit} hint={unitHint}>
          <select id="acc-unit" value={unit} onChange={(e) => setUnit(e.target.value)} {...describedBy('acc-unit', errors.unit, unitHint)}>
            <option value="">— Không thuộc đơn vị nào —</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
        </FieldShell>
        <fieldset className="role-boxes" aria-describedby={errors.roles ? 'acc-roles-error' : undefined}>
          <legend className="field-label required">Vai trò</legend>
          {ROLES.map((r) => (
            <label key={r} className="check role-box">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) =>
                  setRoles((rs) => (e.target.checked ? ROLES.filter((x) => x === r || rs.includes(x)) : rs.filter((x) => x !== r)))
                }
              />
              <span>
                <strong>{ROLE_LABELS[r]}</strong> <span className="muted">— {ROLE_HINTS[r]}</span>
              </span>
            </label>
          ))}
          {errors.roles ? (
            <div className="field-error" id="acc-roles-error" role="alert">
              {errors.roles}
            </div>
          ) : null}
        </fieldset>
        <label className="check confidential-grant">
          <input type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} />
          <span>
            <strong>Được xem văn bản mật</strong>{' '}
            <span className="muted">(sổ văn bản mật và văn bản có độ mật; mỗi lần mở được ghi nhật ký)</span>
          </span>
        </label>
        {account ? null : (
          <PasswordPair
            prefix="acc"
            label="Mật khẩu ban đầu"
            password={password}
            again={again}
            setPassword={(v) => {
              setPassword(v);
              if (errors.password) setErrors(({ password: _gone, ...rest }) => rest);
            }}
            setAgain={(v) => {
              setAgain(v);
              if (errors.password) setErrors(({ password: _gone, ...rest }) => rest);
            }}
            error={errors.password}
            hint={`Ít nhất ${PASSWORD_MIN_LENGTH} ký tự; người dùng phải đổi ở lần đăng nhập đầu.`}
          />
        )}
        <ErrorBanner message={errors.general} />
        <FormActions submitLabel={account ? 'Lưu' : 'Thêm tài khoản'} submitDisabled={busy} cancelLabel="Hủy" onCancel={onClose} />
      </form>
    </Modal>
  );
}

function ResetDialog({ account, onClose, onDone }: { account: AccountView; onClose(): void; onDone(): Promise<void> }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!password) return setError('Mật khẩu mới: chưa nhập.');
    if (password !== again) return setError('Hai lần nhập mật khẩu không khớp.');
    setBusy(true);
    const r = await call('account.resetPassword', { username: account.username, password });
    setPassword('');
    setAgain('');
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    await onDone();
  };
  return (
    <Modal title={`Đặt lại mật khẩu của ${account.fullName}`} onClose={onClose} className="account-dialog">
      <form
        aria-label="Đặt lại mật khẩu"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">
          Tài khoản <strong>{account.username}</strong> được mở khóa; người dùng phải đổi mật khẩu tạm này ở lần đăng nhập tới. Mật khẩu
          không được hiển thị lại: hãy báo cho người dùng một cách an toàn.
        </p>
        {account.dbPasswordResetNeeded ? (
          <p className="muted">Mật khẩu tạm này cũng được đặt cho tài khoản trên máy chủ cơ sở dữ liệu, để người dùng đăng nhập được.</p>
        ) : null}
        <PasswordPair
          prefix="reset"
          label="Mật khẩu tạm"
          password={password}
          again={again}
          setPassword={setPassword}
          setAgain={setAgain}
          error={error}
          hint={`Ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`}
        />
        <FormActions submitLabel="Đặt lại mật khẩu" submitDisabled={busy} cancelLabel="Hủy" onCancel={onClose} />
      </form>
    </Modal>
  );
}

function IdleSetting() {
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (r.ok) setMinutes(String(r.value.idleLockMinutes));
    });
  }, []);
  const save = async () => {
    const n = Number(minutes);
    if (!/^\d+$/.test(minutes.trim()) || n < MIN_IDLE_LOCK_MINUTES || n > MAX_IDLE_LOCK_MINUTES) {
      return setError(`Phải là số nguyên từ ${MIN_IDLE_LOCK_MINUTES} đến ${MAX_IDLE_LOCK_MINUTES}.`);
    }
    const r = await call('settings.update', { idleLockMinutes: n });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    // This window's own timer follows at once; the server applies it to every session.
    const s = useSession.getState().session;
    if (s) useSession.setState({ session: { ...s, idleLockMinutes: r.value.idleLockMinutes } });
    toastSuccess(`Phiên làm việc sẽ tạm khóa sau ${r.value.idleLockMinutes} phút không thao tác.`);
  };
  const hint = `Từ ${MIN_IDLE_LOCK_MINUTES} đến ${MAX_IDLE_LOCK_MINUTES} phút; mặc định 15.`;
  return (
    <section className="idle-setting" aria-labelledby="idle-title">
      <h3 id="idle-title">Tự động khóa phiên làm việc</h3>
      <form
        className="idle-form"
        aria-label="Tự động khóa phiên"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        <FieldShell id="idle-minutes" label="Số phút không thao tác trước khi khóa" error={error} hint={hint}>
          <input
            id="idle-minutes"
            type="number"
            inputMode="numeric"
            min={MIN_IDLE_LOCK_MINUTES}
            max={MAX_IDLE_LOCK_MINUTES}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            {...describedBy('idle-minutes', error, hint)}
          />
        </FieldShell>
        <button type="submit" className="btn">
          Lưu
        </button>
      </form>
    </section>
  );
}

/**
 * Accounts: the first administrator, signing in (with lock-out after repeated wrong
 * passwords), the administrator's management of accounts, changing one's own password,
 * command-line sessions, and the idle-lock setting. Every change is audited under the
 * acting account's username; no password (nor its hash) ever reaches an audit entry,
 * a result or an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  CLI_SESSION_MAX_HOURS,
  DEFAULT_IDLE_LOCK_MINUTES,
  isRole,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  MAX_IDLE_LOCK_MINUTES,
  MIN_IDLE_LOCK_MINUTES,
  sortRoles,
  USERNAME_RE,
  type AccountView,
  type Principal,
  type Role,
} from '../../shared/domain/accounts.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { parseInstant, toVnIso } from '../../shared/text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { AccountChanges, AccountRow, Repositories, Store } from '../store/ports.js';
import { unitIdOf } from '../workflow/directoryService.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';

const IDLE_KEY = 'idle_lock_minutes';
/** A command-line session's last use is written at most this often (see resumeCliSession). */
const CLI_SESSION_RENEW_MS = 60_000;

export interface NewAccountInput {
  username: unknown;
  fullName: unknown;
  unit?: unknown;
  roles: unknown;
  confidential?: unknown;
  password: unknown;
}

export interface AccountUpdateInput {
  username: unknown;
  fullName?: unknown;
  /** A unit code; null removes the unit. */
  unit?: unknown;
  roles?: unknown;
  confidential?: unknown;
}

/** A signed-in account: who, and whether the password must be changed first. */
export interface SignedIn {
  principal: Principal;
  mustChangePassword: boolean;
}

const fail = (code: Parameters<typeof makeError>[0], opts: Parameters<typeof makeError>[1] = {}) => new AppFailure(makeError(code, opts));

export function normalizeUsername(v: unknown): string {
  const u = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (!USERNAME_RE.test(u)) {
    // Echo only what looks like a name: a password typed into the wrong box is not repeated.
    const shown = typeof v === 'string' && v.length <= 32 && /^[\p{L}\p{N}._ -]*$/u.test(v) ? v : '…';
    throw fail('invalid_username', { field: 'username', params: { value: shown } });
  }
  return u;
}

function fullNameOf(v: unknown): string {
  const s = typeof v === 'string' ? tidySpaces(nfc(v)) : '';
  if (!s) throw fail('required', { field: 'fullName' });
  if (hasControlChars(s)) throw fail('control_chars', { field: 'fullName' });
  if ([...s].length > 100) throw fail('too_long', { field: 'fullName', params: { max: 100 } });
  return s;
}

function rolesOf(v: unknown): Role[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  for (const r of list) {
    if (!isRole(r)) throw fail('unknown_role', { field: 'roles', params: { value: String(r).slice(0, 40) } });
  }
  const roles = sortRoles(list as string[]);
  if (roles.length === 0) throw fail('required', { field: 'roles' });
  return roles;
}

function passwordOf(v: unknown): string {
  if (typeof v !== 'string' || v === '') throw fail('required', { field: 'password' });
  return v;
}

export function toView(a: AccountRow, now: number): AccountView {
  const locked = a.lockedUntil && (parseInstant(a.lockedUntil) ?? 0) > now ? a.lockedUntil : null;
  return {
    username: a.username,
    fullName: a.fullName,
    unit: a.unit,
    unitName: a.unitName,
    roles: a.roles,
    confidential: a.confidential,
    active: a.active,
    mustChangePassword: a.mustChangePassword,
    failedLogins: a.failedLogins,
    lockedUntil: locked,
    lastLoginAt: a.lastLoginAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    dbPasswordResetNeeded: a.dbPasswordResetNeeded,
  };
}

export function principalOf(a: AccountRow): Principal {
  return {
    username: a.username,
    fullName: a.fullName,
    roles: a.roles,
    confidential: a.confidential,
    unit: a.unit,
    unitName: a.unitName,
    unitId: a.unitId,
  };
}

/** What the audit trail records of an account (never its password hash). */
function auditView(a: Pick<AccountRow, 'username' | 'fullName' | 'unit' | 'roles' | 'confidential' | 'active'>) {
  return { username: a.username, fullName: a.fullName, unit: a.unit, roles: a.roles, confidential: a.confidential, active: a.active };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private now(): { ms: number; at: string } {
    const ms = this.clock();
    return { ms, at: toVnIso(ms) };
  }

  private async load(repos: Repositories, username: unknown): Promise<AccountRow> {
    const u = normalizeUsername(username);
    const a = await repos.accounts.byUsername(u);
    if (!a) throw fail('account_not_found', { field: 'username', params: { value: u } });
    return a;
  }

  /** True while the database has no account: the first administrator is to be created. */
  async needsSetup(): Promise<boolean> {
    return (await this.store.read((r) => r.accounts.count())) === 0;
  }

  /**
   * The first administrator of a database without accounts (`init --admin`, the app's
   * first-run screen). Refused once any account exists: then only an administrator adds.
   */
  async setup(input: { username: unknown; fullName: unknown; password: unknown }): Promise<SignedIn> {
    const username = normalizeUsername(input.username);
    const fullName = fullNameOf(input.fullName);
    const password = passwordOf(input.password);
    checkPasswordStrength(password, username);
    const hash = await hashPassword(password);
    const { at } = this.now();
    return this.store.write(async (repos) => {
      if ((await repos.accounts.count()) > 0) throw fail('setup_done');
      const id = await repos.accounts.insert({
        username,
        fullName,
        unitId: null,
        confidential: false,
        active: true,
        passwordHash: hash,
        mustChangePassword: false,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: at,
        passwordChangedAt: at,
        createdAt: at,
      });
      await repos.accounts.setRoles(id, ['admin']);
      await repos.accounts.syncLogin?.({ username, roles: ['admin'], confidential: false, active: true, password });
      const row = (await repos.accounts.byUsername(username))!;
      await appendAudit(repos, at, { actor: username, action: 'setup', entity: 'account', entityId: id, data: { new: auditView(row) } });
      return { principal: principalOf(row), mustChangePassword: false };
    });
  }

  /**
   * Signs in. A wrong password counts towards the lock-out (MAX_FAILED_LOGINS in a row lock
   * the account for LOCKOUT_MINUTES); each refusal is audited — an unknown name without the
   * name typed (it may be a password typed into the wrong box).
   */
  async authenticate(usernameInput: unknown, passwordInput: unknown, opts: { signIn?: boolean } = { signIn: true }): Promise<SignedIn> {
    const password = typeof passwordInput === 'string' ? passwordInput : '';
    let username: string;
    try {
      username = normalizeUsername(usernameInput);
    } catch {
      await verifyPassword(password, null);
      await this.auditRefusal(null, 'invalid_username');
      throw fail('invalid_credentials');
    }
    const account = await this.store.read((r) => r.accounts.byUsername(username));
    const checked = await verifyPassword(password, account?.passwordHash ?? null);
    const { ms, at } = this.now();
    if (!account) {
      await this.auditRefusal(null, 'unknown_user');
      throw fail('invalid_credentials');
    }
    const lockedUntil = account.lockedUntil ? (parseInstant(account.lockedUntil) ?? 0) : 0;
    if (lockedUntil > ms) {
      await this.auditRefusal(account, 'locked');
      throw fail('account_locked', { params: { max: MAX_FAILED_LOGINS, until: account.lockedUntil!.slice(11, 16) } });
    }
    if (!checked.ok) {
      const lock = await this.store.write(async (repos) => {
        const fresh = (await repos.accounts.byUsername(username))!;
        // A lock that has run out starts the count again.
        const expired = fresh.lockedUntil !== null && (parseInstant(fresh.lockedUntil) ?? 0) <= ms;
        const failures = (expired ? 0 : fresh.failedLogins) + 1;
        const until = failures >= MAX_FAILED_LOGINS ? toVnIso(ms + LOCKOUT_MINUTES * 60_000) : null;
        await repos.accounts.update(fresh.id, { failedLogins: until ? 0 : failures, lockedUntil: until }, at);
        await appendAudit(repos, at, {
          actor: username,
          action: until ? 'locked' : 'login_failed',
          entity: 'account',
          entityId: fresh.id,
          data: until ? { reason: 'wrong_password', failures, until } : { reason: 'wrong_password', failures },
        });
        return until;
      });
      if (lock) throw fail('account_locked', { params: { max: MAX_FAILED_LOGINS, until: lock.slice(11, 16) } });
      throw fail('invalid_credentials');
    }
    if (!account.active) {
      await this.auditRefusal(account, 'disabled');
      throw fail('account_disabled');
    }
    const rehash = checked.rehash ? await hashPassword(password) : undefined;
    // A sign-in is recorded (last sign-in shown to the administrator); a command run with
    // --user writes only what must change (failures to forget, an old hash to renew), so a
    // command that is refused afterwards has written nothing.
    const signIn = opts.signIn !== false;
    if (signIn || account.failedLogins > 0 || account.lockedUntil !== null || rehash) {
      await this.store.write(async (repos) => {
        await repos.accounts.update(
          account.id,
          { failedLogins: 0, lockedUntil: null, lastLoginAt: signIn ? at : undefined, passwordHash: rehash },
          at,
        );
      });
    }
    return { principal: principalOf(account), mustChangePassword: account.mustChangePassword };
  }

  private async auditRefusal(account: AccountRow | null, reason: string): Promise<void> {
    const { at } = this.now();
    await this.store.write((repos) =>
      appendAudit(repos, at, {
        actor: account?.username ?? '-',
        action: 'login_refused',
        entity: 'account',
        entityId: account?.id ?? null,
        data: { reason },
      }),
    );
  }

  /** The account behind a session, as it is now (roles changed, disabled…); null if gone or disabled. */
  async current(username: string): Promise<SignedIn | null> {
    const a = await this.store.read((r) => r.accounts.byUsername(username));
    return a && a.active ? { principal: principalOf(a), mustChangePassword: a.mustChangePassword } : null;
  }

  async changePassword(username: string, current: unknown, next: unknown): Promise<SignedIn> {
    const nextPw = passwordOf(next);
    // The current password first (it counts towards the lock-out like any sign-in).
    await this.authenticate(username, current);
    checkPasswordStrength(nextPw, username);
    if (nextPw.normalize('NFC') === String(current).normalize('NFC')) {
      throw fail('weak_password', { field: 'next', params: { reason: 'mật khẩu mới phải khác mật khẩu hiện tại' } });
    }
    const hash = await hashPassword(nextPw);
    const { at } = this.now();
    return this.store.write(async (repos) => {
      const a = await this.load(repos, username);
      await repos.accounts.update(a.id, { passwordHash: hash, mustChangePassword: false, passwordChangedAt: at }, at);
      // Other command-line sessions of this person end with the old password.
      await repos.accounts.deleteSessionsOf(a.id);
      // Connected as themselves, a person may set their own database password (and only that).
      await repos.accounts.syncLogin?.({
        username,
        roles: a.roles,
        confidential: a.confidential,
        active: a.active,
        password: nextPw,
        self: true,
      });
      await appendAudit(repos, at, { actor: username, action: 'password_change', entity: 'account', entityId: a.id, data: { username } });
      return { principal: principalOf(a), mustChangePassword: false };
    });
  }

  async list(): Promise<AccountView[]> {
    const rows = await this.store.read((r) => r.accounts.list());
    const { ms } = this.now();
    return rows.map((a) => toView(a, ms));
  }

  async get(username: unknown): Promise<AccountView> {
    const a = await this.store.read((r) => this.load(r, username));
    return toView(a, this.now().ms);
  }

  async add(input: NewAccountInput, actor: string): Promise<AccountView> {
    const username = normalizeUsername(input.username);
    const fullName = fullNameOf(input.fullName);
    const roles = rolesOf(input.roles);
    const password = passwordOf(input.password);
    checkPasswordStrength(password, username);
    const hash = await hashPassword(password);
    const { ms, at } = this.now();
    return this.store.write(async (repos) => {
      if (await repos.accounts.byUsername(username)) throw fail('username_taken', { field: 'username', params: { value: username } });
      const unit = input.unit === undefined || input.unit === null || input.unit === '' ? null : await unitIdOf(repos, input.unit);
      const id = await repos.accounts.insert({
        username,
        fullName,
        unitId: unit?.id ?? null,
        confidential: input.confidential === true,
        active: true,
        passwordHash: hash,
        // The administrator chose this password: the person sets their own at first sign-in.
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        passwordChangedAt: at,
        createdAt: at,
      });
      await repos.accounts.setRoles(id, roles);
      await repos.accounts.syncLogin?.({ username, roles, confidential: input.confidential === true, active: true, password });
      const row = (await repos.accounts.byUsername(username))!;
      await appendAudit(repos, at, { actor, action: 'create', entity: 'account', entityId: id, data: { new: auditView(row) } });
      return toView(row, ms);
    });
  }

  /** The last active administrator stays one: never demoted, disabled or removed. */
  private async keepAnAdmin(repos: Repositories, before: AccountRow, after: { active: boolean; roles: readonly Role[] }, what: string) {
    const wasAdmin = before.active && before.roles.includes('admin');
    const staysAdmin = after.active && after.roles.includes('admin');
    if (wasAdmin && !staysAdmin && (await repos.accounts.countActiveAdmins()) <= 1) {
      throw fail('last_admin', { field: 'username', params: { value: what } });
    }
  }

  async update(input: AccountUpdateInput, actor: string): Promise<AccountView> {
    const fullName = input.fullName === undefined ? undefined : fullNameOf(input.fullName);
    const roles = input.roles === undefined ? undefined : rolesOf(input.roles);
    if (input.confidential !== undefined && typeof input.confidential !== 'boolean') throw fail('invalid_input', { field: 'confidential' });
    const { ms, at } = this.now();
    return this.store.write(async (repos) => {
      const a = await this.load(repos, input.username);
      const changes: AccountChanges = {};
      if (fullName !== undefined && fullName !== a.fullName) changes.fullName = fullName;
      if (input.confidential !== undefined && input.confidential !== a.confidential) changes.confidential = input.confidential as boolean;
      if (input.unit !== undefined) {
        const unitId = input.unit === null || input.unit === '' ? null : (await unitIdOf(repos, input.unit)).id;
        if (unitId !== a.unitId) changes.unitId = unitId;
      }
      const rolesChanged = roles !== undefined && roles.join(',') !== a.roles.join(',');
      if (rolesChanged) await this.keepAnAdmin(repos, a, { active: a.active, roles: roles! }, 'bỏ vai trò quản trị');
      if (!rolesChanged && Object.keys(changes).length === 0) return toView(a, ms);
      await repos.accounts.update(a.id, changes, at);
      if (rolesChanged) await repos.accounts.setRoles(a.id, roles!);
      const row = (await repos.accounts.byUsername(a.username))!;
      await repos.accounts.syncLogin?.({ username: row.username, roles: row.roles, confidential: row.confidential, active: row.active });
      await appendAudit(repos, at, {
        actor,
        action: 'update',
        entity: 'account',
        entityId: a.id,
        data: { old: auditView(a), new: auditView(row) },
      });
      return toView(row, ms);
    });
  }

  async setActive(usernameInput: unknown, active: boolean, actor: string): Promise<AccountView> {
    const { ms, at } = this.now();
    return this.store.write(async (repos) => {
      const a = await this.load(repos, usernameInput);
      if (a.active === active) return toView(a, ms);
      if (!active) await this.keepAnAdmin(repos, a, { active: false, roles: a.roles }, 'vô hiệu hóa');
      await repos.accounts.update(a.id, { active }, at);
      // A disabled account's command-line sessions end now (its history stays).
      if (!active) await repos.accounts.deleteSessionsOf(a.id);
      await repos.accounts.syncLogin?.({ username: a.username, roles: a.roles, confidential: a.confidential, active });
      await appendAudit(repos, at, {
        actor,
        action: active ? 'enable' : 'disable',
        entity: 'account',
        entityId: a.id,
        data: { username: a.username },
      });
      return toView((await repos.accounts.byUsername(a.username))!, ms);
    });
  }

  /** A new password the person must change at their next sign-in; clears a lock-out. */
  async resetPassword(usernameInput: unknown, passwordInput: unknown, actor: string): Promise<AccountView> {
    const username = normalizeUsername(usernameInput);
    const password = passwordOf(passwordInput);
    checkPasswordStrength(password, username);
    const hash = await hashPassword(password);
    const { ms, at } = this.now();
    return this.store.write(async (repos) => {
      const a = await this.load(repos, username);
      await repos.accounts.update(
        a.id,
        { passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: at },
        at,
      );
      await repos.accounts.deleteSessionsOf(a.id);
      await repos.accounts.syncLogin?.({ username, roles: a.roles, confidential: a.confidential, active: a.active, password });
      await appendAudit(repos, at, { actor, action: 'reset_password', entity: 'account', entityId: a.id, data: { username } });
      return toView((await repos.accounts.byUsername(username))!, ms);
    });
  }

  async idleLockMinutes(): Promise<number> {
    const v = Number(await this.store.read((r) => r.meta.get(IDLE_KEY)));
    return Number.isInteger(v) && v >= MIN_IDLE_LOCK_MINUTES && v <= MAX_IDLE_LOCK_MINUTES ? v : DEFAULT_IDLE_LOCK_MINUTES;
  }

  async setIdleLockMinutes(minutes: unknown, actor: string): Promise<{ idleLockMinutes: number }> {
    const n = typeof minutes === 'number' ? minutes : typeof minutes === 'string' && /^\d+$/.test(minutes) ? Number(minutes) : NaN;
    if (!Number.isInteger(n) || n < MIN_IDLE_LOCK_MINUTES || n > MAX_IDLE_LOCK_MINUTES) {
      throw fail('invalid_number', { field: 'idleLockMinutes', params: { min: MIN_IDLE_LOCK_MINUTES, max: MAX_IDLE_LOCK_MINUTES } });
    }
    const { at } = this.now();
    await this.store.write(async (repos) => {
      const old = await repos.meta.get(IDLE_KEY);
      if (old === String(n)) return;
      await repos.meta.set(IDLE_KEY, String(n));
      await appendAudit(repos, at, { actor, action: 'update', entity: 'settings', entityId: null, data: { idleLockMinutes: n } });
    });
    return { idleLockMinutes: n };
  }

  /**
   * A command-line session (`vanthu login`): a random token the caller keeps in the user's
   * own config folder; the database keeps only its SHA-256.
   */
  async openCliSession(username: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const { at } = this.now();
    await this.store.write(async (repos) => {
      const a = await this.load(repos, username);
      await repos.accounts.insertSession(sha256(token), a.id, at);
    });
    return token;
  }

  /**
   * The account of a command-line session, if the session is still good: used within the
   * idle limit (each use renews it, at most once a minute) and younger than CLI_SESSION_MAX_HOURS.
   */
  async resumeCliSession(token: string): Promise<SignedIn> {
    const hash = sha256(token);
    const idle = await this.idleLockMinutes();
    const { ms, at } = this.now();
    // Read first: most commands come within a minute of the last, and renewing the session then
    // would make every read-only command (search, list) commit a write of its own.
    const { s, a } = await this.store.read(async (repos) => {
      const s = await repos.accounts.session(hash);
      return { s, a: s ? await repos.accounts.byId(s.accountId) : null };
    });
    if (!s) throw fail('session_expired');
    const lastSeen = parseInstant(s.lastSeenAt) ?? 0;
    const created = parseInstant(s.createdAt) ?? 0;
    if (!a || !a.active || ms - lastSeen > idle * 60_000 || ms - created > CLI_SESSION_MAX_HOURS * 3_600_000) {
      await this.store.write((repos) => repos.accounts.deleteSession(hash));
      throw fail('session_expired');
    }
    // Renewed at most once a minute: the idle limit counts whole minutes.
    if (ms - lastSeen >= CLI_SESSION_RENEW_MS) await this.store.write((repos) => repos.accounts.touchSession(hash, at));
    return { principal: principalOf(a), mustChangePassword: a.mustChangePassword };
  }

  async endCliSession(token: string): Promise<void> {
    await this.store.write((repos) => repos.accounts.deleteSession(sha256(token)));
  }

  /**
   * A call refused for want of a role, in the audit trail: who tried what. (Nothing else of
   * the refused call is written.)
   */
  async recordRefusal(
    actor: string,
    data: { method?: string; command?: string; needed?: readonly Role[]; reason?: string },
  ): Promise<void> {
    const { at } = this.now();
    await this.store.write((repos) => appendAudit(repos, at, { actor, action: 'refused', entity: 'access', entityId: null, data }));
  }

  /**
   * A sign-in whose password the application knows and the office database does not (a login
   * role made by migrate-to, or its password lost): the account is flagged for the
   * administrator's reset («Cần đặt lại mật khẩu») and the refusal audited, in one transaction.
   * Where this connection may not flag it, the refusal is still audited.
   */
  async dbPasswordUnknown(username: string): Promise<void> {
    const { at } = this.now();
    const data = { reason: 'db_password_unknown' };
    try {
      await this.store.write(async (repos) => {
        await repos.accounts.markDbPasswordResetNeeded?.(username);
        await appendAudit(repos, at, { actor: username, action: 'refused', entity: 'access', entityId: null, data });
      });
    } catch {
      await this.recordRefusal(username, data);
    }
  }

  /** Full names of the audit trail's actors (those that are accounts). */
  async fullNames(usernames: readonly string[]): Promise<Map<string, string>> {
    return this.store.read((r) => r.accounts.fullNames(usernames));
  }
}

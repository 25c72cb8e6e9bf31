/**
 * Personal accounts: who may work in VănThư and with which roles. Pure types and rules,
 * shared by the services (src/main/accounts/), the permission table (src/shared/permissions.ts)
 * and the screens (src/renderer/features/accounts/).
 *
 * A role says what a person may DO; the separate `confidential` grant says whether they
 * may SEE confidential documents at all (secrecy ≠ normal, the registers marked
 * confidential). An administrator manages accounts and settings and is not, by that role,
 * a reader of documents.
 */

export const ROLES = ['clerk', 'leader', 'specialist', 'archivist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** The known roles among these names, in the order of ROLES (stored rows come in any order). */
export function sortRoles(names: readonly string[]): Role[] {
  return ROLES.filter((r) => names.includes(r));
}

/** How the screens and messages name the roles. */
export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'Văn thư',
  leader: 'Lãnh đạo',
  specialist: 'Chuyên viên',
  archivist: 'Lưu trữ',
  admin: 'Quản trị',
};

/** "Văn thư hoặc Lãnh đạo" (the roles an action needs) or, with 'và', the roles a person holds. */
export function roleList(roles: readonly Role[], conjunction: 'hoặc' | 'và' = 'hoặc'): string {
  const names = roles.map((r) => ROLE_LABELS[r]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** Wrong passwords in a row before the account is locked for LOCKOUT_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** A session left alone this long asks for the password again (the administrator may change it). */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MIN_IDLE_LOCK_MINUTES = 1;
export const MAX_IDLE_LOCK_MINUTES = 480;
/** A command-line session (`vanthu login`) ends after this long even when used all the time. */
export const CLI_SESSION_MAX_HOURS = 12;

/** Lower-case ASCII letters, digits, `.`, `_`, `-`; starts with a letter; 3–32 characters. */
export const USERNAME_RE = /^[a-z][a-z0-9._-]{2,31}$/;

/** The signed-in person, as every face hands them to the services. */
export interface Principal {
  username: string;
  fullName: string;
  roles: readonly Role[];
  /** May see confidential documents. */
  confidential: boolean;
  /** Their unit in the directory, if any. */
  unit: string | null;
  unitName: string | null;
  unitId: number | null;
}

/** An account as the administrator's screen and `user list` show it (never the password hash). */
export interface AccountView {
  username: string;
  fullName: string;
  unit: string | null;
  unitName: string | null;
  roles: Role[];
  confidential: boolean;
  active: boolean;
  mustChangePassword: boolean;
  /** Failed sign-ins in a row (reset by a successful one). */
  failedLogins: number;
  /** Locked after too many wrong passwords, until then (ISO, UTC+7); null when not locked. */
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * Office database (PostgreSQL): the account's login role has no password the person knows
   * (after moving the office with migrate-to); they cannot sign in until the administrator
   * resets their password, which clears this. Always false on one PC's database.
   */
  dbPasswordResetNeeded: boolean;
}

/** What the page knows about its session: who, with which rights, and whether it is locked. */
export interface SessionView {
  username: string;
  fullName: string;
  roles: Role[];
  confidential: boolean;
  unit: string | null;
  unitName: string | null;
  /** The password was reset by an administrator: it must be changed before anything else. */
  mustChangePassword: boolean;
  /** Locked after idleLockMinutes without activity: the password is asked again. */
  locked: boolean;
  idleLockMinutes: number;
}

/** Answer of auth.status: the page shows the first-run setup, the sign-in form, or the app. */
export interface AuthStatus {
  /** The organisation's name, for the sign-in screen. */
  orgName: string | null;
  /** No account exists yet: the first administrator is to be created. */
  setupNeeded: boolean;
  session: SessionView | null;
}

/**
 * Whether a person with these roles reads only their unit's documents: a specialist
 * without a role that reads the whole register (clerk, leader, archivist).
 */
export function readsOnlyOwnUnit(roles: readonly Role[]): boolean {
  return roles.includes('specialist') && !roles.some((r) => r === 'clerk' || r === 'leader' || r === 'archivist');
}

/**
 * Sessions of the app's faces (the desktop window, browser mode): kept in the main process's
 * memory, never in the page. The page holds nothing reusable: in the desktop app it has no
 * token at all (the worker keeps the window's one session); in browser mode it has an
 * HttpOnly cookie it cannot read, tied to the web host's per-start secret.
 *
 * A session LOCKS after the idle limit (no sign of the person at the keyboard: the page
 * reports typing and clicks with auth.ping); a locked session answers only the session
 * methods until the same person's password is given again, so the page keeps its unsaved
 * form underneath. The account is re-read now and then, so roles changed or an account
 * disabled by an administrator take effect without signing out.
 */
import { randomBytes } from 'node:crypto';
import type { Principal, SessionView } from '../../shared/domain/accounts.js';
import type { Clock } from '../clock.js';
import type { AccountService, SignedIn } from './accountService.js';

/** How often a session re-reads its account (roles, unit, disabled). */
export const REFRESH_MS = 30_000;
/** A session ends after this long whatever happens. */
export const SESSION_MAX_MS = 12 * 3_600_000;

export interface AppSession {
  readonly id: string;
  principal: Principal;
  mustChangePassword: boolean;
  locked: boolean;
  readonly createdAt: number;
  lastActive: number;
  refreshedAt: number;
}

/** Where a face keeps the current caller's session (the window's; a request's cookie). */
export interface SessionSlot {
  get(): AppSession | null;
  /** Sign-in, sign-out: the face persists the change (a cookie, the window's slot). */
  set(session: AppSession | null): void;
}

/** A slot in memory: the desktop window's one session, or a test's. */
export function memorySlot(initial: AppSession | null = null): SessionSlot {
  let current = initial;
  return {
    get: () => current,
    set: (s) => {
      current = s;
    },
  };
}

export class SessionRegistry {
  private readonly sessions = new Map<string, AppSession>();
  private idle: { minutes: number; readAt: number } | null = null;

  constructor(
    private readonly accounts: AccountService,
    private readonly clock: Clock,
    /** Told when a session ends or locks (a person's own database connection is closed then). */
    private readonly hooks: { ended?(s: AppSession): void; locked?(s: AppSession): void } = {},
  ) {}

  async idleLockMinutes(): Promise<number> {
    const now = this.clock();
    if (!this.idle || now - this.idle.readAt > REFRESH_MS) this.idle = { minutes: await this.accounts.idleLockMinutes(), readAt: now };
    return this.idle.minutes;
  }

  /** The administrator changed the setting here: no need to wait for the next read. */
  forgetSettings(): void {
    this.idle = null;
  }

  open(signedIn: SignedIn): AppSession {
    const now = this.clock();
    const s: AppSession = {
      id: randomBytes(32).toString('base64url'),
      principal: signedIn.principal,
      mustChangePassword: signedIn.mustChangePassword,
      locked: false,
      createdAt: now,
      lastActive: now,
      refreshedAt: now,
    };
    this.sessions.set(s.id, s);
    return s;
  }

  byId(id: string): AppSession | null {
    return this.sessions.get(id) ?? null;
  }

  close(s: AppSession | null): void {
    if (!s) return;
    this.sessions.delete(s.id);
    this.hooks.ended?.(s);
  }

  /** The person is at the keyboard. */
  touch(s: AppSession): void {
    if (!s.locked) s.lastActive = this.clock();
  }

  /**
   * The session as it is now: locked when idle too long; the account re-read every
   * REFRESH_MS. Null (and forgotten) when it ran out or its account is gone or disabled.
   */
  async refresh(s: AppSession): Promise<AppSession | null> {
    const now = this.clock();
    if (!this.sessions.has(s.id) || now - s.createdAt > SESSION_MAX_MS) {
      this.close(s);
      return null;
    }
    if (now - s.refreshedAt > REFRESH_MS) {
      const fresh = await this.accounts.current(s.principal.username);
      if (!fresh) {
        this.close(s);
        return null;
      }
      s.principal = fresh.principal;
      s.mustChangePassword = fresh.mustChangePassword;
      s.refreshedAt = now;
    }
    // The idle limit as last read (no await on the hot path of every call); re-read when stale.
    const idle = this.idle && now - this.idle.readAt <= REFRESH_MS ? this.idle.minutes : await this.idleLockMinutes();
    if (!s.locked && now - s.lastActive > idle * 60_000) {
      s.locked = true;
      this.hooks.locked?.(s);
    }
    return s;
  }

  /** Re-reads the account at once (after its own password change, an administrator's edit here). */
  async reload(s: AppSession): Promise<AppSession | null> {
    s.refreshedAt = 0;
    return this.refresh(s);
  }

  /** An account was changed here (roles, unit, disabled, password reset): its sessions re-read it on their next call. */
  accountChanged(username: string): void {
    for (const s of this.sessions.values()) if (s.principal.username === username) s.refreshedAt = 0;
  }

  unlock(s: AppSession): void {
    s.locked = false;
    s.lastActive = this.clock();
  }

  async view(s: AppSession): Promise<SessionView> {
    const p = s.principal;
    return {
      username: p.username,
      fullName: p.fullName,
      roles: [...p.roles],
      confidential: p.confidential,
      unit: p.unit,
      unitName: p.unitName,
      mustChangePassword: s.mustChangePassword,
      locked: s.locked,
      idleLockMinutes: await this.idleLockMinutes(),
    };
  }
}

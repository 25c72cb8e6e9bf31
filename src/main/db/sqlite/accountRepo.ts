/** Accounts, their roles and command-line sessions (migration 0050). */
import { sortRoles, type Role } from '../../../shared/domain/accounts.js';
import type { AccountChanges, AccountRepository, AccountRow, SessionRow } from '../../store/ports.js';
import type { Statements } from './statements.js';

const SELECT = `SELECT a.id, a.username, a.full_name AS fullName, a.unit_id AS unitId, u.code AS unit, u.name AS unitName,
  (SELECT group_concat(role, ',') FROM account_roles r WHERE r.account_id = a.id) AS roles,
  a.confidential, a.active, a.password_hash AS passwordHash, a.must_change_password AS mustChangePassword,
  a.failed_logins AS failedLogins, a.locked_until AS lockedUntil, a.last_login_at AS lastLoginAt,
  a.password_changed_at AS passwordChangedAt, a.created_at AS createdAt, a.updated_at AS updatedAt
  FROM accounts a LEFT JOIN units u ON u.id = a.unit_id`;

type Raw = Omit<AccountRow, 'roles' | 'confidential' | 'active' | 'mustChangePassword' | 'dbPasswordResetNeeded'> & {
  roles: string | null;
  confidential: number;
  active: number;
  mustChangePassword: number;
};

function toRow(r: Raw): AccountRow {
  return {
    ...r,
    roles: sortRoles(r.roles ? r.roles.split(',') : []),
    confidential: r.confidential === 1,
    active: r.active === 1,
    mustChangePassword: r.mustChangePassword === 1,
    // One PC's database has no login of its own to reset.
    dbPasswordResetNeeded: false,
  };
}

const COLUMN: Record<keyof AccountChanges, string> = {
  fullName: 'full_name',
  unitId: 'unit_id',
  confidential: 'confidential',
  active: 'active',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  lastLoginAt: 'last_login_at',
  passwordChangedAt: 'password_changed_at',
};

export class SqliteAccountRepository implements AccountRepository {
  constructor(private readonly s: Statements) {}

  async count(): Promise<number> {
    return (this.s.get('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  async byUsername(username: string): Promise<AccountRow | null> {
    const r = this.s.get(`${SELECT} WHERE a.username = ?`).get(username) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  async byId(id: number): Promise<AccountRow | null> {
    const r = this.s.get(`${SELECT} WHERE a.id = ?`).get(id) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  async list(): Promise<AccountRow[]> {
    return (this.s.get(`${SELECT} ORDER BY a.username`).all() as Raw[]).map(toRow);
  }

  async insert(a: Omit<AccountRow, 'id' | 'unit' | 'unitName' | 'roles' | 'updatedAt' | 'dbPasswordResetNeeded'>): Promise<number> {
    const info = this.s
      .get(
        `INSERT INTO accounts (username, full_name, unit_id, confidential, active, password_hash, must_change_password,
           failed_logins, locked_until, last_login_at, password_changed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.username,
        a.fullName,
        a.unitId,
        a.confidential ? 1 : 0,
        a.active ? 1 : 0,
        a.passwordHash,
        a.mustChangePassword ? 1 : 0,
        a.failedLogins,
        a.lockedUntil,
        a.lastLoginAt,
        a.passwordChangedAt,
        a.createdAt,
        a.createdAt,
      );
    return Number(info.lastInsertRowid);
  }

  async update(id: number, changes: AccountChanges, at: string): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [k, v] of Object.entries(changes) as [keyof AccountChanges, unknown][]) {
      if (v === undefined) continue;
      sets.push(`${COLUMN[k]} = ?`);
      values.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    }
    sets.push('updated_at = ?');
    // Column names come from COLUMN, never from input; values are bound.
    this.s.db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE id = ?`).run(...values, at, id);
  }

  async setRoles(id: number, roles: readonly Role[]): Promise<void> {
    this.s.get('DELETE FROM account_roles WHERE account_id = ?').run(id);
    const add = this.s.get('INSERT INTO account_roles (account_id, role) VALUES (?, ?)');
    for (const r of roles) add.run(id, r);
  }

  async countActiveAdmins(): Promise<number> {
    return (
      this.s
        .get(`SELECT count(*) AS n FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'admin' WHERE a.active = 1`)
        .get() as { n: number }
    ).n;
  }

  async fullNames(usernames: readonly string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows = this.s
      .get('SELECT username, full_name AS fullName FROM accounts WHERE username IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...new Set(usernames)])) as { username: string; fullName: string }[];
    return new Map(rows.map((r) => [r.username, r.fullName]));
  }

  async insertSession(tokenHash: string, accountId: number, at: string): Promise<void> {
    this.s
      .get('INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, accountId, at, at);
  }

  async session(tokenHash: string): Promise<SessionRow | null> {
    const r = this.s
      .get('SELECT account_id AS accountId, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE token_hash = ?')
      .get(tokenHash) as SessionRow | undefined;
    return r ?? null;
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    this.s.get('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.s.get('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteSessionsOf(accountId: number): Promise<void> {
    this.s.get('DELETE FROM sessions WHERE account_id = ?').run(accountId);
  }
}

/** Accounts, their roles and command-line sessions (migration 0050), on PostgreSQL. */
import { sortRoles, type Role } from '../../../shared/domain/accounts.js';
import type { AccountChanges, AccountRepository, AccountRow, LoginSync, SessionRow } from '../../store/ports.js';
import { hasDatabaseRights, setOwnPassword, syncLoginRole } from './loginRoles.js';
import type { Tx } from './tx.js';

const SELECT = `SELECT a.id, a.username, a.full_name AS "fullName", a.unit_id AS "unitId", u.code AS unit, u.name AS "unitName",
  ARRAY(SELECT role FROM account_roles r WHERE r.account_id = a.id) AS roles,
  a.confidential, a.active, a.password_hash AS "passwordHash", a.must_change_password AS "mustChangePassword",
  a.failed_logins AS "failedLogins", a.locked_until AS "lockedUntil", a.last_login_at AS "lastLoginAt",
  a.password_changed_at AS "passwordChangedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
  a.db_password_reset_needed AS "dbPasswordResetNeeded"
  FROM accounts a LEFT JOIN units u ON u.id = a.unit_id`;

type Raw = Omit<AccountRow, 'roles'> & { roles: string[] };
const toRow = (r: Raw): AccountRow => ({ ...r, roles: sortRoles(r.roles) });

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

export class PgAccountRepository implements AccountRepository {
  constructor(private readonly tx: Tx) {}

  async count(): Promise<number> {
    return Number((await this.tx.q.one<{ n: string }>('SELECT count(*) AS n FROM accounts'))!.n);
  }

  async byUsername(username: string): Promise<AccountRow | null> {
    const r = await this.tx.q.one<Raw>(`${SELECT} WHERE a.username = $1`, [username]);
    return r ? toRow(r) : null;
  }

  async byId(id: number): Promise<AccountRow | null> {
    const r = await this.tx.q.one<Raw>(`${SELECT} WHERE a.id = $1`, [id]);
    return r ? toRow(r) : null;
  }

  async list(): Promise<AccountRow[]> {
    return (await this.tx.q.rows<Raw>(`${SELECT} ORDER BY a.username`)).map(toRow);
  }

  async insert(a: Omit<AccountRow, 'id' | 'unit' | 'unitName' | 'roles' | 'updatedAt' | 'dbPasswordResetNeeded'>): Promise<number> {
    const row = await this.tx.q.one<{ id: number }>(
      `INSERT INTO accounts (username, full_name, unit_id, confidential, active, password_hash, must_change_password,
         failed_logins, locked_until, last_login_at, password_changed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
      [
        a.username,
        a.fullName,
        a.unitId,
        a.confidential,
        a.active,
        a.passwordHash,
        a.mustChangePassword,
        a.failedLogins,
        a.lockedUntil,
        a.lastLoginAt,
        a.passwordChangedAt,
        a.createdAt,
      ],
    );
    return row!.id;
  }

  async update(id: number, changes: AccountChanges, at: string): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [k, v] of Object.entries(changes) as [keyof AccountChanges, unknown][]) {
      if (v === undefined) continue;
      values.push(v);
      sets.push(`${COLUMN[k]} = $${values.length}`);
    }
    values.push(at, id);
    // Column names come from COLUMN, never from input; values are bound.
    await this.tx.q.dyn(
      `UPDATE accounts SET ${[...sets, `updated_at = $${values.length - 1}`].join(', ')} WHERE id = $${values.length}`,
      values,
    );
  }

  async setRoles(id: number, roles: readonly Role[]): Promise<void> {
    await this.tx.q.run('DELETE FROM account_roles WHERE account_id = $1', [id]);
    if (roles.length) {
      await this.tx.q.run('INSERT INTO account_roles (account_id, role) SELECT $1, unnest($2::text[])', [id, [...roles]]);
    }
  }

  async countActiveAdmins(): Promise<number> {
    const r = await this.tx.q.one<{ n: string }>(
      `SELECT count(*) AS n FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'admin' WHERE a.active`,
    );
    return Number(r!.n);
  }

  async fullNames(usernames: readonly string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows = await this.tx.q.rows<{ username: string; fullName: string }>(
      // Through vt_full_names (migration 0219): a person's own connection reads only their own
      // account row, yet names colleagues in histories and records.
      'SELECT username, full_name AS "fullName" FROM vt_full_names($1::text[])',
      [[...new Set(usernames)]],
    );
    return new Map(rows.map((r) => [r.username, r.fullName]));
  }

  async insertSession(tokenHash: string, accountId: number, at: string): Promise<void> {
    await this.tx.q.run('INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [
      tokenHash,
      accountId,
      at,
    ]);
  }

  async session(tokenHash: string): Promise<SessionRow | null> {
    const r = await this.tx.q.one<SessionRow>(
      'SELECT account_id AS "accountId", created_at AS "createdAt", last_seen_at AS "lastSeenAt" FROM sessions WHERE token_hash = $1',
      [tokenHash],
    );
    return r ?? null;
  }

  async touchSession(tokenHash: string, at: string): Promise<void> {
    await this.tx.q.run('UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2', [at, tokenHash]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.tx.q.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOf(accountId: number): Promise<void> {
    await this.tx.q.run('DELETE FROM sessions WHERE account_id = $1', [accountId]);
  }

  async syncLogin(spec: LoginSync): Promise<void> {
    const c = this.tx.q.client;
    if (!(await hasDatabaseRights(c))) return;
    if (spec.self) {
      if (spec.password !== undefined) await setOwnPassword(c, spec.username, spec.password);
      return;
    }
    await syncLoginRole(c, spec);
    // An administrator's new password is the server's too now: nothing left to reset.
    if (typeof spec.password === 'string') {
      await this.tx.q.run('UPDATE accounts SET db_password_reset_needed = false WHERE username = $1 AND db_password_reset_needed', [
        spec.username,
      ]);
    }
  }

  async markDbPasswordResetNeeded(username: string): Promise<void> {
    await this.tx.q.run('UPDATE accounts SET db_password_reset_needed = true WHERE username = $1 AND NOT db_password_reset_needed', [
      username,
    ]);
  }
}

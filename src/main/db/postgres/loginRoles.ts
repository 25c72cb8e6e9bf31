/**
 * Each account is a PostgreSQL login role of the same name (issue 11, item 6): created,
 * changed, disabled and given a new password in the same transaction as the account row, by
 * a connection whose role has CREATEROLE (the office's owner at `init`, the administrator's
 * own role afterwards). Its memberships are the account's: the office's base group, one
 * group per application role, the confidential group when granted (migration 0090).
 *
 * Passwords never reach the server in clear: ALTER ROLE cannot take a bound parameter, so
 * the SCRAM-SHA-256 verifier is computed here (as psql's \password and libpq's
 * PQencryptPasswordConn do) and only the verifier is sent — nothing a server log, a
 * statement view or an error message could show is the password.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../../shared/domain/accounts.js';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import { GROUPS, groupRole, type Group } from './rights.js';

/** PostgreSQL's own default (scram_iterations). */
const SCRAM_ITERATIONS = 4096;

/**
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (RFC 5802/7677, PostgreSQL's
 * stored form). The password is taken in NFC, as the accounts service compares it, and the
 * same bytes are what the client sends when it signs in (connection.ts).
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  const salted = pbkdf2Sync(Buffer.from(password.normalize('NFC'), 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export interface LoginRoleSpec {
  username: string;
  roles: readonly Role[];
  confidential: boolean;
  active: boolean;
  /**
   * A new password; undefined keeps the current one (creation needs one); null creates the
   * role with none — nobody signs in as it until the administrator sets one (migrate-to: a
   * password cannot be made from the app's scrypt hash).
   */
  password?: string | null;
}

const fail = (code: Parameters<typeof makeError>[0], value: string) => new AppFailure(makeError(code, { params: { value } }));

/** Runs one statement; a refusal for want of CREATEROLE becomes our coded error. */
async function ddl(c: pg.ClientBase, sql: string): Promise<void> {
  try {
    await c.query(sql);
  } catch (e) {
    if ((e as { code?: string }).code === '42501') throw fail('db_createrole_needed', '');
    throw e;
  }
}

/**
 * Makes the login role match the account. A role of that name that is not one of this
 * office's (another office's account on the same server, a server role such as `postgres`)
 * is refused, never taken over.
 */
export async function syncLoginRole(c: pg.ClientBase, spec: LoginRoleSpec): Promise<void> {
  const groups = new Map<Group, string>();
  for (const g of GROUPS) groups.set(g, await groupRole(c, g));
  const name = spec.username;
  const id = c.escapeIdentifier(name);
  if (name.startsWith('pg_')) throw fail('db_role_taken', name);
  const existing = await c.query<{ super: boolean; ours: boolean; owner: boolean }>(
    `SELECT r.rolsuper AS super,
            pg_has_role(r.oid, $2::text, 'MEMBER') AS ours,
            r.rolname = (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner
     FROM pg_roles r WHERE r.rolname = $1`,
    [name, groups.get('user')!],
  );
  const row = existing.rows[0];
  if (row && (row.super || row.owner || !row.ours)) throw fail('db_role_taken', name);
  const login = spec.active ? 'LOGIN' : 'NOLOGIN';
  // The administrator manages accounts: creating and changing login roles needs CREATEROLE.
  const createRole = spec.roles.includes('admin') ? 'CREATEROLE' : 'NOCREATEROLE';
  const password = typeof spec.password === 'string' ? ` PASSWORD ${c.escapeLiteral(scramVerifier(spec.password))}` : '';
  let created = false;
  if (!row) {
    if (spec.password === undefined) throw new AppFailure(makeError('required', { field: 'password' }));
    // Another PC may be creating the same role this moment: that one wins, and this one goes on
    // as for an existing role (checked again below).
    await c.query('SAVEPOINT vt_create_role');
    try {
      await ddl(c, `CREATE ROLE ${id} ${login} INHERIT ${createRole} NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS${password}`);
      created = true;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== '42710' && code !== '23505') throw e;
      await c.query('ROLLBACK TO SAVEPOINT vt_create_role');
      const again = await c.query<{ ours: boolean }>(
        `SELECT pg_has_role(oid, $2::text, 'MEMBER') AS ours FROM pg_roles WHERE rolname = $1 AND NOT rolsuper`,
        [name, groups.get('user')!],
      );
      if (!again.rows[0]?.ours) throw fail('db_role_taken', name);
    }
    await c.query('RELEASE SAVEPOINT vt_create_role');
  }
  // PostgreSQL 16+: CREATEROLE administers only the roles one holds ADMIN OPTION on. The
  // office's administrator group is given it on every account's role as it is made (and, by
  // migration 0120, on the other groups), INHERIT FALSE, SET FALSE: every administrator may
  // manage every account without gaining its rights. Before 16 CREATEROLE was enough.
  const v16 = (await serverVersion(c)) >= 160000;
  const admins = groups.get('admin')!;
  if (created && v16) await ddl(c, `GRANT ${id} TO ${c.escapeIdentifier(admins)} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE`);
  if (!created) await ddl(c, `ALTER ROLE ${id} ${login} INHERIT ${createRole}${password}`);
  const want = new Set<string>([groups.get('user')!, ...spec.roles.map((r) => groups.get(r)!)]);
  if (spec.confidential) want.add(groups.get('confidential')!);
  const held = new Set(
    (
      await c.query<{ g: string }>(
        `SELECT g.rolname AS g FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
         WHERE u.rolname = $1 AND g.rolname = ANY($2::text[])`,
        [name, [...groups.values()]],
      )
    ).rows.map((r) => r.g),
  );
  for (const g of want) {
    if (held.has(g)) continue;
    // 16+: an administrator needs ADMIN OPTION on the administrator group to make another one.
    const admin = v16 && g === admins ? ' WITH ADMIN OPTION' : '';
    await ddl(c, `GRANT ${c.escapeIdentifier(g)} TO ${id}${admin}`);
  }
  for (const g of held) {
    if (want.has(g)) continue;
    if (!v16) {
      await ddl(c, `REVOKE ${c.escapeIdentifier(g)} FROM ${id}`);
      continue;
    }
    // 16+ keeps one membership per grantor, and a plain REVOKE removes only the current
    // role's own grant: each grant is revoked by name (refused, as db_createrole_needed, where
    // this connection may not act for its grantor — the whole change is then undone).
    const grantors = await c.query<{ grantor: string }>(
      `SELECT pg_get_userbyid(m.grantor) AS grantor FROM pg_auth_members m
       WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = $1) AND m.member = (SELECT oid FROM pg_roles WHERE rolname = $2)`,
      [g, name],
    );
    for (const r of grantors.rows) {
      await ddl(c, `REVOKE ${c.escapeIdentifier(g)} FROM ${id} GRANTED BY ${c.escapeIdentifier(r.grantor)} CASCADE`);
    }
  }
}

/** The server's version number (150004, 160002, …). */
async function serverVersion(c: pg.ClientBase): Promise<number> {
  return Number((await c.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v);
}

/** Whether this database has the rights of migration 0090 (its group roles). */
export async function hasDatabaseRights(c: pg.ClientBase): Promise<boolean> {
  return (await c.query(`SELECT to_regclass('vt_rights') IS NOT NULL AS present`)).rows[0].present as boolean;
}

/**
 * A person's own new password: only `ALTER ROLE … PASSWORD`, which PostgreSQL lets any role
 * do for itself. Connected as someone else (the owner, in tests and tools), the same
 * statement needs CREATEROLE and is refused without it.
 */
export async function setOwnPassword(c: pg.ClientBase, username: string, password: string): Promise<void> {
  const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [username])).rowCount;
  if (!exists) return;
  await ddl(c, `ALTER ROLE ${c.escapeIdentifier(username)} PASSWORD ${c.escapeLiteral(scramVerifier(password))}`);
}

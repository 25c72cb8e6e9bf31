/**
 * Where the database is: a SQLite file path, or `postgres://[USER@]HOST[:PORT]/DB[?sslmode=…]`.
 * A password in the URL is accepted but never shown: `display` is what output and logs
 * print. The password normally comes from PGPASSWORD (or the accounts phase's login).
 */
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';

export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-full';

export interface PgLocator {
  kind: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string | null;
  password: string | null;
  sslMode: SslMode;
  sslRootCert: string | null;
  /** The URL without its password: safe to print. */
  display: string;
}

export function isPostgresUrl(s: string | undefined | null): s is string {
  return !!s && /^postgres(ql)?:\/\//i.test(s.trim());
}

const SSL_MODES: readonly SslMode[] = ['disable', 'prefer', 'require', 'verify-full'];

export function parsePgUrl(raw: string): PgLocator {
  let u: URL;
  // Never echo the raw text back: it may hold a password.
  const bad = (why: string) => new AppFailure(makeError('invalid_database', { field: 'database', params: { value: why } }));
  try {
    u = new URL(raw.trim());
  } catch {
    throw bad('không đọc được địa chỉ');
  }
  if (!/^postgres(ql)?:$/i.test(u.protocol)) throw bad('phải bắt đầu bằng postgres://');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw bad('thiếu tên cơ sở dữ liệu');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw bad('thiếu tên máy chủ');
  const port = u.port ? Number(u.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('cổng không hợp lệ');
  const sslParam = (u.searchParams.get('sslmode') ?? 'prefer').toLowerCase();
  const sslMode = (sslParam === 'allow' ? 'prefer' : sslParam === 'verify-ca' ? 'verify-full' : sslParam) as SslMode;
  if (!SSL_MODES.includes(sslMode)) throw bad(`sslmode «${sslParam}» không được hỗ trợ`);
  const user = u.username ? decodeURIComponent(u.username) : null;
  const password = u.password ? decodeURIComponent(u.password) : null;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const query = sslMode === 'prefer' ? '' : `?sslmode=${sslMode}`;
  return {
    kind: 'postgres',
    host,
    port,
    database,
    user,
    password,
    sslMode,
    sslRootCert: u.searchParams.get('sslrootcert'),
    display: `postgres://${user ? encodeURIComponent(user) + '@' : ''}${hostPart}:${port}/${encodeURIComponent(database)}${query}`,
  };
}

/**
 * An office database named without a user (`postgres://HOST:PORT/DB`): each person connects
 * as their own login role (issue 11). Named with a user (`postgres://OWNER@…`, the owner's
 * tools: init, migrate-to, backup), the connection is that role's and the app's accounts
 * check who works.
 */
export function connectsAsPerson(dbPath: string): boolean {
  return isPostgresUrl(dbPath) && parsePgUrl(dbPath).user === null;
}

/** The same database, connected as this person's role (the password is given apart, never in the URL). */
export function personLocator(dbPath: string, username: string): string {
  const u = new URL(dbPath.trim());
  u.username = encodeURIComponent(username);
  u.password = '';
  return u.toString();
}

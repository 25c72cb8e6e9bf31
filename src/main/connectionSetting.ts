/**
 * Which database this PC works on when neither `--database` nor VANTHU_DATABASE says: the
 * settings screen's choice, kept in this PC's data folder (connection.json) — this computer's
 * own file (SQLite), or the office's PostgreSQL server by host, port and database name.
 *
 * No user name and no password are stored: each person signs in as themselves (their account
 * is their database role). The CLI reads the same file, so `vanthu` and the app open the same
 * database.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ConnectionView, SavedConnection } from '../shared/apiTypes.js';
import { makeError } from '../shared/errors.js';
import { AppFailure } from '../shared/result.js';
import { CONNECTION_FILE, defaultDataDir } from './paths.js';
import { isPostgresUrl, parsePgUrl } from './db/postgres/locator.js';

export function connectionFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultDataDir(env), CONNECTION_FILE);
}

/** A host name (letters, digits, dots, hyphens), an IPv4 address or an IPv6 one. */
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[?[0-9A-Fa-f:.]+\]?)$/;
/** PostgreSQL's limit on names (bytes); no control characters, no slash. */
const DB_NAME_RE = /^[^\u0000-\u001f\u007f/\\?#]{1,63}$/u;

const bad = (field: string, why: string) => new AppFailure(makeError('invalid_database', { field, params: { value: why } }));

/** The locator a saved choice stands for (null: this PC's own file). */
export function locatorOf(saved: SavedConnection): string | null {
  if (saved.kind === 'local') return null;
  const host = saved.host.includes(':') && !saved.host.startsWith('[') ? `[${saved.host}]` : saved.host;
  return `postgres://${host}:${saved.port}/${encodeURIComponent(saved.database)}`;
}

/** Checks what the settings screen sends; the server fields trimmed. */
export function checkConnection(input: { kind: 'local' | 'server'; host?: string; port?: number; database?: string }): SavedConnection {
  if (input.kind === 'local') return { kind: 'local' };
  const host = (input.host ?? '').trim();
  const database = (input.database ?? '').trim().normalize('NFC');
  const port = input.port ?? 5432;
  if (!host) throw new AppFailure(makeError('required', { field: 'host' }));
  if (host.length > 253 || !HOST_RE.test(host)) throw bad('host', 'tên máy chủ chỉ gồm chữ cái không dấu, chữ số, dấu chấm và gạch nối');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('port', 'cổng là số từ 1 đến 65535');
  if (!database) throw new AppFailure(makeError('required', { field: 'database' }));
  if (Buffer.byteLength(database) > 63 || !DB_NAME_RE.test(database)) throw bad('database', 'tên cơ sở dữ liệu không hợp lệ');
  const saved: SavedConnection = { kind: 'server', host: host.replace(/^\[|\]$/g, ''), port, database };
  parsePgUrl(locatorOf(saved)!); // the same parser the connection uses accepts it
  return saved;
}

export function readConnectionSetting(env: NodeJS.ProcessEnv = process.env): SavedConnection | null {
  try {
    const raw = JSON.parse(readFileSync(connectionFile(env), 'utf8')) as Partial<SavedConnection> & { kind?: string };
    if (raw.kind === 'local') return { kind: 'local' };
    if (raw.kind === 'server') return checkConnection({ kind: 'server', host: raw.host, port: raw.port, database: raw.database });
  } catch {
    /* no choice saved, or a file we cannot trust: the default */
  }
  return null;
}

/** Written whole or not at all (temp file and rename). */
export function writeConnectionSetting(saved: SavedConnection, env: NodeJS.ProcessEnv = process.env): void {
  const file = connectionFile(env);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(saved, null, 2) + '\n', { mode: 0o644, flag: 'wx' });
  renameSync(tmp, file);
}

/**
 * What the settings screen shows: the database in use (never a password), the saved choice,
 * and whether a restart is needed for that choice to take effect.
 */
export function connectionView(current: { path: string; journalMode: string }, env: NodeJS.ProcessEnv = process.env): ConnectionView {
  const saved = readConnectionSetting(env) ?? { kind: 'local' };
  const fromEnv = env.VANTHU_DATABASE ? 'VANTHU_DATABASE' : env.VANTHU_DB ? 'VANTHU_DB' : null;
  let view: ConnectionView['current'];
  if (isPostgresUrl(current.path)) {
    const loc = parsePgUrl(current.path);
    view = {
      kind: 'server',
      display: loc.display,
      host: loc.host,
      port: loc.port,
      database: loc.database,
      user: loc.user,
      tls: current.journalMode.includes('tls'),
    };
  } else {
    // The file's name only: no answer of the contract carries a path of this machine (the
    // desktop app's About box, drawn by the main process, shows the whole path).
    view = { kind: 'local', display: path.basename(current.path) };
  }
  const savedLocator = locatorOf(saved);
  const same =
    saved.kind === 'local'
      ? view.kind === 'local'
      : view.kind === 'server' && view.host === saved.host && view.port === saved.port && view.database === saved.database;
  return { current: view, saved, savedDisplay: savedLocator, restartNeeded: !same, overriddenBy: fromEnv };
}

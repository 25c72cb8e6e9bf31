/**
 * Where VănThư keeps its data when no path is given. Mirrors Electron's userData folder
 * for an app named "VanThu", so the CLI and the desktop app open the same database.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'VanThu';
export const CONNECTION_FILE = 'connection.json';
export const DB_FILE_NAME = 'vanthu.sqlite';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/** The database as it may be shown: a `postgres://` locator without its password. */
export function displayLocator(dbPath: string): string {
  return dbPath.replace(/^(postgres(?:ql)?:\/\/[^/@:]*):[^@/]*@/i, '$1@');
}

/**
 * `--db`/`--database`, else VANTHU_DATABASE or VANTHU_DB, else the settings screen's choice
 * (connection.json in the data folder), else the data folder's file. A `postgres://…` locator
 * (an office's database server) is returned as it is.
 */
export function resolveDbPath(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit || env.VANTHU_DATABASE || env.VANTHU_DB || savedLocator(env);
  if (chosen && /^postgres(ql)?:\/\//i.test(chosen.trim())) return chosen.trim();
  return path.resolve(chosen || path.join(defaultDataDir(env), DB_FILE_NAME));
}

/**
 * Who is working, for the audit trail, until accounts exist: the operating-system user
 * running the process. Deliberately not read from the environment (VANTHU_USER or the
 * like), which anyone starting the app can set to any name.
 */
export function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * This PC's own folder for a database: the SQLite file's folder (the data folder by
 * default), or the data folder when the database is an office's PostgreSQL server. Local
 * things live here: the diagnostic log, machine settings such as token libraries.
 */
export function localDirFor(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (/^postgres(ql)?:\/\//i.test(dbPath.trim())) return defaultDataDir(env);
  return path.dirname(path.resolve(dbPath));
}

/**
 * The server saved by the settings screen (connectionSetting.ts writes it), read here without
 * loading that module: only a well-formed postgres locator is taken, else nothing.
 */
function savedLocator(env: NodeJS.ProcessEnv): string | null {
  try {
    const raw = JSON.parse(readFileSync(path.join(defaultDataDir(env), CONNECTION_FILE), 'utf8')) as Record<string, unknown>;
    if (raw.kind !== 'server' || typeof raw.host !== 'string' || typeof raw.database !== 'string') return null;
    if (!Number.isInteger(raw.port) || /[\s/@?#]/.test(raw.host) || /[\u0000-\u001f/]/.test(raw.database)) return null;
    const host = raw.host.includes(':') ? `[${raw.host}]` : raw.host;
    return `postgres://${host}:${raw.port as number}/${encodeURIComponent(raw.database)}`;
  } catch {
    return null;
  }
}

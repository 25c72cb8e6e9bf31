/**
 * Where VănThư keeps its data when no path is given. Mirrors Electron's userData folder
 * for an app named "VanThu", so the CLI and the desktop app open the same database.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'VanThu';
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
 * `--db`/`--database`, else VANTHU_DATABASE or VANTHU_DB, else the app's data folder. A
 * `postgres://…` locator (an office's database server) is returned as it is.
 */
export function resolveDbPath(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit || env.VANTHU_DATABASE || env.VANTHU_DB;
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

/**
 * Who runs a CLI command: `--user NAME --password-env VAR` (the password read from that
 * environment variable, never from the command line, which other users of the machine can
 * read in the process list), or the session `vanthu login` left in the user's own config
 * folder (mode 0600), or — in a terminal, for `login` and `init` — typed at a prompt that
 * does not echo. Passwords are never printed, logged or written anywhere.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { defaultDataDir, displayLocator } from '../paths.js';

/** The session file of one database: the config folder's sessions/<hash of the database>.json. */
export function sessionFile(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = createHash('sha256').update(displayLocator(dbPath)).digest('hex').slice(0, 24);
  return path.join(defaultDataDir(env), 'sessions', `${key}.json`);
}

export interface SavedSession {
  database: string;
  username: string;
  token: string;
}

export function readSession(dbPath: string): SavedSession | null {
  try {
    const s = JSON.parse(readFileSync(sessionFile(dbPath), 'utf8')) as Partial<SavedSession>;
    return typeof s.token === 'string' && typeof s.username === 'string'
      ? { database: String(s.database), username: s.username, token: s.token }
      : null;
  } catch {
    return null;
  }
}

export function writeSession(dbPath: string, s: SavedSession): string {
  const file = sessionFile(dbPath);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  // Created 0600 (not chmod-ed after): the token is never readable by others, even briefly.
  rmSync(tmp, { force: true });
  writeFileSync(tmp, JSON.stringify(s) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600); // in case a umask or ACL widened it
  renameSync(tmp, file);
  return file;
}

export function removeSession(dbPath: string): boolean {
  const file = sessionFile(dbPath);
  try {
    rmSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The password in the environment variable a flag names; the variable's name is all that is echoed. */
export function passwordFromEnv(varName: unknown, field: string): string {
  if (typeof varName !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName)) {
    throw new AppFailure({
      ...makeError('required', { field }),
      message: `--${kebab(field)} phải là tên một biến môi trường (ví dụ VANTHU_PASSWORD).`,
    });
  }
  const v = process.env[varName];
  if (v === undefined || v === '') {
    throw new AppFailure({ ...makeError('required', { field }), message: `Biến môi trường ${varName} (--${kebab(field)}) chưa được đặt.` });
  }
  return v;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Whether a prompt can be shown: both ends are a terminal. */
export function canPrompt(): boolean {
  return !!process.stdin.isTTY && !!process.stderr.isTTY;
}

/** Asks on the terminal (stderr); `hidden` does not echo what is typed. */
export async function prompt(question: string, hidden = false): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    // Echo nothing of the answer: readline writes through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stderr.write(question);
      else if (s.includes('\n') || s.includes('\r')) process.stderr.write('\n');
    };
  }
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

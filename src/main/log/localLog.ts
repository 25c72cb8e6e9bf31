/**
 * The local diagnostic log: what went wrong inside the app, for the administrator of this
 * PC. The page and the web host's clients get a generic message and a reference; the
 * details (error text, stack, loader messages, paths) go here, one JSON object a line.
 * Never secrets: callers pass the error and the method name, never the call's input
 * (which may hold a password, a PIN or a citizen's letter).
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { localDirFor } from '../paths.js';

export interface LogEntry {
  /** What happened, e.g. "internal_error", "token_process_crash". */
  event: string;
  /** Correlation reference shown to the user (internal errors). */
  ref?: string;
  [key: string]: unknown;
}

export interface LocalLog {
  /** Where the log is written, or null for a log that keeps nothing (tests). */
  readonly file: string | null;
  write(entry: LogEntry): void;
}

/** One file, rotated once at this size (the previous one kept as .1). */
const MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILE_NAME = 'vanthu.log';

/** Base32 without look-alikes: a reference a clerk can read out over the phone. */
const REF_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export function newRef(): string {
  const b = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += REF_ALPHABET[b[i]! % REF_ALPHABET.length];
  return s;
}

/** Error → plain details for the log (message, code, stack; the cause chain, one level). */
export function describeError(e: unknown): Record<string, unknown> {
  if (e instanceof Error) {
    const out: Record<string, unknown> = { name: e.name, message: e.message, stack: e.stack };
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    if (e.cause !== undefined) out.cause = e.cause instanceof Error ? { name: e.cause.name, message: e.cause.message } : String(e.cause);
    return out;
  }
  return { value: String(e) };
}

/**
 * The folder the log lives in: `logs/` beside a SQLite database (the data folder by
 * default); for an office's PostgreSQL server, this PC's own data folder.
 */
export function logDirFor(dbPath: string): string {
  return path.join(localDirFor(dbPath), 'logs');
}

export function createLocalLog(dir: string, now: () => number = Date.now): LocalLog {
  const file = path.join(dir, LOG_FILE_NAME);
  let ready = false;
  return {
    file,
    write(entry) {
      // Logging must never turn a handled error into a crash: a full disk or a read-only
      // folder loses the line, not the answer.
      try {
        if (!ready) {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          ready = true;
        }
        try {
          if (statSync(file).size > MAX_BYTES) {
            rmSync(`${file}.1`, { force: true });
            renameSync(file, `${file}.1`);
          }
        } catch {
          // no file yet
        }
        appendFileSync(file, JSON.stringify({ at: new Date(now()).toISOString(), pid: process.pid, ...entry }) + '\n', { mode: 0o600 });
      } catch {
        // see above
      }
    },
  };
}

export const nullLog: LocalLog = { file: null, write() {} };

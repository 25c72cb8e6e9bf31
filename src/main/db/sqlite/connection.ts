/**
 * Opens the one SQLite file with the pragmas VănThư relies on. SQLite-specific: the
 * services never see this module.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import { fold } from '../../../shared/text/vietnamese.js';
import { filesystemOf, isNetworkFsType } from './filesystem.js';
import { tag } from './searchTags.js';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Test hook: pretend the file lives on this filesystem type. */
  fsTypeOverride?: string;
  /** How long a writer waits for another process's transaction (ms). */
  busyTimeoutMs?: number;
}

export interface OpenedDb {
  db: Db;
  journalMode: string;
  warnings: string[];
}

export function openDatabase(file: string, opts: OpenOptions = {}): OpenedDb {
  const warnings: string[] = [];
  if (!opts.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 15000}`);
    db.pragma('foreign_keys = ON');
    const fsType = opts.fsTypeOverride ?? filesystemOf(file);
    let journalMode = String(db.pragma('journal_mode', { simple: true }));
    if (!opts.readonly) {
      if (fsType && isNetworkFsType(fsType)) {
        // WAL's shared-memory index is unsafe over network filesystems: use a rollback journal.
        journalMode = String(db.pragma('journal_mode = DELETE', { simple: true }));
        warnings.push(
          `network_filesystem: the database is on a network filesystem (${fsType}); WAL is off, only one PC should use it at a time`,
        );
      } else {
        journalMode = setJournalMode(db, 'WAL', opts.busyTimeoutMs ?? 15000);
      }
      // NORMAL in WAL would survive a crash of the app but could lose the last commits on a power cut;
      // a registered number handed to a clerk must survive both.
      db.pragma('synchronous = FULL');
    }
    db.pragma('cache_size = -65536'); // 64 MiB page cache: the FTS index of 1M documents is hot.
    db.pragma('temp_store = MEMORY');
    registerFunctions(db);
    return { db, journalMode, warnings };
  } catch (e) {
    db.close();
    // Another process's transaction held the file for longer than a writer waits.
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new AppFailure(makeError('busy'));
    throw e;
  }
}

/**
 * The journal mode cannot be set while another process holds the file: a large import
 * written with a rollback journal (SqliteStore.write, WriteOptions.bulk) holds it until its
 * commit. SQLite does not wait for that by itself; this waits as a writer would, then
 * answers `busy`.
 */
function setJournalMode(db: Db, mode: 'WAL', waitMs: number): string {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return String(db.pragma(`journal_mode = ${mode}`, { simple: true }));
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      if (Date.now() >= deadline) throw new AppFailure(makeError('busy'));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** SQL functions the schema's triggers call; every connection that writes needs them. */
function registerFunctions(db: Db): void {
  // Read by the insert trigger of schema 10–30 (dropped by migration 0040): always "not bulk".
  db.function('vn_bulk_indexing', () => 0);
  db.function('vn_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? fold(s) : null));
  // The sender's tag token of the fields index (searchTags.ts), for the correction trigger (migration 0100).
  db.function('vn_organ_tag', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? tag.organ(fold(s)) : null));
  db.function('vn_symbol_key', { deterministic: true }, (s: unknown) =>
    typeof s === 'string'
      ? fold(s)
          .replace(/\s+/g, '')
          .replace(/[/\-._]+/g, '/')
      : null,
  );
}

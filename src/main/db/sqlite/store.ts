/**
 * The SQLite implementation of the Store port: one connection, one writer.
 * better-sqlite3 is synchronous; the async unit of work is serialised through a queue so
 * that no other call runs on the connection while a transaction awaits.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../../shared/errors.js';
import { ArchiveSqlRepository } from '../archiveRepo.js';
import { guardFailure } from '../guardError.js';
import { AppFailure } from '../../../shared/result.js';
import type { Repositories, Store, StoreInfo, WriteOptions } from '../../store/ports.js';
import { SqliteAccountRepository } from './accountRepo.js';
import { SqliteAttachmentRepository } from './attachmentRepo.js';
import { SqliteAuditRepository } from './auditRepo.js';
import { backupDatabase } from './backup.js';
import { openDatabase, type Db, type OpenOptions } from './connection.js';
import { SqliteIncomingRepository } from './incomingRepo.js';
import { SqliteMetaRepository } from './metaRepo.js';
import { SqliteOutgoingRepository, SqliteTrustRepository } from './outgoingRepo.js';
import { SqliteInterchangeRepository } from './interchangeRepo.js';
import { SqliteWorkflowRepository } from './workflowRepo.js';
import { SqliteLetterRepository } from './letterRepo.js';
import { assertNotFromFuture, migrate, pendingMigrations, schemaVersion, type MigrationOutcome } from './migrate.js';
import { SqliteRegisterRepository } from './registerRepo.js';
import { Statements } from './statements.js';
import type { CheckAdvice } from '../../../shared/apiTypes.js';

class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export class SqliteStore implements Store {
  private readonly queue = new SerialQueue();
  private readonly repos: Repositories;
  private readonly incoming: SqliteIncomingRepository;
  readonly info: StoreInfo;

  private constructor(
    readonly db: Db,
    path: string,
    journalMode: string,
    warnings: string[],
  ) {
    const s = new Statements(db);
    const registers = new SqliteRegisterRepository(s);
    this.incoming = new SqliteIncomingRepository(s, registers);
    this.repos = {
      accounts: new SqliteAccountRepository(s),
      registers,
      incoming: this.incoming,
      attachments: new SqliteAttachmentRepository(s),
      audit: new SqliteAuditRepository(s),
      meta: new SqliteMetaRepository(s),
      outgoing: new SqliteOutgoingRepository(s),
      trust: new SqliteTrustRepository(s),
      workflow: new SqliteWorkflowRepository(s),
      archive: new ArchiveSqlRepository({
        all: async (sql, params = []) => s.get(sql).all(...params) as Record<string, unknown>[],
        run: async (sql, params = []) => s.get(sql).run(...params).changes,
      }),
      letters: new SqliteLetterRepository(s),
      interchange: new SqliteInterchangeRepository(s),
    };
    this.info = { path, schemaVersion: schemaVersion(db), journalMode, warnings };
  }

  /**
   * Opens (and with `migrate`, creates or upgrades) the database. Without `migrate` a
   * database that is not at the latest schema is refused, so nothing ever writes to a
   * schema it does not know.
   */
  static async open(
    path: string,
    opts: OpenOptions & { migrate?: boolean } = {},
  ): Promise<{ store: SqliteStore; migration: MigrationOutcome | null }> {
    let opened;
    try {
      opened = openDatabase(path, opts);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new AppFailure(makeError('db_corrupt', { params: { value: (e as Error).message } }));
      }
      throw e;
    }
    const { db, journalMode, warnings } = opened;
    try {
      assertNotFromFuture(db);
      let migration: MigrationOutcome | null = null;
      if (opts.migrate) migration = await migrate(db, path);
      else {
        if (pendingMigrations(db).length > 0) throw new AppFailure(makeError('not_initialized'));
      }
      return { store: new SqliteStore(db, path, journalMode, warnings), migration };
    } catch (e) {
      db.close();
      throw e;
    }
  }

  read<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    return this.queue.run(() => fn(this.repos));
  }

  write<T>(fn: (r: Repositories) => Promise<T>, opts?: WriteOptions): Promise<T> {
    return this.queue.run(async () => {
      if (this.walToRestore) this.restoreWal();
      const rollbackJournal = opts?.bulk === true && this.enterRollbackJournal();
      try {
        return await this.transaction(fn);
      } finally {
        if (rollbackJournal) this.restoreWal();
      }
    });
  }

  /** The database is in WAL mode but this connection left it for a bulk write and could not return yet. */
  private walToRestore = false;

  /**
   * Leaves WAL mode for one bulk write when this connection is the only one open: SQLite
   * refuses the change (it needs the file to itself) while another connection or process
   * has the database open, and the write then goes through the WAL as usual. Never waits:
   * busy_timeout is 0 for the attempt. A crash during the write leaves a rollback journal,
   * which the next opening plays back (the database exactly as before the import); the
   * opening then puts the database back in WAL mode (connection.ts).
   */
  private enterRollbackJournal(): boolean {
    if (this.info.journalMode !== 'wal' || this.db.inTransaction) return false;
    return this.journalModeNow('delete');
  }

  /**
   * Back to WAL after a bulk write. Should another process have opened the file meanwhile
   * (its opening waits for the import's lock), this is tried again before the next write.
   */
  private restoreWal(): void {
    this.walToRestore = !this.journalModeNow('wal');
  }

  /** Sets the journal mode if that can be done at once; true when it is in that mode now. */
  private journalModeNow(mode: 'wal' | 'delete'): boolean {
    const timeout = Number(this.db.pragma('busy_timeout', { simple: true }));
    this.db.pragma('busy_timeout = 0');
    try {
      return String(this.db.pragma(`journal_mode = ${mode}`, { simple: true })).toLowerCase() === mode;
    } catch (e) {
      if (isBusy(e)) return false;
      throw e;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  private async transaction<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    try {
      // IMMEDIATE takes the write lock up front: two processes never both read a counter
      // and then race to bump it; busy_timeout makes the second one wait its turn.
      this.db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      if (isBusy(e)) throw new AppFailure(makeError('busy'));
      throw e;
    }
    try {
      const result = await fn(this.repos);
      this.db.exec('COMMIT');
      this.incoming.transactionEnded();
      return result;
    } catch (e) {
      this.incoming.transactionEnded();
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      if (isBusy(e)) throw new AppFailure(makeError('busy'));
      throw guardFailure(e) ?? e;
    }
  }

  /** A file on this PC: SQLite's page cache is the app's own, there is no server to advise on. */
  serverAdvice(): Promise<CheckAdvice[]> {
    return Promise.resolve([]);
  }

  integrityCheck(): Promise<string[]> {
    return this.queue.run(async () => {
      const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
      for (const t of ['incoming_fts', 'incoming_symbol_fts']) {
        try {
          this.db.prepare(`INSERT INTO ${t}(${t}) VALUES ('integrity-check')`).run();
        } catch (e) {
          problems.push(`${t}: ${(e as Error).message}`);
        }
      }
      const fk = this.db.pragma('foreign_key_check') as unknown[];
      if (fk.length) problems.push(`foreign_key_check: ${fk.length} violation(s)`);
      return problems;
    });
  }

  backup(dest: string): Promise<{ bytes: number; schemaVersion: number }> {
    // The copy is renamed over its destination: onto the live file (or its WAL) that would
    // swap the database under every process that has it open, and their writes would be lost.
    const target = realTarget(dest);
    const live = realTarget(this.info.path);
    if (['', '-wal', '-shm', '-journal'].some((suffix) => target === live + suffix)) {
      return Promise.reject(new AppFailure(makeError('backup_onto_database', { field: 'dest' })));
    }
    return this.queue.run(async () => {
      const v = schemaVersion(this.db);
      const { bytes } = await backupDatabase(this.db, dest, v);
      return { bytes, schemaVersion: v };
    });
  }

  sizeBytes(): Promise<number> {
    return this.queue.run(async () => {
      let n = 0;
      for (const suffix of ['', '-wal']) {
        try {
          n += statSync(this.info.path + suffix).size;
        } catch {
          /* no WAL file */
        }
      }
      return n;
    });
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      if (this.db.open) {
        try {
          this.db.pragma('optimize');
        } catch {
          /* read-only or busy: optimising is a nicety */
        }
        this.db.close();
      }
    });
  }
}

/** Where a path really points (symlinks resolved), also for a file not yet created. */
function realTarget(file: string): string {
  const abs = path.resolve(file);
  if (existsSync(abs)) return realpathSync(abs);
  const dir = path.dirname(abs);
  return path.join(existsSync(dir) ? realpathSync(dir) : dir, path.basename(abs));
}

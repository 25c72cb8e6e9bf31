/**
 * The PostgreSQL implementation of the Store port, for an office where many PCs share one
 * database server. Each unit of work runs on one pooled connection in one transaction:
 * reads in a REPEATABLE READ, READ ONLY snapshot (a search's total and page agree); writes
 * in READ COMMITTED after taking the database's write lock, so writers from every PC take
 * turns as SQLite's single writer does — the rules the services check before they write
 * (duplicates, numbers, statuses) see every committed write, and the audit chain and the
 * registers' counters (locked rows as well) are never raced. Readers never wait. A
 * registration takes the lock later, in its first statement (lateLock, migration 0188), so
 * it is held for that statement and the commit only; a registration that is nothing else
 * (alone, migration 0200) is sent without BEGIN/COMMIT and committed by the server as the
 * statement ends, so the lock is not held while the answer travels back.
 *
 * A lost server answers `db_unavailable`; the broken connection is dropped and the next
 * call connects afresh (a read is retried once at once). A transaction cut off midway
 * (server restart, pg_terminate_backend) is rolled back by the server: nothing half-done.
 */
import { execFile } from 'node:child_process';
import { renameSync, rmSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import type pg from 'pg';
import { makeError } from '../../../shared/errors.js';
import type { PgSqlRunner } from './archiveRepo.js';
import { PgArchiveRepository } from './archiveRepo.js';
import { guardFailure } from '../guardError.js';
import { AppFailure } from '../../../shared/result.js';
import type { Repositories, Store, StoreInfo, WriteOptions } from '../../store/ports.js';
import { LATEST_VERSION } from '../migrations/versions.js';
import { PgBlobStore } from './blobStore.js';
import { isConnectionError, mapPgError, openPool, type PgConnectOptions } from './connection.js';
import { PgIncomingRepository } from './incomingRepo.js';
import { PG_MIGRATIONS } from './migrations/index.js';
import type { PgLocator } from './locator.js';
import { assertKnownVersion, migratePg, pgPendingMigrations, pgSchemaVersion, type PgMigrationOutcome } from './migrate.js';
import { PgOutgoingRepository } from './outgoingRepo.js';
import { Q } from './query.js';
import { PgAttachmentRepository, PgMetaRepository, PgRegisterRepository, PgTrustRepository } from './smallRepos.js';
import { PgInterchangeRepository } from './interchangeRepo.js';
import { PgAuditRepository } from './auditRepo.js';
import { PgAccountRepository } from './accountRepo.js';
import { PgWorkflowRepository } from './workflowRepo.js';
import { PgLetterRepository } from './letterRepo.js';
import { findPgTool } from './tools.js';
import { Tx } from './tx.js';
import { WRITE_LOCK } from './writeLock.js';
import { memoryAdvice, serverMemory } from './serverMemory.js';
import type { CheckAdvice } from '../../../shared/apiTypes.js';

const run = promisify(execFile);

/** A write's start: the transaction and the database's write lock in one round trip (simple query protocol). */
const BEGIN_LOCKED = `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;

export { WRITE_LOCK } from './writeLock.js';

export interface PgOpenOptions extends PgConnectOptions {
  migrate?: boolean;
}

export class PgStore implements Store {
  readonly info: StoreInfo;
  readonly blobs: PgBlobStore;

  private constructor(
    readonly pool: pg.Pool,
    readonly locator: PgLocator,
    readonly tls: boolean,
    schemaVersion: number,
    private readonly password: string | null,
  ) {
    const warnings: string[] = [];
    const loopback = /^(localhost|127\.|::1$)/.test(locator.host);
    if (!tls && !loopback) warnings.push('no_tls: the connection to the database server is not encrypted (the server offers no TLS)');
    this.info = { path: locator.display, schemaVersion, journalMode: tls ? 'postgresql+tls' : 'postgresql', warnings };
    this.blobs = new PgBlobStore((fn) => this.withClient(fn));
  }

  static async open(loc: PgLocator, opts: PgOpenOptions = {}): Promise<{ store: PgStore; migration: PgMigrationOutcome | null }> {
    const { pool, tls } = await openPool(loc, opts);
    try {
      const c = await pool.connect();
      let migration: PgMigrationOutcome | null = null;
      let version: number;
      try {
        const server = Number((await c.query('SHOW server_version_num')).rows[0].server_version_num);
        if (server < 140000) {
          throw new AppFailure(makeError('db_unavailable', { params: { value: `${loc.display}: PostgreSQL 14 hoặc mới hơn` } }));
        }
        version = await pgSchemaVersion(c);
        assertKnownVersion(version, LATEST_VERSION);
        if (opts.migrate) {
          migration = await migratePg(c, PG_MIGRATIONS);
          version = migration.to;
        } else if ((await pgPendingMigrations(c, PG_MIGRATIONS)).length > 0) {
          throw new AppFailure(makeError('not_initialized'));
        }
        c.release();
      } catch (e) {
        c.release(isConnectionError(e) ? (e as Error) : undefined);
        throw e;
      }
      return { store: new PgStore(pool, loc, tls, version, loc.password ?? opts.password ?? process.env.PGPASSWORD ?? null), migration };
    } catch (e) {
      await pool.end().catch(() => {});
      throw mapPgError(e, loc) ?? e;
    }
  }

  /** One pooled connection for fn; a connection that failed is dropped, not reused. */
  async withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let c: pg.PoolClient;
    try {
      c = await this.pool.connect();
    } catch (e) {
      throw mapPgError(e, this.locator) ?? e;
    }
    // A connection lost while in use emits 'error' besides failing the query in flight:
    // the query's failure is what we report; the event must not crash the process.
    const onError = () => {};
    c.on('error', onError);
    try {
      const result = await fn(c);
      c.off('error', onError);
      c.release();
      return result;
    } catch (e) {
      c.off('error', onError);
      c.release(isConnectionError(e) ? (e as Error) : undefined);
      throw mapPgError(e, this.locator) ?? e;
    }
  }

  /** Repositories over a connection the caller holds in its own transaction (migrate-to). */
  reposOn(c: pg.PoolClient): Repositories {
    return this.repos(new Tx(new Q(c)));
  }

  private repos(tx: Tx): Repositories {
    return {
      accounts: new PgAccountRepository(tx),
      registers: new PgRegisterRepository(tx),
      incoming: new PgIncomingRepository(tx),
      attachments: new PgAttachmentRepository(tx),
      audit: new PgAuditRepository(tx),
      meta: new PgMetaRepository(tx),
      outgoing: new PgOutgoingRepository(tx),
      trust: new PgTrustRepository(tx),
      workflow: new PgWorkflowRepository(tx),
      archive: new PgArchiveRepository(pgRunner(tx)),
      letters: new PgLetterRepository(tx),
      interchange: new PgInterchangeRepository(tx),
    };
  }

  async read<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    const once = () =>
      this.withClient(async (c) => {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          const result = await fn(this.repos(new Tx(new Q(c))));
          await c.query('COMMIT');
          return result;
        } catch (e) {
          await c.query('ROLLBACK').catch(() => {});
          throw e;
        }
      });
    try {
      return await once();
    } catch (e) {
      // A read changes nothing: after a dropped connection, try once more on a fresh one.
      if (e instanceof AppFailure && e.error.code === 'db_unavailable') return once();
      throw e;
    }
  }

  async write<T>(fn: (r: Repositories) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    if (opts.lateLock && opts.alone) return this.writeAlone(fn);
    return this.withClient(async (c) => {
      const q = new Q(c);
      try {
        // lateLock: the lock is owed, sent before the transaction's first statement unless that
        // statement takes it itself (a registration, migration 0188) — held for less time.
        // Otherwise BEGIN and the lock go as one simple query: one round trip fewer for every
        // write; with lockWithFirst that query is owed and goes with the first statement, in
        // the same round trip as it when the statement asks to (Q.rowsWithOpening: a filing's
        // read). Should the lock fail (lock_timeout), the server has already begun the
        // transaction and aborted it: the ROLLBACK below ends it and the connection goes on.
        if (opts.lateLock) {
          await c.query('BEGIN');
          q.owe({ name: 'vt_write_lock', text: 'SELECT pg_advisory_xact_lock($1)', values: [WRITE_LOCK] });
        } else if (opts.lockWithFirst) q.open(BEGIN_LOCKED);
        else await c.query(BEGIN_LOCKED);
        const tx = new Tx(q);
        const result = await fn(this.repos(tx));
        await tx.flush();
        // A write that sent nothing began no transaction; one whose last statement carried the
        // COMMIT (Q.rowsCommitting) has ended it.
        if (q.opened && !q.done) await c.query('COMMIT');
        return result;
      } catch (e) {
        if (q.opened) await c.query('ROLLBACK').catch(() => {});
        throw guardFailure(e) ?? e;
      }
    });
  }

  /**
   * A write that is one statement taking the write lock itself (WriteOptions.alone): sent
   * outside BEGIN/COMMIT, it is its own transaction, committed by the server when it ends —
   * all of it or, on any error, none of it. The lock is released at that commit, before the
   * answer reaches us. Q refuses a second statement (it would be a transaction of its own).
   */
  private writeAlone<T>(fn: (r: Repositories) => Promise<T>): Promise<T> {
    return this.withClient(async (c) => {
      try {
        const tx = new Tx(new Q(c, { alone: true }));
        const result = await fn(this.repos(tx));
        await tx.flush();
        return result;
      } catch (e) {
        throw guardFailure(e) ?? e;
      }
    });
  }

  /** What SQLite's integrity_check stands for here: the invariants the app relies on. */
  async integrityCheck(): Promise<string[]> {
    return this.withClient(async (c) => {
      const problems: string[] = [];
      // Asked as the owner (migration 0230): the administrator, who runs `check` on their own
      // login, reads no document, and would find every counter right.
      const counters = await c.query('SELECT code, year, counter, top FROM vt_register_counter_problems()');
      for (const r of counters.rows) problems.push(`register_counters: ${r.code} ${r.year} counter ${r.counter} below number ${r.top}`);
      const chunks = await c.query(
        `SELECT b.sha256 FROM blob_contents b LEFT JOIN blob_chunks k ON k.sha256 = b.sha256
         GROUP BY b.sha256, b.chunks, b.size HAVING count(k.n) <> b.chunks OR coalesce(sum(length(k.data)), 0) <> b.size`,
      );
      for (const r of chunks.rows) problems.push(`blob_chunks: ${r.sha256} incomplete`);
      const head = await c.query(
        `SELECT h.seq, h.hash, l.seq AS last_seq, l.hash AS last_hash FROM audit_head h
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) l ON true`,
      );
      const h = head.rows[0];
      if (h && (Number(h.last_seq ?? 0) !== Number(h.seq) || (h.last_hash ?? h.hash) !== h.hash))
        problems.push('audit_head: does not match the newest entry');
      return problems;
    });
  }

  /** Advice on the server's memory (serverMemory.ts): asked on every `check`, a few milliseconds. */
  async serverAdvice(): Promise<CheckAdvice[]> {
    return this.withClient(async (c) => {
      const { sharedBytes, hotBytes } = await serverMemory(c);
      return memoryAdvice(sharedBytes, hotBytes);
    });
  }

  /**
   * `pg_dump -Fc` (the server's own format: a consistent snapshot, blobs included, restored
   * with pg_restore), written beside the destination and renamed once `pg_restore --list`
   * has read it back and found the tables.
   */
  async backup(dest: string): Promise<{ bytes: number; schemaVersion: number }> {
    const tmp = `${dest}.partial`;
    rmSync(tmp, { force: true });
    const env = { ...process.env, ...(this.password ? { PGPASSWORD: this.password } : {}), PGSSLMODE: this.tls ? 'require' : 'prefer' };
    const loc = this.locator;
    const conn = ['-h', loc.host, '-p', String(loc.port), ...(loc.user ? ['-U', loc.user] : []), '-d', loc.database];
    try {
      await run(findPgTool('pg_dump'), ['-Fc', '--no-password', '-f', tmp, ...conn], { env, maxBuffer: 16 << 20 });
      const { stdout } = await run(findPgTool('pg_restore'), ['--list', tmp], { env, maxBuffer: 64 << 20 });
      for (const t of ['incoming_documents', 'audit_log', 'blob_chunks', 'vanthu_schema']) {
        if (!new RegExp(`TABLE DATA public ${t} `).test(stdout)) throw new Error(`the dump lists no data for ${t}`);
      }
      renameSync(tmp, dest);
      return { bytes: statSync(dest).size, schemaVersion: this.info.schemaVersion };
    } catch (e) {
      rmSync(tmp, { force: true });
      // pg_dump's own message names host and database, never the password (it is in the environment).
      const msg = ((e as { stderr?: string }).stderr || (e as Error).message || '').trim().split('\n')[0] ?? '';
      throw new AppFailure(makeError('backup_failed', { params: { value: msg } }));
    }
  }

  async sizeBytes(): Promise<number> {
    return this.withClient(async (c) => Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n));
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}

/** The archive's portable SQL (`?` parameters) run on this transaction's connection. */
function pgRunner(tx: Tx): PgSqlRunner {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    all: async (sql, params = []) => {
      await tx.flush();
      return tx.q.rows<Record<string, unknown>>(numbered(sql), [...params]);
    },
    allWithOpening: async (sql, params = []) => {
      await tx.flush();
      return tx.q.rowsWithOpening<Record<string, unknown>>(numbered(sql), [...params]);
    },
    allCommitting: async (sql, params = []) => {
      await tx.flush();
      return tx.q.rowsCommitting<Record<string, unknown>>(numbered(sql), [...params]);
    },
    run: async (sql, params = []) => {
      await tx.flush();
      return tx.q.run(numbered(sql), [...params]);
    },
  };
}

/**
 * The store factory of the conformance suite: the same store and service tests run on
 * SQLite (project `sqlite`) and on PostgreSQL (project `postgres`, VANTHU_TEST_STORE=postgres;
 * see vitest.config.ts). On PostgreSQL each test gets its own database, copied from the
 * migrated template of the run's one throwaway cluster (pgGlobalSetup.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { PG_OWNER_PASSWORD } from './pgCluster.js';

export type StoreKind = 'sqlite' | 'postgres';

export function storeKind(): StoreKind {
  return process.env.VANTHU_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

export function pgAvailable(): boolean {
  return storeKind() === 'postgres' && !!inject('pgUrlBase');
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgUrlBase') + 'postgres', password: PG_OWNER_PASSWORD, ssl: false });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new, migrated, empty office database; returns its locator (password in PGPASSWORD). */
export async function newPgDatabase(opts: { empty?: boolean } = {}): Promise<string> {
  process.env.PGPASSWORD = PG_OWNER_PASSWORD;
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} OWNER vanthu_owner ${opts.empty ? '' : 'TEMPLATE vanthu_template'}`));
  return inject('pgUrlBase') + name;
}

export async function dropPgDatabase(url: string): Promise<void> {
  const name = url.slice(url.lastIndexOf('/') + 1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
}

/** Runs SQL on a test database as its owner (for fault injection and inspection). */
export async function pgQuery<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, password: PG_OWNER_PASSWORD, ssl: false });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * Raw SQL on a test database, on either store: how the tests play an attacker or a
 * broken tool that goes around the app (SQL written to run on both dialects).
 */
export async function rawSql(
  dbPath: string,
): Promise<{ exec(sql: string): Promise<void>; dropAuditGuards(): Promise<void>; close(): Promise<void> }> {
  if (/^postgres/.test(dbPath)) {
    const c = new pg.Client({ connectionString: dbPath, password: PG_OWNER_PASSWORD, ssl: false });
    await c.connect();
    return {
      exec: async (sql) => void (await c.query(sql)),
      dropAuditGuards: async () =>
        void (await c.query('DROP TRIGGER audit_no_update ON audit_log; DROP TRIGGER audit_no_delete ON audit_log')),
      close: () => c.end(),
    };
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(dbPath);
  return {
    exec: async (sql) => void db.exec(sql),
    dropAuditGuards: async () => void db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;'),
    close: async () => void db.close(),
  };
}

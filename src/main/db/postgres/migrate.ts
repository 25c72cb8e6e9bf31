/**
 * Applies the numbered migrations in one transaction under an advisory lock: two PCs
 * upgrading the same database at once take turns, and the second finds nothing left to
 * do. A database from a newer VănThư is refused before anything is written.
 * DDL is transactional in PostgreSQL: a failed migration leaves the schema as it was.
 * Every known migration a database lacks is applied (in order), not only those above its
 * highest version: pieces of work land in a different order than their numbers.
 */
import type pg from 'pg';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import type { Migration } from '../migrations/index.js';
import { PG_MIGRATIONS } from './migrations/index.js';
import { applyTableRights } from './rights.js';

/** Key of the migration lock (pg_advisory_xact_lock): "VanThu" in ASCII. */
export const MIGRATION_LOCK = 0x56616e546875;

export interface PgMigrationOutcome {
  from: number;
  to: number;
  backup: string | null;
}

export async function pgSchemaVersion(c: pg.ClientBase): Promise<number> {
  const t = await c.query(`SELECT to_regclass('vanthu_schema') IS NOT NULL AS present`);
  if (!t.rows[0].present) return 0;
  const r = await c.query('SELECT max(version) AS v FROM vanthu_schema');
  return Number(r.rows[0].v ?? 0);
}

export function assertKnownVersion(found: number, latest: number): void {
  if (found > latest) throw new AppFailure(makeError('db_newer', { params: { found, supported: latest } }));
}

/** The versions recorded in `vanthu_schema` (empty for a new database). */
export async function pgAppliedVersions(c: pg.ClientBase): Promise<Set<number>> {
  const t = await c.query(`SELECT to_regclass('vanthu_schema') IS NOT NULL AS present`);
  if (!t.rows[0].present) return new Set();
  const r = await c.query('SELECT version FROM vanthu_schema');
  return new Set(r.rows.map((x: { version: number }) => Number(x.version)));
}

/**
 * The known migrations a database lacks, in order; a recorded version this build does not
 * know means the database is from a newer VănThư and is refused.
 */
export async function pgPendingMigrations(c: pg.ClientBase, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<Migration[]> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const applied = await pgAppliedVersions(c);
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length) throw new AppFailure(makeError('db_newer', { params: { found: Math.max(...unknown), supported: latest } }));
  return migrations.filter((m) => !applied.has(m.version));
}

export async function migratePg(c: pg.ClientBase, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<PgMigrationOutcome> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const from = await pgSchemaVersion(c);
  assertKnownVersion(from, latest);
  if ((await pgPendingMigrations(c, migrations)).length === 0) return { from, to: from, backup: null };
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(`CREATE TABLE IF NOT EXISTS vanthu_schema (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    // Re-read under the lock: another process may have migrated meanwhile.
    for (const m of await pgPendingMigrations(c, migrations)) {
      await c.query(m.up);
      await c.query('INSERT INTO vanthu_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    // The groups' table privileges, for the tables as they now are (rights.ts).
    if ((await c.query(`SELECT to_regclass('vt_rights') IS NOT NULL AS present`)).rows[0].present) await applyTableRights(c);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
  return { from, to: latest, backup: null };
}

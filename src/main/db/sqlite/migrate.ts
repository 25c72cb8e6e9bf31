/**
 * Applies numbered migrations in one transaction. Which ones a database has is recorded in
 * `vanthu_schema` (one row per migration, as on PostgreSQL), not inferred from the highest
 * number: pieces of work land in a different order than their numbers, and a database
 * upgraded in between must still get the lower-numbered migration that landed later.
 * PRAGMA user_version keeps the highest version applied (backups and older readers use it).
 * A database from a newer VănThư is refused (it may hold data this version would damage);
 * a non-empty database is backed up, and the backup verified, before any migration.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import type { Migration } from '../migrations/index.js';
import { MIGRATION_VERSIONS, type MigrationInfo } from '../migrations/versions.js';
import type { Db } from './connection.js';
import { backupDatabase } from './backup.js';

export interface MigrationOutcome {
  from: number;
  to: number;
  backup: string | null;
}

export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

function hasSchemaTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'vanthu_schema'").get() !== undefined;
}

/**
 * The versions a database has. Databases written before `vanthu_schema` existed had every
 * migration up to user_version (migrations were applied strictly in order then).
 */
export function appliedVersions(db: Db, migrations: readonly MigrationInfo[] = MIGRATION_VERSIONS): Set<number> {
  if (hasSchemaTable(db)) {
    const rows = db.prepare('SELECT version FROM vanthu_schema').pluck().all() as number[];
    return new Set(rows.map(Number));
  }
  const upTo = schemaVersion(db);
  return new Set(migrations.filter((m) => m.version <= upTo).map((m) => m.version));
}

/** The known migrations a database lacks, in order. */
export function pendingMigrations<M extends MigrationInfo = MigrationInfo>(
  db: Db,
  migrations: readonly M[] = MIGRATION_VERSIONS as readonly M[],
): M[] {
  const applied = appliedVersions(db, migrations);
  return migrations.filter((m) => !applied.has(m.version));
}

/** A version this build does not know was applied: the database is from a newer VănThư. */
function assertKnown(db: Db, migrations: readonly MigrationInfo[]): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const found = schemaVersion(db);
  if (found > latest) throw new AppFailure(makeError('db_newer', { params: { found, supported: latest } }));
  if (!hasSchemaTable(db)) return;
  const known = new Set(migrations.map((m) => m.version));
  const unknown = (db.prepare('SELECT version FROM vanthu_schema').pluck().all() as number[]).filter((v) => !known.has(Number(v)));
  if (unknown.length) {
    throw new AppFailure(makeError('db_newer', { params: { found: Math.max(...unknown.map(Number)), supported: latest } }));
  }
}

function isEmpty(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  return row.n === 0;
}

export function assertNotFromFuture(db: Db): void {
  assertKnown(db, MIGRATION_VERSIONS);
}

/**
 * Closes the connection's temporary database, which migrations that use temporary tables
 * (0020, 0184) opened. While it is open SQLite refuses to change temp_store inside a
 * transaction ("temporary storage cannot be changed from within a transaction"), which the
 * report (workflowRepo.ts) and a bulk import's index build (incomingRepo.ts) do for their
 * sorts: in a process that had just created or upgraded its database they ran with the slower
 * memory sorter. Changing temp_store outside a transaction closes it; the setting is then put
 * back as it was. (The migrations drop their temporary tables themselves: nothing is lost.)
 */
function closeTempDatabase(db: Db): void {
  const store = Number(db.pragma('temp_store', { simple: true }));
  db.pragma(`temp_store = ${store === 1 ? 2 : 1}`);
  db.pragma(`temp_store = ${store}`);
}

export async function migrate(
  db: Db,
  dbPath: string,
  opts: { migrations?: readonly Migration[]; now?: () => Date } = {},
): Promise<MigrationOutcome> {
  // The migrations' SQL is loaded only here (see migrations/versions.ts).
  const migrations = opts.migrations ?? (await import('../migrations/index.js')).MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const from = schemaVersion(db);
  assertKnown(db, migrations);
  const pending = pendingMigrations(db, migrations);
  if (pending.length === 0 && hasSchemaTable(db)) return { from, to: from, backup: null };

  let backup: string | null = null;
  if (pending.length > 0 && !isEmpty(db) && dbPath !== ':memory:') {
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const dir = path.join(path.dirname(path.resolve(dbPath)), 'backups');
    mkdirSync(dir, { recursive: true });
    backup = path.join(dir, `${path.basename(dbPath)}.v${from}.${stamp}.before-migration.sqlite`);
    if (existsSync(backup)) backup += '.1';
    await backupDatabase(db, backup, from);
  }

  db.exec('BEGIN IMMEDIATE');
  try {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    assertKnown(db, migrations);
    const todo = pendingMigrations(db, migrations);
    const had = appliedVersions(db, migrations);
    db.exec(`CREATE TABLE IF NOT EXISTS vanthu_schema (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL) STRICT`);
    const record = db.prepare('INSERT OR IGNORE INTO vanthu_schema (version, name, applied_at) VALUES (?, ?, ?)');
    const at = (opts.now?.() ?? new Date()).toISOString();
    // A database from before the table: what it had is what user_version implied.
    for (const m of migrations) if (had.has(m.version)) record.run(m.version, m.name, at);
    for (const m of todo) {
      db.exec(m.up);
      record.run(m.version, m.name, at);
    }
    const top = Math.max(schemaVersion(db), ...todo.map((m) => m.version));
    db.pragma(`user_version = ${top}`);
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  closeTempDatabase(db);
  return { from, to: latest, backup };
}

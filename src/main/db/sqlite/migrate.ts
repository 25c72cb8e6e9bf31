/**
 * Applies numbered migrations in one transaction, keyed by PRAGMA user_version.
 * A database from a newer VănThư is refused (it may hold data this version would damage);
 * a non-empty database is backed up, and the backup verified, before any migration.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../migrations/index.js';
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

function isEmpty(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  return row.n === 0;
}

export function assertNotFromFuture(db: Db): void {
  const found = schemaVersion(db);
  if (found > LATEST_VERSION) {
    throw new AppFailure(makeError('db_newer', { params: { found, supported: LATEST_VERSION } }));
  }
}

export async function migrate(
  db: Db,
  dbPath: string,
  opts: { migrations?: readonly Migration[]; now?: () => Date } = {},
): Promise<MigrationOutcome> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) throw new AppFailure(makeError('db_newer', { params: { found: from, supported: latest } }));
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backup: null };

  let backup: string | null = null;
  if (!isEmpty(db) && dbPath !== ':memory:') {
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
    const current = schemaVersion(db);
    for (const m of migrations.filter((x) => x.version > current)) {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return { from, to: latest, backup };
}

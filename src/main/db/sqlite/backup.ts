/**
 * Online backup through SQLite's backup API (consistent while others write), then
 * verified: the copy is opened, passes integrity_check and has the expected schema.
 */
import Database from 'better-sqlite3';
import { renameSync, rmSync, statSync } from 'node:fs';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import type { Db } from './connection.js';

export async function backupDatabase(db: Db, dest: string, expectedVersion: number): Promise<{ bytes: number }> {
  // Write beside the destination and rename, so a half-written backup never looks complete.
  const tmp = `${dest}.partial`;
  rmSync(tmp, { force: true });
  try {
    await db.backup(tmp);
    // The copy inherits WAL mode; switch it to a rollback journal so the backup is one
    // self-contained file that can be copied to a USB stick as it is.
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      const version = Number(copy.pragma('user_version', { simple: true }));
      if (check !== 'ok') throw new Error(`integrity_check: ${String(check)}`);
      if (version !== expectedVersion) throw new Error(`schema ${version}, expected ${expectedVersion}`);
    } finally {
      copy.close();
    }
    renameSync(tmp, dest);
    return { bytes: statSync(dest).size };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new AppFailure(makeError('backup_failed', { params: { value: (e as Error).message } }));
  }
}

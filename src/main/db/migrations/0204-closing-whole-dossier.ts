/**
 * Version 204 on SQLite: nothing to change (one PC reads every item of a dossier, so closing
 * judges them all in archive/archiveService.ts). On PostgreSQL (db/postgres/migrations/0204)
 * the database judges the items a person's own connection cannot read. The number keeps both
 * stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

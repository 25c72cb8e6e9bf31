/**
 * Version 203 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0203) the
 * usage register's rows about single documents are seen by a specialist only with the
 * documents themselves; on one PC the application narrows them alike (archive/
 * dispositionService.ts). The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

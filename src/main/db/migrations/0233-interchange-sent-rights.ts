/**
 * Version 233 on SQLite: nothing to change (one PC's file has no login roles; the permission
 * table already gives sending and the status answers to the clerk). On PostgreSQL
 * (db/postgres/migrations/0233) the sent edXML messages and their status rows are written by
 * the clerk and read by the clerk and a leader only. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 235 on SQLite: nothing to change (one PC's file has no autovacuum; its searches read
 * no visibility map). On PostgreSQL (db/postgres/migrations/0235) the incoming documents' table
 * gets autovacuum thresholds of 1 % of its rows, so big imports are vacuumed and analysed within
 * a minute. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 226 on SQLite: nothing to change (a capped count there is FTS5's; see sqlite/). On
 * PostgreSQL (db/postgres/migrations/0226) a capped count walks the newest rows' searched columns
 * from a covering index instead of the table. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

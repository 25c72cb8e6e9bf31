/**
 * Version 172 on SQLite: nothing to change. On PostgreSQL each document's search vector holds
 * its current units (db/postgres/migrations/0172) so a specialist's search is one index walk.
 * The number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

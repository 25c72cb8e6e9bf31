/**
 * Version 242 on SQLite: nothing to change (a first page there is FTS5's). On PostgreSQL
 * (db/postgres/migrations/0242) a first page's long second walk of the newest rows reads the
 * covering index of the searched columns. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

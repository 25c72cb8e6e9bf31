/**
 * Version 241 on SQLite: nothing to change (a capped count there is FTS5's). On PostgreSQL
 * (db/postgres/migrations/0241) a capped count within a range of dates is no longer tried on the
 * quarter of migration 0236. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

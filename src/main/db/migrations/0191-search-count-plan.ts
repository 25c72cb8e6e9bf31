/**
 * Version 191 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0191) the
 * search's counted read of the GIN index no longer lets the planner walk the whole table. The
 * number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

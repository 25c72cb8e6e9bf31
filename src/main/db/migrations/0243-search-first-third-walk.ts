/**
 * Version 243 on SQLite: nothing to change (a first page there is FTS5's). On PostgreSQL
 * (db/postgres/migrations/0243) a first page walks on a third time after a long second walk. The
 * number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 210 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0210) a common
 * typed last word is checked on the rows instead of asked of the GIN index. The number keeps both
 * stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 196 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0196) a search's
 * total capped at 10,001 is counted among the newest rows first where the hits are dense. The
 * number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

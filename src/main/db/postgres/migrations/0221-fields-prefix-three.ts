/**
 * Version 221 on PostgreSQL: nothing to change. On SQLite (db/migrations/0221) the fields
 * index keeps a 3-character prefix index only; the office database's search does not use that
 * index. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

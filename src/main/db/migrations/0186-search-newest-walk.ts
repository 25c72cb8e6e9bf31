/**
 * Version 186 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0186) a search's
 * newest hits are first looked for among the newest rows, walked by the sort key, before the GIN
 * index is asked. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

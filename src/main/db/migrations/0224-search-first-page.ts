/**
 * Version 224 on SQLite: nothing to change (FTS5's first page is read newest first already). On
 * PostgreSQL (db/postgres/migrations/0224) vt_search_first reads a search's first page without
 * reading every hit where the capped count does not need them. The number keeps both stores'
 * versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 173 on SQLite: nothing to change. On PostgreSQL a person's outgoing search comes from
 * functions that apply the row rule themselves so the full-text indexes stay usable, and a bulk
 * import takes many sort keys in one call (db/postgres/migrations/0173). The number keeps both
 * stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

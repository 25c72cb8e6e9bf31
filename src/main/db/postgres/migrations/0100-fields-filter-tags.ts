/**
 * Version 100 on PostgreSQL: nothing to change. On SQLite this version puts the sender and the
 * issue month into the fields index as tag tokens (db/migrations/0100); PostgreSQL's search
 * filters on its own columns. The number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 174 on SQLite: nothing to change. On PostgreSQL a specialist's row policies (their
 * unit's documents and letters) are checked in constant time per row (db/postgres/migrations/0174);
 * the application applies the same rule on both stores. The number keeps both stores' schema
 * versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

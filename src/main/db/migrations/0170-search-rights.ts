/**
 * Version 170 on SQLite: nothing to change. On PostgreSQL this version adds the search
 * functions that apply the row rules themselves (db/postgres/migrations/0170), so a person's
 * search walks the full-text indexes; on one PC the application's rights are what holds.
 * The number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

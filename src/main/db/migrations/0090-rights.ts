/**
 * Version 90 on SQLite: nothing to change. On PostgreSQL this version makes the office's
 * group roles, their table privileges and row-level policies (db/postgres/migrations/0090);
 * a SQLite file on one PC has no database roles, and the application's permission table is
 * what holds there. The number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

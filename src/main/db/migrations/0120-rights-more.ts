/**
 * Version 120 on SQLite: nothing to change. On PostgreSQL this version adds the row-level
 * policies of letters, hotline items and dossiers' documents and the memberships PostgreSQL 16
 * needs (db/postgres/migrations/0120); on one PC the application's rights are what holds.
 * The number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 176 on SQLite: nothing to change. On PostgreSQL a confidential dossier's row (its
 * title) is hidden from a person connected without the confidential group
 * (db/postgres/migrations/0176); on one PC the application hides it (src/main/archive). The
 * number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

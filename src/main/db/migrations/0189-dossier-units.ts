/**
 * Version 189 on SQLite: nothing to change. On PostgreSQL a specialist connected as themselves
 * sees only their unit's dossiers, those they opened and the planned ones — and of the rest
 * neither items, corrections, tombstones, keep-backs nor hand-over packages
 * (db/postgres/migrations/0189); on one PC the application narrows them alike
 * (src/main/archive). The number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

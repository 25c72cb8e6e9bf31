/**
 * Version 214 on SQLite: nothing to change (no row policies: the app checks rights). On
 * PostgreSQL (db/postgres/migrations/0214) the rights questions of the row policies and the
 * archive's triggers are planned once per session instead of once per statement or row. The
 * number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

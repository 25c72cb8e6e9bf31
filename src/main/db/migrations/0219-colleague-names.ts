/**
 * Version 219 on SQLite: nothing to change (the accounts table is read directly; one PC's file
 * holds every name). On PostgreSQL (db/postgres/migrations/0219) vt_full_names gives a person
 * connected as themselves their colleagues' full names, and nothing else of their accounts.
 * The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

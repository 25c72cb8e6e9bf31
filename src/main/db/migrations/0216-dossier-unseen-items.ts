/**
 * Version 216 on SQLite: nothing to change (one PC reads every item; the service counts them).
 * On PostgreSQL (db/postgres/migrations/0216) vt_dossier_item_count counts a dossier's items as
 * the owner for a person whose own connection reads only some of them. The number keeps both
 * stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

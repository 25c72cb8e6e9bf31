/**
 * Version 205 on SQLite: nothing to change (one writer at a time, and the ordinal's unique index
 * is still there). On PostgreSQL (db/postgres/migrations/0205) a move of a dossier's items by any
 * statement takes the dossier's row lock before its one-ordinal check. The number keeps both
 * stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

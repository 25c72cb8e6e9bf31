/**
 * Version 217 on SQLite: nothing to change (one PC's file is read whole by whoever holds it; the
 * app shows no one another's archive entries). On PostgreSQL (db/postgres/migrations/0217) the
 * trail's entries about a use of the usage register or about a dossier are read with that row.
 * The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 232 on SQLite: nothing to change (one PC's file has no login roles; only the
 * archivist's dossier.correct writes a correction there). On PostgreSQL
 * (db/postgres/migrations/0232) corrections, keep-backs and the usage register are written
 * only by the roles the permission table names. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 234 on SQLite: nothing to change (one PC's file has no login roles; the permission
 * table names the writers there). On PostgreSQL (db/postgres/migrations/0234) dossiers, their
 * items, hand-over packages, destruction tombstones, removed contents and letter counters are
 * written only by the roles whose calls write them. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 231 on SQLite: nothing to change (one PC's file has no login roles; the application
 * shows no one the trail's access refusals or letter exports). On PostgreSQL
 * (db/postgres/migrations/0231) those entries are read only by the person they are about and
 * the administrator. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

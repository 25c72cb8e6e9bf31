/**
 * Version 229 on SQLite: nothing to change (its trigger marking corrections applied already
 * asks first, in its WHEN clause). On PostgreSQL (db/postgres/migrations/0229) the trigger
 * reads before it updates. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

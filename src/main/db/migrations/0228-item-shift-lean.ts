/**
 * Version 228 on SQLite: nothing to change (a filing's shift there is SQLite's own, 0184). On
 * PostgreSQL (db/postgres/migrations/0228) the placement's shift writes no row lock per moved
 * item and is not checked again after the placement. The number keeps both stores' versions
 * aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 208 on PostgreSQL: nothing to change. On SQLite (db/migrations/0208) each assignment
 * carries its document's arrival key so the report's per-unit figures are one index range per
 * unit without a sort; PostgreSQL groups the same rows with a hash. The number keeps both
 * stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

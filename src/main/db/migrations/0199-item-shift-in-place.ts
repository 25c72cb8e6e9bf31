/**
 * Version 199 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0199) a
 * dossier's later items move down one without an index write each (the ordinal leaves the
 * unique index; one item per ordinal is checked per statement). The number keeps both
 * stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 183 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0183) a search
 * asks the GIN index for its words without phrases, columns or a short prefix and checks the
 * rows found against the whole query. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

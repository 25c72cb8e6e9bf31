/**
 * Version 201 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0201) a bulk
 * import's rows bring their filter lexemes and the tag trigger skips a row whose vector already
 * holds exactly those. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

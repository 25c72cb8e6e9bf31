/**
 * Version 187 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0187) a person's
 * «secrecy normal» rule is checked on the rows the search reads instead of in its GIN query. The
 * number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

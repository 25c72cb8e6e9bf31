/**
 * Version 182 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0182) the
 * search vectors take the filters and the row rule as lexemes, as this store's fields index
 * did with its filter tags in migration 0100. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

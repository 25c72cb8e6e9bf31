/**
 * Version 40 on PostgreSQL: nothing to change. On SQLite this version moved the indexing of
 * new incoming documents from a trigger into the repository (see ../../migrations/0040); here
 * the repository has always computed the search columns itself. The number keeps both stores'
 * schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 236 on SQLite: nothing to change (a capped count there is FTS5's; see sqlite/). On
 * PostgreSQL (db/postgres/migrations/0236) a capped count of common words is first proven on a
 * quarter of the documents' search vectors. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

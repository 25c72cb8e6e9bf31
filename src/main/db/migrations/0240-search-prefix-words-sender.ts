/**
 * Version 240 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0240)
 * vt_search_from gets both the prefix words of 0237 and the sender filter of 0238. The number
 * keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 238 on SQLite: nothing to change (its sender filter is the senders' tags already,
 * sqlite/incomingSearch.ts organTags). On PostgreSQL (db/postgres/migrations/0238) the sender
 * filter is answered by the names of the senders it matches, from an index of the sender names.
 * The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

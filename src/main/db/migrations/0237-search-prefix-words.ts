/**
 * Version 237 on SQLite: nothing to change (FTS5 walks a prefix's terms itself, and the fields
 * index keeps 3-character prefixes, 0221). On PostgreSQL (db/postgres/migrations/0237) the
 * documents' words are kept in incoming_words so a typed prefix is asked of the GIN index as the
 * words it stands for. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

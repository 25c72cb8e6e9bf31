/**
 * Version 220 on PostgreSQL: nothing to change. On SQLite (db/migrations/0220) the fields
 * index writes each filter tag as one private-use character; the office database's search
 * does not use that index. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

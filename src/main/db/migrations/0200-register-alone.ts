/**
 * Version 200 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0200) a plain
 * registration is one statement the server commits on its own, and the registration function
 * refuses an audit actor other than the connected person before it takes the write lock. The
 * number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

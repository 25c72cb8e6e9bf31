/**
 * Version 188 on SQLite: nothing to change. On PostgreSQL (db/postgres/migrations/0188) a
 * registration's locked part is one statement on the server, and an assignment's status change
 * no longer rewrites its document's search vector. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 218 on SQLite: nothing to change (one PC's file is read whole by whoever holds it; the
 * app shows only a document's own entries). On PostgreSQL (db/postgres/migrations/0218) every
 * trail entry about a row with a policy of its own — a letter, a hotline item, an account, a
 * hand-over… — is read only with that row. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

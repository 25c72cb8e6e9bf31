/**
 * Version 239 on SQLite: nothing to change (its sender filter is its senders' tags). On
 * PostgreSQL (db/postgres/migrations/0239) the sender filter's walk reads at least the page asked
 * for when the caller's cap is below it. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

/**
 * Version 171 on SQLite: nothing to change. On PostgreSQL a specialist's connection sees only
 * their unit's and their own outgoing documents (db/postgres/migrations/0171), the rule the
 * application applies on both stores. The number keeps both stores' schema versions naming the
 * same data.
 */
export const up = /* sql */ `SELECT 1;`;

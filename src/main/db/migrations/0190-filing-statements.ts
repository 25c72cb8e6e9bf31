/**
 * Version 190 on SQLite: nothing to change. On PostgreSQL filing a document checks the same
 * rules in fewer and cheaper statements (db/postgres/migrations/0190): a move of later items
 * is guarded once per statement, not once per moved row. The number keeps both stores'
 * schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

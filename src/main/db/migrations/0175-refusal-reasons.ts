/**
 * Version 175 on SQLite: nothing to change. On PostgreSQL this version adds the function that
 * tells a person why a document they asked for by id is hidden from them by the row policies
 * (so both stores answer `forbidden`, as the application does here), and the flag of a login
 * role whose password the server does not know (db/postgres/migrations/0175). One PC has no
 * login roles; the number keeps both stores' schema versions naming the same data.
 */
export const up = /* sql */ `SELECT 1;`;

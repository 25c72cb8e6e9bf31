/**
 * Version 230 on SQLite: nothing to change. One PC's file has no login roles; the services
 * already give each role the archive's tables the permission table allows. On PostgreSQL
 * (db/postgres/migrations/0230) the GRANTs of hand-overs, destructions, holds, tasks, received
 * edXML messages and file plans follow the same table role by role, and `check` works on the
 * administrator's own login. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `SELECT 1;`;

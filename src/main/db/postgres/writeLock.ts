/** Key of the database-wide write lock (pg_advisory_xact_lock): "VTwrite". */
export const WRITE_LOCK = 0x5654777269746;

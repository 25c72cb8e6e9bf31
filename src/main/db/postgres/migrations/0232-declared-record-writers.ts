/**
 * Who may write the records that change a declared dossier or lend one (issue 14, after 0230).
 *
 * archive_corrections, keep_backs and the usage register were still granted to every working
 * role, read and write (rights.ts, "coarse" since 0070). A correction row is what lets the
 * dossiers' guard (0070, 0214: notACorrection) accept a change to an accepted dossier — a
 * declared record — so with psql a specialist could write a correction for their own unit's
 * accepted dossier and then change its title, retention or dates, which the permission table
 * gives to the archivist alone (dossier.correct). Likewise anyone could enter or close a use
 * in the usage register (usage.*: the archivist's) or a keep-back (handover.keepBack: the
 * clerk's and the archivist's).
 *
 * Now (rights.ts, applied after this migration): corrections are inserted by the archivist;
 * every working role keeps UPDATE of the `applied` column only, because vt_correction_applied
 * (0070, 0229) marks pending corrections applied with the rights of whoever updates a dossier or
 * a document; 0070's trigger already allows no other change. Keep-backs: the clerk and the archivist insert (append-only). The
 * usage register: the archivist writes. Reading is unchanged (0176, 0189, 0203). Nothing is
 * evaluated per row; the filing path writes none of these tables.
 */
export const up = /* sql */ `SELECT 1;`;

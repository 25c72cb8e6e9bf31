/**
 * The trail's entries that name no row (issue 14, after 0218): which of them a person reads.
 *
 * Until this version every entry without a row id was readable by every account on its own
 * login. Of those:
 * - access refusals (entity 'access': a call refused for want of a role or outside one's
 *   unit, a sign-in the server refused — who tried what, when) and a register printout refused
 *   for want of the confidential grant (entity 'register', action 'refused', which names the
 *   register's row, read by everyone) describe a person's own attempts: read by that person
 *   (the entry's actor, which audit_append records as the connected role) and the
 *   administrator, no one else;
 * - exports of the citizens' letters register (entity 'letters': the period, how many
 *   letters, whether senders' identities were in it) tell who took citizens' data out of the
 *   application: the person who exported and the administrator.
 * The others stay readable by all: a whole import (entity 'incoming', action 'import': the
 *   file's name and hash and which document came from which line — every imported document's
 *   history shows its line, so whoever reads the document reads it; no citizen's data, no
 *   unit's matter), settings, the archive's settings, the organ directory, the database's
 *   set-up and move. The administrator, who checks the chain, reads every entry; `check` as
 *   the owner or the administrator still reads and re-hashes the whole chain. The rest of
 *   0218's rule is unchanged (documents with the document; rows of the other tables with the
 *   row, asked of the table's own policy). Nothing here is a function call: two comparisons
 *   on the entry's own columns.
 */
export const up = /* sql */ `
ALTER POLICY vt_read ON audit_log
USING (CASE
  WHEN (SELECT vt_is('admin')) THEN true
  WHEN entity_id IS NULL THEN entity NOT IN ('access', 'letters') OR actor = session_user::text
  WHEN entity = 'incoming' THEN EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = entity_id)
  WHEN entity = 'outgoing' THEN EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = entity_id)
  WHEN entity IN ('letter', 'hotline', 'usage', 'dossier', 'account', 'handover', 'destruction', 'hold', 'task', 'edxml', 'file_plan')
    THEN vt_sees_audit_row(entity, entity_id)
  WHEN entity = 'register' AND action = 'refused' THEN actor = session_user::text
  ELSE true
  END);
`;

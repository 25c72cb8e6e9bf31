/**
 * The archive's audit entries follow the archive's rows (issue 14).
 *
 * The trail's read policy (0090) shows a person a document's entries with the document, and
 * every other entry to everyone. Since 0189 and 0203 a specialist of one unit does not read
 * another unit's dossiers nor the usage register's rows about them or about another unit's
 * documents — but `SELECT data FROM audit_log` on their own login still gave them the entries
 * of those rows: `usage_add` names who borrowed which document or dossier, approved by whom,
 * on what day (the very facts 0203 hides), and `dossier_open` of a dossier opened outside the
 * plan carries its title (which 0176 and 0189 hide). The app shows none of these entries (a
 * document's history lists that document's own), so only a direct reading of the table saw them.
 *
 * An entry about a use of the register ('usage': usage_add, usage_return) is now read with that
 * row of the register, and an entry about a dossier ('dossier': open, file, take out, close,
 * keep back, correct, export) with that dossier: the row's own policy decides, asked with the
 * person's own rights — not a copy of the rules. The administrator (who checks the chain) and
 * the owner still read everything; the other entities are as before.
 *
 * The question is asked by vt_sees_archive_row, a SECURITY INVOKER function (the caller's
 * rights and the tables' policies apply inside it), reached only for someone who is not an
 * administrator: written into the policy, the dossiers' own policy would be part of every
 * reading of the trail, and an administrator, who holds no right on the dossiers' confidential
 * set (dossier_secrecy), would be refused the whole trail.
 */
export const up = /* sql */ `
CREATE FUNCTION vt_sees_archive_row(p_entity text, p_id bigint) RETURNS boolean LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_entity = 'usage' THEN
    RETURN EXISTS (SELECT 1 FROM public.usage_register u WHERE u.id = p_id);
  END IF;
  RETURN EXISTS (SELECT 1 FROM public.dossiers x WHERE x.id = p_id);
END $$;

ALTER POLICY vt_read ON audit_log
USING (CASE
  WHEN (SELECT vt_is('admin')) THEN true
  WHEN entity IN ('usage', 'dossier') AND entity_id IS NOT NULL THEN vt_sees_archive_row(entity, entity_id)
  ELSE entity_id IS NULL
    OR (entity = 'incoming' AND EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = entity_id))
    OR (entity = 'outgoing' AND EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = entity_id))
    OR entity NOT IN ('incoming', 'outgoing')
  END);
`;

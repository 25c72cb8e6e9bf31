/**
 * Every audit entry about a row is read with that row (issue 14, after 0217).
 *
 * 0217 made the trail's entries about a use of the usage register or a dossier follow that row;
 * every other entity was still read by everyone (0090: `entity NOT IN ('incoming', 'outgoing')`).
 * So a specialist of another unit, or an archivist, reading `audit_log` with psql on their own
 * login got the entries of citizens' letters and hotline items their policies (0120, 0174)
 * hide: which letter was registered when, its kind and number, who classified, accepted,
 * assigned and answered it, when someone looked at a denunciation's author; which unit a hotline
 * caller complained about and why — and any account's failed sign-ins, lock-outs, role changes
 * and password resets, where the accounts' policy shows a person only their own account (the
 * permission table: account.list is the administrator's).
 *
 * Now an entry about a letter, a hotline item, a dossier, a use of the register, an account, a
 * hand-over, a destruction, a hold, a task, a received edXML message or a file plan is read
 * only by someone whose own reading of that table shows that row: the row's own policy
 * decides, asked with the person's rights (vt_sees_audit_row, SECURITY INVOKER), not a copy of
 * the rules — so a policy added to one of those tables later narrows its entries too. Of
 * those, hand-overs, destructions, holds, tasks, edXML messages and file plans have no row
 * policy yet: the roles that read the table read every row and so every entry, as before; a
 * role without SELECT on the table (has_table_privilege) reads none of its entries instead of
 * failing. Entities whose rows everyone reads (settings, units, people, registers, organs,
 * trust anchors, the calendar, the database) and entries naming no row stay readable by all;
 * a document's entries are read with the document, as since 0090 (no function call there: the
 * common case stays two EXISTS on the documents' own policies).
 *
 * The administrator, who checks the hash chain (and reads no letter or dossier of the
 * confidential set), and the owner still read every entry; the function is reached only for
 * someone who is not an administrator (an initplan decides once per statement). The app shows
 * only documents' entries (incoming.audit, outgoing.audit), which are unchanged. It replaces
 * 0217's vt_sees_archive_row, dropped here.
 */
export const up = /* sql */ `
CREATE FUNCTION vt_sees_audit_row(p_entity text, p_id bigint) RETURNS boolean LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public AS $$
DECLARE
  t text := CASE p_entity
    WHEN 'letter' THEN 'public.letters'
    WHEN 'hotline' THEN 'public.hotline_items'
    WHEN 'usage' THEN 'public.usage_register'
    WHEN 'dossier' THEN 'public.dossiers'
    WHEN 'account' THEN 'public.accounts'
    WHEN 'handover' THEN 'public.handovers'
    WHEN 'destruction' THEN 'public.destructions'
    WHEN 'hold' THEN 'public.holds'
    WHEN 'task' THEN 'public.tasks'
    WHEN 'edxml' THEN 'public.edxml_received'
    WHEN 'file_plan' THEN 'public.file_plans'
  END;
BEGIN
  IF t IS NULL OR NOT has_table_privilege(t, 'SELECT') THEN
    RETURN false;
  END IF;
  -- One static statement per table (plpgsql keeps each one's plan for the session).
  CASE p_entity
    WHEN 'letter' THEN RETURN EXISTS (SELECT 1 FROM public.letters x WHERE x.id = p_id);
    WHEN 'hotline' THEN RETURN EXISTS (SELECT 1 FROM public.hotline_items x WHERE x.id = p_id);
    WHEN 'usage' THEN RETURN EXISTS (SELECT 1 FROM public.usage_register x WHERE x.id = p_id);
    WHEN 'dossier' THEN RETURN EXISTS (SELECT 1 FROM public.dossiers x WHERE x.id = p_id);
    WHEN 'account' THEN RETURN EXISTS (SELECT 1 FROM public.accounts x WHERE x.id = p_id);
    WHEN 'handover' THEN RETURN EXISTS (SELECT 1 FROM public.handovers x WHERE x.id = p_id);
    WHEN 'destruction' THEN RETURN EXISTS (SELECT 1 FROM public.destructions x WHERE x.id = p_id);
    WHEN 'hold' THEN RETURN EXISTS (SELECT 1 FROM public.holds x WHERE x.id = p_id);
    WHEN 'task' THEN RETURN EXISTS (SELECT 1 FROM public.tasks x WHERE x.id = p_id);
    WHEN 'edxml' THEN RETURN EXISTS (SELECT 1 FROM public.edxml_received x WHERE x.id = p_id);
    ELSE RETURN EXISTS (SELECT 1 FROM public.file_plans x WHERE x.id = p_id);
  END CASE;
END $$;

ALTER POLICY vt_read ON audit_log
USING (CASE
  WHEN (SELECT vt_is('admin')) THEN true
  WHEN entity_id IS NULL THEN true
  WHEN entity = 'incoming' THEN EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = entity_id)
  WHEN entity = 'outgoing' THEN EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = entity_id)
  WHEN entity IN ('letter', 'hotline', 'usage', 'dossier', 'account', 'handover', 'destruction', 'hold', 'task', 'edxml', 'file_plan')
    THEN vt_sees_audit_row(entity, entity_id)
  ELSE true
  END);

DROP FUNCTION vt_sees_archive_row(text, bigint);
`;

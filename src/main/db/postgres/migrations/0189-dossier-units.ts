/**
 * A specialist's dossiers in the office database (issue 14: «rights follow the accounts issue
 * on both stores»). The application narrows a specialist who reads only their unit's work
 * (vt_unit_only, 0090) to their unit's dossiers and those they opened (archive/archiveService.ts:
 * lists, totals, by id, a document's "in dossiers"); until this version psql with the
 * specialist's own password still listed every unit's dossier titles, items and corrections.
 * Now the database hides the same rows, for whatever program connects as the person:
 *
 * - dossiers: a RESTRICTIVE policy beside 0176's (the confidential one still needs the group):
 *   a unit-only person sees a dossier of their unit, one they opened, and the planned ones —
 *   the year's file plan is issued to every unit as the basis for opening its dossiers
 *   (Decree 30 Art. 28), and opening one is how it becomes theirs (0177's trigger). The plan
 *   view of the application shows such a person the same (planned + their own).
 * - dossier_items, destruction_tombstones (file names of destroyed dossiers' documents),
 *   keep_backs and the usage register's dossier rows: seen with their dossier. A dossier's
 *   items stay narrowed to the documents one may see (0120); archive_corrections already
 *   follow the dossier through 0176's policy (EXISTS on dossiers).
 * - handover_packages: a package lists every dossier of a hand-over, titles included; a
 *   unit-only person takes no part in hand-overs (src/shared/permissions.ts), so none.
 * - vt_held_dossier / vt_held_doc (0070), which the guards of documents, files and dossier
 *   items ask, now run as the owner: a hold on another unit's dossier that a specialist can
 *   no longer see must still stop them changing a document it holds. The dossier items'
 *   guard (0070) reads the dossier's state as the owner too: filing into a dossier one cannot
 *   see is refused as another unit's (0177/0184's triggers), not as "not open".
 * - vt_dossier_hidden_reason: after a person's own read found no dossier, whether one of that
 *   id exists and why it is hidden ('confidential' or 'unit', in the application's order), so
 *   both stores answer alike (dossier_not_found, or dossier_other_unit for filing into,
 *   taking out of or closing another unit's dossier). No field of the row is returned.
 *
 * Every check runs once per statement (wrapped in SELECT) for the roles that see everything,
 * so an archivist's or a clerk's statements pay one InitPlan, not a per-row call.
 */
export const up = /* sql */ `
CREATE POLICY vt_unit ON dossiers AS RESTRICTIVE FOR ALL
USING (NOT (SELECT vt_unit_only()) OR state = 'planned' OR opened_by = session_user::text OR unit_id = (SELECT vt_my_unit()));

CREATE POLICY vt_unit ON dossier_items AS RESTRICTIVE FOR ALL
USING (NOT (SELECT vt_unit_only()) OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_items.dossier_id));

ALTER TABLE destruction_tombstones ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON destruction_tombstones FOR ALL
USING (NOT (SELECT vt_unit_only()) OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = destruction_tombstones.dossier_id));

ALTER TABLE keep_backs ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON keep_backs FOR ALL
USING (NOT (SELECT vt_unit_only()) OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = keep_backs.dossier_id));

ALTER TABLE usage_register ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON usage_register FOR ALL
USING (NOT (SELECT vt_unit_only()) OR target_kind <> 'dossier'
    OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = usage_register.target_id));

CREATE POLICY vt_unit ON handover_packages AS RESTRICTIVE FOR ALL USING (NOT (SELECT vt_unit_only()));

ALTER FUNCTION vt_held_dossier(integer) SECURITY DEFINER SET search_path = pg_catalog, public;
ALTER FUNCTION vt_held_doc(text, integer) SECURITY DEFINER SET search_path = pg_catalog, public;
ALTER FUNCTION dossier_items_guard() SECURITY DEFINER SET search_path = pg_catalog, public;

CREATE FUNCTION vt_dossier_hidden_reason(p_id integer) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  v_state text;
  v_unit integer;
  v_opened_by text;
BEGIN
  SELECT d.state, d.unit_id, d.opened_by INTO v_state, v_unit, v_opened_by FROM public.dossiers d WHERE d.id = p_id;
  IF NOT FOUND OR NOT public.vt_person() THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM public.dossier_secrecy s WHERE s.dossier_id = p_id) AND NOT public.vt_is('confidential') THEN
    RETURN 'confidential';
  END IF;
  IF public.vt_unit_only() AND v_state <> 'planned' AND v_opened_by IS DISTINCT FROM session_user::text
     AND (v_unit IS NULL OR v_unit IS DISTINCT FROM public.vt_my_unit()) THEN
    RETURN 'unit';
  END IF;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION vt_held_dossier(integer), vt_held_doc(text, integer), dossier_items_guard(), vt_dossier_hidden_reason(integer)
FROM PUBLIC;
`;

/**
 * Filing a document on the office database in fewer and cheaper statements (issue 14: filing
 * p95 ≤ 5 ms as an archivist's own login role). The rules are those of 0070/0177/0184; only
 * where and how often they are checked changes:
 *
 * - dossier_items_guard (0070) ran once per row, also for every item the placement moved down
 *   one (a filing of an earlier event into a dossier of 300 moved up to 300 rows, each asking
 *   the dossier's state). It now runs per row for INSERT and DELETE only. A move keeps its
 *   dossier and document — checked per row by a WHEN clause, no function call — and the
 *   dossiers whose items moved must be open, checked once per statement over its transition
 *   table. (No group has UPDATE on dossier_items: only the owner's placement moves them.)
 * - dossier_items_unit (0177) checked the unit rule before an INSERT that the placement
 *   (0184, BEFORE INSERT, SECURITY DEFINER) checks again: it now guards DELETE only.
 * - vt_dossier_items_place counts the earlier and the later items in one read and moves
 *   the later ones only when there are any (a filing in the order of events moves none).
 */
export const up = /* sql */ `
DROP TRIGGER dossier_items_guard ON dossier_items;
CREATE TRIGGER dossier_items_guard BEFORE INSERT OR DELETE ON dossier_items FOR EACH ROW EXECUTE FUNCTION dossier_items_guard();
CREATE TRIGGER dossier_items_fixed BEFORE UPDATE ON dossier_items FOR EACH ROW
WHEN (new.dossier_id IS DISTINCT FROM old.dossier_id OR new.doc_kind IS DISTINCT FROM old.doc_kind OR new.doc_id IS DISTINCT FROM old.doc_id)
EXECUTE FUNCTION vt_raise('vt:dossier_not_open');

CREATE FUNCTION vt_dossier_items_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.dossiers d WHERE d.id IN (SELECT m.dossier_id FROM moved m) AND d.state <> 'open') THEN
    RAISE EXCEPTION 'vt:dossier_not_open' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_items_moved AFTER UPDATE ON dossier_items REFERENCING NEW TABLE AS moved
FOR EACH STATEMENT EXECUTE FUNCTION vt_dossier_items_moved();

DROP TRIGGER dossier_items_unit ON dossier_items;
CREATE TRIGGER dossier_items_unit BEFORE DELETE ON dossier_items FOR EACH ROW EXECUTE FUNCTION vt_dossier_items_unit();

CREATE OR REPLACE FUNCTION vt_dossier_items_place() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  before integer;
  total integer;
BEGIN
  IF NOT public.vt_dossier_mine(new.dossier_id) THEN
    RAISE EXCEPTION 'vt:dossier_other_unit' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  -- One filing into a dossier at a time, whoever connects (the app also holds the write lock).
  PERFORM 1 FROM public.dossiers WHERE id = new.dossier_id FOR UPDATE;
  SELECT count(*) FILTER (WHERE event_at <= new.event_at), count(*) INTO before, total
  FROM public.dossier_items WHERE dossier_id = new.dossier_id;
  IF total > before THEN
    UPDATE public.dossier_items SET ordinal = ordinal + 1 WHERE dossier_id = new.dossier_id AND ordinal > before;
  END IF;
  new.ordinal := before + 1;
  RETURN new;
END $$;

REVOKE EXECUTE ON FUNCTION vt_dossier_items_moved(), vt_dossier_items_place() FROM PUBLIC;
`;

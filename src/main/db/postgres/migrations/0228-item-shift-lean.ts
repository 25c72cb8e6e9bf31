/**
 * Filing a document before many later items (issue 14: filing p95 ≤ 5 ms on the office
 * database). The placement (0184/0190) moves every later item of the dossier down one; the
 * bench's filings move 59 items on average and up to 236. Two costs grew with every moved item:
 *
 * 1. dossier_items_fixed (0190) was a BEFORE UPDATE row trigger. Whatever its WHEN clause says,
 *    PostgreSQL locks each row before it asks a BEFORE ROW trigger (GetTupleForTrigger): every
 *    moved item wrote a row lock and its WAL record before its new version — twice the WAL of
 *    the move itself (240 items: 490 records, 31 kB, 0.80 ms; without it 250 records, 18 kB,
 *    0.51 ms). The same check (a move keeps its dossier and document) is now an AFTER UPDATE
 *    row trigger with the same WHEN clause: queued only for a row that breaks it, and raising
 *    there aborts the statement as before — nothing written, the same vt:dossier_not_open.
 * 2. vt_dossier_items_moved (0190/0205/0214) locked the moved dossiers, checked they are open
 *    and read every item of each to find an ordinal held twice — after the placement's own
 *    shift too, where none of it can fail: the placement runs after the items' guard (open,
 *    not held) under the dossier's row lock, moves every item after its place down one and
 *    takes the one ordinal that frees. The same holds for the renumbering after a removal
 *    (0199: 1..n in their order, under the same lock, after the guard's per-row check). So a
 *    move made by one of these triggers (pg_trigger_depth() > 1: the move's statement runs
 *    inside another trigger) is no longer checked again; a move by any statement of its own —
 *    whoever sends it, the owner included — is checked as before (0205's two sessions).
 *    Only the owner can send such a statement: no group has UPDATE on dossier_items, no
 *    person can create a trigger or a function, and a statement run from a trigger still has
 *    its caller's rights.
 */
export const up = /* sql */ `
DROP TRIGGER dossier_items_fixed ON dossier_items;
CREATE TRIGGER dossier_items_fixed AFTER UPDATE ON dossier_items FOR EACH ROW
WHEN (new.dossier_id IS DISTINCT FROM old.dossier_id OR new.doc_kind IS DISTINCT FROM old.doc_kind OR new.doc_id IS DISTINCT FROM old.doc_id)
EXECUTE FUNCTION vt_raise('vt:dossier_not_open');

CREATE OR REPLACE FUNCTION vt_dossier_items_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  moved_id integer;
BEGIN
  -- Moved by the placement or the renumbering after a removal (see above): checked by them.
  IF pg_catalog.pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM public.dossiers WHERE id IN (SELECT DISTINCT m.dossier_id FROM moved m) ORDER BY id FOR UPDATE;
  IF EXISTS (SELECT 1 FROM public.dossiers d WHERE d.id IN (SELECT m.dossier_id FROM moved m) AND d.state <> 'open') THEN
    RAISE EXCEPTION 'vt:dossier_not_open' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  FOR moved_id IN SELECT DISTINCT m.dossier_id FROM moved m LOOP
    IF EXISTS (SELECT 1 FROM public.dossier_items i WHERE i.dossier_id = moved_id GROUP BY i.ordinal HAVING count(*) > 1) THEN
      RAISE EXCEPTION 'two items of a dossier with one ordinal (dossier_items_ordinal)' USING ERRCODE = 'unique_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
ALTER FUNCTION vt_dossier_items_moved() SET plan_cache_mode = force_generic_plan;
REVOKE EXECUTE ON FUNCTION vt_dossier_items_moved() FROM PUBLIC;
`;

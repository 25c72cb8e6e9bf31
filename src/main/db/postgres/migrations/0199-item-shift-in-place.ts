/**
 * Filing into a dossier whose later items move down one (issue 14: filing p95 ≤ 5 ms). Filing a
 * document of an earlier event shifts every later item (0184's placement): with the ordinal in
 * a unique index, each moved item was a new row version plus an entry in every one of the
 * table's four indexes, and a deferred recheck of the unique key (a shift by one passes through
 * taken ordinals). A dossier of 300 items filed out of order cost tens of milliseconds a filing,
 * most of it index writes, and left as many dead index entries for the next filing to step over.
 *
 * - The ordinal is in no index any more: moving an item rewrites only its row, in place on its
 *   page when there is room (a HOT update: no index entry at all). The table leaves half of
 *   each page free for those moves (fillfactor 50; items are small rows).
 * - One item per ordinal is still the database's rule, checked where ordinals move: after any
 *   statement that moves items (the placement's shift, the renumbering after a removal, a change
 *   by hand), the moved dossiers' ordinals must be distinct — one read of those dossiers' items,
 *   instead of an index write per moved item. A new item's ordinal is always set by the
 *   placement (BEFORE INSERT), after the shift that frees it, under the dossier's row lock.
 * - The renumbering after a removal takes that same row lock first, so it and a filing into the
 *   same dossier (from any program) take turns; each reads the other's committed items.
 *
 * Listing a dossier's items reads them by the dossier (primary key prefix) and sorts a few
 * hundred rows at most, as it did; nothing else looked items up by ordinal.
 */
export const up = /* sql */ `
ALTER TABLE dossier_items DROP CONSTRAINT dossier_items_ordinal;
ALTER TABLE dossier_items SET (fillfactor = 50);

CREATE OR REPLACE FUNCTION vt_dossier_items_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.dossiers d WHERE d.id IN (SELECT m.dossier_id FROM moved m) AND d.state <> 'open') THEN
    RAISE EXCEPTION 'vt:dossier_not_open' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM public.dossier_items i WHERE i.dossier_id IN (SELECT m.dossier_id FROM moved m)
             GROUP BY i.dossier_id, i.ordinal HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'two items of a dossier with one ordinal (dossier_items_ordinal)' USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION vt_dossier_items_close_gap() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM 1 FROM public.dossiers WHERE id IN (SELECT DISTINCT dossier_id FROM gone) ORDER BY id FOR UPDATE;
  UPDATE public.dossier_items i SET ordinal = x.rn
  FROM (SELECT dossier_id, doc_kind, doc_id, row_number() OVER (PARTITION BY dossier_id ORDER BY ordinal) AS rn
        FROM public.dossier_items WHERE dossier_id IN (SELECT DISTINCT dossier_id FROM gone)) x
  WHERE x.dossier_id = i.dossier_id AND x.doc_kind = i.doc_kind AND x.doc_id = i.doc_id AND i.ordinal <> x.rn;
  RETURN NULL;
END $$;

-- Rewritten with room on every page (the fillfactor applies to pages written from now on), each
-- dossier's items side by side.
CLUSTER dossier_items USING dossier_items_pkey;
`;

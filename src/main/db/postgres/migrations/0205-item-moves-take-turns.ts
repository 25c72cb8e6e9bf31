/**
 * One item per ordinal under concurrent moves (issue 14, follows 0199). 0199 took the ordinal out
 * of the unique index and checks, after each statement that moves items, that the moved dossiers'
 * ordinals are distinct. Under READ COMMITTED that check cannot see another transaction's
 * uncommitted move: two sessions each moving a different item of one dossier onto the same free
 * ordinal both passed, and both committed — a duplicate the unique index used to refuse. The
 * placement and the renumbering after a removal already hold the dossier's row lock; a move by
 * any other statement now takes it too (in id order, before the check), so the second session
 * waits for the first to commit and its check, a new statement with a fresh snapshot, reads the
 * first one's items and refuses the duplicate. The app's own moves hold the lock already; taking
 * it again in the same transaction costs nothing.
 */
export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_dossier_items_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM 1 FROM public.dossiers WHERE id IN (SELECT DISTINCT m.dossier_id FROM moved m) ORDER BY id FOR UPDATE;
  IF EXISTS (SELECT 1 FROM public.dossiers d WHERE d.id IN (SELECT m.dossier_id FROM moved m) AND d.state <> 'open') THEN
    RAISE EXCEPTION 'vt:dossier_not_open' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM public.dossier_items i WHERE i.dossier_id IN (SELECT m.dossier_id FROM moved m)
             GROUP BY i.dossier_id, i.ordinal HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'two items of a dossier with one ordinal (dossier_items_ordinal)' USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NULL;
END $$;
`;

/**
 * PostgreSQL twin of sqlite 0184: one item per ordinal in a dossier, placed and shifted by the
 * database itself. A person connected as themselves sees only the dossier items whose document
 * they may see (0120's policy); filing used to count and shift the items through that policy,
 * so a specialist filing into a dossier that also held another unit's documents got a wrong
 * ordinal — or one already taken — and left the hidden items where they were.
 *
 * - dossier_items_place (BEFORE INSERT, SECURITY DEFINER: as the owner, past the policy): the
 *   new item's ordinal follows every item of the dossier that happened at or before it; the
 *   later ones move down one. Whatever ordinal the statement gave is replaced. It runs after
 *   the open/held guard and checks the unit rule itself (vt_dossier_mine: session_user, the
 *   person) before it moves anything; the inserted row then still passes the person's own
 *   policy and the unit trigger, or the whole statement — shift included — is undone. The
 *   caller learns only its own row's ordinal (INSERT … RETURNING), nothing of the others.
 * - dossier_items_close_gap (AFTER DELETE, per statement, SECURITY DEFINER): the dossiers that
 *   lost items are renumbered 1..n in their order (one statement deleting several items too).
 * - UNIQUE (dossier_id, ordinal), DEFERRABLE: checked at the end of each statement, so a shift
 *   by one may pass through a taken ordinal. It replaces the index dossier_items_order.
 * - No one updates dossier_items directly any more (rights.ts: no UPDATE): only the owner's
 *   triggers move ordinals.
 * - Ordinals already duplicated or with gaps (written before this version) are renumbered in
 *   their order first, triggers aside: the constraint could not be added over them.
 */
export const up = /* sql */ `
ALTER TABLE dossier_items DISABLE TRIGGER USER;
UPDATE dossier_items i SET ordinal = x.rn
FROM (SELECT dossier_id, doc_kind, doc_id,
        row_number() OVER (PARTITION BY dossier_id ORDER BY ordinal, event_at, added_at, doc_kind, doc_id) AS rn
      FROM dossier_items) x
WHERE x.dossier_id = i.dossier_id AND x.doc_kind = i.doc_kind AND x.doc_id = i.doc_id AND i.ordinal <> x.rn;
ALTER TABLE dossier_items ENABLE TRIGGER USER;

DROP INDEX dossier_items_order;
ALTER TABLE dossier_items ADD CONSTRAINT dossier_items_ordinal UNIQUE (dossier_id, ordinal) DEFERRABLE INITIALLY IMMEDIATE;

CREATE FUNCTION vt_dossier_items_place() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  before integer;
BEGIN
  IF NOT public.vt_dossier_mine(new.dossier_id) THEN
    RAISE EXCEPTION 'vt:dossier_other_unit' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  -- One filing into a dossier at a time, whoever connects (the app also holds the write lock).
  PERFORM 1 FROM public.dossiers WHERE id = new.dossier_id FOR UPDATE;
  SELECT count(*) INTO before FROM public.dossier_items WHERE dossier_id = new.dossier_id AND event_at <= new.event_at;
  UPDATE public.dossier_items SET ordinal = ordinal + 1 WHERE dossier_id = new.dossier_id AND ordinal > before;
  new.ordinal := before + 1;
  RETURN new;
END $$;
CREATE TRIGGER dossier_items_place BEFORE INSERT ON dossier_items FOR EACH ROW EXECUTE FUNCTION vt_dossier_items_place();

CREATE FUNCTION vt_dossier_items_close_gap() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE public.dossier_items i SET ordinal = x.rn
  FROM (SELECT dossier_id, doc_kind, doc_id, row_number() OVER (PARTITION BY dossier_id ORDER BY ordinal) AS rn
        FROM public.dossier_items WHERE dossier_id IN (SELECT DISTINCT dossier_id FROM gone)) x
  WHERE x.dossier_id = i.dossier_id AND x.doc_kind = i.doc_kind AND x.doc_id = i.doc_id AND i.ordinal <> x.rn;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_items_close_gap AFTER DELETE ON dossier_items REFERENCING OLD TABLE AS gone
FOR EACH STATEMENT EXECUTE FUNCTION vt_dossier_items_close_gap();

REVOKE EXECUTE ON FUNCTION vt_dossier_items_place(), vt_dossier_items_close_gap() FROM PUBLIC;
`;

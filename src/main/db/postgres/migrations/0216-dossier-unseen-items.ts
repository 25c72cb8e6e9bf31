/**
 * A specialist's dossier says how many of its documents they are not shown (issue 14).
 *
 * On the office database a specialist's own connection reads only the items of a dossier whose
 * documents they may see (0120, 0189): their view of a dossier holding another unit's document
 * listed one row under a total of two, and nothing said why. The view now ends with the number
 * of documents not shown — and only the number.
 *
 * vt_dossier_item_count reads the dossier's items as the owner and answers how many there are:
 * no kind, id, ordinal or word of any of them. Like vt_dossier_item_flags (0204) it answers
 * nothing (NULL) for a dossier the caller may not see (vt_dossier_hidden_reason, 0189) and to
 * an administrator (who reads no dossier); a dossier that does not exist counts 0. The count
 * is of the items themselves, not the dossier's stored doc_total, which a person who may write
 * the dossier's row could set to anything.
 */
export const up = /* sql */ `
CREATE FUNCTION vt_dossier_item_count(p_dossier integer) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT CASE WHEN public.vt_dossier_hidden_reason(p_dossier) IS NULL AND (public.vt_reader() OR NOT public.vt_person())
    THEN (SELECT count(*)::integer FROM public.dossier_items i WHERE i.dossier_id = p_dossier) END
$$;

REVOKE EXECUTE ON FUNCTION vt_dossier_item_count(integer) FROM PUBLIC;
`;

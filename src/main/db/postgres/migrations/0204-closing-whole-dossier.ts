/**
 * Closing a dossier judges the whole dossier (issue 14).
 *
 * Closing refuses a dossier that still holds drafts (an outgoing document never issued, a
 * voided incoming one) or duplicates (the same document registered twice) unless the person
 * confirms keeping them (Decree 30 Art. 29: remove drafts and duplicates before closing).
 * On the office database a specialist's own connection reads only the items they may see
 * (0120, 0189), so the check judged only those: a duplicate of another unit's document, or a
 * voided document they cannot see, slipped through into the closed record.
 *
 * vt_dossier_item_flags reads every item as the owner and answers, for the flagged ones only,
 * the ordinal, whether it is a draft and the ordinal of the item it duplicates — no kind, id,
 * symbol or subject: the person learns how many, and where, never what. It answers nothing
 * for a dossier the caller may not see (vt_dossier_hidden_reason, 0189), nor to an
 * administrator (who reads no dossier). The rule is the
 * application's (archive/archiveService.ts, flags): a draft by the document's status; a
 * duplicate by the incoming document's stored key (dup_key), else by kind, folded author,
 * folded symbol and issue date; the earliest item of a key is the original.
 *
 * vt_fold is the application's fold (src/shared/text/vietnamese.ts) as one translate() over
 * NFC text: every character below U+2000 whose folded form is one character or none, the
 * table generated from fold() itself when this migration is built, so the two cannot drift
 * apart for the letters Vietnamese uses. (Left as they are: the 36 Indic and Tibetan letters
 * that fold to two, and from U+2000 on the few characters with a case, such as Ⅳ — none occurs
 * in a symbol or an organ's name.)
 */
import { fold } from '../../../../shared/text/vietnamese.js';

function foldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  let drop = '';
  for (let c = 0x20; c < 0x2000; c++) {
    if (c >= 0x7f && c < 0xa0) continue;
    const ch = String.fromCharCode(c);
    const f = fold(ch);
    if (f === ch || f.length > 1) continue;
    if (f === '') drop += ch;
    else {
      from += ch;
      to += f;
    }
  }
  // translate() deletes the characters of `from` beyond the length of `to`: the marks go last.
  return { from: from + drop, to };
}

const { from, to } = foldTable();
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const up = /* sql */ `
CREATE FUNCTION vt_fold(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
  SELECT translate(s, ${quote(from)}, ${quote(to)})
$$;

CREATE FUNCTION vt_dossier_item_flags(p_dossier integer)
RETURNS TABLE (ordinal integer, draft boolean, duplicate_of integer) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  WITH items AS (
    SELECT i.ordinal, d.status = 'voided' AS draft,
      coalesce(d.dup_key, CASE WHEN coalesce(d.symbol, '') <> ''
        THEN 'incoming|' || public.vt_fold(coalesce(d.organ_name, '')) || '|' || public.vt_fold(d.symbol) || '|' || coalesce(d.issued_date, '') END) AS key
    FROM public.dossier_items i JOIN public.incoming_documents d ON d.id = i.doc_id
    WHERE i.dossier_id = p_dossier AND i.doc_kind = 'incoming'
    UNION ALL
    SELECT i.ordinal, o.status NOT IN ('issued', 'issued_paper', 'signed'),
      CASE WHEN coalesce(o.symbol, '') <> '' THEN 'outgoing||' || public.vt_fold(o.symbol) || '|' || coalesce(o.issued_date, '') END
    FROM public.dossier_items i JOIN public.outgoing_documents o ON o.id = i.doc_id
    WHERE i.dossier_id = p_dossier AND i.doc_kind = 'outgoing'
  ), judged AS (
    SELECT x.ordinal, x.draft,
      CASE WHEN x.key IS NOT NULL THEN min(x.ordinal) OVER (PARTITION BY x.key) END AS first
    FROM items x
  )
  SELECT j.ordinal, j.draft, CASE WHEN j.first <> j.ordinal THEN j.first END
  FROM judged j
  WHERE (SELECT public.vt_dossier_hidden_reason(p_dossier) IS NULL AND (public.vt_reader() OR NOT public.vt_person()))
    AND (j.draft OR j.first <> j.ordinal)
  ORDER BY j.ordinal
$$;

REVOKE EXECUTE ON FUNCTION vt_dossier_item_flags(integer) FROM PUBLIC;
`;

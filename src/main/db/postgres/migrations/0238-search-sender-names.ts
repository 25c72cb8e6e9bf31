/**
 * The sender filter as the documents' sender names, walked newest first by name (issue 11).
 *
 * The sender filter («Sở Tài chính»: every word in the sender, the last a prefix while typing) was
 * asked as words of weight B in the search vector (`'so':B & 'tai':B & 'chinh':*B`, tsvector.ts).
 * The GIN index keeps no weights: it found every document holding those words anywhere (18,914
 * for «kinh phí» + «Sở Tài chính» at 1,000,000 documents: «sở», «tài» are words of subjects too),
 * each read from the table and its vector checked again; and the planner, multiplying the words'
 * frequencies, expected 2 hits, so the first page read all 14,026 to count them (60–115 ms).
 *
 * But a sender is one of few names (hundreds to a few thousand in an office), and every document
 * of one name has the same sender words. The search now sends the sender's question apart
 * (`organ`, incomingSearch.ts), and:
 *
 * - vt_organ_names finds the distinct `organ_name`s it matches: one descent of a new index per
 *   name (a loose index scan), each name asked the question on the sender words of one of its
 *   documents, from the same index (about 2 ms for the bench's 207 names; ~10 µs a name);
 * - vt_search_from asks for `d.organ_name = ANY(those names)` instead of the words (no row is
 *   rechecked for them; the column's statistics give the planner a true count of the senders'
 *   documents);
 * - vt_search_first, for at most ORGAN_WALK_NAMES names, walks each name's documents newest first
 *   in the new index incoming_organ_searched — keyed by name and sort key, holding the columns a
 *   search's conditions read as 0226's incoming_newest_searched does, so no table page is read —
 *   merged newest first and stopped at the cap: the page's keys and the number of hits (exact up to
 *   p_up_to, so no count call follows) from one walk of at most the names' documents, whatever the
 *   words' frequencies; then the page's rows by key.
 *
 * Names, not a catalogue: a document matches by what its own sender says (incoming_organs keeps one
 * spelling per folded name; a corrected or respelled sender is a name of its own here), and a name
 * only a voided or confidential document has is still a name — the person's row rule and every
 * other condition apply to the rows as before (vt_search_from, unchanged but for the sender). The
 * same rows, in the same order, are found; only how.
 *
 * Measured on the office bench's 1,000,000 documents (see the commit): the index takes 557 MB and
 * about 5–9 s to build there; an import writes one more index entry per document.
 */
import { up as SEARCH_FROM_0210 } from './0210-search-dense-prefix.js';
import { up as SEARCH_FIRST_0224 } from './0224-search-first-page.js';
import { patchSql } from './sqlPatch.js';

/** More sender names than this for one filter: the names are asked together (`= ANY`), not walked one by one. */
export const ORGAN_WALK_NAMES = 64;

const END_0210 = `  IF cardinality(pos) > 0 THEN
    w := w || format('d.search_tsv @@ %L::tsquery',`;
const END_0238 = `  -- The sender filter: the names whose sender words answer it (vt_organ_names), or those names
  -- found already (vt_search_first finds them once for its several statements).
  IF p ? 'organNames' THEN
    IF jsonb_typeof(p->'organNames') <> 'array' THEN
      RAISE EXCEPTION 'vt_search: organNames is a list of names' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    w := w || format('d.organ_name = ANY(%L::text[])', ARRAY(SELECT jsonb_array_elements_text(p->'organNames')));
  ELSIF p ? 'organ' THEN
    w := w || format('d.organ_name = ANY(%L::text[])', public.vt_organ_names((p->>'organ')::tsquery));
  END IF;

${END_0210}`;

const DECLARE_0224 = `  lo bigint;
BEGIN`;
const DECLARE_0238 = `  lo bigint;
  -- The sender names of a sender filter (vt_organ_names), and the other conditions without them.
  names text[];
  w0 text;
  walks text;
  parallel text;
BEGIN`;

const FROM_0224 = `  f := public.vt_search_from(p);
  SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = 'public.incoming_documents'::regclass;`;
const FROM_0238 = `  IF p ? 'organ' THEN
    names := public.vt_organ_names((p->>'organ')::tsquery);
    p := (p - 'organ') || jsonb_build_object('organNames', to_jsonb(names));
  END IF;
  f := public.vt_search_from(p);
  SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = 'public.incoming_documents'::regclass;

  -- A sender filter of few names: each name's documents newest first from incoming_organ_searched
  -- (its rows hold the searched columns: no table page read), merged, up to the cap — the page
  -- and the number of hits (up to p_up_to) from one walk, whatever the words' frequencies. Its
  -- hits are the rows of f: the same conditions, the names asked one by one.
  IF names IS NOT NULL AND cardinality(names) <= ${ORGAN_WALK_NAMES} AND p_limit > 0 AND p_up_to > 0 THEN
    w0 := public.vt_search_from(p - 'organNames');
    IF left(w0, length(head)) = head THEN
      IF cardinality(names) = 0 THEN RETURN; END IF;
      w0 := substr(w0, length(head) + 1);
      SELECT string_agg(format('(SELECT d.sort_key FROM public.incoming_documents d WHERE d.organ_name = %L AND %s ORDER BY d.sort_key DESC LIMIT %s)',
                               x, w0, p_up_to), ' UNION ALL ') INTO walks FROM unnest(names) AS x;
      -- A merge that stops at the cap (a parallel plan would read every name's rows and sort them).
      parallel := current_setting('max_parallel_workers_per_gather');
      PERFORM set_config('max_parallel_workers_per_gather', '0', true);
      RETURN QUERY EXECUTE format(
        'WITH h AS MATERIALIZED (SELECT x.sort_key FROM (%s) x ORDER BY x.sort_key DESC LIMIT %s) '
        'SELECT %s, (SELECT count(*) FROM h) FROM (SELECT h.sort_key FROM h ORDER BY h.sort_key DESC LIMIT %s) hk '
        'JOIN public.incoming_documents d ON d.sort_key = hk.sort_key ORDER BY d.sort_key DESC',
        walks, p_up_to, cols, p_limit);
      PERFORM set_config('max_parallel_workers_per_gather', parallel, true);
      RETURN;
    END IF;
  END IF;`;

const CREATE_0224 = 'CREATE FUNCTION vt_search_first(';
const REVOKE_0224 = 'REVOKE EXECUTE ON FUNCTION vt_search_first(jsonb, integer, bigint) FROM PUBLIC;';

const first = patchSql(
  SEARCH_FIRST_0224,
  [
    [DECLARE_0224, DECLARE_0238],
    [FROM_0224, FROM_0238],
    [CREATE_0224, 'CREATE OR REPLACE FUNCTION vt_search_first('],
    [REVOKE_0224, ''],
  ],
  'migration 0238: vt_search_first of 0224',
);
/** A vt_search_from (0210's, or a later one built on it) with the sender filter of this migration. */
export function withSenderNames(searchFrom: string, migration = '0238'): string {
  return patchSql(searchFrom, [[END_0210, END_0238]], `migration ${migration}: the vt_search_from it builds on`);
}

/** vt_search_first of this migration (0239 builds on it). */
export const SEARCH_FIRST = first;

/** The columns incoming_organ_searched holds beside its key (those vt_search_from's conditions name, as 0226's). */
const ORGAN_INCLUDE = ['search_tsv', 'secrecy', 'status', 'register_id', 'symbol_key', 'issued_date'];

export const up = /* sql */ `
-- Each sender name's documents newest first, with the columns a search's conditions read.
CREATE INDEX incoming_organ_searched ON incoming_documents (organ_name, sort_key) INCLUDE (${ORGAN_INCLUDE.join(', ')});

-- The distinct sender names whose sender words (weight B of the search vector) answer q. Every
-- document of one name has the same sender words (tsvector.ts builds them from the name alone),
-- so one document of each name is asked. The names come from incoming_organ_searched, one descent
-- per name (a loose index scan), the words from the same index.
CREATE FUNCTION vt_organ_names(q tsquery) RETURNS text[] LANGUAGE sql STABLE
SET search_path = pg_catalog, public AS $$
  WITH RECURSIVE n(name) AS (
    SELECT min(d.organ_name) FROM public.incoming_documents d
    UNION ALL
    SELECT (SELECT min(d.organ_name) FROM public.incoming_documents d WHERE d.organ_name > n.name)
      FROM n WHERE n.name IS NOT NULL)
  SELECT coalesce(array_agg(n.name), '{}') FROM n
   WHERE n.name IS NOT NULL
     AND (SELECT ts_filter(d.search_tsv, '{b}') @@ q FROM public.incoming_documents d WHERE d.organ_name = n.name LIMIT 1)
$$;
REVOKE EXECUTE ON FUNCTION vt_organ_names(tsquery) FROM PUBLIC;

${withSenderNames(SEARCH_FROM_0210)}
${first}`;

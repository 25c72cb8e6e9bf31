/**
 * A capped count of common words is proven on a quarter of the documents (issue 11).
 *
 * The search screen's total is exact up to 10,000 and "more than 10,000" above; the count stops
 * at 10,001 hits (vt_search_count). Any 10,001 rows that all satisfy the search prove "more
 * than": they need not be the newest, nor all of one kind. Migration 0226 found them among the
 * newest rows, walking a covering index at about 0.35 µs a row (its tuples carry the ~400-byte
 * search vector): 10,001 / density rows, so 57 ms for a clerk's «so tai chinh» (6.4 % of the
 * documents: 156,000 rows walked), 37 ms for «kế hoạch» (9.2 %), 41 ms for «phòng chố» at
 * 1,000,000 documents. The GIN index over all documents is no cheaper there: it gathers every
 * hit of words that common before the first is counted (44 ms for «so tai chinh»'s 64,000).
 *
 * So a second GIN index holds the search vectors of a fixed quarter of the documents (id % 4 =
 * 0: the same documents whatever their dates, kept by PostgreSQL as rows are written). Where the
 * walk's sample sees hits sparser than WALK_DENSE yet expects at least PROOF_HITS times the cap
 * in all, the count first asks for the cap's number of hits among that quarter: the whole search
 * (vt_search_from: its words, filters and the person's row rule, every condition checked on the
 * rows) AND'ed with the quarter and with its words as exact lexemes — each typed prefix as the
 * most common word it stands for (pg_stats), which only narrows: `chinh` is one of `chinh:*`.
 * The index then intersects a quarter of the lists, of exact words, and stops at the cap: «so tai
 * chinh» 57 -> 29 ms, «kế hoạch» 37 -> 23, «phòng chố» 41 -> 25 (psql, owner, load ~2, direction).
 * Those rows are hits of the search itself, so reaching the cap proves "more than"; finding fewer
 * proves nothing and the count goes on as before (walk or index, exact up to the cap). Denser
 * hits are still walked (cheaper there: «ủy ban», 16 %, 23 ms walked).
 *
 * The quarter index costs a quarter of the search index's upkeep on writes (the import bench's
 * 100,000 documents: no difference beyond noise, see the commit) and is built at upgrade in
 * about 4 s at 1,000,000 documents (23 MB).
 */
import { SAMPLE } from './0186-search-newest-walk.js';
import { COUNT_WALK_MAX, NARROW_COLUMNS } from './0226-search-count-narrow.js';

/** Hits in this share of the newest rows or more are walked (0.35 µs a row: 10,001 hits in about 30 ms). */
export const WALK_DENSE = 0.12;
/** The proof is tried where the hits expected (the sample's density × the documents) are this many times the cap. */
export const PROOF_HITS = 5;

export const up = /* sql */ `
-- A fixed quarter of the documents' search vectors: a capped count's proof (vt_search_proof).
CREATE INDEX incoming_search_quarter ON incoming_documents USING gin (search_tsv) WHERE id % 4 = 0;

-- The search's words as exact lexemes AND'ed (each typed prefix as its most common word), or NULL
-- where a term is not plain words (a phrase, a column weight, an OR) or a prefix has no common word.
-- Every row it matches has the words the search asks for; the search's own conditions stay checked.
CREATE FUNCTION vt_search_exact_words(p jsonb) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
DECLARE
  term jsonb;
  q text;
  m text[];
  words text[] := '{}';
  els text[];
  freqs real[];
  best text;
BEGIN
  FOR term IN SELECT * FROM jsonb_array_elements(coalesce(p->'terms', '[]'::jsonb)) LOOP
    IF jsonb_array_length(term) <> 1 OR NOT term->0 ? 'tsv' THEN CONTINUE; END IF;
    q := (term->0->>'tsv')::tsquery::text;
    -- Plain words only: 'a' & 'b' & 'c':* (no weights, phrases, negations or alternatives).
    IF q !~ '^''[^''\\\\]+''(:\\*)?( & ''[^''\\\\]+''(:\\*)?)*$' THEN RETURN NULL; END IF;
    FOR m IN SELECT regexp_matches(q, '''([^''\\\\]+)''(:\\*)?', 'g') LOOP
      IF m[2] IS NULL THEN
        words := words || m[1];
        CONTINUE;
      END IF;
      IF els IS NULL THEN
        SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs INTO els, freqs
          FROM pg_catalog.pg_stats s
         WHERE s.schemaname = 'public' AND s.tablename = 'incoming_documents' AND s.attname = 'search_tsv';
        IF els IS NULL THEN RETURN NULL; END IF;
      END IF;
      SELECT els[i] INTO best FROM generate_subscripts(els, 1) AS i
       WHERE left(els[i], length(m[1])) = m[1] ORDER BY freqs[i] DESC, els[i] LIMIT 1;
      IF best IS NULL THEN RETURN NULL; END IF;
      words := words || best;
    END LOOP;
  END LOOP;
  IF cardinality(words) = 0 THEN RETURN NULL; END IF;
  RETURN (SELECT string_agg(quote_literal(w), ' & ') FROM unnest(words) AS w)::tsquery::text;
END $$;
REVOKE EXECUTE ON FUNCTION vt_search_exact_words(jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION vt_search_count(p jsonb, p_up_to bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  f text;
  w text;
  head constant text := 'FROM public.incoming_documents d WHERE ';
  -- The newest rows (%s of them) as the sample and the walk read them.
  newest text := 'SELECT * FROM public.incoming_documents d0 ORDER BY d0.sort_key DESC LIMIT %s';
  n bigint;
  seen bigint;
  edge bigint;
  span bigint;
  counted bigint := 0;
  below text := '';
  total double precision;
  exact text;
BEGIN
  f := public.vt_search_from(p);
  IF p_up_to IS NULL THEN
    EXECUTE 'SELECT count(*) ' || f INTO n;
    RETURN n;
  END IF;
  IF p_up_to > 0 AND left(f, length(head)) = head THEN
    w := substr(f, length(head) + 1);
    -- Every column the conditions name is in incoming_newest_searched: read the rows from it.
    -- (A literal that looks like d.<name> can only send the walk to the table: slower, same rows.)
    IF NOT EXISTS (SELECT 1 FROM regexp_matches(w, '\\md\\.([a-z_0-9]+)', 'g') AS m
                   WHERE m[1] <> ALL (ARRAY['${NARROW_COLUMNS.join("','")}'])) THEN
      newest := 'SELECT ${NARROW_COLUMNS.map((c) => `d0.${c}`).join(', ')} FROM public.incoming_documents d0 ORDER BY -d0.sort_key LIMIT %s';
    END IF;
    -- The sample: hits among the newest rows, and how many rows there are at all.
    EXECUTE format('SELECT count(*) FILTER (WHERE %s), count(*) FROM (%s) d', w, format(newest, ${SAMPLE})) INTO n, seen;
    IF seen < ${SAMPLE} OR n >= p_up_to THEN RETURN least(n, p_up_to); END IF;
    -- Sparser than a cheap walk but far more than the cap expected: the proof among the quarter
    -- (its rows are the search's own hits, each checked; fewer than the cap prove nothing).
    IF n < ${WALK_DENSE} * ${SAMPLE} THEN
      SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = 'public.incoming_documents'::regclass;
      IF n * coalesce(total, 0) / ${SAMPLE} >= ${PROOF_HITS} * p_up_to THEN
        exact := public.vt_search_exact_words(p);
        IF exact IS NOT NULL THEN
          EXECUTE format('SELECT count(*) FROM (SELECT 1 %s AND d.id %% 4 = 0 AND d.search_tsv @@ %L::tsquery LIMIT %s) x',
            f, exact, p_up_to) INTO counted;
          IF counted >= p_up_to THEN RETURN p_up_to; END IF;
          counted := 0;
        END IF;
      END IF;
    END IF;
    IF n > 0 AND 2 * p_up_to * ${SAMPLE} / n <= ${COUNT_WALK_MAX} THEN
      span := 2 * p_up_to * ${SAMPLE} / n;
      EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM (%s) d WHERE %s LIMIT %s) x', format(newest, span), w, p_up_to) INTO counted;
      IF counted >= p_up_to THEN RETURN p_up_to; END IF;
      -- Fewer than p_up_to among the walked rows: the rest below the last of them.
      EXECUTE format('SELECT min(sort_key), count(*) FROM (SELECT d0.sort_key FROM public.incoming_documents d0 ORDER BY d0.sort_key DESC LIMIT %s) x',
        span) INTO edge, seen;
      IF seen < span THEN RETURN counted; END IF;
      below := format(' AND d.sort_key < %s', edge);
    END IF;
  END IF;
  EXECUTE format('SELECT count(*) FROM (SELECT %s%s LIMIT %s) x', f, below, p_up_to - counted) INTO n;
  RETURN counted + n;
END $$;
`;

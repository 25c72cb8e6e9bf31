/**
 * A search's first page reads only the newest hits it shows, and counts on the way only what a
 * capped total needs (issue 11).
 *
 * The first page of a ranked search is the 1,000 newest hits (RELEVANCE_CANDIDATES), of a
 * date-sorted one the 20 newest; beside it the total, exact up to the cap (10,000) and "more
 * than" above. When the walks of the newest rows (0186) do not find the page, the candidates
 * (0191) read EVERY hit from the GIN index's bitmap to count them on the way: a specialist's
 * «quang ngai» read all 45,640 hits' rows (40,549 table pages) to show the newest 1,000 and a
 * total shown as "more than 10,000" (460 ms at 1,000,000 documents, load ~8). A date-sorted page
 * read its hits once for the keys (vt_search_keys, the newest 20 of all hits by a top-N sort) and
 * once more for the count (vt_search_count): «tiếp công dân» from «UBND huyện Bình Sơn», 79 hits,
 * built the same GIN bitmap twice (44 + 35 ms).
 *
 * vt_search_first (new; vt_search_keys and vt_search_candidates stay for the pages after the
 * first and for older callers) takes the cap (p_up_to, the caller's cap + 1) and, after the same
 * walks, estimates the hits still wanted below the last row walked — the planner's estimate of
 * the whole search (its words asked with @@: the planner cannot see into ts_match_vq, 0183, and
 * would guess a third), or the density the walk's sample saw where that found SAMPLE_HITS or
 * more (the planner multiplies the frequencies of words that come together) — and:
 *
 * - where they are not above the cap (CLEARLY_CAPPED × p_up_to), it reads them all from the GIN
 *   index's bitmap and counts them on the way, as 0191's candidates do (the count would read every
 *   one of them anyway), for a date-sorted page too: one bitmap instead of two, no count call;
 * - where they are, the count is capped and reads at most p_up_to hits itself (vt_search_count),
 *   so reading every hit here is waste: it reads the newest hits of a range of the newest sort
 *   keys expected to hold twice the page (its bound from pg_stats' histogram of sort_key; the
 *   planner walks the range newest first or ANDs a bitmap of it with the GIN index's), and only if
 *   that range holds fewer than the page, the rest below it as vt_search_keys does. Those rows carry
 *   no number (NULL): the caller counts with vt_search_count.
 *
 * Measured on the office bench's 1,000,000 documents (bench/officeSearch.ts, old and new
 * alternately, load 11-13, direction only): the specialist's «quang ngai» 620-650 -> 275-300 ms
 * (the page 60 ms, the capped count the rest); a date-sorted «tiếp công dân» from «UBND huyện Bình
 * Sơn» of type Công văn 92-107 -> 49-65 ms for a clerk without the grant; «STC-NS» 104-136 -> 81-90.
 *
 * VOLATILE only because PostgreSQL refuses EXPLAIN (the planner's estimate) in a STABLE function;
 * it writes nothing. Its statements may then each see the latest commits, as the caller's separate
 * count call does already; the walks and the index's part cover disjoint ranges of sort keys, so
 * no row is given twice.
 *
 * The rows returned are the same rows in the same order as vt_search_candidates gives (the
 * newest p_limit hits, each checked against the whole search with the person's rule: the same
 * vt_search_from), and `hits` is either NULL on every row (not counted) or, on the rows read from
 * the bitmap, the number of every hit below the rows walked (NULL on those), as 0186's.
 */
import { SAMPLE, WALK_MAX } from './0186-search-newest-walk.js';

/** Above this many times the cap, hits are not all read to be counted: the count stops at the cap. */
export const CLEARLY_CAPPED = 1;
/** The walk's sample says how dense the hits are only when it found at least this many. */
export const SAMPLE_HITS = 8;

export const up = /* sql */ `
CREATE FUNCTION vt_search_first(p jsonb, p_limit integer, p_up_to bigint)
RETURNS TABLE (k bigint, subject text, organ text, symbol text, hits bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  f text;
  w text;
  head constant text := 'FROM public.incoming_documents d WHERE ';
  cols constant text := 'd.sort_key, d.subject, d.organ_name, d.symbol';
  below bigint;
  want bigint := p_limit;
  span bigint;
  n bigint;
  edge bigint;
  walked bigint;
  pass integer := 0;
  total double precision;
  -- The density of hits the first walk saw (NULL: no walk).
  sampled double precision;
  sample_hits bigint;
  est double precision;
  plan json;
  bounds bigint[];
  j integer;
  q integer;
  lo bigint;
BEGIN
  IF p_limit IS NULL OR p_limit < 0 THEN
    RAISE EXCEPTION 'vt_search: a limit is needed' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  f := public.vt_search_from(p);
  SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = 'public.incoming_documents'::regclass;
  -- The walks of 0186: the newest rows, each checked against the whole search.
  IF p_limit > 0 AND p_limit <= ${WALK_MAX} AND left(f, length(head)) = head THEN
    w := substr(f, length(head) + 1);
    span := least(greatest(2 * p_limit, 64), ${SAMPLE});
    LOOP
      pass := pass + 1;
      RETURN QUERY EXECUTE format(
        'SELECT %s, NULL::bigint FROM (SELECT * FROM public.incoming_documents d0 %s ORDER BY d0.sort_key DESC LIMIT %s) d WHERE %s ORDER BY d.sort_key DESC LIMIT %s',
        cols, CASE WHEN below IS NULL THEN '' ELSE format('WHERE d0.sort_key < %s', below) END, span, w, want);
      GET DIAGNOSTICS n = ROW_COUNT;
      IF pass = 1 THEN sampled := n::double precision / span; sample_hits := n; END IF;
      want := want - n;
      IF want = 0 THEN RETURN; END IF;
      EXECUTE format('SELECT min(sort_key), count(*) FROM (SELECT d0.sort_key FROM public.incoming_documents d0 %s ORDER BY d0.sort_key DESC LIMIT %s) x',
        CASE WHEN below IS NULL THEN '' ELSE format('WHERE d0.sort_key < %s', below) END, span) INTO edge, walked;
      IF walked < span THEN RETURN; END IF;
      below := edge;
      IF pass >= 2 OR n = 0 THEN EXIT; END IF;
      EXIT WHEN want * span / n > least(${WALK_MAX}, coalesce(total, 0) * n / span);
      span := least(${WALK_MAX}, 2 * want * span / n);
    END LOOP;
  END IF;

  -- How many hits are left below the rows walked: the planner's estimate, or the sample's density
  -- where that is higher (the planner multiplies the frequencies of words that come together).
  IF p_up_to IS NOT NULL THEN
    -- The whole query's words as @@ (ts_match_vq, which keeps them from the index, is a function
    -- the planner cannot see into: it would guess a third); only planned, never run.
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 ' || replace(f, 'ts_match_vq(d.search_tsv, ', '(d.search_tsv @@ ')
      || CASE WHEN below IS NULL THEN '' ELSE format(' AND d.sort_key < %s', below) END INTO plan;
    est := (plan->0->'Plan'->>'Plan Rows')::double precision;
    -- A sample of a few hits says little (3 of 256 for 45,000 hits in 1,000,000 documents).
    IF sample_hits >= ${SAMPLE_HITS} THEN est := greatest(est, sampled * coalesce(total, 0)); END IF;
  END IF;

  IF est IS NULL OR est <= ${CLEARLY_CAPPED} * p_up_to THEN
    -- Every hit below is read (and counted): the newest come from a top-N sort (0191).
    RETURN QUERY EXECUTE format('SELECT %s, count(*) OVER () ', cols) || f
      || CASE WHEN below IS NULL THEN '' ELSE format(' AND d.sort_key < %s', below) END
      || format(' ORDER BY d.sort_key + 0 DESC LIMIT %s', want);
    RETURN;
  END IF;

  -- Far more hits than the cap: only the newest. A range of the newest sort keys expected to hold
  -- twice the hits wanted, its lower bound from the histogram (each bucket about total / buckets rows).
  SELECT s.histogram_bounds::text::bigint[] INTO bounds FROM pg_catalog.pg_stats s
   WHERE s.schemaname = 'public' AND s.tablename = 'incoming_documents' AND s.attname = 'sort_key';
  -- (Documents alone: the files' text is a join, its rest is asked as vt_search_keys asks it.)
  IF cardinality(bounds) > 2 AND total > 0 AND left(f, length(head)) = head THEN
    SELECT max(i) INTO j FROM generate_subscripts(bounds, 1) AS i WHERE below IS NULL OR bounds[i] < below;
    q := ceil(2 * want * total / est / (total / (cardinality(bounds) - 1)))::integer;
    IF j IS NOT NULL AND j - q >= 1 THEN
      lo := bounds[j - q];
      -- The planner walks the range's rows newest first or ANDs a bitmap of the range with the
      -- index's, whichever it costs lower: either way no further than the range.
      RETURN QUERY EXECUTE format('SELECT %s, NULL::bigint ', cols) || f
        || CASE WHEN below IS NULL THEN '' ELSE format(' AND d.sort_key < %s', below) END
        || format(' AND d.sort_key >= %s ORDER BY d.sort_key DESC LIMIT %s', lo, want);
      GET DIAGNOSTICS n = ROW_COUNT;
      want := want - n;
      IF want = 0 THEN RETURN; END IF;
      below := lo;
    END IF;
  END IF;
  -- The rest below the range, newest first (the planner walks the sort key or reads the bitmap).
  RETURN QUERY EXECUTE format('SELECT %s, NULL::bigint ', cols) || f
    || CASE WHEN below IS NULL THEN '' ELSE format(' AND d.sort_key < %s', below) END
    || format(' ORDER BY d.sort_key DESC LIMIT %s', want);
END $$;
REVOKE EXECUTE ON FUNCTION vt_search_first(jsonb, integer, bigint) FROM PUBLIC;
`;

/**
 * A common word's newest hits read from the newest rows, not from every hit (issue 11).
 *
 * The first page of a ranked search needs the 1,000 newest hits (RELEVANCE_CANDIDATES, ranked
 * by search/rank.ts), a date-sorted page the 20 newest. From the GIN index PostgreSQL gets the
 * bitmap of EVERY hit, reads each one's row for its sort key and keeps the newest: «kế hoạch» at
 * 1,000,000 documents is 92,000 hits on 64,000 table pages read (1.5 s cold) to keep 1,000. The
 * planner would rather walk the sort key backwards and check each row, but it cannot know that
 * words like «kế» and «hoạch» come together (it multiplies their frequencies: 10× too few hits)
 * and a person's row rule is more lexemes in the same query.
 *
 * So vt_search_keys and vt_search_rows first walk the newest rows themselves, by the sort key's
 * index, checking each against the whole search (the same conditions vt_search_from builds, the
 * person's rule included): a sample of the newest rows (2 × limit, 64 to SAMPLE), and, if the
 * hits there are dense enough that the rest lies within fewer rows than the GIN index would read
 * (every hit: the density seen times the table's rows; WALK_MAX at most), a second walk that far
 * (twice the rows expected; it stops at the last hit wanted). Whatever the
 * walks found are the newest hits above the last row walked; the rest (if any are still
 * wanted) come from the GIN index below that row, as before. The answer is the same rows in the
 * same order; only how they are found changes. A rare word costs one short walk more (the
 * sample: 256 rows for the candidates, 64 for a page of 20).
 */

/** At most this many rows are walked before the GIN index is asked (dense hits only). */
export const WALK_MAX = 50_000;
/** The first walk: this many of the newest rows at most, to see how dense the hits are. */
export const SAMPLE = 256;

/**
 * A search function's body: the hits' `cols`, newest first, below p_before, at most p_limit.
 * `counted`: the rows the GIN index gives also carry the number of hits below the last row walked
 * (count(*) OVER (): every hit is read there anyway), NULL on the rows the walks found.
 */
function newestBody(cols: string, counted = false): string {
  return /* sql */ `
DECLARE
  f text;
  w text;
  head constant text := 'FROM public.incoming_documents d WHERE ';
  below bigint := p_before;
  want bigint := p_limit;
  span bigint;
  n bigint;
  edge bigint;
  walked bigint;
  pass integer := 0;
  total double precision;
BEGIN
  IF p_limit IS NULL OR p_limit < 0 THEN
    RAISE EXCEPTION 'vt_search: a limit is needed' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  f := public.vt_search_from(p);
  -- Walks only for a search of the documents alone (the files' text is a join) and a page-sized limit.
  IF p_limit > 0 AND p_limit <= ${WALK_MAX} AND left(f, length(head)) = head THEN
    w := substr(f, length(head) + 1);
    span := least(greatest(2 * p_limit, 64), ${SAMPLE});
    LOOP
      pass := pass + 1;
      -- The newest span rows below the edge, each checked against the whole search.
      RETURN QUERY EXECUTE format(
        'SELECT ${cols}${counted ? ', NULL::bigint' : ''} FROM (SELECT * FROM public.incoming_documents d0 %s ORDER BY d0.sort_key DESC LIMIT %s) d WHERE %s ORDER BY d.sort_key DESC LIMIT %s',
        CASE WHEN below IS NULL THEN '' ELSE format('WHERE d0.sort_key < %s', below) END, span, w, want);
      GET DIAGNOSTICS n = ROW_COUNT;
      want := want - n;
      IF want = 0 THEN RETURN; END IF;
      -- The last row walked: the rest of the hits are below it (fewer rows than span: none is left).
      EXECUTE format('SELECT min(sort_key), count(*) FROM (SELECT d0.sort_key FROM public.incoming_documents d0 %s ORDER BY d0.sort_key DESC LIMIT %s) x',
        CASE WHEN below IS NULL THEN '' ELSE format('WHERE d0.sort_key < %s', below) END, span) INTO edge, walked;
      IF walked < span THEN RETURN; END IF;
      below := edge;
      -- Walk on only where the rest is expected within fewer rows than the GIN index would
      -- read (every hit: the density seen times the table's rows, as last analysed).
      IF pass >= 2 OR n = 0 THEN EXIT; END IF;
      SELECT c.reltuples INTO total FROM pg_catalog.pg_class c WHERE c.oid = 'public.incoming_documents'::regclass;
      EXIT WHEN want * span / n > least(${WALK_MAX}, coalesce(total, 0) * n / span);
      span := least(${WALK_MAX}, 2 * want * span / n);
    END LOOP;
  END IF;
  RETURN QUERY EXECUTE 'SELECT ${cols}${counted ? ', count(*) OVER ()' : ''} ' || f
    || CASE WHEN below IS NULL THEN '' ELSE format(' AND d.sort_key < %s', below) END
    || format(' ORDER BY d.sort_key DESC LIMIT %s', want);
END`;
}

export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_search_keys(p jsonb, p_before bigint, p_limit integer) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off SET work_mem = '64MB' AS $$
${newestBody('d.sort_key')}
$$;

-- The relevance candidates (search/rank.ts) with their scored fields, newest first; \`hits\`: see newestBody.
CREATE FUNCTION vt_search_candidates(p jsonb, p_before bigint, p_limit integer)
RETURNS TABLE (k bigint, subject text, organ text, symbol text, hits bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off SET work_mem = '64MB' AS $$
${newestBody('d.sort_key, d.subject, d.organ_name, d.symbol', true)}
$$;
-- vt_search_rows (0182) is no longer called: the candidates above replace it.
DROP FUNCTION vt_search_rows(jsonb, bigint, integer);
REVOKE EXECUTE ON FUNCTION vt_search_candidates(jsonb, bigint, integer) FROM PUBLIC;
`;

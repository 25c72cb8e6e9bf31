/**
 * A capped count of common words reads the newest rows, not every hit's GIN entry (issue 11).
 *
 * The search screen's total is exact up to 10,000 and "more than 10,000" above: the count stops
 * at 10,001 hits (vt_search_count with p_up_to). For words that come together («kế hoạch», «ủy
 * ban») the planner multiplies their frequencies, expects a tenth of the real hits and asks the
 * GIN index: that builds the bitmap of EVERY hit before the first row is counted (at 1,000,000
 * documents 92,445 for «kế hoạch», 158,061 for «ủy ban», with the typed last word a prefix), and
 * building it was 45 % of a clerk's search time in the database (1,496 of 3,317 ms of capped
 * counts, 40 searches, auto_explain, load ~12). Reading rows until 10,001 of them match costs
 * rows ÷ density — cheaper than that bitmap wherever the hits are dense.
 *
 * So a capped count of a search of the documents alone first looks at the newest SAMPLE rows, by
 * the sort key's index, each checked against the whole search (vt_search_from: the same
 * conditions, the person's row rule included). Where the hits there are dense enough that
 * p_up_to of them are expected within half of COUNT_WALK_MAX rows, it counts on through the
 * newest rows (twice the rows expected), stopping at p_up_to hits; the hits below the last row
 * walked, if still needed, are counted as before, up to what is missing. The walked rows and the
 * rows below them are disjoint and together every row, so the number is the same: only where the
 * rows are read changes. A sparse word, a date range far from today, most of a specialist's
 * searches (their unit's documents are one in twelve: the GIN index narrows them better) and the
 * files' text keep the plan of before after the sample (256 of the newest rows, in the buffers).
 * The exact count (no cap) is unchanged.
 */
import { SAMPLE } from './0186-search-newest-walk.js';

/**
 * A capped count walks at most this many of the newest rows: twice the rows its hits are
 * expected in (so a density of about 8 % and more for 10,001). Measured at 1,000,000 documents
 * (date-ordered table) as a clerk without the confidential grant, best of 3 alternating with the
 * count of before, load ~12: «ủy ban» 350 → 89 ms, «kế hoạch» 193 → 154, «sở tài chính» 347 →
 * 241, «quảng ngãi» 43 → 27, «phòng chố» 202 → 142; walking the specialist's «quảng ngãi» too
 * (222,000 rows expected: not walked here) made it slower, 240 → 348 ms.
 */
export const COUNT_WALK_MAX = 250_000;

export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_search_count(p jsonb, p_up_to bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off SET work_mem = '64MB' AS $$
DECLARE
  f text;
  w text;
  head constant text := 'FROM public.incoming_documents d WHERE ';
  n bigint;
  seen bigint;
  edge bigint;
  span bigint;
  counted bigint := 0;
  below text := '';
BEGIN
  f := public.vt_search_from(p);
  IF p_up_to IS NULL THEN
    EXECUTE 'SELECT count(*) ' || f INTO n;
    RETURN n;
  END IF;
  IF p_up_to > 0 AND left(f, length(head)) = head THEN
    w := substr(f, length(head) + 1);
    -- The sample: hits among the newest rows, and how many rows there are at all.
    EXECUTE format('SELECT count(*) FILTER (WHERE %s), count(*) FROM (SELECT * FROM public.incoming_documents d0 ORDER BY d0.sort_key DESC LIMIT %s) d',
      w, ${SAMPLE}) INTO n, seen;
    IF seen < ${SAMPLE} OR n >= p_up_to THEN RETURN least(n, p_up_to); END IF;
    IF n > 0 AND 2 * p_up_to * ${SAMPLE} / n <= ${COUNT_WALK_MAX} THEN
      span := 2 * p_up_to * ${SAMPLE} / n;
      EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM (SELECT * FROM public.incoming_documents d0 ORDER BY d0.sort_key DESC LIMIT %s) d WHERE %s LIMIT %s) x',
        span, w, p_up_to) INTO counted;
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

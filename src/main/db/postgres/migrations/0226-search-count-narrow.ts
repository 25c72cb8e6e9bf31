/**
 * A capped count of common words walks a narrow copy of the newest rows (issue 11).
 *
 * The search screen's total is exact up to 10,000 and "more than 10,000" above: the count stops
 * at 10,001 hits. For dense hits (a clerk's «sở tài chính», «kế hoạch», «phòng chố», a symbol
 * fragment such as «qd-ubnd») migration 0196 counts them among the newest rows, walking the sort
 * key's index and checking each row. Most of that walk was reading the rows, not matching them:
 * every row visited was fetched from the table (about 880 bytes a row at 1,000,000 documents)
 * and unpacked up to its 29th column, the search vector, past the 28 before it. At 1,000,000
 * documents, the newest 100,000 rows checked against «so tai chinh»: 205–210 ms that way, 45–50
 * ms reading the same columns from an index that holds them (an index-only scan; load ~8,
 * direction only) — where the count itself (the vector match) is a small part.
 *
 * So the newest rows are now also kept in a covering index, keyed by the negated sort key (its
 * order reversed: the planner can take it only where a query asks for `-sort_key`, which only
 * this function does, so no other search or list changes its plan) and holding the columns a
 * search's conditions read (vt_search_from: the search vector with its filter and unit lexemes,
 * secrecy, status, register, symbol key, issued date, and the sort key itself). The count's
 * sample and walk read the newest rows from it — only when every column the search's conditions
 * name is among those (the files' text, `contentIn`, names the id: the table as before). A row
 * changed since the last vacuum is still read from the table (the visibility map decides); the
 * rows, their order and the numbers counted are the same, only where they are read from changes.
 *
 * With the walk 3–4 times cheaper per row, it is worth taking for sparser hits too: a capped count
 * walks where its hits are expected within COUNT_WALK_MAX / 2 of the newest rows (0196: 125,000).
 * The exact count (no cap) and the files' text are unchanged; the rows below the last row walked
 * are counted by the GIN index as before.
 */
import { SAMPLE } from './0186-search-newest-walk.js';

/**
 * A capped count walks at most this many of the newest rows (twice the rows its hits are expected
 * in): hits in 5 % of the rows and more are walked for a cap of 10,001 (0196: 8 %). Below that the
 * GIN index's bitmap of every hit (about a third of the walk's cost per row, but for every hit)
 * and a table read for each hit counted cost less.
 */
export const COUNT_WALK_MAX = 400_000;

/** The columns the narrow walk reads (the covering index's), as vt_search_from's conditions name them (`d.<column>`). */
export const NARROW_COLUMNS = ['sort_key', 'search_tsv', 'secrecy', 'status', 'register_id', 'symbol_key', 'issued_date'] as const;

export const up = /* sql */ `
-- The newest rows' searched columns, newest first (-sort_key ascending), for index-only walks.
CREATE INDEX incoming_newest_searched ON incoming_documents ((-sort_key)) INCLUDE (${NARROW_COLUMNS.join(', ')});

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

/**
 * A first page's long walk reads the newest rows from the covering index (issue 11).
 *
 * vt_search_first (0224, 0239) walks the newest rows (0186): a sample of 256, then, where the
 * page is not found there, a second walk long enough to hold it at the sample's density (up to
 * 50,000 rows). That walk read every row from the table — about 1,250 bytes a row, unpacked up to
 * the search vector — to check it: for words in a few per cent of the documents it was most of the
 * page's cost (1,000,000 documents: «ngân sách», 3 %, walked 33,700 rows; the phrase «phòng
 * chống thiên tai», 1.9 %, all 50,000).
 *
 * The capped count (0226) already walks the same newest rows from incoming_newest_searched, the
 * covering index of the columns the search's conditions read (an index-only scan, 3–4 times
 * cheaper a row). A second walk of NARROW_WALK_ROWS or more now does too, where every column the
 * conditions name is in it (the same test as vt_search_count's): it finds the hits' sort keys there, and only those rows
 * (at most the page) are read from the table for the page's fields, by their unique sort key. The
 * rows, their order, the conditions (vt_search_from's, with the person's row rule) and the number
 * walked are the same; only where the checked columns are read from changes. The first walk (256
 * rows) and everything after the walks are unchanged.
 */
import { up as SEARCH_FIRST_0239 } from './0239-search-sender-names-page.js';
import { NARROW_COLUMNS } from './0226-search-count-narrow.js';
import { patchSql } from './sqlPatch.js';

/**
 * A second walk of at least this many rows reads the covering index: hits in under about 5 % of the
 * rows. Denser hits are walked on the table as before (each hit's row read again by key costs
 * about what the narrower walk saves).
 */
export const NARROW_WALK_ROWS = 40_000;

const PARTS: [string, string][] = [
  [
    `  parallel text;
BEGIN`,
    `  parallel text;
  -- Every column the walk's conditions name is in incoming_newest_searched.
  narrow boolean;
  -- NARROW_WALK_ROWS, or the session's vanthu.search_narrow_walk_rows: only where the rows are
  -- read from, never which (the tests set it to walk a small database's rows this way too).
  narrow_rows bigint := coalesce(nullif(current_setting('vanthu.search_narrow_walk_rows', true), '')::bigint, ${NARROW_WALK_ROWS});
BEGIN`,
  ],
  [
    `    w := substr(f, length(head) + 1);
`,
    `    w := substr(f, length(head) + 1);
    -- (A literal that looks like d.<name> can only keep the walk on the table: slower, same rows.)
    narrow := NOT EXISTS (SELECT 1 FROM regexp_matches(w, '\\md\\.([a-z_0-9]+)', 'g') AS m
                          WHERE m[1] <> ALL (ARRAY['${NARROW_COLUMNS.join("','")}']));
`,
  ],
  [
    `      RETURN QUERY EXECUTE format(
        'SELECT %s, NULL::bigint FROM (SELECT * FROM public.incoming_documents d0 %s ORDER BY d0.sort_key DESC LIMIT %s) d WHERE %s ORDER BY d.sort_key DESC LIMIT %s',
        cols, CASE WHEN below IS NULL THEN '' ELSE format('WHERE d0.sort_key < %s', below) END, span, w, want);
`,
    `      IF below IS NOT NULL AND narrow AND span >= narrow_rows THEN
        -- A long walk of sparse hits: their keys from the covering index (newest first as
        -- -sort_key ascending), then their rows by the unique sort key for the page's fields.
        RETURN QUERY EXECUTE format(
          'SELECT %s, NULL::bigint FROM (SELECT d.sort_key FROM (SELECT -d0.sort_key AS nk, ${NARROW_COLUMNS.map((c) => `d0.${c}`).join(', ')} FROM public.incoming_documents d0 '
          'WHERE -d0.sort_key > %s ORDER BY -d0.sort_key LIMIT %s) d WHERE %s ORDER BY d.nk LIMIT %s) hk '
          'JOIN public.incoming_documents d ON d.sort_key = hk.sort_key ORDER BY d.sort_key DESC',
          cols, -below, span, w, want);
      ELSE
        RETURN QUERY EXECUTE format(
          'SELECT %s, NULL::bigint FROM (SELECT * FROM public.incoming_documents d0 %s ORDER BY d0.sort_key DESC LIMIT %s) d WHERE %s ORDER BY d.sort_key DESC LIMIT %s',
          cols, CASE WHEN below IS NULL THEN '' ELSE format('WHERE d0.sort_key < %s', below) END, span, w, want);
      END IF;
`,
  ],
];

export const up = patchSql(SEARCH_FIRST_0239, PARTS, 'migration 0242: vt_search_first of 0239');

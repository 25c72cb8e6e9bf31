/**
 * After a long second walk, the few hits still wanted are walked too (issue 11).
 *
 * vt_search_first stops walking the newest rows after two walks (0186); what the page still
 * wants then comes from 0224's range of sort keys, its bitmap AND'ed with the GIN index's — which
 * builds the index's bitmap of every hit of the words first: for the phrase «phòng chống thiên
 * tai» at 1,000,000 documents, the second walk (50,000 rows, 0242's covering index) finds 923 of
 * the 1,000 and the last 77 cost a bitmap of 19,300 index entries (about 10 ms).
 *
 * Where the second walk was a long one (NARROW_WALK_ROWS or more, 0242: sparse hits), a third
 * walk now reads on below it, as long as the walk's own estimate allows (0186's test, unchanged):
 * the rows still wanted at the density the second walk saw (8,300 rows for those 77, ~3 ms). Same
 * rows, same order: the newest p_limit hits of the same vt_search_from, each checked; where the
 * third walk does not fill the page the range and the rest follow as before. Shorter second walks
 * end the walks as before.
 */
import { up as SEARCH_FIRST_0242 } from './0242-search-first-narrow-walk.js';
import { patchSql } from './sqlPatch.js';

const EXIT_0186 = `      IF pass >= 2 OR n = 0 THEN EXIT; END IF;
`;
const EXIT_0243 = `      -- A third walk only after a long second one (sparse hits: the rest of the page is near).
      IF pass >= 3 OR n = 0 OR (pass = 2 AND span < narrow_rows) THEN EXIT; END IF;
`;
export const up = patchSql(SEARCH_FIRST_0242, [[EXIT_0186, EXIT_0243]], 'migration 0243: vt_search_first of 0242');

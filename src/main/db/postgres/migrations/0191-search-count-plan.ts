/**
 * The relevance candidates' last read (the GIN part, with the number of hits) never walks the
 * whole table (issue 11).
 *
 * vt_search_candidates (0186) ends, when the walks of the newest rows did not find enough, with
 * `SELECT …, count(*) OVER () … ORDER BY d.sort_key DESC LIMIT n`. The window needs EVERY hit,
 * but the planner costs the statement by its LIMIT and, for a hit set it expects to be large
 * (a specialist's «quang ngai»: 25,823 rows estimated), chooses to walk the sort-key index
 * backwards and filter each row — that is, to read the whole table: at 1,000,000 documents
 * 954,304 rows read and dropped, 3.4 s, for 45,640 hits (bench/results/office-1000000-explain.txt,
 * stop 22, the specialist's worst query at 3,871 ms). Ordering by `sort_key + 0` (the same order:
 * the key is unique) takes the index's order away from the planner, so the hits come from the
 * GIN index's bitmap, are counted, and the newest n are kept by a top-N sort — what the count
 * costs anyway. vt_search_keys (no count) keeps its plan: there the LIMIT really ends the walk.
 */
import { up as NEWEST_0186 } from './0186-search-newest-walk.js';

const START = 'CREATE FUNCTION vt_search_candidates(';
const END = '-- vt_search_rows (0182) is no longer called';
const ORDER_0186 = `|| format(' ORDER BY d.sort_key DESC LIMIT %s', want);`;
const ORDER_0191 = `|| format(' ORDER BY d.sort_key + 0 DESC LIMIT %s', want);`;

const from = NEWEST_0186.indexOf(START);
const to = NEWEST_0186.indexOf(END);
const candidates = from >= 0 && to > from ? NEWEST_0186.slice(from, to) : '';
if (candidates.split(ORDER_0186).length !== 2 || !candidates.includes('count(*) OVER ()')) {
  throw new Error('migration 0191: the candidates function of 0186 changed');
}

// CREATE OR REPLACE keeps the function's owner and grants (0186 revoked it from PUBLIC).
export const up = candidates.replace(START, 'CREATE OR REPLACE FUNCTION vt_search_candidates(').replace(ORDER_0186, ORDER_0191);

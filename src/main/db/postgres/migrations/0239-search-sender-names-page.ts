/**
 * The sender filter's walk (0238) reads at least the page it is asked for (issue 11).
 *
 * vt_search_first's walk of the senders' names (migration 0238) took the newest p_up_to hits and
 * then the page among them: where the caller's cap is below the page — the sender autocomplete
 * of a person with a row rule asks for 50 rows with a cap of 0 (incomingService organNames), so
 * p_up_to = 1 — the page held one row, not the 50 newest. The walk now reads the newest
 * greatest(p_up_to, p_limit) hits: the page is whole, and the number of hits is still exact up to
 * that many (at least p_up_to, which is all a caller asks of it).
 */
import { SEARCH_FIRST } from './0238-search-sender-names.js';
import { patchSql } from './sqlPatch.js';

const PARTS: [string, string][] = [
  ['x, w0, p_up_to), ', 'x, w0, greatest(p_up_to, p_limit)), '],
  ['walks, p_up_to, cols, p_limit);', 'walks, greatest(p_up_to, p_limit), cols, p_limit);'],
];

export const up = patchSql(SEARCH_FIRST, PARTS, 'migration 0239: vt_search_first of 0238');

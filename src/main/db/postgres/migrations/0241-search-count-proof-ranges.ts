/**
 * A capped count within a range of dates is not proven on the quarter of migration 0236 (issue 11).
 *
 * 0236 tries the proof where the walk's sample (the newest 256 rows) expects at least five times
 * the cap in the whole table. With a range of arrival or issue dates the sample sees only the
 * rows inside it while the quarter's GIN index gives its hits everywhere, each then read from the
 * table to be refused by the range: «kế hoạch» in the newest 200,000 documents (18,000 hits)
 * counted in 36 ms before 0236 and 76–80 ms with the proof tried and failed; in the newest 25,000
 * (2,388 hits) 80 -> 112–120 ms (1,000,000 documents, psql as the owner, load 2.5–4, direction
 * only). Such a search now counts as before 0236 (walk or index); searches without a range keep
 * the proof.
 */
import { up as PROOF_0236 } from './0236-search-count-proof.js';
import { patchSql } from './sqlPatch.js';

const AT_0236 = PROOF_0236.indexOf('CREATE OR REPLACE FUNCTION vt_search_count(');
const FUNCTION_0236 = PROOF_0236.slice(AT_0236);
const TRY_0236 = `    IF n < `;
const TRY_0241 = `    IF NOT p ?| ARRAY['keyFrom', 'keyTo', 'issuedFrom', 'issuedTo'] AND n < `;
if (AT_0236 < 0) throw new Error('migration 0241: vt_search_count of 0236 changed');

export const up = patchSql(FUNCTION_0236, [[TRY_0236, TRY_0241]], 'migration 0241: vt_search_count of 0236');

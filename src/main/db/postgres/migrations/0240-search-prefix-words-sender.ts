/**
 * The prefix words of 0237 and the sender filter of 0238 in one vt_search_from (issue 11).
 *
 * Both were written at the same time, each on 0210's vt_search_from. Migrations run by number
 * (and a database lacking one gets it on its next start, after those it has): 0238 replaces the
 * function whole, so 0237 only keeps the words and leaves its vt_search_from (SEARCH_FROM) to
 * this one, which adds 0238's sender filter to it (withSenderNames) — whichever of 0237 and 0238
 * a database got first. vt_search_first (0238's, 0239's) and vt_organ_names are unchanged.
 */
import { SEARCH_FROM as SEARCH_FROM_0237 } from './0237-search-prefix-words.js';
import { withSenderNames } from './0238-search-sender-names.js';

export const up = withSenderNames(SEARCH_FROM_0237, '0240');

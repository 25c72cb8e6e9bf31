/**
 * The row rule «secrecy normal» checked on the row, not asked of the GIN index (issue 11).
 *
 * Migration 0182 put a person's rule into the one tsquery the GIN index answers, `#snormal`
 * included, so that a count would read no table page. PostgreSQL 15.13 and later no longer skip
 * the table in a bitmap scan (the skip-fetch optimisation was removed as unsafe; measured on 15.18:
 * a count reads each hit's page even when every page is all-visible). So every hit's row is read
 * anyway, and `#snormal` — in nearly every document's vector — only made the index intersect one
 * more posting list as long as the table: the GIN part of «kế hoạch» for a clerk without the
 * confidential grant took 46 ms with it, 28 ms without (300,000 documents, best of 5, load 13).
 * Now, without the confidential group (and for the application's hideConfidential filter), the
 * rule is `d.secrecy = 'normal'` beside the search's conditions, checked on each row read; the
 * confidential registers stay excluded as before (`!#r<id>` in the tsquery, or the column when
 * the search has nothing else for the index), a specialist's unit stays `#u<unit>`. The same rows
 * are visible to the same people; only where the check is made changes.
 */
import { up as SEARCH_FROM_0183 } from './0183-search-index-words.js';

const RULE_0183 = `    IF NOT public.vt_is('confidential') THEN
      pos := pos || public.vt_lexeme('#snormal');`;
const RULE_0187 = `    IF NOT public.vt_is('confidential') THEN
      w := w || 'd.secrecy = ''normal'''::text;`;
const FILTER_0183 = `IF coalesce((vis->>'hideConfidential')::boolean, false) THEN pos := pos || public.vt_lexeme('#snormal'); END IF;`;
const FILTER_0187 = `IF coalesce((vis->>'hideConfidential')::boolean, false) THEN w := w || 'd.secrecy = ''normal'''::text; END IF;`;

for (const part of [RULE_0183, FILTER_0183]) {
  if (SEARCH_FROM_0183.split(part).length !== 2) throw new Error('migration 0187: the row rule of 0183 changed');
}

export const up = SEARCH_FROM_0183.replace(RULE_0183, RULE_0187).replace(FILTER_0183, FILTER_0187);

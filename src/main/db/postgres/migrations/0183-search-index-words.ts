/**
 * What a search asks the GIN index for, apart from what the rows it finds are checked against
 * (issue 11). A search's words may come with `gin` (db/postgres/incomingSearch.ts indexWords):
 * its words without phrases, columns or a short prefix. GIN gathers every document of every word
 * a prefix stands for before intersecting — `va:*` is «văn», «vào», «vấn»…, 150 ms at 300,000
 * documents to find the 19 of «voọc chà vá» — and a column (the sender's `:B`) or a phrase makes
 * it recheck every row anyway. So the index gets `gin` with the filters and the row rule (0182),
 * and the rows it finds are checked against the whole query by ts_match_vq, the function behind
 * `@@` (a plain function, so the planner does not take it to the index). `gin` can only narrow
 * the answer: the whole query is always checked too. Without `gin`, as 0182.
 */
import { SEARCH_FROM } from './0182-search-filter-lexemes.js';

const FROM_0182 = `    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' THEN
      pos := pos || ('(' || (term->0->>'tsv')::tsquery::text || ')');
      CONTINUE;
    END IF;`;

const FROM_0183 = `    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' THEN
      IF term->0 ? 'gin' THEN
        pos := pos || ('(' || (term->0->>'gin')::tsquery::text || ')');
        w := w || format('ts_match_vq(d.search_tsv, %L::tsquery)', (term->0->>'tsv')::tsquery::text);
      ELSE
        pos := pos || ('(' || (term->0->>'tsv')::tsquery::text || ')');
      END IF;
      CONTINUE;
    END IF;`;

if (!SEARCH_FROM.includes(FROM_0182)) throw new Error('migration 0183: the term branch of 0182 changed');

export const up = /* sql */ `
${SEARCH_FROM.replace(FROM_0182, FROM_0183)}
`;

/**
 * Import speed at 1,000,000 documents (issue 8): the fields index (incoming_fts) keeps one
 * prefix index, of 3 characters, instead of two (`prefix = '2 3'`).
 *
 * Every token of every document was written three times — itself, its first two and its
 * first three characters — and the 2-character entries are the densest of the index (every
 * document has words beginning with "ng", "ch", "th"…). A search whose last word is being
 * typed and has two letters (`ch`) now asks for that word itself or any of its 3-letter
 * continuations that occur in the vocabulary (search_words): `"ch" OR "cha"* OR "chi"* …`,
 * each one entry of the 3-character prefix index (incomingSearch.ts expandPrefixes) — the same
 * documents. At 300,000 documents the index shrinks 175 → 124 MiB and its build and final
 * merge take about a sixth and a third less CPU.
 *
 * FTS5 cannot change a table's prefix option: the table is made again, filled from the
 * documents as migration 0220 fills it (tags as their tokens), and merged into one segment.
 * The correction trigger (0220) names the table only in its body and writes the new one.
 */
import { TOKENS } from './0220-fields-tag-tokens.js';

export const up = /* sql */ `
DROP TABLE incoming_fts;
CREATE VIRTUAL TABLE incoming_fts USING fts5(
  subject, organ, symbol, signer, description, tags,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);
INSERT INTO incoming_fts (incoming_fts, rank) VALUES ('hashsize', 50331648);
INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags)
  SELECT d.sort_key, vn_fold(d.subject), vn_fold(d.organ_name), vn_fold(d.symbol), vn_fold(d.signer_name),
    vn_fold(d.description), ${TOKENS('d')}
  FROM incoming_documents d ORDER BY d.sort_key;
INSERT INTO incoming_fts (incoming_fts, rank) VALUES ('hashsize', 1048576);
INSERT INTO incoming_fts (incoming_fts) VALUES ('optimize');
`;

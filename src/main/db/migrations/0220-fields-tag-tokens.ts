/**
 * Import speed at 1,000,000 documents (issue 8): the fields index (incoming_fts) writes each
 * filter tag (type, urgency, secrecy, register, status, issue month, sender; migration 0100) as
 * one private-use character instead of its text (`xtquyetdinh`).
 *
 * FTS5's prefix indexes (`prefix = '2 3'`) apply to every token of the table: each tag was also
 * written as its 2- and 3-letter prefix (`xt`, `xtq`) — 14 extra entries a document in doclists
 * as long as the table (every document has a type, an urgency…), which no search ever reads,
 * tags being matched whole. A token of one character has no 2- or 3-character prefix, so FTS5
 * writes none. At 300,000 documents the index shrinks 207 → 175 MiB and its build takes about a
 * fifth less CPU.
 *
 * search_tags numbers the tags in the order they are first written; a tag's token is the
 * character its number picks in the supplementary private-use planes (U+F0000–U+FFFFD, then
 * U+100000–U+10FFFD: 131,068 tags), which unicode61 keeps as one token (category Co) and no
 * folded text contains. Past that many tags a tag is written as its text, as before (the
 * generated column says which): the search asks search_tags for the token either way.
 *
 * The index is rebuilt from the documents (the same folding as 0100's), then merged into one
 * segment, and the correction trigger writes tokens from now on.
 */
const TAG_EXPRESSIONS = (d: string): string[] => [
  `'xt' || replace(vn_fold(${d}.type_name), ' ', '')`,
  `'xu' || replace(${d}.urgency, '_', '')`,
  `'xs' || replace(${d}.secrecy, '_', '')`,
  `'xr' || ${d}.register_id`,
  `'xst' || ${d}.status`,
  `'xi' || substr(${d}.issued_date, 1, 4) || substr(${d}.issued_date, 6, 2)`,
  `vn_organ_tag(${d}.organ_name)`,
];

/** A document's tokens, separated by spaces (their order means nothing: tags are matched one by one). */
export const TOKENS = (d: string): string =>
  TAG_EXPRESSIONS(d)
    .map((e) => `(SELECT token FROM search_tags WHERE tag = ${e})`)
    .join(` || ' ' || `);

export const up = /* sql */ `
CREATE TABLE search_tags (
  id    INTEGER PRIMARY KEY,
  tag   TEXT NOT NULL UNIQUE,
  token TEXT GENERATED ALWAYS AS (CASE
    WHEN id BETWEEN 1 AND 65534 THEN char(983039 + id)
    WHEN id BETWEEN 65535 AND 131068 THEN char(1048576 + id - 65535)
    ELSE tag END) VIRTUAL
) STRICT;

${TAG_EXPRESSIONS('d')
  .map((e) => `INSERT OR IGNORE INTO search_tags (tag) SELECT DISTINCT ${e} FROM incoming_documents d;`)
  .join('\n')}

INSERT INTO incoming_fts (incoming_fts) VALUES ('delete-all');
INSERT INTO incoming_fts (incoming_fts, rank) VALUES ('hashsize', 50331648);
INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags)
  SELECT d.sort_key, vn_fold(d.subject), vn_fold(d.organ_name), vn_fold(d.symbol), vn_fold(d.signer_name),
    vn_fold(d.description), ${TOKENS('d')}
  FROM incoming_documents d ORDER BY d.sort_key;
INSERT INTO incoming_fts (incoming_fts, rank) VALUES ('hashsize', 1048576);
INSERT INTO incoming_fts (incoming_fts) VALUES ('optimize');

DROP TRIGGER incoming_au;
CREATE TRIGGER incoming_au AFTER UPDATE OF sort_key, subject, organ_name, symbol, signer_name, description,
  type_name, urgency, secrecy, status, issued_date ON incoming_documents BEGIN
  DELETE FROM incoming_fts WHERE rowid = old.sort_key;
  DELETE FROM incoming_symbol_fts WHERE rowid = old.sort_key;
  INSERT OR IGNORE INTO search_tags (tag) VALUES ${TAG_EXPRESSIONS('new')
    .map((e) => `(${e})`)
    .join(', ')};
  INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags) VALUES (
    new.sort_key, vn_fold(new.subject), vn_fold(new.organ_name), vn_fold(new.symbol),
    vn_fold(new.signer_name), vn_fold(new.description), ${TOKENS('new')});
  INSERT INTO incoming_symbol_fts (rowid, symbol)
    SELECT new.sort_key, vn_symbol_key(new.symbol) WHERE new.symbol IS NOT NULL;
END;

-- Every tag of 0100 is in the rebuilt index, whatever the database's history.
INSERT INTO meta (key, value) VALUES ('fields_filter_tags', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`;

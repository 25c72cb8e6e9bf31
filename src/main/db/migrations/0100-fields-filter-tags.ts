/**
 * Search with filters at 1,000,000 documents (issue 8): the fields index (incoming_fts) also
 * carries the month of the issue date (`xi202501`, as the content index does, migration 0130)
 * and the sender (`xosotaichinh`; db/sqlite/searchTags.ts), so a sender, type, register,
 * urgency, secrecy or issue-month filter combined with text is one FTS5 expression. A sender
 * filter was a match on the sender's words in the organ column — positions of words as
 * common as "so" (390,000 documents) and "tai" read for every hit: 37–44 ms a page.
 *
 * The index is rebuilt from the documents (same folding as the repository's); the correction
 * trigger writes the new tags and also runs when the issue date changes. A search finds the
 * senders a filter means in incoming_organs: every sender in use must be there, so the
 * senders of corrected documents are added (they were not) and a trigger keeps it so.
 * `meta.fields_filter_tags` tells the search the tags are there (a database made at a later
 * schema version before this one existed has no such row, and searches as before).
 */
const TAGS = (d: string): string =>
  `'xt' || replace(vn_fold(${d}.type_name), ' ', '') || ' xu' || replace(${d}.urgency, '_', '') ||
    ' xs' || replace(${d}.secrecy, '_', '') || ' xr' || ${d}.register_id || ' xst' || ${d}.status ||
    ' xi' || substr(${d}.issued_date, 1, 4) || substr(${d}.issued_date, 6, 2) || ' ' || vn_organ_tag(${d}.organ_name)`;

export const up = /* sql */ `
INSERT INTO incoming_fts (incoming_fts) VALUES ('delete-all');
INSERT INTO incoming_fts (incoming_fts, rank) VALUES ('hashsize', 50331648);
INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags)
  SELECT d.sort_key, vn_fold(d.subject), vn_fold(d.organ_name), vn_fold(d.symbol), vn_fold(d.signer_name),
    vn_fold(d.description), ${TAGS('d')}
  FROM incoming_documents d ORDER BY d.sort_key;
INSERT INTO incoming_fts (incoming_fts, rank) VALUES ('hashsize', 1048576);

DROP TRIGGER incoming_au;
CREATE TRIGGER incoming_au AFTER UPDATE OF sort_key, subject, organ_name, symbol, signer_name, description,
  type_name, urgency, secrecy, status, issued_date ON incoming_documents BEGIN
  DELETE FROM incoming_fts WHERE rowid = old.sort_key;
  DELETE FROM incoming_symbol_fts WHERE rowid = old.sort_key;
  INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags) VALUES (
    new.sort_key, vn_fold(new.subject), vn_fold(new.organ_name), vn_fold(new.symbol),
    vn_fold(new.signer_name), vn_fold(new.description), ${TAGS('new')});
  INSERT INTO incoming_symbol_fts (rowid, symbol)
    SELECT new.sort_key, vn_symbol_key(new.symbol) WHERE new.symbol IS NOT NULL;
END;

INSERT OR IGNORE INTO incoming_organs (folded, name, uses)
  SELECT vn_fold(organ_name), max(organ_name), count(*) FROM incoming_documents GROUP BY vn_fold(organ_name);
CREATE TRIGGER incoming_organ_corrected AFTER UPDATE OF organ_name ON incoming_documents BEGIN
  INSERT INTO incoming_organs (folded, name, uses) VALUES (vn_fold(new.organ_name), new.organ_name, 1)
    ON CONFLICT (folded) DO NOTHING;
END;

INSERT INTO meta (key, value) VALUES ('fields_filter_tags', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`;

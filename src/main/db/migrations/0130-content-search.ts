/**
 * Content search at scale (issue 13): the content index carries the document's filters — the
 * tag tokens of incoming_fts (type, urgency, secrecy, register, status; migration 0010), the
 * month of its issue date (`xi202501`) and its sender's folded name — so a content search with
 * filters is one FTS5 expression, a doclist merge, instead of a key list from one index looked
 * up in another (an IN-subquery: 130 s over 300,000 documents with text) or a lookup per hit
 * (a sender filter: 100 s). The row is rebuilt from blob_pages when the document's arrival time
 * or a filtered field changes, as incoming_fts is.
 */
export const CONTENT_TAGS = (d: string): string =>
  `'xt' || replace(vn_fold(${d}.type_name), ' ', '') || ' xu' || replace(${d}.urgency, '_', '') ||
    ' xs' || replace(${d}.secrecy, '_', '') || ' xr' || ${d}.register_id || ' xst' || ${d}.status ||
    ' xi' || substr(${d}.issued_date, 1, 4) || substr(${d}.issued_date, 6, 2)`;

/** The folded text of a document's files, in attachment and page order (NULL without text). */
export const CONTENT_BODY = `vn_fold(group_concat(p.text, char(10) ORDER BY a.id, p.page))`;

export const up = /* sql */ `
DROP TRIGGER incoming_content_au;
DROP TABLE incoming_content_fts;

CREATE VIRTUAL TABLE incoming_content_fts USING fts5(
  body, organ, tags,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

INSERT INTO incoming_content_fts (rowid, body, organ, tags)
  SELECT d.sort_key, ${CONTENT_BODY}, vn_fold(d.organ_name), ${CONTENT_TAGS('d')}
  FROM incoming_documents d JOIN incoming_attachments a ON a.document_id = d.id JOIN blob_pages p ON p.sha256 = a.sha256
  GROUP BY d.id;

CREATE TRIGGER incoming_content_au AFTER UPDATE OF sort_key, organ_name, type_name, urgency, secrecy, status, issued_date
ON incoming_documents
WHEN new.sort_key IS NOT old.sort_key OR new.organ_name IS NOT old.organ_name OR new.type_name IS NOT old.type_name
  OR new.urgency IS NOT old.urgency OR new.secrecy IS NOT old.secrecy OR new.status IS NOT old.status
  OR new.issued_date IS NOT old.issued_date BEGIN
  DELETE FROM incoming_content_fts WHERE rowid = old.sort_key;
  INSERT INTO incoming_content_fts (rowid, body, organ, tags)
    SELECT new.sort_key, ${CONTENT_BODY}, vn_fold(new.organ_name), ${CONTENT_TAGS('new')}
    FROM incoming_attachments a JOIN blob_pages p ON p.sha256 = a.sha256
    WHERE a.document_id = new.id HAVING count(*) > 0;
END;
`;

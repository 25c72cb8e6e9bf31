/**
 * Capture: the text of stored files, page by page (a PDF's text layer or the OCR of a scan,
 * with its confidence), kept by content hash — a file is read once however many documents
 * attach it — and a content index of each incoming document over the text of its files,
 * folded like the register's own search text (see incoming/incomingService and search/).
 * The index row of a document is rebuilt from blob_pages whenever a file with text is attached.
 */
export const up = /* sql */ `
CREATE TABLE blob_pages (
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  page       INTEGER NOT NULL CHECK (page > 0),
  method     TEXT NOT NULL CHECK (method IN ('text', 'ocr', 'none')),
  confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  text       TEXT NOT NULL,
  PRIMARY KEY (sha256, page)
) STRICT, WITHOUT ROWID;

-- rowid = the document's arrival-time sort key (as incoming_fts: a source of date-ordered keys);
-- body = the folded text of all the document's files, in attachment and page order.
CREATE VIRTUAL TABLE incoming_content_fts USING fts5(
  body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- A document whose arrival time is corrected moves in the index with its text.
CREATE TRIGGER incoming_content_au AFTER UPDATE OF sort_key ON incoming_documents
WHEN new.sort_key IS NOT old.sort_key BEGIN
  DELETE FROM incoming_content_fts WHERE rowid = old.sort_key;
  INSERT INTO incoming_content_fts (rowid, body)
    SELECT new.sort_key, vn_fold(group_concat(p.text, char(10) ORDER BY a.id, p.page))
    FROM incoming_attachments a JOIN blob_pages p ON p.sha256 = a.sha256
    WHERE a.document_id = new.id HAVING count(*) > 0;
END;
`;

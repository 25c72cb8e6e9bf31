/**
 * PostgreSQL twin of sqlite 0065: the text of stored files page by page, and the content
 * index of each incoming document (a tsvector literal of its files' folded words, written by
 * the application as tsvector.ts does for the register's fields). The content row belongs to
 * its document, so the rights that hide a document hide what its files say.
 */
export const up = /* sql */ `
CREATE TABLE blob_pages (
  sha256     text COLLATE "C" NOT NULL REFERENCES blobs(sha256),
  page       integer NOT NULL CHECK (page > 0),
  method     text COLLATE "C" NOT NULL CHECK (method IN ('text', 'ocr', 'none')),
  confidence integer NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  text       text COLLATE "C" NOT NULL,
  PRIMARY KEY (sha256, page)
);

CREATE TABLE incoming_content (
  document_id integer PRIMARY KEY REFERENCES incoming_documents(id),
  tsv         tsvector NOT NULL
);
CREATE INDEX incoming_content_tsv ON incoming_content USING gin (tsv);
`;

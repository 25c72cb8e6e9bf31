/**
 * Outgoing documents ("văn bản đi"): drafts through issue, yearly numbers per register,
 * stored PDF versions (content-addressed), links to the incoming documents they answer,
 * trust anchors for signature verification, and their search index. Also the index of
 * voided incoming documents that search needs.
 */
export const up = /* sql */ `
-- Search excludes voided documents by key; they are few, and this finds them without a scan.
CREATE INDEX incoming_voided ON incoming_documents(sort_key) WHERE status = 'voided';
-- Every word ever indexed for incoming search (folded), kept by the repository: a typed
-- prefix is expanded into the words it stands for (fts5vocab would scan each word's doclist).
CREATE TABLE search_words (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
-- The documents registered before this version: their words too, read from the index itself
-- (not its tag tokens), or an unfinished word typed in search would never find them.
CREATE VIRTUAL TABLE temp.incoming_vocab USING fts5vocab(main, incoming_fts, col);
INSERT OR IGNORE INTO search_words (word) SELECT DISTINCT term FROM temp.incoming_vocab WHERE col != 'tags';
DROP TABLE temp.incoming_vocab;

CREATE TABLE outgoing_documents (
  id               INTEGER PRIMARY KEY,
  register_id      INTEGER NOT NULL REFERENCES registers(id),
  year             INTEGER,
  code_number      INTEGER CHECK (code_number > 0),
  symbol           TEXT,
  issued_date      TEXT,
  type_name        TEXT NOT NULL,
  subject          TEXT NOT NULL,
  body             TEXT NOT NULL CHECK (json_valid(body)),
  kinh_gui         TEXT NOT NULL CHECK (json_valid(kinh_gui)),
  recipients       TEXT NOT NULL CHECK (json_valid(recipients)),
  signer_authority TEXT,
  signer_position  TEXT NOT NULL,
  signer_name      TEXT NOT NULL,
  drafting_unit    TEXT NOT NULL,
  urgency          TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'very_urgent', 'flash')),
  secrecy          TEXT NOT NULL CHECK (secrecy IN ('normal', 'confidential', 'secret', 'top_secret')),
  copies           INTEGER CHECK (copies BETWEEN 1 AND 999),
  due_date         TEXT,
  status           TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'numbered', 'signed', 'issued', 'issued_paper')),
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (register_id, year, code_number),
  CHECK ((code_number IS NULL) = (year IS NULL))
) STRICT;
CREATE INDEX outgoing_status ON outgoing_documents(status);
CREATE INDEX outgoing_register_year ON outgoing_documents(register_id, year, code_number);

-- A number, once given, stays with its document for good.
CREATE TRIGGER outgoing_number_immutable BEFORE UPDATE OF code_number, year, register_id, symbol ON outgoing_documents
WHEN old.code_number IS NOT NULL AND (new.code_number IS NOT old.code_number OR new.year IS NOT old.year
  OR new.register_id IS NOT old.register_id OR new.symbol IS NOT old.symbol)
BEGIN SELECT RAISE(ABORT, 'an outgoing number is immutable'); END;
CREATE TRIGGER outgoing_no_delete BEFORE DELETE ON outgoing_documents WHEN old.status != 'draft'
BEGIN SELECT RAISE(ABORT, 'only drafts can be deleted'); END;

CREATE TABLE outgoing_replies (
  outgoing_id INTEGER NOT NULL REFERENCES outgoing_documents(id),
  incoming_id INTEGER NOT NULL REFERENCES incoming_documents(id),
  PRIMARY KEY (outgoing_id, incoming_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX outgoing_replies_incoming ON outgoing_replies(incoming_id);

CREATE TABLE outgoing_files (
  id          INTEGER PRIMARY KEY,
  outgoing_id INTEGER NOT NULL REFERENCES outgoing_documents(id),
  kind        TEXT NOT NULL CHECK (kind IN ('draft', 'signed_official', 'signed_organization', 'paper')),
  sha256      TEXT NOT NULL REFERENCES blobs(sha256),
  -- Where the layout put the signature area, the signature image, number and date (JSON):
  -- the organisation's signature and the clerk's fill go exactly there.
  layout      TEXT CHECK (layout IS NULL OR json_valid(layout)),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX outgoing_files_doc ON outgoing_files(outgoing_id);
CREATE TRIGGER outgoing_files_append_only BEFORE UPDATE ON outgoing_files
BEGIN SELECT RAISE(ABORT, 'stored document versions are append-only'); END;
CREATE TRIGGER outgoing_files_no_delete BEFORE DELETE ON outgoing_files
BEGIN SELECT RAISE(ABORT, 'stored document versions are append-only'); END;

-- Signature check of an electronic incoming document's PDF, made when it was registered
-- (Decree 30 Art. 20: verify authenticity and integrity on receipt). JSON summary.
ALTER TABLE incoming_attachments ADD COLUMN verification TEXT CHECK (verification IS NULL OR json_valid(verification));

-- Appendices and attachments issued as separate PDF files (Decree 30 App. I §II): each is
-- signed by the organisation on its own (text at the top right of page 1, no image).
CREATE TABLE outgoing_attachments (
  id             INTEGER PRIMARY KEY,
  outgoing_id    INTEGER NOT NULL REFERENCES outgoing_documents(id),
  sha256         TEXT NOT NULL REFERENCES blobs(sha256),
  file_name      TEXT NOT NULL,
  signed_sha256  TEXT REFERENCES blobs(sha256),
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX outgoing_attachments_doc ON outgoing_attachments(outgoing_id);

CREATE TABLE trust_anchors (
  id          INTEGER PRIMARY KEY,
  subject     TEXT NOT NULL,
  sha256      TEXT NOT NULL UNIQUE,
  pem         TEXT NOT NULL,
  not_after   TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE outgoing_fts USING fts5(
  subject, symbol, signer, recipients, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE outgoing_symbol_fts USING fts5(
  symbol, content = '', contentless_delete = 1, tokenize = 'trigram'
);

CREATE TRIGGER outgoing_ai AFTER INSERT ON outgoing_documents BEGIN
  INSERT INTO outgoing_fts (rowid, subject, symbol, signer, recipients, body) VALUES (
    new.id, vn_fold(new.subject), vn_fold(new.symbol), vn_fold(new.signer_name), vn_fold(new.recipients), vn_fold(new.body));
  INSERT INTO outgoing_symbol_fts (rowid, symbol) SELECT new.id, vn_symbol_key(new.symbol) WHERE new.symbol IS NOT NULL;
END;
CREATE TRIGGER outgoing_au AFTER UPDATE OF subject, symbol, signer_name, recipients, body ON outgoing_documents BEGIN
  DELETE FROM outgoing_fts WHERE rowid = old.id;
  DELETE FROM outgoing_symbol_fts WHERE rowid = old.id;
  INSERT INTO outgoing_fts (rowid, subject, symbol, signer, recipients, body) VALUES (
    new.id, vn_fold(new.subject), vn_fold(new.symbol), vn_fold(new.signer_name), vn_fold(new.recipients), vn_fold(new.body));
  INSERT INTO outgoing_symbol_fts (rowid, symbol) SELECT new.id, vn_symbol_key(new.symbol) WHERE new.symbol IS NOT NULL;
END;
CREATE TRIGGER outgoing_ad AFTER DELETE ON outgoing_documents BEGIN
  DELETE FROM outgoing_fts WHERE rowid = old.id;
  DELETE FROM outgoing_symbol_fts WHERE rowid = old.id;
END;
`;

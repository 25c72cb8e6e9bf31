/**
 * The first schema: registers and their yearly counters, incoming documents with their
 * search indexes, content-addressed attachments, the hash-chained audit trail.
 * FTS tables are contentless and filled by triggers with folded text (Đ→d; see vn_fold),
 * keyed by `sort_key` (arrival time) so that "newest first" is the index's own order.
 */
export const up = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE registers (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
  created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE register_counters (
  register_id INTEGER NOT NULL REFERENCES registers(id),
  year        INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (register_id, year)
) STRICT, WITHOUT ROWID;

-- A counter never goes down: numbers once handed out are never handed out again.
CREATE TRIGGER register_counters_monotonic BEFORE UPDATE ON register_counters
WHEN new.last_number < old.last_number
BEGIN SELECT RAISE(ABORT, 'register counter cannot decrease'); END;

CREATE TABLE incoming_documents (
  id              INTEGER PRIMARY KEY,
  register_id     INTEGER NOT NULL REFERENCES registers(id),
  year            INTEGER NOT NULL,
  arrival_number  INTEGER NOT NULL CHECK (arrival_number > 0),
  sort_key        INTEGER NOT NULL UNIQUE,
  arrival_date    TEXT NOT NULL,
  organ_name      TEXT NOT NULL,
  symbol          TEXT,
  code_number     TEXT,
  code_notation   TEXT,
  issued_date     TEXT NOT NULL,
  type_name       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  signer_name     TEXT,
  signer_position TEXT,
  page_amount     INTEGER CHECK (page_amount BETWEEN 1 AND 999),
  urgency         TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent', 'very_urgent', 'flash')),
  secrecy         TEXT NOT NULL CHECK (secrecy IN ('normal', 'confidential', 'secret', 'top_secret')),
  channel         TEXT NOT NULL CHECK (channel IN ('paper', 'electronic')),
  to_places       TEXT,
  due_date        TEXT,
  description     TEXT,
  status          TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'voided')),
  void_reason     TEXT,
  voided_at       TEXT,
  dup_key         TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (register_id, year, arrival_number)
) STRICT;

CREATE INDEX incoming_dup_key ON incoming_documents(dup_key) WHERE dup_key IS NOT NULL;
CREATE INDEX incoming_issued ON incoming_documents(issued_date);

-- Register, year and number identify a registered document forever; documents are voided, never deleted.
CREATE TRIGGER incoming_identity_immutable BEFORE UPDATE OF register_id, year, arrival_number ON incoming_documents
WHEN new.register_id IS NOT old.register_id OR new.year IS NOT old.year OR new.arrival_number IS NOT old.arrival_number
BEGIN SELECT RAISE(ABORT, 'register, year and arrival number are immutable'); END;

CREATE TRIGGER incoming_no_delete BEFORE DELETE ON incoming_documents
BEGIN SELECT RAISE(ABORT, 'incoming documents are voided, never deleted'); END;

CREATE VIRTUAL TABLE incoming_fts USING fts5(
  subject, organ, symbol, signer, description, tags,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE VIRTUAL TABLE incoming_symbol_fts USING fts5(
  symbol,
  content = '', contentless_delete = 1,
  tokenize = 'trigram'
);

-- Senders seen so far, for autocomplete: one row per folded name, the most recent spelling.
CREATE TABLE incoming_organs (
  folded TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  uses   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- vn_bulk_indexing() is 1 only on a connection running a bulk import, which indexes the
-- imported rows in one statement at the end of its transaction (see indexRange).
CREATE TRIGGER incoming_ai AFTER INSERT ON incoming_documents WHEN vn_bulk_indexing() = 0 BEGIN
  INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags) VALUES (
    new.sort_key, vn_fold(new.subject), vn_fold(new.organ_name), vn_fold(new.symbol),
    vn_fold(new.signer_name), vn_fold(new.description),
    'xt' || replace(vn_fold(new.type_name), ' ', '') || ' xu' || replace(new.urgency, '_', '') ||
    ' xs' || replace(new.secrecy, '_', '') || ' xr' || new.register_id || ' xst' || new.status);
  INSERT INTO incoming_symbol_fts (rowid, symbol)
    SELECT new.sort_key, vn_symbol_key(new.symbol) WHERE new.symbol IS NOT NULL;
  INSERT INTO incoming_organs (folded, name, uses) VALUES (vn_fold(new.organ_name), new.organ_name, 1)
    ON CONFLICT (folded) DO UPDATE SET uses = uses + 1, name = excluded.name;
END;

CREATE TRIGGER incoming_au AFTER UPDATE OF sort_key, subject, organ_name, symbol, signer_name, description,
  type_name, urgency, secrecy, status ON incoming_documents BEGIN
  DELETE FROM incoming_fts WHERE rowid = old.sort_key;
  DELETE FROM incoming_symbol_fts WHERE rowid = old.sort_key;
  INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags) VALUES (
    new.sort_key, vn_fold(new.subject), vn_fold(new.organ_name), vn_fold(new.symbol),
    vn_fold(new.signer_name), vn_fold(new.description),
    'xt' || replace(vn_fold(new.type_name), ' ', '') || ' xu' || replace(new.urgency, '_', '') ||
    ' xs' || replace(new.secrecy, '_', '') || ' xr' || new.register_id || ' xst' || new.status);
  INSERT INTO incoming_symbol_fts (rowid, symbol)
    SELECT new.sort_key, vn_symbol_key(new.symbol) WHERE new.symbol IS NOT NULL;
END;

CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size       INTEGER NOT NULL,
  mime       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE incoming_attachments (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES incoming_documents(id),
  sha256      TEXT NOT NULL REFERENCES blobs(sha256),
  file_name   TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX incoming_attachments_doc ON incoming_attachments(document_id);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  data      TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

-- Append-only; the hash chain (checked by \`check\`) catches edits made around these triggers.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

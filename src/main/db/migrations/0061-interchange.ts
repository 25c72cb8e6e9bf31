/**
 * Interchange with other offices (QCVN 102:2016 edXML): the organ directory, the document
 * messages received (one row per message file, processed once: its SHA-256 is unique; a
 * DocumentId is received once as a new document unless the clerk refused it), the
 * deliveries of sent documents (one row per recipient and message) and every status
 * message sent or received.
 */
export const up = /* sql */ `
CREATE TABLE organs (
  organ_id   TEXT PRIMARY KEY CHECK (length(organ_id) BETWEEN 1 AND 35),
  name       TEXT NOT NULL,
  in_charge  TEXT,
  address    TEXT,
  email      TEXT,
  phone      TEXT,
  fax        TEXT,
  website    TEXT,
  parent_id  TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE edxml_received (
  id             INTEGER PRIMARY KEY,
  message_sha256 TEXT NOT NULL UNIQUE CHECK (length(message_sha256) = 64),
  document_id    TEXT NOT NULL,
  from_organ     TEXT NOT NULL,
  from_name      TEXT,
  business_type  INTEGER NOT NULL CHECK (business_type BETWEEN 0 AND 3),
  subject        TEXT NOT NULL,
  symbol         TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('pending', 'registered', 'refused')),
  incoming_id    INTEGER REFERENCES incoming_documents(id),
  linked_to      INTEGER REFERENCES edxml_received(id),
  recalled       INTEGER NOT NULL DEFAULT 0 CHECK (recalled IN (0, 1)),
  refuse_reason  TEXT,
  last_status    TEXT,
  received_at    TEXT NOT NULL,
  header         TEXT NOT NULL
) STRICT;
-- A DocumentId arrives once as a new document (a refused one may be sent again).
CREATE UNIQUE INDEX edxml_received_new ON edxml_received(document_id) WHERE business_type = 0 AND state <> 'refused';
CREATE INDEX edxml_received_document ON edxml_received(document_id);
CREATE INDEX edxml_received_incoming ON edxml_received(incoming_id) WHERE incoming_id IS NOT NULL;

CREATE TABLE edxml_sent (
  id            INTEGER PRIMARY KEY,
  outgoing_id   INTEGER NOT NULL REFERENCES outgoing_documents(id),
  organ_id      TEXT NOT NULL,
  organ_name    TEXT,
  business_type INTEGER NOT NULL CHECK (business_type BETWEEN 0 AND 3),
  document_id   TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('unsent', 'sent', 'arrived', 'refused', 'accepted', 'assigned', 'processing', 'done', 'recalled')),
  status_at     TEXT NOT NULL,
  note          TEXT,
  file_name     TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX edxml_sent_outgoing ON edxml_sent(outgoing_id);
CREATE INDEX edxml_sent_document ON edxml_sent(document_id, organ_id);

CREATE TABLE edxml_status (
  id             INTEGER PRIMARY KEY,
  direction      TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  document_id    TEXT NOT NULL,
  organ_id       TEXT NOT NULL,
  code           TEXT NOT NULL,
  description    TEXT,
  at             TEXT NOT NULL,
  message_sha256 TEXT UNIQUE
) STRICT;
CREATE INDEX edxml_status_document ON edxml_status(document_id, organ_id);
`;

/**
 * Citizens' letters ("sổ tiếp nhận, xử lý đơn") and hotline feedback ("sổ tiếp nhận phản
 * ánh, kiến nghị"): the registers, their yearly numbers, the senders, links between letters
 * on the same matter, scans, the units a letter is assigned to once accepted.
 *
 * Senders live in their own table: their personal data is read only by the repository
 * method that is told the reader may see it (see LetterAccess in store/ports.ts), and the
 * office-network phase can deny the table to database roles outright. Duplicate detection
 * keys are SHA-256 digests of the folded name and address (or identity number), never the
 * data itself.
 */
export const up = /* sql */ `
CREATE TABLE letter_counters (
  series      TEXT NOT NULL CHECK (series IN ('letter', 'hotline')),
  year        INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (series, year)
) STRICT, WITHOUT ROWID;

-- A counter never goes down: a number once given is never given again.
CREATE TRIGGER letter_counters_monotonic BEFORE UPDATE ON letter_counters
WHEN new.last_number < old.last_number
BEGIN SELECT RAISE(ABORT, 'letter counter cannot decrease'); END;

CREATE TABLE letters (
  id                  INTEGER PRIMARY KEY,
  year                INTEGER NOT NULL,
  number              INTEGER NOT NULL CHECK (number > 0),
  received_date       TEXT NOT NULL,
  channel             TEXT NOT NULL CHECK (channel IN ('in_person', 'post', 'hotline', 'portal', 'forwarded')),
  forwarded_by        TEXT,
  kind                TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'petition', 'feedback')),
  subject             TEXT NOT NULL,
  summary             TEXT,
  concerned_body      TEXT,
  concerned_organ_id  TEXT,
  anonymous           INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  sender_count        INTEGER NOT NULL DEFAULT 0 CHECK (sender_count >= 0),
  status              TEXT NOT NULL CHECK (status IN ('received', 'classified', 'accepted', 'transferred', 'guided', 'filed', 'returned', 'answered')),
  eligible            INTEGER CHECK (eligible IN (0, 1)),
  competence          TEXT CHECK (competence IN ('within', 'outside')),
  classification_note TEXT,
  classified_at       TEXT,
  classified_by       TEXT,
  processing_due      TEXT NOT NULL,
  outcome             TEXT CHECK (outcome IN ('accepted', 'transferred', 'guided', 'filed', 'returned')),
  outcome_at          TEXT,
  outcome_by          TEXT,
  outcome_note        TEXT,
  transfer_organ_id   TEXT,
  transfer_organ_name TEXT,
  guided_to           TEXT,
  outcome_ref         TEXT,
  resolution_due      TEXT,
  answer              TEXT,
  answer_ref          TEXT,
  answered_at         TEXT,
  answered_by         TEXT,
  -- Folded subject and body concerned: duplicate matching and the list's text filter.
  subject_fold        TEXT NOT NULL,
  body_fold           TEXT,
  created_at          TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (year, number),
  CHECK ((outcome IS NULL) = (outcome_at IS NULL))
) STRICT;
CREATE INDEX letters_received ON letters(received_date, id);
CREATE INDEX letters_open ON letters(processing_due) WHERE outcome IS NULL;
CREATE INDEX letters_resolving ON letters(resolution_due) WHERE status = 'accepted';

CREATE TABLE letter_senders (
  id             INTEGER PRIMARY KEY,
  letter_id      INTEGER NOT NULL REFERENCES letters(id),
  position       INTEGER NOT NULL,
  full_name      TEXT NOT NULL,
  address        TEXT,
  id_number      TEXT,
  phone          TEXT,
  representative INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),
  UNIQUE (letter_id, position)
) STRICT;

CREATE TABLE letter_sender_keys (
  key       TEXT NOT NULL CHECK (length(key) = 64),
  letter_id INTEGER NOT NULL REFERENCES letters(id),
  PRIMARY KEY (key, letter_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX letter_sender_keys_letter ON letter_sender_keys(letter_id);

CREATE TABLE letter_links (
  letter_id  INTEGER NOT NULL REFERENCES letters(id),
  earlier_id INTEGER NOT NULL REFERENCES letters(id),
  linked_at  TEXT NOT NULL,
  linked_by  TEXT NOT NULL,
  PRIMARY KEY (letter_id, earlier_id),
  CHECK (earlier_id <> letter_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE letter_attachments (
  id         INTEGER PRIMARY KEY,
  letter_id  INTEGER NOT NULL REFERENCES letters(id),
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  file_name  TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX letter_attachments_letter ON letter_attachments(letter_id);

-- An accepted letter's direction to a lead unit and supporting units, each with a deadline;
-- a new direction closes the current rows (replaced_at), so the history stays.
CREATE TABLE letter_assignments (
  id          INTEGER PRIMARY KEY,
  letter_id   INTEGER NOT NULL REFERENCES letters(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  role        TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  due_date    TEXT NOT NULL,
  direction   TEXT,
  directed_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'done')),
  done_at     TEXT,
  replaced_at TEXT
) STRICT;
CREATE INDEX letter_assignments_current ON letter_assignments(letter_id) WHERE replaced_at IS NULL;

CREATE TABLE hotline_items (
  id             INTEGER PRIMARY KEY,
  year           INTEGER NOT NULL,
  number         INTEGER NOT NULL CHECK (number > 0),
  received_at    TEXT NOT NULL,
  received_date  TEXT NOT NULL,
  caller_name    TEXT,
  caller_phone   TEXT,
  caller_address TEXT,
  procedure      TEXT NOT NULL,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  cause          TEXT NOT NULL CHECK (cause IN ('late_return', 'refusal', 'harassment', 'other')),
  content        TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('received', 'forwarded', 'answered', 'closed')),
  forwarded_at   TEXT,
  forwarded_by   TEXT,
  due_date       TEXT,
  forward_note   TEXT,
  answer         TEXT,
  answered_at    TEXT,
  answered_by    TEXT,
  closed_at      TEXT,
  closed_by      TEXT,
  close_note     TEXT,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (year, number)
) STRICT;
CREATE INDEX hotline_received ON hotline_items(received_date, id);
CREATE INDEX hotline_open ON hotline_items(due_date) WHERE status = 'forwarded';
`;

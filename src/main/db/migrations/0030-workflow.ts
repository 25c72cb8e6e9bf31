/**
 * Processing and follow-up (Decree 30 Art. 24, App. IV "Phiếu giải quyết", "Sổ theo dõi"):
 * the organisation's units and people, the leader's direction of an incoming document to
 * a lead unit and supporting units with deadlines, their progress, standalone tasks, and
 * the administrator's adjustments to the holiday calendar.
 */
export const up = /* sql */ `
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE people (
  id         INTEGER PRIMARY KEY,
  full_name  TEXT NOT NULL,
  unit_id    INTEGER REFERENCES units(id),
  role       TEXT,
  created_at TEXT NOT NULL
) STRICT;

-- One row per unit per direction. A re-assignment or an extension closes the current rows
-- (replaced_at) and opens new ones, so the history of who had to do what by when stays.
CREATE TABLE assignments (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES incoming_documents(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  role         TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  due_date     TEXT NOT NULL,
  direction    TEXT,
  directed_by  TEXT NOT NULL,
  assigned_at  TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'in_progress', 'done')),
  done_at      TEXT,
  reply_symbol TEXT,
  replaced_at  TEXT
) STRICT;
CREATE INDEX assignments_current ON assignments(document_id, role) WHERE replaced_at IS NULL;
-- Open work by deadline (the overdue and due-soon lists), overall and per unit.
CREATE INDEX assignments_open ON assignments(due_date, unit_id) WHERE replaced_at IS NULL AND status != 'done';
CREATE INDEX assignments_open_unit ON assignments(unit_id, due_date) WHERE replaced_at IS NULL AND status != 'done';
CREATE INDEX assignments_unit ON assignments(unit_id) WHERE replaced_at IS NULL;

CREATE TABLE progress_notes (
  id            INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  status        TEXT NOT NULL,
  note          TEXT,
  reply_symbol  TEXT
) STRICT;
CREATE INDEX progress_notes_assignment ON progress_notes(assignment_id);

CREATE TABLE tasks (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  source       TEXT,
  document_id  INTEGER REFERENCES incoming_documents(id),
  lead_unit_id INTEGER NOT NULL REFERENCES units(id),
  deadline     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done', 'cancelled')),
  note         TEXT,
  reply_symbol TEXT,
  done_at      TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX tasks_lead ON tasks(lead_unit_id, status);
CREATE INDEX tasks_created ON tasks(created_at);

CREATE TABLE task_support_units (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (task_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE calendar_adjustments (
  year INTEGER PRIMARY KEY,
  data TEXT NOT NULL CHECK (json_valid(data))
) STRICT;
`;

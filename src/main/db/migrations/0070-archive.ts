/**
 * The archive (issue 14; shared/domain/archive.md): the yearly file plan and its headings,
 * dossiers and the documents filed in them (by reference: one document in several dossiers
 * without a copy), hand-overs to the agency archive, keep-backs, holds, corrections of
 * declared records, destructions with their tombstones, and the usage register.
 *
 * The rules that make a record a record are the database's own, not only the services':
 * - a dossier's membership changes only while it is open;
 * - a held document or dossier (an active hold on it, or on a dossier holding it) cannot be
 *   changed, moved or destroyed;
 * - once the archive accepts a dossier (state 'accepted') its row, its documents, their
 *   files and the outgoing versions are frozen: the only change let through is a correction
 *   described beforehand, field by field with the new value, in archive_corrections (which
 *   is append-only, and whose rows are marked applied by the change itself) — so even a
 *   tool that goes around the app leaves an old → new record, or changes nothing;
 * - a destroyed dossier stays as a tombstone; destruction of an accepted dossier needs an
 *   approved destruction naming it.
 * Guards raise `vt:<code>`; the stores turn that into the coded error (archive/guards.ts).
 */

/** SQL: is the incoming/outgoing document `id` in a dossier the archive accepted? */
export function declaredDocSql(kind: 'incoming' | 'outgoing', id: string): string {
  return `EXISTS (SELECT 1 FROM dossier_items di JOIN dossiers dd ON dd.id = di.dossier_id
    WHERE di.doc_kind = '${kind}' AND di.doc_id = ${id} AND dd.state = 'accepted')`;
}

/** SQL: is the document `id` under an active hold, itself or through a dossier that holds it? */
export function heldDocSql(kind: 'incoming' | 'outgoing', id: string): string {
  return `EXISTS (SELECT 1 FROM hold_items hi JOIN holds h ON h.id = hi.hold_id WHERE h.lifted_at IS NULL AND (
      (hi.target_kind = '${kind}' AND hi.target_id = ${id})
      OR (hi.target_kind = 'dossier' AND hi.target_id IN (SELECT dossier_id FROM dossier_items WHERE doc_kind = '${kind}' AND doc_id = ${id}))))`;
}

/** SQL: is the dossier `id` under an active hold? */
export function heldDossierSql(id: string): string {
  return `EXISTS (SELECT 1 FROM hold_items hi JOIN holds h ON h.id = hi.hold_id
    WHERE h.lifted_at IS NULL AND hi.target_kind = 'dossier' AND hi.target_id = ${id})`;
}

/** Correctable fields of a declared incoming document: API name → column. */
export const INCOMING_CORRECTION_COLUMNS: Record<string, string> = {
  organName: 'organ_name',
  symbol: 'symbol',
  issuedDate: 'issued_date',
  typeName: 'type_name',
  subject: 'subject',
  signerName: 'signer_name',
  signerPosition: 'signer_position',
  pageAmount: 'page_amount',
  toPlaces: 'to_places',
  description: 'description',
};
/** Columns that follow the corrected fields (split symbol, duplicate key, search columns, stamp). */
const INCOMING_DERIVED = ['code_number', 'code_notation', 'dup_key', 'updated_at'];
/** Every other column of incoming_documents: never changed on a declared record. */
export const INCOMING_PROTECTED = [
  'id',
  'register_id',
  'year',
  'arrival_number',
  'sort_key',
  'arrival_date',
  'urgency',
  'secrecy',
  'channel',
  'due_date',
  'status',
  'void_reason',
  'voided_at',
  'created_at',
  'created_by',
];

export const DOSSIER_CORRECTION_COLUMNS: Record<string, string> = {
  title: 'title',
  description: 'description',
  creator: 'creator',
  language: 'language',
  rights: 'rights',
  startDate: 'start_date',
  endDate: 'end_date',
  pageTotal: 'page_total',
  note: 'note',
};
const DOSSIER_DERIVED = ['expiry_year', 'search_text', 'updated_at'];
export const DOSSIER_PROTECTED = [
  'id',
  'year',
  'code',
  'ordinal',
  'plan_id',
  'heading_id',
  'big_heading_id',
  'position',
  'retention_years',
  'basic_construction',
  'state',
  'doc_total',
  'due_date',
  'keep_back_until',
  'handover_id',
  'destruction_id',
  'opened_at',
  'opened_by',
  'closed_at',
  'closed_by',
  'accepted_at',
  'accepted_by',
  'created_at',
  'created_by',
];
void INCOMING_DERIVED;
void DOSSIER_DERIVED;

/** SQL (SQLite): a pending correction of `kind` `id`, optionally of one field to the row's new value. */
function pending(kind: string, id: string, field?: { name: string; column: string }): string {
  const f = field ? ` AND c.field = '${field.name}' AND c.new_value IS CAST(new.${field.column} AS TEXT)` : '';
  return `EXISTS (SELECT 1 FROM archive_corrections c WHERE c.target_kind = '${kind}' AND c.target_id = ${id} AND c.applied = 0${f})`;
}

/** SQL (SQLite): the update is not a correction described beforehand. */
function notACorrection(kind: string, protectedCols: string[], correctable: Record<string, string>): string {
  const changedProtected = protectedCols.map((c) => `new.${c} IS NOT old.${c}`).join(' OR ');
  const unexplained = Object.entries(correctable)
    .map(([name, column]) => `(new.${column} IS NOT old.${column} AND NOT ${pending(kind, 'old.id', { name, column })})`)
    .join(' OR ');
  return `(NOT ${pending(kind, 'old.id')} OR ${changedProtected} OR ${unexplained})`;
}

const otherDossierColumnsUnchanged = [...DOSSIER_PROTECTED, ...Object.values(DOSSIER_CORRECTION_COLUMNS), 'expiry_year', 'search_text']
  .filter((c) => c !== 'state' && c !== 'destruction_id')
  .map((c) => `new.${c} IS old.${c}`)
  .join(' AND ');

export const up = /* sql */ `
CREATE TABLE file_plans (
  id              INTEGER PRIMARY KEY,
  year            INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2999),
  numbering       TEXT NOT NULL CHECK (numbering IN ('continuous', 'per_heading')),
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  decision_number TEXT,
  decision_date   TEXT,
  approved_by     TEXT,
  approved_at     TEXT,
  copied_from     INTEGER REFERENCES file_plans(id),
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (status = 'draft' OR (decision_number IS NOT NULL AND decision_date IS NOT NULL AND approved_by IS NOT NULL))
) STRICT;
-- An approved plan is the head's decision: it stays as approved.
CREATE TRIGGER file_plans_approved BEFORE UPDATE ON file_plans WHEN old.status = 'approved'
BEGIN SELECT RAISE(ABORT, 'vt:plan_approved'); END;
CREATE TRIGGER file_plans_no_delete BEFORE DELETE ON file_plans
BEGIN SELECT RAISE(ABORT, 'vt:plan_approved'); END;

-- Big headings (parent_id NULL, numbered I, II, … and carrying the abbreviation used in
-- dossier codes) and small headings (numbered 1, 2, … inside their big heading).
CREATE TABLE plan_headings (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES file_plans(id),
  parent_id    INTEGER REFERENCES plan_headings(id),
  position     INTEGER NOT NULL CHECK (position > 0),
  title        TEXT NOT NULL,
  abbreviation TEXT,
  created_at   TEXT NOT NULL,
  CHECK ((parent_id IS NULL) = (abbreviation IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX plan_headings_position ON plan_headings(plan_id, coalesce(parent_id, 0), position);
CREATE TRIGGER plan_headings_frozen_ins BEFORE INSERT ON plan_headings
WHEN (SELECT status FROM file_plans WHERE id = new.plan_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'vt:plan_approved'); END;
CREATE TRIGGER plan_headings_frozen_upd BEFORE UPDATE ON plan_headings
WHEN (SELECT status FROM file_plans WHERE id = old.plan_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'vt:plan_approved'); END;
CREATE TRIGGER plan_headings_frozen_del BEFORE DELETE ON plan_headings
WHEN (SELECT status FROM file_plans WHERE id = old.plan_id) = 'approved'
BEGIN SELECT RAISE(ABORT, 'vt:plan_approved'); END;

CREATE TABLE handovers (
  id                INTEGER PRIMARY KEY,
  year              INTEGER NOT NULL,
  unit_name         TEXT NOT NULL,
  block_name        TEXT NOT NULL,
  giver_name        TEXT NOT NULL,
  giver_position    TEXT,
  receiver_name     TEXT,
  receiver_position TEXT,
  basis             TEXT,
  condition         TEXT,
  status            TEXT NOT NULL CHECK (status IN ('submitted', 'accepted')),
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  accepted_at       TEXT,
  accepted_by       TEXT
) STRICT;
CREATE TRIGGER handovers_accepted BEFORE UPDATE ON handovers WHEN old.status = 'accepted'
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

-- Every package made for a hand-over (its SHA-256), so a package met later can be recognised.
CREATE TABLE handover_packages (
  id          INTEGER PRIMARY KEY,
  handover_id INTEGER NOT NULL REFERENCES handovers(id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  size        INTEGER NOT NULL,
  made_at     TEXT NOT NULL,
  made_by     TEXT NOT NULL
) STRICT;
CREATE INDEX handover_packages_hash ON handover_packages(sha256);
CREATE TRIGGER handover_packages_append_only BEFORE UPDATE ON handover_packages
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER handover_packages_no_delete BEFORE DELETE ON handover_packages
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

CREATE TABLE destructions (
  id                    INTEGER PRIMARY KEY,
  title                 TEXT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'executed')),
  council_ref           TEXT,
  minutes_ref           TEXT,
  appraisal_ref         TEXT,
  decision_ref          TEXT,
  decision_date         TEXT,
  approved_by           TEXT,
  approved_at           TEXT,
  execution_minutes_ref TEXT,
  executed_at           TEXT,
  executed_by           TEXT,
  proposed_at           TEXT NOT NULL,
  proposed_by           TEXT NOT NULL,
  note                  TEXT,
  CHECK (status = 'proposed' OR (council_ref IS NOT NULL AND minutes_ref IS NOT NULL AND decision_ref IS NOT NULL
    AND decision_date IS NOT NULL AND approved_by IS NOT NULL)),
  CHECK (status <> 'executed' OR (execution_minutes_ref IS NOT NULL AND executed_at IS NOT NULL))
) STRICT;
CREATE TRIGGER destructions_forward BEFORE UPDATE ON destructions
WHEN old.status = 'executed' OR (old.status = 'approved' AND new.status <> 'executed')
BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;
CREATE TRIGGER destructions_no_delete BEFORE DELETE ON destructions
BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;

CREATE TABLE dossiers (
  id                 INTEGER PRIMARY KEY,
  year               INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  code               TEXT NOT NULL,
  ordinal            INTEGER,
  plan_id            INTEGER REFERENCES file_plans(id),
  heading_id         INTEGER REFERENCES plan_headings(id),
  big_heading_id     INTEGER REFERENCES plan_headings(id),
  position           INTEGER NOT NULL DEFAULT 0,
  title              TEXT NOT NULL,
  -- Years; NULL = "Vĩnh viễn".
  retention_years    INTEGER CHECK (retention_years IS NULL OR retention_years BETWEEN 1 AND 100),
  creator            TEXT,
  note               TEXT,
  description        TEXT,
  language           TEXT NOT NULL DEFAULT 'Tiếng Việt',
  rights             TEXT NOT NULL DEFAULT '01' CHECK (rights IN ('01', '02', '03')),
  basic_construction INTEGER NOT NULL DEFAULT 0 CHECK (basic_construction IN (0, 1)),
  state              TEXT NOT NULL CHECK (state IN ('planned', 'open', 'closed', 'submitted', 'accepted', 'destroyed')),
  start_date         TEXT,
  end_date           TEXT,
  page_total         INTEGER CHECK (page_total IS NULL OR page_total >= 0),
  doc_total          INTEGER NOT NULL DEFAULT 0 CHECK (doc_total >= 0),
  -- When the dossier is due at the agency archive (closed dossiers kept five years or more).
  due_date           TEXT,
  keep_back_until    TEXT,
  expiry_year        INTEGER,
  handover_id        INTEGER REFERENCES handovers(id),
  destruction_id     INTEGER REFERENCES destructions(id),
  -- Folded code, title, description, creator and the filed documents' subjects and symbols: the archive's search.
  search_text        TEXT NOT NULL DEFAULT '',
  opened_at          TEXT,
  opened_by          TEXT,
  closed_at          TEXT,
  closed_by          TEXT,
  accepted_at        TEXT,
  accepted_by        TEXT,
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (year, code)
) STRICT;
CREATE INDEX dossiers_plan ON dossiers(plan_id, position);
CREATE INDEX dossiers_state ON dossiers(state, year);
-- The due list: closed dossiers to hand over, by due date.
CREATE INDEX dossiers_due ON dossiers(due_date, keep_back_until) WHERE state = 'closed' AND due_date IS NOT NULL;
CREATE INDEX dossiers_expiry ON dossiers(expiry_year) WHERE expiry_year IS NOT NULL AND state IN ('closed', 'accepted');

-- Documents filed in dossiers, by reference; ordinals follow the order of events.
CREATE TABLE dossier_items (
  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
  doc_kind   TEXT NOT NULL CHECK (doc_kind IN ('incoming', 'outgoing')),
  doc_id     INTEGER NOT NULL,
  ordinal    INTEGER NOT NULL CHECK (ordinal > 0),
  event_at   TEXT NOT NULL,
  note       TEXT,
  added_at   TEXT NOT NULL,
  added_by   TEXT NOT NULL,
  PRIMARY KEY (dossier_id, doc_kind, doc_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX dossier_items_doc ON dossier_items(doc_kind, doc_id);
CREATE INDEX dossier_items_order ON dossier_items(dossier_id, ordinal);

CREATE TABLE holds (
  id          INTEGER PRIMARY KEY,
  group_name  TEXT,
  ordered_by  TEXT NOT NULL,
  order_ref   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  placed_at   TEXT NOT NULL,
  placed_by   TEXT NOT NULL,
  lifted_at   TEXT,
  lifted_by   TEXT,
  lift_ref    TEXT,
  lift_reason TEXT
) STRICT;
CREATE TABLE hold_items (
  hold_id     INTEGER NOT NULL REFERENCES holds(id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('incoming', 'outgoing', 'dossier')),
  target_id   INTEGER NOT NULL,
  PRIMARY KEY (hold_id, target_kind, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX hold_items_target ON hold_items(target_kind, target_id);
-- A hold is placed, then lifted once; it is never edited otherwise nor removed.
CREATE TRIGGER holds_lift_once BEFORE UPDATE ON holds
WHEN old.lifted_at IS NOT NULL OR new.lifted_at IS NULL OR new.lifted_by IS NULL OR new.id IS NOT old.id
  OR new.group_name IS NOT old.group_name OR new.ordered_by IS NOT old.ordered_by OR new.order_ref IS NOT old.order_ref
  OR new.reason IS NOT old.reason OR new.placed_at IS NOT old.placed_at OR new.placed_by IS NOT old.placed_by
BEGIN SELECT RAISE(ABORT, 'vt:hold_state'); END;
CREATE TRIGGER holds_no_delete BEFORE DELETE ON holds BEGIN SELECT RAISE(ABORT, 'vt:hold_state'); END;
CREATE TRIGGER hold_items_no_update BEFORE UPDATE ON hold_items BEGIN SELECT RAISE(ABORT, 'vt:hold_state'); END;
CREATE TRIGGER hold_items_no_delete BEFORE DELETE ON hold_items BEGIN SELECT RAISE(ABORT, 'vt:hold_state'); END;

-- Corrections of declared records, described before they are made (see above).
CREATE TABLE archive_corrections (
  id          INTEGER PRIMARY KEY,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('dossier', 'incoming')),
  target_id   INTEGER NOT NULL,
  field       TEXT NOT NULL,
  old_value   TEXT,
  new_value   TEXT,
  reason      TEXT NOT NULL,
  by_actor    TEXT NOT NULL,
  at          TEXT NOT NULL,
  applied     INTEGER NOT NULL DEFAULT 0 CHECK (applied IN (0, 1))
) STRICT;
CREATE INDEX archive_corrections_target ON archive_corrections(target_kind, target_id, applied);
CREATE TRIGGER archive_corrections_applied_only BEFORE UPDATE ON archive_corrections
WHEN old.applied = 1 OR new.applied <> 1 OR new.id IS NOT old.id OR new.target_kind IS NOT old.target_kind
  OR new.target_id IS NOT old.target_id OR new.field IS NOT old.field OR new.old_value IS NOT old.old_value
  OR new.new_value IS NOT old.new_value OR new.reason IS NOT old.reason OR new.by_actor IS NOT old.by_actor OR new.at IS NOT old.at
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER archive_corrections_no_delete BEFORE DELETE ON archive_corrections
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

CREATE TABLE keep_backs (
  id           INTEGER PRIMARY KEY,
  dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
  decision_ref TEXT NOT NULL,
  decided_by   TEXT NOT NULL,
  reason       TEXT NOT NULL,
  until_date   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
) STRICT;
CREATE INDEX keep_backs_dossier ON keep_backs(dossier_id);
CREATE TRIGGER keep_backs_append_only BEFORE UPDATE ON keep_backs BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER keep_backs_no_delete BEFORE DELETE ON keep_backs BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

CREATE TABLE handover_items (
  handover_id INTEGER NOT NULL REFERENCES handovers(id),
  dossier_id  INTEGER NOT NULL UNIQUE REFERENCES dossiers(id),
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (handover_id, dossier_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER handover_items_fixed_upd BEFORE UPDATE ON handover_items BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER handover_items_fixed_del BEFORE DELETE ON handover_items BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

CREATE TABLE destruction_items (
  destruction_id INTEGER NOT NULL REFERENCES destructions(id),
  dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),
  PRIMARY KEY (destruction_id, dossier_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX destruction_items_dossier ON destruction_items(dossier_id);
CREATE TRIGGER destruction_items_fixed_ins BEFORE INSERT ON destruction_items
WHEN (SELECT status FROM destructions WHERE id = new.destruction_id) <> 'proposed'
BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;
CREATE TRIGGER destruction_items_fixed_upd BEFORE UPDATE ON destruction_items BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;
CREATE TRIGGER destruction_items_fixed_del BEFORE DELETE ON destruction_items BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;

-- What a destruction removed: the document's metadata stays in its own row; this keeps
-- which files it had (name, hash, size) and whether their content was removed (a content
-- shared with a document that lives on stays).
CREATE TABLE destruction_tombstones (
  id              INTEGER PRIMARY KEY,
  destruction_id  INTEGER NOT NULL REFERENCES destructions(id),
  dossier_id      INTEGER NOT NULL REFERENCES dossiers(id),
  doc_kind        TEXT NOT NULL CHECK (doc_kind IN ('incoming', 'outgoing')),
  doc_id          INTEGER NOT NULL,
  file_name       TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  size            INTEGER NOT NULL,
  content_removed INTEGER NOT NULL CHECK (content_removed IN (0, 1))
) STRICT;
CREATE INDEX destruction_tombstones_destruction ON destruction_tombstones(destruction_id);
CREATE TRIGGER destruction_tombstones_append_only BEFORE UPDATE ON destruction_tombstones
BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;
CREATE TRIGGER destruction_tombstones_no_delete BEFORE DELETE ON destruction_tombstones
BEGIN SELECT RAISE(ABORT, 'vt:destruction_state'); END;

-- Contents removed from the file store by a destruction (check does not look for them).
CREATE TABLE removed_blobs (
  sha256         TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  destruction_id INTEGER NOT NULL REFERENCES destructions(id),
  removed_at     TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- Only a content no declared or held document still uses may be removed.
CREATE TRIGGER removed_blobs_guard BEFORE INSERT ON removed_blobs
WHEN EXISTS (SELECT 1 FROM incoming_attachments a WHERE a.sha256 = new.sha256
    AND (${declaredDocSql('incoming', 'a.document_id')} OR ${heldDocSql('incoming', 'a.document_id')}))
  OR EXISTS (SELECT 1 FROM outgoing_files f WHERE f.sha256 = new.sha256
    AND (${declaredDocSql('outgoing', 'f.outgoing_id')} OR ${heldDocSql('outgoing', 'f.outgoing_id')}))
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

CREATE TABLE usage_register (
  id          INTEGER PRIMARY KEY,
  used_on     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('incoming', 'outgoing', 'dossier')),
  target_id   INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  note        TEXT,
  returned_on TEXT,
  returned_by TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
) STRICT;
CREATE INDEX usage_register_day ON usage_register(used_on);
CREATE TRIGGER usage_register_return_once BEFORE UPDATE ON usage_register
WHEN old.returned_on IS NOT NULL OR new.returned_on IS NULL OR new.id IS NOT old.id OR new.used_on IS NOT old.used_on
  OR new.user_name IS NOT old.user_name OR new.target_kind IS NOT old.target_kind OR new.target_id IS NOT old.target_id
  OR new.approved_by IS NOT old.approved_by OR new.created_at IS NOT old.created_at OR new.created_by IS NOT old.created_by
BEGIN SELECT RAISE(ABORT, 'vt:usage_returned'); END;
CREATE TRIGGER usage_register_no_delete BEFORE DELETE ON usage_register
BEGIN SELECT RAISE(ABORT, 'vt:usage_returned'); END;

-- Dossiers ----------------------------------------------------------------------------

-- Destroyed: a tombstone, for good.
CREATE TRIGGER dossiers_destroyed BEFORE UPDATE ON dossiers WHEN old.state = 'destroyed'
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
-- Only a dossier still waiting in a draft plan may be taken out of it.
CREATE TRIGGER dossiers_no_delete BEFORE DELETE ON dossiers
WHEN old.state <> 'planned' OR (SELECT status FROM file_plans WHERE id = old.plan_id) IS NOT 'draft'
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER dossiers_held BEFORE UPDATE ON dossiers WHEN ${heldDossierSql('old.id')}
BEGIN SELECT RAISE(ABORT, 'vt:held'); END;
CREATE TRIGGER dossiers_declared BEFORE UPDATE ON dossiers
WHEN old.state = 'accepted'
  AND NOT (new.state = 'destroyed' AND new.destruction_id IS NOT NULL AND ${otherDossierColumnsUnchanged}
    AND EXISTS (SELECT 1 FROM destructions x JOIN destruction_items i ON i.destruction_id = x.id
      WHERE x.id = new.destruction_id AND i.dossier_id = old.id AND x.status = 'approved'))
  AND ${notACorrection('dossier', DOSSIER_PROTECTED, DOSSIER_CORRECTION_COLUMNS)}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER dossiers_correction_applied AFTER UPDATE ON dossiers WHEN ${pending('dossier', 'old.id')}
BEGIN UPDATE archive_corrections SET applied = 1 WHERE target_kind = 'dossier' AND target_id = old.id AND applied = 0; END;

-- Membership changes only while the dossier is open, and never for what is held.
CREATE TRIGGER dossier_items_open_ins BEFORE INSERT ON dossier_items
WHEN (SELECT state FROM dossiers WHERE id = new.dossier_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'vt:dossier_not_open'); END;
CREATE TRIGGER dossier_items_open_upd BEFORE UPDATE ON dossier_items
WHEN (SELECT state FROM dossiers WHERE id = old.dossier_id) IS NOT 'open' OR new.dossier_id IS NOT old.dossier_id
  OR new.doc_kind IS NOT old.doc_kind OR new.doc_id IS NOT old.doc_id
BEGIN SELECT RAISE(ABORT, 'vt:dossier_not_open'); END;
CREATE TRIGGER dossier_items_open_del BEFORE DELETE ON dossier_items
WHEN (SELECT state FROM dossiers WHERE id = old.dossier_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'vt:dossier_not_open'); END;
CREATE TRIGGER dossier_items_held_ins BEFORE INSERT ON dossier_items
WHEN ${heldDossierSql('new.dossier_id')} OR (new.doc_kind = 'incoming' AND ${heldDocSql('incoming', 'new.doc_id')})
  OR (new.doc_kind = 'outgoing' AND ${heldDocSql('outgoing', 'new.doc_id')})
BEGIN SELECT RAISE(ABORT, 'vt:held'); END;
CREATE TRIGGER dossier_items_held_del BEFORE DELETE ON dossier_items
WHEN ${heldDossierSql('old.dossier_id')} OR (old.doc_kind = 'incoming' AND ${heldDocSql('incoming', 'old.doc_id')})
  OR (old.doc_kind = 'outgoing' AND ${heldDocSql('outgoing', 'old.doc_id')})
BEGIN SELECT RAISE(ABORT, 'vt:held'); END;

-- Documents, their files and versions -------------------------------------------------

CREATE TRIGGER incoming_held BEFORE UPDATE ON incoming_documents WHEN ${heldDocSql('incoming', 'old.id')}
BEGIN SELECT RAISE(ABORT, 'vt:held'); END;
CREATE TRIGGER incoming_declared BEFORE UPDATE ON incoming_documents
WHEN ${declaredDocSql('incoming', 'old.id')} AND ${notACorrection('incoming', INCOMING_PROTECTED, INCOMING_CORRECTION_COLUMNS)}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER incoming_correction_applied AFTER UPDATE ON incoming_documents WHEN ${pending('incoming', 'old.id')}
BEGIN UPDATE archive_corrections SET applied = 1 WHERE target_kind = 'incoming' AND target_id = old.id AND applied = 0; END;

CREATE TRIGGER incoming_attachments_frozen_ins BEFORE INSERT ON incoming_attachments
WHEN ${declaredDocSql('incoming', 'new.document_id')} OR ${heldDocSql('incoming', 'new.document_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER incoming_attachments_frozen_upd BEFORE UPDATE ON incoming_attachments
WHEN ${declaredDocSql('incoming', 'old.document_id')} OR ${heldDocSql('incoming', 'old.document_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER incoming_attachments_frozen_del BEFORE DELETE ON incoming_attachments
WHEN ${declaredDocSql('incoming', 'old.document_id')} OR ${heldDocSql('incoming', 'old.document_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

CREATE TRIGGER outgoing_held BEFORE UPDATE ON outgoing_documents WHEN ${heldDocSql('outgoing', 'old.id')}
BEGIN SELECT RAISE(ABORT, 'vt:held'); END;
CREATE TRIGGER outgoing_declared BEFORE UPDATE ON outgoing_documents WHEN ${declaredDocSql('outgoing', 'old.id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER outgoing_files_frozen BEFORE INSERT ON outgoing_files
WHEN ${declaredDocSql('outgoing', 'new.outgoing_id')} OR ${heldDocSql('outgoing', 'new.outgoing_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER outgoing_attachments_frozen_ins BEFORE INSERT ON outgoing_attachments
WHEN ${declaredDocSql('outgoing', 'new.outgoing_id')} OR ${heldDocSql('outgoing', 'new.outgoing_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER outgoing_attachments_frozen_upd BEFORE UPDATE ON outgoing_attachments
WHEN ${declaredDocSql('outgoing', 'old.outgoing_id')} OR ${heldDocSql('outgoing', 'old.outgoing_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER outgoing_attachments_frozen_del BEFORE DELETE ON outgoing_attachments
WHEN ${declaredDocSql('outgoing', 'old.outgoing_id')} OR ${heldDocSql('outgoing', 'old.outgoing_id')}
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;

-- A stored content's row is never removed (its bytes may be, by a destruction: removed_blobs).
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
`;

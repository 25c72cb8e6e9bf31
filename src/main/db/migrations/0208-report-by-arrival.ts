/**
 * Version 208 on SQLite: the report's figures per unit read only the period's current lead
 * assignments, in unit order, from one index.
 *
 * The report counts a unit's lead assignments of the documents that arrived in the period.
 * It used to reach them from the documents (the arrival key's index, each document's row for
 * its status, then its assignment's row) and group the rows by unit with a sort: at
 * 1,000,000 documents (82,000 in nine months) that was about 60 % of the report's time. Each
 * assignment now carries its document's arrival key (`doc_key`, the document's `sort_key`),
 * and `assignments_report` holds the current lead assignments by unit and arrival key with
 * every column the figures read: a unit's figures are one range of that index, the units
 * come in order (no sort), and no document row is read (voided and hidden documents are left
 * out by key, through their partial indexes).
 *
 * The key is kept by triggers, so no writer has to know it: set when an assignment is
 * written (any INSERT, also the bench's and old tools'), and moved with the document when its
 * arrival time is corrected (an UPDATE of sort_key; a bulk import only inserts documents, so
 * it pays nothing). The correction moves the current assignments' keys (found through
 * assignments_current): a replaced assignment is history the report does not read, and
 * keeps the key its document had then.
 *
 * PostgreSQL (db/postgres/migrations/0208) groups with a hash and needs no sort; it gets
 * nothing here. The number keeps both stores' versions aligned.
 */
export const up = /* sql */ `
ALTER TABLE assignments ADD COLUMN doc_key INTEGER;
UPDATE assignments SET doc_key = (SELECT d.sort_key FROM incoming_documents d WHERE d.id = assignments.document_id);
-- role and replaced_at are in the columns too: SQLite counts an index as covering only when
-- every column the query names is in it, the partial index's own WHERE terms included.
CREATE INDEX assignments_report ON assignments(unit_id, doc_key, status, done_at, due_date, role, replaced_at)
  WHERE role = 'lead' AND replaced_at IS NULL;
CREATE TRIGGER assignments_doc_key AFTER INSERT ON assignments BEGIN
  UPDATE assignments SET doc_key = (SELECT d.sort_key FROM incoming_documents d WHERE d.id = new.document_id) WHERE id = new.id;
END;
CREATE TRIGGER assignments_doc_key_moved AFTER UPDATE OF document_id, doc_key ON assignments
WHEN new.doc_key IS NOT (SELECT d.sort_key FROM incoming_documents d WHERE d.id = new.document_id) BEGIN
  UPDATE assignments SET doc_key = (SELECT d.sort_key FROM incoming_documents d WHERE d.id = new.document_id) WHERE id = new.id;
END;
CREATE TRIGGER incoming_key_to_assignments AFTER UPDATE OF sort_key ON incoming_documents
WHEN new.sort_key IS NOT old.sort_key BEGIN
  UPDATE assignments SET doc_key = new.sort_key WHERE document_id = new.id AND replaced_at IS NULL;
END;
`;

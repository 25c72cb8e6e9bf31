/**
 * The archive's lists at 100,000 dossiers (issue 14: the due list ≤ 50 ms, filing ≤ 5 ms),
 * and which dossiers are confidential.
 *
 * - `dossier_due`: the closed dossiers waiting to be handed over, each with the date that
 *   counts (the later of its due date and a keep-back's end), kept by triggers on dossiers.
 *   A narrow table of its own: its index orders the due list (keyset pages) and counts the
 *   overdue and the reminders by range without reading a dossier row (SQLite's planner reads
 *   the whole table for a count over a partial or generated-column index of dossiers, and a
 *   column on dossiers could not be filled in for accepted or held ones, which are frozen).
 * - The expired list's index carries its order (expiry year, year, code) for keyset pages.
 * - `dossier_items(dossier_id, event_at)`: a filing finds its place in the order of events
 *   without reading the dossier's other items.
 * - `dossier_secrecy`: the dossiers that need the confidential grant — marked "Mật" (rights
 *   03), or holding a confidential document (secrecy other than normal, or in a register
 *   marked confidential: the documents' own rule). Kept by triggers (filing, taking out, a
 *   document's secrecy or register, a register's flag, the dossier's rights), so the lists
 *   leave them out with one lookup; a table of its own because the dossier rows themselves
 *   are frozen once accepted, held or destroyed.
 */

/** SQL: is the document `kind`/`id` confidential (the documents' own rule)? `yes` is how the register's flag reads. */
export function docSecretSql(kind: 'incoming' | 'outgoing', id: string, yes = '1'): string {
  const t = kind === 'incoming' ? 'incoming_documents' : 'outgoing_documents';
  return `EXISTS (SELECT 1 FROM ${t} sd WHERE sd.id = ${id}
    AND (sd.secrecy <> 'normal' OR EXISTS (SELECT 1 FROM registers r WHERE r.id = sd.register_id AND r.confidential = ${yes})))`;
}

/** SQL: is dossier `id` confidential by the rule above? */
export function dossierSecretSql(id: string, yes = '1'): string {
  return `((SELECT rights FROM dossiers WHERE id = ${id}) = '03'
    OR EXISTS (SELECT 1 FROM dossier_items si WHERE si.dossier_id = ${id} AND si.doc_kind = 'incoming' AND ${docSecretSql('incoming', 'si.doc_id', yes)})
    OR EXISTS (SELECT 1 FROM dossier_items si WHERE si.dossier_id = ${id} AND si.doc_kind = 'outgoing' AND ${docSecretSql('outgoing', 'si.doc_id', yes)}))`;
}

/** SQL: the dossiers holding documents of register `id`. */
export const dossiersOfRegisterSql = (id: string) =>
  `SELECT i.dossier_id FROM dossier_items i WHERE (i.doc_kind = 'incoming' AND i.doc_id IN (SELECT id FROM incoming_documents WHERE register_id = ${id}))
    OR (i.doc_kind = 'outgoing' AND i.doc_id IN (SELECT id FROM outgoing_documents WHERE register_id = ${id}))`;

/** Re-decides the dossiers `ids` (an SQL list or subquery). */
const refresh = (ids: string) => `
  DELETE FROM dossier_secrecy WHERE dossier_id IN (${ids});
  INSERT INTO dossier_secrecy (dossier_id) SELECT x.id FROM dossiers x WHERE x.id IN (${ids}) AND ${dossierSecretSql('x.id')};`;

/** SQL: the date that counts for a closed dossier `d` (its due date, or a later keep-back's end). */
export const handoverDueSql = (d: string, greatest = 'max') => `${greatest}(${d}.due_date, coalesce(${d}.keep_back_until, ${d}.due_date))`;

export const up = /* sql */ `
DROP INDEX dossiers_due;
CREATE TABLE dossier_due (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
  due        TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_due_order ON dossier_due(due, dossier_id);
INSERT INTO dossier_due (dossier_id, due) SELECT d.id, ${handoverDueSql('d')} FROM dossiers d WHERE d.state = 'closed' AND d.due_date IS NOT NULL;
CREATE TRIGGER dossier_due_insert AFTER INSERT ON dossiers WHEN new.state = 'closed' AND new.due_date IS NOT NULL
BEGIN INSERT INTO dossier_due (dossier_id, due) VALUES (new.id, ${handoverDueSql('new')}); END;
CREATE TRIGGER dossier_due_update AFTER UPDATE OF state, due_date, keep_back_until ON dossiers
BEGIN
  DELETE FROM dossier_due WHERE dossier_id = new.id;
  INSERT INTO dossier_due (dossier_id, due) SELECT new.id, ${handoverDueSql('new')} WHERE new.state = 'closed' AND new.due_date IS NOT NULL;
END;

DROP INDEX dossiers_expiry;
CREATE INDEX dossiers_expiry ON dossiers(expiry_year, year, code) WHERE expiry_year IS NOT NULL AND state IN ('closed', 'accepted');
CREATE INDEX dossier_items_event ON dossier_items(dossier_id, event_at);

CREATE TABLE dossier_secrecy (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id)
) STRICT;
INSERT INTO dossier_secrecy (dossier_id) SELECT x.id FROM dossiers x WHERE ${dossierSecretSql('x.id')};

-- Filing adds to what a dossier holds: only the new document needs a look.
CREATE TRIGGER dossier_secrecy_file AFTER INSERT ON dossier_items
WHEN (new.doc_kind = 'incoming' AND ${docSecretSql('incoming', 'new.doc_id')}) OR (new.doc_kind = 'outgoing' AND ${docSecretSql('outgoing', 'new.doc_id')})
BEGIN INSERT OR IGNORE INTO dossier_secrecy (dossier_id) VALUES (new.dossier_id); END;
CREATE TRIGGER dossier_secrecy_unfile AFTER DELETE ON dossier_items BEGIN ${refresh('old.dossier_id')} END;
CREATE TRIGGER dossier_secrecy_new AFTER INSERT ON dossiers WHEN new.rights = '03'
BEGIN INSERT OR IGNORE INTO dossier_secrecy (dossier_id) VALUES (new.id); END;
CREATE TRIGGER dossier_secrecy_rights AFTER UPDATE OF rights ON dossiers WHEN new.rights IS NOT old.rights
BEGIN ${refresh('new.id')} END;
CREATE TRIGGER dossier_secrecy_incoming AFTER UPDATE OF secrecy, register_id ON incoming_documents
WHEN new.secrecy IS NOT old.secrecy OR new.register_id IS NOT old.register_id
BEGIN ${refresh("SELECT dossier_id FROM dossier_items WHERE doc_kind = 'incoming' AND doc_id = new.id")} END;
CREATE TRIGGER dossier_secrecy_outgoing AFTER UPDATE OF secrecy, register_id ON outgoing_documents
WHEN new.secrecy IS NOT old.secrecy OR new.register_id IS NOT old.register_id
BEGIN ${refresh("SELECT dossier_id FROM dossier_items WHERE doc_kind = 'outgoing' AND doc_id = new.id")} END;
CREATE TRIGGER dossier_secrecy_register AFTER UPDATE OF confidential ON registers WHEN new.confidential IS NOT old.confidential
BEGIN ${refresh(dossiersOfRegisterSql('new.id'))} END;
`;

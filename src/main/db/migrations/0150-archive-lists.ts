/**
 * The archive's lists at 100,000 dossiers (issue 14: the due list ≤ 50 ms, filing ≤ 5 ms),
 * and which dossiers are confidential.
 *
 * - `handover_due`: when a closed dossier is due at the agency archive, a keep-back counted
 *   (the later of the due date and the keep-back's end); NULL for any dossier not waiting to
 *   be handed over. A generated column, so it can never disagree with the dates it comes
 *   from; its index orders the due list (keyset pages) and counts the overdue and the
 *   reminders by range, reading no table row.
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

export const up = /* sql */ `
ALTER TABLE dossiers ADD COLUMN handover_due TEXT GENERATED ALWAYS AS
  (CASE WHEN state = 'closed' AND due_date IS NOT NULL THEN max(due_date, coalesce(keep_back_until, due_date)) END) VIRTUAL;
DROP INDEX dossiers_due;
CREATE INDEX dossiers_handover_due ON dossiers(handover_due, id) WHERE handover_due IS NOT NULL;
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

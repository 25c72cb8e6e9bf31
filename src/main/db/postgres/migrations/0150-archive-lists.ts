/**
 * PostgreSQL twin of sqlite 0150 (the archive's lists at 100,000 dossiers, and which
 * dossiers are confidential); see the SQLite migration for what each part is for. The
 * confidential set is kept by SECURITY DEFINER trigger functions: a filer who may not see a
 * confidential document (row-level policies) still marks the dossier that holds it.
 */
import { docSecretSql, dossierSecretSql, dossiersOfRegisterSql, handoverDueSql } from '../../migrations/0150-archive-lists.js';

const definer = `LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public`;

export const up = /* sql */ `
DROP INDEX dossiers_due;
CREATE TABLE dossier_due (
  dossier_id integer PRIMARY KEY REFERENCES dossiers(id),
  due        text COLLATE "C" NOT NULL
);
CREATE INDEX dossier_due_order ON dossier_due(due, dossier_id);
INSERT INTO dossier_due (dossier_id, due) SELECT d.id, ${handoverDueSql('d', 'GREATEST')} FROM dossiers d WHERE d.state = 'closed' AND d.due_date IS NOT NULL;
CREATE FUNCTION vt_dossier_due() RETURNS trigger ${definer} AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM dossier_due WHERE dossier_id = new.id;
  END IF;
  IF new.state = 'closed' AND new.due_date IS NOT NULL THEN
    INSERT INTO dossier_due (dossier_id, due) VALUES (new.id, ${handoverDueSql('new', 'GREATEST')});
  END IF;
  RETURN new;
END $$;
CREATE TRIGGER dossier_due_insert AFTER INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION vt_dossier_due();
CREATE TRIGGER dossier_due_update AFTER UPDATE OF state, due_date, keep_back_until ON dossiers FOR EACH ROW EXECUTE FUNCTION vt_dossier_due();
DROP INDEX dossiers_expiry;
CREATE INDEX dossiers_expiry ON dossiers(expiry_year, year, code) WHERE expiry_year IS NOT NULL AND state IN ('closed', 'accepted');
CREATE INDEX dossier_items_event ON dossier_items(dossier_id, event_at);

CREATE TABLE dossier_secrecy (
  dossier_id integer PRIMARY KEY REFERENCES dossiers(id)
);

-- Re-decides the given dossiers.
CREATE FUNCTION vt_dossier_secrecy_refresh(ids integer[]) RETURNS void ${definer} AS $$
BEGIN
  DELETE FROM dossier_secrecy WHERE dossier_id = ANY (ids);
  INSERT INTO dossier_secrecy (dossier_id) SELECT x.id FROM dossiers x WHERE x.id = ANY (ids) AND ${dossierSecretSql('x.id', 'true')};
END $$;
SELECT vt_dossier_secrecy_refresh(coalesce((SELECT array_agg(id) FROM dossiers), '{}'));

CREATE FUNCTION vt_dossier_secrecy_items() RETURNS trigger ${definer} AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (new.doc_kind = 'incoming' AND ${docSecretSql('incoming', 'new.doc_id', 'true')})
      OR (new.doc_kind = 'outgoing' AND ${docSecretSql('outgoing', 'new.doc_id', 'true')}) THEN
      INSERT INTO dossier_secrecy (dossier_id) VALUES (new.dossier_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN new;
  END IF;
  PERFORM vt_dossier_secrecy_refresh(ARRAY[old.dossier_id]);
  RETURN old;
END $$;
CREATE TRIGGER dossier_secrecy_items AFTER INSERT OR DELETE ON dossier_items FOR EACH ROW EXECUTE FUNCTION vt_dossier_secrecy_items();

CREATE FUNCTION vt_dossier_secrecy_dossier() RETURNS trigger ${definer} AS $$
BEGIN
  PERFORM vt_dossier_secrecy_refresh(ARRAY[new.id]);
  RETURN new;
END $$;
CREATE TRIGGER dossier_secrecy_new AFTER INSERT ON dossiers FOR EACH ROW WHEN (new.rights = '03')
EXECUTE FUNCTION vt_dossier_secrecy_dossier();
CREATE TRIGGER dossier_secrecy_rights AFTER UPDATE OF rights ON dossiers FOR EACH ROW WHEN (new.rights IS DISTINCT FROM old.rights)
EXECUTE FUNCTION vt_dossier_secrecy_dossier();

CREATE FUNCTION vt_dossier_secrecy_doc() RETURNS trigger ${definer} AS $$
BEGIN
  PERFORM vt_dossier_secrecy_refresh(coalesce((SELECT array_agg(dossier_id) FROM dossier_items WHERE doc_kind = TG_ARGV[0] AND doc_id = new.id), '{}'));
  RETURN new;
END $$;
CREATE TRIGGER dossier_secrecy_incoming AFTER UPDATE OF secrecy, register_id ON incoming_documents FOR EACH ROW
WHEN (new.secrecy IS DISTINCT FROM old.secrecy OR new.register_id IS DISTINCT FROM old.register_id)
EXECUTE FUNCTION vt_dossier_secrecy_doc('incoming');
CREATE TRIGGER dossier_secrecy_outgoing AFTER UPDATE OF secrecy, register_id ON outgoing_documents FOR EACH ROW
WHEN (new.secrecy IS DISTINCT FROM old.secrecy OR new.register_id IS DISTINCT FROM old.register_id)
EXECUTE FUNCTION vt_dossier_secrecy_doc('outgoing');

CREATE FUNCTION vt_dossier_secrecy_register() RETURNS trigger ${definer} AS $$
BEGIN
  PERFORM vt_dossier_secrecy_refresh(coalesce((SELECT array_agg(dossier_id) FROM (${dossiersOfRegisterSql('new.id')}) s), '{}'));
  RETURN new;
END $$;
CREATE TRIGGER dossier_secrecy_register AFTER UPDATE OF confidential ON registers FOR EACH ROW
WHEN (new.confidential IS DISTINCT FROM old.confidential) EXECUTE FUNCTION vt_dossier_secrecy_register();
`;

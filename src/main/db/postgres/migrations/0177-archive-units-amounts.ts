/**
 * PostgreSQL twin of sqlite 0177 (the hand-over's boxes and shelf length; a dossier's unit);
 * see the SQLite migration for what each column is for. Here the database also keeps the
 * specialist's rule, since a person connects as themselves: a connection that reads only its
 * own unit (vt_unit_only, migration 0090) may open a dossier for its own unit, and change a
 * dossier's documents or the dossier itself only when the dossier is its unit's or was opened
 * by that person — whatever program sends the statement.
 */
export const up = /* sql */ `
ALTER TABLE handovers ADD COLUMN boxes integer CHECK (boxes IS NULL OR boxes BETWEEN 0 AND 1000000);
ALTER TABLE handovers ADD COLUMN shelf_centimetres integer CHECK (shelf_centimetres IS NULL OR shelf_centimetres BETWEEN 0 AND 100000000);
ALTER TABLE dossiers ADD COLUMN unit_id integer REFERENCES units(id);
CREATE INDEX dossiers_unit ON dossiers(unit_id, id) WHERE unit_id IS NOT NULL;
CREATE TRIGGER dossiers_unit_declared BEFORE UPDATE OF unit_id ON dossiers FOR EACH ROW
WHEN (old.state IN ('accepted', 'destroyed') AND new.unit_id IS DISTINCT FROM old.unit_id)
EXECUTE FUNCTION vt_raise('vt:declared_record');

-- Whether the connected person may work on this dossier (read as the owner: no policy in the way).
CREATE FUNCTION vt_dossier_mine(d integer) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT NOT public.vt_unit_only() OR EXISTS (SELECT 1 FROM public.dossiers x WHERE x.id = d
    AND ((x.unit_id IS NOT NULL AND x.unit_id = public.vt_my_unit()) OR x.opened_by = session_user::text))
$$;

CREATE FUNCTION vt_dossier_items_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT vt_dossier_mine(CASE WHEN TG_OP = 'DELETE' THEN old.dossier_id ELSE new.dossier_id END) THEN
    RAISE EXCEPTION 'vt:dossier_other_unit' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN old ELSE new END;
END $$;
CREATE TRIGGER dossier_items_unit BEFORE INSERT OR DELETE ON dossier_items FOR EACH ROW EXECUTE FUNCTION vt_dossier_items_unit();

-- A planned dossier is opened for the opener's own unit; any other change needs the dossier to be theirs.
CREATE FUNCTION vt_dossiers_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT vt_unit_only() THEN RETURN new; END IF;
  IF TG_OP = 'INSERT' THEN
    IF new.unit_id IS NOT DISTINCT FROM vt_my_unit() OR new.opened_by = session_user::text THEN RETURN new; END IF;
  ELSIF old.state = 'planned' AND new.state = 'open' AND new.unit_id IS NOT DISTINCT FROM vt_my_unit() THEN
    RETURN new;
  ELSIF vt_dossier_mine(old.id) AND new.unit_id IS NOT DISTINCT FROM old.unit_id THEN
    RETURN new;
  END IF;
  RAISE EXCEPTION 'vt:dossier_other_unit' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER dossiers_unit_insert BEFORE INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION vt_dossiers_unit();
CREATE TRIGGER dossiers_unit_update BEFORE UPDATE ON dossiers FOR EACH ROW EXECUTE FUNCTION vt_dossiers_unit();
`;

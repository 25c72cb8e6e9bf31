/**
 * A specialist's search as one walk of the full-text index (issue 11). The rule "only the
 * documents currently assigned to my unit" was a semi-join with assignments beside the search:
 * for a common word PostgreSQL read every document holding it (46,000 heap rows for «ủy ban» at
 * 300,000 documents: 1.9 s) to keep the few of one unit. Now each document's search vector also
 * holds one lexeme per unit it is currently assigned to — `#u<unit id>`, a form no searched word
 * takes (words are letters and digits, tsvector.ts) — kept by triggers, so the unit is one more
 * condition on the same GIN index (migration 0170's functions use it).
 *
 * - assignments: after each statement that adds, replaces or removes assignments, the
 *   documents concerned have their unit lexemes rewritten (one UPDATE per statement);
 * - incoming_documents: whenever the application rewrites a search vector (a corrected field),
 *   the unit lexemes are put back.
 * Both run as the owner (SECURITY DEFINER): the leader who assigns may not update documents.
 */
import { searchFromFunction } from './0170-search-rights.js';

export const up = /* sql */ `
CREATE FUNCTION vt_unit_lexemes(doc integer) RETURNS tsvector LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT '#u' || unit_id::text)), ''::tsvector)
  FROM public.assignments WHERE document_id = doc AND replaced_at IS NULL
$$;

CREATE FUNCTION vt_without_units(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public AS $$
  SELECT ts_delete(v, ARRAY(SELECT l FROM unnest(tsvector_to_array(v)) AS l WHERE l LIKE '#u%'))
$$;

CREATE FUNCTION vt_incoming_units_keep() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  NEW.search_tsv := public.vt_without_units(NEW.search_tsv) || public.vt_unit_lexemes(NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER incoming_units_keep BEFORE UPDATE OF search_tsv ON incoming_documents
FOR EACH ROW EXECUTE FUNCTION vt_incoming_units_keep();

CREATE FUNCTION vt_assignments_units() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE public.incoming_documents d SET search_tsv = d.search_tsv WHERE d.id IN (SELECT document_id FROM changed_new);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE public.incoming_documents d SET search_tsv = d.search_tsv
    WHERE d.id IN (SELECT document_id FROM changed_new UNION SELECT document_id FROM changed_old);
  ELSE
    UPDATE public.incoming_documents d SET search_tsv = d.search_tsv WHERE d.id IN (SELECT document_id FROM changed_old);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER assignments_units_insert AFTER INSERT ON assignments REFERENCING NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION vt_assignments_units();
CREATE TRIGGER assignments_units_update AFTER UPDATE ON assignments REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
FOR EACH STATEMENT EXECUTE FUNCTION vt_assignments_units();
CREATE TRIGGER assignments_units_delete AFTER DELETE ON assignments REFERENCING OLD TABLE AS changed_old
FOR EACH STATEMENT EXECUTE FUNCTION vt_assignments_units();

-- The documents assigned already: once, on upgrade, every assigned document's row is rewritten
-- (minutes at a million documents; the connection's statement timeout does not apply here).
SET LOCAL statement_timeout = 0;
UPDATE incoming_documents d SET search_tsv = d.search_tsv
WHERE d.id IN (SELECT document_id FROM assignments WHERE replaced_at IS NULL);

-- The search functions ask for the unit's lexeme instead of a semi-join with assignments.
CREATE FUNCTION vt_unit_condition(unit integer) RETURNS text LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public AS $$
  SELECT format('d.search_tsv @@ %L::tsquery', '''#u' || unit::text || '''')
$$;
${searchFromFunction((unit) => `public.vt_unit_condition(${unit})`)}

REVOKE EXECUTE ON FUNCTION vt_unit_lexemes(integer), vt_without_units(tsvector), vt_incoming_units_keep(),
  vt_assignments_units(), vt_unit_condition(integer) FROM PUBLIC;
`;

/**
 * A person's outgoing search uses the indexes (issue 11), as migration 0170 did for incoming.
 *
 * Under the row policy of outgoing_documents (0090, 0171) PostgreSQL evaluates a caller's
 * full-text match (`@@`, not LEAKPROOF) or symbol LIKE only after the policy, row by row: a
 * person's outgoing search read the whole table instead of walking the GIN indexes.
 *
 * So the hits come from these functions, run as the owner (SECURITY DEFINER, search_path
 * pinned), which apply the rule of the policy themselves from who is connected — session_user,
 * never a value the caller passes: a reading role; without the `confidential` group no document
 * whose secrecy is not normal or whose register is marked confidential; a specialist (by that
 * role alone) only what they drafted or their unit drafts. The search is a JSON value of known
 * keys (db/postgres/outgoingRepo.ts builds it); its values go into the statement as quoted
 * literals, so nothing the caller sends is read as SQL. The caller's own filter (the
 * application's OutgoingVisibility) can only narrow the answer. The owner's own connection (not a
 * person) gets exactly that filter. The rows are then read under the policies by their ids.
 *
 * Also, for a bulk import (db/postgres/incomingWrite.ts): the next free sort keys of many arrival
 * seconds in one call, instead of one function call per row. And the archive's triggers no longer
 * take the rewrite of a document's unit lexemes (0172) for a change of the document (below).
 */
export const up = /* sql */ `
-- The FROM … WHERE … of one outgoing search. Not SECURITY DEFINER itself; reached by people only
-- through the two functions below.
CREATE FUNCTION vt_outgoing_from(p jsonb) RETURNS text LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public AS $$
DECLARE
  w text[] := ARRAY['true'];
  term jsonb;
  atom jsonb;
  ors text[];
  vis jsonb := coalesce(p->'visible', '{}'::jsonb);
BEGIN
  -- Each term is a list of alternatives (OR); the terms all hold (AND).
  FOR term IN SELECT * FROM jsonb_array_elements(coalesce(p->'terms', '[]'::jsonb)) LOOP
    ors := '{}';
    FOR atom IN SELECT * FROM jsonb_array_elements(term) LOOP
      IF atom ? 'tsv' THEN
        ors := ors || format('d.search_tsv @@ %L::tsquery', atom->>'tsv');
      ELSIF atom ? 'symbol' THEN
        ors := ors || format('d.symbol_key LIKE %L', atom->>'symbol');
      ELSE
        RAISE EXCEPTION 'vt_outgoing_search: unknown search term %', atom::text USING ERRCODE = 'invalid_parameter_value';
      END IF;
    END LOOP;
    IF cardinality(ors) = 0 THEN
      RAISE EXCEPTION 'vt_outgoing_search: empty search term' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    w := w || ('(' || array_to_string(ors, ' OR ') || ')');
  END LOOP;

  -- The caller's filter (the application's OutgoingVisibility): it can only narrow.
  IF coalesce((vis->>'none')::boolean, false) THEN w := w || 'false'::text; END IF;
  IF coalesce((vis->>'hideConfidential')::boolean, false) THEN w := w || 'd.secrecy = ''normal'''::text; END IF;
  IF vis ? 'own' THEN
    w := w || format('(d.created_by = %L OR d.drafting_unit = %L)', vis->'own'->>'username', coalesce(vis->'own'->>'unitCode', ''));
  END IF;

  -- The database's rule for a person connected as themselves (the policy of migrations 0090, 0171).
  IF public.vt_person() THEN
    IF NOT public.vt_reader() THEN
      w := w || 'false'::text;
    END IF;
    IF NOT public.vt_is('confidential') THEN
      w := w || format('d.secrecy = ''normal'' AND d.register_id <> ALL (%L::integer[])', public.vt_confidential_registers());
    END IF;
    IF public.vt_unit_only() THEN
      w := w || format('(d.created_by = %L OR d.drafting_unit = %L)', session_user::text, public.vt_my_unit_code());
    END IF;
  END IF;

  RETURN 'FROM public.outgoing_documents d WHERE ' || array_to_string(w, ' AND ');
END $$;

-- The hits' ids, newest first, at most p_limit.
CREATE FUNCTION vt_outgoing_search_ids(p jsonb, p_limit integer) RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_limit IS NULL OR p_limit < 0 THEN
    RAISE EXCEPTION 'vt_outgoing_search_ids: a limit is needed' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN QUERY EXECUTE 'SELECT d.id ' || public.vt_outgoing_from(p) || format(' ORDER BY d.id DESC LIMIT %s', p_limit);
END $$;

-- The number of hits.
CREATE FUNCTION vt_outgoing_search_count(p jsonb) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n bigint;
BEGIN
  EXECUTE 'SELECT count(*) ' || public.vt_outgoing_from(p) INTO n;
  RETURN n;
END $$;

-- The next free sort key of each arrival second in p_bases (one row each), among ALL documents
-- (the importer may not see confidential ones, whose keys are taken too): migration 0090's
-- vt_sort_key_after for a whole batch at once.
CREATE FUNCTION vt_sort_keys_after(p_bases bigint[], p_slots bigint) RETURNS TABLE (base bigint, next_key bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT b.base, coalesce((SELECT max(d.sort_key) + 1 FROM public.incoming_documents d
                           WHERE d.sort_key >= b.base AND d.sort_key < b.base + p_slots), b.base)
  FROM (SELECT DISTINCT x AS base FROM unnest(p_bases) AS x) b
$$;

-- Migration 0172 rewrites a document's unit lexemes (UPDATE … SET search_tsv = search_tsv) when
-- its assignments change. That is no change of the registered document, yet the archive's row
-- triggers (0070) took it for one: a document on hold, or filed in a closed dossier, refused a
-- change of its assignments (a unit marking its work done: 'held' / 'declared_record'), and a
-- pending correction of it was marked applied without being applied. The archive's triggers now
-- ignore an update that changes nothing but the unit lexemes.
CREATE FUNCTION vt_only_units_changed(a incoming_documents, b incoming_documents) RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, public AS $$
  SELECT (to_jsonb(a) - 'search_tsv') = (to_jsonb(b) - 'search_tsv')
     AND public.vt_without_units(a.search_tsv) = public.vt_without_units(b.search_tsv)
$$;
DROP TRIGGER incoming_archive_guard ON incoming_documents;
CREATE TRIGGER incoming_archive_guard BEFORE UPDATE ON incoming_documents FOR EACH ROW
WHEN (NOT vt_only_units_changed(old, new)) EXECUTE FUNCTION incoming_archive_guard();
DROP TRIGGER incoming_correction_applied ON incoming_documents;
CREATE TRIGGER incoming_correction_applied AFTER UPDATE ON incoming_documents FOR EACH ROW
WHEN (NOT vt_only_units_changed(old, new)) EXECUTE FUNCTION vt_correction_applied('incoming');

-- Only this office's accounts call them (rights.ts grants EXECUTE to the base group after
-- every migration run).
REVOKE EXECUTE ON FUNCTION vt_outgoing_from(jsonb), vt_outgoing_search_ids(jsonb, integer), vt_outgoing_search_count(jsonb),
  vt_sort_keys_after(bigint[], bigint), vt_only_units_changed(incoming_documents, incoming_documents) FROM PUBLIC;
`;

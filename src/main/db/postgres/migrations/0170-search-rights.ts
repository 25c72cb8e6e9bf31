/**
 * A person's search as fast as the owner's, still decided by the database (issue 11).
 *
 * With a row policy on incoming_documents, PostgreSQL may not evaluate a caller's condition
 * before the policy's unless the condition's operator is LEAKPROOF (it could otherwise leak
 * a hidden row's text through an error). The full-text match (`@@`) and LIKE are not, so a
 * person's search could not use the GIN indexes: every search read the whole table (9.8 s
 * at 1,000,000 documents as a clerk). Marking them leakproof needs a superuser, which an
 * office's owner role is not.
 *
 * So a search runs in these functions, as the owner (SECURITY DEFINER, search_path pinned):
 * the rows a person may see are decided HERE from who is connected — session_user, the login
 * role the server authenticated, never a value the caller passes — by the same rule as the
 * policies of migration 0090 (and src/main/accounts/visibility.ts): a reading role; without the
 * `confidential` group no document whose secrecy is not normal or whose register is marked
 * confidential; a specialist only (by that role alone) the documents currently assigned to
 * their unit. That rule is written as plain conditions beside the search's own, so the planner
 * walks whichever index is cheapest (GIN for a rare word, the sort key for a common one).
 *
 * The search is described by a JSON value of known keys only (db/postgres/incomingSearch.ts
 * builds it); every value goes into the statement as a quoted literal or a number, so nothing
 * the caller sends is read as SQL. The caller's own `visible` filter (the application's view
 * of the same rule) is applied too: it can only narrow the answer. The owner's own connection
 * (not a person: one PC's app, jobs, tests) gets exactly that filter, as before.
 *
 * The files' text (incoming_content) is searched under the same rule: it is reached only
 * through its document here.
 */
/**
 * The SQL of vt_search_from: `unitCondition(expr)` is the plpgsql expression (text) of the
 * condition "currently assigned to unit `expr`" — a semi-join with assignments here, the unit's
 * lexeme from migration 0172 on.
 */
export function searchFromFunction(unitCondition: (unit: string) => string): string {
  return /* sql */ `
-- The FROM … WHERE … of one search: the search's conditions, the caller's filter, and for a
-- person connected as themselves the database's own rule. Not SECURITY DEFINER itself (it
-- reads nothing but the helpers, which are); reached by people only through the two below.
CREATE OR REPLACE FUNCTION vt_search_from(p jsonb) RETURNS text LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public AS $$
DECLARE
  w text[] := ARRAY['true'];
  term jsonb;
  atom jsonb;
  ors text[];
  vis jsonb := coalesce(p->'visible', '{}'::jsonb);
  content boolean := coalesce((p->>'content')::boolean, false);
  unit integer;
BEGIN
  -- Each term is a list of alternatives (OR); the terms all hold (AND).
  FOR term IN SELECT * FROM jsonb_array_elements(coalesce(p->'terms', '[]'::jsonb)) LOOP
    ors := '{}';
    FOR atom IN SELECT * FROM jsonb_array_elements(term) LOOP
      IF atom ? 'tsv' THEN
        ors := ors || format('d.search_tsv @@ %L::tsquery', atom->>'tsv');
      ELSIF atom ? 'symbol' THEN
        ors := ors || format('d.symbol_key LIKE %L', atom->>'symbol');
      ELSIF atom ? 'contentIn' THEN
        ors := ors || format('d.id IN (SELECT ci.document_id FROM public.incoming_content ci WHERE ci.tsv @@ %L::tsquery)',
                             atom->>'contentIn');
      ELSIF atom ? 'content' AND content THEN
        ors := ors || format('c.tsv @@ %L::tsquery', atom->>'content');
      ELSE
        RAISE EXCEPTION 'vt_search: unknown search term %', atom::text USING ERRCODE = 'invalid_parameter_value';
      END IF;
    END LOOP;
    IF cardinality(ors) = 0 THEN
      RAISE EXCEPTION 'vt_search: empty search term' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    w := w || ('(' || array_to_string(ors, ' OR ') || ')');
  END LOOP;
  IF p ? 'typeFold' THEN w := w || format('d.type_fold = %L', p->>'typeFold'); END IF;
  IF p ? 'urgency' THEN w := w || format('d.urgency = %L', p->>'urgency'); END IF;
  IF p ? 'secrecy' THEN w := w || format('d.secrecy = %L', p->>'secrecy'); END IF;
  IF p ? 'registerId' THEN w := w || format('d.register_id = %s', (p->>'registerId')::integer); END IF;
  IF p ? 'status' THEN w := w || format('d.status = %L', p->>'status'); END IF;
  IF p ? 'keyFrom' THEN w := w || format('d.sort_key >= %s', (p->>'keyFrom')::bigint); END IF;
  IF p ? 'keyTo' THEN w := w || format('d.sort_key < %s', (p->>'keyTo')::bigint); END IF;
  IF p ? 'issuedFrom' THEN w := w || format('d.issued_date >= %L', p->>'issuedFrom'); END IF;
  IF p ? 'issuedTo' THEN w := w || format('d.issued_date <= %L', p->>'issuedTo'); END IF;
  IF coalesce((p->>'excludeVoided')::boolean, false) THEN w := w || 'd.status <> ''voided'''::text; END IF;

  -- The caller's filter (the application's Visibility): it can only narrow.
  IF coalesce((vis->>'none')::boolean, false) THEN w := w || 'false'::text; END IF;
  IF coalesce((vis->>'hideConfidential')::boolean, false) THEN w := w || 'd.secrecy = ''normal'''::text; END IF;
  IF vis ? 'unitId' THEN
    w := w || ${unitCondition("(vis->>'unitId')::integer")};
  END IF;

  -- The database's rule for a person connected as themselves (the policies of migration 0090).
  IF public.vt_person() THEN
    IF NOT public.vt_reader() THEN
      w := w || 'false'::text;
    END IF;
    IF NOT public.vt_is('confidential') THEN
      w := w || format('d.secrecy = ''normal'' AND d.register_id <> ALL (%L::integer[])', public.vt_confidential_registers());
    END IF;
    IF public.vt_unit_only() THEN
      unit := public.vt_my_unit();
      w := w || CASE WHEN unit IS NULL THEN 'false' ELSE ${unitCondition('unit')} END;
    END IF;
  END IF;

  RETURN CASE WHEN content
    THEN 'FROM public.incoming_content c JOIN public.incoming_documents d ON d.id = c.document_id'
    ELSE 'FROM public.incoming_documents d' END
    || ' WHERE ' || array_to_string(w, ' AND ');
END $$;
`;
}

/** A unit's documents as a semi-join with its current assignments. */
const BY_ASSIGNMENTS = (unit: string) =>
  `format('d.id IN (SELECT a.document_id FROM public.assignments a WHERE a.unit_id = %s AND a.replaced_at IS NULL)', ${unit})`;

export const up = /* sql */ `
${searchFromFunction(BY_ASSIGNMENTS)}

-- The hits' sort keys, newest first, below p_before (NULL: from the newest), at most p_limit.
CREATE FUNCTION vt_search_keys(p jsonb, p_before bigint, p_limit integer) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_limit IS NULL OR p_limit < 0 THEN
    RAISE EXCEPTION 'vt_search_keys: a limit is needed' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN QUERY EXECUTE 'SELECT d.sort_key ' || public.vt_search_from(p)
    || CASE WHEN p_before IS NULL THEN '' ELSE format(' AND d.sort_key < %s', p_before) END
    || format(' ORDER BY d.sort_key DESC LIMIT %s', p_limit);
END $$;

-- The number of hits, counted up to p_up_to (NULL: all of them).
CREATE FUNCTION vt_search_count(p jsonb, p_up_to bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n bigint;
BEGIN
  IF p_up_to IS NULL THEN
    EXECUTE 'SELECT count(*) ' || public.vt_search_from(p) INTO n;
  ELSE
    EXECUTE format('SELECT count(*) FROM (SELECT 1 %s LIMIT %s) x', public.vt_search_from(p), p_up_to) INTO n;
  END IF;
  RETURN n;
END $$;

-- Only this office's accounts call them (rights.ts grants EXECUTE to the base group after
-- every migration run).
REVOKE EXECUTE ON FUNCTION vt_search_from(jsonb), vt_search_keys(jsonb, bigint, integer), vt_search_count(jsonb, bigint) FROM PUBLIC;
`;

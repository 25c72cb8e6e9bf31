/**
 * A filtered search as one walk of the full-text index at 1,000,000 documents (issue 11), as
 * SQLite's filter tags did (sqlite migration 0100).
 *
 * A search's filters (type, urgency, secrecy, register, status) and a person's row rule were
 * plain columns beside the full-text match: PostgreSQL built the bitmap of every document
 * holding the words (121,000 for the prefix «bão» at 1,000,000 documents), went lossy, and read
 * each row from the table to test `urgency = 'flash'` — 75,000 pages, 2–5 s. Now each search
 * vector also holds its document's filters as lexemes, kept by a trigger from the row's own
 * columns (a writer cannot bring, keep or forge one):
 *
 *   `#t<type fold>`, `#g<urgency>`, `#s<secrecy>`, `#r<register id>`, `#v<status>`
 *
 * (a form no searched word takes: words are letters and digits, tsvector.ts; the units' `#u…`
 * lexemes of migrations 0172/0174 are left to their own triggers). The search functions
 * (vt_search_keys, vt_search_count, and vt_search_rows, new) put the words, the filters and the
 * row rule — `#snormal & !#r<confidential register>` without the confidential group, `#u<unit>`
 * for a specialist — into ONE tsquery, so the GIN index answers them together; a count reads no
 * table page at all when nothing needs rechecking (PostgreSQL skips the heap for an all-visible
 * page when no column is needed). The rule is still decided from session_user (0170); the same
 * rows are visible to the same people.
 *
 * The functions also run without JIT (its compilation took 50–85 ms of a 100 ms plan) and with
 * enough work_mem that a common word's bitmap stays exact (a lossy page is re-read row by row).
 * vt_search_rows returns the relevance candidates' scored fields with their keys: the search no
 * longer reads those 1,000 rows a second time under the policies.
 *
 * Existing documents get their lexemes here (one rewrite of every row; minutes at a million).
 */
/** vt_search_from of this migration (0183 builds on it). */
export const SEARCH_FROM = /* sql */ `
-- The FROM … WHERE … of one search (0170's, the filters and the row rule now in one tsquery).
CREATE OR REPLACE FUNCTION vt_search_from(p jsonb) RETURNS text LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public AS $$
DECLARE
  w text[] := ARRAY['true'];
  -- Operands of the one tsquery: required (pos) and excluded (neg, each with its column condition
  -- for a search that has no required operand: GIN cannot start from exclusions alone).
  pos text[] := '{}';
  neg text[] := '{}';
  negcol text[] := '{}';
  term jsonb;
  atom jsonb;
  ors text[];
  vis jsonb := coalesce(p->'visible', '{}'::jsonb);
  content boolean := coalesce((p->>'content')::boolean, false);
  unit integer;
  r integer;
BEGIN
  -- Each term is a list of alternatives (OR); the terms all hold (AND). A term of words alone
  -- joins the tsquery.
  FOR term IN SELECT * FROM jsonb_array_elements(coalesce(p->'terms', '[]'::jsonb)) LOOP
    IF jsonb_array_length(term) = 1 AND term->0 ? 'tsv' THEN
      pos := pos || ('(' || (term->0->>'tsv')::tsquery::text || ')');
      CONTINUE;
    END IF;
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
  IF p ? 'typeFold' THEN pos := pos || public.vt_lexeme('#t' || (p->>'typeFold')); END IF;
  IF p ? 'urgency' THEN pos := pos || public.vt_lexeme('#g' || (p->>'urgency')); END IF;
  IF p ? 'secrecy' THEN pos := pos || public.vt_lexeme('#s' || (p->>'secrecy')); END IF;
  IF p ? 'registerId' THEN pos := pos || public.vt_lexeme('#r' || (p->>'registerId')::integer::text); END IF;
  IF p ? 'status' THEN pos := pos || public.vt_lexeme('#v' || (p->>'status')); END IF;
  IF p ? 'keyFrom' THEN w := w || format('d.sort_key >= %s', (p->>'keyFrom')::bigint); END IF;
  IF p ? 'keyTo' THEN w := w || format('d.sort_key < %s', (p->>'keyTo')::bigint); END IF;
  IF p ? 'issuedFrom' THEN w := w || format('d.issued_date >= %L', p->>'issuedFrom'); END IF;
  IF p ? 'issuedTo' THEN w := w || format('d.issued_date <= %L', p->>'issuedTo'); END IF;
  IF coalesce((p->>'excludeVoided')::boolean, false) THEN
    neg := neg || public.vt_lexeme('#vvoided');
    negcol := negcol || 'd.status <> ''voided'''::text;
  END IF;

  -- The caller's filter (the application's Visibility): it can only narrow.
  IF coalesce((vis->>'none')::boolean, false) THEN w := w || 'false'::text; END IF;
  IF coalesce((vis->>'hideConfidential')::boolean, false) THEN pos := pos || public.vt_lexeme('#snormal'); END IF;
  IF vis ? 'unitId' THEN pos := pos || public.vt_lexeme('#u' || (vis->>'unitId')::integer::text); END IF;

  -- The database's rule for a person connected as themselves (the policies of 0090/0174).
  IF public.vt_person() THEN
    IF NOT public.vt_reader() THEN
      w := w || 'false'::text;
    END IF;
    IF NOT public.vt_is('confidential') THEN
      pos := pos || public.vt_lexeme('#snormal');
      FOREACH r IN ARRAY public.vt_confidential_registers() LOOP
        neg := neg || public.vt_lexeme('#r' || r::text);
        negcol := negcol || format('d.register_id <> %s', r);
      END LOOP;
    END IF;
    IF public.vt_unit_only() THEN
      unit := public.vt_my_unit();
      IF unit IS NULL THEN
        w := w || 'false'::text;
      ELSE
        pos := pos || public.vt_lexeme('#u' || unit::text);
      END IF;
    END IF;
  END IF;

  IF cardinality(pos) > 0 THEN
    w := w || format('d.search_tsv @@ %L::tsquery',
      array_to_string(pos, ' & ') || CASE WHEN cardinality(neg) > 0 THEN ' & !' || array_to_string(neg, ' & !') ELSE '' END);
  ELSIF cardinality(negcol) > 0 THEN
    w := w || negcol;
  END IF;

  RETURN CASE WHEN content
    THEN 'FROM public.incoming_content c JOIN public.incoming_documents d ON d.id = c.document_id'
    ELSE 'FROM public.incoming_documents d' END
    || ' WHERE ' || array_to_string(w, ' AND ');
END $$;
`;

export const up = /* sql */ `
-- A document's filters as lexemes (no positions: never part of a phrase).
CREATE FUNCTION vt_incoming_tags(type_fold text, urgency text, secrecy text, register_id integer, status text)
RETURNS tsvector LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public AS $$
  SELECT array_to_tsvector(array_remove(ARRAY['#t' || type_fold, '#g' || urgency, '#s' || secrecy,
    '#r' || register_id::text, '#v' || status], NULL))
$$;

-- A vector without any filter lexeme (the units' #u… are their triggers' business).
CREATE FUNCTION vt_without_tags(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public AS $$
  SELECT ts_delete(v, ARRAY(SELECT l FROM unnest(tsvector_to_array(v)) AS l WHERE l LIKE '#%' AND l NOT LIKE '#u%'))
$$;

-- On every insert and every change of the vector or of a filter column: the lexemes from the row.
CREATE FUNCTION vt_incoming_tags_keep() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
  IF NEW.search_tsv @@ '''#'':*'::tsquery THEN
    NEW.search_tsv := public.vt_without_tags(NEW.search_tsv);
  END IF;
  NEW.search_tsv := NEW.search_tsv || public.vt_incoming_tags(NEW.type_fold, NEW.urgency, NEW.secrecy, NEW.register_id, NEW.status);
  RETURN NEW;
END $$;
CREATE TRIGGER incoming_tags_keep BEFORE INSERT OR UPDATE OF search_tsv, type_fold, urgency, secrecy, register_id, status
ON incoming_documents FOR EACH ROW EXECUTE FUNCTION vt_incoming_tags_keep();

SET LOCAL statement_timeout = 0;
UPDATE incoming_documents SET search_tsv = search_tsv;

-- A lexeme as a tsquery operand (quoted, escaped).
CREATE FUNCTION vt_lexeme(l text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public AS $$
  SELECT '''' || replace(replace(l, '\\', '\\\\'), '''', '''''') || ''''
$$;

${SEARCH_FROM}
-- The number of hits up to p_up_to (NULL: all): no column is asked for, so an all-visible page
-- whose hits need no recheck is not read.
CREATE OR REPLACE FUNCTION vt_search_count(p jsonb, p_up_to bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n bigint;
BEGIN
  IF p_up_to IS NULL THEN
    EXECUTE 'SELECT count(*) ' || public.vt_search_from(p) INTO n;
  ELSE
    EXECUTE format('SELECT count(*) FROM (SELECT %s LIMIT %s) x', public.vt_search_from(p), p_up_to) INTO n;
  END IF;
  RETURN n;
END $$;

-- The hits' keys with the fields relevance scores (search/rank.ts), newest first.
CREATE FUNCTION vt_search_rows(p jsonb, p_before bigint, p_limit integer)
RETURNS TABLE (k bigint, subject text, organ text, symbol text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_limit IS NULL OR p_limit < 0 THEN
    RAISE EXCEPTION 'vt_search_rows: a limit is needed' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN QUERY EXECUTE 'SELECT d.sort_key, d.subject, d.organ_name, d.symbol ' || public.vt_search_from(p)
    || CASE WHEN p_before IS NULL THEN '' ELSE format(' AND d.sort_key < %s', p_before) END
    || format(' ORDER BY d.sort_key DESC LIMIT %s', p_limit);
END $$;

ALTER FUNCTION vt_search_keys(jsonb, bigint, integer) SET jit = off;
ALTER FUNCTION vt_search_keys(jsonb, bigint, integer) SET work_mem = '64MB';
ALTER FUNCTION vt_search_count(jsonb, bigint) SET jit = off;
ALTER FUNCTION vt_search_count(jsonb, bigint) SET work_mem = '64MB';
ALTER FUNCTION vt_search_rows(jsonb, bigint, integer) SET jit = off;
ALTER FUNCTION vt_search_rows(jsonb, bigint, integer) SET work_mem = '64MB';

REVOKE EXECUTE ON FUNCTION vt_search_rows(jsonb, bigint, integer) FROM PUBLIC;
`;

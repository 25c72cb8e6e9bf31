/**
 * A specialist's row rule without a per-row walk of an array (issue 11).
 *
 * The policies of migrations 0090 and 0120 let a specialist (by that role alone) read the
 * incoming documents and letters currently assigned to their unit as
 * `id = ANY ((SELECT vt_my_documents())::integer[])`: every statement first gathered all of the
 * unit's ids into an array (tens of thousands at a million documents), and then compared each row
 * with every element of it — a linear search per row, since an array that is not a constant of
 * the query is never hashed. A specialist's list page, the rows of a search, a count or the
 * letters' statistics paid for it on every row read.
 *
 * - Incoming documents: each search vector already carries the units the document is currently
 *   assigned to (`#u<unit id>`, migration 0172, kept by triggers), so the rule is one match of
 *   the row's own vector against the unit's lexeme — no gathering, constant per row. A new row
 *   cannot bring such lexemes with it (a trigger strips them: a document is assigned only
 *   through assignments), and any rewrite of a vector puts back the real ones (0172).
 * - Letters (no such vector): the unit's letters are read once per statement, by a new index,
 *   into a hashed set (an uncorrelated IN subquery), looked up in constant time per row. (0120's
 *   vt_my_letters read every assignment and asked the person's unit again for each: 0.6 s per
 *   statement with 33,000 assignments, twice — the planner evaluated it to estimate the array.)
 *
 * The rules themselves do not change: the same rows are visible to the same people.
 */
export const up = /* sql */ `
-- The connected person's unit as the lexeme query of migration 0172 (NULL without a unit: no row).
CREATE FUNCTION vt_my_unit_query() RETURNS tsquery LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT ('''#u' || u::text || '''')::tsquery FROM (SELECT public.vt_my_unit() AS u) x WHERE u IS NOT NULL
$$;

-- A new document is assigned to no unit yet: lexemes of the unit form are not taken from the writer.
CREATE FUNCTION vt_incoming_units_new() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
  NEW.search_tsv := public.vt_without_units(NEW.search_tsv);
  RETURN NEW;
END $$;
CREATE TRIGGER incoming_units_new BEFORE INSERT ON incoming_documents FOR EACH ROW
WHEN (NEW.search_tsv @@ '''#u'':*'::tsquery) EXECUTE FUNCTION vt_incoming_units_new();

DROP POLICY vt_visible ON incoming_documents;
CREATE POLICY vt_visible ON incoming_documents FOR ALL
USING ((SELECT vt_reader())
  AND ((secrecy = 'normal' AND NOT register_id = ANY ((SELECT vt_confidential_registers())::integer[])) OR (SELECT vt_is('confidential')))
  AND (NOT (SELECT vt_unit_only()) OR search_tsv @@ (SELECT vt_my_unit_query())));

-- The letters assigned now to the connected person's unit, by an index; the unit asked once (in
-- 0120's vt_my_letters the unit was asked again for every assignment row the scan read).
CREATE INDEX letter_assignments_unit ON letter_assignments(unit_id, letter_id) WHERE replaced_at IS NULL;
CREATE FUNCTION vt_my_letter_ids() RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000
SET search_path = pg_catalog, public AS $$
DECLARE
  u integer := public.vt_my_unit();
BEGIN
  RETURN QUERY SELECT DISTINCT a.letter_id FROM public.letter_assignments a WHERE a.unit_id = u AND a.replaced_at IS NULL;
END $$;

DROP POLICY vt_visible ON letters;
CREATE POLICY vt_visible ON letters FOR ALL
USING ((SELECT vt_letter_handler()) AND (NOT (SELECT vt_unit_only()) OR id IN (SELECT vt_my_letter_ids())));

REVOKE EXECUTE ON FUNCTION vt_my_unit_query(), vt_incoming_units_new(), vt_my_letter_ids() FROM PUBLIC;
`;

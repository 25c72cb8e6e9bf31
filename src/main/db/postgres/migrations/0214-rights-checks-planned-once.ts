/**
 * Filing on the office database as a person's own login role (issue 14: p95 ≤ 5 ms). The rules
 * are unchanged; what changes is how often the server plans the questions that check them. A
 * filing by an archivist asked ~19 times "is the connected person in group X" (vt_is, from the
 * row policies of dossiers, items and documents, the triggers and the placement), each through
 * SECURITY DEFINER SQL functions with a SET clause: PostgreSQL cannot inline such a function,
 * and a SQL function that is not inlined is parsed and planned again in every statement that
 * calls it. Around them, plpgsql triggers re-planned their checks at every row (custom plans for
 * trigger parameters), and the placement's one-ordinal check after a move read the items' index
 * from its start to the moved dossier (a merge join), a read that grows with every item filed
 * in the office.
 *
 * 1. vt_is, vt_unit_only, vt_reader and vt_letter_handler are plain SQL expressions the planner
 *    inlines into the policy or trigger that asks: vt_is becomes
 *    pg_catalog.pg_has_role(session_user, '<prefix>_<group>', 'USAGE') with the group's name a
 *    constant, an initplan evaluated once per statement where the policy wraps it in (SELECT …).
 *    They are SECURITY INVOKER without a SET clause — safe here because they need no right the
 *    caller lacks (pg_has_role is open to everyone and reads the catalog, not a table) and every
 *    name in them is schema-qualified (pg_catalog.pg_has_role, OPERATOR(pg_catalog.||),
 *    public.vt_is): a caller's search_path, which the inlined body is parsed under, cannot put
 *    another function or operator in their place. (A person cannot create objects anyway: no
 *    CREATE on public since PostgreSQL 15, TEMPORARY revoked from PUBLIC by 0090.) The group
 *    prefix is written into vt_is as a literal, from vt_rights (which never changes: a renamed
 *    database keeps its groups, a restored dump brings both). session_user and pg_has_role are
 *    evaluated when the statement runs, never folded into a cached plan: a person removed from a
 *    group loses its rows at their next statement, as before (test in tests/unit/postgres).
 * 2. The helpers that read tables the person may not read (vt_person, vt_my_unit,
 *    vt_confidential_registers, vt_held_dossier, vt_held_doc, vt_dossier_mine, vt_group) stay
 *    SECURITY DEFINER with their fixed search_path, same bodies, in plpgsql, whose plans are
 *    kept for the session instead of being made again in every statement.
 * 3. The triggers on the filing path that PostgreSQL planned anew for every row (a custom plan
 *    per row's values) plan generically (plan_cache_mode = force_generic_plan on the function):
 *    made once per session. The dossiers' guard judges an update column by column only for an
 *    accepted dossier (its rule unchanged); before, that condition was planned at every update
 *    of any dossier. audit_lock_head, also called by every write, is plpgsql for the same reason.
 * 4. vt_dossier_items_moved checks one ordinal per item dossier by dossier (an index range per
 *    moved dossier), the lock and the state check of 0205 first, as before.
 */
// The dossiers' guard's rule, as 0070 wrote it (its own helpers, not a copy).
import { DOSSIER_CORRECTION_COLUMNS, DOSSIER_PROTECTED } from '../../migrations/0070-archive.js';
import { notACorrection, otherDossierColumnsUnchanged, raise } from './0070-archive.js';

export const up = /* sql */ `
DO $do$
DECLARE
  p text := (SELECT prefix FROM public.vt_rights WHERE id = 1);
BEGIN
  IF p !~ '^[a-z][a-z0-9_]{0,48}$' THEN
    RAISE EXCEPTION 'vt_rights.prefix must be lower-case letters, digits and _';
  END IF;
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION public.vt_is(r text) RETURNS boolean LANGUAGE sql STABLE SECURITY INVOKER AS $b$
      SELECT pg_catalog.pg_has_role(session_user, %L OPERATOR(pg_catalog.||) r, 'USAGE')
    $b$ $f$, p || '_');
  -- vt_person keeps its own test ('MEMBER' of the base group) with the group's name as a literal.
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION public.vt_person() RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS $b$
    BEGIN
      RETURN session_user::text <> (SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database())
         AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
         AND pg_has_role(session_user, %L, 'MEMBER');
    END $b$ $f$, p || '_user');
END $do$;

CREATE OR REPLACE FUNCTION vt_unit_only() RETURNS boolean LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT public.vt_is('specialist') AND NOT (public.vt_is('clerk') OR public.vt_is('leader') OR public.vt_is('archivist'))
$$;
CREATE OR REPLACE FUNCTION vt_reader() RETURNS boolean LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT public.vt_is('clerk') OR public.vt_is('leader') OR public.vt_is('specialist') OR public.vt_is('archivist')
$$;
CREATE OR REPLACE FUNCTION vt_letter_handler() RETURNS boolean LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT public.vt_is('clerk') OR public.vt_is('leader') OR public.vt_is('specialist')
$$;

CREATE OR REPLACE FUNCTION vt_group(r text) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN (SELECT prefix || '_' || r FROM public.vt_rights WHERE id = 1);
END $$;

CREATE OR REPLACE FUNCTION vt_my_unit() RETURNS integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN (SELECT unit_id FROM public.accounts WHERE username = session_user::text AND active);
END $$;

CREATE OR REPLACE FUNCTION vt_confidential_registers() RETURNS integer[] LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(id), '{}') FROM public.registers WHERE confidential);
END $$;

CREATE OR REPLACE FUNCTION vt_held_dossier(p_id integer) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM hold_items hi JOIN holds h ON h.id = hi.hold_id
    WHERE h.lifted_at IS NULL AND hi.target_kind = 'dossier' AND hi.target_id = p_id);
END $$;

CREATE OR REPLACE FUNCTION vt_held_doc(p_kind text, p_id integer) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM hold_items hi JOIN holds h ON h.id = hi.hold_id WHERE h.lifted_at IS NULL AND (
    (hi.target_kind = p_kind AND hi.target_id = p_id)
    OR (hi.target_kind = 'dossier' AND hi.target_id IN (SELECT dossier_id FROM dossier_items WHERE doc_kind = p_kind AND doc_id = p_id))));
END $$;

CREATE OR REPLACE FUNCTION vt_dossier_mine(d integer) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN NOT public.vt_unit_only() OR EXISTS (SELECT 1 FROM public.dossiers x WHERE x.id = d
    AND ((x.unit_id IS NOT NULL AND x.unit_id = public.vt_my_unit()) OR x.opened_by = session_user::text));
END $$;

CREATE OR REPLACE FUNCTION vt_dossier_items_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  moved_id integer;
BEGIN
  PERFORM 1 FROM public.dossiers WHERE id IN (SELECT DISTINCT m.dossier_id FROM moved m) ORDER BY id FOR UPDATE;
  IF EXISTS (SELECT 1 FROM public.dossiers d WHERE d.id IN (SELECT m.dossier_id FROM moved m) AND d.state <> 'open') THEN
    RAISE EXCEPTION 'vt:dossier_not_open' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  FOR moved_id IN SELECT DISTINCT m.dossier_id FROM moved m LOOP
    IF EXISTS (SELECT 1 FROM public.dossier_items i WHERE i.dossier_id = moved_id GROUP BY i.ordinal HAVING count(*) > 1) THEN
      RAISE EXCEPTION 'two items of a dossier with one ordinal (dossier_items_ordinal)' USING ERRCODE = 'unique_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION audit_lock_head() RETURNS TABLE (seq bigint, hash text) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY SELECT h.seq, h.hash FROM public.audit_head h WHERE h.id = 1 FOR UPDATE;
END $$;

-- The triggers whose checks PostgreSQL planned anew at every row (a custom plan per row's values).
ALTER FUNCTION vt_dossier_items_place() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION vt_dossier_secrecy_items() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION vt_dossier_items_moved() SET plan_cache_mode = force_generic_plan;

-- The dossiers' guard (0070) as it was, but the column-by-column judgement of a change is asked
-- only of an accepted dossier: as one condition after "old.state = 'accepted' AND", it was
-- planned at every update of any dossier (a custom plan folds it away for the others; a
-- generic one starts its ~40 sub-queries).
CREATE OR REPLACE FUNCTION dossiers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF old.state <> 'planned' OR (SELECT status FROM file_plans WHERE id = old.plan_id) IS DISTINCT FROM 'draft' THEN
      ${raise('declared_record')};
    END IF;
    RETURN old;
  END IF;
  IF old.state = 'destroyed' THEN ${raise('declared_record')}; END IF;
  IF vt_held_dossier(old.id) THEN ${raise('held')}; END IF;
  IF old.state = 'accepted' THEN
    IF NOT (new.state = 'destroyed' AND new.destruction_id IS NOT NULL AND ${otherDossierColumnsUnchanged}
         AND EXISTS (SELECT 1 FROM destructions x JOIN destruction_items i ON i.destruction_id = x.id
           WHERE x.id = new.destruction_id AND i.dossier_id = old.id AND x.status = 'approved'))
       AND ${notACorrection('dossier', DOSSIER_PROTECTED, DOSSIER_CORRECTION_COLUMNS)} THEN
      ${raise('declared_record')};
    END IF;
  END IF;
  RETURN new;
END $$;
`;

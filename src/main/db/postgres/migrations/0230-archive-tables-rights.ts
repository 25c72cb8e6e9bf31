/**
 * The archive's remaining tables, role by role (issue 14, after 0218), and `check` on the
 * administrator's own login.
 *
 * Until this version hand-overs, destructions, holds, tasks, received edXML messages and file
 * plans were granted to every working role, read and write (rights.ts, "coarse" since 0070):
 * with psql on their own login a specialist read who ordered every hold and why, lifted a hold
 * (an UPDATE the guard let through: it checks the lift's shape, not who lifts), read every
 * hand-over and destruction list and every message received from other organs; a leader or
 * an archivist drew up the file plan; an archivist read the follow-up book. Through 0218's
 * vt_sees_audit_row the same people read those rows' trail entries.
 *
 * The services show each role that may call them every row of these tables (hold.list,
 * handover.list, destruction.list, edxml.received, task.list, fileplan.get: no per-row
 * narrowing, on either store), so the rule is the table's and lives in the GRANTs
 * (rights.ts, applied after this migration): no row policy, nothing evaluated per row, the
 * filing path (which asks holds only through vt_held_dossier / vt_held_doc, SECURITY DEFINER)
 * unchanged. Per table (README, "Rights in the database"):
 * - file_plans, plan_headings: every working role reads; the clerk and the archivist write; a
 *   leader updates only the approval's columns.
 * - holds: the archivist (places, lifts: only the lift's columns), the clerk and a leader read
 *   (hold.list); a specialist reads only id and lifted_at — whether a hold is on, which a
 *   dossier's view and the filing refusal need — not who ordered it, the order or the reason.
 *   hold_items (targets' ids): every working role reads, the archivist inserts.
 * - handovers, handover_items: the clerk and the archivist; a leader and a specialist none.
 * - destructions, destruction_items: the archivist; a leader reads and approves (the
 *   approval's columns); the clerk and a specialist none.
 * - tasks, task_support_units: the clerk and a leader keep them, a specialist reads; the
 *   archivist none.
 * - edxml_received: the clerk alone (its files already: 0160).
 * A role without SELECT on a table reads none of its trail entries (0218: has_table_privilege;
 * a column grant is not a table grant, so a specialist reads no hold's entries).
 *
 * vt_dossier_item_count (0216) was SECURITY DEFINER SQL, parsed and planned again in every
 * statement; now plpgsql (plans kept for the session) with the same fixed search_path and the
 * same answers, like 0214's table-reading helpers.
 *
 * `check` on the administrator's own login (maintenance.check is the administrator's): the
 * chain and the files it could read (0090, 0160), but the contents a destruction removed
 * (removed_blobs: hashes and dates) it could not — the command answered db_forbidden — and the
 * register counters' check read the documents, of which the administrator sees none, so it
 * found nothing wrong whatever the counters said. removed_blobs is now readable by the
 * administrator (rights.ts), and vt_register_counter_problems answers, as the owner, the
 * registers and years whose counter is below their highest number: codes and numbers only.
 */
export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_dossier_item_count(p_dossier integer) RETURNS integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF public.vt_dossier_hidden_reason(p_dossier) IS NULL AND (public.vt_reader() OR NOT public.vt_person()) THEN
    RETURN (SELECT count(*)::integer FROM public.dossier_items i WHERE i.dossier_id = p_dossier);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION vt_register_counter_problems() RETURNS TABLE (code text, year integer, counter integer, top integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY
  SELECT r.code::text, d.year::integer, coalesce(min(c.last_number), 0)::integer, max(d.arrival_number)::integer
  FROM public.incoming_documents d JOIN public.registers r ON r.id = d.register_id
  LEFT JOIN public.register_counters c ON c.register_id = d.register_id AND c.year = d.year
  GROUP BY r.code, d.year HAVING max(d.arrival_number) > coalesce(min(c.last_number), 0);
END $$;
REVOKE EXECUTE ON FUNCTION vt_register_counter_problems() FROM PUBLIC;
`;

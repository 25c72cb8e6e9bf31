/**
 * Confidential dossiers in the office database (issue 11, item 6): a dossier marked «Mật»
 * (rights 03) or holding a confidential document — the set migration 0150 keeps in
 * dossier_secrecy — is invisible, title and all, to a person connected as themselves without
 * the confidential group, as src/main/archive hides it in the application on both stores.
 * Until this version only its contents were filtered (0120): psql showed every title.
 *
 * - dossiers: a row policy on dossier_secrecy and the group.
 * - archive_corrections: a correction names a dossier's old and new title; it is seen with
 *   its dossier (or incoming document).
 * - handover_packages: a package lists every dossier handed over, titles included; it (and so
 *   its stored bytes, whose policy looks into this table) is read only by someone who sees
 *   every dossier of its hand-over.
 * - vt_declared_doc (0070), which the guards of documents and of removed contents ask, now
 *   runs as the owner: hiding an accepted confidential dossier from a person must not let
 *   them change a document it declares.
 * - What must count EVERY dossier while the person sees fewer answers through SECURITY
 *   DEFINER functions that return numbers and yes/no only (db/postgres/archiveRepo.ts): a
 *   plan's next ordinal, whether a code is taken, how many dossiers a plan, hand-over or
 *   destruction list holds (the application refuses a whole-list action with holes).
 */
export const up = /* sql */ `
ALTER TABLE dossiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON dossiers FOR ALL
USING ((SELECT vt_is('confidential')) OR NOT EXISTS (SELECT 1 FROM dossier_secrecy s WHERE s.dossier_id = dossiers.id));

ALTER TABLE archive_corrections ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON archive_corrections FOR ALL
USING ((target_kind = 'dossier' AND EXISTS (SELECT 1 FROM dossiers d WHERE d.id = target_id))
    OR (target_kind = 'incoming' AND EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = target_id)));

-- Asked as the owner: the policy of stored bytes looks into this table for every account,
-- the administrator's too (\`check\`), who may read neither hand-overs nor dossiers.
CREATE FUNCTION vt_handover_has_secret(p_handover integer) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.handover_items i JOIN public.dossier_secrecy s ON s.dossier_id = i.dossier_id
                 WHERE i.handover_id = p_handover)
$$;
ALTER TABLE handover_packages ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON handover_packages FOR ALL
USING ((SELECT vt_is('confidential')) OR NOT vt_handover_has_secret(handover_id));

ALTER FUNCTION vt_declared_doc(text, integer) SECURITY DEFINER SET search_path = pg_catalog, public;

CREATE FUNCTION vt_dossier_max_ordinal(p_plan integer, p_big integer) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT coalesce(max(ordinal), 0) FROM public.dossiers WHERE plan_id = p_plan AND (p_big IS NULL OR big_heading_id = p_big)
$$;

CREATE FUNCTION vt_dossier_code_taken(p_year integer, p_code text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.dossiers WHERE year = p_year AND code = p_code)
$$;

CREATE FUNCTION vt_dossier_count(p_of text, p_id integer) RETURNS integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_of = 'plan' THEN
    RETURN (SELECT count(*) FROM public.dossiers WHERE plan_id = p_id);
  ELSIF p_of = 'handover' THEN
    RETURN (SELECT count(*) FROM public.handover_items WHERE handover_id = p_id);
  ELSIF p_of = 'destruction' THEN
    RETURN (SELECT count(*) FROM public.destruction_items WHERE destruction_id = p_id);
  END IF;
  RAISE EXCEPTION 'unknown list' USING ERRCODE = 'invalid_parameter_value';
END $$;

REVOKE EXECUTE ON FUNCTION vt_handover_has_secret(integer), vt_dossier_max_ordinal(integer, integer), vt_dossier_code_taken(integer, text), vt_dossier_count(text, integer) FROM PUBLIC;
`;

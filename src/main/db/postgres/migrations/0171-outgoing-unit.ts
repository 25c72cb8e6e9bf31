/**
 * A specialist's connection sees the outgoing documents of their own unit (drafting_unit = the
 * unit's code) and those they drafted themselves — the application's rule
 * (src/main/accounts/visibility.ts `outgoingHidden`), now also the database's (issue 11): until
 * this version the policy of migration 0090 let a specialist read every unit's drafts with psql.
 * What hangs off an outgoing document (files, attachments, replies, the trail, the stored bytes)
 * follows through the policies that look into outgoing_documents.
 */
export const up = /* sql */ `
-- The code of the connected person's unit (NULL: none), decided from session_user.
CREATE FUNCTION vt_my_unit_code() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT u.code FROM public.accounts a JOIN public.units u ON u.id = a.unit_id WHERE a.username = session_user::text AND a.active
$$;
REVOKE EXECUTE ON FUNCTION vt_my_unit_code() FROM PUBLIC;

DROP POLICY vt_visible ON outgoing_documents;
CREATE POLICY vt_visible ON outgoing_documents FOR ALL
USING ((SELECT vt_reader())
  AND ((secrecy = 'normal' AND NOT register_id = ANY ((SELECT vt_confidential_registers())::integer[])) OR (SELECT vt_is('confidential')))
  AND (NOT (SELECT vt_unit_only()) OR created_by = session_user::text OR drafting_unit = (SELECT vt_my_unit_code())));
`;

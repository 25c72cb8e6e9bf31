/**
 * Rights in the database, continued (issue 11): row-level policies for the tables added
 * after 0090 whose rows are personal or confidential, and group memberships that work on
 * PostgreSQL 16 and newer as on 14–15.
 *
 * Letters and hotline feedback (0080), as src/main/letters/access.ts decides for the app: the
 * roles that handle letters (clerk, leader, specialist) see them, a specialist who reads only
 * their unit's work sees the letters assigned now to their unit and the hotline items about
 * it; the identity of a denunciation's author (its senders' rows) only with the confidential
 * group (Luật Tố cáo Đ56: kept "theo chế độ mật"). Writing a sender stays possible without
 * it (a reception clerk registers what arrives) — reading it back does not.
 *
 * The archive (0070): a dossier's list of documents shows only the documents one may see.
 * The text of documents (capture, 0065) is already as visible as the document (0090).
 *
 * PostgreSQL 16 narrowed CREATEROLE: a role may alter, disable, give a password to or grant
 * memberships in only the roles it holds ADMIN OPTION on (before 16: any role but a
 * superuser). So on 16+ this office's administrator group holds ADMIN OPTION on every other
 * group and on every account's login role (granted to it as each role is made, loginRoles.ts),
 * WITH INHERIT FALSE, SET FALSE: it may administer them without holding their rights. Such a
 * membership still counts for pg_has_role(…, 'MEMBER'), so membership in a group is asked as
 * 'USAGE' from now on — the rights one has without SET ROLE — which on every version is what
 * a login role (INHERIT) gets from its direct groups and never through the administrator
 * group (NOINHERIT).
 */
export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_is(r text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT pg_has_role(session_user, public.vt_group(r), 'USAGE') $$;

DO $$
DECLARE
  g text;
  admins text := vt_group('admin');
  member text;
BEGIN
  IF current_setting('server_version_num')::int < 160000 THEN
    RETURN;
  END IF;
  FOREACH g IN ARRAY ARRAY['user', 'clerk', 'leader', 'specialist', 'archivist', 'confidential'] LOOP
    EXECUTE format('GRANT %I TO %I WITH ADMIN OPTION, INHERIT FALSE, SET FALSE', vt_group(g), admins);
  END LOOP;
  -- The accounts made so far: the migrating owner made them (init) or holds ADMIN on them.
  FOR member IN
    SELECT u.rolname FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member
    WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = vt_group('user'))
  LOOP
    BEGIN
      EXECUTE format('GRANT %I TO %I WITH ADMIN OPTION, INHERIT FALSE, SET FALSE', member, admins);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'ADMIN OPTION on % not granted to %: an administrator made it; reset it once as that administrator', member, admins;
    END;
  END LOOP;
END $$;

-- The roles that handle citizens' letters (the permission table's letter.get).
CREATE FUNCTION vt_letter_handler() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT public.vt_is('clerk') OR public.vt_is('leader') OR public.vt_is('specialist') $$;

-- The letters assigned now to the connected person's unit (read as the owner: the policy of
-- letter_assignments refers back to letters).
CREATE FUNCTION vt_my_letters() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_agg(DISTINCT letter_id), '{}') FROM public.letter_assignments
  WHERE unit_id = public.vt_my_unit() AND replaced_at IS NULL
$$;

ALTER TABLE letters ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON letters FOR ALL
USING ((SELECT vt_letter_handler()) AND (NOT (SELECT vt_unit_only()) OR id = ANY ((SELECT vt_my_letters())::integer[])));

-- A denunciation's author: with the confidential group only. Registering one stays possible.
ALTER TABLE letter_senders ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_read ON letter_senders FOR SELECT
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id AND (l.kind <> 'denunciation' OR (SELECT vt_is('confidential')))));
CREATE POLICY vt_write ON letter_senders FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id));
CREATE POLICY vt_change ON letter_senders FOR UPDATE
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id AND (l.kind <> 'denunciation' OR (SELECT vt_is('confidential')))));
CREATE POLICY vt_remove ON letter_senders FOR DELETE
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id AND (l.kind <> 'denunciation' OR (SELECT vt_is('confidential')))));

-- What hangs off a letter is visible with it.
ALTER TABLE letter_sender_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON letter_sender_keys FOR ALL USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id));
ALTER TABLE letter_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON letter_links FOR ALL USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id));
ALTER TABLE letter_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON letter_attachments FOR ALL USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id));
ALTER TABLE letter_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON letter_assignments FOR ALL
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id) AND (NOT (SELECT vt_unit_only()) OR unit_id = (SELECT vt_my_unit())));

-- Hotline feedback names a caller: the letter handlers; a specialist, their unit's items.
ALTER TABLE hotline_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON hotline_items FOR ALL
USING ((SELECT vt_letter_handler()) AND (NOT (SELECT vt_unit_only()) OR unit_id = (SELECT vt_my_unit())));

-- A dossier lists only the documents one may see (a confidential one stays invisible there too).
ALTER TABLE dossier_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON dossier_items FOR ALL
USING ((doc_kind = 'incoming' AND EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = doc_id))
    OR (doc_kind = 'outgoing' AND EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = doc_id)));

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
`;

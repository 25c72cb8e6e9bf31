/**
 * Rights in the database (issue 11, item 6): each account is a PostgreSQL login role, member
 * of group roles per application role, and the database itself refuses what the permission
 * table (src/shared/permissions.ts) refuses — whatever program a person connects with.
 *
 * Group roles are cluster-wide, and one server may hold several offices' databases: their
 * names carry a prefix made from this database's name (readable part + hash), kept in
 * `vt_rights` so a renamed database keeps its groups. `<prefix>_user` is every account's
 * base group (CONNECT, the shared reference tables, the audit functions); the others are
 * the application's roles and the `confidential` grant.
 *
 * Table privileges are (re)applied from src/main/db/postgres/rights.ts after every migration
 * run; this migration makes the roles, the helper functions and the row-level policies.
 * The owner (who runs migrations) owns the tables and so is not subject to the policies;
 * policies bind the people connected as themselves.
 *
 * Needs a migrating role with CREATEROLE (the office's owner role, see README).
 */
export const up = /* sql */ `
CREATE TABLE vt_rights (
  id     integer PRIMARY KEY CHECK (id = 1),
  prefix text COLLATE "C" NOT NULL
);
-- A server given to one office may name the prefix (vanthu.role_prefix in postgresql.conf,
-- e.g. 'vt_ubnd'); else it is made from the database's name.
INSERT INTO vt_rights (id, prefix)
SELECT 1, coalesce(nullif(current_setting('vanthu.role_prefix', true), ''),
                   'vt_' || left(regexp_replace(lower(current_database()), '[^a-z0-9]+', '_', 'g'), 36) || '_'
                   || substr(md5(current_database()), 1, 6));
DO $$
BEGIN
  IF (SELECT prefix FROM vt_rights) !~ '^[a-z][a-z0-9_]{0,48}$' THEN
    RAISE EXCEPTION 'vanthu.role_prefix must be lower-case letters, digits and _ (at most 49)';
  END IF;
END $$;

-- The name of one of this database's group roles ('user', 'clerk', …, 'confidential').
CREATE FUNCTION vt_group(r text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT prefix || '_' || r FROM public.vt_rights WHERE id = 1 $$;

DO $$
DECLARE
  g text;
  p text := (SELECT prefix FROM vt_rights);
BEGIN
  FOREACH g IN ARRAY ARRAY['user', 'clerk', 'leader', 'specialist', 'archivist', 'admin', 'confidential'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p || '_' || g) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN NOINHERIT', p || '_' || g);
    END IF;
  END LOOP;
  -- Only this office's accounts reach this database (PUBLIC may connect by default).
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), p || '_user');
END $$;

-- Who is connected, decided by the server: the login role (session_user), never a value the
-- client sends. SECURITY DEFINER so the policies can ask without granting pg_authid or the
-- accounts table to everyone; each is evaluated once per statement where wrapped in (SELECT …).
CREATE FUNCTION vt_is(r text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT pg_has_role(session_user, public.vt_group(r), 'MEMBER') $$;

-- A person connected as themselves (member of this office's base group), not the owner.
CREATE FUNCTION vt_person() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT session_user::text <> (SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database())
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
     AND pg_has_role(session_user, public.vt_group('user'), 'MEMBER')
$$;

-- A specialist without a role that reads the whole register reads only their unit's work
-- (readsOnlyOwnUnit in src/shared/domain/accounts.ts).
CREATE FUNCTION vt_unit_only() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT public.vt_is('specialist') AND NOT (public.vt_is('clerk') OR public.vt_is('leader') OR public.vt_is('archivist'))
$$;

CREATE FUNCTION vt_my_unit() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT unit_id FROM public.accounts WHERE username = session_user::text AND active $$;

-- The incoming documents assigned (now) to the connected person's unit. Read as the owner:
-- the policy on assignments refers back to incoming_documents, and a policy that read
-- assignments directly would recurse.
CREATE FUNCTION vt_my_documents() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_agg(DISTINCT document_id), '{}') FROM public.assignments
  WHERE unit_id = public.vt_my_unit() AND replaced_at IS NULL
$$;

CREATE FUNCTION vt_confidential_registers() RETURNS integer[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT coalesce(array_agg(id), '{}') FROM public.registers WHERE confidential $$;

-- The reading roles (an administrator manages accounts; by that role alone reads no document).
CREATE FUNCTION vt_reader() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT public.vt_is('clerk') OR public.vt_is('leader') OR public.vt_is('specialist') OR public.vt_is('archivist')
$$;

-- The next free sort key of an arrival second among all documents: the writer may not see
-- every row (confidential ones), yet their keys are taken.
CREATE FUNCTION vt_sort_key_after(base bigint, slots bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
  SELECT coalesce(max(sort_key) + 1, base) FROM public.incoming_documents WHERE sort_key >= base AND sort_key < base + slots
$$;

ALTER TABLE incoming_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON incoming_documents FOR ALL
USING ((SELECT vt_reader())
  AND ((secrecy = 'normal' AND NOT register_id = ANY ((SELECT vt_confidential_registers())::integer[])) OR (SELECT vt_is('confidential')))
  AND (NOT (SELECT vt_unit_only()) OR id = ANY ((SELECT vt_my_documents())::integer[])));

ALTER TABLE outgoing_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON outgoing_documents FOR ALL
USING ((SELECT vt_reader())
  AND ((secrecy = 'normal' AND NOT register_id = ANY ((SELECT vt_confidential_registers())::integer[])) OR (SELECT vt_is('confidential'))));

-- A specialist (by that role alone) writes drafts only: approving, numbering, signing and
-- issuing are other roles' steps, which a specialist's own connection cannot take either.
CREATE POLICY vt_specialist_drafts ON outgoing_documents AS RESTRICTIVE FOR UPDATE
USING (NOT (SELECT vt_unit_only()) OR status = 'draft') WITH CHECK (NOT (SELECT vt_unit_only()) OR status = 'draft');
CREATE POLICY vt_specialist_drafts_insert ON outgoing_documents AS RESTRICTIVE FOR INSERT
WITH CHECK (NOT (SELECT vt_unit_only()) OR status = 'draft');

-- What hangs off a document is visible with its document (the subquery is itself filtered).
ALTER TABLE incoming_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON incoming_attachments FOR ALL
USING (EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = document_id));

ALTER TABLE outgoing_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON outgoing_files FOR ALL
USING (EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = outgoing_id));

ALTER TABLE outgoing_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON outgoing_attachments FOR ALL
USING (EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = outgoing_id));

ALTER TABLE outgoing_replies ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON outgoing_replies FOR ALL
USING (EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = outgoing_id));

-- A specialist sees (and reports on) only their unit's assignments.
ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON assignments FOR ALL
USING (EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = document_id)
  AND (NOT (SELECT vt_unit_only()) OR unit_id = (SELECT vt_my_unit())));

ALTER TABLE progress_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON progress_notes FOR ALL
USING (EXISTS (SELECT 1 FROM assignments a WHERE a.id = assignment_id));

CREATE INDEX incoming_attachments_sha ON incoming_attachments(sha256);
CREATE INDEX outgoing_files_sha ON outgoing_files(sha256);
CREATE INDEX outgoing_attachments_sha ON outgoing_attachments(sha256);
CREATE INDEX outgoing_attachments_signed ON outgoing_attachments(signed_sha256) WHERE signed_sha256 IS NOT NULL;

-- A stored file's bytes are read only through a document one may see (the administrator's
-- \`check\` re-hashes every file). Anyone who may write stores new files.
ALTER TABLE blob_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_write ON blob_chunks FOR INSERT WITH CHECK (true);
CREATE POLICY vt_read ON blob_chunks FOR SELECT
USING ((SELECT vt_is('admin'))
  OR EXISTS (SELECT 1 FROM incoming_attachments a WHERE a.sha256 = blob_chunks.sha256)
  OR EXISTS (SELECT 1 FROM outgoing_files f WHERE f.sha256 = blob_chunks.sha256)
  OR EXISTS (SELECT 1 FROM outgoing_attachments a WHERE a.sha256 = blob_chunks.sha256 OR a.signed_sha256 = blob_chunks.sha256)
  OR EXISTS (SELECT 1 FROM letter_attachments a WHERE a.sha256 = blob_chunks.sha256)
  OR EXISTS (SELECT 1 FROM handover_packages p WHERE p.sha256 = blob_chunks.sha256));
-- A destruction (archive) removes the bytes it listed; its triggers check which.
CREATE POLICY vt_remove ON blob_chunks FOR DELETE USING ((SELECT vt_is('archivist')));
CREATE INDEX IF NOT EXISTS letter_attachments_sha ON letter_attachments(sha256);

-- The text of stored files (capture, migration 0065) is read with the files themselves; the
-- content index of a document with its document.
ALTER TABLE blob_pages ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_write ON blob_pages FOR INSERT WITH CHECK (true);
CREATE POLICY vt_read ON blob_pages FOR SELECT
USING ((SELECT vt_is('admin'))
  OR EXISTS (SELECT 1 FROM incoming_attachments a WHERE a.sha256 = blob_pages.sha256)
  OR EXISTS (SELECT 1 FROM outgoing_files f WHERE f.sha256 = blob_pages.sha256)
  OR EXISTS (SELECT 1 FROM outgoing_attachments a WHERE a.sha256 = blob_pages.sha256 OR a.signed_sha256 = blob_pages.sha256)
  OR EXISTS (SELECT 1 FROM letter_attachments a WHERE a.sha256 = blob_pages.sha256));
ALTER TABLE incoming_content ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON incoming_content FOR ALL
USING (EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = document_id));

-- The trail of a document is visible with the document; the administrator (check) sees it all.
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_read ON audit_log FOR SELECT
USING ((SELECT vt_is('admin'))
  OR entity_id IS NULL
  OR (entity = 'incoming' AND EXISTS (SELECT 1 FROM incoming_documents d WHERE d.id = entity_id))
  OR (entity = 'outgoing' AND EXISTS (SELECT 1 FROM outgoing_documents d WHERE d.id = entity_id))
  OR entity NOT IN ('incoming', 'outgoing'));

-- Settings and the organisation's name are the administrator's; every writer keeps the
-- audit head copy (auditLog.ts) up to date.
ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_read ON meta FOR SELECT USING (true);
CREATE POLICY vt_write ON meta FOR ALL USING (key = 'audit_head' OR (SELECT vt_is('admin')))
WITH CHECK (key = 'audit_head' OR (SELECT vt_is('admin')));

-- A person sees their own account; the administrator sees and changes them all.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON accounts FOR ALL
USING (username = session_user::text OR (SELECT vt_is('admin')));
ALTER TABLE account_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON account_roles FOR ALL
USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = account_id));
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY vt_visible ON sessions FOR ALL
USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = account_id AND a.username = session_user::text) OR (SELECT vt_is('admin')));

-- The chain head, locked for an append (no one needs UPDATE on audit_head for that).
CREATE FUNCTION audit_lock_head() RETURNS TABLE (seq bigint, hash text) LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$ SELECT seq, hash FROM public.audit_head WHERE id = 1 FOR UPDATE $$;

-- The one path that appends to the trail, now run with the owner's rights (no one else may
-- write audit_log or audit_head) and with the actor decided here: a person connected as
-- themselves is recorded as their login role, whatever the client sent (the client computes
-- the same hash only if it sent that name: a mismatch fails its transaction). The owner's
-- own connection (init, migrate-to) records the actor it names.
CREATE OR REPLACE FUNCTION audit_append_many(p_seq bigint[], p_at text[], p_actor text[], p_action text[], p_entity text[],
                                  p_entity_id bigint[], p_data text[], p_prev_hash text)
RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  h audit_head%ROWTYPE;
  v_seq bigint;
  v_hash text;
  v_prev text;
  v_actor text;
  v_person boolean := vt_person();
BEGIN
  SELECT * INTO h FROM audit_head WHERE id = 1 FOR UPDATE;
  IF p_prev_hash <> h.hash THEN
    RAISE EXCEPTION 'audit entries do not continue the chain head %', h.seq USING ERRCODE = 'serialization_failure';
  END IF;
  v_seq := h.seq;
  v_hash := h.hash;
  FOR i IN 1 .. coalesce(array_length(p_seq, 1), 0) LOOP
    IF p_seq[i] <> v_seq + 1 THEN
      RAISE EXCEPTION 'audit entry % does not continue the chain at %', p_seq[i], v_seq USING ERRCODE = 'serialization_failure';
    END IF;
    v_actor := CASE WHEN v_person THEN session_user::text ELSE p_actor[i] END;
    v_prev := v_hash;
    v_hash := encode(sha256(convert_to(v_prev || E'\\n' || '[' || p_seq[i]::text || ',' || to_json(p_at[i])::text || ','
      || to_json(v_actor)::text || ',' || to_json(p_action[i])::text || ',' || to_json(p_entity[i])::text || ','
      || coalesce(p_entity_id[i]::text, 'null') || ',' || to_json(p_data[i])::text || ']', 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
    VALUES (p_seq[i], p_at[i], v_actor, p_action[i], p_entity[i], p_entity_id[i], p_data[i], v_prev, v_hash);
    v_seq := p_seq[i];
  END LOOP;
  UPDATE audit_head SET seq = v_seq, hash = v_hash WHERE id = 1;
  RETURN v_hash;
END $$;

-- On servers older than 15 everyone may create objects in the public schema (shadowing what
-- our functions call): not here. (A warning only where the schema is not the owner's.)
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Functions are executable by PUBLIC by default: only this office's accounts call ours.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
`;

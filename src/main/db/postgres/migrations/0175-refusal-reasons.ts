/**
 * The same answer on both stores for a document a person may not see, asked for by its id
 * (issue 10's bad input: «a specialist asking for another unit's document by id, a clerk
 * without the grant opening DEN-MAT by id → forbidden»), and the administrator's view of the
 * login roles whose password the server does not know (issue 11).
 *
 * 1. On SQLite the application reads the row and refuses it (`forbidden`, the refusal
 *    audited); a person connected to the office database as themselves does not get the row at
 *    all — the row policies of 0090/0171 hide it — so the application could only answer
 *    `not_found`. vt_hidden_reason tells, after the person's own read found nothing, whether a
 *    document of that id exists and why the policies hide it: 'not_reader', 'confidential' or
 *    'unit' (the reasons of src/main/accounts/visibility.ts, in the same order), or NULL when
 *    there is no such document (or it is not hidden). It returns no field of the row. It is
 *    decided from session_user — the login role the server authenticated — never from a value
 *    the caller passes; the owner's own connection (which sees every row) always gets NULL.
 *
 * 2. `accounts.db_password_reset_needed`: a login role made without a password (migrate-to
 *    cannot turn the application's scrypt hash into one; the sign-in then answers
 *    `db_password_reset_needed`) is flagged so the administrator's screen says «Cần đặt lại
 *    mật khẩu»; an administrator's reset clears it. The server's own record of a role's
 *    password (pg_authid) is readable by superusers only, so the flag is kept here.
 */
export const up = /* sql */ `
ALTER TABLE accounts ADD COLUMN db_password_reset_needed boolean NOT NULL DEFAULT false;

CREATE FUNCTION vt_hidden_reason(p_kind text, p_id bigint) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
DECLARE
  v_secrecy text;
  v_register integer;
  v_created_by text;
  v_drafting_unit text;
BEGIN
  IF p_kind = 'incoming' THEN
    SELECT d.secrecy, d.register_id INTO v_secrecy, v_register FROM public.incoming_documents d WHERE d.id = p_id;
  ELSIF p_kind = 'outgoing' THEN
    SELECT d.secrecy, d.register_id, d.created_by, d.drafting_unit INTO v_secrecy, v_register, v_created_by, v_drafting_unit
    FROM public.outgoing_documents d WHERE d.id = p_id;
  ELSE
    RAISE EXCEPTION 'unknown document kind' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT FOUND OR NOT public.vt_person() THEN
    RETURN NULL;
  END IF;
  IF NOT public.vt_reader() THEN
    RETURN 'not_reader';
  END IF;
  IF (v_secrecy <> 'normal' OR v_register = ANY (public.vt_confidential_registers())) AND NOT public.vt_is('confidential') THEN
    RETURN 'confidential';
  END IF;
  IF public.vt_unit_only() THEN
    IF p_kind = 'incoming' AND NOT EXISTS (
      SELECT 1 FROM public.assignments a WHERE a.document_id = p_id AND a.unit_id = public.vt_my_unit() AND a.replaced_at IS NULL
    ) THEN
      RETURN 'unit';
    END IF;
    IF p_kind = 'outgoing' AND v_created_by IS DISTINCT FROM session_user::text
       AND v_drafting_unit IS DISTINCT FROM public.vt_my_unit_code() THEN
      RETURN 'unit';
    END IF;
  END IF;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION vt_hidden_reason(text, bigint) FROM PUBLIC;
`;

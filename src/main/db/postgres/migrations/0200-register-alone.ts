/**
 * Version 200 (issue 11): a registration sent alone. A plain registration (no files, nothing
 * else in its transaction) is now one statement without BEGIN or COMMIT: the server commits it
 * as the statement ends (PgStore.write's `alone`), so the write lock, taken inside, is held for
 * the function and the commit's flush only — no longer also for the answer's trip to the PC,
 * the PC's check of it and the COMMIT's trip back, which on a busy PC or network was most of
 * the time the other PCs waited.
 *
 * The application still re-computes the audit entry's hash from the answer; for a registration
 * sent alone that happens after the commit (a mismatch then fails the call and `check` names
 * the entry). The one mismatch a person could cause — an actor name other than their login
 * role, which the database records instead — is refused here, before the lock, with nothing
 * written. Everything else is 0188's function unchanged.
 */
export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_incoming_register(p_lock bigint, p_register text, p_confidential boolean, p_row json, p_slots bigint,
                                     p_at text, p_actor text, p_data_head text, p_data_tail text)
RETURNS json LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
  v record;
  reg record;
  dup json;
  n integer;
  doc incoming_documents%ROWTYPE;
  head record;
  h text;
BEGIN
  SELECT * INTO v FROM json_to_record(p_row) AS x(year integer, arrival_date text, organ_name text, symbol text,
    code_number text, code_notation text, issued_date text, type_name text, subject text, signer_name text,
    signer_position text, page_amount integer, urgency text, secrecy text, channel text, to_places text, due_date text,
    description text, dup_key text, created_at text, created_by text, search_tsv text, type_fold text, symbol_key text,
    organ_fold text, base bigint);
  -- The trail records a person connected as themselves under their login role (audit_append):
  -- an entry named otherwise would not be the one the application hashed. Refused here, before
  -- the lock and before anything is written, since the caller may check the answer only after
  -- the commit (a registration sent alone, without BEGIN).
  IF p_actor IS DISTINCT FROM session_user::text AND vt_person() THEN
    RAISE EXCEPTION 'audit actor mismatch: the entry names %, the connection is %', p_actor, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock(p_lock);

  SELECT id, direction, confidential INTO reg FROM registers WHERE code = p_register;
  IF NOT FOUND OR reg.direction <> 'incoming' THEN
    RETURN json_build_object('refused', 'unknown_register');
  END IF;
  IF reg.confidential <> p_confidential THEN
    RETURN json_build_object('refused', 'register_mismatch');
  END IF;

  IF v.dup_key IS NOT NULL THEN
    SELECT json_build_object('id', d.id, 'register', r.code, 'year', d.year, 'arrivalNumber', d.arrival_number) INTO dup
    FROM incoming_documents d JOIN registers r ON r.id = d.register_id
    WHERE d.dup_key = v.dup_key AND d.status <> 'voided' ORDER BY d.id LIMIT 1;
    IF dup IS NOT NULL THEN
      RETURN json_build_object('duplicate', dup);
    END IF;
  END IF;

  INSERT INTO register_counters AS c (register_id, year, last_number) VALUES (reg.id, v.year, 1)
  ON CONFLICT (register_id, year) DO UPDATE SET last_number = c.last_number + 1
  RETURNING last_number INTO n;

  INSERT INTO incoming_documents (register_id, year, arrival_number, arrival_date, organ_name, symbol, code_number,
    code_notation, issued_date, type_name, subject, signer_name, signer_position, page_amount, urgency, secrecy, channel,
    to_places, due_date, description, dup_key, created_at, created_by, search_tsv, type_fold, symbol_key, sort_key, updated_at)
  VALUES (reg.id, v.year, n, v.arrival_date, v.organ_name, v.symbol, v.code_number,
    v.code_notation, v.issued_date, v.type_name, v.subject, v.signer_name, v.signer_position, v.page_amount, v.urgency,
    v.secrecy, v.channel, v.to_places, v.due_date, v.description, v.dup_key, v.created_at, v.created_by,
    v.search_tsv::tsvector, v.type_fold, v.symbol_key, vt_sort_key_after(v.base, p_slots), v.created_at)
  RETURNING * INTO doc;

  INSERT INTO incoming_organs AS o (folded, name, uses) VALUES (v.organ_fold, v.organ_name, 1)
  ON CONFLICT (folded) DO UPDATE SET uses = o.uses + 1, name = excluded.name;

  SELECT seq, hash INTO head FROM audit_lock_head();
  h := audit_append(head.seq + 1, p_at, p_actor, 'create', 'incoming', doc.id, p_data_head || n::text || p_data_tail, head.hash);
  INSERT INTO meta (key, value) VALUES ('audit_head', (head.seq + 1)::text || ':' || h)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;

  RETURN json_build_object(
    'row', (to_jsonb(doc) - 'search_tsv') || jsonb_build_object('register_code', p_register),
    'seq', head.seq + 1, 'prevHash', head.hash, 'hash', h);
END $$;
`;

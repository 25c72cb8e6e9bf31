/**
 * Version 188 (issue 11): a registration in one call, so 8 PCs registering at once do not queue
 * behind each other's round trips.
 *
 * Every write transaction of the office database takes the database's write lock (PgStore.write)
 * and keeps it to its commit: numbers stay gap-free, the audit chain one chain, and the services'
 * checks see every committed write. An add took it at BEGIN and then made eleven round trips —
 * chain head, register, duplicate check, counter, row, audit entry, chain head record, re-read
 * (two), COMMIT — so the lock was held for all of them and for the commit's flush, and the
 * other PCs waited for each.
 *
 * vt_incoming_register does the part that needs the lock in one statement on the server, and
 * takes the lock itself as its first step (the add's transaction does not take it at BEGIN,
 * PgStore.write's lateLock). Each statement of this VOLATILE function reads a fresh snapshot,
 * taken after the lock is granted: the duplicate check and the next sort key see every
 * registration committed before, as they did when the lock was taken at BEGIN. Then the
 * next number (the counter row, locked to the commit as before), the row (RETURNING it: no
 * re-read), the sender's use count, the 'create' audit entry through audit_append (actor from
 * the connected role, hash computed by the database, the client checks it) and the chain head
 * record. The lock is then held only for this statement and the COMMIT.
 *
 * SECURITY INVOKER: the caller's own GRANTs and row policies apply to every row it writes, as
 * with the statements it replaces. The audit entry's data is the client's JSON with the number
 * put in where the client left it out (`p_data_head || number || p_data_tail`), so the stored
 * text is exactly what the client would have written, and `check` re-verifies it.
 *
 * Also: an assignment's status change (a unit marking its work in progress or done) no longer
 * rewrites the document's search vector. The unit lexemes of 0172 depend only on which units a
 * document is currently assigned to: documents are rewritten when that set may have changed
 * (an assignment added, removed, replaced, or moved to another unit or document).
 */
export const up = /* sql */ `
CREATE FUNCTION vt_incoming_register(p_lock bigint, p_register text, p_confidential boolean, p_row json, p_slots bigint,
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

CREATE OR REPLACE FUNCTION vt_assignments_units() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE public.incoming_documents d SET search_tsv = d.search_tsv WHERE d.id IN (SELECT document_id FROM changed_new);
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only documents whose (unit, current) pairs differ before and after the statement.
    UPDATE public.incoming_documents d SET search_tsv = d.search_tsv
    WHERE d.id IN (
      SELECT document_id FROM (
        (SELECT document_id, unit_id, replaced_at IS NULL AS current FROM changed_new
         EXCEPT SELECT document_id, unit_id, replaced_at IS NULL FROM changed_old)
        UNION
        (SELECT document_id, unit_id, replaced_at IS NULL FROM changed_old
         EXCEPT SELECT document_id, unit_id, replaced_at IS NULL FROM changed_new)) moved);
  ELSE
    UPDATE public.incoming_documents d SET search_tsv = d.search_tsv WHERE d.id IN (SELECT document_id FROM changed_old);
  END IF;
  RETURN NULL;
END $$;

REVOKE EXECUTE ON FUNCTION vt_incoming_register(bigint, text, boolean, json, bigint, text, text, text, text),
  vt_assignments_units() FROM PUBLIC;
`;

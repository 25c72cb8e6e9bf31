/**
 * A bulk import's rows bring their own filter lexemes (issue 11: import ≥ 10,000 docs/s at
 * 1,000,000 documents), and the tag trigger of 0182 is skipped for a row whose vector provably
 * holds exactly what the trigger would make of it.
 *
 * vt_incoming_tags_keep (0182) ran for every inserted row: a PL/pgSQL call that rebuilt the row,
 * called vt_incoming_tags (an SQL function with its own search_path: never inlined, so a small
 * executor run per row) and concatenated vectors — about a fifth of the server's time per
 * imported row (a batch of 4,000 rows: ~317 ms of server CPU with it, ~260 without; load 9, direction only).
 *
 * Now the trigger has a WHEN clause (C-level expressions, no function call) that lets a row
 * through untouched only when its vector v already equals what the trigger would compute,
 * strip(v) || tags(row), where strip drops every `#…` lexeme but the units' `#u…`. With
 * f = the lexemes of v that have positions (ts_filter keeps only those) and T = the row's five
 * tags (all distinct, all `#…`, none `#u…`, none with positions):
 *
 *   1. removing T from v removes 5 lexemes      → every tag of T is in v;
 *   2. v has exactly 5 lexemes without position → with 1 and 3, they are T, without positions;
 *   3. no lexeme with positions starts with `#` → v has no other `#…` lexeme (nor `#u…`).
 *
 * Then strip(v) = v − T (the words, untouched) and (v − T) || T = v. Anything else — a vector
 * without tags (every single write: an add, vt_incoming_register, a correction), a forged or
 * stale tag, a tag with a position, a unit lexeme — fires the trigger as before, which
 * recomputes the tags from the row's own columns: a writer still cannot bring, keep or forge
 * one. The five tags are those of vt_incoming_tags (0182); a migration that changes them must
 * recreate this trigger (tests/unit/postgres/importBatches.test.ts compares an import's rows
 * with the trigger's own result).
 */
export const up = /* sql */ `
DROP TRIGGER incoming_tags_keep ON incoming_documents;
CREATE TRIGGER incoming_tags_keep BEFORE INSERT OR UPDATE OF search_tsv, type_fold, urgency, secrecy, register_id, status
ON incoming_documents FOR EACH ROW
WHEN (NOT (
  length(ts_delete(NEW.search_tsv, ARRAY['#t' || NEW.type_fold, '#g' || NEW.urgency, '#s' || NEW.secrecy,
    '#r' || NEW.register_id::text, '#v' || NEW.status])) = length(NEW.search_tsv) - 5
  AND length(ts_filter(NEW.search_tsv, '{a,b,c,d}')) = length(NEW.search_tsv) - 5
  AND NOT (ts_filter(NEW.search_tsv, '{a,b,c,d}') @@ '''#'':*'::tsquery)))
EXECUTE FUNCTION vt_incoming_tags_keep();
`;

/**
 * A dossier's or a document's change asks first whether a correction waits for it (issue 14:
 * filing p95 ≤ 5 ms on the office database). vt_correction_applied (0070) runs after every
 * update of a dossier or a document and marked its pending corrections applied with an UPDATE
 * of archive_corrections — on every filing (the dossier's figures change), where none waits:
 * an UPDATE that finds no row still opens the table for writing with its indexes, under the
 * person's row policy (~0.12 ms of a filing as the archivist's login, pg_stat_user_functions).
 * It now reads first and updates only when there is a row to update. The same rows, the same
 * rights: the read runs as the same caller (SECURITY INVOKER, as before) under the table's one
 * policy, vt_visible, which is FOR ALL — an UPDATE sees exactly the rows a SELECT sees — and a
 * role without SELECT on the table is refused by either. The SQLite trigger already asks first
 * (its WHEN clause).
 */
export const up = /* sql */ `
CREATE OR REPLACE FUNCTION vt_correction_applied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM archive_corrections WHERE target_kind = TG_ARGV[0] AND target_id = old.id AND applied = 0) THEN
    UPDATE archive_corrections SET applied = 1 WHERE target_kind = TG_ARGV[0] AND target_id = old.id AND applied = 0;
  END IF;
  RETURN NULL;
END $$;
`;

/**
 * PostgreSQL twin of sqlite 0179: who attached a letter's file and its read text folded for
 * the register's search. A denunciation's files (the scan shows its author's name and
 * handwriting) are personal data under the same secrecy as its author (Luật Tố cáo Đ56;
 * letters/access.ts): they are read, changed and removed only with the confidential group,
 * like letter_senders (0120) — 0120's policy let every letter handler read them. Attaching
 * stays open to whoever sees the letter (a clerk registers the scan without the grant). The
 * stored bytes and pages (blob_chunks/blob_pages, 0090) are read through letter_attachments,
 * so they follow. The table rights (rights.ts, re-applied after this migration) now let the
 * administrator update and delete trust_anchors (trust.setLegacy, trust.remove).
 */
export const up = /* sql */ `
ALTER TABLE letter_attachments ADD COLUMN IF NOT EXISTS created_by text;
ALTER TABLE letter_attachments ADD COLUMN IF NOT EXISTS text_fold text;

DROP POLICY IF EXISTS vt_visible ON letter_attachments;
DROP POLICY IF EXISTS vt_read ON letter_attachments;
DROP POLICY IF EXISTS vt_write ON letter_attachments;
DROP POLICY IF EXISTS vt_change ON letter_attachments;
DROP POLICY IF EXISTS vt_remove ON letter_attachments;
CREATE POLICY vt_read ON letter_attachments FOR SELECT
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id AND (l.kind <> 'denunciation' OR (SELECT vt_is('confidential')))));
CREATE POLICY vt_write ON letter_attachments FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id));
CREATE POLICY vt_change ON letter_attachments FOR UPDATE
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id AND (l.kind <> 'denunciation' OR (SELECT vt_is('confidential')))));
CREATE POLICY vt_remove ON letter_attachments FOR DELETE
USING (EXISTS (SELECT 1 FROM letters l WHERE l.id = letter_id AND (l.kind <> 'denunciation' OR (SELECT vt_is('confidential')))));
`;

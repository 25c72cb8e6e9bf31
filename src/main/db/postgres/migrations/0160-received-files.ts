/**
 * PostgreSQL twin of sqlite 0160: the files of each edXML message received, and who reads
 * them. Stored files are read through a row policy (0090: only through a document, letter
 * or package one may see); a received message is no document yet, so a clerk connected as
 * themselves could not open the message they were to register (edxml.preview / register
 * read its attachments from the stored message). The permission table gives received
 * messages to the clerk alone (edxml.received|preview|register|refuse), so the database
 * lets the clerk group read the files linked to a received message, and no one else but the
 * administrator (who reads every file for `check`) — a second permissive policy, OR-ed with
 * 0090's.
 */
export const up = /* sql */ `
CREATE TABLE edxml_received_files (
  received_id integer NOT NULL REFERENCES edxml_received(id),
  sha256      text COLLATE "C" NOT NULL CHECK (length(sha256) = 64),
  kind        text COLLATE "C" NOT NULL CHECK (kind IN ('message', 'attachment')),
  PRIMARY KEY (received_id, sha256)
);
CREATE INDEX edxml_received_files_sha ON edxml_received_files(sha256);

INSERT INTO edxml_received_files (received_id, sha256, kind)
SELECT id, header::jsonb ->> 'blob', 'message' FROM edxml_received
WHERE length(header::jsonb ->> 'blob') = 64;

CREATE POLICY vt_read_received ON blob_chunks FOR SELECT
USING ((SELECT vt_is('clerk')) AND EXISTS (SELECT 1 FROM edxml_received_files f WHERE f.sha256 = blob_chunks.sha256));
CREATE POLICY vt_read_received ON blob_pages FOR SELECT
USING ((SELECT vt_is('clerk')) AND EXISTS (SELECT 1 FROM edxml_received_files f WHERE f.sha256 = blob_pages.sha256));
`;

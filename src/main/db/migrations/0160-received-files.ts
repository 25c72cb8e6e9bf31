/**
 * The files of each edXML message received (issue 12): the message itself as it arrived
 * (kept whole until the clerk registers or refuses it) and, from now on, any file taken
 * out of it before registration. Until now the message's bytes were named only inside the
 * JSON header, so nothing in the schema said which stored files belong to a received
 * message; PostgreSQL's row policy on stored files (0090) needs that link to let the clerk's
 * own connection read them (see the PostgreSQL twin). Existing rows are linked from their
 * header.
 */
export const up = /* sql */ `
CREATE TABLE edxml_received_files (
  received_id INTEGER NOT NULL REFERENCES edxml_received(id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  kind        TEXT NOT NULL CHECK (kind IN ('message', 'attachment')),
  PRIMARY KEY (received_id, sha256)
) STRICT;
CREATE INDEX edxml_received_files_sha ON edxml_received_files(sha256);

INSERT INTO edxml_received_files (received_id, sha256, kind)
SELECT id, json_extract(header, '$.blob'), 'message' FROM edxml_received
WHERE json_valid(header) AND length(json_extract(header, '$.blob')) = 64;
`;

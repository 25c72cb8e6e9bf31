/**
 * Version 179: the files of a letter (the scanned letter, its enclosures) say who attached
 * them and carry their read text folded for the register's word search (the pages
 * themselves are kept in blob_pages with the file, as for incoming documents). The trust
 * store's removal needs nothing here. PostgreSQL (db/postgres/migrations/0179) also narrows
 * who reads a denunciation's files and lets the administrator remove trust anchors.
 */
export const up = /* sql */ `
ALTER TABLE letter_attachments ADD COLUMN created_by TEXT;
ALTER TABLE letter_attachments ADD COLUMN text_fold TEXT;
`;

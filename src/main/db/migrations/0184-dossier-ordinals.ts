/**
 * Version 184 (issue 14): one item per ordinal in a dossier. Filing places a document among
 * every item of the dossier in the order of events and moves the later ones down; taking one
 * out moves them up (db/archiveRepo.ts). A unique index on (dossier_id, ordinal) now refuses a
 * second item at an ordinal, whatever program writes; it replaces the plain index
 * dossier_items_order. Ordinals written before this version with a duplicate or a gap are
 * renumbered in their order first (triggers aside: the guards refuse changes to closed
 * dossiers' items, and a repair is not such a change). The office database also places and
 * shifts in the database itself (postgres 0184), since a person there sees only part of a
 * dossier's items.
 */
export const up = /* sql */ `
CREATE TEMP TABLE vt_renumber AS
  SELECT dossier_id, doc_kind, doc_id,
    row_number() OVER (PARTITION BY dossier_id ORDER BY ordinal, event_at, added_at, doc_kind, doc_id) AS rn
  FROM dossier_items;
DROP TRIGGER dossier_items_open_upd;
UPDATE dossier_items SET ordinal = (SELECT rn FROM vt_renumber x
  WHERE x.dossier_id = dossier_items.dossier_id AND x.doc_kind = dossier_items.doc_kind AND x.doc_id = dossier_items.doc_id);
DROP TABLE vt_renumber;
CREATE TRIGGER dossier_items_open_upd BEFORE UPDATE ON dossier_items
WHEN (SELECT state FROM dossiers WHERE id = old.dossier_id) IS NOT 'open' OR new.dossier_id IS NOT old.dossier_id
  OR new.doc_kind IS NOT old.doc_kind OR new.doc_id IS NOT old.doc_id
BEGIN SELECT RAISE(ABORT, 'vt:dossier_not_open'); END;

DROP INDEX dossier_items_order;
CREATE UNIQUE INDEX dossier_items_ordinal ON dossier_items(dossier_id, ordinal);
`;

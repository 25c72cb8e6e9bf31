/**
 * Version 177 (issue 14): what the hand-over record's paper blanks need and whose a dossier is.
 *
 * - handovers.boxes and handovers.shelf_centimetres: "Tổng số hộp (cặp)" and "Quy ra mét giá"
 *   of the Biên bản giao nhận (Decree 30 App. V), entered by the archivist at creation; the
 *   shelf length is kept in whole centimetres (the form writes metres with two decimals at
 *   most) so no binary fraction is ever printed. NULL: not entered (the form's blank stays).
 * - dossiers.unit_id: the unit of the person who opened the dossier (Decree 30 Art. 29: the
 *   person handling the work forms its dossier). A specialist files into, takes out of and
 *   closes only their unit's dossiers and those they opened themselves
 *   (archive/archiveService.ts); dossiers opened before this version have none and stay with
 *   whoever opened them. Once the archive holds a dossier its unit no longer changes.
 */
export const up = /* sql */ `
ALTER TABLE handovers ADD COLUMN boxes INTEGER CHECK (boxes IS NULL OR boxes BETWEEN 0 AND 1000000);
ALTER TABLE handovers ADD COLUMN shelf_centimetres INTEGER CHECK (shelf_centimetres IS NULL OR shelf_centimetres BETWEEN 0 AND 100000000);
ALTER TABLE dossiers ADD COLUMN unit_id INTEGER REFERENCES units(id);
CREATE INDEX dossiers_unit ON dossiers(unit_id, id) WHERE unit_id IS NOT NULL;
CREATE TRIGGER dossiers_unit_declared BEFORE UPDATE OF unit_id ON dossiers
WHEN old.state IN ('accepted', 'destroyed') AND new.unit_id IS NOT old.unit_id
BEGIN SELECT RAISE(ABORT, 'vt:declared_record'); END;
`;

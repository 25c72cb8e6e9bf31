/**
 * The archive's repository on PostgreSQL: the shared SQL (db/archiveRepo.ts), except what must
 * count EVERY dossier while a person's own connection sees only those the row policy lets them
 * see (migration 0176: a confidential dossier is hidden without the confidential group). Those
 * ask SECURITY DEFINER functions that answer with numbers and yes/no only — never a title.
 * Filing and taking out are placed and shifted by the database over every item of the dossier
 * (migration 0184's triggers), whatever part of it the person sees.
 */
import { ArchiveSqlRepository } from '../archiveRepo.js';
import type { FileItemInput } from '../../store/archivePorts.js';

export class PgArchiveRepository extends ArchiveSqlRepository {
  override async maxOrdinal(planId: number, bigHeadingId: number | null): Promise<number> {
    const r = await this.sql.all('SELECT vt_dossier_max_ordinal(?, ?) AS n', [planId, bigHeadingId]);
    return Number(r[0]?.n ?? 0);
  }

  override async codeTaken(year: number, code: string): Promise<boolean> {
    const r = await this.sql.all('SELECT vt_dossier_code_taken(?, ?) AS taken', [year, code]);
    return r[0]?.taken === true;
  }

  override async dossierCount(of: 'plan' | 'handover' | 'destruction', id: number): Promise<number> {
    const r = await this.sql.all('SELECT vt_dossier_count(?, ?) AS n', [of, id]);
    return Number(r[0]?.n ?? 0);
  }

  override async dossierHiddenReason(dossierId: number): Promise<'unit' | 'confidential' | null> {
    const r = await this.sql.all('SELECT vt_dossier_hidden_reason(?) AS why', [dossierId]);
    const why = r[0]?.why;
    return why === 'unit' || why === 'confidential' ? why : null;
  }

  override async fileItem(i: FileItemInput): Promise<number> {
    // The ordinal given is replaced by the database's placement (trigger dossier_items_place).
    const r = await this.sql.all(
      `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, note, added_at, added_by)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?) RETURNING ordinal`,
      [i.dossierId, i.kind, i.docId, i.eventAt, i.note, i.addedAt, i.addedBy],
    );
    return Number(r[0]!.ordinal);
  }

  override async unfileItem(dossierId: number, kind: string, docId: number): Promise<boolean> {
    // The later items move up in the database (trigger dossier_items_close_gap).
    return (
      (await this.sql.run('DELETE FROM dossier_items WHERE dossier_id = ? AND doc_kind = ? AND doc_id = ?', [dossierId, kind, docId])) > 0
    );
  }
}

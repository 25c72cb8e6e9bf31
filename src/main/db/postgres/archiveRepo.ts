/**
 * The archive's repository on PostgreSQL: the shared SQL (db/archiveRepo.ts), except what must
 * count EVERY dossier while a person's own connection sees only those the row policy lets them
 * see (migration 0176: a confidential dossier is hidden without the confidential group). Those
 * ask SECURITY DEFINER functions that answer with numbers and yes/no only — never a title.
 */
import { ArchiveSqlRepository } from '../archiveRepo.js';

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
}

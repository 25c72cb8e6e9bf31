/**
 * The archive's repository on PostgreSQL: the shared SQL (db/archiveRepo.ts), except what must
 * count EVERY dossier while a person's own connection sees only those the row policy lets them
 * see (migration 0176: a confidential dossier is hidden without the confidential group). Those
 * ask SECURITY DEFINER functions that answer with numbers and yes/no only — never a title.
 * Filing and taking out are placed and shifted by the database over every item of the dossier
 * (migration 0184's triggers), whatever part of it the person sees. Filing is also sent in
 * as few round trips as it can (issue 14: on an office network each costs as much as the
 * work): one statement reads the dossier, the document and the audit chain's head — sent with
 * the write's BEGIN and lock in one round trip (PgStore.write's lockWithFirst) — and one,
 * sent with COMMIT, writes the item, the dossier's figures and the audit entry: two round trips.
 */
import { ArchiveSqlRepository, toCamel, type SqlRunner } from '../archiveRepo.js';
import type { DocFacts, DossierAfterFiling, DossierRow, FileItemInput, FilingRead, ItemFlag } from '../../store/archivePorts.js';
import type { AuditEntry } from '../../store/ports.js';

export interface PgSqlRunner extends SqlRunner {
  /** As all; as a write's first statement, sent in one round trip with its BEGIN and write lock. */
  allWithOpening(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** As all; as a write's last statement, sent in one round trip with its COMMIT. */
  allCommitting(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

export class PgArchiveRepository extends ArchiveSqlRepository {
  constructor(private readonly pgSql: PgSqlRunner) {
    super(pgSql);
  }

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

  override async itemCount(dossierId: number): Promise<number | null> {
    const r = await this.sql.all('SELECT vt_dossier_item_count(?) AS n', [dossierId]);
    const n = r[0]?.n;
    return n === null || n === undefined ? null : Number(n);
  }

  override async dossierHiddenReason(dossierId: number): Promise<'unit' | 'confidential' | null> {
    const r = await this.sql.all('SELECT vt_dossier_hidden_reason(?) AS why', [dossierId]);
    const why = r[0]?.why;
    return why === 'unit' || why === 'confidential' ? why : null;
  }

  /**
   * The due list's three counts in one pass over the due table: PostgreSQL read it whole three
   * times (no index-only count: each a sequential scan of 100,000 rows, ~40 ms apiece at load 12
   * in the archive bench — most of the owner's due list).
   */
  protected override async allDueCounts(asOf: string, remindUntil: string): Promise<{ total: number; overdue: number; reminders: number }> {
    const r = await this.sql.all(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE u.due < ?)::int AS overdue, count(*) FILTER (WHERE u.due <= ?)::int AS reminders
       FROM dossier_due u WHERE u.due > ''`,
      [asOf, remindUntil],
    );
    return { total: Number(r[0]?.total ?? 0), overdue: Number(r[0]?.overdue ?? 0), reminders: Number(r[0]?.reminders ?? 0) };
  }

  async wholeItemFlags(dossierId: number): Promise<ItemFlag[]> {
    const r = await this.sql.all('SELECT ordinal, draft, duplicate_of FROM vt_dossier_item_flags(?)', [dossierId]);
    return r.map((x) => ({
      ordinal: Number(x.ordinal),
      draft: x.draft === true,
      duplicateOf: x.duplicate_of === null || x.duplicate_of === undefined ? null : Number(x.duplicate_of),
    }));
  }

  override async fileItem(i: FileItemInput, dossier: DossierAfterFiling): Promise<number> {
    // One statement: the dossier's figures, then the item drawn from that row — so the update
    // surely runs first, and the placement trigger then locks the row this statement already
    // holds. The ordinal given is replaced by the database's (trigger dossier_items_place).
    const r = await this.sql.all(
      `WITH d AS (UPDATE dossiers SET doc_total = ?, search_text = ?, updated_at = ? WHERE id = ? RETURNING id)
       INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, note, added_at, added_by)
       SELECT d.id, CAST(? AS text), CAST(? AS integer), 1, CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text)
       FROM d RETURNING ordinal`,
      [dossier.docTotal, dossier.searchText, i.addedAt, i.dossierId, i.kind, i.docId, i.eventAt, i.note, i.addedAt, i.addedBy],
    );
    if (!r.length) throw new Error(`dossier ${i.dossierId} not written: not there for this connection`);
    return Number(r[0]!.ordinal);
  }

  async fileItemAudited(
    i: FileItemInput,
    dossier: DossierAfterFiling,
    audit: { seq: number; prevHash: string; actor: string },
    opts: { commit?: boolean } = {},
  ): Promise<{ ordinal: number; entry: AuditEntry }> {
    // As fileItem, and in the same statement the entry through audit_append (which checks that
    // it continues the locked head and records the connected person) and the head record.
    // The entry's data is JSON.stringify({kind, docId, ordinal}) byte for byte: the caller
    // checks it and the hash (after the commit when the statement carries it, opts.commit).
    const r = await (opts.commit ? this.pgSql.allCommitting : this.pgSql.all)(
      `WITH d AS (UPDATE dossiers SET doc_total = ?, search_text = ?, updated_at = ? WHERE id = ? RETURNING id),
       ins AS (INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, note, added_at, added_by)
               SELECT d.id, CAST(? AS text), CAST(? AS integer), 1, CAST(? AS text), CAST(? AS text), CAST(? AS text), CAST(? AS text)
               FROM d RETURNING dossier_id, doc_kind, doc_id, ordinal, added_at),
       e AS (SELECT ins.*, '{"kind":' || to_json(ins.doc_kind)::text || ',"docId":' || ins.doc_id::text
                             || ',"ordinal":' || ins.ordinal::text || '}' AS data FROM ins),
       a AS (SELECT e.ordinal, e.data, e.added_at,
               audit_append(CAST(? AS bigint), e.added_at, CAST(? AS text), 'dossier_file', 'dossier', CAST(e.dossier_id AS bigint), e.data,
                            CAST(? AS text)) AS h
             FROM e),
       m AS (INSERT INTO meta (key, value) SELECT 'audit_head', CAST(? AS text) || ':' || a.h FROM a
             ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING key)
       SELECT a.ordinal, a.data, a.h, (SELECT count(*) FROM m) AS head FROM a`,
      [
        dossier.docTotal,
        dossier.searchText,
        i.addedAt,
        i.dossierId,
        i.kind,
        i.docId,
        i.eventAt,
        i.note,
        i.addedAt,
        i.addedBy,
        audit.seq,
        audit.actor,
        audit.prevHash,
        String(audit.seq),
      ],
    );
    const row = r[0];
    if (!row || Number(row.head) !== 1) throw new Error(`dossier ${i.dossierId} not written: not there for this connection`);
    return {
      ordinal: Number(row.ordinal),
      entry: {
        seq: audit.seq,
        at: i.addedAt,
        actor: audit.actor,
        action: 'dossier_file',
        entity: 'dossier',
        entityId: i.dossierId,
        data: String(row.data),
        prevHash: audit.prevHash,
        hash: String(row.h),
      },
    };
  }

  override async filingRead(dossierId: number, kind: 'incoming' | 'outgoing', docId: number): Promise<FilingRead> {
    // A filing's first statement: with the write's BEGIN and lock in one round trip.
    const r = await this.pgSql.allWithOpening(
      `SELECT (SELECT row_to_json(d) FROM dossiers d WHERE d.id = ?) AS dossier,
         EXISTS (SELECT 1 FROM dossier_secrecy s WHERE s.dossier_id = ?) AS secret,
         (SELECT row_to_json(x) FROM (
            SELECT f.*, (SELECT count(*) FROM dossier_items i WHERE i.dossier_id = ? AND i.doc_kind = ? AND i.doc_id = f.id) AS filed
            FROM (${this.factsSql(kind)}) f) x) AS doc,
         (SELECT row_to_json(h) FROM audit_lock_head() h) AS head`,
      [dossierId, dossierId, dossierId, kind, docId],
    );
    const row = r[0]!;
    // JSON comes back as its text (connection.ts).
    const json = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);
    const dossierRow = json<Record<string, unknown>>(row.dossier);
    const docRow = json<Record<string, unknown>>(row.doc);
    const dossier = dossierRow ? toCamel<DossierRow>(dossierRow) : null;
    const doc = docRow ? toCamel<DocFacts & { filed: unknown }>(docRow) : null;
    const head = json<{ seq: number; hash: string }>(row.head);
    return {
      dossier,
      secret: dossier !== null && row.secret === true,
      doc: doc ? { ...doc, secret: Number(doc.secret) === 1, filed: Number(doc.filed) > 0 } : null,
      auditHead: head && Number(head.seq) > 0 ? { seq: Number(head.seq), hash: head.hash } : null,
    };
  }

  override async unfileItem(dossierId: number, kind: string, docId: number): Promise<boolean> {
    // The later items move up in the database (trigger dossier_items_close_gap).
    return (
      (await this.sql.run('DELETE FROM dossier_items WHERE dossier_id = ? AND doc_kind = ? AND doc_id = ?', [dossierId, kind, docId])) > 0
    );
  }
}

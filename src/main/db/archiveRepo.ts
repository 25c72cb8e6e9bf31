/**
 * The archive's repository, written once in the SQL both stores speak (`?` parameters,
 * RETURNING, CAST): the two stores differ only in how they run a statement (SqlRunner),
 * so the conformance suite checks one implementation on two engines. Nothing here is
 * dialect-specific; what is (the guard triggers) lives in each store's migration 0070.
 */
import type {
  ArchiveRepository,
  ArchiveTable,
  DocFacts,
  DocFile,
  DossierAfterFiling,
  FileItemInput,
  FilingRead,
  DossierQuery,
  DossierRow,
  DueRow,
  HeadingRow,
  HoldItemRow,
  ItemRow,
  ItemsSeenBy,
  PlanRow,
  Row,
} from '../store/archivePorts.js';

export interface SqlRunner {
  /** A statement that returns rows (SELECT, or a write with RETURNING). */
  all(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** A write; returns the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

const TABLES = new Set<ArchiveTable>([
  'file_plans',
  'plan_headings',
  'dossiers',
  'holds',
  'handovers',
  'handover_packages',
  'destructions',
  'destruction_tombstones',
  'removed_blobs',
  'keep_backs',
  'archive_corrections',
  'usage_register',
]);

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const IDENT = /^[a-z][a-z0-9_]*$/;

function column(k: string): string {
  const c = snake(k);
  if (!IDENT.test(c)) throw new Error(`bad column ${k}`);
  return c;
}

function table(t: string): string {
  if (!TABLES.has(t as ArchiveTable)) throw new Error(`bad table ${t}`);
  return t;
}

/** Rows come back with camelCase keys; PostgreSQL's bigint (sizes, counts) as numbers. */
export function toCamel<T>(r: Record<string, unknown>): T {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) o[camel(k)] = typeof v === 'bigint' ? Number(v) : v;
  return o as T;
}

const DOSSIER_ORDER = 'ORDER BY d.id DESC';
/** Above any ordinal a dossier holds: where SQLite's shift parks the items it moves. */
const SHIFT = 1_000_000_000;
/** Leaves out the dossiers that need the confidential grant (migration 0150 keeps the set). */
const NOT_SECRET = 'NOT EXISTS (SELECT 1 FROM dossier_secrecy s WHERE s.dossier_id = d.id)';

export class ArchiveSqlRepository implements ArchiveRepository {
  constructor(protected readonly sql: SqlRunner) {}

  private async rows<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.sql.all(text, params)).map((r) => toCamel<T>(r));
  }

  private async one<T>(text: string, params: readonly unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(text, params))[0] ?? null;
  }

  async insert(t: ArchiveTable, row: Row): Promise<number> {
    const keys = Object.keys(row);
    const cols = keys.map(column);
    const returning = t === 'removed_blobs' ? '' : ' RETURNING id';
    const text = `INSERT INTO ${table(t)} (${cols.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})${returning}`;
    if (!returning) {
      await this.sql.run(
        text,
        keys.map((k) => row[k]),
      );
      return 0;
    }
    const r = await this.sql.all(
      text,
      keys.map((k) => row[k]),
    );
    return Number(r[0]!.id);
  }

  async update(t: ArchiveTable, id: number, patch: Row): Promise<number> {
    const keys = Object.keys(patch);
    if (!keys.length) return 0;
    return this.sql.run(`UPDATE ${table(t)} SET ${keys.map((k) => `${column(k)} = ?`).join(', ')} WHERE id = ?`, [
      ...keys.map((k) => patch[k]),
      id,
    ]);
  }

  byId<T>(t: ArchiveTable, id: number): Promise<T | null> {
    return this.one<T>(`SELECT * FROM ${table(t)} WHERE id = ?`, [id]);
  }

  planOfYear(year: number): Promise<PlanRow | null> {
    return this.one<PlanRow>('SELECT * FROM file_plans WHERE year = ?', [year]);
  }

  headings(planId: number): Promise<HeadingRow[]> {
    return this.rows<HeadingRow>(
      'SELECT id, plan_id, parent_id, position, title, abbreviation FROM plan_headings WHERE plan_id = ? ORDER BY position, id',
      [planId],
    );
  }

  planDossiers(planId: number): Promise<DossierRow[]> {
    return this.rows<DossierRow>('SELECT * FROM dossiers WHERE plan_id = ? ORDER BY position, id', [planId]);
  }

  dossierByCode(year: number, code: string): Promise<DossierRow | null> {
    return this.one<DossierRow>('SELECT * FROM dossiers WHERE year = ? AND code = ?', [year, code]);
  }

  async maxOrdinal(planId: number, bigHeadingId: number | null): Promise<number> {
    const r =
      bigHeadingId === null
        ? await this.one<{ n: number | null }>('SELECT max(ordinal) AS n FROM dossiers WHERE plan_id = ?', [planId])
        : await this.one<{ n: number | null }>('SELECT max(ordinal) AS n FROM dossiers WHERE plan_id = ? AND big_heading_id = ?', [
            planId,
            bigHeadingId,
          ]);
    return Number(r?.n ?? 0);
  }

  async codeTaken(year: number, code: string): Promise<boolean> {
    return (await this.sql.all('SELECT 1 AS x FROM dossiers WHERE year = ? AND code = ?', [year, code])).length > 0;
  }

  async dossierCount(of: 'plan' | 'handover' | 'destruction', id: number): Promise<number> {
    const from = {
      plan: 'dossiers WHERE plan_id',
      handover: 'handover_items WHERE handover_id',
      destruction: 'destruction_items WHERE destruction_id',
    }[of];
    const r = await this.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${from} = ?`, [id]);
    return Number(r?.n ?? 0);
  }

  async itemCount(dossierId: number): Promise<number | null> {
    const r = await this.one<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM dossier_items WHERE dossier_id = ?', [dossierId]);
    return Number(r?.n ?? 0);
  }

  async deleteDossier(id: number): Promise<void> {
    await this.sql.run('DELETE FROM dossiers WHERE id = ?', [id]);
  }

  private where(q: Omit<DossierQuery, 'limit' | 'before'>): { text: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (part: string, ...values: unknown[]) => {
      parts.push(part);
      params.push(...values);
    };
    if (q.year !== undefined) add('d.year = ?', q.year);
    if (q.state !== undefined) add('d.state = ?', q.state);
    if (q.code !== undefined) add('d.code = ?', q.code);
    if (q.publicOnly) add(NOT_SECRET);
    if (q.own) {
      if (q.own.unitId === null) add('d.opened_by = ?', q.own.actor);
      else add('(d.unit_id = ? OR d.opened_by = ?)', q.own.unitId, q.own.actor);
    }
    for (const w of q.words ?? []) add('d.search_text LIKE ?', `%${w.replace(/[%_\\]/g, '')}%`);
    return { text: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  listDossiers(q: DossierQuery): Promise<DossierRow[]> {
    const w = this.where(q);
    const before = q.before !== undefined ? `${w.text ? ' AND' : 'WHERE'} d.id < ?` : '';
    return this.rows<DossierRow>(`SELECT d.* FROM dossiers d ${w.text}${before} ${DOSSIER_ORDER} LIMIT ?`, [
      ...w.params,
      ...(q.before !== undefined ? [q.before] : []),
      q.limit,
    ]);
  }

  async countDossiers(q: Omit<DossierQuery, 'limit' | 'before'>): Promise<number> {
    const w = this.where(q);
    const r = await this.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM dossiers d ${w.text}`, w.params);
    return Number(r?.n ?? 0);
  }

  items(dossierId: number, seenBy?: ItemsSeenBy): Promise<ItemRow[]> {
    // A specialist's rule as the office database's policies apply it to a person (0174, 0171).
    const incoming = seenBy
      ? ' AND EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = i.doc_id AND a.unit_id = ? AND a.replaced_at IS NULL)'
      : '';
    const outgoing = seenBy ? ' AND (o.created_by = ? OR o.drafting_unit = ?)' : '';
    return this.rows<ItemRow>(
      `SELECT i.dossier_id, i.doc_kind AS kind, i.doc_id, i.ordinal, i.event_at, i.note, i.added_at, i.added_by,
         d.symbol, d.issued_date, d.type_name, d.subject, d.organ_name AS author, d.page_amount AS pages, d.secrecy,
         d.status AS doc_status, d.dup_key
       FROM dossier_items i JOIN incoming_documents d ON d.id = i.doc_id
       WHERE i.dossier_id = ? AND i.doc_kind = 'incoming'${incoming}
       UNION ALL
       SELECT i.dossier_id, i.doc_kind, i.doc_id, i.ordinal, i.event_at, i.note, i.added_at, i.added_by,
         o.symbol, o.issued_date, o.type_name, o.subject, NULL, NULL, o.secrecy, o.status, NULL
       FROM dossier_items i JOIN outgoing_documents o ON o.id = i.doc_id
       WHERE i.dossier_id = ? AND i.doc_kind = 'outgoing'${outgoing}
       ORDER BY 4`,
      seenBy ? [dossierId, seenBy.unitId, dossierId, seenBy.username, seenBy.unitCode ?? ''] : [dossierId, dossierId],
    );
  }

  /**
   * SQLite's placement (the office database places in a trigger: PgArchiveRepository). SQLite
   * checks a unique index row by row, so a shift by one would meet the next row's ordinal
   * midway: the later items are moved out of the way by SHIFT first, then back to their place.
   */
  async fileItem(i: FileItemInput, dossier: DossierAfterFiling): Promise<number> {
    const r = await this.sql.all('SELECT CAST(count(*) AS INTEGER) AS n FROM dossier_items WHERE dossier_id = ? AND event_at <= ?', [
      i.dossierId,
      i.eventAt,
    ]);
    const before = Number(r[0]?.n ?? 0);
    await this.moveAfter(i.dossierId, before, 1);
    await this.sql.run(
      'INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, note, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [i.dossierId, i.kind, i.docId, before + 1, i.eventAt, i.note, i.addedAt, i.addedBy],
    );
    await this.update('dossiers', i.dossierId, { docTotal: dossier.docTotal, searchText: dossier.searchText, updatedAt: i.addedAt });
    return before + 1;
  }

  async filingRead(dossierId: number, kind: 'incoming' | 'outgoing', docId: number): Promise<FilingRead> {
    const row = await this.one<DossierRow & { vtSecret: unknown }>(
      `SELECT d.*, (SELECT CAST(count(*) AS INTEGER) FROM dossier_secrecy s WHERE s.dossier_id = d.id) AS vt_secret
       FROM dossiers d WHERE d.id = ?`,
      [dossierId],
    );
    if (!row) return { dossier: null, secret: false, doc: null };
    const { vtSecret, ...dossier } = row;
    return { dossier, secret: Number(vtSecret) > 0, doc: await this.filingFacts(dossierId, kind, docId) };
  }

  async unfileItem(dossierId: number, kind: string, docId: number): Promise<boolean> {
    const r = await this.sql.all('DELETE FROM dossier_items WHERE dossier_id = ? AND doc_kind = ? AND doc_id = ? RETURNING ordinal', [
      dossierId,
      kind,
      docId,
    ]);
    if (!r.length) return false;
    await this.moveAfter(dossierId, Number(r[0]!.ordinal), -1);
    return true;
  }

  /** Moves the items after ordinal `after` by `delta`, through ordinals no item holds. */
  private async moveAfter(dossierId: number, after: number, delta: number): Promise<void> {
    const moved = await this.sql.run('UPDATE dossier_items SET ordinal = ordinal + ? WHERE dossier_id = ? AND ordinal > ?', [
      SHIFT,
      dossierId,
      after,
    ]);
    if (moved) {
      await this.sql.run('UPDATE dossier_items SET ordinal = ordinal - ? WHERE dossier_id = ? AND ordinal > ?', [
        SHIFT - delta,
        dossierId,
        SHIFT,
      ]);
    }
  }

  /** The statement reading a document's facts (one `?`: its id). */
  protected factsSql(kind: 'incoming' | 'outgoing'): string {
    // The register's flag is 0/1 in SQLite and a boolean in PostgreSQL: compared as it reads.
    const secret = "CASE WHEN d.secrecy <> 'normal' OR r.confidential THEN 1 ELSE 0 END AS secret";
    return kind === 'incoming'
      ? `SELECT 'incoming' AS kind, d.id, d.arrival_date AS event_at, d.symbol, d.subject, d.secrecy, d.status, ${secret},
           r.code AS register, NULL AS drafting_unit
         FROM incoming_documents d JOIN registers r ON r.id = d.register_id WHERE d.id = ?`
      : `SELECT 'outgoing' AS kind, d.id, coalesce(d.issued_date, d.created_at) AS event_at, d.symbol, d.subject, d.secrecy, d.status, ${secret},
           r.code AS register, d.drafting_unit
         FROM outgoing_documents d JOIN registers r ON r.id = d.register_id WHERE d.id = ?`;
  }

  async docFacts(kind: 'incoming' | 'outgoing', id: number): Promise<DocFacts | null> {
    const row = await this.one<DocFacts>(this.factsSql(kind), [id]);
    return row ? { ...row, secret: Number(row.secret) === 1 } : null;
  }

  async filingFacts(dossierId: number, kind: 'incoming' | 'outgoing', docId: number): Promise<(DocFacts & { filed: boolean }) | null> {
    // One round trip instead of two: on an office server each costs as much as the work.
    const row = await this.one<DocFacts & { filed: unknown }>(
      `SELECT f.*,
         (SELECT CAST(count(*) AS INTEGER) FROM dossier_items i WHERE i.dossier_id = ? AND i.doc_kind = ? AND i.doc_id = f.id) AS filed
       FROM (${this.factsSql(kind)}) f`,
      [dossierId, kind, docId],
    );
    return row ? { ...row, secret: Number(row.secret) === 1, filed: Number(row.filed) > 0 } : null;
  }

  async metaValues(keys: readonly string[]): Promise<Record<string, string>> {
    if (!keys.length) return {};
    const rows = await this.sql.all(`SELECT key, value FROM meta WHERE key IN (${keys.map(() => '?').join(', ')})`, keys);
    return Object.fromEntries(rows.map((r) => [String(r.key), String(r.value)]));
  }

  async dossierFlags(id: number): Promise<{ held: boolean; secret: boolean }> {
    const r = await this.one<{ held: unknown; secret: unknown }>(
      `SELECT (SELECT CAST(count(*) AS INTEGER) FROM hold_items hi JOIN holds h ON h.id = hi.hold_id
                WHERE h.lifted_at IS NULL AND hi.target_kind = 'dossier' AND hi.target_id = ?) AS held,
              (SELECT CAST(count(*) AS INTEGER) FROM dossier_secrecy WHERE dossier_id = ?) AS secret`,
      [id, id],
    );
    return { held: Number(r?.held ?? 0) > 0, secret: Number(r?.secret ?? 0) > 0 };
  }

  async docFiles(docs: { kind: 'incoming' | 'outgoing'; id: number }[]): Promise<DocFile[]> {
    const out: DocFile[] = [];
    for (const d of docs) {
      if (d.kind === 'incoming') {
        out.push(
          ...(await this.rows<DocFile>(
            `SELECT 'incoming' AS kind, a.document_id AS doc_id, a.file_name AS name, a.sha256, b.size, b.mime
             FROM incoming_attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.document_id = ? ORDER BY a.id`,
            [d.id],
          )),
        );
      } else {
        // The current version (the newest stored file), then the appendices (signed when signed).
        out.push(
          ...(await this.rows<DocFile>(
            `SELECT 'outgoing' AS kind, f.outgoing_id AS doc_id, f.kind AS name, f.sha256, b.size, b.mime
             FROM outgoing_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.outgoing_id = ? AND f.kind <> 'draft'
             ORDER BY f.id DESC LIMIT 1`,
            [d.id],
          )),
          ...(await this.rows<DocFile>(
            `SELECT 'outgoing' AS kind, a.outgoing_id AS doc_id, a.file_name AS name, coalesce(a.signed_sha256, a.sha256) AS sha256, b.size, b.mime
             FROM outgoing_attachments a JOIN blobs b ON b.sha256 = coalesce(a.signed_sha256, a.sha256) WHERE a.outgoing_id = ? ORDER BY a.id`,
            [d.id],
          )),
        );
      }
    }
    return out.map((f) => ({ ...f, size: Number(f.size) }));
  }

  dossiersOfDoc(kind: 'incoming' | 'outgoing', docId: number): Promise<DossierRow[]> {
    return this.rows<DossierRow>(
      'SELECT d.* FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id WHERE i.doc_kind = ? AND i.doc_id = ? ORDER BY d.id',
      [kind, docId],
    );
  }

  async activeHoldsOn(kind: 'incoming' | 'outgoing' | 'dossier', id: number): Promise<number[]> {
    const r =
      kind === 'dossier'
        ? await this.sql.all(
            `SELECT DISTINCT h.id FROM hold_items hi JOIN holds h ON h.id = hi.hold_id
             WHERE h.lifted_at IS NULL AND hi.target_kind = 'dossier' AND hi.target_id = ? ORDER BY h.id`,
            [id],
          )
        : await this.sql.all(
            `SELECT DISTINCT h.id FROM hold_items hi JOIN holds h ON h.id = hi.hold_id
             WHERE h.lifted_at IS NULL AND ((hi.target_kind = ? AND hi.target_id = ?)
               OR (hi.target_kind = 'dossier' AND hi.target_id IN (SELECT dossier_id FROM dossier_items WHERE doc_kind = ? AND doc_id = ?)))
             ORDER BY h.id`,
            [kind, id, kind, id],
          );
    return r.map((x) => Number(x.id));
  }

  async insertHoldItem(i: HoldItemRow): Promise<void> {
    await this.sql.run('INSERT INTO hold_items (hold_id, target_kind, target_id) VALUES (?, ?, ?)', [i.holdId, i.targetKind, i.targetId]);
  }

  holdItems(holdId: number): Promise<HoldItemRow[]> {
    return this.rows<HoldItemRow>(
      'SELECT hold_id, target_kind, target_id FROM hold_items WHERE hold_id = ? ORDER BY target_kind, target_id',
      [holdId],
    );
  }

  listHolds(q: { activeOnly: boolean; limit: number; before?: number }): Promise<Row[]> {
    const parts = [...(q.activeOnly ? ['lifted_at IS NULL'] : []), ...(q.before !== undefined ? ['id < ?'] : [])];
    return this.rows<Row>(`SELECT * FROM holds ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`, [
      ...(q.before !== undefined ? [q.before] : []),
      q.limit,
    ]);
  }

  listUsage(q: { from?: string; to?: string; limit: number; after?: number }): Promise<Row[]> {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (part: string, value: unknown) => {
      parts.push(part);
      params.push(value);
    };
    if (q.from !== undefined) add('used_on >= ?', q.from);
    if (q.to !== undefined) add('used_on <= ?', q.to);
    if (q.after !== undefined) add('id > ?', q.after);
    return this.rows<Row>(`SELECT * FROM usage_register ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY id LIMIT ?`, [
      ...params,
      q.limit,
    ]);
  }

  dueDossiers(q: { until: string; limit: number; after?: { due: string; id: number }; publicOnly?: boolean }): Promise<DueRow[]> {
    const params: unknown[] = [q.until];
    let extra = '';
    if (q.after) {
      extra += ' AND (u.due > ? OR (u.due = ? AND u.dossier_id > ?))';
      params.push(q.after.due, q.after.due, q.after.id);
    }
    // An anti-join probing the secrecy key per row read in due order (NOT IN read the whole set into a hash first).
    if (q.publicOnly) extra += ' AND NOT EXISTS (SELECT 1 FROM dossier_secrecy s WHERE s.dossier_id = u.dossier_id)';
    params.push(q.limit);
    return this.rows<DueRow>(
      `SELECT d.id, d.code, d.year, d.title, d.retention_years, d.end_date, d.due_date, d.keep_back_until, u.due AS handover_due
       FROM dossier_due u JOIN dossiers d ON d.id = u.dossier_id
       WHERE u.due <= ?${extra} ORDER BY u.due, u.dossier_id LIMIT ?`,
      params,
    );
  }

  private expiredWhere(year: number, publicOnly: boolean | undefined): { text: string; params: unknown[] } {
    return {
      text: `d.expiry_year IS NOT NULL AND d.expiry_year <= ? AND d.state IN ('closed', 'accepted')${publicOnly ? ` AND ${NOT_SECRET}` : ''}`,
      params: [year],
    };
  }

  expiredDossiers(q: {
    year: number;
    limit: number;
    after?: { expiryYear: number; year: number; code: string };
    publicOnly?: boolean;
  }): Promise<DossierRow[]> {
    const w = this.expiredWhere(q.year, q.publicOnly);
    const params = [...w.params];
    let keyset = '';
    if (q.after) {
      const a = q.after;
      keyset = ' AND (d.expiry_year > ? OR (d.expiry_year = ? AND (d.year > ? OR (d.year = ? AND d.code > ?))))';
      params.push(a.expiryYear, a.expiryYear, a.year, a.year, a.code);
    }
    return this.rows<DossierRow>(`SELECT d.* FROM dossiers d WHERE ${w.text}${keyset} ORDER BY d.expiry_year, d.year, d.code LIMIT ?`, [
      ...params,
      q.limit,
    ]);
  }

  async countExpired(year: number, publicOnly: boolean): Promise<number> {
    const w = this.expiredWhere(year, publicOnly);
    const r = await this.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM dossiers d WHERE ${w.text}`, w.params);
    return Number(r?.n ?? 0);
  }

  async dossierFiles(dossierId: number): Promise<DocFile[]> {
    // As docFiles, for all the dossier's documents at once: the outgoing one's current version
    // is its newest stored file that is not a draft.
    const rows = await this.rows<DocFile>(
      `SELECT 'incoming' AS kind, a.document_id AS doc_id, a.file_name AS name, a.sha256, b.size, b.mime, a.id AS o
       FROM dossier_items i JOIN incoming_attachments a ON a.document_id = i.doc_id JOIN blobs b ON b.sha256 = a.sha256
       WHERE i.dossier_id = ? AND i.doc_kind = 'incoming'
       UNION ALL
       SELECT 'outgoing', f.outgoing_id, f.kind, f.sha256, b.size, b.mime, 0
       FROM dossier_items i JOIN outgoing_files f ON f.outgoing_id = i.doc_id JOIN blobs b ON b.sha256 = f.sha256
       WHERE i.dossier_id = ? AND i.doc_kind = 'outgoing'
         AND f.id = (SELECT max(g.id) FROM outgoing_files g WHERE g.outgoing_id = f.outgoing_id AND g.kind <> 'draft')
       UNION ALL
       SELECT 'outgoing', a.outgoing_id, a.file_name, coalesce(a.signed_sha256, a.sha256), b.size, b.mime, a.id
       FROM dossier_items i JOIN outgoing_attachments a ON a.outgoing_id = i.doc_id JOIN blobs b ON b.sha256 = coalesce(a.signed_sha256, a.sha256)
       WHERE i.dossier_id = ? AND i.doc_kind = 'outgoing'
       ORDER BY 2, 7`,
      [dossierId, dossierId, dossierId],
    );
    return rows.map(({ kind, docId, name, sha256, size, mime }) => ({ kind, docId, name, sha256, size: Number(size), mime }));
  }

  async heldDossiers(ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const r = await this.sql.all(
      `SELECT DISTINCT hi.target_id AS id FROM hold_items hi JOIN holds h ON h.id = hi.hold_id
       WHERE h.lifted_at IS NULL AND hi.target_kind = 'dossier' AND hi.target_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Set(r.map((x) => Number(x.id)));
  }

  async isSecret(dossierId: number): Promise<boolean> {
    return (await this.secretDossiers([dossierId])).has(dossierId);
  }

  async secretDossiers(ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const r = await this.sql.all(
      `SELECT dossier_id AS id FROM dossier_secrecy WHERE dossier_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Set(r.map((x) => Number(x.id)));
  }

  async dossierHiddenReason(_dossierId: number): Promise<'unit' | 'confidential' | null> {
    // One PC's connection reads every row: nothing is hidden by the store.
    return null;
  }

  async insertHandoverItem(handoverId: number, dossierId: number, ordinal: number): Promise<void> {
    await this.sql.run('INSERT INTO handover_items (handover_id, dossier_id, ordinal) VALUES (?, ?, ?)', [handoverId, dossierId, ordinal]);
  }

  handoverDossiers(handoverId: number): Promise<DossierRow[]> {
    return this.rows<DossierRow>(
      'SELECT d.* FROM handover_items i JOIN dossiers d ON d.id = i.dossier_id WHERE i.handover_id = ? ORDER BY i.ordinal',
      [handoverId],
    );
  }

  async insertDestructionItem(destructionId: number, dossierId: number): Promise<void> {
    await this.sql.run('INSERT INTO destruction_items (destruction_id, dossier_id) VALUES (?, ?)', [destructionId, dossierId]);
  }

  destructionDossiers(destructionId: number): Promise<DossierRow[]> {
    return this.rows<DossierRow>(
      'SELECT d.* FROM destruction_items i JOIN dossiers d ON d.id = i.dossier_id WHERE i.destruction_id = ? ORDER BY d.year, d.code',
      [destructionId],
    );
  }

  async blobStillNeeded(sha256: string, exceptDossiers: number[]): Promise<boolean> {
    // A content is still needed by any document that is not filed only in the dossiers being destroyed.
    const marks = exceptDossiers.map(() => '?').join(', ') || 'NULL';
    const r = await this.sql.all(
      `SELECT 1 AS x FROM incoming_attachments a WHERE a.sha256 = ?
         AND NOT EXISTS (SELECT 1 FROM dossier_items i WHERE i.doc_kind = 'incoming' AND i.doc_id = a.document_id AND i.dossier_id IN (${marks}))
       UNION ALL
       SELECT 1 FROM incoming_attachments a WHERE a.sha256 = ? AND EXISTS (SELECT 1 FROM dossier_items i
         WHERE i.doc_kind = 'incoming' AND i.doc_id = a.document_id AND i.dossier_id NOT IN (${marks}))
       UNION ALL
       SELECT 1 FROM outgoing_files f WHERE f.sha256 = ?
         AND NOT EXISTS (SELECT 1 FROM dossier_items i WHERE i.doc_kind = 'outgoing' AND i.doc_id = f.outgoing_id AND i.dossier_id IN (${marks}))
       UNION ALL
       SELECT 1 FROM outgoing_files f WHERE f.sha256 = ? AND EXISTS (SELECT 1 FROM dossier_items i
         WHERE i.doc_kind = 'outgoing' AND i.doc_id = f.outgoing_id AND i.dossier_id NOT IN (${marks}))
       UNION ALL
       SELECT 1 FROM outgoing_attachments a WHERE (a.sha256 = ? OR a.signed_sha256 = ?)
         AND NOT EXISTS (SELECT 1 FROM dossier_items i WHERE i.doc_kind = 'outgoing' AND i.doc_id = a.outgoing_id AND i.dossier_id IN (${marks}))
       LIMIT 1`,
      [
        sha256,
        ...exceptDossiers,
        sha256,
        ...exceptDossiers,
        sha256,
        ...exceptDossiers,
        sha256,
        ...exceptDossiers,
        sha256,
        sha256,
        ...exceptDossiers,
      ],
    );
    return r.length > 0;
  }

  tombstones(destructionId: number): Promise<Row[]> {
    return this.rows<Row>('SELECT * FROM destruction_tombstones WHERE destruction_id = ? ORDER BY id', [destructionId]);
  }

  async dueCounts(asOf: string, remindUntil: string, publicOnly = false): Promise<{ total: number; overdue: number; reminders: number }> {
    // Range counts on the due index (migration 0150), reading index entries only; without the
    // grant, the confidential ones among them (a few, found from their own list) are taken off.
    const counts = async (from: string) => {
      const r = await this.one<{ total: number; overdue: number; reminders: number }>(
        `SELECT (SELECT CAST(count(*) AS INTEGER) FROM ${from}) AS total,
           (SELECT CAST(count(*) AS INTEGER) FROM ${from} AND u.due < ?) AS overdue,
           (SELECT CAST(count(*) AS INTEGER) FROM ${from} AND u.due <= ?) AS reminders`,
        [asOf, remindUntil],
      );
      return { total: Number(r?.total ?? 0), overdue: Number(r?.overdue ?? 0), reminders: Number(r?.reminders ?? 0) };
    };
    const all = await this.allDueCounts(asOf, remindUntil, counts);
    if (!publicOnly) return all;
    // The confidential ones are few: one pass over them, each looking up its own due date by
    // key. (As a join, PostgreSQL hashed the whole due table, three times: 60 ms at 100,000.)
    const r = await this.one<{ total: unknown; overdue: unknown; reminders: unknown }>(
      `SELECT CAST(count(x.due) AS INTEGER) AS total,
         CAST(coalesce(sum(CASE WHEN x.due < ? THEN 1 ELSE 0 END), 0) AS INTEGER) AS overdue,
         CAST(coalesce(sum(CASE WHEN x.due <= ? THEN 1 ELSE 0 END), 0) AS INTEGER) AS reminders
       FROM (SELECT (SELECT u.due FROM dossier_due u WHERE u.dossier_id = s.dossier_id) AS due FROM dossier_secrecy s) x`,
      [asOf, remindUntil],
    );
    const secret = { total: Number(r?.total ?? 0), overdue: Number(r?.overdue ?? 0), reminders: Number(r?.reminders ?? 0) };
    return { total: all.total - secret.total, overdue: all.overdue - secret.overdue, reminders: all.reminders - secret.reminders };
  }

  /** The counts of the whole due index: three range counts, each reading index entries only (SQLite). */
  protected allDueCounts(
    _asOf: string,
    _remindUntil: string,
    counts: (from: string) => Promise<{ total: number; overdue: number; reminders: number }>,
  ): Promise<{ total: number; overdue: number; reminders: number }> {
    return counts("dossier_due u WHERE u.due > ''");
  }

  listBatches(
    t: 'handovers' | 'destructions',
    q: { status?: string; limit: number; before?: number; publicOnly?: boolean },
  ): Promise<Row[]> {
    const items = t === 'handovers' ? 'handover_items i WHERE i.handover_id = b.id' : 'destruction_items i WHERE i.destruction_id = b.id';
    const secret = 'EXISTS (SELECT 1 FROM dossier_secrecy s WHERE s.dossier_id = i.dossier_id)';
    const parts: string[] = [];
    const params: unknown[] = [];
    if (q.status !== undefined) {
      parts.push('b.status = ?');
      params.push(q.status);
    }
    if (q.before !== undefined) {
      parts.push('b.id < ?');
      params.push(q.before);
    }
    return this.rows<Row>(
      `SELECT b.*,
         (SELECT CAST(count(*) AS INTEGER) FROM ${items}${q.publicOnly ? ` AND NOT ${secret}` : ''}) AS dossier_count,
         (SELECT CAST(count(*) AS INTEGER) FROM ${items} AND ${secret}) AS secret_count
       FROM ${table(t)} b ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY b.id DESC LIMIT ?`,
      [...params, q.limit],
    );
  }

  async countBatches(t: 'handovers' | 'destructions', status?: string): Promise<number> {
    const r = await this.one<{ n: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM ${table(t)}${status !== undefined ? ' WHERE status = ?' : ''}`,
      status !== undefined ? [status] : [],
    );
    return Number(r?.n ?? 0);
  }

  listRows(
    t: 'destructions' | 'handovers' | 'handover_packages' | 'usage_register' | 'keep_backs' | 'archive_corrections' | 'removed_blobs',
    where: Row = {},
    limit = 1000,
  ): Promise<Row[]> {
    const keys = Object.keys(where);
    const w = keys.length ? `WHERE ${keys.map((k) => `${column(k)} = ?`).join(' AND ')}` : '';
    const order = t === 'removed_blobs' ? 'sha256' : 'id DESC';
    return this.rows<Row>(`SELECT * FROM ${table(t)} ${w} ORDER BY ${order} LIMIT ?`, [...keys.map((k) => where[k]), limit]);
  }
}

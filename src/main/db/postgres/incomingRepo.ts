import type { ContentPage } from '../../../shared/domain/capture.js';
import type { AttachmentInfo, IncomingFields, IncomingRecord } from '../../../shared/domain/incoming.js';
import { addDays, parseInstant } from '../../../shared/text/dates.js';
import type {
  AtOnceRegistration,
  AtOnceResult,
  ExistingRef,
  HiddenReason,
  IncomingRepository,
  ListQuery,
  ListScope,
  NewIncomingRow,
  SearchPage,
  SearchQuery,
  Visibility,
} from '../../store/ports.js';
import { COLUMN_OF, toRecord, type IncomingRow } from '../sqlite/incomingRows.js';
import { SLOTS_PER_SECOND, sortKeyBase } from '../sqlite/sortKey.js';
import { insertIncoming, registerIncomingAtOnce } from './incomingWrite.js';
import { WRITE_LOCK } from './writeLock.js';
import { incomingVisibilityPg } from './visibilitySql.js';
import { countIncomingPg, searchIncomingPg } from './incomingSearch.js';
import { incomingSearchColumns, symbolKeyOf, tsvectorLiteral, typeKeyOf } from './tsvector.js';
import { BulkState, type Tx } from './tx.js';

export const SELECT_INCOMING = `SELECT d.id, d.year, d.arrival_number, d.sort_key, d.arrival_date, d.organ_name, d.symbol,
  d.code_number, d.code_notation, d.issued_date, d.type_name, d.subject, d.signer_name, d.signer_position, d.page_amount,
  d.urgency, d.secrecy, d.channel, d.to_places, d.due_date, d.description, d.status, d.void_reason, d.created_at,
  d.updated_at, r.code AS register_code
  FROM incoming_documents d JOIN registers r ON r.id = d.register_id`;

export class PgIncomingRepository implements IncomingRepository {
  readonly importSearchText = 'pgVector';

  constructor(private readonly tx: Tx) {}

  private get q() {
    return this.tx.q;
  }

  async insert(r: NewIncomingRow): Promise<number> {
    if (this.tx.bulk) return this.tx.bulk.insert(r);
    return insertIncoming(this.q, r);
  }

  async registerAtOnce(r: AtOnceRegistration): Promise<AtOnceResult> {
    return registerIncomingAtOnce(this.q, WRITE_LOCK, r);
  }

  private async attachmentsFor(ids: number[]): Promise<Map<number, AttachmentInfo[]>> {
    const out = new Map<number, AttachmentInfo[]>();
    if (ids.length === 0) return out;
    const rows = await this.q.rows<Omit<AttachmentInfo, 'verification'> & { documentId: number; verification: string | null }>(
      `SELECT a.document_id AS "documentId", a.id, a.file_name AS "fileName", a.sha256, b.size, b.mime, a.verification
       FROM incoming_attachments a JOIN blobs b USING (sha256)
       WHERE a.document_id = ANY($1::int[]) ORDER BY a.id`,
      [ids],
    );
    for (const { documentId, verification, ...a } of rows) {
      const list = out.get(documentId) ?? [];
      list.push({ ...a, verification: verification ? JSON.parse(verification) : null });
      out.set(documentId, list);
    }
    return out;
  }

  private async withAttachments(rows: IncomingRow[]): Promise<IncomingRecord[]> {
    const att = await this.attachmentsFor(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, att.get(r.id) ?? []));
  }

  async get(id: number): Promise<IncomingRecord | null> {
    await this.tx.flush();
    const row = await this.q.one<IncomingRow>(`${SELECT_INCOMING} WHERE d.id = $1`, [id]);
    return row ? (await this.withAttachments([row]))[0]! : null;
  }

  async whyHidden(id: number): Promise<HiddenReason | null> {
    await this.tx.flush();
    return (await this.q.one<{ why: HiddenReason | null }>(`SELECT vt_hidden_reason('incoming', $1) AS why`, [id]))?.why ?? null;
  }

  async getMany(ids: number[]): Promise<IncomingRecord[]> {
    await this.tx.flush();
    const rows = await this.q.rows<IncomingRow>(`${SELECT_INCOMING} WHERE d.id = ANY($1::int[])`, [ids]);
    const byId = new Map((await this.withAttachments(rows)).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is IncomingRecord => !!r);
  }

  async getBySortKeys(keys: number[]): Promise<IncomingRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.q.rows<IncomingRow>(`${SELECT_INCOMING} WHERE d.sort_key = ANY($1::bigint[])`, [keys]);
    const byKey = new Map(rows.map((r) => [r.sort_key, r]));
    return this.withAttachments(keys.map((k) => byKey.get(k)).filter((r): r is IncomingRow => !!r));
  }

  async findDuplicate(dupKey: string, excludeId?: number): Promise<ExistingRef | null> {
    if (this.tx.bulk && !(await this.tx.bulk.mayHaveDuplicate(dupKey))) {
      const pending = this.tx.bulk.pendingDuplicate(dupKey);
      return pending && pending.id !== excludeId ? pending : null;
    }
    const row = await this.q.one<ExistingRef>(
      `SELECT d.id, r.code AS register, d.year, d.arrival_number AS "arrivalNumber"
       FROM incoming_documents d JOIN registers r ON r.id = d.register_id
       WHERE d.dup_key = $1 AND d.id IS DISTINCT FROM $2 AND d.status <> 'voided' ORDER BY d.id LIMIT 1`,
      [dupKey, excludeId ?? null],
    );
    if (row) return row;
    const pending = this.tx.bulk?.pendingDuplicate(dupKey);
    return pending && pending.id !== excludeId ? pending : null;
  }

  async numberTaken(registerId: number, year: number, n: number): Promise<boolean> {
    if (this.tx.bulk?.pendingNumber(registerId, year, n)) return true;
    return !!(await this.q.one('SELECT 1 FROM incoming_documents WHERE register_id = $1 AND year = $2 AND arrival_number = $3', [
      registerId,
      year,
      n,
    ]));
  }

  async update(id: number, fields: Partial<IncomingFields> & { dupKey?: string | null }, updatedAt: string): Promise<void> {
    await this.tx.flush();
    const sets: string[] = [];
    const values: unknown[] = [];
    const add = (col: string, v: unknown, cast = '') => {
      values.push(v);
      sets.push(`${col} = $${values.length}${cast}`);
    };
    for (const [k, v] of Object.entries(fields)) {
      const col = COLUMN_OF[k];
      if (!col) throw new Error(`no column for ${k}`);
      add(col, v);
    }
    // The search columns follow the text they are made of.
    const cur = await this.q.one<{
      subject: string;
      organ_name: string;
      symbol: string | null;
      signer_name: string | null;
      description: string | null;
      type_name: string;
    }>('SELECT subject, organ_name, symbol, signer_name, description, type_name FROM incoming_documents WHERE id = $1', [id]);
    if (!cur) return;
    const next = {
      subject: fields.subject ?? cur.subject,
      organName: fields.organName ?? cur.organ_name,
      symbol: 'symbol' in fields ? (fields.symbol ?? null) : cur.symbol,
      signerName: 'signerName' in fields ? (fields.signerName ?? null) : cur.signer_name,
      description: 'description' in fields ? (fields.description ?? null) : cur.description,
    };
    add('search_tsv', incomingSearchColumns(next), '::tsvector');
    add('symbol_key', symbolKeyOf(next.symbol));
    add('type_fold', typeKeyOf(fields.typeName ?? cur.type_name));
    if (fields.arrivalDate) {
      const base = sortKeyBase(parseInstant(fields.arrivalDate)!);
      // Among all documents, confidential ones included (see incomingWrite.ts).
      const row = await this.q.one<{ k: number }>('SELECT vt_sort_key_after($1, $2) AS k', [base, SLOTS_PER_SECOND]);
      add('sort_key', row!.k);
    }
    add('updated_at', updatedAt);
    values.push(id);
    // Column names come from COLUMN_OF, never from input; values are bound.
    await this.q.dyn(`UPDATE incoming_documents SET ${sets.join(', ')} WHERE id = $${values.length}`, values);
  }

  async setVoided(id: number, reason: string, at: string): Promise<void> {
    await this.tx.flush();
    await this.q.run(`UPDATE incoming_documents SET status = 'voided', void_reason = $1, voided_at = $2, updated_at = $2 WHERE id = $3`, [
      reason,
      at,
      id,
    ]);
  }

  /** WHERE terms (placeholders numbered into `params`) and key column of a list (see ListScope). */
  private listScope(q: ListScope, params: unknown[]): { where: string[]; key: string; byNumber: boolean } {
    const where: string[] = [];
    if (!q.includeVoided) where.push("d.status <> 'voided'");
    if (q.registerId !== undefined) {
      params.push(q.registerId);
      where.push(`d.register_id = $${params.length}`);
    }
    if (q.year !== undefined) {
      params.push(q.year);
      where.push(`d.year = $${params.length}`);
    }
    if (q.arrivalFrom) {
      params.push(sortKeyBase(parseInstant(q.arrivalFrom)!));
      where.push(`d.sort_key >= $${params.length}`);
    }
    if (q.arrivalTo) {
      params.push(sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!));
      where.push(`d.sort_key < $${params.length}`);
    }
    where.push(...incomingVisibilityPg(q.visible, params));
    const byNumber = q.registerId !== undefined && q.year !== undefined;
    return { where, key: byNumber ? 'd.arrival_number' : 'd.sort_key', byNumber };
  }

  async list(q: ListQuery): Promise<{ items: IncomingRecord[]; lastKey: number | null }> {
    await this.tx.flush();
    const params: unknown[] = [];
    const { where, key, byNumber } = this.listScope(q, params);
    if (q.after !== undefined) {
      params.push(q.after);
      where.push(`${key} < $${params.length}`);
    }
    if (q.skip) {
      // The page starts at the key `skip` rows further on, found on the key's index alone.
      const rest = where.length ? 'WHERE ' + where.join(' AND ') : '';
      params.push(q.skip);
      where.push(`${key} <= (SELECT ${key} FROM incoming_documents d ${rest} ORDER BY ${key} DESC OFFSET $${params.length} LIMIT 1)`);
    }
    params.push(q.limit);
    const sql = `${SELECT_INCOMING} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${key} DESC LIMIT $${params.length}`;
    const rows = await this.q.rows<IncomingRow>(sql, params);
    const last = rows[rows.length - 1];
    return { items: await this.withAttachments(rows), lastKey: last ? (byNumber ? last.arrival_number : last.sort_key) : null };
  }

  async listKeyRange(scope: ListScope): Promise<{ first: number; last: number } | null> {
    await this.tx.flush();
    const params: unknown[] = [];
    const { where, key } = this.listScope(scope, params);
    const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
    const row = await this.q.one<{ first: number | null; last: number | null }>(
      `SELECT (SELECT max(${key}) FROM incoming_documents d ${w}) AS first, (SELECT min(${key}) FROM incoming_documents d ${w}) AS last`,
      params,
    );
    return !row || row.first === null || row.last === null ? null : { first: Number(row.first), last: Number(row.last) };
  }

  async countListKeys(scope: ListScope, bounds: number[]): Promise<number[]> {
    if (bounds.length < 2) return [];
    await this.tx.flush();
    const params: unknown[] = [];
    const { where, key } = this.listScope(scope, params);
    params.push(bounds.slice(0, -1), bounds.slice(1));
    const hi = `$${params.length - 1}::bigint[]`;
    const lo = `$${params.length}::bigint[]`;
    // One index range count per part, in one round trip.
    const rows = await this.q.rows<{ n: number }>(
      `SELECT (SELECT count(*) FROM incoming_documents d WHERE ${[...where, `${key} < b.hi`, `${key} >= b.lo`].join(' AND ')}) AS n
       FROM unnest(${hi}, ${lo}) WITH ORDINALITY AS b(hi, lo, i) ORDER BY b.i`,
      params,
    );
    return rows.map((r) => Number(r.n));
  }

  async search(q: SearchQuery): Promise<SearchPage> {
    await this.tx.flush();
    const { total, totalCapped, keys, last } = await searchIncomingPg(this.q, q);
    return { total, totalCapped, items: await this.getBySortKeys(keys), last };
  }

  async searchCount(q: SearchQuery): Promise<number> {
    await this.tx.flush();
    return countIncomingPg(this.q, q);
  }

  async indexContent(documentId: number): Promise<void> {
    await this.tx.flush();
    const pages = await this.q.rows<{ text: string }>(
      `SELECT p.text FROM incoming_attachments a JOIN blob_pages p ON p.sha256 = a.sha256
       WHERE a.document_id = $1 ORDER BY a.id, p.page`,
      [documentId],
    );
    // Deleted and written again (no UPDATE: the clerk's role may insert and delete content rows only).
    await this.q.run('DELETE FROM incoming_content WHERE document_id = $1', [documentId]);
    if (!pages.length) return;
    // The same words as the SQLite content index: folded, one run of text (pages joined).
    const tsv = tsvectorLiteral([[pages.map((p) => p.text).join('\n'), 'D']]);
    await this.q.run(`INSERT INTO incoming_content (document_id, tsv) VALUES ($1, $2::tsvector)`, [documentId, tsv]);
  }

  async contentPages(documentIds: number[]): Promise<ContentPage[]> {
    if (!documentIds.length) return [];
    await this.tx.flush();
    return this.q.rows<ContentPage>(
      `SELECT a.document_id AS "documentId", a.id AS "attachmentId", a.file_name AS "fileName", p.page, p.text
       FROM incoming_attachments a JOIN blob_pages p ON p.sha256 = a.sha256
       WHERE a.document_id = ANY($1::int[]) ORDER BY a.document_id, a.id, p.page`,
      [documentIds],
    );
  }

  async forBook(registerId: number, year: number, visible?: Visibility): Promise<IncomingRecord[]> {
    await this.tx.flush();
    const params: unknown[] = [registerId, year];
    const where = ['d.register_id = $1', 'd.year = $2', ...incomingVisibilityPg(visible, params)];
    const rows = await this.q.rows<IncomingRow>(`${SELECT_INCOMING} WHERE ${where.join(' AND ')} ORDER BY d.arrival_number`, params);
    return rows.map((r) => toRecord(r));
  }

  async organNames(foldedPrefix: string, limit: number): Promise<string[]> {
    await this.tx.flush();
    // The same range as the SQLite store: folded >= prefix and < prefix || U+10FFFF.
    const rows = await this.q.rows<{ name: string }>(
      `SELECT name FROM incoming_organs WHERE folded >= $1 AND folded < $1 || chr(1114111) ORDER BY uses DESC, name LIMIT $2`,
      [foldedPrefix, limit],
    );
    return rows.map((r) => r.name);
  }

  async count(visible?: Visibility): Promise<number> {
    await this.tx.flush();
    if (!visible) return (await this.q.one<{ n: number }>('SELECT count(*) AS n FROM incoming_documents'))!.n;
    const params: unknown[] = [];
    const where = incomingVisibilityPg(visible, params);
    return Number(
      (await this.q.one<{ n: number }>(`SELECT count(*) AS n FROM incoming_documents d WHERE ${where.join(' AND ')}`, params))!.n,
    );
  }

  /**
   * A bulk import: rows, numbers and audit entries are held and written a few thousand
   * at a time (one round trip each instead of one per document), in the same transaction.
   */
  async setBulkIndexing(on: boolean): Promise<void> {
    if (on && !this.tx.bulk) {
      // An import of a big file may take minutes: lift the per-statement limit for it.
      await this.q.run('SET LOCAL statement_timeout = 0');
      this.tx.bulk = new BulkState(this.q);
    } else if (!on && this.tx.bulk) {
      await this.tx.bulk.flush();
      this.tx.bulk = null;
    }
  }

  async indexRange(fromId: number, toId: number): Promise<void> {
    // Rows are indexed as they are written; a large import refreshes the planner's
    // statistics so the next searches are planned for the new table size.
    await this.tx.flush();
    if (toId - fromId >= 10_000) await this.q.run('ANALYZE incoming_documents');
  }
}

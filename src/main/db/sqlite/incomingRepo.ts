import { CONTENT_BODY, CONTENT_TAGS } from '../migrations/0130-content-search.js';
import type { AttachmentInfo, IncomingFields, IncomingRecord } from '../../../shared/domain/incoming.js';
import { addDays, parseInstant } from '../../../shared/text/dates.js';
import type {
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
import { COLUMN_OF, SELECT_INCOMING, SELECT_INCOMING_LISTED, toRecord, type IncomingRow } from './incomingRows.js';
import type { ContentPage } from '../../../shared/domain/capture.js';
import { countIncoming, searchIncoming, searchMapOff } from './incomingSearch.js';
import { incomingVisibilitySql } from './visibilitySql.js';
import { documentTags, NO_DOCUMENT, TAG_NUMBER_SQL, TAG_TOKEN_SQL } from './searchTags.js';
import { SLOTS_PER_SECOND, sortKeyBase } from './sortKey.js';
import { fnv1a } from '../../../shared/text/fnv.js';
import { withSorterArena } from './sorterArena.js';
import type { Statements } from './statements.js';
import { searchTextOf, type SearchText } from '../../search/searchText.js';
import type { SqliteRegisterRepository } from './registerRepo.js';

/** FTS5's in-memory index before it writes a segment: 1 MiB by default, 48 MiB in a bulk import. */
const BULK_FTS_HASH_BYTES = 48 << 20;
const DEFAULT_FTS_HASH_BYTES = 1 << 20;
/**
 * The symbol index's in a bulk import: small enough that a large import writes it in several
 * segments. 'optimize' leaves a lone segment where it is, on level 0, where the next
 * documents' segments would crisis-merge with it (21 MB rewritten by the 15th add after a
 * 300,000-document import); several segments are merged onto a level of their own.
 */
const BULK_SYMBOL_HASH_BYTES = 8 << 20;
/** A search index key no document has (documents' keys come from their arrival time). */
const PLACEHOLDER_KEY = Number.MIN_SAFE_INTEGER;
/** No crisis merge during a bulk import (FTS5 allows up to 1,999 segments a level). */
const BULK_CRISIS_MERGE = 1000;
/**
 * Page cache of a bulk import (KiB): the indexes filled in random order (the duplicate key's:
 * 66 MiB at a million documents) stay in memory; the rest is appended in key order.
 */
const BULK_CACHE_KIB = 96 * 1024;
/**
 * Page cache (and so the sort's memory) while the duplicate-key index is built at the end of a
 * bulk import (KiB). With the sorter's arena (see buildDupIndex) a smaller cache sorts faster:
 * 8 MiB took 0.80–0.85 s of CPU at a million documents, 32 MiB 1.0–1.2 s, 96 MiB 1.2 s.
 */
const DUP_INDEX_BUILD_CACHE_KIB = 8 * 1024;

/**
 * A bulk import into a table that held at most this many documents when it began keeps every
 * duplicate key of the table in memory (see DupKeys; reading them costs about as much as this
 * many lookups) and builds the table's duplicate-key index once at the end instead of row by
 * row. A larger table keeps its index and is looked up row by row.
 */
const DUP_KEYS_UP_TO_DOCS = 50_000;

/**
 * The duplicate keys of the table during a bulk import, by hash: each key's hash and the id of
 * its document, in two typed arrays (open addressing; 16 MiB at a million keys, where a Set of
 * the keys took some 70 MB). A hash names candidate documents; the key itself is compared in
 * the table (by id), so a hash shared by two keys is never taken for a duplicate.
 *
 * The duplicate-key index is rebuilt from the table at the end of the import (one sort) rather
 * than kept row by row: a million keys in no order were inserted into it one by one, each a
 * walk down a B-tree of 66 MiB (issue 8, import speed).
 */
class DupKeys {
  private cap = 1 << 16;
  private size = 0;
  private hashes = new Int32Array(this.cap);
  /** id + 1 (0: empty slot). */
  private ids = new Int32Array(this.cap);

  add(key: string, id: number): void {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    this.put(fnv1a(key), id + 1);
    this.size++;
  }

  /** Ids of documents whose key has this key's hash, smallest first. */
  candidates(key: string): number[] {
    const h = fnv1a(key);
    const mask = this.cap - 1;
    const out: number[] = [];
    for (let i = h & mask; this.ids[i] !== 0; i = (i + 1) & mask) if (this.hashes[i] === h) out.push(this.ids[i]! - 1);
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  private put(h: number, idPlusOne: number): void {
    const mask = this.cap - 1;
    let i = h & mask;
    while (this.ids[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.ids[i] = idPlusOne;
  }

  private grow(): void {
    const [hashes, ids] = [this.hashes, this.ids];
    this.cap *= 2;
    this.hashes = new Int32Array(this.cap);
    this.ids = new Int32Array(this.cap);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.put(hashes[i]!, ids[i]!);
  }
}

export class SqliteIncomingRepository implements IncomingRepository {
  /** In a bulk import: the new rows' words, written to search_words once at the end (indexRange). */
  private txWords = new Set<string>();
  private bulk = false;
  /** In a bulk import: senders seen (folded → latest spelling and count), written once at the end. */
  private bulkOrgans = new Map<string, { name: string; uses: number }>();
  /** In a bulk import: the index tokens of the tags seen (tag → token; see tagTokens). */
  private bulkTagTokens = new Map<string, string>();
  private normalCacheSize: unknown = null;
  /** The highest document id when the bulk import began (ids are never reused: documents are voided, not deleted). */
  private docsBeforeBulk = 0;
  /** In a bulk import: the highest sort key in the table (see sortKeyFor). */
  private bulkMaxKey = -Infinity;
  /**
   * In a bulk import into a small table: every duplicate key of the table by hash (see
   * findDuplicate), while the duplicate-key index is dropped (its SQL in droppedDupIndex, to
   * build it again at the end). Null otherwise: each row is then looked up in the index, as for one add.
   */
  private bulkDupKeys: DupKeys | null = null;
  private droppedDupIndex: string | null = null;

  constructor(
    private readonly s: Statements,
    private readonly registers?: SqliteRegisterRepository,
  ) {}

  /** Called by the store when a write transaction ends. */
  transactionEnded(): void {
    this.txWords.clear();
    this.bulkOrgans.clear();
    this.bulkTagTokens.clear();
    this.s.bulkCounters = null;
    this.bulkDupKeys = null;
    this.droppedDupIndex = null;
  }

  /**
   * Keeps search_words complete: every word of the indexed text of a written row. In a
   * bulk import the new words are written once, by indexRange.
   */
  private noteWords(words: readonly string[]): void {
    if (this.bulk) {
      for (const w of words) this.txWords.add(w);
      return;
    }
    // One lookup per word in the words' primary key (a word already there writes nothing):
    // no copy of the whole vocabulary in memory, which a fresh process (every CLI command)
    // would read in full — tens of milliseconds at 100,000 documents — to register one document.
    const add = this.s.get('INSERT OR IGNORE INTO search_words (word) VALUES (?)');
    for (const w of words) add.run(w);
  }

  /**
   * A free sort key in the arrival second's slot range. In a bulk import a second later than
   * every key in the table needs no lookup (an import in arrival order: nearly every row).
   */
  private sortKeyFor(arrivalDate: string, arrivalMs?: number): number {
    const base = sortKeyBase(arrivalMs ?? parseInstant(arrivalDate)!);
    if (this.bulk && base > this.bulkMaxKey) return (this.bulkMaxKey = base);
    const row = this.s
      .get('SELECT max(sort_key) AS k FROM incoming_documents WHERE sort_key >= ? AND sort_key < ?')
      .get(base, base + SLOTS_PER_SECOND) as { k: number | null };
    const key = row.k === null ? base : row.k + 1;
    if (this.bulk && key > this.bulkMaxKey) this.bulkMaxKey = key;
    return key;
  }

  async insert(r: NewIncomingRow): Promise<number> {
    const text = r.searchText ?? searchTextOf(r);
    this.noteWords(text.words);
    const sortKey = this.sortKeyFor(r.arrivalDate, r.arrivalMs);
    const info = this.s
      .get(
        `INSERT INTO incoming_documents (register_id, year, arrival_number, sort_key, arrival_date, organ_name, symbol,
           code_number, code_notation, issued_date, type_name, subject, signer_name, signer_position, page_amount,
           urgency, secrecy, channel, to_places, due_date, description, dup_key, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.registerId,
        r.year,
        r.arrivalNumber,
        sortKey,
        r.arrivalDate,
        r.organName,
        r.symbol,
        r.codeNumber,
        r.codeNotation,
        r.issuedDate,
        r.typeName,
        r.subject,
        r.signerName,
        r.signerPosition,
        r.pageAmount,
        r.urgency,
        r.secrecy,
        r.channel,
        r.toPlaces,
        r.dueDate,
        r.description,
        r.dupKey,
        r.createdAt,
        r.createdBy,
        r.createdAt,
      );
    const id = Number(info.lastInsertRowid);
    if (r.dupKey !== null) this.bulkDupKeys?.add(r.dupKey, id);
    this.index(sortKey, r, text);
    return id;
  }

  /**
   * The search index rows of a new document (what the incoming_ai trigger wrote before
   * migration 0040; corrections still go through the incoming_au trigger, which writes the
   * same rows from the same folding).
   */
  private index(sortKey: number, r: NewIncomingRow, t: SearchText): void {
    const tags = documentTags({
      foldedType: t.type,
      urgency: r.urgency,
      secrecy: r.secrecy,
      registerId: r.registerId,
      issuedDate: r.issuedDate,
      foldedOrgan: t.organ,
    });
    this.s
      .get('INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(sortKey, t.subject, t.organ, t.symbol, t.signer, t.description, this.tagTokens(tags));
    if (t.symbolKey !== null) this.s.get('INSERT INTO incoming_symbol_fts (rowid, symbol) VALUES (?, ?)').run(sortKey, t.symbolKey);
    if (this.bulk) {
      const o = this.bulkOrgans.get(t.organ);
      if (o) {
        o.name = r.organName;
        o.uses++;
      } else this.bulkOrgans.set(t.organ, { name: r.organName, uses: 1 });
    } else {
      this.s
        .get(
          `INSERT INTO incoming_organs (folded, name, uses) VALUES (?, ?, 1)
           ON CONFLICT (folded) DO UPDATE SET uses = uses + 1, name = excluded.name`,
        )
        .run(t.organ, r.organName);
    }
  }

  /**
   * The index tokens of a document's tags (searchTags.ts), numbering new tags. A bulk import
   * keeps what it looked up (a few hundred tags for a million rows) until it ends; a single
   * add asks the table each time, so that nothing outlives a rolled-back transaction.
   */
  private tagTokens(tags: readonly string[]): string {
    const known = this.bulk ? this.bulkTagTokens : null;
    let out = '';
    for (const t of tags) {
      let token = known?.get(t);
      if (token === undefined) {
        this.s.get(TAG_NUMBER_SQL).run(t);
        token = this.s.get(TAG_TOKEN_SQL).pluck().get(t) as string;
        known?.set(t, token);
      }
      out = out === '' ? token : out + ' ' + token;
    }
    return out;
  }

  private attachmentsFor(ids: number[]): Map<number, AttachmentInfo[]> {
    const out = new Map<number, AttachmentInfo[]>();
    if (ids.length === 0) return out;
    const rows = this.s
      .get(
        `SELECT a.document_id AS documentId, a.id, a.file_name AS fileName, a.sha256, b.size, b.mime, a.verification
         FROM incoming_attachments a JOIN blobs b USING (sha256)
         WHERE a.document_id IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
      )
      .all(JSON.stringify(ids)) as (Omit<AttachmentInfo, 'verification'> & { documentId: number; verification: string | null })[];
    for (const { documentId, verification, ...a } of rows) {
      const list = out.get(documentId) ?? [];
      list.push({ ...a, verification: verification ? JSON.parse(verification) : null });
      out.set(documentId, list);
    }
    return out;
  }

  private withAttachments(rows: IncomingRow[]): IncomingRecord[] {
    const att = this.attachmentsFor(rows.map((r) => r.id));
    return rows.map((r) => toRecord(r, att.get(r.id) ?? []));
  }

  async get(id: number): Promise<IncomingRecord | null> {
    const row = this.s.get(`${SELECT_INCOMING} WHERE d.id = ?`).get(id) as IncomingRow | undefined;
    return row ? this.withAttachments([row])[0]! : null;
  }

  /** One PC has no row rules of its own: a document get() did not return does not exist. */
  async whyHidden(): Promise<HiddenReason | null> {
    return null;
  }

  async getMany(ids: number[]): Promise<IncomingRecord[]> {
    const rows = this.s.get(`${SELECT_INCOMING} WHERE d.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as IncomingRow[];
    const byId = new Map(this.withAttachments(rows).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is IncomingRecord => !!r);
  }

  /** Records for index keys, in the given order. */
  getBySortKeys(keys: number[]): IncomingRecord[] {
    if (keys.length === 0) return [];
    const rows = this.s
      .get(`${SELECT_INCOMING} WHERE d.sort_key IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(keys)) as IncomingRow[];
    const byKey = new Map(rows.map((r) => [r.sort_key, r]));
    return this.withAttachments(keys.map((k) => byKey.get(k)).filter((r): r is IncomingRow => !!r));
  }

  async findDuplicate(dupKey: string, excludeId?: number): Promise<ExistingRef | null> {
    if (this.bulkDupKeys) {
      // A bulk import: the documents whose key has this hash (nearly always none), each compared by id.
      const byId = this.s.get(
        `SELECT d.id, r.code AS register, d.year, d.arrival_number AS arrivalNumber
         FROM incoming_documents d JOIN registers r ON r.id = d.register_id
         WHERE d.id = ? AND d.dup_key = ? AND d.id IS NOT ? AND d.status != 'voided'`,
      );
      for (const id of this.bulkDupKeys.candidates(dupKey)) {
        const hit = byId.get(id, dupKey, excludeId ?? null) as ExistingRef | undefined;
        if (hit) return hit;
      }
      return null;
    }
    const row = this.s
      .get(
        `SELECT d.id, r.code AS register, d.year, d.arrival_number AS arrivalNumber
         FROM incoming_documents d JOIN registers r ON r.id = d.register_id
         WHERE d.dup_key = ? AND d.id IS NOT ? AND d.status != 'voided' ORDER BY d.id LIMIT 1`,
      )
      .get(dupKey, excludeId ?? null) as ExistingRef | undefined;
    return row ?? null;
  }

  async numberTaken(registerId: number, year: number, n: number): Promise<boolean> {
    return !!this.s
      .get('SELECT 1 FROM incoming_documents WHERE register_id = ? AND year = ? AND arrival_number = ?')
      .get(registerId, year, n);
  }

  async update(id: number, fields: Partial<IncomingFields> & { dupKey?: string | null }, updatedAt: string): Promise<void> {
    this.noteWords(
      searchTextOf({
        subject: fields.subject ?? '',
        organName: fields.organName ?? '',
        symbol: fields.symbol,
        signerName: fields.signerName,
        description: fields.description,
        typeName: '',
      }).words,
    );
    if (typeof fields.dupKey === 'string') this.bulkDupKeys?.add(fields.dupKey, id);
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [k, v] of Object.entries(fields)) {
      const col = COLUMN_OF[k];
      if (!col) throw new Error(`no column for ${k}`);
      sets.push(`${col} = ?`);
      values.push(v);
    }
    if (fields.arrivalDate) {
      sets.push('sort_key = ?');
      values.push(this.sortKeyFor(fields.arrivalDate));
    }
    sets.push('updated_at = ?');
    values.push(updatedAt, id);
    // Column names come from COLUMN_OF, never from input; values are bound.
    this.s.db.prepare(`UPDATE incoming_documents SET ${sets.join(', ')} WHERE id = ?`).run(...values);
  }

  async setVoided(id: number, reason: string, at: string): Promise<void> {
    this.s
      .get(`UPDATE incoming_documents SET status = 'voided', void_reason = ?, voided_at = ?, updated_at = ? WHERE id = ?`)
      .run(reason, at, at, id);
  }

  /** WHERE terms and key column of a list (see ListScope); the key's index answers them. */
  private listScope(q: ListScope): { where: string[]; params: unknown[]; key: string; byNumber: boolean } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!q.includeVoided) where.push("d.status != 'voided'");
    if (q.registerId !== undefined) {
      where.push('d.register_id = ?');
      params.push(q.registerId);
    }
    if (q.year !== undefined) {
      where.push('d.year = ?');
      params.push(q.year);
    }
    if (q.arrivalFrom) {
      where.push('d.sort_key >= ?');
      params.push(sortKeyBase(parseInstant(q.arrivalFrom)!));
    }
    if (q.arrivalTo) {
      where.push('d.sort_key < ?');
      params.push(sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!));
    }
    const v = incomingVisibilitySql(q.visible, 'd.sort_key', 'd.id');
    where.push(...v.where);
    params.push(...v.params);
    // With one register-year the book order (số đến) is the natural one; otherwise arrival time.
    const byNumber = q.registerId !== undefined && q.year !== undefined;
    return { where, params, key: byNumber ? 'd.arrival_number' : 'd.sort_key', byNumber };
  }

  async list(q: ListQuery): Promise<{ items: IncomingRecord[]; lastKey: number | null }> {
    const { where, params, key, byNumber } = this.listScope(q);
    if (q.after !== undefined) {
      where.push(`${key} < ?`);
      params.push(q.after);
    }
    if (q.skip) {
      // The page starts at the key `skip` rows further on, found on the key's index alone
      // (no row is read for the rows passed over); past the end it is NULL and the page empty.
      const rest = where.length ? 'WHERE ' + where.join(' AND ') : '';
      const restParams = [...params];
      where.push(`${key} <= (SELECT ${key} FROM incoming_documents d ${rest} ORDER BY ${key} DESC LIMIT 1 OFFSET ?)`);
      params.push(...restParams, q.skip);
    }
    const sql = `${SELECT_INCOMING_LISTED} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${key} DESC LIMIT ?`;
    const rows = this.s.get(sql).all(...params, q.limit) as IncomingRow[];
    const last = rows[rows.length - 1];
    return { items: this.withAttachments(rows), lastKey: last ? (byNumber ? last.arrival_number : last.sort_key) : null };
  }

  async listKeyRange(scope: ListScope): Promise<{ first: number; last: number } | null> {
    const { where, params, key } = this.listScope(scope);
    const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
    // Two subqueries: SQLite answers a lone min() or max() from the index's ends.
    const row = this.s
      .get(
        `SELECT (SELECT max(${key}) FROM incoming_documents d ${w}) AS first, (SELECT min(${key}) FROM incoming_documents d ${w}) AS last`,
      )
      .get(...params, ...params) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  async countListKeys(scope: ListScope, bounds: number[]): Promise<number[]> {
    const { where, params, key } = this.listScope(scope);
    const count = this.s.get(
      `SELECT count(*) AS n FROM incoming_documents d WHERE ${[...where, `${key} < ?`, `${key} >= ?`].join(' AND ')}`,
    );
    const counts: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) counts.push((count.get(...params, bounds[k], bounds[k + 1]) as { n: number }).n);
    return counts;
  }

  async search(q: SearchQuery): Promise<SearchPage> {
    const { total, totalCapped, keys, last } = await searchIncoming(this.s, q);
    return { total, totalCapped, items: this.getBySortKeys(keys), last };
  }

  async searchCount(q: SearchQuery): Promise<number> {
    return countIncoming(this.s, q);
  }

  async indexContent(documentId: number): Promise<void> {
    const key = this.s.get('SELECT sort_key FROM incoming_documents WHERE id = ?').pluck().get(documentId) as number | undefined;
    if (key === undefined) return;
    this.s.get('DELETE FROM incoming_content_fts WHERE rowid = ?').run(key);
    // The same statement as the incoming_content_au trigger (migration 0130).
    this.s
      .get(
        `INSERT INTO incoming_content_fts (rowid, body, organ, tags)
         SELECT d.sort_key, ${CONTENT_BODY}, vn_fold(d.organ_name), ${CONTENT_TAGS('d')}
         FROM incoming_documents d JOIN incoming_attachments a ON a.document_id = d.id JOIN blob_pages p ON p.sha256 = a.sha256
         WHERE d.id = ? GROUP BY d.id`,
      )
      .run(documentId);
  }

  async contentPages(documentIds: number[]): Promise<ContentPage[]> {
    if (!documentIds.length) return [];
    return this.s
      .get(
        `SELECT a.document_id AS documentId, a.id AS attachmentId, a.file_name AS fileName, p.page, p.text
         FROM incoming_attachments a JOIN blob_pages p ON p.sha256 = a.sha256
         WHERE a.document_id IN (SELECT value FROM json_each(?)) ORDER BY a.document_id, a.id, p.page`,
      )
      .all(JSON.stringify(documentIds)) as ContentPage[];
  }

  async forBook(registerId: number, year: number, visible?: Visibility): Promise<IncomingRecord[]> {
    const v = incomingVisibilitySql(visible, 'd.sort_key', 'd.id');
    const rows = this.s
      .get(`${SELECT_INCOMING} WHERE ${['d.register_id = ?', 'd.year = ?', ...v.where].join(' AND ')} ORDER BY d.arrival_number`)
      .all(registerId, year, ...v.params) as IncomingRow[];
    return rows.map((r) => toRecord(r));
  }

  async organNames(foldedPrefix: string, limit: number): Promise<string[]> {
    const rows = this.s
      .get(
        `SELECT name FROM incoming_organs WHERE folded >= ? AND folded < ? || char(1114111)
         ORDER BY uses DESC, name LIMIT ?`,
      )
      .all(foldedPrefix, foldedPrefix, limit) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /**
   * A bulk import (one long transaction): FTS5 keeps up to 48 MiB of new index in memory
   * before writing a segment (fewer, larger segments), the page cache is larger, register
   * counters are kept in memory (see Statements.bulkCounters) and written back when this is
   * switched off, and senders and new words are written once at the end (indexRange).
   * Switched off before the transaction ends, on success or not.
   *
   * FTS5 does not merge segments during the import (automerge 0, no crisis merge): each
   * 48 MiB flush is written once, and an import that makes up most of the index merges it
   * into one segment at the end (indexRange) — about what the incremental merges cost
   * before, but it leaves no big segments on level 0. Those were left there (a big flush
   * pulls every smaller segment down to level 0), so the single documents registered next
   * merged with them: after a 300,000-document import the 11th add took 3.7 s, rewriting
   * 113 MB of index in the clerk's transaction (issue 8, add p95).
   */
  async setBulkIndexing(on: boolean): Promise<void> {
    if (on === this.bulk) return;
    if (on) {
      this.docsBeforeBulk = (this.s.db.prepare('SELECT max(id) AS n FROM incoming_documents').get() as { n: number | null }).n ?? 0;
      this.bulkMaxKey =
        (this.s.db.prepare('SELECT max(sort_key) AS k FROM incoming_documents').get() as { k: number | null }).k ?? -Infinity;
      this.bulkDupKeys = null;
      if (this.docsBeforeBulk <= DUP_KEYS_UP_TO_DOCS) {
        const dup = new DupKeys();
        const keys = this.s.db.prepare('SELECT id, dup_key AS k FROM incoming_documents WHERE dup_key IS NOT NULL');
        for (const r of keys.iterate() as IterableIterator<{ id: number; k: string }>) dup.add(r.k, r.id);
        this.bulkDupKeys = dup;
        // Dropped in the import's transaction: a rollback (or a crash) brings it back as it was.
        const sql = (
          this.s.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'incoming_dup_key'").get() as
            { sql: string } | undefined
        )?.sql;
        if (sql) {
          this.s.db.exec('DROP INDEX incoming_dup_key');
          this.droppedDupIndex = sql;
        }
      }
      this.setFtsConfig('incoming_fts', { hashsize: BULK_FTS_HASH_BYTES, automerge: 0, crisismerge: BULK_CRISIS_MERGE });
      this.setFtsConfig('incoming_symbol_fts', { hashsize: BULK_SYMBOL_HASH_BYTES, automerge: 0, crisismerge: BULK_CRISIS_MERGE });
      this.normalCacheSize = this.s.db.pragma('cache_size', { simple: true });
      this.s.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
      // Searches map the file (incomingSearch.ts); the import and its final merge read it unmapped,
      // so that the pages they pass through do not count in this process's memory. The next search maps it again.
      this.s.db.pragma('mmap_size = 0');
      searchMapOff(this.s.db);
      this.s.bulkCounters = new Map();
    } else {
      // The last rows' index is written out while merging is still off (FTS5 flushes its
      // pending index at a savepoint); then the usual settings come back.
      this.s.db.exec('SAVEPOINT vanthu_fts_flush; RELEASE vanthu_fts_flush');
      for (const t of ['incoming_fts', 'incoming_symbol_fts'] as const)
        this.setFtsConfig(t, { hashsize: DEFAULT_FTS_HASH_BYTES, automerge: 4, crisismerge: 16 });
      if (this.droppedDupIndex !== null) {
        this.buildDupIndex(this.droppedDupIndex);
        this.droppedDupIndex = null;
      }
      this.s.db.pragma(`cache_size = ${Number(this.normalCacheSize)}`);
      this.registers?.flushBulkCounters();
      this.s.bulkCounters = null;
      this.bulkDupKeys = null;
    }
    this.bulkTagTokens.clear();
    this.bulk = on;
  }

  /**
   * Builds the duplicate-key index set aside by a bulk import from the table, in one sort, with
   * a page cache of its own size (the sort's memory follows it: the import's large cache would
   * let the sort hold the keys twice), in the sorter's arena (sorterArena.ts; a million keys:
   * ~50 MB of temporary file, unlinked, which the OS keeps in its cache).
   */
  private buildDupIndex(sql: string): void {
    this.s.db.pragma(`cache_size = -${DUP_INDEX_BUILD_CACHE_KIB}`);
    withSorterArena(this.s.db, () => this.s.db.exec(sql));
  }

  /** FTS5 settings of an incoming index (FTS5's defaults: hashsize 1 MiB, automerge 4, crisismerge 16). */
  private setFtsConfig(t: 'incoming_fts' | 'incoming_symbol_fts', values: Record<string, number>): void {
    for (const [key, value] of Object.entries(values)) {
      // The config value must be an integer literal: FTS5 refuses a bound (floating) number.
      this.s.db.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('${key}', ${Math.trunc(value)})`).run();
    }
  }

  /**
   * Ends a bulk import's indexing (its rows are already in the search index): senders and new
   * words; and when the import is at least as large as what was there before, the index is
   * merged into one segment (see setBulkIndexing) — in the import's transaction, so
   * all-or-nothing still holds. A smaller import leaves its few segments to the usual merging.
   */
  async indexRange(fromId: number, toId: number): Promise<void> {
    const add = this.s.get('INSERT OR IGNORE INTO search_words (word) VALUES (?)');
    for (const w of this.txWords) add.run(w);
    const organ = this.s.get(
      `INSERT INTO incoming_organs (folded, name, uses) VALUES (?, ?, ?)
       ON CONFLICT (folded) DO UPDATE SET uses = uses + excluded.uses, name = excluded.name`,
    );
    for (const [folded, o] of this.bulkOrgans) organ.run(folded, o.name, o.uses);
    this.bulkOrgans.clear();
    if (toId - fromId + 1 >= this.docsBeforeBulk) {
      // 'optimize' leaves a lone segment where it is — on level 0 after an import that fit in
      // one flush — so a placeholder row (no document's key, deleted again before the merge)
      // gives it a second segment, and the merge writes the index onto a level of its own.
      const fill = { incoming_fts: ['tags', NO_DOCUMENT], incoming_symbol_fts: ['symbol', NO_DOCUMENT] } as const;
      for (const [t, [column, token]] of Object.entries(fill)) {
        this.s.db.prepare(`INSERT INTO ${t} (rowid, ${column}) VALUES (?, ?)`).run(PLACEHOLDER_KEY, token);
        this.s.db.exec('SAVEPOINT vanthu_fts_flush; RELEASE vanthu_fts_flush');
        this.s.db.prepare(`DELETE FROM ${t} WHERE rowid = ?`).run(PLACEHOLDER_KEY);
        this.s.db.prepare(`INSERT INTO ${t} (${t}) VALUES ('optimize')`).run();
      }
    }
  }

  async count(visible?: Visibility): Promise<number> {
    if (!visible) return (this.s.get('SELECT count(*) AS n FROM incoming_documents').get() as { n: number }).n;
    const v = incomingVisibilitySql(visible, 'sort_key', 'id');
    return (this.s.get(`SELECT count(*) AS n FROM incoming_documents WHERE ${v.where.join(' AND ')}`).get(...v.params) as { n: number }).n;
  }
}

/**
 * Writing incoming rows: one statement per document (an add), or one per few thousand
 * (a bulk import). The search columns are computed here from the row (tsvector.ts), and
 * the sort key — arrival second × 2^20 + a sequence within that second, as in the SQLite
 * store — is taken in the statement itself, after the rows already there.
 */
import { parseInstant } from '../../../shared/text/dates.js';
import { fold } from '../../../shared/text/vietnamese.js';
import type { AtOnceRegistration, AtOnceResult, NewIncomingRow } from '../../store/ports.js';
import { toRecord, type IncomingRow } from '../sqlite/incomingRows.js';
import { SLOTS_PER_SECOND, sortKeyBase } from '../sqlite/sortKey.js';
import type { Q } from './query.js';
import { incomingSearchColumns, incomingSearchColumnsFolded, symbolKeyOf, typeKeyOf } from './tsvector.js';

const COLUMNS = [
  ['id', 'int'],
  ['register_id', 'int'],
  ['year', 'int'],
  ['arrival_number', 'int'],
  ['arrival_date', 'text'],
  ['organ_name', 'text'],
  ['symbol', 'text'],
  ['code_number', 'text'],
  ['code_notation', 'text'],
  ['issued_date', 'text'],
  ['type_name', 'text'],
  ['subject', 'text'],
  ['signer_name', 'text'],
  ['signer_position', 'text'],
  ['page_amount', 'int'],
  ['urgency', 'text'],
  ['secrecy', 'text'],
  ['channel', 'text'],
  ['to_places', 'text'],
  ['due_date', 'text'],
  ['description', 'text'],
  ['dup_key', 'text'],
  ['created_at', 'text'],
  ['created_by', 'text'],
  ['search_tsv', 'tsvector'],
  ['type_fold', 'text'],
  ['symbol_key', 'text'],
  ['organ_fold', 'text'],
  ['base', 'bigint'],
] as const;

function values(id: number | null, r: NewIncomingRow): unknown[] {
  // An import's rows carry their folded text (search/searchText.ts, folded once in the reading thread).
  const t = r.searchText;
  return [
    id,
    r.registerId,
    r.year,
    r.arrivalNumber,
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
    t ? (t.vector ?? incomingSearchColumnsFolded(t)) : incomingSearchColumns(r),
    t ? t.type.replace(/ /g, '') : typeKeyOf(r.typeName),
    t ? t.symbolKey : symbolKeyOf(r.symbol),
    t ? t.organ : fold(r.organName),
    sortKeyBase(r.arrivalMs ?? parseInstant(r.arrivalDate)!),
  ];
}

const STORED = COLUMNS.filter(([c]) => c !== 'organ_fold' && c !== 'base' && c !== 'id').map(([c]) => c);
// The next free key of that second among ALL documents (vt_sort_key_after, migration 0090):
// a person connected as themselves does not see confidential rows, whose keys are taken too.
const SORT_KEY = (base: string) => `vt_sort_key_after(${base}, ${SLOTS_PER_SECOND})`;

/** One document, and its sender counted for autocomplete, in one round trip. */
const INSERT_ONE = `WITH v AS (SELECT ${COLUMNS.map(([c, t], i) => `$${i + 1}::${t} AS ${c}`).join(', ')}),
  doc AS (
    INSERT INTO incoming_documents (${STORED.join(', ')}, sort_key, updated_at)
    SELECT ${STORED.map((c) => `v.${c}`).join(', ')}, ${SORT_KEY('v.base')}, v.created_at FROM v
    RETURNING id),
  organ AS (
    INSERT INTO incoming_organs (folded, name, uses) SELECT organ_fold, organ_name, 1 FROM v
    ON CONFLICT (folded) DO UPDATE SET uses = incoming_organs.uses + 1, name = excluded.name)
  SELECT id FROM doc`;

export async function insertIncoming(q: Q, r: NewIncomingRow): Promise<number> {
  const row = await q.one<{ id: number }>(INSERT_ONE, values(null, r));
  return row!.id;
}

// A bulk import's batch travels as one JSON text of row objects (json_to_recordset): built by
// JSON.stringify in one pass, where 29 array parameters cost the client an escaped string per
// value and most of its time in garbage collection. Then the next free keys of every arrival
// second of the batch in one call (vt_sort_keys_after, migration 0173), one key per row in
// file order (ids are taken in file order) within its second.
const INSERT_MANY = `WITH v AS (
    SELECT * FROM json_to_recordset($1::json) AS v(${COLUMNS.map(([c, t]) => `${c} ${t === 'tsvector' ? 'text' : t}`).join(', ')})),
  k AS (SELECT * FROM vt_sort_keys_after((SELECT array_agg(v.base) FROM v), ${SLOTS_PER_SECOND})),
  doc AS (
    INSERT INTO incoming_documents (id, ${STORED.join(', ')}, sort_key, updated_at)
    SELECT v.id, ${STORED.map((c) => (c === 'search_tsv' ? 'v.search_tsv::tsvector' : `v.${c}`)).join(', ')},
      k.next_key + row_number() OVER (PARTITION BY v.base ORDER BY v.id) - 1, v.created_at FROM v JOIN k ON k.base = v.base
    RETURNING 1),
  organ AS (
    INSERT INTO incoming_organs AS o (folded, name, uses)
    SELECT organ_fold, max(organ_name COLLATE "C"), count(*) FROM v GROUP BY organ_fold
    ON CONFLICT (folded) DO UPDATE SET uses = o.uses + excluded.uses, name = excluded.name)
  SELECT count(*) AS n FROM doc`;

/** One row of a batch, keyed by the column names of INSERT_MANY's record (values() in that order). */
function jsonRow(id: number, r: NewIncomingRow): Record<(typeof COLUMNS)[number][0], unknown> {
  const t = r.searchText;
  return {
    id,
    register_id: r.registerId,
    year: r.year,
    arrival_number: r.arrivalNumber,
    arrival_date: r.arrivalDate,
    organ_name: r.organName,
    symbol: r.symbol,
    code_number: r.codeNumber,
    code_notation: r.codeNotation,
    issued_date: r.issuedDate,
    type_name: r.typeName,
    subject: r.subject,
    signer_name: r.signerName,
    signer_position: r.signerPosition,
    page_amount: r.pageAmount,
    urgency: r.urgency,
    secrecy: r.secrecy,
    channel: r.channel,
    to_places: r.toPlaces,
    due_date: r.dueDate,
    description: r.description,
    dup_key: r.dupKey,
    created_at: r.createdAt,
    created_by: r.createdBy,
    search_tsv: t ? (t.vector ?? incomingSearchColumnsFolded(t)) : incomingSearchColumns(r),
    type_fold: t ? t.type.replace(/ /g, '') : typeKeyOf(r.typeName),
    symbol_key: t ? t.symbolKey : symbolKeyOf(r.symbol),
    organ_fold: t ? t.organ : fold(r.organName),
    base: sortKeyBase(r.arrivalMs ?? parseInstant(r.arrivalDate)!),
  };
}

const REGISTER_AT_ONCE = 'SELECT vt_incoming_register($1, $2, $3, $4, $5, $6, $7, $8, $9) AS r';

type AtOnceAnswer =
  | { refused: 'unknown_register' | 'register_mismatch' }
  | { duplicate: { id: number; register: string; year: number; arrivalNumber: number } }
  | { row: IncomingRow; seq: number; prevHash: string; hash: string };

/**
 * One registration in one statement (vt_incoming_register, migration 0188), which takes the
 * database's write lock itself: sent as the transaction's first statement, the lock owed by a
 * lateLock write is not sent before it (Q.oneSettling). The row's values are those of an add.
 */
export async function registerIncomingAtOnce(q: Q, writeLock: number, r: AtOnceRegistration): Promise<AtOnceResult> {
  const row = jsonRow(0, { ...r.row, registerId: 0, arrivalNumber: 0 });
  const a = r.audit;
  const got = await q.oneSettling<{ r: string }>(REGISTER_AT_ONCE, [
    writeLock,
    r.register,
    r.confidential,
    JSON.stringify(row),
    SLOTS_PER_SECOND,
    a.at,
    a.actor,
    a.dataHead,
    a.dataTail,
  ]);
  const answer = JSON.parse(got!.r) as AtOnceAnswer;
  if ('refused' in answer || 'duplicate' in answer) return answer;
  const { row: doc, seq, prevHash, hash } = answer;
  return { record: toRecord(doc), audit: { seq, prevHash, hash, data: a.dataHead + String(doc.arrival_number) + a.dataTail } };
}

/**
 * A batch's rows as the bytes of one JSON array, each row written as it is added: the row's
 * object and its strings die young instead of living (and being copied by every minor
 * collection, then promoted and swept) until the batch is sent. The bytes are sent as the
 * parameter's binary value: PostgreSQL's binary format of json is its text (json_recv).
 */
export class IncomingBatch {
  private buf = Buffer.allocUnsafe(1 << 22);
  private len = 0;
  /** Rows added so far. */
  length = 0;

  push(row: object): void {
    const s = JSON.stringify(row);
    // At most 3 UTF-8 bytes per UTF-16 unit, plus the separator and the closing bracket.
    const need = this.len + s.length * 3 + 2;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.buf[this.len++] = this.length++ ? 0x2c /* , */ : 0x5b; /* [ */
    this.len += this.buf.write(s, this.len, 'utf8');
  }

  /** The JSON array's bytes (the batch is not used after this). */
  bytes(): Buffer {
    if (this.length === 0) return Buffer.from('[]');
    this.buf[this.len++] = 0x5d; /* ] */
    return this.buf.subarray(0, this.len);
  }
}

/** A lexeme inside a tsvector literal's quotes (a type name could hold a quote or a backslash). */
const quoteLexeme = (l: string) => (/['\\]/.test(l) ? l.replace(/\\/g, '\\\\').replace(/'/g, "''") : l);

/**
 * Adds one row to a batch: its values computed now, while the previous batch is being written.
 * Its vector brings the row's filter lexemes — those the tag trigger would add (vt_incoming_tags,
 * 0182), without positions — so the trigger's WHEN clause lets the row through (migration 0201).
 * A new row's status is the column's default, 'registered'.
 */
export function addIncomingRow(batch: IncomingBatch, id: number, row: NewIncomingRow): void {
  const j = jsonRow(id, row);
  j.search_tsv += ` '#g${row.urgency}' '#r${row.registerId}' '#s${row.secrecy}' '#t${quoteLexeme(j.type_fold as string)}' '#vregistered'`;
  batch.push(j);
}

/**
 * Sends a batch of rows. Not awaited by the import (Q.later): the next batch is read, checked
 * and prepared while the server writes this one; a failure surfaces at the transaction's next
 * query, and the whole import rolls back. Resolves when the server has answered.
 */
export function sendIncoming(q: Q, batch: IncomingBatch): Promise<void> {
  return q.later(INSERT_MANY, [batch.bytes()]);
}

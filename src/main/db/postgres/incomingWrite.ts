/**
 * Writing incoming rows: one statement per document (an add), or one per few thousand
 * (a bulk import). The search columns are computed here from the row (tsvector.ts), and
 * the sort key — arrival second × 2^20 + a sequence within that second, as in the SQLite
 * store — is taken in the statement itself, after the rows already there.
 */
import { parseInstant } from '../../../shared/text/dates.js';
import { fold } from '../../../shared/text/vietnamese.js';
import type { NewIncomingRow } from '../../store/ports.js';
import { SLOTS_PER_SECOND, sortKeyBase } from '../sqlite/sortKey.js';
import type { Q } from './query.js';
import { incomingSearchColumns, symbolKeyOf, typeKeyOf } from './tsvector.js';

export interface PendingIncoming {
  id: number;
  row: NewIncomingRow;
}

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
    incomingSearchColumns(r),
    typeKeyOf(r.typeName),
    symbolKeyOf(r.symbol),
    fold(r.organName),
    sortKeyBase(parseInstant(r.arrivalDate)!),
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

const INSERT_MANY = `WITH v AS (
    SELECT * FROM unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})
      WITH ORDINALITY AS v(${COLUMNS.map(([c]) => c).join(', ')}, ord)),
  doc AS (
    INSERT INTO incoming_documents (id, ${STORED.join(', ')}, sort_key, updated_at)
    SELECT v.id, ${STORED.map((c) => `v.${c}`).join(', ')},
      ${SORT_KEY('v.base')} + row_number() OVER (PARTITION BY v.base ORDER BY v.ord) - 1, v.created_at FROM v
    RETURNING 1),
  organ AS (
    INSERT INTO incoming_organs AS o (folded, name, uses)
    SELECT organ_fold, max(organ_name COLLATE "C"), count(*) FROM v GROUP BY organ_fold
    ON CONFLICT (folded) DO UPDATE SET uses = o.uses + excluded.uses, name = excluded.name)
  SELECT count(*) AS n FROM doc`;

export async function flushIncoming(q: Q, rows: PendingIncoming[]): Promise<void> {
  const cols: unknown[][] = COLUMNS.map(() => []);
  for (const { id, row } of rows) {
    const v = values(id, row);
    for (let i = 0; i < v.length; i++) cols[i]!.push(v[i]);
  }
  // tsvector[] as a parameter: pass the literals as text[] and cast each.
  const text = INSERT_MANY.replace('::tsvector[]', '::text[]').replace('v.search_tsv,', 'v.search_tsv::tsvector,');
  await q.run(text, cols);
}

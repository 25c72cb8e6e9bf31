/**
 * Incoming-document search on PostgreSQL, with the SQLite store's answers: the same parsed
 * terms (search/parseQuery), the same words (tsvector.ts), the same filters, the same
 * order and cursors, and the same relevance tiers (rankCandidates, shared with SQLite).
 *
 * - words and phrases: a GIN index over `search_tsv` (tsvector literal of folded words,
 *   columns kept apart so a phrase stays in one column; the sender is weight B for the
 *   sender filter); the last word typed is a prefix (`:*`);
 * - symbol fragments: substring of the folded symbol key, by a pg_trgm GIN index;
 * - filters are plain columns (btree indexes per register and per type, by sort key);
 * - date order is the sort key (arrival second × 2^20 + sequence), newest first;
 * - relevance ranks the newest RELEVANCE_CANDIDATES hits, then the rest by date.
 */
import type { Term } from '../../search/parseQuery.js';
import { SEARCH_COUNT_CAP, type SearchQuery } from '../../store/ports.js';
import { addDays, parseInstant } from '../../../shared/text/dates.js';
import { rankCandidates, RELEVANCE_CANDIDATES, type CandidateRow } from '../../search/rank.js';
import { sortKeyBase } from '../sqlite/sortKey.js';
import type { Q } from './query.js';
import { termQuery, typeKeyOf } from './tsvector.js';
import { incomingVisibilityPg } from './visibilitySql.js';

const BEYOND_CANDIDATES = -1;
const isSymbolTerm = (t: Term) => !!t.symbol && t.symbol.replace(/\//g, '').length >= 3;

export interface PgSearchSql {
  where: string;
  params: unknown[];
}

/** The WHERE clause (over `incoming_documents d`) and its parameters. */
export function searchWhere(q: SearchQuery): PgSearchSql {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const scope = q.scope ?? 'fields';
  const fieldTerms = scope === 'fields' ? q.text.terms : [];
  const tsq: string[] = [];
  for (const t of fieldTerms) if (!isSymbolTerm(t)) tsq.push(`(${termQuery(t)})`);
  for (const t of q.organName?.terms ?? []) tsq.push(`(${termQuery(t, 'B')})`);
  if (tsq.length) where.push(`d.search_tsv @@ ${bind(tsq.join(' & '))}::tsquery`);
  for (const t of fieldTerms) if (isSymbolTerm(t)) where.push(`d.symbol_key LIKE ${bind(`%${t.symbol}%`)}`);
  // The files' text (migration 0065): a term there is its words as a phrase (a symbol's too).
  const content = (tsquery: string) => `d.id IN (SELECT c.document_id FROM incoming_content c WHERE c.tsv @@ ${bind(tsquery)}::tsquery)`;
  const contentTerm = (t: Term) => termQuery({ ...t, expansions: undefined });
  if (scope === 'content' && q.text.terms.length) where.push(content(q.text.terms.map((t) => `(${contentTerm(t)})`).join(' & ')));
  if (scope === 'all') {
    for (const t of q.text.terms) {
      const fields = isSymbolTerm(t) ? `d.symbol_key LIKE ${bind(`%${t.symbol}%`)}` : `d.search_tsv @@ ${bind(termQuery(t))}::tsquery`;
      where.push(`(${fields} OR ${content(contentTerm(t))})`);
    }
  }
  if (q.typeName) where.push(`d.type_fold = ${bind(typeKeyOf(q.typeName))}`);
  if (q.urgency) where.push(`d.urgency = ${bind(q.urgency)}`);
  if (q.secrecy) where.push(`d.secrecy = ${bind(q.secrecy)}`);
  if (q.registerId !== undefined) where.push(`d.register_id = ${bind(q.registerId)}`);
  if (q.status) where.push(`d.status = ${bind(q.status)}`);
  if (q.arrivalFrom) where.push(`d.sort_key >= ${bind(sortKeyBase(parseInstant(q.arrivalFrom)!))}`);
  if (q.arrivalTo) where.push(`d.sort_key < ${bind(sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!))}`);
  if (q.issuedFrom || q.issuedTo) {
    where.push(`d.issued_date >= ${bind(q.issuedFrom ?? '0000-00-00')} AND d.issued_date <= ${bind(q.issuedTo ?? '9999-99-99')}`);
  }
  if (!q.includeVoided && q.status !== 'voided') where.push(`d.status <> 'voided'`);
  where.push(...incomingVisibilityPg(q.visible, params));
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export interface SearchKeys {
  total: number;
  totalCapped: boolean;
  keys: number[];
  last?: { key: number; rank?: number };
}

export async function searchIncomingPg(db: Q, q: SearchQuery): Promise<SearchKeys> {
  const { where, params } = searchWhere(q);
  const and = where ? 'AND' : 'WHERE';
  const n = params.length;
  // Counted up to the cap only (see SearchQuery in store/ports.ts); countIncomingPg gives the exact figure.
  const cap = q.countCap ?? SEARCH_COUNT_CAP;
  const counted = Number(
    (await db.dyn<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM incoming_documents d ${where} LIMIT ${cap + 1}) x`, params))[0]!
      .n,
  );
  const total = Math.min(counted, cap);
  const totalCapped = counted > cap;
  const ranked = q.sort === 'relevance' && q.text.terms.some((t) => !isSymbolTerm(t));
  const page = async (before: number | null, limit: number) =>
    (
      await db.dyn<{ k: number }>(
        `SELECT d.sort_key AS k FROM incoming_documents d ${where} ${before !== null ? `${and} d.sort_key < $${n + 1}` : ''}
         ORDER BY d.sort_key DESC LIMIT $${before !== null ? n + 2 : n + 1}`,
        before !== null ? [...params, before, limit] : [...params, limit],
      )
    ).map((r) => r.k);

  if (!ranked || (q.after && q.after.rank === BEYOND_CANDIDATES)) {
    const dateAfter = q.after && (q.sort === 'date' || q.after.rank === BEYOND_CANDIDATES) ? q.after.key : null;
    const keys = await page(dateAfter, q.limit);
    const last = keys[keys.length - 1];
    return { total, totalCapped, keys, last: last !== undefined ? { key: last, rank: ranked ? BEYOND_CANDIDATES : undefined } : undefined };
  }
  const candidateLimit = q.candidateLimit ?? RELEVANCE_CANDIDATES;
  const candidates = await page(null, candidateLimit);
  if (candidates.length === 0) return { total, totalCapped, keys: [] };
  const minKey = candidates[candidates.length - 1]!;
  const rows = await db.dyn<CandidateRow>(
    `SELECT sort_key AS k, subject, organ_name AS organ, symbol FROM incoming_documents WHERE sort_key = ANY($1::bigint[])`,
    [candidates],
  );
  const rankedRows = rankCandidates(rows, q);
  const after = q.after;
  const start = after ? rankedRows.findIndex((x) => x.r < after.rank! || (x.r === after.rank && x.k < after.key)) : 0;
  const slice = start < 0 ? [] : rankedRows.slice(start, start + q.limit);
  const keys = slice.map((x) => x.k);
  let last: SearchKeys['last'] = slice.length ? { key: slice[slice.length - 1]!.k, rank: slice[slice.length - 1]!.r } : undefined;
  if (keys.length < q.limit && candidates.length === candidateLimit) {
    const more = await page(minKey, q.limit - keys.length);
    keys.push(...more);
    if (more.length) last = { key: more[more.length - 1]!, rank: BEYOND_CANDIDATES };
  }
  return { total, totalCapped, keys, last };
}

/** The exact number of hits (SearchQuery's text and filters). */
export async function countIncomingPg(db: Q, q: SearchQuery): Promise<number> {
  const { where, params } = searchWhere(q);
  return Number((await db.dyn<{ n: number }>(`SELECT count(*) AS n FROM incoming_documents d ${where}`, params))[0]!.n);
}

/**
 * Incoming-document search on SQLite FTS5. Everything dialect-specific about search is
 * here: MATCH syntax, tag tokens, bm25 weights, key ranges.
 *
 * Design (1M documents, p95 ≤ 50 ms with an exact total):
 * - text terms and the type/urgency/secrecy/register/status filters are all answered by
 *   one FTS5 expression (filters are indexed as tag tokens), so a filter costs a doclist
 *   merge, not a row lookup per hit;
 * - the FTS rowid is the arrival-time sort key: date order and arrival-date ranges come
 *   from the index itself;
 * - relevance (bm25) is computed only over a bounded candidate set (the newest
 *   RELEVANCE_CANDIDATES hits) because bm25 over hundreds of thousands of hits costs
 *   hundreds of milliseconds and ranks little of value for a one-word query.
 */
import type { Term } from '../../search/parseQuery.js';
import type { SearchQuery } from '../../store/ports.js';
import { fold } from '../../../shared/text/vietnamese.js';
import { addDays, parseInstant } from '../../../shared/text/dates.js';
import { sortKeyBase } from './sortKey.js';
import type { Statements } from './statements.js';

export const RELEVANCE_CANDIDATES = 5000;
const TEXT_COLUMNS = '{subject organ symbol signer description}';
// bm25 weights per column: a hit in the symbol or subject says more than one in a note.
const BM25 = 'bm25(incoming_fts, 4.0, 2.0, 6.0, 1.5, 1.0, 0.0)';

/** Tag tokens written by the incoming_ai/incoming_au triggers (migration 0010). */
export const tag = {
  type: (typeName: string) => 'xt' + fold(typeName).replace(/ /g, ''),
  urgency: (u: string) => 'xu' + u.replace(/_/g, ''),
  secrecy: (s: string) => 'xs' + s.replace(/_/g, ''),
  register: (id: number) => 'xr' + id,
  status: (s: string) => 'xst' + s,
};

function phrase(t: Term): string {
  // Words are folded [\p{L}\p{N}]+ runs: they cannot contain a quote or FTS syntax.
  return `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;
}

interface Plan {
  where: string[];
  params: unknown[];
  /** True when the FTS table drives the query (text or tag filters present). */
  fts: boolean;
}

function plan(q: SearchQuery): Plan {
  const must: string[] = [];
  const where: string[] = [];
  const params: unknown[] = [];
  const textTerms = q.text.terms;

  const plainTerms = textTerms.filter((t) => !t.symbol || t.symbol.replace(/\//g, '').length < 3);
  const symbolTerms = textTerms.filter((t) => !plainTerms.includes(t));
  if (plainTerms.length) must.push(`${TEXT_COLUMNS} : (${plainTerms.map(phrase).join(' AND ')})`);
  if (q.organName?.terms.length) must.push(`organ : (${q.organName.terms.map(phrase).join(' AND ')})`);
  if (q.typeName) must.push(`tags : ${tag.type(q.typeName)}`);
  if (q.urgency) must.push(`tags : ${tag.urgency(q.urgency)}`);
  if (q.secrecy) must.push(`tags : ${tag.secrecy(q.secrecy)}`);
  if (q.registerId !== undefined) must.push(`tags : ${tag.register(q.registerId)}`);
  if (q.status) must.push(`tags : ${tag.status(q.status)}`);

  // A symbol fragment (123/QĐ, qd-ubnd) matches as a substring of the symbol, or as a phrase in the text.
  for (const t of symbolTerms) {
    where.push(
      `k IN (SELECT rowid FROM incoming_symbol_fts WHERE incoming_symbol_fts MATCH ?
             UNION ALL SELECT rowid FROM incoming_fts WHERE incoming_fts MATCH ?)`,
    );
    params.push(`"${t.symbol}"`, `${TEXT_COLUMNS} : ${phrase(t)}`);
  }

  if (q.arrivalFrom) {
    where.push('k >= ?');
    params.push(sortKeyBase(parseInstant(q.arrivalFrom)!));
  }
  if (q.arrivalTo) {
    where.push('k < ?');
    params.push(sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!));
  }
  if (q.issuedFrom || q.issuedTo) {
    where.push(
      `EXISTS (SELECT 1 FROM incoming_documents d WHERE d.sort_key = k AND d.issued_date >= ? AND d.issued_date <= ?)`,
    );
    params.push(q.issuedFrom ?? '0000-00-00', q.issuedTo ?? '9999-99-99');
  }

  const excludeVoided = !q.includeVoided && q.status !== 'voided';
  if (must.length === 0) {
    // No text and no tag filter (or only symbol fragments): the documents table drives,
    // its sort_key index serving key ranges and the symbol subqueries.
    if (excludeVoided) where.push(`incoming_documents.status != 'voided'`);
    return { where, params, fts: false };
  }
  let match = must.join(' AND ');
  if (excludeVoided) match = `(${match}) NOT tags : ${tag.status('voided')}`;
  return { where: ['incoming_fts MATCH ?', ...where], params: [match, ...params], fts: true };
}

export interface SearchKeys {
  total: number;
  keys: number[];
  last?: { key: number; rank?: number };
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export interface SearchSql {
  /** `SELECT count(*) AS n ...`: the exact total. */
  count: SqlStatement;
  /** The page of keys: rows `{k}`, or `{k, r}` (r = bm25 rank) when `relevance`. */
  page: SqlStatement;
  relevance: boolean;
}

/**
 * The exact SQL and parameters `searchIncoming` runs for a query: the one source of the
 * search SQL, also used by the benchmark to time the raw statements.
 */
export function searchIncomingSql(q: SearchQuery): SearchSql {
  const p = plan(q);
  // FTS5 needs MATCH on the table itself, so conditions are written against `k` and bound here.
  const from = p.fts ? 'incoming_fts' : 'incoming_documents';
  const keyCol = p.fts ? 'incoming_fts.rowid' : 'incoming_documents.sort_key';
  const where = p.where.map((w) => w.replace(/\bk\b/g, keyCol));
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';

  const count: SqlStatement = { sql: `SELECT count(*) AS n FROM ${from} ${whereSql}`, params: p.params };

  if (q.sort === 'relevance' && p.fts && q.text.terms.length > 0) {
    const rank = q.after?.rank ?? null;
    return {
      count,
      page: {
        sql: `WITH cand AS (SELECT ${keyCol} AS k, ${BM25} AS r FROM ${from} ${whereSql} ORDER BY ${keyCol} DESC LIMIT ${RELEVANCE_CANDIDATES})
         SELECT k, r FROM cand WHERE (? IS NULL OR r > ? OR (r = ? AND k < ?)) ORDER BY r, k DESC LIMIT ?`,
        params: [...p.params, rank, rank, rank, q.after?.key ?? null, q.limit],
      },
      relevance: true,
    };
  }

  const afterSql = q.after ? `${where.length ? 'AND' : 'WHERE'} ${keyCol} < ?` : '';
  return {
    count,
    page: {
      sql: `SELECT ${keyCol} AS k FROM ${from} ${whereSql} ${afterSql} ORDER BY ${keyCol} DESC LIMIT ?`,
      params: [...p.params, ...(q.after ? [q.after.key] : []), q.limit],
    },
    relevance: false,
  };
}

export function searchIncoming(s: Statements, q: SearchQuery): SearchKeys {
  const sql = searchIncomingSql(q);
  const total = (s.get(sql.count.sql).get(...sql.count.params) as { n: number }).n;
  const rows = s.get(sql.page.sql).all(...sql.page.params) as { k: number; r?: number }[];
  const last = rows[rows.length - 1];
  return {
    total,
    keys: rows.map((r) => r.k),
    last: last ? (sql.relevance ? { key: last.k, rank: last.r } : { key: last.k }) : undefined,
  };
}

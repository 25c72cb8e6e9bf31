/**
 * FROZEN REFERENCE — the incoming search as it was before the capped count (commit 710eec5,
 * src/main/db/sqlite/incomingSearch.ts), kept verbatim apart from import paths and this
 * header. tests/unit/search/equivalence.test.ts checks that today's search returns exactly
 * the hits, in exactly the order, this code returned. Do not "fix" or update it.
 */
/**
 * Incoming-document search on SQLite FTS5. Everything dialect-specific about search is
 * here: MATCH syntax, tag tokens, key ranges, the relevance tiers.
 *
 * Design (1M documents, p95 ≤ 50 ms with an exact total):
 * - text terms and the type/urgency/secrecy/register/status filters are answered by one
 *   FTS5 expression (filters are indexed as tag tokens), so a filter costs a doclist
 *   merge, not a row lookup per hit;
 * - the FTS rowid is the arrival-time sort key: date order and arrival-date ranges come
 *   from the index itself, and the newest hits are a contiguous key range;
 * - a symbol fragment (`123/QĐ`, `qd-ubnd`) is a substring of the symbol: the trigram
 *   index answers it, driving the query on its own when it is the only term;
 * - relevance is ranked over a bounded candidate set, the newest RELEVANCE_CANDIDATES
 *   hits: FTS5's bm25 needs each term's document frequency, which costs a full scan of
 *   every common term's doclist (as much again as the exact count), and column-filtered
 *   FTS queries do not stop early on a key range either. Instead the candidates' subject,
 *   sender and symbol are read and scored here (rankCandidates): the exact phrase in the
 *   subject, all words in the subject, all words in the symbol or sender; ties go to the
 *   newest. Hits beyond the candidate set follow, newest first, so paging reaches them all;
 * - a typed prefix of 4+ letters is expanded through our own word list (search_words)
 *   into the words it stands for: FTS5 would otherwise merge every matching word's
 *   doclist into one buffer before starting, once per statement.
 */
import type { Term } from '../../../src/main/search/parseQuery.js';
import type { SearchQuery } from '../../../src/main/store/ports.js';
import { fold } from '../../../src/shared/text/vietnamese.js';
import { addDays, parseInstant } from '../../../src/shared/text/dates.js';
import { sortKeyBase } from '../../../src/main/db/sqlite/sortKey.js';
import type { Statements } from '../../../src/main/db/sqlite/statements.js';

export const RELEVANCE_CANDIDATES = 1000;
const TEXT_COLUMNS = '{subject organ symbol signer description}';
/** Rank of hits outside the candidate set (date order). */
const BEYOND_CANDIDATES = -1;

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
  if (t.prefix && t.expansions) {
    const head = t.words.slice(0, -1).join(' ');
    const alternatives = t.expansions.map((w) => `"${head ? head + ' ' : ''}${w}"`);
    // No indexed word starts with the prefix: a phrase that cannot match keeps the syntax valid.
    return alternatives.length ? `(${alternatives.join(' OR ')})` : `"${t.words.join(' ')}"`;
  }
  return `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;
}

/** Prefixes this long or longer are expanded to the words they stand for (see expandPrefixes). */
const EXPAND_FROM_LENGTH = 4;
const MAX_EXPANSIONS = 64;

/**
 * FTS5 answers a prefix query longer than its prefix indexes (2–3 letters) by merging the
 * doclists of every matching word into one buffer before it can start — 20–30 ms for a
 * common word at 1M documents, paid again by every statement of a search. Looking the
 * words up in the vocabulary and querying them as alternatives streams instead.
 */
export function expandPrefixes(s: Statements, q: SearchQuery): SearchQuery {
  const expand = (terms: Term[]) =>
    terms.map((t) => {
      const last = t.words[t.words.length - 1]!;
      if (!t.prefix || last.length < EXPAND_FROM_LENGTH) return t;
      const rows = s
        .get(`SELECT word FROM search_words WHERE word >= ? AND word < ? || char(1114111) LIMIT ${MAX_EXPANSIONS + 1}`)
        .all(last, last) as { word: string }[];
      return rows.length > MAX_EXPANSIONS ? t : { ...t, expansions: rows.map((r) => r.word) };
    });
  return { ...q, text: { terms: expand(q.text.terms) }, ...(q.organName ? { organName: { terms: expand(q.organName.terms) } } : {}) };
}

/**
 * A text term needs the column filter only when it could hit a tag token: tags all
 * start with "x", and only a prefix term can realistically reach one ("x…*"). Column
 * filters make FTS5 decode positions, so the common case goes without.
 */
function textTerm(t: Term): string {
  return t.prefix && t.words[t.words.length - 1]!.startsWith('x') ? `${TEXT_COLUMNS} : ${phrase(t)}` : phrase(t);
}

const isSymbolTerm = (t: Term) => !!t.symbol && t.symbol.replace(/\//g, '').length >= 3;

interface Plan {
  where: string[];
  params: unknown[];
  source: 'fts' | 'symbol' | 'documents';
}

function plan(q: SearchQuery): Plan {
  const must: string[] = [];
  const where: string[] = [];
  const params: unknown[] = [];
  const plainTerms = q.text.terms.filter((t) => !isSymbolTerm(t));
  const symbolTerms = q.text.terms.filter(isSymbolTerm);

  if (plainTerms.length) must.push(plainTerms.map(textTerm).join(' AND '));
  if (q.organName?.terms.length) must.push(`organ : (${q.organName.terms.map(phrase).join(' AND ')})`);
  if (q.typeName) must.push(`tags : ${tag.type(q.typeName)}`);
  if (q.urgency) must.push(`tags : ${tag.urgency(q.urgency)}`);
  if (q.secrecy) must.push(`tags : ${tag.secrecy(q.secrecy)}`);
  if (q.registerId !== undefined) must.push(`tags : ${tag.register(q.registerId)}`);
  if (q.status) must.push(`tags : ${tag.status(q.status)}`);

  if (q.arrivalFrom) {
    where.push('k >= ?');
    params.push(sortKeyBase(parseInstant(q.arrivalFrom)!));
  }
  if (q.arrivalTo) {
    where.push('k < ?');
    params.push(sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!));
  }
  if (q.issuedFrom || q.issuedTo) {
    where.push(`EXISTS (SELECT 1 FROM incoming_documents d WHERE d.sort_key = k AND d.issued_date >= ? AND d.issued_date <= ?)`);
    params.push(q.issuedFrom ?? '0000-00-00', q.issuedTo ?? '9999-99-99');
  }
  const excludeVoided = !q.includeVoided && q.status !== 'voided';
  const voidedKeys = `k NOT IN (SELECT sort_key FROM incoming_documents WHERE status = 'voided')`;

  if (must.length === 0 && symbolTerms.length > 0) {
    // Only symbol fragments: the trigram index drives; the (few) voided keys are excluded.
    const [first, ...rest] = symbolTerms;
    for (const t of rest) {
      where.push('k IN (SELECT rowid FROM incoming_symbol_fts WHERE incoming_symbol_fts MATCH ?)');
      params.push(`"${t.symbol}"`);
    }
    if (excludeVoided) where.push(voidedKeys);
    return { where: ['incoming_symbol_fts MATCH ?', ...where], params: [`"${first!.symbol}"`, ...params], source: 'symbol' };
  }
  for (const t of symbolTerms) {
    where.push('k IN (SELECT rowid FROM incoming_symbol_fts WHERE incoming_symbol_fts MATCH ?)');
    params.push(`"${t.symbol}"`);
  }
  if (must.length === 0) {
    // No text and no tag filter: the documents table answers with its sort_key index.
    if (excludeVoided) where.push(`incoming_documents.status != 'voided'`);
    return { where, params, source: 'documents' };
  }
  let match = must.join(' AND ');
  if (excludeVoided) match = `(${match}) NOT tags : ${tag.status('voided')}`;
  return { where: ['incoming_fts MATCH ?', ...where], params: [match, ...params], source: 'fts' };
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export interface SearchSql {
  /** `SELECT count(*) AS n …`: the exact total. */
  count: SqlStatement;
  /** Date order: the page of keys `{k}`, newest first, after the cursor. */
  page: SqlStatement;
  /** Relevance only: the candidate keys `{k}`, newest first (bounded). */
  candidates: SqlStatement | null;
  /**
   * Relevance only: the scored fields of the candidates `{k, subject, organ, symbol}`;
   * takes one parameter, the JSON array of candidate keys.
   */
  candidateRows: SqlStatement | null;
  /** Relevance only: hits after the candidates, newest first: params + [beforeKey, limit]. */
  beyond: SqlStatement | null;
}

const SOURCES = {
  fts: { from: 'incoming_fts', key: 'incoming_fts.rowid' },
  symbol: { from: 'incoming_symbol_fts', key: 'incoming_symbol_fts.rowid' },
  documents: { from: 'incoming_documents', key: 'incoming_documents.sort_key' },
} as const;

export interface CandidateRow {
  k: number;
  subject: string;
  organ: string;
  symbol: string | null;
}

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Scores and orders the relevance candidates (newest first on ties). Pure: the benchmark
 * runs it on the raw rows too. Scores: 4 for the words as a phrase in the subject, 2 for
 * all of them in the subject, 1 for all of them in the symbol or sender.
 */
export function rankCandidates(rows: readonly CandidateRow[], q: SearchQuery): { k: number; r: number }[] {
  const terms = q.text.terms.filter((t) => !isSymbolTerm(t));
  const words = terms.flatMap((t) => t.words);
  const prefixLast = terms.length > 0 && terms[terms.length - 1]!.prefix;
  const has = (tokens: string[], w: string, i: number) =>
    prefixLast && i === words.length - 1 ? tokens.some((x) => x.startsWith(w)) : tokens.includes(w);
  const phrase = words.join(' ');
  return rows
    .map((row) => {
      const subject = fold(row.subject);
      const subjectTokens = subject.match(WORDS) ?? [];
      const otherTokens = fold(`${row.symbol ?? ''} ${row.organ}`).match(WORDS) ?? [];
      let r = 0;
      if (words.length > 1 && subjectTokens.join(' ').includes(phrase)) r += 4;
      if (words.length && words.every((w, i) => has(subjectTokens, w, i))) r += 2;
      if (words.length && words.every((w, i) => has(otherTokens, w, i))) r += 1;
      return { k: row.k, r };
    })
    .sort((a, b) => b.r - a.r || b.k - a.k);
}

/**
 * The exact SQL and parameters a search runs: the one source of the search SQL, also
 * used by the benchmark to time the raw statements.
 */
export function searchIncomingSql(q: SearchQuery): SearchSql {
  const p = plan(q);
  const { from, key } = SOURCES[p.source];
  const where = p.where.map((w) => w.replace(/\bk\b/g, key));
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const and = where.length ? 'AND' : 'WHERE';
  const count: SqlStatement = { sql: `SELECT count(*) AS n FROM ${from} ${whereSql}`, params: p.params };
  const dateAfter = q.after && (q.sort === 'date' || q.after.rank === BEYOND_CANDIDATES) ? q.after.key : null;
  const page: SqlStatement = {
    sql: `SELECT ${key} AS k FROM ${from} ${whereSql} ${dateAfter !== null ? `${and} ${key} < ?` : ''} ORDER BY ${key} DESC LIMIT ?`,
    params: [...p.params, ...(dateAfter !== null ? [dateAfter] : []), q.limit],
  };
  const ranked = q.sort === 'relevance' && q.text.terms.some((t) => !isSymbolTerm(t));
  if (!ranked) return { count, page, candidates: null, candidateRows: null, beyond: null };
  return {
    count,
    page,
    candidates: {
      sql: `SELECT ${key} AS k FROM ${from} ${whereSql} ORDER BY ${key} DESC LIMIT ${q.candidateLimit ?? RELEVANCE_CANDIDATES}`,
      params: p.params,
    },
    candidateRows: {
      sql: `SELECT sort_key AS k, subject, organ_name AS organ, symbol FROM incoming_documents
            WHERE sort_key IN (SELECT value FROM json_each(?))`,
      params: [],
    },
    beyond: { sql: `SELECT ${key} AS k FROM ${from} ${whereSql} ${and} ${key} < ? ORDER BY ${key} DESC LIMIT ?`, params: p.params },
  };
}

export interface SearchKeys {
  total: number;
  keys: number[];
  last?: { key: number; rank?: number };
}

export function searchIncoming(s: Statements, query: SearchQuery): SearchKeys {
  const q = expandPrefixes(s, query);
  const sql = searchIncomingSql(q);
  const total = (s.get(sql.count.sql).get(...sql.count.params) as { n: number }).n;
  if (!sql.candidates || (q.after && q.after.rank === BEYOND_CANDIDATES)) {
    const keys = (s.get(sql.page.sql).all(...sql.page.params) as { k: number }[]).map((r) => r.k);
    const last = keys[keys.length - 1];
    const rank = sql.candidates ? BEYOND_CANDIDATES : undefined;
    return { total, keys, last: last !== undefined ? { key: last, rank } : undefined };
  }
  return { total, ...rankedPage(s, sql, q) };
}

/** Relevance: score the candidates by tier, then continue with the rest by date. */
function rankedPage(s: Statements, sql: SearchSql, q: SearchQuery): Omit<SearchKeys, 'total'> {
  const candidates = (s.get(sql.candidates!.sql).all(...sql.candidates!.params) as { k: number }[]).map((r) => r.k);
  if (candidates.length === 0) return { keys: [] };
  const minKey = candidates[candidates.length - 1]!;
  const rows = s.get(sql.candidateRows!.sql).all(JSON.stringify(candidates)) as CandidateRow[];
  const ranked = rankCandidates(rows, q);
  const after = q.after;
  const start = after ? ranked.findIndex((x) => x.r < after.rank! || (x.r === after.rank && x.k < after.key)) : 0;
  const page = start < 0 ? [] : ranked.slice(start, start + q.limit);
  const keys = page.map((x) => x.k);
  let last: SearchKeys['last'] = page.length ? { key: page[page.length - 1]!.k, rank: page[page.length - 1]!.r } : undefined;
  if (keys.length < q.limit && candidates.length === (q.candidateLimit ?? RELEVANCE_CANDIDATES)) {
    const more = (s.get(sql.beyond!.sql).all(...sql.beyond!.params, minKey, q.limit - keys.length) as { k: number }[]).map((r) => r.k);
    keys.push(...more);
    if (more.length) last = { key: more[more.length - 1]!, rank: BEYOND_CANDIDATES };
  }
  return { keys, last };
}

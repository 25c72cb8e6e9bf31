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
 * - relevance ranks the newest RELEVANCE_CANDIDATES hits, then the rest by date;
 * - the hits are found by the database functions of migration 0170 (vt_search_keys,
 *   vt_search_count), which apply a person's row rule themselves so the indexes stay usable
 *   under row-level security; the rows are then read under the policies by their keys;
 * - the files' text (scope content) is its content row joined to the document, so the
 *   filters are the document's columns and the planner walks either side — the newest
 *   documents checking their text (a common word) or the GIN index's few hits (a rare one);
 * - fields or files (scope all) is two such walks merged newest first (search/union.ts): an
 *   OR across two full-text indexes reads every hit of a common word.
 */
import { SEARCH_COUNT_CAP, type SearchQuery, type Visibility } from '../../store/ports.js';
import { addDays, parseInstant } from '../../../shared/text/dates.js';
import { isRanked, isSymbolTerm, rankCandidates, RELEVANCE_CANDIDATES, type CandidateRow } from '../../search/rank.js';
import { unionCount, unionSearch, type KeySource } from '../../search/union.js';
import { sortKeyBase } from '../sqlite/sortKey.js';
import type { Q } from './query.js';
import { termQuery, typeKeyOf } from './tsvector.js';

const BEYOND_CANDIDATES = -1;

/**
 * One search as the database functions of migration 0170 read it (vt_search_from): known keys
 * only, values never SQL. `terms` all hold; each is a list of alternatives.
 */
export interface SearchSpec {
  /** Search the files' text joined to their documents (`c`), not the documents alone. */
  content?: boolean;
  terms: SpecAtom[][];
  typeFold?: string;
  urgency?: string;
  secrecy?: string;
  registerId?: number;
  status?: string;
  keyFrom?: number;
  keyTo?: number;
  issuedFrom?: string;
  issuedTo?: string;
  excludeVoided?: boolean;
  /**
   * The sender filter as a tsquery of the sender's words (weight B): the database finds the
   * sender names it matches and then their documents (vt_organ_names, migration 0238).
   */
  organ?: string;
  /** The application's filter (accounts/visibility.ts); a person's connection gets the database's own rule too. */
  visible?: Visibility;
}

/**
 * Words in the fields (tsquery; `gin`: what the index is asked for, the whole `tsv` then checked
 * on the rows it finds — migration 0183), a symbol substring (LIKE pattern), or words in the
 * files' text.
 */
export type SpecAtom = WordsAtom | { symbol: string } | { contentIn: string } | { content: string };

/**
 * Words in the fields. `thin`: the index question without the typed prefixes (`prefixes`), its
 * exact `words` beside them — the database asks the index for it when every prefix is common
 * (migration 0210), and checks the whole `tsv` on the rows.
 */
export interface WordsAtom {
  tsv: string;
  gin?: string;
  thin?: string;
  prefixes?: string[];
  words?: string[];
}

/**
 * What the GIN index is asked for (migration 0183), for these terms, when it differs from the
 * query itself: every word, without phrases (the index cannot tell them; the rows found
 * are checked against the whole query), and no prefix of 3 characters or fewer beside another word.
 * GIN gathers every document of every word a prefix stands for before intersecting (`va:*` is
 * «văn», «vào», «vấn»…: 150 ms to find the 19 documents of «voọc chà vá» at 300,000 documents;
 * `dan:*` of «tiếp công dân» likewise), where the rows of the other words are checked one by one.
 * `gin` null: the query as it is (no phrase or short prefix beside a word). `thin`: the
 * question without the typed prefixes it asks, when exact words are left (migration 0210 asks it
 * instead when every such prefix is common).
 */
function indexWords(terms: readonly { words: string[]; prefix: boolean }[]): {
  gin: string | null;
  thin?: Pick<WordsAtom, 'thin' | 'prefixes' | 'words'>;
} {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  let phrase = false;
  for (const t of terms) {
    if (t.words.length > 1) phrase = true;
    t.words.forEach((w, i) => (t.prefix && i === t.words.length - 1 ? prefixes : exact).add(w));
  }
  for (const w of exact) prefixes.delete(w);
  const parts = [...exact].map((w) => `'${w}'`);
  const asked: string[] = [];
  let dropped = false;
  for (const w of prefixes) {
    if (w.length > SHORT_PREFIX || exact.size === 0) {
      parts.push(`'${w}':*`);
      asked.push(w);
    } else dropped = true;
  }
  const gin = parts.length && (dropped || phrase) ? parts.join(' & ') : null;
  // The same question without the typed prefixes it asks, when words are left to ask (migration 0210).
  if (!asked.length || exact.size === 0) return { gin };
  return { gin, thin: { thin: [...exact].map((w) => `'${w}'`).join(' & '), prefixes: asked, words: [...exact] } };
}

/** A prefix this short (folded characters) stands for too many words to ask the index for beside another word. */
const SHORT_PREFIX = 3;

/** The search's conditions (over `incoming_documents d`), as the database functions take them. */
export function searchSpec(q: SearchQuery): SearchSpec {
  const spec: SearchSpec = { terms: [] };
  const scope = q.scope ?? 'fields';
  const fieldTerms = scope === 'fields' ? q.text.terms : [];
  const tsq: string[] = [];
  const wordTerms = fieldTerms.filter((t) => !isSymbolTerm(t));
  for (const t of wordTerms) tsq.push(`(${termQuery(t)})`);
  if (tsq.length) {
    const tsv = tsq.join(' & ');
    const { gin, thin } = indexWords(wordTerms);
    spec.terms.push([{ tsv, ...(gin ? { gin } : {}), ...thin }]);
  }
  // The sender's words (weight B), answered by the names of the senders they match (migration 0238).
  if (q.organName?.terms.length) spec.organ = q.organName.terms.map((t) => `(${termQuery(t, 'B')})`).join(' & ');
  for (const t of fieldTerms) if (isSymbolTerm(t)) spec.terms.push([{ symbol: `%${t.symbol}%` }]);
  // The files' text (migration 0065): a term there is its words as a phrase (a symbol's too),
  // walked joined to its documents (scope all is two searches merged: searchIncomingPg).
  if (scope === 'content' && q.text.terms.length) {
    spec.content = true;
    spec.terms.push([{ content: q.text.terms.map((t) => `(${termQuery({ ...t, expansions: undefined })})`).join(' & ') }]);
  }
  if (q.typeName) spec.typeFold = typeKeyOf(q.typeName);
  if (q.urgency) spec.urgency = q.urgency;
  if (q.secrecy) spec.secrecy = q.secrecy;
  if (q.registerId !== undefined) spec.registerId = q.registerId;
  if (q.status) spec.status = q.status;
  if (q.arrivalFrom) spec.keyFrom = sortKeyBase(parseInstant(q.arrivalFrom)!);
  if (q.arrivalTo) spec.keyTo = sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!);
  if (q.issuedFrom || q.issuedTo) {
    spec.issuedFrom = q.issuedFrom ?? '0000-00-00';
    spec.issuedTo = q.issuedTo ?? '9999-99-99';
  }
  if (!q.includeVoided && q.status !== 'voided') spec.excludeVoided = true;
  if (q.visible) spec.visible = q.visible;
  return spec;
}

/**
 * A search's hits as sort keys, newest first, below `before`, at most `limit` — and their
 * number up to `upTo` (null: exact). Run by the database functions of migration 0170, which
 * add the connected person's row rule themselves: under row-level security a person's own
 * query could not use the full-text indexes (see that migration).
 */
function specKeys(db: Q, spec: SearchSpec, before: number | null, limit: number): Promise<number[]> {
  return db
    .dyn<{ k: string }>('SELECT k FROM vt_search_keys($1::jsonb, $2::bigint, $3::integer) AS k', [JSON.stringify(spec), before, limit])
    .then((rows) => rows.map((r) => Number(r.k)));
}

/**
 * A first page: the newest hits' scored fields (search/rank.ts), newest first (vt_search_first,
 * migration 0224, which walks as vt_search_candidates of 0186 does), and the number of hits when
 * the database counted them on the way: the rows it read from the GIN index carry the number of
 * hits below the newest rows it walked (NULL on those), so walked + counted is every hit. Null:
 * not counted — the walks found them all, or far more hits than `upTo` were expected and only the
 * newest were read (the capped count, vt_search_count, reads at most `upTo` of them itself).
 */
async function specRows(db: Q, spec: SearchSpec, limit: number, upTo: number): Promise<{ rows: CandidateRow[]; hits: number | null }> {
  const rows = await db.dyn<{ k: string; subject: string; organ: string; symbol: string | null; hits: string | null }>(
    'SELECT k, subject, organ, symbol, hits FROM vt_search_first($1::jsonb, $2::integer, $3::bigint)',
    [JSON.stringify(spec), limit, upTo],
  );
  const walked = rows.filter((r) => r.hits === null).length;
  const counted = rows.find((r) => r.hits !== null);
  return {
    rows: rows.map((r) => ({ k: Number(r.k), subject: r.subject, organ: r.organ, symbol: r.symbol })),
    hits: counted ? walked + Number(counted.hits) : null,
  };
}

async function specCount(db: Q, spec: SearchSpec, upTo: number | null): Promise<number> {
  const rows = await db.dyn<{ n: string }>('SELECT vt_search_count($1::jsonb, $2::bigint) AS n', [JSON.stringify(spec), upTo]);
  return Number(rows[0]!.n);
}

/** Scope `all` with text: the fields search and the content search, merged (search/union.ts). */
const isUnion = (q: SearchQuery) => q.scope === 'all' && q.text.terms.length > 0;

/** One side of a scope-`all` search as a key source (each through the functions of 0170). */
function keySource(db: Q, q: SearchQuery): KeySource {
  const spec = searchSpec(q);
  // The functions take an integer limit: "all of them" (an exact count) is at most that many.
  return {
    keys: (before, limit) => specKeys(db, spec, before, Math.min(limit, 2_147_483_647)),
    count: (upTo) => specCount(db, spec, Math.floor(upTo)),
  };
}

const unionSources = (db: Q, q: SearchQuery) => [keySource(db, { ...q, scope: 'fields' }), keySource(db, { ...q, scope: 'content' })];

export interface SearchKeys {
  total: number;
  totalCapped: boolean;
  keys: number[];
  last?: { key: number; rank?: number };
}

export async function searchIncomingPg(db: Q, q: SearchQuery): Promise<SearchKeys> {
  if (isUnion(q)) {
    return unionSearch(unionSources(db, q), q, isRanked(q.sort, q.text), (keys) =>
      db.dyn<CandidateRow>(
        `SELECT sort_key AS k, subject, organ_name AS organ, symbol FROM incoming_documents WHERE sort_key = ANY($1::bigint[])`,
        [keys],
      ),
    );
  }
  const spec = searchSpec(q);
  // Counted up to the cap only (see SearchQuery in store/ports.ts); countIncomingPg gives the exact figure.
  const cap = q.countCap ?? SEARCH_COUNT_CAP;
  const counting = (counted: number) => ({ total: Math.min(counted, cap), totalCapped: counted > cap });
  const ranked = isRanked(q.sort, q.text);
  const page = (before: number | null, limit: number) => specKeys(db, spec, before, limit);

  if (!ranked || (q.after && q.after.rank === BEYOND_CANDIDATES)) {
    const dateAfter = q.after && (q.sort === 'date' || q.after.rank === BEYOND_CANDIDATES) ? q.after.key : null;
    // The first page with the number of hits when the database read every hit for it (vt_search_first).
    const first = dateAfter === null ? await specRows(db, spec, q.limit, cap + 1) : null;
    const keys = first ? first.rows.map((r) => r.k) : await page(dateAfter, q.limit);
    const last = keys[keys.length - 1];
    // The first page holds every hit when it is not full: they are counted already.
    const counted = dateAfter === null && keys.length < q.limit ? keys.length : (first?.hits ?? (await specCount(db, spec, cap + 1)));
    return {
      ...counting(counted),
      keys,
      last: last !== undefined ? { key: last, rank: ranked ? BEYOND_CANDIDATES : undefined } : undefined,
    };
  }
  const candidateLimit = q.candidateLimit ?? RELEVANCE_CANDIDATES;
  // The newest hits with the fields relevance scores, in one call (vt_search_first, migration
  // 0224); fewer than asked for are all the hits, and hits the database counted on the way are
  // counted — no second walk to count them.
  const { rows, hits } = await specRows(db, spec, candidateLimit, cap + 1);
  const { total, totalCapped } = counting(rows.length < candidateLimit ? rows.length : (hits ?? (await specCount(db, spec, cap + 1))));
  if (rows.length === 0) return { total, totalCapped, keys: [] };
  const minKey = rows[rows.length - 1]!.k;
  const rankedRows = rankCandidates(rows, q);
  const after = q.after;
  const start = after ? rankedRows.findIndex((x) => x.r < after.rank! || (x.r === after.rank && x.k < after.key)) : 0;
  const slice = start < 0 ? [] : rankedRows.slice(start, start + q.limit);
  const keys = slice.map((x) => x.k);
  let last: SearchKeys['last'] = slice.length ? { key: slice[slice.length - 1]!.k, rank: slice[slice.length - 1]!.r } : undefined;
  if (keys.length < q.limit && rows.length === candidateLimit) {
    const more = await page(minKey, q.limit - keys.length);
    keys.push(...more);
    if (more.length) last = { key: more[more.length - 1]!, rank: BEYOND_CANDIDATES };
  }
  return { total, totalCapped, keys, last };
}

/** The exact number of hits (SearchQuery's text and filters). */
export async function countIncomingPg(db: Q, q: SearchQuery): Promise<number> {
  if (isUnion(q)) return unionCount(unionSources(db, q));
  return specCount(db, searchSpec(q), null);
}

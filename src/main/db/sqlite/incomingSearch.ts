/**
 * Incoming-document search on SQLite FTS5. Everything dialect-specific about search is
 * here: MATCH syntax, tag tokens, key ranges, the relevance tiers.
 *
 * Design (1M documents: first page p95 ≤ 20 ms, exact count p95 ≤ 60 ms):
 * - text terms and the type/urgency/secrecy/register/status filters, the sender, the issue
 *   month and the hiding of confidential documents are answered by one FTS5 expression
 *   (filters are indexed as tag tokens, searchTags.ts; sender and month since migration
 *   0100), so a filter costs a doclist merge, not a row lookup per hit;
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
 *   doclist into one buffer before starting, once per statement;
 * - a page counts at most countCap + 1 hits (an FTS AND costs about the length of every
 *   common word's doclist, and "quang ngai" has 550k hits); the exact figure is a
 *   separate call (searchCount);
 * - the first page first reads up to 2,001 hits in the index's own (oldest-first) order,
 *   keys only: a question with fewer hits is then fully answered by that one pass (count,
 *   page, candidates). FTS5's backwards walk over a rare combination of common words costs
 *   up to twice its forward walk, and a second walk twice again. A question with more hits
 *   is counted (up to the cap) and then walked newest first, which is cheap for it: its
 *   newest hits are close together.
 */
import type { Term } from '../../search/parseQuery.js';
import {
  isRanked,
  isSymbolTerm,
  rankCandidateTuples,
  RELEVANCE_CANDIDATES,
  type CandidateRow,
  type CandidateTuple,
} from '../../search/rank.js';
import { SEARCH_COUNT_CAP, type SearchQuery } from '../../store/ports.js';
import { unionCount, unionSearch, type KeySource } from '../../search/union.js';
import { fold } from '../../../shared/text/vietnamese.js';
import { addDays, parseInstant } from '../../../shared/text/dates.js';
import { sortKeyBase } from './sortKey.js';
import type { Statements } from './statements.js';
import { CONFIDENTIAL_SECRECY_TAGS, FILTER_TAGS_META_KEY, NO_DOCUMENT, TAG_TOKENS_SQL, tag } from './searchTags.js';

const TEXT_COLUMNS = '{subject organ symbol signer description}';
/** Rank of hits outside the candidate set (date order). */
const BEYOND_CANDIDATES = -1;

function phrase(t: Term): string {
  // Words are folded [\p{L}\p{N}]+ runs: they cannot contain a quote or FTS syntax.
  if (t.prefix && t.expansions) {
    const head = t.words.slice(0, -1).join(' ');
    const alternatives = t.expansions.map((w) => `"${head ? head + ' ' : ''}${w}"`);
    // No indexed word starts with the prefix: a phrase that cannot match keeps the syntax valid.
    return alternatives.length ? `(${alternatives.join(' OR ')})` : `"${t.words.join(' ')}"`;
  }
  if (t.prefix && t.continuations) {
    const head = t.words.slice(0, -1).join(' ');
    const h = head ? head + ' ' : '';
    const last = t.words[t.words.length - 1]!;
    return `("${h}${last}"${t.continuations.map((c) => ` OR "${h}${c}"*`).join('')})`;
  }
  return `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`;
}

/** Prefixes this long or longer are expanded to the words they stand for (see expandPrefixes). */
const EXPAND_FROM_LENGTH = 4;
const MAX_EXPANSIONS = 64;
/** A 2-character prefix with more 3-character continuations than this is asked as it is (see continuationsOf). */
const MAX_CONTINUATIONS = 64;

/**
 * The 3-character beginnings of the vocabulary's words that start with a 2-character prefix
 * and are longer (characters are code points, as FTS5's prefix indexes count them): one seek
 * of the words' primary key per beginning, skipping the words that share it. Null past
 * MAX_CONTINUATIONS.
 */
function continuationsOf(s: Statements, two: string): string[] | null {
  const next = s.get('SELECT word FROM search_words WHERE word > ? AND word < ? ORDER BY word LIMIT 1').pluck();
  const end = two + LAST_CHAR;
  const out: string[] = [];
  let from = two;
  for (;;) {
    const w = next.get(from, end) as string | undefined;
    if (w === undefined) return out;
    const three = Array.from(w).slice(0, 3).join('');
    if (out.length === MAX_CONTINUATIONS) return null;
    out.push(three);
    from = three + LAST_CHAR;
  }
}
const LAST_CHAR = String.fromCodePoint(0x10ffff);

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
      if (t.prefix && last.length < EXPAND_FROM_LENGTH && Array.from(last).length === 2) {
        // The fields index has no 2-character prefix index (migration 0221).
        const continuations = continuationsOf(s, last);
        return continuations ? { ...t, continuations } : t;
      }
      if (!t.prefix || last.length < EXPAND_FROM_LENGTH) return t;
      const rows = s
        .get(`SELECT word FROM search_words WHERE word >= ? AND word < ? || char(1114111) LIMIT ${MAX_EXPANSIONS + 1}`)
        .all(last, last) as { word: string }[];
      return rows.length > MAX_EXPANSIONS ? t : { ...t, expansions: rows.map((r) => r.word) };
    });
  return { ...q, text: { terms: expand(q.text.terms) }, ...(q.organName ? { organName: { terms: expand(q.organName.terms) } } : {}) };
}

/**
 * A sender's words as FTS5's unicode61 tokenizer splits its folded name (letters, digits and
 * private-use characters make words). A word with letters beyond ASCII is kept as a pattern:
 * the tokenizer folds such letters further (ø → o…), one letter for one, so each is a
 * wildcard here (WILD); null when the word also holds a mark, which the tokenizer may drop.
 */
type OrganWords = (string | null)[];
const WILD = '\u0000';

function organWords(folded: string): OrganWords {
  return folded
    .split(/[^\p{L}\p{N}\p{Co}\p{M}]+/u)
    .filter((w) => w !== '')
    .map((w) => (/^[a-z0-9]+$/.test(w) ? w : /\p{M}/u.test(w) ? null : Array.from(w, (c) => (/[a-z0-9]/.test(c) ? c : WILD)).join('')));
}

/** Whether word `w` is (or, with wildcards allowed, may be) `p`, or starts with it when `prefix`. */
function wordMatches(w: string | null, p: string, prefix: boolean, wild: boolean): boolean {
  if (w === null) return wild;
  if (!w.includes(WILD)) return w === p || (prefix && w.startsWith(p));
  if (!wild || (prefix ? w.length < p.length : w.length !== p.length)) return false;
  for (let i = 0; i < p.length; i++) if (w[i] !== WILD && w[i] !== p[i]) return false;
  return true;
}

/** The senders of incoming_organs as the sender filter sees them (see organTags). */
interface OrganCatalogue {
  rows: number;
  organs: { words: OrganWords; tag: string }[];
}

/**
 * Searches read the database through a memory map of this size: a search reads a few
 * thousand pages scattered over the fields index and the documents (their relevance
 * candidates), more than the 64 MiB page cache keeps across different questions, and each
 * page it does not keep is a read() and a copy. Mapped, they are read in place from the
 * operating system's cache (at a million documents, the CPU of the benchmark's timed searches
 * 6–21 % lower). The size is SQLite's default largest map (SQLITE_MAX_MMAP_SIZE; a larger
 * request is cut to it): the rest of a larger file is read as before. Set by the first search of a connection rather than at opening: a bulk import
 * switches it off (incomingRepo setBulkIndexing), so that its merge of the whole index does
 * not map every page it reads into the process; the next search switches it on again. Only
 * with WAL — a database on a network filesystem (rollback journal) is never mapped.
 */
export const SEARCH_MMAP_BYTES = 0x7fff0000;
const mapped = new WeakMap<object, boolean>();

/** Forgets that this connection's searches map the file (it was just unmapped). */
export function searchMapOff(db: object): void {
  mapped.delete(db);
}

function mapForSearch(s: Statements): void {
  if (mapped.has(s.db)) return;
  const wal = String(s.db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (wal) s.db.pragma(`mmap_size = ${SEARCH_MMAP_BYTES}`);
  mapped.set(s.db, wal);
}

/** Per connection: senders are few (hundreds to thousands) and only ever added, so the row count says when to reload. */
const catalogues = new WeakMap<object, OrganCatalogue>();
const filterTagsKnown = new WeakMap<object, boolean>();

function organCatalogue(s: Statements): OrganCatalogue {
  const rows = s.get('SELECT count(*) FROM incoming_organs').pluck().get() as number;
  const cached = catalogues.get(s.db);
  if (cached && cached.rows === rows) return cached;
  const folded = s.get('SELECT folded FROM incoming_organs').pluck().all() as string[];
  const c: OrganCatalogue = { rows: folded.length, organs: folded.map((f) => ({ words: organWords(f), tag: tag.organ(f) })) };
  catalogues.set(s.db, c);
  return c;
}

/**
 * Whether `words` holds the phrase (its last word as a prefix when asked), as an FTS5 phrase
 * matches a column; with `wild`, what an unknown word may also be counts as a match.
 */
function hasPhrase(words: OrganWords, phrase: readonly string[], prefix: boolean, wild: boolean): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      if (!wordMatches(words[i + j]!, phrase[j]!, prefix && j === phrase.length - 1, wild)) continue outer;
    }
    return true;
  }
  return false;
}

/** More senders than this for one filter: the organ column's words answer it instead. */
const MAX_ORGAN_TAGS = 64;

/**
 * The sender filter as the tags of the senders it means: those whose words hold every term
 * (a phrase; the last word a prefix while typing) — what `organ : (…)` finds, asked of the
 * few senders instead of the documents. Null (the organ column answers) when that cannot be
 * told exactly — a term that is not plain ASCII once folded, a sender whose unknown words
 * decide it, a sender of the filter sharing its tag with one outside it — or when none or
 * too many senders match.
 */
function organTags(s: Statements, terms: readonly Term[]): string[] | null {
  if (terms.some((t) => t.words.some((w) => !/^[a-z0-9]+$/.test(w)))) return null;
  const matches = (words: OrganWords, wild: boolean) => terms.every((t) => hasPhrase(words, t.words, t.prefix, wild));
  const matched = new Set<string>();
  const others = new Set<string>();
  for (const o of organCatalogue(s).organs) {
    const yes = matches(o.words, false);
    // A sender that matches only if its unknown words are what they may be: not decidable here.
    if (!yes && o.words.some((w) => w === null || w.includes(WILD)) && matches(o.words, true)) return null;
    (yes ? matched : others).add(o.tag);
  }
  if (matched.size === 0 || matched.size > MAX_ORGAN_TAGS) return null;
  for (const t of matched) if (others.has(t)) return null;
  return [...matched].sort();
}

/** Prefixes expanded and, where the fields index has them (migration 0100), the filters as tags. */
export function prepare(s: Statements, query: SearchQuery): PreparedQuery {
  mapForSearch(s);
  const q: PreparedQuery = expandPrefixes(s, query);
  let known = filterTagsKnown.get(s.db);
  if (known === undefined) {
    known = !!s.get('SELECT 1 FROM meta WHERE key = ?').get(FILTER_TAGS_META_KEY);
    filterTagsKnown.set(s.db, known);
  }
  if (!known) return q;
  q.filterTags = true;
  if (q.organName?.terms.length) {
    const tags = organTags(s, q.organName.terms);
    if (tags) q.organTags = tags;
  }
  const rows = s
    .get(TAG_TOKENS_SQL)
    .raw()
    .all(JSON.stringify(tagsOf(q, q.organTags))) as [string, string][];
  q.tagTokens = new Map(rows);
  return q;
}

/**
 * A text term needs the column filter only when it could hit a tag token: tags all
 * start with "x", and only a prefix term can realistically reach one ("x…*"). Column
 * filters make FTS5 decode positions, so the common case goes without.
 */
function textTerm(t: Term): string {
  return t.prefix && t.words[t.words.length - 1]!.startsWith('x') ? `${TEXT_COLUMNS} : ${phrase(t)}` : phrase(t);
}

/**
 * A search as this store runs it: prefixes expanded, and — when the fields index carries the
 * sender and issue-month tags (migration 0100) — the sender filter as the tags of the senders
 * it means, and the issue-date range as its months.
 */
export interface PreparedQuery extends SearchQuery {
  /** The fields index has the tags of migration 0100. */
  filterTags?: boolean;
  /** The sender filter as tag tokens (any of them); absent: matched on the organ column's words. */
  organTags?: string[];
  /**
   * The fields index's token of each tag the search may use (search_tags, migration 0220). A
   * tag not here is on no document: it is asked as its text, which matches nothing.
   */
  tagTokens?: Map<string, string>;
}

/** At most this many months of an issue-date range are asked of the index as tag tokens. */
const MAX_ISSUED_MONTHS = 36;

/**
 * The months (`yyyy-mm`) an issue-date range covers, as the index's month tags: the index
 * narrows to them and the exact days are checked on its hits. Null when the range is open
 * or too long to be worth it (the day check alone then applies). As the content search's.
 */
function issuedMonths(q: SearchQuery): string[] | null {
  if (!q.issuedFrom || !q.issuedTo || q.issuedFrom > q.issuedTo) return null;
  const out: string[] = [];
  let y = Number(q.issuedFrom.slice(0, 4));
  let m = Number(q.issuedFrom.slice(5, 7));
  const endY = Number(q.issuedTo.slice(0, 4));
  const endM = Number(q.issuedTo.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    if (out.length === MAX_ISSUED_MONTHS) return null;
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

interface Plan {
  where: string[];
  params: unknown[];
  source: 'fts' | 'symbol' | 'documents' | 'content';
}

/** A term as a phrase of the content index's body: its own words (a symbol's too), a prefix as FTS5's `*`. */
function contentPhrase(t: Term): string {
  // Never the register's word list (expansions): the files' words are not in it.
  return phrase({ ...t, expansions: undefined, continuations: undefined });
}

/**
 * A tag as the index holds it: the content index as its text (migration 0130), the fields index
 * as the token search_tags gives it (migration 0220; see PreparedQuery.tagTokens).
 */
type TagToken = (tag: string) => string;
const asText: TagToken = (t) => t;

/** The tags a fields search may use (its filters, and what it leaves out), to look their tokens up in one statement. */
function tagsOf(q: SearchQuery, organTags: readonly string[] | undefined): string[] {
  const out = [tag.status('voided'), ...CONFIDENTIAL_SECRECY_TAGS, ...(organTags ?? [])];
  if (q.typeName) out.push(tag.type(fold(q.typeName)));
  if (q.urgency) out.push(tag.urgency(q.urgency));
  if (q.secrecy) out.push(tag.secrecy(q.secrecy));
  if (q.registerId !== undefined) out.push(tag.register(q.registerId));
  if (q.status) out.push(tag.status(q.status));
  for (const m of issuedMonths(q) ?? []) out.push(tag.issued(m));
  return out;
}

/** The filters every plan shares, as tag tokens (the fields index's and the content index's alike). */
function tagFilters(q: SearchQuery, tok: TagToken): string[] {
  const must: string[] = [];
  if (q.typeName) must.push(`tags : "${tok(tag.type(fold(q.typeName)))}"`);
  if (q.urgency) must.push(`tags : "${tok(tag.urgency(q.urgency))}"`);
  if (q.secrecy) must.push(`tags : "${tok(tag.secrecy(q.secrecy))}"`);
  if (q.registerId !== undefined) must.push(`tags : "${tok(tag.register(q.registerId))}"`);
  if (q.status) must.push(`tags : "${tok(tag.status(q.status))}"`);
  return must;
}

/**
 * A sort key as a parameter compared with an index's rowid. better-sqlite3 binds a JavaScript
 * number as REAL, and FTS5 uses a rowid bound only when it is an INTEGER (fts5GetRowidLimit):
 * with a REAL one it walks the whole doclist and SQLite filters the rows afterwards — the
 * arrival range of "chuyển đổi số" read 9 ms of hits instead of 0.5 at a million documents.
 * Harmless where the key is a table's indexed column.
 */
const KEY_PARAM = 'CAST(? AS INTEGER)';

/** The arrival range over the key `k`, and the exact issue days (months, where tagged, only narrow the walk). */
function rangeFilters(q: SearchQuery, where: string[], params: unknown[]): void {
  if (q.arrivalFrom) {
    where.push(`k >= ${KEY_PARAM}`);
    params.push(sortKeyBase(parseInstant(q.arrivalFrom)!));
  }
  if (q.arrivalTo) {
    where.push(`k < ${KEY_PARAM}`);
    params.push(sortKeyBase(parseInstant(addDays(q.arrivalTo, 1))!));
  }
  if (q.issuedFrom || q.issuedTo) {
    where.push(`EXISTS (SELECT 1 FROM incoming_documents d WHERE d.sort_key = k AND d.issued_date >= ? AND d.issued_date <= ?)`);
    params.push(q.issuedFrom ?? '0000-00-00', q.issuedTo ?? '9999-99-99');
  }
}

const CONFIDENTIAL_KEYS = `k NOT IN (SELECT sort_key FROM incoming_documents WHERE secrecy != 'normal')`;
const VOIDED_KEYS = `k NOT IN (SELECT sort_key FROM incoming_documents WHERE status = 'voided')`;

/**
 * What the caller may see (accounts/visibility.ts), by key, like the voided documents — the
 * same for fields and content. Confidential documents by key only when the walk's index has
 * no secrecy tags to leave them out by (`byTags`: see hiddenTags).
 */
function visibilityFilters(q: SearchQuery, where: string[], params: unknown[], byTags: boolean): void {
  if (q.visible?.none) where.push('0');
  if (q.visible?.hideConfidential && !byTags) where.push(CONFIDENTIAL_KEYS);
  if (q.visible?.unitId !== undefined) {
    where.push(
      'k IN (SELECT d.sort_key FROM assignments a JOIN incoming_documents d ON d.id = a.document_id WHERE a.unit_id = ? AND a.replaced_at IS NULL)',
    );
    params.push(q.visible.unitId);
  }
}

const excludesVoided = (q: SearchQuery) => !q.includeVoided && q.status !== 'voided';

/** The tags of what is left out inside the same expression: voided documents, and confidential ones for a viewer without the grant. */
function hiddenTags(q: SearchQuery, confidentialByTags: boolean, tok: TagToken): string | null {
  const hidden = [...(excludesVoided(q) ? [tag.status('voided')] : []), ...(confidentialByTags ? CONFIDENTIAL_SECRECY_TAGS : [])].map(
    (t) => `"${tok(t)}"`,
  );
  if (!hidden.length) return null;
  return `tags : ${hidden.length === 1 ? hidden[0] : `(${hidden.join(' OR ')})`}`;
}

/**
 * The files' text (scope content): one FTS5 expression over the content index — the terms as
 * phrases of the body, the sender as words of its organ column, the filters, issue months and
 * secrecy as its tag tokens (migration 0130) — so the index itself merges them and walks
 * newest first, instead of a key list from one index looked up in another.
 */
function contentPlan(q: PreparedQuery): Plan {
  const where: string[] = [];
  const params: unknown[] = [];
  const must = [`body : (${q.text.terms.map(contentPhrase).join(' AND ')})`, ...tagFilters(q, asText)];
  if (q.organName?.terms.length) must.push(`organ : (${q.organName.terms.map(contentPhrase).join(' AND ')})`);
  const months = issuedMonths(q);
  if (months) must.push(`tags : (${months.map((m) => `"${tag.issued(m)}"`).join(' OR ')})`);
  rangeFilters(q, where, params);
  // The content index always has the secrecy tags (migration 0130).
  const byTags = !!q.visible?.hideConfidential;
  visibilityFilters(q, where, params, byTags);
  let match = must.join(' AND ');
  const hidden = hiddenTags(q, byTags, asText);
  if (hidden) match = `(${match}) NOT ${hidden}`;
  return { where: ['incoming_content_fts MATCH ?', ...where], params: [match, ...params], source: 'content' };
}

/**
 * One search's plan. Scope content with text is the content index's (contentPlan); scope all
 * with text never comes here as such: it is the fields plan and the content plan merged
 * (searchIncoming, search/union.ts).
 */
function plan(q: PreparedQuery): Plan {
  if ((q.scope ?? 'fields') === 'content' && q.text.terms.length) return contentPlan(q);
  const must: string[] = [];
  const where: string[] = [];
  const params: unknown[] = [];
  const tok: TagToken = (t) => q.tagTokens?.get(t) ?? t;
  const plainTerms = q.text.terms.filter((t) => !isSymbolTerm(t));
  const symbolTerms = q.text.terms.filter(isSymbolTerm);

  if (q.organTags) {
    const sender = `tags : (${q.organTags.map((t) => `"${tok(t)}"`).join(' OR ')})`;
    if (plainTerms.length) {
      // The sender (a few thousand documents) and the first word, merged on their own: FTS5
      // steps every operand of one AND to each candidate, so a common word (or the type tag)
      // beside them would be sought at every row of the sender; grouped, only at their few
      // common rows. The OR with a tag no document has keeps FTS5 from flattening the group.
      const [first, ...rest] = plainTerms;
      must.push(`((${sender} AND ${textTerm(first!)}) OR tags : ${NO_DOCUMENT})`, ...rest.map(textTerm));
    } else must.push(sender);
  } else {
    if (plainTerms.length) must.push(plainTerms.map(textTerm).join(' AND '));
    if (q.organName?.terms.length) must.push(`organ : (${q.organName.terms.map(phrase).join(' AND ')})`);
  }
  must.push(...tagFilters(q, tok));
  const months = q.filterTags ? issuedMonths(q) : null;
  if (months) must.push(`tags : (${months.map((m) => `"${tok(tag.issued(m))}"`).join(' OR ')})`);
  rangeFilters(q, where, params);
  // Confidential documents: left out by tag when the walk is the fields index's (below), else by key.
  const hideByTags = !!q.visible?.hideConfidential && q.filterTags === true;
  visibilityFilters(q, where, params, hideByTags);
  const excludeVoided = excludesVoided(q);

  if (must.length === 0 && symbolTerms.length > 0) {
    // Only symbol fragments: the trigram index drives; the (few) voided keys are excluded.
    const [first, ...rest] = symbolTerms;
    for (const t of rest) {
      where.push('k IN (SELECT rowid FROM incoming_symbol_fts WHERE incoming_symbol_fts MATCH ?)');
      params.push(`"${t.symbol}"`);
    }
    if (excludeVoided) where.push(VOIDED_KEYS);
    if (hideByTags) where.push(CONFIDENTIAL_KEYS);
    return { where: ['incoming_symbol_fts MATCH ?', ...where], params: [`"${first!.symbol}"`, ...params], source: 'symbol' };
  }
  for (const t of symbolTerms) {
    where.push('k IN (SELECT rowid FROM incoming_symbol_fts WHERE incoming_symbol_fts MATCH ?)');
    params.push(`"${t.symbol}"`);
  }
  if (must.length === 0) {
    // No text and no tag filter: the documents table answers with its sort_key index.
    if (excludeVoided) where.push(`incoming_documents.status != 'voided'`);
    if (hideByTags) where.push(CONFIDENTIAL_KEYS);
    return { where, params, source: 'documents' };
  }
  let match = must.join(' AND ');
  const hidden = hiddenTags(q, hideByTags, tok);
  if (hidden) match = `(${match}) NOT ${hidden}`;
  return { where: ['incoming_fts MATCH ?', ...where], params: [match, ...params], source: 'fts' };
}

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export interface SearchSql {
  /** `SELECT count(*) AS n …`: the exact total. */
  count: SqlStatement;
  /** `{n}`: the number of hits, counted up to cap + 1. */
  cappedCount: SqlStatement;
  /**
   * `{n}`: the number of hits with a key above a given one, up to a given number: params +
   * [afterKey, limit]. Null where the probe's order is not the key's (the documents table).
   */
  cappedCountAfter: SqlStatement | null;
  /**
   * The first hits in the index's own order (oldest first: the order FTS5 walks fastest),
   * keys only; takes one more parameter, how many. Fewer than asked for means: all of them.
   */
  probe: SqlStatement;
  /** Date order: the page of keys `{k}`, newest first, after the cursor. */
  page: SqlStatement;
  /**
   * Relevance only: the newest candidates (bounded) with the fields they are scored on,
   * `{k, subject, organ, symbol}`, newest first.
   */
  candidates: SqlStatement | null;
  /** Relevance only: the scored fields of given keys `{k, subject, organ, symbol}`; one parameter, a JSON array of keys. */
  candidateRows: SqlStatement | null;
  /** Relevance only: hits after the candidates, newest first: params + [beforeKey, limit]. */
  beyond: SqlStatement | null;
}

const SOURCES = {
  fts: { from: 'incoming_fts', key: 'incoming_fts.rowid' },
  symbol: { from: 'incoming_symbol_fts', key: 'incoming_symbol_fts.rowid' },
  documents: { from: 'incoming_documents', key: 'incoming_documents.sort_key' },
  content: { from: 'incoming_content_fts', key: 'incoming_content_fts.rowid' },
} as const;

/**
 * The exact SQL and parameters a search runs: the one source of the search SQL (the
 * benchmark's reference is written independently of it, on purpose).
 */
function compile(p: Plan) {
  const { from, key } = SOURCES[p.source];
  const where = p.where.map((w) => w.replace(/\bk\b/g, key));
  return { from, key, whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', and: where.length ? 'AND' : 'WHERE' };
}

/** Scope `all` with text: the fields search and the content search, merged (search/union.ts). */
const isUnion = (q: SearchQuery) => q.scope === 'all' && q.text.terms.length > 0;

/** One side of a scope-`all` search as a key source: its index walked newest first. */
function keySource(s: Statements, q: PreparedQuery): KeySource {
  const p = plan(q);
  const { from, key, whereSql, and } = compile(p);
  // The same SQL as a search's page (and its relevance tail): the cached statements are shared,
  // so the mode is set at each call (Statements.get hands them out in row mode).
  const before = `SELECT ${key} AS k FROM ${from} ${whereSql} ${and} ${key} < ${KEY_PARAM} ORDER BY ${key} DESC LIMIT ?`;
  const newest = `SELECT ${key} AS k FROM ${from} ${whereSql} ORDER BY ${key} DESC LIMIT ?`;
  return {
    keys: async (b, limit) =>
      (b === null
        ? s
            .get(newest)
            .pluck()
            .all(...p.params, limit)
        : s
            .get(before)
            .pluck()
            .all(...p.params, b, limit)) as number[],
    count: async (upTo) =>
      (s.get(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${whereSql} LIMIT ${Math.floor(upTo)})`).get(...p.params) as { n: number })
        .n,
  };
}

function unionSources(s: Statements, q: PreparedQuery): KeySource[] {
  return [keySource(s, { ...q, scope: 'fields' }), keySource(s, { ...q, scope: 'content' })];
}

export function searchIncomingSql(q: PreparedQuery): SearchSql {
  const p = plan(q);
  const { from, key, whereSql, and } = compile(p);
  const cap = q.countCap ?? SEARCH_COUNT_CAP;
  const count: SqlStatement = { sql: `SELECT count(*) AS n FROM ${from} ${whereSql}`, params: p.params };
  const cappedCount: SqlStatement = {
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${whereSql} LIMIT ${cap + 1})`,
    params: p.params,
  };
  const cappedCountAfter: SqlStatement | null =
    p.source === 'documents'
      ? null
      : { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${whereSql} ${and} ${key} > ${KEY_PARAM} LIMIT ?)`, params: p.params };
  // No ORDER BY: the index's own order.
  const probe: SqlStatement = { sql: `SELECT ${key} AS k FROM ${from} ${whereSql} LIMIT ?`, params: p.params };
  const dateAfter = q.after && (q.sort === 'date' || q.after.rank === BEYOND_CANDIDATES) ? q.after.key : null;
  const page: SqlStatement = {
    sql: `SELECT ${key} AS k FROM ${from} ${whereSql} ${dateAfter !== null ? `${and} ${key} < ${KEY_PARAM}` : ''} ORDER BY ${key} DESC LIMIT ?`,
    params: [...p.params, ...(dateAfter !== null ? [dateAfter] : []), q.limit],
  };
  if (!isRanked(q.sort, q.text))
    return { count, cappedCount, cappedCountAfter, probe, page, candidates: null, candidateRows: null, beyond: null };
  return {
    count,
    cappedCount,
    cappedCountAfter,
    probe,
    page,
    candidates: {
      // Joined in one statement: a key list handed back and forth costs more than the lookups.
      sql: `SELECT d.sort_key AS k, d.subject, d.organ_name AS organ, d.symbol
            FROM (SELECT ${key} AS k FROM ${from} ${whereSql} ORDER BY ${key} DESC LIMIT ${q.candidateLimit ?? RELEVANCE_CANDIDATES}) c
            JOIN incoming_documents d ON d.sort_key = c.k ORDER BY c.k DESC`,
      params: p.params,
    },
    candidateRows: {
      sql: `SELECT sort_key AS k, subject, organ_name AS organ, symbol FROM incoming_documents
            WHERE sort_key IN (SELECT value FROM json_each(?))`,
      params: [],
    },
    beyond: {
      sql: `SELECT ${key} AS k FROM ${from} ${whereSql} ${and} ${key} < ${KEY_PARAM} ORDER BY ${key} DESC LIMIT ?`,
      params: p.params,
    },
  };
}

export interface SearchKeys {
  total: number;
  totalCapped: boolean;
  keys: number[];
  last?: { key: number; rank?: number };
}

/** The exact number of hits (the separate count call). */
export async function countIncoming(s: Statements, query: SearchQuery): Promise<number> {
  const q = prepare(s, query);
  if (isUnion(q)) return unionCount(unionSources(s, q));
  const sql = searchIncomingSql(q);
  return (s.get(sql.count.sql).get(...sql.count.params) as { n: number }).n;
}

/**
 * The first page reads up to this many hits first (keys only): fewer means they are all the
 * hits. Up to about 2,000 hits, one forward walk over them all costs less than walking the
 * index backwards to the newest 1,000 of them.
 */
const PROBE = 2000;

/** Whether keys are strictly increasing (the probe's order, which counting on from its last key relies on). */
function ascending(keys: readonly number[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i]! <= keys[i - 1]!) return false;
  return true;
}

export async function searchIncoming(s: Statements, query: SearchQuery): Promise<SearchKeys> {
  const q = prepare(s, query);
  if (isUnion(q)) {
    const rows = s.get(
      `SELECT sort_key AS k, subject, organ_name AS organ, symbol FROM incoming_documents WHERE sort_key IN (SELECT value FROM json_each(?))`,
    );
    return unionSearch(unionSources(s, q), q, isRanked(q.sort, q.text), async (keys) => rows.all(JSON.stringify(keys)) as CandidateRow[]);
  }
  const sql = searchIncomingSql(q);
  const cap = q.countCap ?? SEARCH_COUNT_CAP;
  const candidateLimit = q.candidateLimit ?? RELEVANCE_CANDIDATES;
  const ranked = sql.candidates !== null;

  let total: number;
  /** Every hit, newest first, when the first page's probe read them all. */
  let all: number[] | null = null;
  if (!q.after) {
    // A question with few hits is answered by this one pass (the count, the page, the
    // candidates); one with many reads a little of the index here and counts next.
    // A low count cap (content search) needs no more than cap + 1 keys to know the count is capped.
    const probeSize = Math.max(Math.min(PROBE, cap + 1), ranked ? candidateLimit : q.limit) + 1;
    const keys = s
      .get(sql.probe.sql)
      .pluck()
      .all(...sql.probe.params, probeSize) as number[];
    if (keys.length < probeSize) {
      all = keys.reverse();
      total = all.length;
    } else if (keys.length > cap) total = keys.length;
    else if (sql.cappedCountAfter && ascending(keys)) {
      // The probe read the oldest hits in key order: count on from its last key instead of
      // walking its hits again (a fifth of a capped count at 2,000 of 10,001).
      const rest = (
        s.get(sql.cappedCountAfter.sql).get(...sql.cappedCountAfter.params, keys[keys.length - 1]!, cap + 1 - keys.length) as { n: number }
      ).n;
      total = keys.length + rest;
    } else total = (s.get(sql.cappedCount.sql).get(...sql.cappedCount.params) as { n: number }).n;
  } else {
    total = (s.get(sql.cappedCount.sql).get(...sql.cappedCount.params) as { n: number }).n;
  }
  const capped = total > cap;
  const counted = { total: capped ? cap : total, totalCapped: capped };

  if (!ranked || (q.after && q.after.rank === BEYOND_CANDIDATES)) {
    const keys = all ? all.slice(0, q.limit) : (s.get(sql.page.sql).all(...sql.page.params) as { k: number }[]).map((r) => r.k);
    const last = keys[keys.length - 1];
    const rank = ranked ? BEYOND_CANDIDATES : undefined;
    return { ...counted, keys, last: last !== undefined ? { key: last, rank } : undefined };
  }
  // Read as arrays: a thousand candidates per search, without an object for each.
  const rows = all
    ? (s
        .get(sql.candidateRows!.sql)
        .raw()
        .all(JSON.stringify(all.slice(0, candidateLimit))) as CandidateTuple[])
    : (s
        .get(sql.candidates!.sql)
        .raw()
        .all(...sql.candidates!.params) as CandidateTuple[]);
  return { ...counted, ...rankedPage(s, sql, q, rows, candidateLimit) };
}

/** Relevance: score the candidates by tier, then continue with the rest by date. */
function rankedPage(
  s: Statements,
  sql: SearchSql,
  q: SearchQuery,
  rows: CandidateTuple[],
  candidateLimit: number,
): Omit<SearchKeys, 'total' | 'totalCapped'> {
  if (rows.length === 0) return { keys: [] };
  const ranked = rankCandidateTuples(rows, q);
  const minKey = ranked.reduce((m, x) => Math.min(m, x.k), Infinity);
  const after = q.after;
  const start = after ? ranked.findIndex((x) => x.r < after.rank! || (x.r === after.rank && x.k < after.key)) : 0;
  const page = start < 0 ? [] : ranked.slice(start, start + q.limit);
  const keys = page.map((x) => x.k);
  let last: SearchKeys['last'] = page.length ? { key: page[page.length - 1]!.k, rank: page[page.length - 1]!.r } : undefined;
  if (keys.length < q.limit && rows.length === candidateLimit) {
    const more = (s.get(sql.beyond!.sql).all(...sql.beyond!.params, minKey, q.limit - keys.length) as { k: number }[]).map((r) => r.k);
    keys.push(...more);
    if (more.length) last = { key: more[more.length - 1]!, rank: BEYOND_CANDIDATES };
  }
  return { keys, last };
}

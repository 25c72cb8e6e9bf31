/**
 * Relevance of incoming-document search: how the newest hits are scored. Store-neutral
 * (every store ranks with this one function, so they give the same order); see the
 * search semantics in store/ports.ts.
 */
import { fold } from '../../shared/text/vietnamese.js';
import type { ParsedQuery, Term } from './parseQuery.js';

/** How many of the newest hits relevance ranks (SearchQuery.candidateLimit overrides it in tests). */
export const RELEVANCE_CANDIDATES = 1000;

/** A term that looks like a symbol fragment is matched as a substring of symbols, not as words. */
export const isSymbolTerm = (t: Term): boolean => !!t.symbol && t.symbol.replace(/\//g, '').length >= 3;

/** Whether a search is ordered by relevance: asked for, and some text is matched as words. */
export const isRanked = (sort: 'relevance' | 'date', text: ParsedQuery): boolean =>
  sort === 'relevance' && text.terms.some((t) => !isSymbolTerm(t));

/** The stored fields relevance looks at, keyed by the document's arrival-time sort key. */
export interface CandidateRow {
  k: number;
  subject: string;
  organ: string;
  symbol: string | null;
}

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Whether a BMP code unit outside the surrogates is a letter or digit (what WORDS
 * matches): 1 yes, 2 no, 0 not looked up yet. Such a code unit is a whole code point, so
 * classifying it alone is exact; surrogate pairs take the regular expression.
 */
const wordUnit = new Uint8Array(0x10000);
const ONE_WORD_CHAR = /^[\p{L}\p{N}]$/u;

const isWordUnit = (c: number): boolean => {
  // ASCII (nearly all folded Vietnamese) without the regular expression, whose first use
  // compiles its Unicode classes: milliseconds of every CLI search.
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  let w = wordUnit[c]!;
  if (w === 0) wordUnit[c] = w = ONE_WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return w === 1;
};

/** `fold(s).match(WORDS).join(' ')` the general way: for text outside fold's per-character table. */
function joinedWordsSlow(s: string): string {
  const f = fold(s);
  let out = '';
  let start = -1;
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return (f.match(WORDS) ?? []).join(' ');
    if (isWordUnit(c)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out = out ? `${out} ${f.slice(start, i)}` : f.slice(start, i);
      start = -1;
    }
  }
  if (start >= 0) out = out ? `${out} ${f.slice(start)}` : f.slice(start);
  return out;
}

/**
 * What fold() makes of each character below U+2000 (its per-character path), and whether
 * that is a letter or digit: 0 until looked up, else the folded unit (low 16 bits) with the
 * flags below. Filled as characters are met rather than all 8,192 at once (building the
 * whole table was ~18 ms of CPU in every `vanthu search`), and one lookup per character
 * instead of three calls: a CLI search ranks 1,000 candidates in code V8 has not compiled
 * yet (issue 8, search start-up).
 */
const WORD = 1 << 16;
const REMOVED = 1 << 17;
const MULTI = 1 << 18;
const foldUnits = new Int32Array(0x2000);
function foldUnitOf(c: number): number {
  const f = fold(String.fromCharCode(c));
  const e = f.length === 0 ? REMOVED : f.length === 1 ? f.charCodeAt(0) | (isWordUnit(f.charCodeAt(0)) ? WORD : 0) : MULTI;
  foldUnits[c] = e;
  return e;
}
let scratch = new Uint16Array(1024);

/**
 * `fold(s).match(WORDS).join(' ')`: the folded words of s, one space between them. Text
 * below U+2000 is folded character by character (what fold() itself does then), straight
 * into the joined words; anything else takes the general path. Same words either way.
 */
function joinedWords(s: string): string {
  if (scratch.length < 2 * s.length + 1) scratch = new Uint16Array(2 * s.length + 1);
  const out = scratch;
  let len = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x2000) return joinedWordsSlow(s);
    let e = foldUnits[c]!;
    if (e === 0) e = foldUnitOf(c);
    if (e & WORD) {
      if (!inWord && len > 0) out[len++] = 32;
      out[len++] = e & 0xffff;
      inWord = true;
    } else if (e & REMOVED) {
      continue; // a combining mark: gone, the word goes on
    } else if (e & MULTI) {
      return joinedWordsSlow(s);
    } else inWord = false;
  }
  return String.fromCharCode.apply(null, out.subarray(0, len) as unknown as number[]);
}

/**
 * Senders repeat across documents: their words are computed once (bounded memo); null for
 * a name outside fold's per-character table (it is then folded together with the symbol).
 */
const senderWords = new Map<string, string | null>();

function joinedSenderWords(organ: string): string | null {
  let w = senderWords.get(organ);
  if (w === undefined) {
    if (senderWords.size >= 20_000) senderWords.clear();
    w = allBelow2000(organ) ? joinedWords(organ) : null;
    senderWords.set(organ, w);
  }
  return w;
}

const allBelow2000 = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x2000) return false;
  return true;
};

/** " words of symbol and sender ", as `fold(\`${symbol ?? ''} ${organ}\`)` gives them. */
function otherLine(symbol: string | null, organ: string): string {
  const o = joinedSenderWords(organ);
  // fold() of a concatenation is the concatenation of the folds only on its per-character
  // path (below U+2000); otherwise fold the concatenation itself, as the rule says.
  if (o === null || (symbol !== null && !allBelow2000(symbol))) return ` ${joinedWords(`${symbol ?? ''} ${organ}`)} `;
  const sy = symbol === null ? '' : joinedWords(symbol);
  return sy ? (o ? ` ${sy} ${o} ` : ` ${sy} `) : ` ${o} `;
}

/**
 * Scores and orders the relevance candidates (newest first on ties). Scores: 4 for the
 * words as a phrase in the subject, 2 for all of them in the subject, 1 for all of them
 * in the symbol or sender. "In" means: among the folded words of the field, the last
 * query word also as a prefix when the user is still typing it; "as a phrase" means the
 * query words joined by spaces occur in the field's words joined by spaces.
 */
export function rankCandidates(rows: readonly CandidateRow[], q: { text: ParsedQuery }): { k: number; r: number }[] {
  const score = scorer(q);
  return rows.map((row) => ({ k: row.k, r: score(row.subject, row.organ, row.symbol) })).sort(byRankThenNewest);
}

/**
 * The same as rankCandidates for rows read as arrays `[k, subject, organ, symbol]` (a store's
 * raw rows): a thousand candidates per search without an object each.
 */
export function rankCandidateTuples(rows: readonly CandidateTuple[], q: { text: ParsedQuery }): { k: number; r: number }[] {
  const score = scorer(q);
  return rows.map((row) => ({ k: row[0], r: score(row[1], row[2], row[3]) })).sort(byRankThenNewest);
}

/** A candidate as a row of `SELECT key, subject, organ, symbol` read raw. */
export type CandidateTuple = readonly [k: number, subject: string, organ: string, symbol: string | null];

const byRankThenNewest = (a: { k: number; r: number }, b: { k: number; r: number }) => b.r - a.r || b.k - a.k;

/** The tier score of one candidate's fields for the query (see rankCandidates). */
function scorer(q: { text: ParsedQuery }): (subjectText: string, organ: string, symbol: string | null) => number {
  const terms = q.text.terms.filter((t) => !isSymbolTerm(t));
  const words = terms.flatMap((t) => t.words);
  const prefixLast = terms.length > 0 && terms[terms.length - 1]!.prefix;
  const phrase = words.join(' ');
  // Words never contain spaces: " a b " contains " w " exactly when w is one of a, b, and
  // " w" exactly when one of them starts with w.
  const needles = words.map((w, i) => (prefixLast && i === words.length - 1 ? ` ${w}` : ` ${w} `));
  const hasAll = (line: string) => needles.every((n) => line.includes(n));
  return (subjectText, organ, symbol) => {
    const subject = ` ${joinedWords(subjectText)} `;
    const other = otherLine(symbol, organ);
    let r = 0;
    if (words.length > 1 && subject.includes(phrase)) r += 4;
    if (words.length && hasAll(subject)) r += 2;
    if (words.length && hasAll(other)) r += 1;
    return r;
  };
}

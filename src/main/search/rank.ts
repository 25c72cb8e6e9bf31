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

/**
 * `fold(s).match(WORDS).join(' ')`: the folded words of s, one space between them, by a
 * scan of the folded text instead of a Unicode regular expression (same words).
 */
function joinedWords(s: string): string {
  const f = fold(s);
  let out = '';
  let start = -1;
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return (f.match(WORDS) ?? []).join(' ');
    let w = wordUnit[c]!;
    if (w === 0) wordUnit[c] = w = ONE_WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    if (w === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out = out ? `${out} ${f.slice(start, i)}` : f.slice(start, i);
      start = -1;
    }
  }
  if (start >= 0) out = out ? `${out} ${f.slice(start)}` : f.slice(start);
  return out;
}

/** Senders repeat across documents: their words are computed once (bounded memo). */
const senderWords = new Map<string, string>();

function joinedSenderWords(organ: string): string {
  let w = senderWords.get(organ);
  if (w === undefined) {
    if (senderWords.size >= 20_000) senderWords.clear();
    w = joinedWords(organ);
    senderWords.set(organ, w);
  }
  return w;
}

const allBelow2000 = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x2000) return false;
  return true;
};

/**
 * Scores and orders the relevance candidates (newest first on ties). Scores: 4 for the
 * words as a phrase in the subject, 2 for all of them in the subject, 1 for all of them
 * in the symbol or sender. "In" means: among the folded words of the field, the last
 * query word also as a prefix when the user is still typing it; "as a phrase" means the
 * query words joined by spaces occur in the field's words joined by spaces.
 */
export function rankCandidates(rows: readonly CandidateRow[], q: { text: ParsedQuery }): { k: number; r: number }[] {
  const terms = q.text.terms.filter((t) => !isSymbolTerm(t));
  const words = terms.flatMap((t) => t.words);
  const prefixLast = terms.length > 0 && terms[terms.length - 1]!.prefix;
  const phrase = words.join(' ');
  // Words never contain spaces: " a b " contains " w " exactly when w is one of a, b, and
  // " w" exactly when one of them starts with w.
  const needles = words.map((w, i) => (prefixLast && i === words.length - 1 ? ` ${w}` : ` ${w} `));
  const hasAll = (line: string) => needles.every((n) => line.includes(n));
  const out = rows.map((row) => {
    const subject = ` ${joinedWords(row.subject)} `;
    // fold() of a concatenation is the concatenation of the folds only on its per-character
    // path (below U+2000); otherwise fold the concatenation itself, as the rule says.
    const other =
      allBelow2000(row.organ) && (row.symbol === null || allBelow2000(row.symbol))
        ? ` ${[joinedWords(row.symbol ?? ''), joinedSenderWords(row.organ)].filter(Boolean).join(' ')} `
        : ` ${joinedWords(`${row.symbol ?? ''} ${row.organ}`)} `;
    let r = 0;
    if (words.length > 1 && subject.includes(phrase)) r += 4;
    if (words.length && hasAll(subject)) r += 2;
    if (words.length && hasAll(other)) r += 1;
    return { k: row.k, r };
  });
  return out.sort((a, b) => b.r - a.r || b.k - a.k);
}

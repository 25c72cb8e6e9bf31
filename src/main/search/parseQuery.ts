/**
 * Turns what a user typed into search terms. Any text is accepted: quotes, `*`, `:`,
 * `AND`, `-` and SQL are only characters here, never query syntax, so a search can
 * never fail. Dialect-specific translation (FTS5 MATCH) happens in the store.
 */
import { fold, nfc } from '../../shared/text/vietnamese.js';

export interface Term {
  /** Folded words (lower case, no diacritics, Đ→d). Several = a phrase. */
  words: string[];
  /** The last word may be a prefix (the user is still typing it). */
  prefix: boolean;
  /**
   * The indexed words the prefix stands for, when the store looked them up (it may,
   * to query them directly instead of as a prefix). Empty = none exists.
   */
  expansions?: string[];
  /**
   * For a prefix of two characters: the 3-character beginnings of the indexed words it stands
   * for, when the store looked them up (its index keeps 3-character prefixes only). The prefix
   * is then that word itself or any of these as a prefix.
   */
  continuations?: string[];
  /**
   * Folded text with separators kept, when the term looks like a document symbol
   * (`123/QĐ`, `QĐ-UBND`): also matched as a substring of symbols.
   */
  symbol: string | null;
}

export interface ParsedQuery {
  terms: Term[];
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const SYMBOL_RE = /^[\p{L}\p{N}]+(?:[/\-.][\p{L}\p{N}]+)+[/\-.]?$|^[/\-.]?[\p{L}\p{N}]+(?:[/\-.][\p{L}\p{N}]+)*[/\-.]$/u;

/** Canonical form used on both sides of a symbol substring match: separators unified. */
export function symbolKey(s: string): string {
  return fold(s)
    .replace(/\s+/g, '')
    .replace(/[/\-._]+/g, '/');
}

export function parseQuery(input: string | null | undefined): ParsedQuery {
  const text = nfc(input ?? '').slice(0, 500);
  const terms: Term[] = [];
  // Split into quoted phrases and bare chunks; an unbalanced quote runs to the end.
  const re = /"([^"]*)"?|([^\s"]+)/g;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  let lastBare: Term | null = null;
  while ((m = re.exec(text))) {
    lastEnd = re.lastIndex;
    const quoted = m[1] !== undefined;
    const chunk = quoted ? m[1]! : m[2]!;
    const words = fold(chunk).match(WORD_RE) ?? [];
    if (words.length === 0) continue;
    const symbolish = !quoted && SYMBOL_RE.test(chunk) && /\p{N}|[/\-.]/u.test(chunk);
    const term: Term = { words, prefix: false, symbol: symbolish ? symbolKey(chunk) : null };
    terms.push(term);
    lastBare = quoted ? null : term;
  }
  // Prefix matching only while typing the last bare word (no trailing space), and from its
  // second letter: one letter as a prefix matches nearly every document and would cost a
  // merge of thousands of words' doclists for nothing (the index keeps 3-letter prefixes; see
  // Term.continuations for two letters).
  const last = terms[terms.length - 1];
  if (last && last === lastBare && lastEnd === text.length && !/\s$/.test(text) && last.words[last.words.length - 1]!.length >= 2) {
    last.prefix = true;
  }
  return { terms: terms.slice(0, 16) };
}

export function isEmptyQuery(q: ParsedQuery | undefined): boolean {
  return !q || q.terms.length === 0;
}

/**
 * Search text for PostgreSQL, built by the same folding (shared/text/vietnamese `fold`) and
 * the same word rule (`[\p{L}\p{N}]+`, FTS5 unicode61's token characters) as the SQLite
 * store, so a word is the same word on both stores. The tsvector is written as a literal:
 * PostgreSQL's own parser would split `123/QĐ-UBND` or `1.5` differently from FTS5.
 *
 * Columns are kept apart by a gap in positions, so a phrase never runs from one column
 * into the next (FTS5 phrases stay within a column), and labelled by weight: the sender
 * is weight B so the sender filter can ask for words in that column only.
 */
import { fold } from '../../../shared/text/vietnamese.js';
import type { Term } from '../../search/parseQuery.js';
import type { SearchText } from '../../search/searchText.js';

const WORD_RE = /[\p{L}\p{N}]+/gu;
/** tsvector limits: positions 1..16383, 256 positions per lexeme, lexemes under 2 KiB. */
const MAX_POS = 16383;
const MAX_POSITIONS = 256;
const MAX_LEXEME_BYTES = 2046;

export type Weight = 'A' | 'B' | 'C' | 'D';

/** `folded`: the texts are folded already (an import's reading thread folded them: search/searchText.ts). */
export function tsvectorLiteral(columns: readonly [string | null | undefined, Weight][], folded = false): string {
  // Per lexeme its positions as text and their count (built once per document, a million
  // times in an import: one small object per word, not one string per position).
  const lexemes = new Map<string, { p: string; n: number }>();
  let pos = 0;
  for (const [text, weight] of columns) {
    if (text) {
      const tag = weight === 'D' ? '' : weight;
      for (const w of (folded ? text : fold(text)).match(WORD_RE) ?? []) {
        pos = Math.min(pos + 1, MAX_POS);
        // At most 3 UTF-8 bytes per UTF-16 unit: only a long word needs counting.
        if (w.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(w) > MAX_LEXEME_BYTES) continue;
        const e = lexemes.get(w);
        if (!e) lexemes.set(w, { p: pos + tag, n: 1 });
        else if (e.n < MAX_POSITIONS) {
          e.p += ',' + pos + tag;
          e.n++;
        }
      }
    }
    pos = Math.min(pos + 1, MAX_POS); // the gap between columns
  }
  // Words are letters and digits only: nothing to escape inside the quotes.
  let out = '';
  for (const [w, e] of lexemes) out += (out ? " '" : "'") + w + "':" + e.p;
  return out;
}

/** One parsed term as a tsquery: its words as a phrase, the last one a prefix if typed so. */
export function termQuery(t: Term, weight = ''): string {
  const last = t.words.length - 1;
  return t.words.map((w, i) => `'${w}'${i === last && t.prefix ? ':*' + weight : weight ? ':' + weight : ''}`).join(' <-> ');
}

export function incomingSearchColumns(r: {
  subject: string;
  organName: string;
  symbol: string | null;
  signerName: string | null;
  description: string | null;
}): string {
  return tsvectorLiteral([
    [r.subject, 'A'],
    [r.organName, 'B'],
    [r.symbol, 'C'],
    [r.signerName, 'D'],
    [r.description, 'D'],
  ]);
}

/** The same search vector from the folded text an import's reading thread computed once. */
export function incomingSearchColumnsFolded(t: SearchText): string {
  return tsvectorLiteral(
    [
      [t.subject, 'A'],
      [t.organ, 'B'],
      [t.symbol, 'C'],
      [t.signer, 'D'],
      [t.description, 'D'],
    ],
    true,
  );
}

/** Canonical symbol for substring search: the same as vn_symbol_key in the SQLite store. */
export function symbolKeyOf(s: string | null | undefined): string | null {
  return typeof s === 'string'
    ? fold(s)
        .replace(/\s+/g, '')
        .replace(/[/\-._]+/g, '/')
    : null;
}

/** The type filter's key: the SQLite store's tag token is the folded name without spaces. */
export function typeKeyOf(typeName: string): string {
  return fold(typeName).replace(/ /g, '');
}

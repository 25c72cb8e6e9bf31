/**
 * The folded text a document is searched by, computed once per document: by the import's
 * reading thread for a whole file, or by the store itself for a single registration. Every
 * store folds the same way (fold: lower case, no tone marks, Đ→d), so this is store-neutral.
 */
import { fold } from '../../shared/text/vietnamese.js';
import { symbolKey } from './parseQuery.js';

export interface SearchText {
  subject: string;
  organ: string;
  symbol: string | null;
  signer: string | null;
  description: string | null;
  /** Folded document type name. */
  type: string;
  /** symbolKey(symbol): what symbol fragments are matched against. */
  symbolKey: string | null;
  /**
   * The distinct folded words of the five text fields (the vocabulary prefixes expand to) —
   * in an import, only those no earlier row of the same file had: the store learns them once.
   */
  words: string[];
  /** The PostgreSQL search vector of the five fields (an import into that store: see IncomingRepository.importSearchText). */
  vector?: string;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

export function searchTextOf(
  f: {
    subject: string;
    organName: string;
    symbol?: string | null;
    signerName?: string | null;
    description?: string | null;
    typeName: string;
  },
  withWords = true,
  /**
   * An import's words already sent with an earlier row: `words` then holds only the others
   * (and they are added to it) — the same words, in the same order, as filtering the full
   * list through it, without a set and a copy per row.
   */
  seen?: Set<string>,
): SearchText {
  const t: Omit<SearchText, 'words'> = {
    subject: fold(f.subject),
    organ: fold(f.organName),
    symbol: f.symbol == null ? null : fold(f.symbol),
    signer: f.signerName == null ? null : fold(f.signerName),
    description: f.description == null ? null : fold(f.description),
    type: fold(f.typeName),
    symbolKey: f.symbol == null ? null : symbolKey(f.symbol),
  };
  if (!withWords) return { ...t, words: [] };
  if (seen) {
    const words: string[] = [];
    for (const s of [t.subject, t.organ, t.symbol, t.signer, t.description]) {
      if (!s) continue;
      for (const w of s.match(WORD_RE) ?? []) {
        if (seen.has(w)) continue;
        seen.add(w);
        words.push(w);
      }
    }
    return { ...t, words };
  }
  const words = new Set<string>();
  for (const s of [t.subject, t.organ, t.symbol, t.signer, t.description]) if (s) for (const w of s.match(WORD_RE) ?? []) words.add(w);
  return { ...t, words: [...words] };
}

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

/** Distinct values an import remembers the folding of (a file with ever new senders folds the rest as they come). */
const MEMO_MAX = 50_000;

/**
 * An import's folding of the fields whose values repeat from row to row — the sender, the
 * type, the signer: a million documents from a few hundred senders and a few dozen types.
 * Each value is folded once, and its words are looked at once: a value met again has no
 * word the file's earlier rows did not send already.
 */
export class ImportFolding {
  /** Words already sent with an earlier row of this file. */
  readonly seen = new Set<string>();
  private readonly folded = new Map<string, string>();

  /** fold(s), remembered; `fresh` says whether this is the first time the value is met. */
  fold(s: string): { folded: string; fresh: boolean } {
    const known = this.folded.get(s);
    if (known !== undefined) return { folded: known, fresh: false };
    const folded = fold(s);
    if (this.folded.size < MEMO_MAX) this.folded.set(s, folded);
    return { folded, fresh: true };
  }
}

/** The words of a folded text not in `seen`, appended to `out` and added to `seen`. */
function newWords(s: string, seen: Set<string>, out: string[]): void {
  for (const w of s.match(WORD_RE) ?? []) {
    if (seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
}

/**
 * The search text of a row of an import file: as searchTextOf(f, withWords, memo.seen), with
 * the sender, type and signer folded through the import's memo (the same strings, the same
 * words in the same order: a value met before has no new word).
 */
export function importSearchTextOf(
  f: {
    subject: string;
    organName: string;
    symbol: string | null;
    signerName: string | null;
    description: string | null;
    typeName: string;
  },
  withWords: boolean,
  memo: ImportFolding,
): SearchText {
  const subject = fold(f.subject);
  const organ = memo.fold(f.organName);
  const symbol = f.symbol === null ? null : fold(f.symbol);
  const signer = f.signerName === null ? null : memo.fold(f.signerName);
  const description = f.description === null ? null : fold(f.description);
  const words: string[] = [];
  if (withWords) {
    const seen = memo.seen;
    newWords(subject, seen, words);
    if (organ.fresh) newWords(organ.folded, seen, words);
    if (symbol) newWords(symbol, seen, words);
    if (signer?.fresh) newWords(signer.folded, seen, words);
    if (description) newWords(description, seen, words);
  }
  return {
    subject,
    organ: organ.folded,
    symbol,
    signer: signer === null ? null : signer.folded,
    description,
    type: memo.fold(f.typeName).folded,
    symbolKey: f.symbol === null ? null : symbolKey(f.symbol),
    words,
  };
}

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
    for (const s of [t.subject, t.organ, t.symbol, t.signer, t.description]) if (s) newWords(s, seen, words);
    return { ...t, words };
  }
  const words = new Set<string>();
  for (const s of [t.subject, t.organ, t.symbol, t.signer, t.description]) if (s) for (const w of s.match(WORD_RE) ?? []) words.add(w);
  return { ...t, words: [...words] };
}

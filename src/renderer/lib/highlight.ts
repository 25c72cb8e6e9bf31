/**
 * Finding the words of a search in displayed text, the way the server matches them:
 * both sides folded with the shared `fold` (no diacritics, Đ→d, lower case), words as
 * letter/digit runs, a match starting at a word boundary (the server matches whole words
 * and prefixes of the word being typed). Folding is done character by character so every
 * folded position maps back to the original text.
 */
import { fold } from '../../shared/text/vietnamese';

const WORD_RE = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function queryWords(query: string): string[] {
  const words = fold(query.normalize('NFC')).match(WORD_RE) ?? [];
  // Longer words first so "tài chính" highlights before a shorter overlapping prefix.
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

interface FoldedText {
  folded: string;
  /** For each UTF-16 index in `folded`, the index in the original text where that char starts. */
  map: number[];
}

const charFoldCache = new Map<string, string>();
function foldChar(ch: string): string {
  let f = charFoldCache.get(ch);
  if (f === undefined) charFoldCache.set(ch, (f = fold(ch)));
  return f;
}

function foldWithMap(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(text.length);
  return { folded, map };
}

export interface Segment {
  text: string;
  match: boolean;
}

/** Splits `text` into plain and matched segments for the given query words. */
export function highlightSegments(text: string, words: readonly string[]): Segment[] {
  if (!text || words.length === 0) return [{ text, match: false }];
  const { folded, map } = foldWithMap(text);
  const marks = new Uint8Array(text.length);
  let any = false;
  for (const w of words) {
    if (!w) continue;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(w, from);
      if (at < 0) break;
      from = at + 1;
      if (at > 0 && WORD_CHAR.test(folded[at - 1]!)) continue;
      const start = map[at]!;
      const end = map[at + w.length] ?? text.length;
      for (let k = start; k < end; k++) marks[k] = 1;
      any = true;
    }
  }
  if (!any) return [{ text, match: false }];
  const out: Segment[] = [];
  let runStart = 0;
  for (let k = 1; k <= text.length; k++) {
    if (k === text.length || marks[k] !== marks[runStart]) {
      out.push({ text: text.slice(runStart, k), match: marks[runStart] === 1 });
      runStart = k;
    }
  }
  return out;
}

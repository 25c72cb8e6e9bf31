/**
 * Tone correction of OCR text by known word pairs. OCR of bold Vietnamese reads a tone mark
 * as another one far more often than it misreads a letter (the hook of "chuyển" as an acute:
 * "chuyến"; "tổ" as "tố"), and every such misreading is itself a real syllable, so neither a
 * syllable list nor Tesseract's own dictionary catches it. Words of Vietnamese are mostly two
 * syllables, though, and the pair tells: "chuyển đổi" is a word of administrative writing,
 * "chuyến đổi" is not.
 *
 * The model is a set of adjacent syllable pairs (bigrams) read from phrases: the shipped
 * administrative vocabulary (vocabulary.ts), the names of document types, bodies and places,
 * and what the office already owns (the names in its register and organ directory). A syllable
 * is replaced by a variant with the same letters and another tone only when:
 *   - the syllable as read makes no known pair with either neighbour (a word that fits is never
 *     touched), and
 *   - the variant makes a known pair with a neighbour as the line then reads,
 *   - and exactly one choice of variants over such a run of unfitting syllables makes the most
 *     known pairs (two equally good readings: the text is left as read).
 * Neighbours across punctuation are not pairs ("văn thư, lưu trữ"). Case is kept.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** A syllable without its tone mark (the letters, ă â ê ô ơ ư đ kept): "chuyển" → "chuyên". */
export function toneless(syllable: string): string {
  return syllable.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

/** The tone mark of a syllable ('' for none). */
function toneOf(syllable: string): string {
  return syllable.normalize('NFD').match(TONE_MARKS)?.[0] ?? '';
}

const lower = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');
const SYLLABLE_WORD = /^\p{L}+$/u;

export class ToneModel {
  private readonly pairs = new Set<string>();
  /** Two-syllable phrases read: words, whose ends part longer phrases into words. */
  private readonly words = new Set<string>();
  /** Toneless letters → the toned syllables of the vocabulary with those letters. */
  private readonly variants = new Map<string, Set<string>>();

  constructor(phrases: Iterable<string> = []) {
    this.add(phrases);
  }

  /**
   * Reads the adjacent syllables of each phrase (pairs do not cross punctuation). Within a longer
   * phrase, two syllables are not a pair where a known two-syllable word ends or starts between
   * them: "tổ chức thực hiện" is "tổ chức" + "thực hiện", and "chức thực" is no word (taken as one,
   * it would turn "hình thức" into "hình thực" after "tình hình").
   */
  add(phrases: Iterable<string>): this {
    const runs: string[][] = [];
    for (const phrase of phrases) {
      for (const run of lower(phrase).split(/[^\p{L}\s]+/u)) {
        const words = run.split(/\s+/).filter((w) => SYLLABLE_WORD.test(w));
        if (words.length === 2) this.words.add(`${words[0]} ${words[1]}`);
        if (words.length) runs.push(words);
      }
    }
    for (const words of runs) {
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const key = toneless(w);
        let set = this.variants.get(key);
        if (!set) this.variants.set(key, (set = new Set()));
        set.add(w);
        if (i === 0) continue;
        const pair = `${words[i - 1]} ${w}`;
        const boundary =
          words.length > 2 &&
          !this.words.has(pair) &&
          ((i >= 2 && this.words.has(`${words[i - 2]} ${words[i - 1]}`)) ||
            (i + 1 < words.length && this.words.has(`${w} ${words[i + 1]}`)));
        if (!boundary) this.pairs.add(pair);
      }
    }
    return this;
  }

  get size(): number {
    return this.pairs.size;
  }

  /** Copy with more phrases (the office's own names added to the shipped vocabulary). */
  with(phrases: Iterable<string>): ToneModel {
    const m = new ToneModel();
    for (const p of this.pairs) m.pairs.add(p);
    for (const w of this.words) m.words.add(w);
    for (const [k, v] of this.variants) m.variants.set(k, new Set(v));
    return m.add(phrases);
  }

  knows(a: string, b: string): boolean {
    return this.pairs.has(`${a} ${b}`);
  }

  /**
   * The other-tone syllables of the vocabulary with the letters of `w` (lower case). The same
   * tone placed on another vowel ("uỷ" for "ủy", "thoả" for "thỏa": both spellings are in use)
   * is not another tone.
   */
  variantsOf(w: string): string[] {
    const tone = toneOf(w);
    return [...(this.variants.get(toneless(w)) ?? [])].filter((v) => v !== w && toneOf(v) !== tone);
  }

  /** The text with misread tones put right where the pairs say so (see the module comment). */
  correct(text: string): string {
    // Tokens: runs of letters (syllables), and everything else between them.
    const tokens = text.normalize('NFC').split(/(\p{L}+)/u);
    // Syllable positions, each with whether the next one is its neighbour (only spaces between).
    const idx: number[] = [];
    for (let i = 1; i < tokens.length; i += 2) idx.push(i);
    const linked = (k: number) => k + 1 < idx.length && /^\s+$/u.test(tokens[idx[k]! + 1] ?? '');
    const words = idx.map((i) => lower(tokens[i]!));
    const fits = words.map(
      (w, k) => (k > 0 && linked(k - 1) && this.knows(words[k - 1]!, w)) || (linked(k) && this.knows(w, words[k + 1]!)),
    );
    const out = [...words];
    // Runs of linked, unfitting syllables that have variants: each run is solved on its own.
    let k = 0;
    while (k < words.length) {
      if (fits[k] || !this.variantsOf(words[k]!).length) {
        k++;
        continue;
      }
      let end = k;
      while (end + 1 < words.length && linked(end) && !fits[end + 1] && this.variantsOf(words[end + 1]!).length) end++;
      const best = this.bestRun(words, k, end, linked);
      if (best) for (let j = k; j <= end; j++) out[j] = best[j - k]!;
      k = end + 1;
    }
    for (let j = 0; j < idx.length; j++) {
      if (out[j] === words[j]) continue;
      tokens[idx[j]!] = withCaseOf(tokens[idx[j]!]!, out[j]!);
    }
    return tokens.join('');
  }

  /**
   * The one choice of syllables for words[from..to] (each as read or a variant) making the most
   * known pairs with each other and the fixed neighbours, each changed syllable in at least one
   * of them; null when nothing beats the text as read or two choices tie.
   */
  private bestRun(words: string[], from: number, to: number, linked: (k: number) => boolean): string[] | null {
    const options = words.slice(from, to + 1).map((w) => [w, ...this.variantsOf(w)]);
    // Runs are a word or two in practice; a long garbled run is left alone rather than searched.
    if (options.reduce((n, o) => n * o.length, 1) > 4096) return null;
    const left = from > 0 && linked(from - 1) ? words[from - 1]! : null;
    const right = linked(to) ? (words[to + 1] ?? null) : null;
    let best: { score: number; changes: number; pick: string[] } | null = null;
    let tie = false;
    const pick: string[] = [];
    const visit = (j: number) => {
      if (j === options.length) {
        const seq = [left, ...pick, right];
        const known = seq.slice(0, -1).map((a, i) => a !== null && seq[i + 1] !== null && this.knows(a, seq[i + 1]!));
        // Every changed syllable must sit in a known pair.
        for (let i = 0; i < pick.length; i++) if (pick[i] !== words[from + i] && !known[i] && !known[i + 1]) return;
        const score = known.filter(Boolean).length;
        const changes = pick.filter((p, i) => p !== words[from + i]).length;
        if (!best || score > best.score || (score === best.score && changes < best.changes)) {
          best = { score, changes, pick: [...pick] };
          tie = false;
        } else if (score === best.score && changes === best.changes) tie = true;
        return;
      }
      for (const o of options[j]!) {
        pick.push(o);
        visit(j + 1);
        pick.pop();
      }
    };
    visit(0);
    const b = best as { score: number; changes: number; pick: string[] } | null;
    if (!b || tie || b.changes === 0 || b.score === 0) return null;
    return b.pick;
  }
}

/** `to` written in the case of `from`: all capitals, a capital first letter, or lower case. */
function withCaseOf(from: string, to: string): string {
  if (from.length > 1 && from === from.toLocaleUpperCase('vi')) return to.toLocaleUpperCase('vi');
  if (from.charAt(0) !== from.charAt(0).toLocaleLowerCase('vi')) return to.charAt(0).toLocaleUpperCase('vi') + to.slice(1);
  return to;
}

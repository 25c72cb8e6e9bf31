/**
 * Vietnamese is written one syllable per word, and a syllable's shape is fixed: an optional
 * initial consonant, a vowel group, an optional final consonant or semivowel, and at most one
 * tone mark — only sắc or nặng when it ends in p, t, c or ch. OCR of closely set text sometimes
 * loses the space between two syllables ("củatỉnh", "đàotạo"); a word that cannot be one
 * syllable but splits into two valid ones in exactly one place, the second starting with a
 * consonant, is split there. Nothing else is
 * touched: names, abbreviations and numbers ("SGDĐT", "484/TTr") do not take this path.
 */

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const SAC_NANG = new Set(['\u0301', '\u0323']);

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
/** Vowel groups of Vietnamese rhymes (without tone), longest first. */
const NUCLEUS = '(?:uyê|ươ|yê|iê|uô|oa|oă|oe|uâ|uê|uy|ưa|ua|ia|ai|ao|au|âu|ay|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)';
const CODA = '(?:ch|ng|nh|c|m|n|p|t|i|y|o|u)?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`, 'u');

/** True when a lower-case word (marks included) can be one Vietnamese syllable. */
export function isSyllable(word: string): boolean {
  const nfd = word.normalize('NFD');
  const tones = nfd.match(TONES) ?? [];
  if (tones.length > 1) return false;
  const base = nfd.replace(TONES, '').normalize('NFC');
  const m = SYLLABLE.exec(base);
  if (!m) return false;
  if (tones.length === 1 && /(?:p|t|c|ch)$/u.test(base) && !SAC_NANG.has(tones[0]!)) return false;
  return true;
}

const WORD = /^\p{L}+$/u;

/** Two syllables run together → split at the one place that makes both valid; else the word as it is. */
export function splitWord(word: string): string {
  if (!WORD.test(word) || word.length < 4 || word.length > 14) return word;
  const lower = word.toLocaleLowerCase('vi');
  // Only words carrying two tone marks: unmarked runs could as well be a name or a foreign word.
  if ((lower.normalize('NFD').match(TONES) ?? []).length < 2 || isSyllable(lower)) return word;
  // Capitalised words are split only when all capitals or only the first letter is.
  if (word !== lower && word !== word.toLocaleUpperCase('vi') && word.slice(1) !== lower.slice(1)) return word;
  const chars = [...word];
  const lowerChars = [...lower];
  let found: number | null = null;
  for (let i = 1; i < chars.length; i++) {
    // The second syllable starts with a consonant, as in every run-together pair seen
    // ("của|tỉnh", "đào|tạo"): a vowel there is more likely a garbled word ("KHẤÃN").
    if (/^[aăâeêioôơuưy]/u.test(lowerChars[i]!.normalize('NFD').charAt(0))) continue;
    if (isSyllable(lowerChars.slice(0, i).join('')) && isSyllable(lowerChars.slice(i).join(''))) {
      if (found !== null) return word; // two ways to read it: leave it alone
      found = i;
    }
  }
  return found === null ? word : `${chars.slice(0, found).join('')} ${chars.slice(found).join('')}`;
}

/** Every word of a line of OCR text through splitWord (punctuation around words kept). */
export function splitRunTogether(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => splitWord(w));
}

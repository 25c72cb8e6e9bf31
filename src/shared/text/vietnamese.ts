/**
 * Vietnamese text helpers shared by every layer. Stored text is always NFC: pdf-lib
 * does not position combining marks and FTS tokenizers see NFD as different letters.
 */

export function nfc(s: string): string {
  return s.normalize('NFC');
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;

function foldSlow(s: string): string {
  return s.normalize('NFD').replace(COMBINING_MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase().normalize('NFC');
}

/**
 * Folded form of each character below U+2000 (Latin, Vietnamese letters, combining marks),
 * computed on its first use: folding runs for every indexed field of every document, and a
 * table lookup is several times faster than normalising whole strings. Filled as characters
 * are met rather than all 8,192 at start-up, which cost every process and thread (each CLI
 * command) 20–27 ms of CPU normalising characters it never sees.
 */
const FOLD_TABLE: (string | null)[] = new Array<string | null>(0x2000).fill(null);

function foldChar(c: number): string {
  return (FOLD_TABLE[c] = c >= 0x300 && c <= 0x36f ? '' : foldSlow(String.fromCharCode(c)));
}

/**
 * Case- and diacritic-insensitive form used for search and duplicate keys.
 * Đ/đ is a separate letter (not a base letter plus a mark) so NFD leaves it alone;
 * users still type "D" for it, so it is folded by hand.
 */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x2000) return foldSlow(s); // rare scripts and symbols: take the general path
    out += FOLD_TABLE[c] ?? foldChar(c);
  }
  return out;
}

// C0/C1 controls except TAB, LF, CR; NUL included. With the `u` flag the surrogate range
// matches only a lone (unpaired) surrogate: broken UTF-16 that would be stored as U+FFFD
// and could never be typed again, so it is refused like a control character.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/u;

/** Control characters (not TAB, LF, CR) or lone UTF-16 surrogates. */
export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s);
}

/** Collapse runs of spaces and trim; keeps single newlines for multi-line notes. */
export function tidySpaces(s: string): string {
  // Most values are already tidy: skip the regular expressions then.
  if (!/[\t\u00a0\n]| {2}/.test(s)) return s.trim();
  return s
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

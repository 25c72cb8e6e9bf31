/**
 * Registration fields read from a document's pages, by the layout Decree 30 (Appendix I)
 * gives every administrative document: the issuing body's name in capitals at the top left
 * over its number ("Số: 123/QĐ-UBND"), the national title and "Quảng Ngãi, ngày 05 tháng 01
 * năm 2026" at the top right, the type name in capitals and the subject centred under them
 * (or, for a công văn, "V/v …" under the number), urgency and secrecy stamps near the
 * number, and on the last page the signature block: "KT. GIÁM ĐỐC", the position, the
 * signature and seal, the signer's name.
 *
 * Works on positioned lines (a PDF's text layer or OCR, see engine.ts), so columns are told
 * apart by where the words are, not by the order a reader happened to emit them in. Every
 * value is a suggestion with a confidence; nothing is saved here.
 */
import type { PageText, SuggestedFields, Suggestion, TextLine } from '../../shared/domain/capture.js';
import { DOCUMENT_TYPES } from '../../shared/domain/documentTypes.js';
import type { Secrecy, Urgency } from '../../shared/domain/enums.js';
import { isValidDate } from '../../shared/text/dates.js';
import { fold } from '../../shared/text/vietnamese.js';
import { PROVINCES } from './places.js';
import { ToneModel } from './tones.js';
import { ADMIN_VOCABULARY } from './vocabulary.js';

export interface KnownOrgan {
  name: string;
  source: 'register' | 'directory';
}

export interface SuggestContext {
  /** Names already in the register (most used first) and in the organ directory. */
  knownOrgans?: readonly KnownOrgan[];
}

/** Folded words joined by single spaces: "Số: 123/QĐ" → "so 123 qd". */
export function foldKey(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const vi = (s: string) => s.toLocaleLowerCase('vi');
const cap = (w: string) => (w ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w);
/**
 * The middle of a line's words: specks OCR read as punctuation at either end (".. TỜ TRÌNH",
 * "| THƯỢNG KHẨN |") widen its box without being part of it; their share of the box is taken
 * off in proportion to the characters.
 */
const centre = (l: TextLine) => {
  const lead = /^[^\p{L}\p{N}]*/u.exec(l.text)![0].length;
  const trail = /[^\p{L}\p{N}]*$/u.exec(l.text)![0].length;
  const n = l.text.length;
  if (!n || lead + trail >= n) return (l.x0 + l.x1) / 2;
  const w = (l.x1 - l.x0) / n;
  return (l.x0 + lead * w + l.x1 - trail * w) / 2;
};
const height = (l: TextLine) => Math.max(0.004, l.y1 - l.y0);
const isCaps = (s: string) => /\p{Lu}/u.test(s) && s === s.toLocaleUpperCase('vi');
const conf = (ls: readonly TextLine[]) => (ls.length ? Math.round(ls.reduce((s, l) => s + (l.confidence ?? 100), 0) / ls.length) : 0);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

const MOTTO = ['cong hoa xa hoi chu nghia viet nam', 'doc lap tu do hanh phuc'];

/**
 * A header line that runs the body's name into the national title ("ỦY BAN NHÂN DÂN TỈNH CỘNG
 * HÒA XÃ HỘI…": the columns were too close for the reader to part them) is cut in two where the
 * title starts, its box shared in proportion to the characters.
 */
export function splitMotto(lines: readonly TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const l of lines) {
    const m = /\s(C[OÔỘ]NG\s+H[OÒ0]A\s+X[AÃ]\s+H[OỘÔ]I)/iu.exec(l.text);
    if (!m || l.y0 > 0.3) {
      out.push(l);
      continue;
    }
    const cut = m.index + 1;
    const at = l.x0 + ((l.x1 - l.x0) * cut) / l.text.length;
    out.push({ ...l, text: l.text.slice(0, cut).trim(), x1: at - 0.005 }, { ...l, text: l.text.slice(cut).trim(), x0: at });
  }
  return out;
}
const isMotto = (l: TextLine) => {
  const k = foldKey(l.text);
  return MOTTO.some((m) => k.includes(m) || (k.length > 12 && levenshtein(k, m) <= 4));
};

// ---------------------------------------------------------------- number and symbol

/** OCR's look-alikes of digits, in the number part of a symbol and in dates. */
const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
};

function digits(s: string): string {
  return s.replace(/[OoDQlIi|SsBZ]/g, (c) => DIGIT_LOOKALIKES[c] ?? c);
}

/** Appendix III abbreviations by folded form; "hd" and "da" stand for two types each. */
const ABBR_BY_FOLD = new Map<string, string[]>();
for (const t of DOCUMENT_TYPES) {
  if (!t.abbr) continue;
  const k = fold(t.abbr);
  ABBR_BY_FOLD.set(k, [...(ABBR_BY_FOLD.get(k) ?? []), t.abbr]);
}
const ABBR_OF_TYPE = new Map(DOCUMENT_TYPES.map((t) => [t.name, t.abbr]));
const COPY_ABBRS = ['SY', 'TrS', 'SL'];

/**
 * "123 /QD-STC." → "123/QĐ-STC": spaces and stray punctuation out, the number's digits
 * fixed, the type abbreviation spelt as Appendix III spells it (Đ restored; HD/HĐ and
 * DA/ĐA told apart by the type read from the title when there is one).
 */
export function normalizeSymbol(raw: string, typeName?: string): string | null {
  let s = raw
    .normalize('NFC')
    .replace(/[–—−]/g, '-')
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/\s+/g, '')
    .replace(/^[.:;,]+|[.:;,]+$/g, '');
  const m = /^([0-9OoDQlIi|SsBZ]{1,6})(\/.*)$/u.exec(s);
  if (!m) return null;
  const num = digits(m[1]!);
  if (!/^\d+$/.test(num)) return null;
  const parts = m[2]!
    .slice(1)
    .split('/')
    .filter((p) => p !== '');
  const fixed = parts.map((part, pi) => {
    if (/^\d{4}$/.test(part)) return part; // the year of a legal document's symbol
    const pieces = part.split('-');
    return pieces
      .map((piece, i) => {
        // The type abbreviation: the first piece after "/" (or after a year).
        if (i !== 0 || (pi > 0 && !/^\d{4}$/.test(parts[pi - 1] ?? ''))) return piece.toUpperCase().replace(/^QYĐ$/, 'QyĐ');
        const options = ABBR_BY_FOLD.get(fold(piece));
        if (!options) {
          const copy = COPY_ABBRS.find((c) => fold(c) === fold(piece));
          return copy ?? piece.toUpperCase().replace(/^QYĐ$/, 'QyĐ');
        }
        if (options.length === 1) return options[0]!;
        const wanted = typeName ? ABBR_OF_TYPE.get(typeName) : null;
        if (wanted && options.includes(wanted)) return wanted;
        return options.find((o) => o === piece.toUpperCase()) ?? piece.toUpperCase();
      })
      .join('-');
  });
  s = `${num}/${fixed.join('/')}`;
  if (s.length > 42 || !/[\p{L}]/u.test(s)) return null;
  return s;
}

const SO_RE = /(?:^|[\s(])s[o6ôốơớóò0][\s.:;,]*(?=[0-9OoIl])/iu;

function findSymbol(lines: TextLine[]): { raw: string; line: TextLine } | null {
  for (const l of lines) {
    if (l.y0 > 0.45) continue;
    const m = SO_RE.exec(l.text);
    if (!m) continue;
    let rest = l.text.slice(m.index + m[0].length);
    // "Số: 123/QĐ-STC   Quảng Ngãi, ngày …" on one line: stop at the date part.
    const cut = /\s{2,}|\s(?=[\p{Lu}][\p{Ll}]+[\s,]+ng[aà]y)/u.exec(rest);
    if (cut) rest = rest.slice(0, cut.index);
    let token = /^[0-9OoDQlIi|SsBZ]{1,6}\s*\/\s*[\p{L}\p{N}/.\-–— ]*/u.exec(rest);
    if (!token) {
      // OCR lost or misread the slash ("1344hd-snv", "153,HD-UBND"): digits, then the abbreviation.
      const m = /^([0-9]{1,6})\s*[,.;:|\\]?\s*(\p{L}[\p{L}\p{N}/.\-–— ]*)/u.exec(rest);
      if (!m) continue;
      rest = `${m[1]}/${m[2]}`;
      token = /^[0-9]{1,6}\/[\p{L}\p{N}/.\-–— ]*/u.exec(rest);
      if (!token) continue;
    }
    // Drop trailing words that are not part of the symbol ("…-STC Quảng").
    const raw = token[0].replace(/\s+[\p{Lu}][\p{Ll}].*$/u, '').trim();
    return { raw, line: l };
  }
  return null;
}

// ---------------------------------------------------------------- date

// The vowels of "ngày", "tháng", "năm" may be misread ("thúng" in italics): the digits and the
// words' consonants place the date.
const DATE_RE = /ng[a-z]y\s+([0-9oOlIi|]{1,2})\s+th[a-z]ng\s+([0-9oOlIi|]{1,2})\s+n[a-z]m\s+([0-9oOlIi|]{4})/u;

function findDate(lines: TextLine[]): { value: string; line: TextLine } | null {
  for (const l of lines) {
    if (l.y0 > 0.5) continue;
    const m = DATE_RE.exec(fold(l.text).replace(/[^\p{L}\p{N}|]+/gu, ' '));
    if (!m) continue;
    const d = Number(digits(m[1]!));
    const mo = Number(digits(m[2]!));
    const y = Number(digits(m[3]!));
    const value = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (isValidDate(value)) return { value, line: l };
  }
  return null;
}

// ---------------------------------------------------------------- type and subject

const TYPE_BY_KEY = new Map(DOCUMENT_TYPES.map((t) => [foldKey(t.name), t.name]));

function typeOfLine(l: TextLine): string | null {
  if (!isCaps(l.text)) return null;
  const k = foldKey(l.text);
  const exact = TYPE_BY_KEY.get(k);
  if (exact) return exact;
  if (k.length < 6) return null;
  for (const [key, name] of TYPE_BY_KEY) if (Math.abs(key.length - k.length) <= 1 && levenshtein(key, k) <= 1) return name;
  return null;
}

const VV_RE = /^\s*v\s*[/|l1]\s*v[\s.:]*/iu;

/** A line that reads as words: mostly letters, and OCR reasonably sure of it. */
function plausibleText(l: TextLine): boolean {
  const letters = l.text.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 0.6 * l.text.replace(/\s/g, '').length && (l.confidence ?? 100) >= 45;
}
const STOP_SUBJECT = /^(can cu|kinh gui|xet de nghi|theo de nghi|thuc hien|dieu \d|i\b|phan\b)/;

function subjectAfter(lines: TextLine[], title: TextLine): TextLine[] {
  const below = lines.filter((l) => l.y0 > title.y0 + height(title) * 0.5).sort((a, b) => a.y0 - b.y0);
  const out: TextLine[] = [];
  let last = title;
  for (const l of below) {
    const gap = l.y0 - last.y1;
    // Lines of one centred block follow at single spacing and share its centre; the body
    // after it starts a paragraph (a wider gap) and is justified to the margins.
    if (gap > 1.0 * height(last)) break;
    if (Math.abs(centre(l) - centre(title)) > 0.015 || l.x1 > 0.9) break;
    if (!plausibleText(l)) break;
    const k = foldKey(l.text);
    if (STOP_SUBJECT.test(k)) break;
    // A capitals line after the subject is the authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").
    if (out.length && isCaps(l.text)) break;
    if (!out.length && isCaps(l.text) && !/^v[eề]/iu.test(l.text)) break;
    out.push(l);
    last = l;
  }
  return out;
}

function vvSubject(lines: TextLine[], splitX: number): TextLine[] {
  const start = lines.find((l) => l.y0 < 0.5 && l.x0 < splitX && VV_RE.test(l.text));
  if (!start) return [];
  const out = [start];
  let last = start;
  for (const l of lines.filter((x) => x.y0 > start.y0 && x.x1 <= splitX + 0.05).sort((a, b) => a.y0 - b.y0)) {
    if (l.y0 - last.y1 > 1.2 * height(last)) break;
    if (STOP_SUBJECT.test(foldKey(l.text))) break;
    // An urgency or secrecy stamp under the subject (capitals), or the noise a red frame leaves.
    if (isCaps(l.text) || !plausibleText(l)) break;
    out.push(l);
    last = l;
  }
  return out;
}

function joinSubject(ls: TextLine[], vv: boolean): string {
  let s = ls
    .map((l) => l.text.trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (vv) s = s.replace(VV_RE, '');
  s = s.replace(/\s+([,.;:])/g, '$1').replace(/[.;,]+$/, '');
  return cap(s);
}

// ---------------------------------------------------------------- organ

/** Words that start the name of a body (folded). */
const ORGAN_HEADS = [
  'uy ban',
  'ubnd',
  'hoi dong',
  'hdnd',
  'so',
  'bo',
  'cuc',
  'chi cuc',
  'tong cuc',
  'ban',
  'van phong',
  'trung tam',
  'phong',
  'vien',
  'truong',
  'thanh tra',
  'kho bac',
  'cong an',
  'bao hiem',
  'toa an',
  'vien kiem sat',
  'benh vien',
  'tinh uy',
  'huyen uy',
  'thanh uy',
  'dang uy',
  'mat tran',
  'lien doan',
  'hoi',
  'doan',
  'chinh phu',
  'quoc hoi',
  'cong ty',
  'tong cong ty',
  'ngan hang',
  'cuc thue',
  'chi nhanh',
  'dai',
  'bo chi huy',
  'quy',
];
const PLACE_MARKERS = ['tinh', 'thanh pho', 'huyen', 'quan', 'thi xa', 'xa', 'phuong', 'thi tran'];

function startsWithHead(k: string): boolean {
  return ORGAN_HEADS.some((h) => k === h || k.startsWith(h + ' '));
}

/** Header lines of the left block above the number → the name of the issuing body (the last body named). */
function organLines(lines: TextLine[], symbolLine: TextLine | null, splitX: number): TextLine[] {
  const top = symbolLine ? symbolLine.y0 : 0.25;
  const block = lines
    .filter((l) => l.y1 <= top + 0.003 && l.x1 <= splitX + 0.04 && !isMotto(l) && /\p{L}{2}/u.test(l.text))
    .sort((a, b) => a.y0 - b.y0);
  // Groups: a line starting with a body's head word starts a body; others continue the one
  // above — unless that one is already a whole name ending in its place ("ỦY BAN NHÂN DÂN TỈNH
  // QUẢNG NGÃI"): what follows is then the issuing body under it, however OCR spelt its head.
  const groups: TextLine[][] = [];
  for (const l of block) {
    const k = foldKey(l.text);
    const last = groups[groups.length - 1];
    if (!last || startsWithHead(k) || endsWithPlace(foldKey(last.map((x) => x.text).join(' ')))) groups.push([l]);
    else last.push(l);
  }
  return groups[groups.length - 1] ?? [];
}

/** A body's name that ends with its province: "… tỉnh Quảng Ngãi", "… thành phố Đà Nẵng". */
function endsWithPlace(k: string): boolean {
  for (const p of PROVINCE_KEYS) {
    if (!k.endsWith(' ' + p)) continue;
    const before = k.slice(0, -p.length - 1);
    if (/(^| )(tinh|thanh pho)$/.test(before)) return true;
  }
  return false;
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/giu, 'ủy ban nhân dân'],
  [/\bhđnd\b/giu, 'hội đồng nhân dân'],
  [/\bhdnd\b/giu, 'hội đồng nhân dân'],
  [/\btp\.\s*/giu, 'thành phố '],
];

/**
 * The words bodies are named with (Decree 30 Appendix II, the departments of a provincial
 * People's Committee, administrative units) and the province names: OCR of bold capitals often
 * loses or confuses a tone mark ("SƠ NÓNG NGHIỆP", "BẠN DẪN TỘC"), but rarely a letter, so a run
 * of words whose folded form is one of these is written back with its marks.
 */
const ORGAN_WORDS = [
  'ủy ban nhân dân',
  'hội đồng nhân dân',
  'văn phòng',
  'sở',
  'ban',
  'bộ',
  'cục',
  'chi cục',
  'tổng cục',
  'trung tâm',
  'thanh tra',
  'tỉnh',
  'huyện',
  'thành phố',
  'thị xã',
  'thị trấn',
  'quận',
  'phường',
  'tài chính',
  'nội vụ',
  'y tế',
  'xây dựng',
  'giáo dục và đào tạo',
  'nông nghiệp và phát triển nông thôn',
  'nông nghiệp và môi trường',
  'tài nguyên và môi trường',
  'kế hoạch và đầu tư',
  'giao thông vận tải',
  'công thương',
  'lao động - thương binh và xã hội',
  'văn hóa, thể thao và du lịch',
  'khoa học và công nghệ',
  'thông tin và truyền thông',
  'tư pháp',
  'dân tộc',
  'dân tộc và tôn giáo',
  'ngoại vụ',
  'quản lý',
  'khu kinh tế',
  'ban quản lý',
  ...PROVINCES.map((p) => vi(p)),
];
const ORGAN_WORD_KEYS = new Map(ORGAN_WORDS.map((w) => [foldKey(w), w]));
const PLACE_WORDS = new Set(['tỉnh', 'huyện', 'thành phố', 'thị xã', 'thị trấn', 'quận', 'phường']);
const PROVINCE_KEYS = new Set(PROVINCES.map((p) => foldKey(p)));
const MAX_PHRASE = 8;

/** Titles of signers (Decree 30 Appendix I), restored like ORGAN_WORDS. */
const POSITION_WORDS = [
  'phó',
  'giám đốc',
  'chủ tịch',
  'trưởng ban',
  'chánh văn phòng',
  'trưởng phòng',
  'bộ trưởng',
  'thứ trưởng',
  'cục trưởng',
  'chánh thanh tra',
];
const POSITION_WORD_KEYS = new Map(POSITION_WORDS.map((w) => [foldKey(w), w]));

/**
 * A name whose letters are all the vocabulary's, however OCR cut it into words ("SƠT AI CHÍNH",
 * "SỚY TẾ" for "SỞ TÀI CHÍNH", "SỞ Y TẾ": bold capitals set close run together or split): its
 * letters, folded and without spaces, covered by vocabulary phrases end to end in the fewest
 * pieces, each written with its marks. Null when some letters are no word of the vocabulary
 * (a district's own name, a word OCR garbled): the words are then kept as OCR cut them.
 */
export function segmentKnown(lower: string, vocabulary: ReadonlyMap<string, string> = ORGAN_WORD_KEYS): string | null {
  if (/[^\p{L}\s,-]/u.test(lower)) return null;
  const letters = foldKey(lower).replace(/ /g, '');
  if (!letters) return null;
  const byLetters = JOINED.get(vocabulary) ?? new Map([...vocabulary].map(([k, v]) => [k.replace(/ /g, ''), v]));
  JOINED.set(vocabulary, byLetters);
  // best[i]: the fewest phrases covering letters[0, i), and the phrases.
  const best: ({ n: number; parts: string[] } | null)[] = new Array(letters.length + 1).fill(null);
  best[0] = { n: 0, parts: [] };
  for (let i = 0; i < letters.length; i++) {
    const here = best[i];
    if (!here) continue;
    for (let j = i + 1; j <= Math.min(letters.length, i + 48); j++) {
      const phrase = byLetters.get(letters.slice(i, j));
      if (!phrase) continue;
      const cand = best[j];
      if (!cand || cand.n > here.n + 1) best[j] = { n: here.n + 1, parts: [...here.parts, phrase] };
    }
  }
  return best[letters.length]?.parts.join(' ') ?? null;
}
const JOINED = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

/** Runs of words matching a vocabulary (ORGAN_WORDS by default) by folded form get its marks (longest run first). */
export function restoreMarks(lower: string, vocabulary: ReadonlyMap<string, string> = ORGAN_WORD_KEYS): string {
  const words = lower.split(' ');
  const out: string[] = [];
  // After "huyện", "xã"…, a place's own name: only a province's is known here ("huyện Sơn Tịnh" is not "tỉnh").
  let inPlace = false;
  for (let i = 0; i < words.length;) {
    let done = false;
    for (let n = Math.min(MAX_PHRASE, words.length - i); n >= 1 && !done; n--) {
      const phrase = vocabulary.get(foldKey(words.slice(i, i + n).join(' ')));
      if (phrase && inPlace && !PROVINCE_KEYS.has(foldKey(phrase))) continue;
      // Only whole words of plain letters: "số:" or "1344hd" are not names.
      if (phrase && phrase.split(' ').length === n && words.slice(i, i + n).every((w) => /^[\p{L},-]+$/u.test(w))) {
        inPlace = PLACE_WORDS.has(phrase);
        out.push(phrase);
        i += n;
        done = true;
      }
    }
    if (!done) out.push(words[i++]!);
  }
  return out.join(' ');
}

/** Names within names that keep their capital: "Văn phòng Ủy ban nhân dân tỉnh". */
const EMBEDDED = ['uy ban nhan dan', 'hoi dong nhan dan', 'chinh phu', 'quoc hoi', 'mat tran to quoc'];

/**
 * A body's name in capitals → as the register writes it (Decree 30 Appendix II): the
 * first letter; the first letter of the field after "Sở", "Bộ", "Cục"… and after "và" or
 * " - " within it; names of bodies within the name; place names after "tỉnh", "huyện"…
 * ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" → "Sở Nông nghiệp và Phát triển nông thôn").
 */
export function organCase(caps: string): string {
  let s = vi(caps.normalize('NFC').replace(/\s+/g, ' ').trim());
  for (const [re, to] of ABBREVIATIONS) s = s.replace(re, to);
  // Specks and strokes OCR reads as punctuation around the words.
  s = s
    .replace(/[_~|"'`.:;!?*<>]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Letters that spell known words whole are written as those words; else word by word.
  s = segmentKnown(s) ?? restoreMarks(s);
  const words = s.split(' ');
  const keys = words.map((w) => foldKey(w));
  const out = [...words];
  const capAt = (i: number) => {
    if (i < out.length) out[i] = cap(out[i]!);
  };
  capAt(0);
  // Field names after a head word.
  const headLen = ['chi cuc', 'tong cuc', 'van phong', 'trung tam', 'thanh tra', 'kho bac', 'bo chi huy', 'cuc thue'].some(
    (h) => keys.slice(0, 2).join(' ') === h || keys.slice(0, 3).join(' ') === h,
  )
    ? keys.slice(0, 3).join(' ') === 'bo chi huy'
      ? 3
      : 2
    : ['so', 'bo', 'cuc', 'ban', 'phong', 'vien'].includes(keys[0] ?? '')
      ? 1
      : 0;
  if (headLen && !['uy', 'hoi'].includes(keys[headLen] ?? '')) capAt(headLen);
  for (let i = 1; i < words.length; i++) {
    if (headLen && (keys[i - 1] === 'va' || words[i - 1] === '-') && !PLACE_MARKERS.includes(keys[i] ?? '')) capAt(i);
  }
  // Bodies named inside the name.
  for (const e of EMBEDDED) {
    const n = e.split(' ').length;
    for (let i = 0; i + n <= keys.length; i++) if (keys.slice(i, i + n).join(' ') === e) capAt(i);
  }
  // Place names: every word after a marker, to the end (a marker again restarts).
  for (let i = 0; i < words.length; i++) {
    const two = keys.slice(i, i + 2).join(' ');
    const marker = ['thanh pho', 'thi xa', 'thi tran'].includes(two) ? 2 : PLACE_MARKERS.includes(keys[i] ?? '') ? 1 : 0;
    if (!marker) continue;
    // "xã hội" is not a commune; a marker at the start is the body's own kind.
    if (keys[i] === 'xa' && keys[i + 1] === 'hoi') continue;
    if (i === 0) continue;
    const rest = words.slice(i + marker);
    const restKey = keys.slice(i + marker).join(' ');
    const province = PROVINCES.find((p) => foldKey(p) === restKey);
    if (province) {
      out.splice(i + marker, rest.length, ...province.split(' '));
      break;
    }
    for (let j = i + marker; j < words.length; j++) capAt(j);
    break;
  }
  return out.join(' ').replace(/\s+-\s+/g, ' - ');
}

function matchKnown(name: string, known: readonly KnownOrgan[]): KnownOrgan | null {
  const k = foldKey(name);
  if (!k) return null;
  let best: { o: KnownOrgan; d: number } | null = null;
  for (const o of known) {
    const ok = foldKey(o.name);
    if (Math.abs(ok.length - k.length) > Math.max(3, k.length * 0.2)) continue;
    const d = levenshtein(ok, k);
    if (!best || d < best.d) best = { o, d };
    if (d === 0) break;
  }
  return best && best.d <= Math.max(1, Math.floor(k.length * 0.12)) ? best.o : null;
}

// ---------------------------------------------------------------- stamps

const URGENCY_KEYS: [string, Urgency][] = [
  ['hoa toc', 'flash'],
  ['thuong khan', 'very_urgent'],
  ['khan', 'urgent'],
];
const SECRECY_KEYS: [string, Secrecy][] = [
  ['tuyet mat', 'top_secret'],
  ['toi mat', 'secret'],
  ['mat', 'confidential'],
];

function stamp<T>(lines: TextLine[], keys: [string, T][]): { value: T; line: TextLine } | null {
  for (const l of lines) {
    if (l.y0 > 0.45) continue;
    const k = foldKey(l.text);
    for (const [key, value] of keys) {
      // A letter too many or too few, or a space, in a longer stamp ("THƯỢNG KHẤÃN": two marks
      // read as two letters) is still that stamp; the short ones ("MẬT", "KHẨN") must read exactly.
      const [a, b] = [k.replace(/ /g, ''), key.replace(/ /g, '')];
      if (k === key || (b.length >= 6 && Math.abs(a.length - b.length) <= 1 && levenshtein(a, b) <= 1)) return { value, line: l };
    }
  }
  return null;
}

// ---------------------------------------------------------------- signer

const AUTHORITY_RE = /^(tm|kt|tl|tuq|q)\s/;
const NAME_WORD = /^[\p{Lu}][\p{Ll}]+$/u;

function personName(l: TextLine): string | null {
  const text = l.text.replace(/[.,;:]+$/, '').trim();
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 6 || /\d/.test(text)) return null;
  if (words.every((w) => NAME_WORD.test(w))) return text;
  // A name in capitals ("NGUYỄN VĂN AN"), written as names are.
  if (isCaps(text) && words.every((w) => /^[\p{Lu}]+$/u.test(w))) return words.map((w) => cap(vi(w))).join(' ');
  return null;
}

/** "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; "CHÁNH VĂN PHÒNG" → "Chánh Văn phòng". */
export function positionCase(caps: string): string {
  const words = restoreMarks(vi(caps.normalize('NFC').replace(/\s+/g, ' ').trim()), POSITION_WORD_KEYS).split(' ');
  const keys = words.map(foldKey);
  const out = words.map((w, i) => (i === 0 ? cap(w) : w));
  for (let i = 1; i < out.length; i++) {
    if (keys[i - 1] === 'pho') out[i] = cap(out[i]!);
    if (['van', 'thanh'].includes(keys[i] ?? '') && ['van phong', 'thanh tra'].includes(`${keys[i]} ${keys[i + 1] ?? ''}`))
      out[i] = cap(out[i]!);
  }
  return out.join(' ');
}

function signer(pages: PageText[]): { name: TextLine; position: TextLine | null; nameText: string } | null {
  for (const p of [...pages].sort((a, b) => b.page - a.page)) {
    const right = p.lines.filter((l) => centre(l) > 0.5 && l.x0 > 0.35).sort((a, b) => b.y0 - a.y0);
    for (let i = 0; i < right.length; i++) {
      const l = right[i]!;
      const nameText = personName(l);
      if (!nameText) continue;
      // The position is a capitals line above the name (the signature's space between).
      const above = right.slice(i + 1).filter((a) => a.y1 <= l.y0 && l.y0 - a.y1 < 0.2 && Math.abs(centre(a) - centre(l)) < 0.15);
      const caps = above.filter((a) => isCaps(a.text) && /\p{L}{2}/u.test(a.text));
      if (!caps.length) continue;
      const position = caps.find((a) => !AUTHORITY_RE.test(foldKey(a.text))) ?? caps[0]!;
      return { name: l, position, nameText };
    }
  }
  return null;
}

// ---------------------------------------------------------------- all fields

let baseToneModel: ToneModel | null = null;
/** The shipped vocabulary with the names of types, bodies, places and titles this module knows (built on first use). */
function toneModel(): ToneModel {
  return (baseToneModel ??= new ToneModel([...ADMIN_VOCABULARY, ...DOCUMENT_TYPES.map((t) => t.name), ...ORGAN_WORDS, ...POSITION_WORDS]));
}

/**
 * The vocabulary with the office's organ names, for the last list of names seen. Capture asks for
 * the same names (the register's, most used first) for every document it reads, and copying the
 * whole vocabulary each time was work repeated for nothing; a changed list (a new organ
 * registered, another order) builds a new one. The list is compared whole and in order
 * because the order of the names is the order of the variants the model tries.
 */
let organToneModel: { names: readonly string[]; model: ToneModel } | null = null;
function toneModelWith(names: readonly string[]): ToneModel {
  const last = organToneModel;
  if (last && last.names.length === names.length && last.names.every((n, i) => n === names[i])) return last.model;
  const model = toneModel().with(names);
  organToneModel = { names: [...names], model };
  return model;
}

function suggestion<T>(value: T, confidence: number, source: Suggestion<T>['source'] = 'page'): Suggestion<T> {
  return { value, confidence: Math.max(0, Math.min(100, Math.round(confidence))), source };
}

export function suggestFields(ex: { pageCount: number; pages: PageText[] }, ctx: SuggestContext = {}): SuggestedFields {
  const out: SuggestedFields = {};
  if (ex.pageCount > 0) out.pageAmount = suggestion(ex.pageCount, 100);
  const first = [...ex.pages].sort((a, b) => a.page - b.page).find((p) => p.lines.length);
  if (!first) return out;
  const lines = splitMotto(first.lines).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const motto = lines.filter((l) => l.y0 < 0.3 && isMotto(l));
  const splitX = motto.length ? Math.min(...motto.map((l) => l.x0)) - 0.01 : 0.5;

  const titleLine = lines.find((l) => l.y0 > 0.08 && l.y0 < 0.6 && Math.abs(centre(l) - 0.5) < 0.2 && typeOfLine(l));
  let typeName = titleLine ? typeOfLine(titleLine) : null;
  const vv = vvSubject(lines, splitX);
  if (!typeName && vv.length) typeName = 'Công văn';
  if (typeName) out.typeName = suggestion(typeName, titleLine ? conf([titleLine]) : conf(vv) * 0.9);

  const sym = findSymbol(lines);
  if (sym) {
    const value = normalizeSymbol(sym.raw, typeName ?? undefined);
    if (value) out.symbol = suggestion(value, conf([sym.line]));
  }
  const date = findDate(lines);
  if (date) out.issuedDate = suggestion(date.value, conf([date.line]));

  const subj = titleLine && typeName !== 'Công văn' ? subjectAfter(lines, titleLine) : vv;
  if (subj.length) {
    // Tones OCR misread on the subject's bold line, put right by the word pairs the office's names and the vocabulary know (tones.ts).
    const model = ctx.knownOrgans?.length ? toneModelWith(ctx.knownOrgans.map((o) => o.name)) : toneModel();
    const value = model.correct(joinSubject(subj, subj === vv));
    if (value) out.subject = suggestion(value.slice(0, 500), conf(subj));
  }

  const organ = organLines(lines, sym?.line ?? null, splitX);
  if (organ.length) {
    const read = organCase(organ.map((l) => l.text).join(' '));
    const known = ctx.knownOrgans ? matchKnown(read, ctx.knownOrgans) : null;
    out.organName = known ? suggestion(known.name, 95, known.source) : suggestion(read.slice(0, 200), conf(organ) * 0.9);
  }

  const urg = stamp(lines, URGENCY_KEYS);
  if (urg) out.urgency = suggestion(urg.value, conf([urg.line]));
  const sec = stamp(lines, SECRECY_KEYS);
  if (sec) out.secrecy = suggestion(sec.value, conf([sec.line]));

  const sig = signer(ex.pages);
  if (sig) {
    out.signerName = suggestion(sig.nameText.slice(0, 50), conf([sig.name]));
    if (sig.position) {
      const raw = sig.position.text.replace(/^(TM|KT|TL|TUQ|Q)\.\s*/u, '');
      out.signerPosition = suggestion(positionCase(raw).slice(0, 100), conf([sig.position]));
    }
  }
  return out;
}

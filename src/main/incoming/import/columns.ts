/**
 * Column headings accepted in register imports: the camelCase field names, or the
 * Vietnamese headings of the Appendix IV book and of common office spreadsheets.
 * Headings are compared folded (no diacritics, no punctuation, any case).
 */
import { DOCUMENT_TYPE_NAMES } from '../../../shared/domain/documentTypes.js';
import { fold } from '../../../shared/text/vietnamese.js';

/** Pseudo-field: the book's combined "Tên loại và trích yếu nội dung" column. */
export const TYPE_AND_SUBJECT = '__typeAndSubject';
/** Columns filled by hand in the paper book; accepted and ignored. */
export const IGNORED = '__ignored';

const FIELDS = [
  'organName',
  'symbol',
  'issuedDate',
  'typeName',
  'subject',
  'arrivalDate',
  'signerName',
  'signerPosition',
  'pageAmount',
  'urgency',
  'secrecy',
  'channel',
  'toPlaces',
  'dueDate',
  'description',
  'arrivalNumber',
  'register',
];

const VIETNAMESE: Record<string, string> = {
  'ngay den': 'arrivalDate',
  'so den': 'arrivalNumber',
  'tac gia': 'organName',
  'co quan ban hanh': 'organName',
  'noi gui': 'organName',
  'so ky hieu van ban': 'symbol',
  'so ky hieu': 'symbol',
  'so va ky hieu': 'symbol',
  'ngay thang van ban': 'issuedDate',
  'ngay van ban': 'issuedDate',
  'ngay ban hanh': 'issuedDate',
  'ten loai va trich yeu noi dung': TYPE_AND_SUBJECT,
  'ten loai van ban': 'typeName',
  'ten loai': 'typeName',
  'loai van ban': 'typeName',
  'trich yeu noi dung': 'subject',
  'trich yeu': 'subject',
  'don vi hoac nguoi nhan': 'toPlaces',
  'don vi nguoi nhan': 'toPlaces',
  'nguoi ky': 'signerName',
  'chuc vu nguoi ky': 'signerPosition',
  'so trang': 'pageAmount',
  'do khan': 'urgency',
  'do mat': 'secrecy',
  'hinh thuc': 'channel',
  'han giai quyet': 'dueDate',
  'ghi chu': 'description',
  'so van ban': 'register',
  'ngay chuyen': IGNORED,
  'ky nhan': IGNORED,
};

function headingKey(h: string): string {
  return fold(h)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Maps a heading to a field (or a pseudo-field), or null when unknown. */
export function fieldForHeading(heading: string): string | null {
  const trimmed = heading.normalize('NFC').trim();
  const exact = FIELDS.find((f) => f.toLowerCase() === trimmed.toLowerCase());
  if (exact) return exact;
  return VIETNAMESE[headingKey(trimmed)] ?? null;
}

/** Splits "Quyết định về việc …" into the type name and the rest. */
export function splitTypeAndSubject(text: string): { typeName: string; subject: string } | null {
  const t = text.normalize('NFC').trim();
  const folded = fold(t);
  let best: string | null = null;
  for (const name of DOCUMENT_TYPE_NAMES) {
    const f = fold(name);
    if ((folded === f || folded.startsWith(f + ' ') || folded.startsWith(f + ':')) && (!best || name.length > best.length)) best = name;
  }
  if (!best) return null;
  const subject = t.slice(best.length).replace(/^[\s:.,-]+/, '');
  return { typeName: best, subject };
}

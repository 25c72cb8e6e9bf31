/**
 * Dates as a Vietnamese clerk types and reads them: day first (05/01/2026, 5/1, 5/1/26),
 * converted to the ISO forms the contract carries (YYYY-MM-DD, and YYYY-MM-DDTHH:MM read as
 * Vietnam time). Parsing is lenient on the shape and strict on nothing else: an impossible
 * date such as 30/02/2026 is passed on as 2026-02-30 so the shared validation reports it
 * with its stable code, exactly as the server would.
 */
import { toVnIso } from '../../shared/text/dates';

const pad2 = (n: number) => String(n).padStart(2, '0');

export interface VnToday {
  year: number;
  month: number;
  day: number;
}

export function vnNow(epochMs = Date.now()): { iso: string; today: VnToday; date: string; time: string } {
  const iso = toVnIso(epochMs);
  return {
    iso,
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    today: { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) },
  };
}

function fullYear(y: string, today: VnToday): number {
  if (y.length >= 3) return Number(y);
  const yy = Number(y);
  // Two digits: this century unless that would be more than ten years ahead.
  return yy <= (today.year % 100) + 10 ? 2000 + yy : 1900 + yy;
}

/**
 * Typed date → `YYYY-MM-DD` (not checked for validity), `''` when empty, or null when the
 * text is not a date shape at all (the caller then sends it as typed, to be refused).
 */
export function parseVnDate(text: string, today: VnToday = vnNow().today): string | null {
  const s = text.trim();
  if (s === '') return '';
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`;
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?$/.exec(s);
  if (m) {
    const year = m[3] ? fullYear(m[3], today) : today.year;
    return `${String(year).padStart(4, '0')}-${pad2(Number(m[2]))}-${pad2(Number(m[1]))}`;
  }
  // Digits only: ddmm, ddmmyy, ddmmyyyy.
  m = /^(\d{2})(\d{2})(\d{2}|\d{4})?$/.exec(s);
  if (m) {
    const year = m[3] ? fullYear(m[3], today) : today.year;
    return `${String(year).padStart(4, '0')}-${m[2]}-${m[1]}`;
  }
  return null;
}

/**
 * Typed date and time ("05/01/2026 08:30", "5/1 8h30", "5/1") → `YYYY-MM-DDTHH:MM`, or
 * `YYYY-MM-DD` when no time was typed; `''` when empty; null when unreadable.
 */
export function parseVnDateTime(text: string, today: VnToday = vnNow().today): string | null {
  const s = text.trim();
  if (s === '') return '';
  const m = /^(.+?)(?:\s+|\s*,\s*|T)(\d{1,2})\s*(?::|h|giờ|\.)\s*(\d{1,2})?\s*(?:phút)?$/iu.exec(s);
  if (m) {
    const date = parseVnDate(m[1]!, today);
    if (!date) return null;
    return `${date}T${pad2(Number(m[2]))}:${pad2(Number(m[3] ?? 0))}`;
  }
  return parseVnDate(s, today);
}

/** `2026-01-05` (or an ISO date-time) → `05/01/2026`. */
export function formatVnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `2026-01-05T08:30:00+07:00` → `05/01/2026 08:30` (stored instants already carry Vietnam time). */
export function formatVnDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[4] ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

export const VN_MONTHS = [
  'Tháng Một',
  'Tháng Hai',
  'Tháng Ba',
  'Tháng Tư',
  'Tháng Năm',
  'Tháng Sáu',
  'Tháng Bảy',
  'Tháng Tám',
  'Tháng Chín',
  'Tháng Mười',
  'Tháng Mười Một',
  'Tháng Mười Hai',
];
/** Week starts on Monday (Thứ Hai), as on Vietnamese calendars. */
export const VN_WEEKDAYS_SHORT = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
export const VN_WEEKDAYS_LONG = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayMon0(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Dates in Vietnam time (UTC+7, no daylight saving). Calendar dates are plain
 * `YYYY-MM-DD` strings; instants are stored as ISO 8601 with a fixed +07:00 offset so
 * that string order is time order and the first ten characters are the local date.
 */

export const VN_OFFSET_MINUTES = 7 * 60;
const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date or date-time. A date alone, or a date-time without an offset,
 * is read as Vietnam local time (what a clerk means). Returns epoch ms or null.
 */
export function parseInstant(s: string): number | null {
  const m = DATETIME_RE.exec(s.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isValidDate(date)) return null;
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const sec = m[6] ? Number(m[6]) : 0;
  if (h > 23 || mi > 59 || sec > 59) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMin = VN_OFFSET_MINUTES;
  const z = m[8];
  if (z === 'Z') offsetMin = 0;
  else if (z) {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), h, mi, sec, ms);
  return utc - offsetMin * 60_000;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `2026-01-05T08:30:00+07:00` — seconds precision, Vietnam offset. */
export function toVnIso(epochMs: number): string {
  const d = new Date(Math.floor(epochMs / 1000) * 1000 + VN_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+07:00`
  );
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant. */
export function vnDate(epochMs: number): string {
  return toVnIso(epochMs).slice(0, 10);
}

export function vnYear(epochMs: number): number {
  // The year of toVnIso(epochMs), without building the string (once per row of an import).
  return new Date(Math.floor(epochMs / 1000) * 1000 + VN_OFFSET_MS).getUTCFullYear();
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** dd/mm/yyyy for tables and registers. */
export function formatDateVN(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Decree 30 (App. I) place-and-date line: day < 10 and months 1–2 are padded,
 * e.g. "ngày 05 tháng 01 năm 2026", "ngày 22 tháng 9 năm 2020".
 */
export function formatLegalDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const day = pad2(d!);
  const month = m! <= 2 ? pad2(m!) : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/**
 * A date or date-time typed the Vietnamese way — "05/01/2026", "5/1/2026 08:30" — as ISO
 * ("2026-01-05", "2026-01-05T08:30:00"); anything else is returned unchanged.
 */
export function fromVietnameseDate(s: string): string {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(s);
  if (!m) return s;
  const date = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return m[4] ? `${date}T${m[4].padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}` : date;
}

/**
 * Plain calendar-date helpers for the holiday calendar: dates are 'YYYY-MM-DD' strings
 * (Vietnam local dates), arithmetic goes through Julian day numbers so no time zone or
 * daylight-saving question ever arises. Pure TypeScript.
 */
import { dateFromJdn, jdnFromDate } from './lunar.js';

const YMD_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Parses a strict 'YYYY-MM-DD' date; null if malformed or impossible (2026-02-30). */
export function tryParseYmd(s: string): Ymd | null {
  if (typeof s !== 'string') return null;
  const m = YMD_RE.exec(s);
  if (!m) return null;
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (ymd.month < 1 || ymd.month > 12 || ymd.day < 1) return null;
  const back = dateFromJdn(jdnFromDate(ymd.year, ymd.month, ymd.day));
  if (back.year !== ymd.year || back.month !== ymd.month || back.day !== ymd.day) return null;
  return ymd;
}

export function parseYmd(s: string): Ymd {
  const ymd = tryParseYmd(s);
  if (!ymd) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(s)}`);
  return ymd;
}

export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function ymdToJdn(s: string): number {
  const { year, month, day } = parseYmd(s);
  return jdnFromDate(year, month, day);
}

export function jdnToYmd(jdn: number): string {
  const d = dateFromJdn(jdn);
  return formatYmd(d.year, d.month, d.day);
}

/** Adds (or with a negative number subtracts) calendar days. */
export function addDays(date: string, days: number): string {
  return jdnToYmd(ymdToJdn(date) + days);
}

/** 0 = Sunday (Chủ nhật), 1 = Monday (Thứ Hai), …, 6 = Saturday (Thứ Bảy). */
export function dayOfWeek(date: string): number {
  return (ymdToJdn(date) + 1) % 7;
}

/** Saturday or Sunday: the weekly rest days of cán bộ, công chức, viên chức. */
export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Hai" … "Chủ nhật". */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[dayOfWeek(date)]!;
}

/** 'dd/mm/yyyy', the way dates are written in Vietnamese administrative documents. */
export function formatDmy(date: string): string {
  const { year, month, day } = parseYmd(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/**
 * Public holidays (ngày nghỉ lễ, tết) of Vietnam for any year, per Article 112 of the
 * Labour Code 2019 (Bộ luật Lao động số 45/2019/QH14), plus compensatory days and an
 * administrator's adjustments.
 *
 * Statutory days (Art. 112(1)):
 *   a) Tết Dương lịch: 1 day, 1 January;
 *   b) Tết Âm lịch: 5 days;
 *   c) Ngày Chiến thắng: 1 day, 30 April;
 *   d) Ngày Quốc tế Lao động: 1 day, 1 May;
 *   đ) Quốc khánh: 2 days, 2 September and one adjacent day before or after;
 *   e) Giỗ Tổ Hùng Vương: 1 day, 10th day of the 3rd lunar month.
 *
 * Rule choices the statute leaves open — all of them overridable per year through
 * `HolidayAdjustments` (rules, add, remove, workdays), because the Government announces
 * the actual schedule for cán bộ, công chức, viên chức every year (often with swapped
 * working days, "hoán đổi ngày làm việc", and a Saturday worked in exchange, "làm bù"):
 *
 *  - Tết Âm lịch: the statute says only "5 days". The annual announcements usually give the
 *    last day of the lunar year (29 or 30 tháng Chạp) plus mùng 1 to mùng 4 tháng Giêng;
 *    that is the default (`tetDaysBefore: 1`, `tetDays: 5`).
 *  - Quốc khánh's adjacent day: the statute says "01 ngày liền kề trước hoặc sau". Default
 *    (`nationalDayExtra: 'auto'`): take the neighbour (1/9 or 3/9) that is a weekday; if
 *    both are weekdays take the one that joins a weekend (1/9 when it is a Monday, 3/9 when
 *    it is a Friday); otherwise (2/9 on a Wednesday) 1/9. This gives the adjacent days the
 *    Government chose in 2021–2025 (3/9, 1/9, 1/9, 3/9, 1/9).
 *  - Compensatory days (nghỉ bù, Art. 111(3) / 112 and Decree 145/2020/NĐ-CP): for public
 *    servants the weekly rest days are Saturday and Sunday. Each statutory holiday that
 *    falls on a Saturday or Sunday gives one compensatory day on the next day that is
 *    Monday–Friday and not already a day off (holiday, custom day off or an earlier
 *    compensatory day), taken in date order. Two statutory holidays on the same date (Giỗ
 *    Tổ on 30/4 happens, e.g. 1947, but not 1948–2199) are treated the same way: one
 *    compensatory day for the second.
 *
 * Adjustments are applied as follows: `remove` and `workdays` dates are taken out of the
 * statutory list first (so a removed holiday gives no compensatory day), `add` days are
 * added (a date that is already a holiday keeps its statutory entry), compensatory days are
 * placed (skipping custom days off and `workdays` dates), and finally any day off on a
 * `remove` or `workdays` date is dropped — removing a compensatory day drops it, it does
 * not move it.
 *
 * Pure TypeScript.
 */
import { addDays, formatDmy, formatYmd, isWeekend, tryParseYmd, weekdayName, dayOfWeek, parseYmd } from './dates.js';
import { lunarMonthName, lunarToSolar, solarToLunar } from './lunar.js';

export type HolidayKind = 'holiday' | 'compensatory' | 'custom';

export interface Holiday {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Vietnamese name, e.g. "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương". */
  name: string;
  kind: HolidayKind;
  /** Extra detail for people: the lunar date, which day a compensatory day replaces, … */
  note?: string;
}

export interface HolidayRules {
  /** Days of Tết taken before lunar 1/1 (default 1 = the last day of the lunar year). */
  tetDaysBefore: number;
  /** Total days of Tết Âm lịch (statute: 5). */
  tetDays: number;
  /** Quốc khánh's adjacent day: 'auto' (see module comment), 'before' = 1/9, 'after' = 3/9. */
  nationalDayExtra: 'auto' | 'before' | 'after';
  /** Give compensatory days for holidays on Saturday/Sunday (default true). */
  compensate: boolean;
}

export const DEFAULT_HOLIDAY_RULES: Readonly<HolidayRules> = Object.freeze({
  tetDaysBefore: 1,
  tetDays: 5,
  nationalDayExtra: 'auto',
  compensate: true,
});

/**
 * An administrator's changes to one year's calendar (stored per year by the calendar
 * service). All dates must be 'YYYY-MM-DD' within that year.
 */
export interface HolidayAdjustments {
  /** Extra days off (kind 'custom'), e.g. a day swapped into a holiday period. */
  add?: { date: string; name: string }[];
  /** Days that are not days off after all (statutory, compensatory or custom). */
  remove?: string[];
  /**
   * Days that are working days whatever else applies — typically a Saturday worked in
   * exchange for a swapped day (ngày làm bù). Also removes any day off on that date.
   */
  workdays?: string[];
  /** Overrides of the computation rules for this year. */
  rules?: Partial<HolidayRules>;
}

export interface AdjustmentProblem {
  code: 'invalid_date' | 'wrong_year' | 'name_required' | 'invalid_rule';
  field: string;
  message: string;
}

export const HOLIDAY_NAMES = Object.freeze({
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  national: 'Quốc khánh',
});

/** Checks an administrator's adjustments for a year; an empty list means they are usable. */
export function validateAdjustments(year: number, adj: HolidayAdjustments | undefined): AdjustmentProblem[] {
  const problems: AdjustmentProblem[] = [];
  if (!adj) return problems;
  const checkDate = (date: unknown, field: string) => {
    const ymd = typeof date === 'string' ? tryParseYmd(date) : null;
    if (!ymd) {
      problems.push({ code: 'invalid_date', field, message: `Ngày không hợp lệ: ${String(date)} (cần dạng YYYY-MM-DD)` });
    } else if (ymd.year !== year) {
      problems.push({ code: 'wrong_year', field, message: `Ngày ${String(date)} không thuộc năm ${year}` });
    }
  };
  (adj.add ?? []).forEach((a, i) => {
    checkDate(a?.date, `add[${i}].date`);
    if (typeof a?.name !== 'string' || a.name.trim() === '') {
      problems.push({ code: 'name_required', field: `add[${i}].name`, message: 'Cần ghi tên ngày nghỉ' });
    }
  });
  (adj.remove ?? []).forEach((d, i) => checkDate(d, `remove[${i}]`));
  (adj.workdays ?? []).forEach((d, i) => checkDate(d, `workdays[${i}]`));
  const r = adj.rules ?? {};
  if (r.tetDays !== undefined && !(Number.isInteger(r.tetDays) && r.tetDays >= 1 && r.tetDays <= 15)) {
    problems.push({ code: 'invalid_rule', field: 'rules.tetDays', message: 'Số ngày nghỉ Tết phải là số nguyên từ 1 đến 15' });
  }
  if (r.tetDaysBefore !== undefined && !(Number.isInteger(r.tetDaysBefore) && r.tetDaysBefore >= 0 && r.tetDaysBefore <= 10)) {
    problems.push({
      code: 'invalid_rule',
      field: 'rules.tetDaysBefore',
      message: 'Số ngày nghỉ trước mùng 1 Tết phải là số nguyên từ 0 đến 10',
    });
  }
  if (r.nationalDayExtra !== undefined && !['auto', 'before', 'after'].includes(r.nationalDayExtra)) {
    problems.push({
      code: 'invalid_rule',
      field: 'rules.nationalDayExtra',
      message: "Ngày nghỉ liền kề Quốc khánh phải là 'auto', 'before' hoặc 'after'",
    });
  }
  if (r.compensate !== undefined && typeof r.compensate !== 'boolean') {
    problems.push({ code: 'invalid_rule', field: 'rules.compensate', message: 'rules.compensate phải là true hoặc false' });
  }
  return problems;
}

/** "mùng 1 tháng Giêng", "29 tháng Chạp", "10 tháng Ba". */
function lunarLabel(date: string): string {
  const { year, month, day } = parseYmd(date);
  const l = solarToLunar(year, month, day);
  return `${l.day <= 10 ? `mùng ${l.day}` : l.day} tháng ${lunarMonthName(l.month)}${l.leap ? ' nhuận' : ''}`;
}

/** The statutory days of `year` (before compensation and adjustments), in date order. */
export function statutoryHolidays(year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): Holiday[] {
  const list: Holiday[] = [];
  const push = (date: string, name: string, note?: string) =>
    list.push(note ? { date, name, kind: 'holiday', note } : { date, name, kind: 'holiday' });

  push(formatYmd(year, 1, 1), HOLIDAY_NAMES.newYear);

  // Tết Âm lịch of the lunar year starting in this solar year (1/1 âm lịch is always
  // between 21 January and 20 February, so the whole period stays inside the year).
  const newYearsDay = lunarToSolar(year, 1, 1);
  for (let i = 0; i < rules.tetDays; i++) {
    const date = addDays(newYearsDay, i - rules.tetDaysBefore);
    if (parseYmd(date).year === year) push(date, HOLIDAY_NAMES.tet, lunarLabel(date));
  }

  // Giỗ Tổ: 10/3 âm lịch — of the ordinary 3rd month, never a leap 3rd month.
  push(lunarToSolar(year, 3, 10), HOLIDAY_NAMES.hungKings, '10 tháng Ba âm lịch');

  push(formatYmd(year, 4, 30), HOLIDAY_NAMES.victory);
  push(formatYmd(year, 5, 1), HOLIDAY_NAMES.labour);

  const national = formatYmd(year, 9, 2);
  push(national, HOLIDAY_NAMES.national);
  const extra = nationalDayAdjacent(year, rules.nationalDayExtra);
  push(extra, HOLIDAY_NAMES.national, extra < national ? 'ngày liền kề trước ngày 2/9' : 'ngày liền kề sau ngày 2/9');

  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The day taken next to 2 September (see the module comment for 'auto'). */
export function nationalDayAdjacent(year: number, choice: HolidayRules['nationalDayExtra'] = 'auto'): string {
  const before = formatYmd(year, 9, 1);
  const after = formatYmd(year, 9, 3);
  if (choice === 'before') return before;
  if (choice === 'after') return after;
  const beforeWeekday = !isWeekend(before);
  const afterWeekday = !isWeekend(after);
  if (beforeWeekday && !afterWeekday) return before;
  if (afterWeekday && !beforeWeekday) return after;
  if (dayOfWeek(before) === 1) return before; // Monday 1/9: joins the weekend before
  if (dayOfWeek(after) === 5) return after; // Friday 3/9: joins the weekend after
  return before;
}

/**
 * Days off of `year`, in date order: statutory holidays, compensatory days and the
 * administrator's custom days, after removals. Throws RangeError if the adjustments are
 * invalid (see validateAdjustments).
 */
export function holidaysOf(year: number, adjustments?: HolidayAdjustments): Holiday[] {
  const problems = validateAdjustments(year, adjustments);
  if (problems.length > 0) {
    throw new RangeError(`Điều chỉnh lịch nghỉ năm ${year} không hợp lệ: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  const rules: HolidayRules = { ...DEFAULT_HOLIDAY_RULES, ...(adjustments?.rules ?? {}) };
  const dropped = new Set<string>([...(adjustments?.remove ?? []), ...(adjustments?.workdays ?? [])]);

  const workdays = new Set(adjustments?.workdays ?? []);
  const statutory = statutoryHolidays(year, rules).filter((h) => !dropped.has(h.date));

  // One entry per date. Holidays owed a compensatory day: every statutory holiday on a
  // Saturday/Sunday, and every statutory holiday after the first one on a shared date.
  const byDate = new Map<string, Holiday>();
  const owed: Holiday[] = [];
  for (const h of statutory) {
    const existing = byDate.get(h.date);
    if (existing) {
      existing.name = `${existing.name}; ${h.name}`;
      owed.push(h);
    } else {
      byDate.set(h.date, { ...h });
      if (isWeekend(h.date)) owed.push(h);
    }
  }

  for (const a of adjustments?.add ?? []) {
    if (!byDate.has(a.date)) byDate.set(a.date, { date: a.date, name: a.name.trim(), kind: 'custom' });
  }

  if (rules.compensate) {
    owed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const h of owed) {
      // The next Monday–Friday that is not already a day off and not declared a working day.
      let d = addDays(h.date, 1);
      while (isWeekend(d) || byDate.has(d) || workdays.has(d)) d = addDays(d, 1);
      const clash = !isWeekend(h.date);
      byDate.set(d, {
        date: d,
        name: `Nghỉ bù ${h.name}`,
        kind: 'compensatory',
        note: `bù cho ngày ${formatDmy(h.date)} (${weekdayName(h.date)}${clash ? ', trùng ngày lễ khác' : ''})`,
      });
    }
  }

  return [...byDate.values()].filter((h) => !dropped.has(h.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

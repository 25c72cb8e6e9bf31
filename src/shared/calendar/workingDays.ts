/**
 * Working days (ngày làm việc) for deadlines given as "N ngày làm việc": Monday–Friday,
 * minus public holidays, compensatory days and an administrator's extra days off, plus
 * any weekend day the administrator declared a working day (ngày làm bù).
 *
 * Conventions (what a clerk expects when a document arrives on day `from`):
 *  - addWorkingDays(from, n) is the n-th working day after `from`; `from` itself is not
 *    counted, whether or not it is a working day; n = 0 gives `from`.
 *  - workingDaysBetween(a, b) counts the working days d with a < d ≤ b, so that
 *    workingDaysBetween(a, addWorkingDays(a, n)) === n. It is negative when b < a.
 *
 * Pure TypeScript.
 */
import { isWeekend, parseYmd, ymdToJdn, jdnToYmd } from './dates.js';
import { holidaysOf, validateAdjustments, type Holiday, type HolidayAdjustments } from './holidays.js';

interface YearData {
  holidays: readonly Holiday[];
  byDate: ReadonlyMap<string, Holiday>;
  workdays: ReadonlySet<string>;
}

/** A holiday calendar with per-year administrator adjustments, computed lazily and cached. */
export class WorkingCalendar {
  private readonly adjustments = new Map<number, HolidayAdjustments>();
  private readonly cache = new Map<number, YearData>();

  constructor(adjustmentsByYear?: Readonly<Record<number, HolidayAdjustments>>) {
    for (const [year, adj] of Object.entries(adjustmentsByYear ?? {})) this.setAdjustments(Number(year), adj);
  }

  /** Sets (or with undefined clears) a year's adjustments. Throws RangeError if invalid. */
  setAdjustments(year: number, adj: HolidayAdjustments | undefined): void {
    if (!Number.isInteger(year)) throw new RangeError(`Năm không hợp lệ: ${year}`);
    if (adj) {
      const problems = validateAdjustments(year, adj);
      if (problems.length > 0) {
        throw new RangeError(
          `Điều chỉnh lịch nghỉ năm ${year} không hợp lệ: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        );
      }
      this.adjustments.set(year, cloneAdjustments(adj));
    } else {
      this.adjustments.delete(year);
    }
    this.cache.delete(year);
  }

  adjustmentsOf(year: number): HolidayAdjustments | undefined {
    const adj = this.adjustments.get(year);
    return adj ? cloneAdjustments(adj) : undefined;
  }

  /** Days off of a year (holidays, compensatory and custom days), in date order. */
  holidays(year: number): readonly Holiday[] {
    return this.year(year).holidays;
  }

  /** The day off on `date`, if any. */
  holidayOn(date: string): Holiday | undefined {
    return this.year(parseYmd(date).year).byDate.get(date);
  }

  isWorkingDay(date: string): boolean {
    const data = this.year(parseYmd(date).year);
    if (data.workdays.has(date)) return true;
    if (data.byDate.has(date)) return false;
    return !isWeekend(date);
  }

  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Số ngày làm việc phải là số nguyên không âm: ${n}`);
    let jdn = ymdToJdn(from);
    // A year has at least ~200 working days; this bound only stops a calendar an
    // administrator has filled with days off from looping for ever.
    const limit = jdn + n * 7 + 3660;
    let counted = 0;
    while (counted < n) {
      jdn++;
      if (jdn > limit) throw new RangeError(`Không tìm được ${n} ngày làm việc sau ngày ${from}`);
      if (this.isWorkingDay(jdnToYmd(jdn))) counted++;
    }
    return jdnToYmd(jdn);
  }

  workingDaysBetween(a: string, b: string): number {
    const ja = ymdToJdn(a);
    const jb = ymdToJdn(b);
    if (jb < ja) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let j = ja + 1; j <= jb; j++) if (this.isWorkingDay(jdnToYmd(j))) count++;
    return count;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** `date` itself if it is a working day, otherwise the next working day. */
  workingDayOnOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  private year(year: number): YearData {
    const cached = this.cache.get(year);
    if (cached) return cached;
    const adj = this.adjustments.get(year);
    const holidays = Object.freeze(holidaysOf(year, adj).map((h) => Object.freeze(h)));
    const data: YearData = {
      holidays,
      byDate: new Map(holidays.map((h) => [h.date, h])),
      workdays: new Set(adj?.workdays ?? []),
    };
    this.cache.set(year, data);
    return data;
  }
}

function cloneAdjustments(adj: HolidayAdjustments): HolidayAdjustments {
  const out: HolidayAdjustments = {};
  if (adj.add) out.add = adj.add.map((a) => ({ date: a.date, name: a.name }));
  if (adj.remove) out.remove = [...adj.remove];
  if (adj.workdays) out.workdays = [...adj.workdays];
  if (adj.rules) out.rules = { ...adj.rules };
  return out;
}

export function isWorkingDay(date: string, cal: WorkingCalendar): boolean {
  return cal.isWorkingDay(date);
}

/** The date `n` working days after `from` (`from` not counted; n = 0 → from). */
export function addWorkingDays(from: string, n: number, cal: WorkingCalendar): string {
  return cal.addWorkingDays(from, n);
}

/** Working days d with a < d ≤ b (negative if b < a). */
export function workingDaysBetween(a: string, b: string, cal: WorkingCalendar): number {
  return cal.workingDaysBetween(a, b);
}

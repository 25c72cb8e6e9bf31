/**
 * Working days with the administrator's adjustments (stored per year in the database)
 * over the statutory calendar of src/shared/calendar.
 */
import { WorkingCalendar, validateAdjustments, type Holiday, type HolidayAdjustments } from '../../shared/calendar/index.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { fromVietnameseDate, isValidDate, toVnIso } from '../../shared/text/dates.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { Repositories, Store } from '../store/ports.js';

/** A date argument, ISO or typed the Vietnamese way (dd/mm/yyyy). */
export function checkDateArg(field: string, v: unknown): string {
  const s = typeof v === 'string' ? fromVietnameseDate(v) : null;
  if (s === null || !isValidDate(s)) throw new AppFailure(makeError('invalid_date', { field }));
  return s;
}

/** A calendar loaded with the adjustments of the years around `date` (inside a transaction or read). */
export async function calendarFor(repos: Repositories, years: number[]): Promise<WorkingCalendar> {
  const cal = new WorkingCalendar();
  for (const y of new Set(years)) {
    const adj = (await repos.workflow.calendarAdjustments(y)) as HolidayAdjustments | null;
    if (adj) cal.setAdjustments(y, adj);
  }
  return cal;
}

export class CalendarService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The date N working days after `from` (which is not counted). */
  async addWorkingDays(from: unknown, days: unknown): Promise<{ from: string; days: number; date: string }> {
    const start = checkDateArg('from', from);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 1000) {
      throw new AppFailure(makeError('invalid_number', { field: 'days', params: { min: 0, max: 1000 } }));
    }
    const y = Number(start.slice(0, 4));
    const cal = await this.store.read((r) => calendarFor(r, [y, y + 1, y + 2, y + 3]));
    return { from: start, days, date: cal.addWorkingDays(start, days) };
  }

  async holidays(year: unknown): Promise<{ year: number; days: Holiday[] }> {
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2199) {
      throw new AppFailure(makeError('invalid_number', { field: 'year', params: { min: 1900, max: 2199 } }));
    }
    const cal = await this.store.read((r) => calendarFor(r, [year]));
    return { year, days: [...cal.holidays(year)] };
  }

  /** Sets a year's adjustments (extra days off, removed days, Saturdays worked, rule overrides). */
  async adjust(year: number, adjustments: unknown, actor: string): Promise<{ year: number; days: Holiday[] }> {
    const adj = (adjustments ?? {}) as HolidayAdjustments;
    const problems = validateAdjustments(year, adj);
    if (problems.length) {
      const errors = problems.map((p) => ({ code: p.code, field: p.field, message: p.message }));
      throw new AppFailure(errors[0]!, errors);
    }
    const at = toVnIso(this.clock());
    await this.store.write(async (repos) => {
      const old = await repos.workflow.calendarAdjustments(year);
      await repos.workflow.setCalendarAdjustments(year, adj);
      await appendAudit(repos, at, { actor, action: 'calendar_adjust', entity: 'calendar', entityId: year, data: { old, new: adj } });
    });
    return this.holidays(year);
  }
}

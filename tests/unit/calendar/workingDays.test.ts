import { describe, expect, it } from 'vitest';
import { WorkingCalendar, addWorkingDays, isWorkingDay, workingDaysBetween } from '../../../src/shared/calendar/workingDays.js';
import { addDays, weekdayName } from '../../../src/shared/calendar/dates.js';

const cal = new WorkingCalendar();

describe('isWorkingDay', () => {
  it('weekdays work, weekends and holidays do not', () => {
    expect(isWorkingDay('2026-02-13', cal)).toBe(true); // Friday before Tết
    expect(isWorkingDay('2026-02-14', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-02-16', cal)).toBe(false); // 29 tháng Chạp
    expect(isWorkingDay('2026-02-20', cal)).toBe(false); // mùng 4
    expect(isWorkingDay('2026-02-23', cal)).toBe(true); // Monday after Tết
    expect(isWorkingDay('2026-04-27', cal)).toBe(false); // nghỉ bù Giỗ Tổ
    expect(cal.holidayOn('2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(cal.holidayOn('2026-04-28')).toBeUndefined();
  });
});

describe('addWorkingDays', () => {
  it('a document arriving the Friday before Tết 2026 with 1 working day is due Monday 23/2', () => {
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-23');
    expect(weekdayName('2026-02-23')).toBe('Thứ Hai');
  });

  it('counts across Tết and both weekends', () => {
    expect(addWorkingDays('2026-02-11', 3, cal)).toBe('2026-02-23'); // Thu 12, Fri 13, Mon 23
    expect(addWorkingDays('2026-02-13', 5, cal)).toBe('2026-02-27');
    expect(addWorkingDays('2026-02-17', 1, cal)).toBe('2026-02-23'); // arriving on mùng 1
  });

  it('counts across Giỗ Tổ, its compensatory day, 30/4 and 1/5', () => {
    expect(addWorkingDays('2026-04-24', 1, cal)).toBe('2026-04-28');
    expect(addWorkingDays('2026-04-24', 3, cal)).toBe('2026-05-04');
  });

  it('does not count the arrival day; n = 0 gives the arrival day itself', () => {
    expect(addWorkingDays('2026-03-09', 1, cal)).toBe('2026-03-10');
    expect(addWorkingDays('2026-03-07', 1, cal)).toBe('2026-03-09'); // arrived on a Saturday
    expect(addWorkingDays('2026-03-09', 0, cal)).toBe('2026-03-09');
    expect(addWorkingDays('2026-02-16', 0, cal)).toBe('2026-02-16');
    expect(addWorkingDays('2026-03-02', 10, cal)).toBe('2026-03-16'); // two ordinary weeks
  });

  it('crosses the new year', () => {
    expect(addWorkingDays('2025-12-31', 1, cal)).toBe('2026-01-02');
    expect(addWorkingDays('2026-12-31', 1, cal)).toBe('2027-01-04'); // Fri 1/1/2027 off, weekend
  });

  it('refuses negative, fractional counts and malformed dates', () => {
    expect(() => addWorkingDays('2026-03-09', -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-09', 1.5, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('09/03/2026', 1, cal)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('2026 has 250 working days (261 weekdays − 11 weekday holidays)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal)).toBe(250);
  });

  it('counts days after a up to and including b, negative backwards', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-23', cal)).toBe(1);
    expect(workingDaysBetween('2026-02-13', '2026-02-22', cal)).toBe(0);
    expect(workingDaysBetween('2026-02-23', '2026-02-13', cal)).toBe(-1);
    expect(workingDaysBetween('2026-03-09', '2026-03-09', cal)).toBe(0);
  });

  it('is the inverse of addWorkingDays, and every due date is a working day', () => {
    for (let from = '2025-12-20'; from <= '2026-12-31'; from = addDays(from, 3)) {
      for (const n of [0, 1, 2, 5, 10, 15, 30]) {
        const due = addWorkingDays(from, n, cal);
        expect(workingDaysBetween(from, due, cal), `${from} + ${n}`).toBe(n);
        if (n > 0) expect(isWorkingDay(due, cal), `${from} + ${n} = ${due}`).toBe(true);
      }
    }
  });
});

describe('WorkingCalendar with adjustments', () => {
  it('a swapped day off and a Saturday worked in exchange (làm bù) change the deadlines', () => {
    const c = new WorkingCalendar({
      2026: { add: [{ date: '2026-01-02', name: 'Nghỉ hoán đổi (Tết Dương lịch)' }], workdays: ['2026-01-10'] },
    });
    expect(c.isWorkingDay('2026-01-02')).toBe(false);
    expect(c.isWorkingDay('2026-01-10')).toBe(true); // Saturday
    expect(c.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(c.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    expect(c.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(250);
    // the default calendar is untouched
    expect(cal.isWorkingDay('2026-01-02')).toBe(true);
  });

  it('setAdjustments replaces the cached year; clearing restores the statutory calendar', () => {
    const c = new WorkingCalendar();
    expect(c.addWorkingDays('2026-06-11', 1)).toBe('2026-06-12');
    c.setAdjustments(2026, { add: [{ date: '2026-06-12', name: 'Ngày nghỉ theo quyết định của UBND tỉnh' }] });
    expect(c.addWorkingDays('2026-06-11', 1)).toBe('2026-06-15');
    expect(c.holidays(2026).find((h) => h.date === '2026-06-12')?.kind).toBe('custom');
    c.setAdjustments(2026, undefined);
    expect(c.addWorkingDays('2026-06-11', 1)).toBe('2026-06-12');
  });

  it('removing a holiday makes it a working day; workdays override a holiday too', () => {
    const c = new WorkingCalendar({ 2026: { remove: ['2026-04-27'], workdays: ['2026-09-01'] } });
    expect(c.isWorkingDay('2026-04-27')).toBe(true);
    expect(c.isWorkingDay('2026-09-01')).toBe(true);
    expect(c.holidayOn('2026-09-01')).toBeUndefined();
  });

  it('refuses invalid adjustments when they are set', () => {
    const c = new WorkingCalendar();
    expect(() => c.setAdjustments(2026, { workdays: ['2025-12-27'] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ 2026: { add: [{ date: '2026-13-01', name: 'x' }] } })).toThrow(RangeError);
  });

  it('keeps its own copy of the adjustments', () => {
    const adj = { add: [{ date: '2026-06-12', name: 'Nghỉ' }] };
    const c = new WorkingCalendar({ 2026: adj });
    adj.add[0]!.date = '2026-06-15';
    expect(c.isWorkingDay('2026-06-12')).toBe(false);
    expect(c.isWorkingDay('2026-06-15')).toBe(true);
  });
});

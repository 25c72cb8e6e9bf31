import { describe, expect, it } from 'vitest';
import { dateFromJdn, jdnFromDate, leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from '../../../src/shared/calendar/lunar.js';

const ymd = (s: string) => s.split('-').map(Number) as [number, number, number];
const toLunar = (s: string, tz?: number) => solarToLunar(...ymd(s), tz);

describe('Tết Nguyên đán (1/1 âm lịch) in Vietnam', () => {
  const tet: Record<number, string> = {
    1985: '1985-01-21',
    2000: '2000-02-05',
    2007: '2007-02-17',
    2020: '2020-01-25',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
  };
  for (const [year, date] of Object.entries(tet)) {
    it(`Tết ${year} is ${date}`, () => {
      expect(lunarToSolar(Number(year), 1, 1)).toBe(date);
      expect(toLunar(date)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
      // and the day before still belongs to the previous lunar year, month 12
      const eve = dateFromJdn(jdnFromDate(...ymd(date)) - 1);
      expect(solarToLunar(eve.year, eve.month, eve.day)).toMatchObject({ year: Number(year) - 1, month: 12 });
    });
  }

  it('is computed at UTC+7: 1985, 2007 and 1968 differ from the UTC+8 (Chinese) calendar', () => {
    expect(lunarToSolar(1985, 1, 1)).toBe('1985-01-21');
    expect(lunarToSolar(1985, 1, 1, false, 8)).toBe('1985-02-20');
    expect(lunarToSolar(2007, 1, 1, false, 8)).toBe('2007-02-18');
    // Tết Mậu Thân: 29 January 1968 in the North (UTC+7), 30 January in the South (then UTC+8)
    expect(lunarToSolar(1968, 1, 1)).toBe('1968-01-29');
    expect(lunarToSolar(1968, 1, 1, false, 8)).toBe('1968-01-30');
  });

  it('the lunar year 2025 (Ất Tỵ) ends on 2026-02-16, the 29th of tháng Chạp', () => {
    expect(toLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(lunarMonthLength(2025, 12)).toBe(29);
    expect(() => lunarToSolar(2025, 12, 30)).toThrow(RangeError);
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('%i → %s', (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toBe(date);
    expect(toLunar(date)).toEqual({ year, month: 3, day: 10, leap: false });
  });
});

describe('leap months (tháng nhuận)', () => {
  it('2023 has a leap 2nd month, 2025 a leap 6th, 2020 a leap 4th, 2024 and 2026 none', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2024)).toBe(0);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2026)).toBe(0);
  });

  it('distinguishes a month from its leap repetition', () => {
    expect(lunarToSolar(2023, 2, 1)).toBe('2023-02-20');
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(lunarToSolar(2023, 3, 1)).toBe('2023-04-20');
    expect(toLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(toLunar('2023-03-21')).toEqual({ year: 2023, month: 2, day: 30, leap: false });

    expect(lunarToSolar(2025, 6, 1)).toBe('2025-06-25');
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(toLunar('2025-08-23')).toEqual({ year: 2025, month: 7, day: 1, leap: false });
  });

  it('handles a leap month at the end of the year (2033: leap 11th month)', () => {
    expect(leapMonthOf(2033)).toBe(11);
    expect(toLunar('2033-12-22')).toEqual({ year: 2033, month: 11, day: 1, leap: true });
    expect(lunarToSolar(2033, 11, 1, true)).toBe('2033-12-22');
    expect(lunarToSolar(2034, 1, 1)).toBe('2034-02-19');
  });

  it('refuses a leap month the year does not have, and impossible dates', () => {
    expect(() => lunarToSolar(2024, 2, 1, true)).toThrow(/không có tháng 2 nhuận/);
    expect(() => lunarToSolar(2023, 3, 1, true)).toThrow(RangeError);
    expect(() => lunarToSolar(2026, 13, 1)).toThrow(RangeError);
    expect(() => lunarToSolar(2026, 1, 31)).toThrow(RangeError);
    expect(() => solarToLunar(2026, 2, 30)).toThrow(RangeError);
    expect(() => solarToLunar(2300, 1, 1)).toThrow(RangeError);
  });
});

describe('structure over 1900–2199', () => {
  it('every day round-trips and consecutive days form months of 29/30 days, years of 12/13 months', () => {
    const first = jdnFromDate(1900, 1, 31); // Tết Canh Tý 1900
    const last = jdnFromDate(2199, 12, 31);
    let prev = solarToLunar(1900, 1, 31);
    expect(prev).toEqual({ year: 1900, month: 1, day: 1, leap: false });
    let monthsInYear = 1;
    let leapsInYear = 0;
    for (let j = first; j <= last; j++) {
      const d = dateFromJdn(j);
      const l = solarToLunar(d.year, d.month, d.day);
      const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
      if (lunarToSolar(l.year, l.month, l.day, l.leap) !== iso) {
        throw new Error(`round trip failed for ${iso}: ${JSON.stringify(l)}`);
      }
      if (j === first) continue;
      if (l.day === prev.day + 1) {
        if (l.month !== prev.month || l.leap !== prev.leap || l.year !== prev.year) throw new Error(`bad step at ${iso}`);
      } else {
        if (l.day !== 1 || (prev.day !== 29 && prev.day !== 30)) throw new Error(`bad month length before ${iso}`);
        const nextMonth = l.leap ? prev.month : (prev.month % 12) + 1;
        if (l.month !== nextMonth || (l.leap && prev.leap)) throw new Error(`bad month sequence at ${iso}`);
        if (l.month === 1 && !l.leap) {
          if (l.year !== prev.year + 1) throw new Error(`bad year change at ${iso}`);
          if (monthsInYear !== 12 + leapsInYear || leapsInYear > 1) {
            throw new Error(`lunar year ${prev.year} has ${monthsInYear} months, ${leapsInYear} leap`);
          }
          monthsInYear = 0;
          leapsInYear = 0;
        } else if (l.year !== prev.year) throw new Error(`year changed outside Tết at ${iso}`);
        monthsInYear++;
        if (l.leap) leapsInYear++;
      }
      prev = l;
    }
    expect(prev).toEqual({ year: 2199, month: 11, day: 14, leap: false }); // 2199-12-31
  });

  it('Tết always falls between 21 January and 20 February', () => {
    for (let y = 1900; y <= 2199; y++) {
      const t = lunarToSolar(y, 1, 1).slice(5);
      expect(t >= '01-21' && t <= '02-20', `${y}: ${t}`).toBe(true);
    }
  });
});

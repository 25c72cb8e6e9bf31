import { describe, expect, it } from 'vitest';
import { holidaysOf, nationalDayAdjacent, validateAdjustments, type Holiday } from '../../../src/shared/calendar/holidays.js';
import { isWeekend, weekdayName } from '../../../src/shared/calendar/dates.js';

const brief = (hs: Holiday[]) => hs.map((h) => `${h.date} ${h.kind} ${h.name}`);

describe('holidays of 2026', () => {
  const h2026 = holidaysOf(2026);

  it('lists every day off with its Vietnamese name, in date order', () => {
    expect(brief(h2026)).toEqual([
      '2026-01-01 holiday Tết Dương lịch',
      '2026-02-16 holiday Tết Nguyên đán',
      '2026-02-17 holiday Tết Nguyên đán',
      '2026-02-18 holiday Tết Nguyên đán',
      '2026-02-19 holiday Tết Nguyên đán',
      '2026-02-20 holiday Tết Nguyên đán',
      '2026-04-26 holiday Giỗ Tổ Hùng Vương',
      '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
      '2026-04-30 holiday Ngày Chiến thắng',
      '2026-05-01 holiday Ngày Quốc tế Lao động',
      '2026-09-01 holiday Quốc khánh',
      '2026-09-02 holiday Quốc khánh',
    ]);
  });

  it('Tết Bính Ngọ runs from 29 tháng Chạp (Mon 16/2) to mùng 4 (Fri 20/2), no weekend day so no nghỉ bù', () => {
    const tet = h2026.filter((h) => h.name === 'Tết Nguyên đán');
    expect(tet.map((h) => h.note)).toEqual([
      '29 tháng Chạp',
      'mùng 1 tháng Giêng',
      'mùng 2 tháng Giêng',
      'mùng 3 tháng Giêng',
      'mùng 4 tháng Giêng',
    ]);
    expect(tet.map((h) => weekdayName(h.date))).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu']);
  });

  it('Giỗ Tổ on Sunday 26/4 is compensated on Monday 27/4', () => {
    expect(weekdayName('2026-04-26')).toBe('Chủ nhật');
    expect(h2026.find((h) => h.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      kind: 'compensatory',
      note: 'bù cho ngày 26/04/2026 (Chủ nhật)',
    });
  });

  it('30/4 (Thursday), 1/5 (Friday) and 2/9 (Wednesday) need no compensation', () => {
    expect([weekdayName('2026-04-30'), weekdayName('2026-05-01'), weekdayName('2026-09-02')]).toEqual(['Thứ Năm', 'Thứ Sáu', 'Thứ Tư']);
    expect(h2026.filter((h) => h.kind === 'compensatory')).toHaveLength(1);
  });
});

describe('compensatory days (nghỉ bù)', () => {
  it('2023: Giỗ Tổ on Saturday and 30/4 on Sunday give Tuesday 2/5 and Wednesday 3/5 (1/5 is itself a holiday)', () => {
    const h = holidaysOf(2023).filter((x) => x.date >= '2023-04-29' && x.date <= '2023-05-03');
    expect(brief(h)).toEqual([
      '2023-04-29 holiday Giỗ Tổ Hùng Vương',
      '2023-04-30 holiday Ngày Chiến thắng',
      '2023-05-01 holiday Ngày Quốc tế Lao động',
      '2023-05-02 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
      '2023-05-03 compensatory Nghỉ bù Ngày Chiến thắng',
    ]);
  });

  it('2023: Quốc khánh on Saturday → 1/9 (Friday) as the adjacent day and Monday 4/9 off', () => {
    const h = holidaysOf(2023).filter((x) => x.date.startsWith('2023-09'));
    expect(brief(h)).toEqual([
      '2023-09-01 holiday Quốc khánh',
      '2023-09-02 holiday Quốc khánh',
      '2023-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
  });

  it('2024: Tết days on Saturday and Sunday push two compensatory days after mùng 4', () => {
    const h = holidaysOf(2024).filter((x) => x.date.startsWith('2024-02'));
    expect(brief(h)).toEqual([
      '2024-02-09 holiday Tết Nguyên đán',
      '2024-02-10 holiday Tết Nguyên đán',
      '2024-02-11 holiday Tết Nguyên đán',
      '2024-02-12 holiday Tết Nguyên đán',
      '2024-02-13 holiday Tết Nguyên đán',
      '2024-02-14 compensatory Nghỉ bù Tết Nguyên đán',
      '2024-02-15 compensatory Nghỉ bù Tết Nguyên đán',
    ]);
  });

  it('every year 1900–2199 has the 11 statutory days, and each one on a weekend is compensated on a weekday', () => {
    for (let y = 1900; y <= 2199; y++) {
      const hs = holidaysOf(y);
      const dates = hs.map((h) => h.date);
      expect(new Set(dates).size, `${y}: duplicate dates`).toBe(dates.length);
      expect([...dates].sort(), `${y}: order`).toEqual(dates);
      expect(
        dates.every((d) => d.startsWith(`${y}-`)),
        `${y}: outside the year`,
      ).toBe(true);
      const statutory = hs.filter((h) => h.kind === 'holiday');
      const comp = hs.filter((h) => h.kind === 'compensatory');
      // Giỗ Tổ can coincide with 30/4 (1947): one date then carries two holidays.
      const statutoryCount = statutory.reduce((n, h) => n + h.name.split('; ').length, 0);
      expect(statutoryCount, `${y}: statutory days`).toBe(11);
      const owed = statutory.reduce((n, h) => n + (isWeekend(h.date) ? h.name.split('; ').length : h.name.split('; ').length - 1), 0);
      expect(comp.length, `${y}: compensatory days`).toBe(owed);
      expect(
        comp.every((h) => !isWeekend(h.date)),
        `${y}: compensatory on a weekend`,
      ).toBe(true);
    }
  });

  it('1947: Giỗ Tổ falls on 30/4 — one date, both names, and a compensatory day', () => {
    const h = holidaysOf(1947).filter((x) => x.date >= '1947-04-30' && x.date <= '1947-05-02');
    expect(brief(h)).toEqual([
      '1947-04-30 holiday Giỗ Tổ Hùng Vương; Ngày Chiến thắng',
      '1947-05-01 holiday Ngày Quốc tế Lao động',
      '1947-05-02 compensatory Nghỉ bù Ngày Chiến thắng',
    ]);
  });
});

describe('the day adjacent to Quốc khánh', () => {
  it.each([
    [2021, 'Thứ Năm', '2021-09-03'],
    [2022, 'Thứ Sáu', '2022-09-01'],
    [2023, 'Thứ Bảy', '2023-09-01'],
    [2024, 'Thứ Hai', '2024-09-03'],
    [2025, 'Thứ Ba', '2025-09-01'],
    [2026, 'Thứ Tư', '2026-09-01'],
    [2029, 'Chủ nhật', '2029-09-03'],
  ])('%i: 2/9 is %s → %s', (year, weekday, adjacent) => {
    expect(weekdayName(`${year}-09-02`)).toBe(weekday);
    expect(nationalDayAdjacent(year)).toBe(adjacent);
  });

  it('2029: 2/9 on Sunday → 3/9 adjacent and Tuesday 4/9 compensatory', () => {
    expect(brief(holidaysOf(2029).filter((x) => x.date.startsWith('2029-09')))).toEqual([
      '2029-09-02 holiday Quốc khánh',
      '2029-09-03 holiday Quốc khánh',
      '2029-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
  });
});

describe("an administrator's adjustments", () => {
  it('adds a swapped day off and declares the Saturday worked in exchange as not a day off', () => {
    const h = holidaysOf(2026, {
      add: [{ date: '2026-01-02', name: 'Nghỉ hoán đổi (Tết Dương lịch)' }],
      workdays: ['2026-01-10'],
    });
    expect(brief(h).slice(0, 3)).toEqual([
      '2026-01-01 holiday Tết Dương lịch',
      '2026-01-02 custom Nghỉ hoán đổi (Tết Dương lịch)',
      '2026-02-16 holiday Tết Nguyên đán',
    ]);
  });

  it('removing a statutory day also removes the compensation it would have given', () => {
    const h = holidaysOf(2026, { remove: ['2026-04-26'] });
    expect(h.some((x) => x.date === '2026-04-26' || x.date === '2026-04-27')).toBe(false);
    expect(h).toHaveLength(10);
  });

  it('a compensatory day can be removed on its own', () => {
    const h = holidaysOf(2026, { remove: ['2026-04-27'] });
    expect(brief(h).filter((x) => x.startsWith('2026-04-2'))).toEqual(['2026-04-26 holiday Giỗ Tổ Hùng Vương']);
  });

  it('compensation moves past a custom day off and past a declared working day', () => {
    const h = holidaysOf(2026, { add: [{ date: '2026-04-27', name: 'Ngày nghỉ của tỉnh' }], workdays: ['2026-04-28'] });
    expect(brief(h).filter((x) => x >= '2026-04-26' && x < '2026-04-30')).toEqual([
      '2026-04-26 holiday Giỗ Tổ Hùng Vương',
      '2026-04-27 custom Ngày nghỉ của tỉnh',
      '2026-04-29 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
    ]);
  });

  it('an added date that is already a holiday keeps the statutory entry', () => {
    const h = holidaysOf(2026, { add: [{ date: '2026-04-30', name: 'Trùng' }] });
    expect(h.find((x) => x.date === '2026-04-30')).toMatchObject({ name: 'Ngày Chiến thắng', kind: 'holiday' });
  });

  it('rules: Tết starting two days before mùng 1 reproduces the 2021 schedule (10/2–16/2)', () => {
    const h = holidaysOf(2021, { rules: { tetDaysBefore: 2 } }).filter((x) => x.date.startsWith('2021-02'));
    expect(brief(h)).toEqual([
      '2021-02-10 holiday Tết Nguyên đán',
      '2021-02-11 holiday Tết Nguyên đán',
      '2021-02-12 holiday Tết Nguyên đán',
      '2021-02-13 holiday Tết Nguyên đán',
      '2021-02-14 holiday Tết Nguyên đán',
      '2021-02-15 compensatory Nghỉ bù Tết Nguyên đán',
      '2021-02-16 compensatory Nghỉ bù Tết Nguyên đán',
    ]);
    expect(h[0]!.note).toBe('29 tháng Chạp');
  });

  it("rules: Quốc khánh's adjacent day and compensation can be chosen", () => {
    const after = holidaysOf(2026, { rules: { nationalDayExtra: 'after' } }).filter((x) => x.date.startsWith('2026-09'));
    expect(after.map((x) => x.date)).toEqual(['2026-09-02', '2026-09-03']);
    expect(holidaysOf(2026, { rules: { compensate: false } }).some((x) => x.kind === 'compensatory')).toBe(false);
  });

  it('refuses dates outside the year, malformed dates and nameless days, with the field named', () => {
    const problems = validateAdjustments(2026, {
      add: [
        { date: '2025-12-31', name: 'x' },
        { date: '2026-02-30', name: ' ' },
      ],
      remove: ['26/04/2026'],
      workdays: ['2026-01-10'],
      rules: { tetDays: 0 },
    });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'add[0].date:wrong_year',
      'add[1].date:invalid_date',
      'add[1].name:name_required',
      'remove[0]:invalid_date',
      'rules.tetDays:invalid_rule',
    ]);
    expect(() => holidaysOf(2026, { remove: ['2027-01-01'] })).toThrow(/không thuộc năm 2026/);
  });
});

/**
 * Vietnamese lunisolar calendar (âm lịch) ↔ Gregorian calendar.
 *
 * The method is the astronomical one published by Hồ Ngọc Đức ("Âm lịch Việt Nam"),
 * re-implemented here from its principles:
 *
 *  1. A lunar month begins on the civil day (local time) that contains the true new moon.
 *  2. Month 11 is the month that contains the winter solstice (sun longitude 270°).
 *  3. Between two consecutive months 11 there are 12 or 13 months. With 13, one of them is
 *     a leap month (tháng nhuận): the first month, counting from the one after month 11,
 *     during which the sun enters no new 30° sector of longitude (it contains no "trung
 *     khí", the major solar terms at 0°, 30°, …, 330°). It takes the number of the month
 *     before it.
 *  4. Month 1 (tháng Giêng) and the lunar year begin two (or three, with a leap 11/12)
 *     months after month 11.
 *
 * Everything is computed for a time zone: Vietnam uses UTC+7 (105°E), China UTC+8, which
 * is why the two calendars occasionally disagree. Example: the winter solstice of 1984 came
 * at about 16:23 UT on 21 December — late on the 21st in Vietnam, just after midnight on the
 * 22nd in China, the very day a new moon began a month. In China the solstice therefore lay
 * in the month starting 22 December (month 11), in Vietnam in the month starting 23 November.
 * China then had a leap 10th month in 1984 and Tết on 1985-02-20; Vietnam had its leap month
 * (2nd) in 1985 instead and Tết on 1985-01-21. `tz` is a parameter so tests can show this.
 *
 * Astronomy: true new moons and the solar longitude use truncated series from Jean Meeus,
 * "Astronomical Algorithms" (main periodic terms only), with a ΔT (TT − UT) polynomial —
 * the same precision as Hồ Ngọc Đức's published tables for 1800–2199. A new moon or a
 * solar term within minutes of local midnight is the only place where a more precise
 * ephemeris (or an official almanac) could land on the neighbouring day.
 *
 * Pure TypeScript, no Node or DOM imports: usable from main and renderer.
 */

/** Vietnam: UTC+7. */
export const VN_TIME_ZONE_HOURS = 7;

/** Years the conversions are supported and tested for. */
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2199;

export interface LunarDate {
  /** Lunar year: the Gregorian year in which its month 1 (Tết) falls. */
  year: number;
  /** 1–12 (1 = tháng Giêng, 12 = tháng Chạp). */
  month: number;
  /** 1–30. */
  day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before. */
  leap: boolean;
}

const RAD = Math.PI / 180;

/** Mean length of a synodic month (new moon to new moon), in days. */
const SYNODIC_MONTH = 29.530588853;

/**
 * Julian Day of the mean new moon numbered k = 0 in Meeus's count as shifted to start
 * at 1900-01-01 (about 13:51 UT). New moon number k falls near NEW_MOON_0 + k·SYNODIC_MONTH.
 */
const NEW_MOON_0 = 2415021.076998695;

// ---------------------------------------------------------------------------------------
// Julian day numbers (integer day count; JDN 2451545 = 2000-01-01)
// ---------------------------------------------------------------------------------------

/**
 * Julian day number of a calendar date. Gregorian from 1582-10-15 onward, Julian before
 * (only the Gregorian branch is used inside the supported range).
 */
export function jdnFromDate(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  if (jd < 2299161) {
    jd = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  }
  return jd;
}

/** Inverse of jdnFromDate. */
export function dateFromJdn(jd: number): { year: number; month: number; day: number } {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

// ---------------------------------------------------------------------------------------
// Astronomy
// ---------------------------------------------------------------------------------------

/**
 * Julian Day (UT, fractional) of the true new moon number k (k = 0 near 1900-01-01).
 * The mean phase plus the main periodic corrections from the Sun's anomaly M, the Moon's
 * anomaly M′ and the Moon's argument of latitude F; ΔT is subtracted to go from
 * dynamical time to universal time.
 */
function newMoonJd(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900-01-01
  const T2 = T * T;
  const T3 = T2 * T;
  const mean =
    2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * RAD;
  const Mp = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * RAD;
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * RAD;
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) +
    0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mp) +
    0.0161 * Math.sin(2 * Mp) -
    0.0004 * Math.sin(3 * Mp) +
    0.0104 * Math.sin(2 * F) -
    0.0051 * Math.sin(M + Mp) -
    0.0074 * Math.sin(M - Mp) +
    0.0004 * Math.sin(2 * F + M) -
    0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mp) +
    0.001 * Math.sin(2 * F - Mp) +
    0.0005 * Math.sin(2 * Mp + M);
  // ΔT in days: an old-epoch polynomial before ~800 AD, a modern one after.
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return mean + correction - deltaT;
}

/** JDN of the local civil day (in time zone tz hours) that contains new moon number k. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** Apparent-ish solar longitude in radians, [0, 2π), at Julian Day jd (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * RAD; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude, degrees
  const C = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) + (0.019993 - 0.000101 * T) * Math.sin(2 * M) + 0.00029 * Math.sin(3 * M); // equation of the centre
  const L = (L0 + C) * RAD;
  const twoPi = 2 * Math.PI;
  return L - twoPi * Math.floor(L / twoPi);
}

/**
 * The 30° sector (0–11) the sun is in at the start (local midnight) of civil day jdn.
 * Sector 9 starts at 270°, the winter solstice. A month whose first day and the next
 * month's first day are in the same sector contains no major solar term.
 */
function sunSector(jdn: number, tz: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Index k of the new moon that starts the lunar month beginning on civil day `startJdn`. */
function newMoonIndexOf(startJdn: number): number {
  return Math.round((startJdn - NEW_MOON_0) / SYNODIC_MONTH);
}

// ---------------------------------------------------------------------------------------
// Calendar structure
// ---------------------------------------------------------------------------------------

/**
 * First day (JDN) of month 11 of the lunar year that is current in December of Gregorian
 * year `year`, i.e. the month containing that December's winter solstice.
 */
function month11Start(year: number, tz: number): number {
  const dec31 = jdnFromDate(year, 12, 31);
  // The last new moon on or before 31 December…
  let k = Math.floor((dec31 - NEW_MOON_0) / SYNODIC_MONTH);
  while (newMoonDay(k + 1, tz) <= dec31) k++;
  while (newMoonDay(k, tz) > dec31) k--;
  let start = newMoonDay(k, tz);
  // …starts month 11 unless the solstice (270°, sector 9) had already passed at its first
  // day: then the solstice is in the previous month, which is month 11.
  if (sunSector(start, tz) >= 9) start = newMoonDay(k - 1, tz);
  return start;
}

/**
 * The run of months from month 11 of Gregorian year `year` (inclusive) to month 11 of
 * `year + 1` (exclusive): 12 or 13 months ("tuế"), with their numbers.
 */
interface Sui {
  /** new-moon index of the first month (month 11). */
  k0: number;
  /** JDN of each month's first day, plus the first day of the next month 11 at the end. */
  starts: number[];
  /** Offset (1–12) of the leap month within the run, or 0 if none. */
  leapOffset: number;
}

const suiCache = new Map<string, Sui>();

function suiOf(year: number, tz: number): Sui {
  const key = `${tz}:${year}`;
  const cached = suiCache.get(key);
  if (cached) return cached;
  const a11 = month11Start(year, tz);
  const b11 = month11Start(year + 1, tz);
  const k0 = newMoonIndexOf(a11);
  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const s = newMoonDay(k0 + i, tz);
    starts.push(s);
    if (s >= b11) break;
  }
  const months = starts.length - 1; // 12 or 13
  let leapOffset = 0;
  if (months === 13) {
    // The first month after month 11 without a major solar term is the leap month.
    for (let i = 1; i <= 12; i++) {
      if (sunSector(starts[i]!, tz) === sunSector(starts[i + 1]!, tz)) {
        leapOffset = i;
        break;
      }
    }
    // Astronomically there is always one; guard against a degenerate case anyway.
    if (leapOffset === 0) leapOffset = 12;
  }
  const sui = { k0, starts, leapOffset };
  if (suiCache.size > 2000) suiCache.clear();
  suiCache.set(key, sui);
  return sui;
}

/** Month number (1–12) and leap flag of the month at `offset` within a run. */
function monthAtOffset(sui: Sui, offset: number): { month: number; leap: boolean } {
  let n = offset;
  let leap = false;
  if (sui.leapOffset > 0 && offset >= sui.leapOffset) {
    n = offset - 1;
    leap = offset === sui.leapOffset;
  }
  return { month: ((10 + n) % 12) + 1, leap };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Năm ${year} nằm ngoài phạm vi lịch âm được hỗ trợ (${MIN_YEAR}–${MAX_YEAR})`);
  }
}

// ---------------------------------------------------------------------------------------
// Public conversions
// ---------------------------------------------------------------------------------------

/**
 * Gregorian date → Vietnamese lunar date.
 * `tz` defaults to UTC+7; pass 8 to get the Chinese calendar (for comparison only).
 */
export function solarToLunar(year: number, month: number, day: number, tz: number = VN_TIME_ZONE_HOURS): LunarDate {
  checkYear(year);
  checkSolarDate(year, month, day);
  const jdn = jdnFromDate(year, month, day);
  // The run containing the day starts at month 11 of this year if the day is on/after it,
  // otherwise at month 11 of the previous year.
  let suiYear = year;
  let sui = suiOf(suiYear, tz);
  if (jdn < sui.starts[0]!) {
    suiYear = year - 1;
    sui = suiOf(suiYear, tz);
  }
  let offset = 0;
  while (offset + 1 < sui.starts.length && sui.starts[offset + 1]! <= jdn) offset++;
  const { month: lunarMonth, leap } = monthAtOffset(sui, offset);
  // Months 11 and 12 at the start of the run still belong to lunar year `suiYear`;
  // from month 1 on it is lunar year suiYear + 1.
  const lunarYear = lunarMonth >= 11 && offset <= 2 ? suiYear : suiYear + 1;
  return { year: lunarYear, month: lunarMonth, day: jdn - sui.starts[offset]! + 1, leap };
}

/** Number of days (29 or 30) of a lunar month. Throws if the (leap) month does not exist. */
export function lunarMonthLength(lunarYear: number, lunarMonth: number, leap = false, tz: number = VN_TIME_ZONE_HOURS): number {
  const { sui, offset } = locateMonth(lunarYear, lunarMonth, leap, tz);
  return sui.starts[offset + 1]! - sui.starts[offset]!;
}

/** The leap month (1–12) of a lunar year, or 0 if it has none. */
export function leapMonthOf(lunarYear: number, tz: number = VN_TIME_ZONE_HOURS): number {
  checkYear(lunarYear);
  // Lunar year Y spans months 1–10 of the run starting in Y−1 and months 11–12 of the run
  // starting in Y.
  const early = suiOf(lunarYear - 1, tz);
  if (early.leapOffset > 0) {
    const m = monthAtOffset(early, early.leapOffset);
    if (m.month <= 10) return m.month;
  }
  const late = suiOf(lunarYear, tz);
  if (late.leapOffset > 0) {
    const m = monthAtOffset(late, late.leapOffset);
    if (m.month >= 11) return m.month;
  }
  return 0;
}

function locateMonth(lunarYear: number, lunarMonth: number, leap: boolean, tz: number): { sui: Sui; offset: number } {
  checkYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`Tháng âm lịch không hợp lệ: ${lunarMonth}`);
  }
  // Months 11 and 12 are at the start of the run beginning in December of lunarYear;
  // months 1–10 are in the run beginning in December of lunarYear − 1.
  const sui = suiOf(lunarMonth >= 11 ? lunarYear : lunarYear - 1, tz);
  let offset = (lunarMonth - 11 + 12) % 12;
  if (sui.leapOffset > 0) {
    const leapMonth = monthAtOffset(sui, sui.leapOffset).month;
    if (leap && leapMonth !== lunarMonth) {
      throw new RangeError(`Năm âm lịch ${lunarYear} không có tháng ${lunarMonth} nhuận`);
    }
    if (leap || offset >= sui.leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`Năm âm lịch ${lunarYear} không có tháng ${lunarMonth} nhuận`);
  }
  return { sui, offset };
}

/**
 * Vietnamese lunar date → Gregorian date as 'YYYY-MM-DD'.
 * Throws RangeError for a leap month the year does not have or a day beyond the month.
 */
export function lunarToSolar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
  tz: number = VN_TIME_ZONE_HOURS,
): string {
  const { sui, offset } = locateMonth(lunarYear, lunarMonth, leap, tz);
  const start = sui.starts[offset]!;
  const length = sui.starts[offset + 1]! - start;
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > length) {
    throw new RangeError(
      `Ngày âm lịch không hợp lệ: ${lunarDay}/${lunarMonth}${leap ? ' nhuận' : ''}/${lunarYear} (tháng có ${length} ngày)`,
    );
  }
  const d = dateFromJdn(start + lunarDay - 1);
  return formatYmd(d.year, d.month, d.day);
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

function checkSolarDate(year: number, month: number, day: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1) {
    throw new RangeError(`Ngày dương lịch không hợp lệ: ${year}-${month}-${day}`);
  }
  const jdn = jdnFromDate(year, month, day);
  const back = dateFromJdn(jdn);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`Ngày dương lịch không hợp lệ: ${year}-${month}-${day}`);
  }
}

function formatYmd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Vietnamese name of a lunar month: "Giêng", "Hai", …, "Một" (11), "Chạp" (12). */
export function lunarMonthName(month: number): string {
  const names = ['Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Một', 'Chạp'];
  const n = names[month - 1];
  if (!n) throw new RangeError(`Tháng âm lịch không hợp lệ: ${month}`);
  return n;
}

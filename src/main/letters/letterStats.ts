/**
 * Figures of letters and hotline feedback for a period: letters received in [from, to] by
 * kind and channel, and what became of them by the end of the period (an outcome given
 * after the period does not count in it); overdue judged on the period's last day, or
 * today while it runs. Counts only: never a name, and a denunciation's author least of all.
 */
import {
  HOTLINE_CAUSES,
  LETTER_CHANNELS,
  LETTER_KINDS,
  type HotlineFigures,
  type LetterFigures,
  type LetterStats,
} from '../../shared/domain/letters.js';
import { AppFailure } from '../../shared/result.js';
import { addDays, vnDate } from '../../shared/text/dates.js';
import type { Clock } from '../clock.js';
import type { HotlineFigureRow, LetterAccess, LetterFigureRow, PeriodQuery } from '../store/letterPorts.js';
import type { Repositories, Store } from '../store/ports.js';
import { checkDateArg } from '../workflow/calendarService.js';

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The period's bounds; a `to` before `from` is refused (coded, nothing read). */
export function periodOf(fromRaw: unknown, toRaw: unknown, today: string): PeriodQuery {
  const from = checkDateArg('from', fromRaw);
  const to = checkDateArg('to', toRaw);
  if (to < from) throw new AppFailure({ code: 'invalid_range', field: 'to', message: 'Kỳ báo cáo: đến ngày không được trước từ ngày.' });
  const dayAfter = addDays(to, 1);
  // Open and due before this day = overdue: the day after a past period, or today.
  return { from, to, dayAfter, asOf: to < today ? dayAfter : today };
}

export function letterFigures(rows: LetterFigureRow[]): LetterFigures {
  const f: LetterFigures = {
    received: 0,
    byKind: zero(LETTER_KINDS),
    byChannel: zero(LETTER_CHANNELS),
    pending: 0,
    accepted: 0,
    transferred: 0,
    guided: 0,
    filed: 0,
    returned: 0,
    answered: 0,
    anonymous: 0,
    duplicates: 0,
    overdue: 0,
    overdueProcessing: 0,
    overdueResolution: 0,
  };
  for (const r of rows) {
    f.received += r.n;
    f.byKind[r.kind] += r.n;
    f.byChannel[r.channel] += r.n;
    if (r.outcome) f[r.outcome] += r.n;
    else f.pending += r.n;
    if (r.answered) f.answered += r.n;
    if (r.anonymous) f.anonymous += r.n;
    if (r.duplicate) f.duplicates += r.n;
    if (r.overdueProcessing) f.overdueProcessing += r.n;
    if (r.overdueResolution) f.overdueResolution += r.n;
    if (r.overdueProcessing || r.overdueResolution) f.overdue += r.n;
  }
  return f;
}

export function hotlineFigures(rows: HotlineFigureRow[]): HotlineFigures {
  const f: HotlineFigures = {
    received: 0,
    forwarded: 0,
    answered: 0,
    closed: 0,
    handled: 0,
    overdue: 0,
    byCause: zero(HOTLINE_CAUSES),
    byUnit: [],
  };
  const units = new Map<string, { unit: string; name: string; n: number }>();
  for (const r of rows) {
    f.received += r.n;
    f.byCause[r.cause] += r.n;
    if (r.forwarded) f.forwarded += r.n;
    if (r.answered) f.answered += r.n;
    if (r.closed) f.closed += r.n;
    if (r.answered || r.closed) f.handled += r.n;
    if (r.overdue) f.overdue += r.n;
    const u = units.get(r.unit) ?? { unit: r.unit, name: r.unitName, n: 0 };
    u.n += r.n;
    units.set(r.unit, u);
  }
  f.byUnit = [...units.values()].sort((a, b) => b.n - a.n || a.unit.localeCompare(b.unit));
  return f;
}

/** The figures of the rows `access` lets the reader see (a specialist: their unit's). */
export async function readStats(repos: Repositories, q: PeriodQuery, access?: LetterAccess): Promise<LetterStats> {
  const [l, h] = [await repos.letters.figures(q, access), await repos.letters.hotlineFigures(q, access)];
  return {
    from: q.from,
    to: q.to,
    asOf: q.asOf > q.to ? q.to : q.asOf,
    letters: letterFigures(l),
    hotline: hotlineFigures(h),
  };
}

export class LetterStatsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async stats(p: { from: unknown; to: unknown }, access?: LetterAccess): Promise<LetterStats> {
    const q = periodOf(p.from, p.to, vnDate(this.clock()));
    return this.store.read((repos) => readStats(repos, q, access));
  }
}

/**
 * Statistics for a period and (optionally) a unit. Every figure is a count over records
 * (documents received by arrival date, their current lead assignment, tasks created in
 * the period), so the totals reconcile exactly with the lists they summarise:
 * - received: documents (not voided) that arrived in [from, to];
 * - assigned: of those, the ones with a lead unit; completed: the lead finished by `to`;
 * - completedOnTime: finished on or before the deadline;
 * - overdue: still open on `asOf` (the period's end, or today if earlier) and past the deadline;
 * - inProgress: still open and not yet past the deadline; assigned = completed + overdue + inProgress;
 * - onTimeRate = completedOnTime / completed.
 */
import { TASK_VIEW_STATUSES, type Report, type TaskViewStatus, type UnitFigures } from '../../shared/domain/workflow.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { addDays, parseInstant, toVnIso, vnDate } from '../../shared/text/dates.js';
import type { Clock } from '../clock.js';
import { sortKeyBase } from '../db/sqlite/sortKey.js';
import type { Store } from '../store/ports.js';
import { checkDateArg } from './calendarService.js';
import { unitIdOf } from './directoryService.js';
import { incomingVisibility, unitAsked, type Viewer } from '../accounts/visibility.js';

const rate = (onTime: number, completed: number) => (completed ? Math.round((onTime / completed) * 10_000) / 10_000 : null);

export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * With a viewer: documents they may not see are not counted (a clerk without the grant
   * gets figures without the confidential ones), and a specialist's report is their unit's.
   */
  async report(p: { from: unknown; to: unknown; unit?: string }, viewer?: Viewer): Promise<Report> {
    const from = checkDateArg('from', p.from);
    const to = checkDateArg('to', p.to);
    if (to < from) throw new AppFailure({ code: 'invalid_range', field: 'to', message: 'Đến ngày không được trước từ ngày.' });
    const today = vnDate(this.clock());
    // Open and due before this day = overdue: the day after a past period, or today.
    const asOf = to < today ? addDays(to, 1) : today;
    const dayAfter = addDays(to, 1);
    const asked = await unitAsked(this.store, toVnIso(this.clock()), viewer, p.unit, 'report.get');
    return this.store.read(async (repos) => {
      // A specialist without a unit: unit 0 (none), every figure zero.
      const unit = asked ? await unitIdOf(repos, asked) : asked === null ? { id: 0, code: null } : undefined;
      const f = await repos.workflow.reportFigures({
        fromKey: sortKeyBase(parseInstant(from)!),
        toKey: sortKeyBase(parseInstant(dayAfter)!),
        toEnd: dayAfter,
        asOf,
        unitId: unit?.id,
        from,
        to,
        visible: incomingVisibility(viewer),
      });
      // Keys in code-point order on both stores (PostgreSQL groups by hash, in no fixed order), so
      // the same report reads, exports and compares alike whichever store made it.
      const dim = (d: string) =>
        Object.fromEntries(
          f.byDim
            .filter((x) => x.dim === d)
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
            .map((x) => [x.key, x.n]),
        );
      const byUnit: UnitFigures[] = f.units.map((u) => ({ ...u, onTimeRate: rate(u.completedOnTime, u.completed) }));
      const sum = (k: 'assigned' | 'completed' | 'completedOnTime' | 'overdue' | 'inProgress') => byUnit.reduce((s, u) => s + u[k], 0);
      const tasks = Object.fromEntries(TASK_VIEW_STATUSES.map((s) => [s, 0])) as Record<TaskViewStatus, number> & { total: number };
      tasks.total = 0;
      for (const t of f.tasks) {
        tasks[t.status as TaskViewStatus] = t.n;
        tasks.total += t.n;
      }
      const receivedByType = dim('type');
      const completed = sum('completed');
      const completedOnTime = sum('completedOnTime');
      return {
        from,
        to,
        unit: unit?.code ?? null,
        // The day overdue is judged on: the end of `to`, or today while the period runs.
        asOf: to < today ? to : today,
        received: Object.values(receivedByType).reduce((s, n) => s + n, 0),
        receivedByType,
        receivedByChannel: dim('channel'),
        receivedByUrgency: dim('urgency'),
        assigned: sum('assigned'),
        completed,
        completedOnTime,
        overdue: sum('overdue'),
        inProgress: sum('inProgress'),
        onTimeRate: rate(completedOnTime, completed),
        byUnit,
        tasks,
      };
    });
  }
}

export function assertReportInput(p: { from?: unknown; to?: unknown }): void {
  if (!p.from) throw new AppFailure(makeError('required', { field: 'from' }));
  if (!p.to) throw new AppFailure(makeError('required', { field: 'to' }));
}

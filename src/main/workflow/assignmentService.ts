/**
 * The leader's direction of an incoming document (Decree 30 Art. 24, "Phiếu giải quyết
 * văn bản đến"): one lead unit ("chủ trì"), supporting units ("phối hợp"), a deadline per
 * unit, the direction text, who directed and when; then the units' progress. A new
 * direction replaces the current one but the old rows stay as history.
 */
import type { Assignment } from '../../shared/domain/workflow.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { addDays, parseInstant, toVnIso, vnDate } from '../../shared/text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { FollowUpRow, Repositories, Store } from '../store/ports.js';
import { calendarFor, checkDateArg } from './calendarService.js';
import { unitIdOf } from './directoryService.js';
import { hiddenById, incomingHidden, incomingVisibility, refuseHidden, unitAsked, type Viewer } from '../accounts/visibility.js';

export interface AssignInput {
  lead: string;
  support?: (string | { unit: string; due?: string })[];
  due?: string;
  dueWorkingDays?: number;
  direction?: string;
  at?: string;
}

export interface ProgressInput {
  unit: string;
  status: 'in_progress' | 'done';
  reply?: string;
  note?: string;
  at?: string;
}

function text(field: string, v: unknown, max: number): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || hasControlChars(v)) throw new AppFailure(makeError('control_chars', { field }));
  const s = tidySpaces(nfc(v));
  if (s.length > max) throw new AppFailure(makeError('too_long', { field, params: { max } }));
  return s;
}

export class AssignmentService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** When something happened: `at` if given (entering past work), else now; never in the future. */
  private when(at: unknown): number {
    if (at === undefined || at === null || at === '') return this.clock();
    const t = typeof at === 'string' ? parseInstant(at) : null;
    if (t === null) throw new AppFailure(makeError('invalid_datetime', { field: 'at' }));
    if (t > this.clock() + 60_000) throw new AppFailure(makeError('future_date', { field: 'at' }));
    return t;
  }

  private async document(repos: Repositories, id: number) {
    const doc = await repos.incoming.get(id);
    if (!doc) throw new AppFailure(makeError('not_found', { field: 'id' }));
    if (doc.status === 'voided') throw new AppFailure(makeError('voided'));
    return doc;
  }

  async assign(id: number, input: AssignInput, actor: string, viewer?: Viewer): Promise<Assignment[]> {
    // A document the caller may not see cannot be directed blindly by its id (refusal audited).
    if (viewer) await this.current(id, viewer, 'incoming.assign');
    const t = this.when(input.at);
    const at = toVnIso(t);
    const direction = text('direction', input.direction, 2000);
    if ((input.due === undefined) === (input.dueWorkingDays === undefined)) {
      throw new AppFailure({
        code: 'required',
        field: 'due',
        message: 'Cần đúng một trong hai: hạn giải quyết (--due) hoặc số ngày làm việc (--due-working-days).',
      });
    }
    if (
      input.dueWorkingDays !== undefined &&
      (!Number.isInteger(input.dueWorkingDays) || input.dueWorkingDays < 1 || input.dueWorkingDays > 365)
    ) {
      throw new AppFailure(makeError('invalid_number', { field: 'dueWorkingDays', params: { min: 1, max: 365 } }));
    }
    return this.store.write(async (repos) => {
      const doc = await this.document(repos, id);
      const arrivalDay = doc.arrivalDate.slice(0, 10);
      if (t < parseInstant(doc.arrivalDate)!)
        throw new AppFailure({ code: 'before_arrival', field: 'at', message: 'Thời điểm chỉ đạo không được trước khi văn bản đến.' });
      let due: string;
      if (input.dueWorkingDays !== undefined) {
        const y = Number(arrivalDay.slice(0, 4));
        const cal = await calendarFor(repos, [y, y + 1, y + 2]);
        due = cal.addWorkingDays(arrivalDay, input.dueWorkingDays);
      } else {
        due = checkDateArg('due', input.due);
      }
      if (due < arrivalDay) throw new AppFailure(makeError('due_before_arrival', { field: 'due' }));
      const lead = await unitIdOf(repos, input.lead, 'lead');
      const supports: { unitId: number; code: string; due: string }[] = [];
      for (const s of input.support ?? []) {
        const code = typeof s === 'string' ? s : s.unit;
        const u = await unitIdOf(repos, code, 'support');
        if (u.id === lead.id || supports.some((x) => x.unitId === u.id)) {
          throw new AppFailure({ code: 'duplicate_unit', field: 'support', message: `Đơn vị «${u.code}» đã có trong phân công.` });
        }
        const sDue = typeof s === 'string' || s.due === undefined ? due : checkDateArg('support', s.due);
        if (sDue < arrivalDay) throw new AppFailure(makeError('due_before_arrival', { field: 'support' }));
        supports.push({ unitId: u.id, code: u.code, due: sDue });
      }
      const previous = await repos.workflow.currentAssignments(id);
      if (previous.length) await repos.workflow.replaceCurrent(id, at);
      const rows = [
        { unitId: lead.id, code: lead.code, due, role: 'lead' as const },
        ...supports.map((s) => ({ ...s, role: 'support' as const })),
      ];
      for (const r of rows) {
        const newId = await repos.workflow.insertAssignment({
          documentId: id,
          unitId: r.unitId,
          role: r.role,
          dueDate: r.due,
          direction,
          directedBy: actor,
          assignedAt: at,
        });
        // A unit that keeps its role keeps its progress (an extension is not a restart).
        const kept = previous.find((p) => p.unit === r.code && p.role === r.role);
        if (kept && kept.status !== 'assigned') await repos.workflow.setProgress(newId, kept.status, kept.doneAt, kept.replySymbol);
      }
      const audit = await AuditWriter.begin(repos, at);
      const onlyDueChanged =
        previous.length === rows.length && previous.every((p) => rows.some((r) => r.code === p.unit && r.role === p.role));
      await audit.append({
        actor,
        action: previous.length ? (onlyDueChanged ? 'extend' : 'reassign') : 'assign',
        entity: 'incoming',
        entityId: id,
        data: {
          old: previous.map((p) => ({ unit: p.unit, role: p.role, dueDate: p.dueDate })),
          new: rows.map((r) => ({ unit: r.code, role: r.role, dueDate: r.due })),
          direction,
        },
      });
      await audit.finish();
      return repos.workflow.currentAssignments(id);
    });
  }

  /** With a viewer: only on a document they may see, and a specialist only for their own unit. */
  async progress(id: number, input: ProgressInput, actor: string, viewer?: Viewer): Promise<Assignment[]> {
    if (viewer) {
      await this.current(id, viewer);
      await unitAsked(
        this.store,
        toVnIso(this.clock()),
        viewer,
        typeof input.unit === 'string' ? input.unit : undefined,
        'incoming.progress',
      );
    }
    const t = this.when(input.at);
    const at = toVnIso(t);
    if (input.status !== 'in_progress' && input.status !== 'done') {
      throw new AppFailure(makeError('invalid_enum', { field: 'status', params: { value: String(input.status) } }));
    }
    const note = text('note', input.note, 2000);
    const reply = text('reply', input.reply, 42);
    return this.store.write(async (repos) => {
      await this.document(repos, id);
      const unit = await unitIdOf(repos, input.unit, 'unit');
      const current = await repos.workflow.currentAssignments(id);
      const mine = current.find((a) => a.unit === unit.code);
      if (!mine) {
        throw new AppFailure({
          code: 'not_assigned',
          field: 'unit',
          message: current.length ? `Đơn vị «${unit.code}» không được giao xử lý văn bản này.` : 'Văn bản chưa được giao cho đơn vị nào.',
        });
      }
      if (t < parseInstant(mine.assignedAt)!)
        throw new AppFailure({ code: 'before_assignment', field: 'at', message: 'Thời điểm báo cáo không được trước khi được giao.' });
      await repos.workflow.setProgress(mine.id, input.status, input.status === 'done' ? at : null, reply);
      await repos.workflow.addProgressNote({ assignmentId: mine.id, at, actor, status: input.status, note, replySymbol: reply });
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor,
        action: 'progress',
        entity: 'incoming',
        entityId: id,
        data: { unit: unit.code, old: { status: mine.status }, new: { status: input.status, reply }, note },
      });
      await audit.finish();
      return repos.workflow.currentAssignments(id);
    });
  }

  /**
   * A document's directions, current and past. With a viewer: refused (audited) when they
   * may not see the document; a specialist sees their own unit's rows only (as the row
   * policy on assignments shows them on PostgreSQL).
   */
  async current(id: number, viewer?: Viewer, method = 'incoming.assignments'): Promise<{ current: Assignment[]; history: Assignment[] }> {
    const r = await this.store.read(async (repos) => {
      const doc = await repos.incoming.get(id);
      // A mistyped number is "not found", not "no directions yet" (a voided one keeps its history);
      // one the person's own database connection hides is refused like one the app hides.
      const hidden = doc ? await incomingHidden(repos, viewer, doc) : await hiddenById(repos, viewer, { kind: 'incoming', id });
      if (!doc && !hidden) throw new AppFailure(makeError('not_found', { field: 'id' }));
      if (hidden) return { hidden, current: [] as Assignment[], history: [] as Assignment[] };
      return { hidden: null, current: await repos.workflow.currentAssignments(id), history: await repos.workflow.assignmentHistory(id) };
    });
    if (r.hidden) return refuseHidden(this.store, toVnIso(this.clock()), viewer!, { kind: 'incoming', id }, method, r.hidden);
    const unit = viewer?.onlyUnitId !== null && viewer?.onlyUnitId !== undefined ? viewer.onlyUnitCode : undefined;
    if (unit === undefined) return { current: r.current, history: r.history };
    return { current: r.current.filter((a) => a.unit === unit), history: r.history.filter((a) => a.unit === unit) };
  }

  /** Open assignments already past their deadline (as of today), optionally of one unit. */
  async overdue(p: { unit?: string; limit?: number }, viewer?: Viewer): Promise<FollowUpRow[]> {
    const today = vnDate(this.clock());
    const asked = await unitAsked(this.store, toVnIso(this.clock()), viewer, p.unit, 'followup.overdue');
    if (asked === null) return [];
    return this.store.read(async (repos) => {
      const unit = asked ? await unitIdOf(repos, asked) : undefined;
      return repos.workflow.openDueBefore(today, unit?.id, p.limit ?? 500, incomingVisibility(viewer));
    });
  }

  /** Open assignments due within the next N days (today included). */
  async dueSoon(p: { unit?: string; days?: number; limit?: number }, viewer?: Viewer): Promise<FollowUpRow[]> {
    const today = vnDate(this.clock());
    const days = p.days ?? 3;
    if (!Number.isInteger(days) || days < 0 || days > 365)
      throw new AppFailure(makeError('invalid_number', { field: 'days', params: { min: 0, max: 365 } }));
    const asked = await unitAsked(this.store, toVnIso(this.clock()), viewer, p.unit, 'followup.dueSoon');
    if (asked === null) return [];
    return this.store.read(async (repos) => {
      const unit = asked ? await unitIdOf(repos, asked) : undefined;
      return repos.workflow.openDueBetween(today, addDays(today, days), unit?.id, p.limit ?? 500, incomingVisibility(viewer));
    });
  }
}

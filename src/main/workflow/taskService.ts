/** Tasks ("nhiệm vụ được giao"): from an incoming document or standalone (meeting conclusions). */
import { TASK_STATUSES, TASK_VIEW_STATUSES, type Task, type TaskStatus, type TaskViewStatus } from '../../shared/domain/workflow.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import { isValidDate, toVnIso, vnDate } from '../../shared/text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { Repositories, Store, TaskRow } from '../store/ports.js';
import { unitIdOf } from './directoryService.js';

const KEYS = new Set(['title', 'source', 'documentId', 'leadUnit', 'supportUnits', 'deadline', 'status', 'note', 'replySymbol']);

type Stored = NonNullable<Awaited<ReturnType<Repositories['workflow']['getTask']>>>;

export function displayStatus(t: { status: TaskStatus; deadline: string; doneAt: string | null }, today: string): TaskViewStatus {
  if (t.status === 'done' && t.doneAt && t.doneAt.slice(0, 10) > t.deadline) return 'done_late';
  if ((t.status === 'new' || t.status === 'in_progress') && t.deadline < today) return 'overdue';
  return t.status;
}

function toTask(r: Stored, today: string): Task {
  return {
    id: r.id,
    title: r.title,
    source: r.source,
    documentId: r.documentId,
    leadUnit: r.leadUnit,
    supportUnits: r.supportUnits,
    deadline: r.deadline,
    status: r.status,
    displayStatus: displayStatus(r, today),
    note: r.note,
    replySymbol: r.replySymbol,
    doneAt: r.doneAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export class TaskService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return vnDate(this.clock());
  }

  /** Validates a full task (after merging an update) and resolves its units. */
  private async check(repos: Repositories, raw: Record<string, unknown>, before: Stored | null, at: string): Promise<TaskRow> {
    const errors: AppError[] = [];
    for (const k of Object.keys(raw)) if (!KEYS.has(k)) errors.push(makeError('unknown_field', { field: k }));
    const str = (field: string, max: number, required: boolean): string | null => {
      const v = raw[field];
      if (v === undefined || v === null || v === '') {
        if (required) errors.push(makeError('required', { field }));
        return null;
      }
      if (typeof v !== 'string' || hasControlChars(v)) {
        errors.push(makeError('control_chars', { field }));
        return null;
      }
      const s = tidySpaces(nfc(v));
      if (s.length > max) errors.push(makeError('too_long', { field, params: { max } }));
      return s;
    };
    const title = str('title', 500, true);
    const source = str('source', 500, false);
    const note = str('note', 2000, false);
    const replySymbol = str('replySymbol', 42, false);
    const deadline = str('deadline', 10, true);
    if (deadline && !isValidDate(deadline)) errors.push(makeError('invalid_date', { field: 'deadline' }));
    const status = (raw.status ?? 'new') as TaskStatus;
    if (!(TASK_STATUSES as readonly string[]).includes(status))
      errors.push(makeError('invalid_enum', { field: 'status', params: { value: String(raw.status) } }));
    let documentId: number | null = null;
    if (raw.documentId !== undefined && raw.documentId !== null) {
      if (typeof raw.documentId !== 'number' || !Number.isInteger(raw.documentId))
        errors.push(makeError('invalid_input', { field: 'documentId' }));
      else documentId = raw.documentId;
    }
    if (errors.length) throw new AppFailure(errors[0]!, errors);
    if (documentId !== null && !(await repos.incoming.get(documentId)))
      throw new AppFailure(makeError('not_found', { field: 'documentId' }));
    const lead = await unitIdOf(repos, raw.leadUnit, 'leadUnit');
    const supportCodes = Array.isArray(raw.supportUnits)
      ? raw.supportUnits
      : raw.supportUnits === undefined || raw.supportUnits === null
        ? []
        : [raw.supportUnits];
    const supportUnitIds: number[] = [];
    for (const c of supportCodes) {
      const u = await unitIdOf(repos, c, 'supportUnits');
      if (u.id !== lead.id && !supportUnitIds.includes(u.id)) supportUnitIds.push(u.id);
    }
    // Completion time is recorded when a task becomes done, and cleared if it is reopened.
    const doneAt = status === 'done' ? (before?.status === 'done' ? before.doneAt : at) : null;
    return {
      title: title!,
      source,
      documentId,
      leadUnitId: lead.id,
      supportUnitIds,
      deadline: deadline!,
      status,
      note,
      replySymbol,
      doneAt,
    };
  }

  async add(input: unknown, actor: string): Promise<Task> {
    const raw = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const at = toVnIso(this.clock());
    return this.store.write(async (repos) => {
      const row = await this.check(repos, raw, null, at);
      const id = await repos.workflow.insertTask(row, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor, action: 'create', entity: 'task', entityId: id, data: { new: raw } });
      await audit.finish();
      return toTask((await repos.workflow.getTask(id))!, this.today());
    });
  }

  async update(id: number, input: unknown, actor: string): Promise<Task> {
    const patch = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const at = toVnIso(this.clock());
    return this.store.write(async (repos) => {
      const before = await repos.workflow.getTask(id);
      if (!before) throw new AppFailure(makeError('not_found', { field: 'id' }));
      const merged = {
        title: before.title,
        source: before.source,
        documentId: before.documentId,
        leadUnit: before.leadUnit,
        supportUnits: before.supportUnits,
        deadline: before.deadline,
        status: before.status,
        note: before.note,
        replySymbol: before.replySymbol,
        ...patch,
      };
      const row = await this.check(repos, merged, before, at);
      await repos.workflow.updateTask(id, row, at);
      const audit = await AuditWriter.begin(repos, at);
      const old: Record<string, unknown> = {};
      for (const k of Object.keys(patch)) old[k] = (before as unknown as Record<string, unknown>)[k];
      await audit.append({ actor, action: 'update', entity: 'task', entityId: id, data: { old, new: patch } });
      await audit.finish();
      return toTask((await repos.workflow.getTask(id))!, this.today());
    });
  }

  async list(p: { status?: string; unit?: string; limit?: number }): Promise<Task[]> {
    if (p.status !== undefined && !(TASK_VIEW_STATUSES as readonly string[]).includes(p.status)) {
      throw new AppFailure(makeError('invalid_enum', { field: 'status', params: { value: p.status } }));
    }
    const today = this.today();
    return this.store.read(async (repos) => {
      const unit = p.unit ? await unitIdOf(repos, p.unit) : undefined;
      const rows = await repos.workflow.listTasks({ unitId: unit?.id, limit: 10_000 });
      return rows
        .map((r) => toTask(r, today))
        .filter((t) => !p.status || t.displayStatus === p.status)
        .slice(0, p.limit ?? 1000);
    });
  }
}

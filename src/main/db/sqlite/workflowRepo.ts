import type { Assignment, TaskStatus, Unit } from '../../../shared/domain/workflow.js';
import type { FollowUpRow, NewAssignmentRow, TaskRow, Visibility, WorkflowRepository } from '../../store/ports.js';
import type { Statements } from './statements.js';
import { withSorterArena } from './sorterArena.js';
import { incomingVisibilitySql } from './visibilitySql.js';
import { addDays } from '../../../shared/text/dates.js';
import { CHANNELS, URGENCIES, type Channel, type Urgency } from '../../../shared/domain/enums.js';

interface AssignmentRow {
  id: number;
  document_id: number;
  unit: string;
  unit_name: string;
  role: 'lead' | 'support';
  due_date: string;
  direction: string | null;
  directed_by: string;
  assigned_at: string;
  status: Assignment['status'];
  done_at: string | null;
  reply_symbol: string | null;
  replaced_at: string | null;
}

const ASSIGNMENT_SELECT = `SELECT a.*, u.code AS unit, u.name AS unit_name FROM assignments a JOIN units u ON u.id = a.unit_id`;

const toAssignment = (r: AssignmentRow): Assignment => ({
  id: r.id,
  documentId: r.document_id,
  unit: r.unit,
  unitName: r.unit_name,
  role: r.role,
  dueDate: r.due_date,
  direction: r.direction,
  directedBy: r.directed_by,
  assignedAt: r.assigned_at,
  status: r.status,
  doneAt: r.done_at,
  replySymbol: r.reply_symbol,
  replacedAt: r.replaced_at,
});

/**
 * CROSS JOIN fixes the join order (SQLite keeps it as written): the lists are driven by
 * the open-work index in deadline order and stop at the limit, instead of starting from
 * the documents and sorting every open assignment.
 */
const FOLLOW_UP_SELECT = `SELECT a.*, u.code AS unit, u.name AS unit_name, d.arrival_number, d.year, r.code AS register,
    d.organ_name, d.symbol, d.issued_date, d.type_name, d.subject, d.arrival_date
  FROM assignments a CROSS JOIN incoming_documents d ON d.id = a.document_id
  CROSS JOIN units u ON u.id = a.unit_id CROSS JOIN registers r ON r.id = d.register_id`;

/** The same rows driven by the documents (a period of arrivals). */
const FOLLOW_UP_BY_ARRIVAL = `SELECT a.*, u.code AS unit, u.name AS unit_name, d.arrival_number, d.year, r.code AS register,
    d.organ_name, d.symbol, d.issued_date, d.type_name, d.subject, d.arrival_date
  FROM incoming_documents d CROSS JOIN assignments a ON a.document_id = d.id
  CROSS JOIN units u ON u.id = a.unit_id CROSS JOIN registers r ON r.id = d.register_id`;

type FollowUpDbRow = AssignmentRow & {
  arrival_number: number;
  year: number;
  register: string;
  organ_name: string;
  symbol: string | null;
  issued_date: string;
  type_name: string;
  subject: string;
  arrival_date: string;
};

const toFollowUp = (r: FollowUpDbRow): FollowUpRow => ({
  ...toAssignment(r),
  arrivalNumber: r.arrival_number,
  year: r.year,
  register: r.register,
  organName: r.organ_name,
  symbol: r.symbol,
  issuedDate: r.issued_date,
  typeName: r.type_name,
  subject: r.subject,
  arrivalDate: r.arrival_date,
});

interface TaskDbRow {
  id: number;
  title: string;
  source: string | null;
  document_id: number | null;
  lead_unit_id: number;
  lead_unit: string;
  support_units: string;
  support_unit_ids: string;
  deadline: string;
  status: TaskStatus;
  note: string | null;
  reply_symbol: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

const TASK_SELECT = `SELECT t.*, u.code AS lead_unit,
    (SELECT json_group_array(su.code) FROM task_support_units s JOIN units su ON su.id = s.unit_id WHERE s.task_id = t.id) AS support_units,
    (SELECT json_group_array(s.unit_id) FROM task_support_units s WHERE s.task_id = t.id) AS support_unit_ids
  FROM tasks t JOIN units u ON u.id = t.lead_unit_id`;

const toTask = (r: TaskDbRow) => ({
  id: r.id,
  title: r.title,
  source: r.source,
  documentId: r.document_id,
  leadUnitId: r.lead_unit_id,
  leadUnit: r.lead_unit,
  supportUnits: JSON.parse(r.support_units) as string[],
  supportUnitIds: JSON.parse(r.support_unit_ids) as number[],
  deadline: r.deadline,
  status: r.status,
  note: r.note,
  replySymbol: r.reply_symbol,
  doneAt: r.done_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SqliteWorkflowRepository implements WorkflowRepository {
  constructor(private readonly s: Statements) {}

  async addUnit(code: string, name: string, at: string): Promise<Unit> {
    const info = this.s.get('INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)').run(code, name, at);
    return { id: Number(info.lastInsertRowid), code, name };
  }

  async unitByCode(code: string): Promise<Unit | null> {
    return (this.s.get('SELECT id, code, name FROM units WHERE code = ?').get(code) as Unit | undefined) ?? null;
  }

  async listUnits(): Promise<Unit[]> {
    return this.s.get('SELECT id, code, name FROM units ORDER BY code').all() as Unit[];
  }

  async addPerson(p: { fullName: string; unitId: number | null; role: string | null }, at: string): Promise<number> {
    return Number(
      this.s.get('INSERT INTO people (full_name, unit_id, role, created_at) VALUES (?, ?, ?, ?)').run(p.fullName, p.unitId, p.role, at)
        .lastInsertRowid,
    );
  }

  async listPeople() {
    return this.s
      .get(
        'SELECT p.id, p.full_name AS fullName, u.code AS unit, p.role FROM people p LEFT JOIN units u ON u.id = p.unit_id ORDER BY p.full_name',
      )
      .all() as { id: number; fullName: string; unit: string | null; role: string | null }[];
  }

  async currentAssignments(documentId: number): Promise<Assignment[]> {
    const rows = this.s
      .get(`${ASSIGNMENT_SELECT} WHERE a.document_id = ? AND a.replaced_at IS NULL ORDER BY a.role, u.code`)
      .all(documentId);
    return (rows as AssignmentRow[]).map(toAssignment);
  }

  async assignmentHistory(documentId: number): Promise<Assignment[]> {
    return (this.s.get(`${ASSIGNMENT_SELECT} WHERE a.document_id = ? ORDER BY a.id`).all(documentId) as AssignmentRow[]).map(toAssignment);
  }

  async replaceCurrent(documentId: number, at: string): Promise<void> {
    this.s.get('UPDATE assignments SET replaced_at = ? WHERE document_id = ? AND replaced_at IS NULL').run(at, documentId);
  }

  async insertAssignment(a: NewAssignmentRow): Promise<number> {
    return Number(
      this.s
        .get(
          `INSERT INTO assignments (document_id, unit_id, role, due_date, direction, directed_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.documentId, a.unitId, a.role, a.dueDate, a.direction, a.directedBy, a.assignedAt).lastInsertRowid,
    );
  }

  async setProgress(assignmentId: number, status: string, doneAt: string | null, replySymbol: string | null): Promise<void> {
    this.s
      .get('UPDATE assignments SET status = ?, done_at = ?, reply_symbol = coalesce(?, reply_symbol) WHERE id = ?')
      .run(status, doneAt, replySymbol, assignmentId);
  }

  async addProgressNote(n: {
    assignmentId: number;
    at: string;
    actor: string;
    status: string;
    note: string | null;
    replySymbol: string | null;
  }): Promise<void> {
    this.s
      .get('INSERT INTO progress_notes (assignment_id, at, actor, status, note, reply_symbol) VALUES (?, ?, ?, ?, ?, ?)')
      .run(n.assignmentId, n.at, n.actor, n.status, n.note, n.replySymbol);
  }

  /** Open work with a deadline in [from, before), in deadline order, overall or of one unit. */
  private openWork(from: string, before: string, unitId: number | undefined, limit: number, visible?: Visibility): FollowUpRow[] {
    const v = incomingVisibilitySql(visible, 'd.sort_key', 'd.id');
    const open = [
      `a.replaced_at IS NULL AND a.status != 'done' AND a.due_date >= ? AND a.due_date < ? AND d.status != 'voided'`,
      ...v.where,
    ].join(' AND ');
    const rows = (
      unitId === undefined
        ? this.s.get(`${FOLLOW_UP_SELECT} WHERE ${open} ORDER BY a.due_date, a.unit_id, a.id LIMIT ?`).all(from, before, ...v.params, limit)
        : this.s
            .get(`${FOLLOW_UP_SELECT} WHERE a.unit_id = ? AND ${open} ORDER BY a.unit_id, a.due_date, a.id LIMIT ?`)
            .all(unitId, from, before, ...v.params, limit)
    ) as FollowUpDbRow[];
    return rows.map(toFollowUp);
  }

  async openDueBefore(before: string, unitId: number | undefined, limit: number, visible?: Visibility): Promise<FollowUpRow[]> {
    return this.openWork('0000-00-00', before, unitId, limit, visible);
  }

  async openDueBetween(from: string, to: string, unitId: number | undefined, limit: number, visible?: Visibility): Promise<FollowUpRow[]> {
    return this.openWork(from, addDays(to, 1), unitId, limit, visible);
  }

  async followUp(fromKey: number, toKey: number, unitId: number | undefined, visible?: Visibility): Promise<FollowUpRow[]> {
    const v = incomingVisibilitySql(visible, 'd.sort_key', 'd.id');
    const rows = this.s
      .get(
        `${FOLLOW_UP_BY_ARRIVAL} WHERE d.sort_key >= ? AND d.sort_key < ? AND a.replaced_at IS NULL AND (? IS NULL OR a.unit_id = ?)
         AND d.status != 'voided' ${v.where.map((w) => `AND ${w}`).join(' ')} ORDER BY d.sort_key, a.role, u.code`,
      )
      .all(fromKey, toKey, unitId ?? null, unitId ?? null, ...v.params) as FollowUpDbRow[];
    return rows.map(toFollowUp);
  }

  private setSupportUnits(taskId: number, unitIds: number[]): void {
    this.s.get('DELETE FROM task_support_units WHERE task_id = ?').run(taskId);
    for (const u of unitIds) this.s.get('INSERT INTO task_support_units (task_id, unit_id) VALUES (?, ?)').run(taskId, u);
  }

  async insertTask(t: TaskRow, at: string): Promise<number> {
    const id = Number(
      this.s
        .get(
          `INSERT INTO tasks (title, source, document_id, lead_unit_id, deadline, status, note, reply_symbol, done_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(t.title, t.source, t.documentId, t.leadUnitId, t.deadline, t.status, t.note, t.replySymbol, t.doneAt, at, at).lastInsertRowid,
    );
    this.setSupportUnits(id, t.supportUnitIds);
    return id;
  }

  async updateTask(id: number, t: TaskRow, at: string): Promise<void> {
    this.s
      .get(
        `UPDATE tasks SET title = ?, source = ?, document_id = ?, lead_unit_id = ?, deadline = ?, status = ?, note = ?,
           reply_symbol = ?, done_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(t.title, t.source, t.documentId, t.leadUnitId, t.deadline, t.status, t.note, t.replySymbol, t.doneAt, at, id);
    this.setSupportUnits(id, t.supportUnitIds);
  }

  async getTask(id: number) {
    const r = this.s.get(`${TASK_SELECT} WHERE t.id = ?`).get(id) as TaskDbRow | undefined;
    return r ? toTask(r) : null;
  }

  async listTasks(q: { status?: string; unitId?: number; limit: number }) {
    const rows = this.s
      .get(`${TASK_SELECT} WHERE (? IS NULL OR t.status = ?) AND (? IS NULL OR t.lead_unit_id = ?) ORDER BY t.deadline, t.id LIMIT ?`)
      .all(q.status ?? null, q.status ?? null, q.unitId ?? null, q.unitId ?? null, q.limit) as TaskDbRow[];
    return rows.map(toTask);
  }

  async calendarAdjustments(year: number): Promise<unknown> {
    const r = this.s.get('SELECT data FROM calendar_adjustments WHERE year = ?').get(year) as { data: string } | undefined;
    return r ? (JSON.parse(r.data) as unknown) : null;
  }

  async setCalendarAdjustments(year: number, data: unknown): Promise<void> {
    this.s
      .get('INSERT INTO calendar_adjustments (year, data) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET data = excluded.data')
      .run(year, JSON.stringify(data));
  }

  async reportFigures(q: ReportQuery) {
    return withSorterArena(this.s.db, () => this.figures(q));
  }

  private figures(q: ReportQuery) {
    const unit = q.unitId ?? null;
    const v = incomingVisibilitySql(q.visible, 'd.sort_key', 'd.id');
    const seen = v.where.map((w) => `AND ${w}`).join(' ');
    // A unit's documents: the arrival keys of its current lead assignments in the period, read
    // from assignments_report (migration 0208) — not a lookup of each document's assignment.
    const ofUnit =
      unit === null
        ? ''
        : `AND d.sort_key IN (SELECT a.doc_key FROM assignments a WHERE a.unit_id = ? AND a.role = 'lead'
             AND a.replaced_at IS NULL AND a.doc_key >= ? AND a.doc_key < ?)`;
    const unitParams = unit === null ? [] : [unit, q.fromKey, q.toKey];
    // The documents received in the period (by arrival), restricted to one lead unit if asked:
    // one pass over the period's rows grouped by type alone (a sort of the rows on one column,
    // not three), channel and urgency counted beside it over their CHECKed values.
    const types = this.s
      .get(
        `SELECT d.type_name AS type, count(*) AS n,
           sum(d.channel = 'paper') AS paper, sum(d.channel = 'electronic') AS electronic,
           sum(d.urgency = 'normal') AS normal, sum(d.urgency = 'urgent') AS urgent,
           sum(d.urgency = 'very_urgent') AS very_urgent, sum(d.urgency = 'flash') AS flash
         FROM incoming_documents d
         WHERE d.sort_key >= ? AND d.sort_key < ? AND d.status != 'voided' ${ofUnit} ${seen}
         GROUP BY 1`,
      )
      .all(q.fromKey, q.toKey, ...unitParams, ...v.params) as ({ type: string; n: number } & Record<Channel | Urgency, number>)[];
    const byDim: { dim: string; key: string; n: number }[] = [];
    const dims = { channel: new Map<string, number>(), urgency: new Map<string, number>() };
    // In JavaScript's string order, as the keys of every dimension (SQLite's GROUP BY is in UTF-8 byte order).
    types.sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0));
    for (const t of types) {
      byDim.push({ dim: 'type', key: t.type, n: t.n });
      for (const [dim, keys] of [
        ['channel', CHANNELS],
        ['urgency', URGENCIES],
      ] as const) {
        let counted = 0;
        for (const k of keys) {
          counted += t[k];
          if (t[k]) dims[dim].set(k, (dims[dim].get(k) ?? 0) + t[k]);
        }
        // The table's CHECK allows only these values; a schema that allowed another would be
        // counted wrong here, so say so rather than report figures that do not add up.
        if (counted !== t.n) throw new Error(`report: a ${dim} outside ${keys.join(', ')}`);
      }
    }
    for (const dim of ['channel', 'urgency'] as const) {
      for (const key of [...dims[dim].keys()].sort()) byDim.push({ dim, key, n: dims[dim].get(key)! });
    }
    // Lead assignments of those documents; "completed" counts only completions by the period's end.
    // Unit by unit (CROSS JOIN: units first, whatever the statistics say), each unit's current
    // lead assignments of the period one range of assignments_report, which holds every
    // column read here: no document row, no sort of the rows. A document's own terms are
    // applied to its arrival key (doc_key = its sort_key, kept by the triggers of 0208):
    // voided and hidden documents are left out through their partial indexes.
    const onA = incomingVisibilitySql(q.visible, 'a.doc_key', 'a.document_id');
    const aSeen = onA.where.map((w) => `AND ${w}`).join(' ');
    const units = this.s
      .get(
        `SELECT u.code AS unit, u.name, count(*) AS assigned,
           sum(a.status = 'done' AND a.done_at < ?) AS completed,
           sum(a.status = 'done' AND a.done_at < ? AND substr(a.done_at, 1, 10) <= a.due_date) AS completedOnTime,
           sum(NOT (a.status = 'done' AND a.done_at < ?) AND a.due_date < ?) AS overdue,
           sum(NOT (a.status = 'done' AND a.done_at < ?) AND a.due_date >= ?) AS inProgress
         FROM units u CROSS JOIN assignments a
         WHERE a.unit_id = u.id AND a.role = 'lead' AND a.replaced_at IS NULL AND a.doc_key >= ? AND a.doc_key < ?
           AND a.doc_key NOT IN (SELECT sort_key FROM incoming_documents WHERE status = 'voided' AND sort_key >= ? AND sort_key < ?)
           AND (? IS NULL OR u.id = ?) ${aSeen}
         GROUP BY u.id ORDER BY u.code`,
      )
      .all(q.toEnd, q.toEnd, q.toEnd, q.asOf, q.toEnd, q.asOf, q.fromKey, q.toKey, q.fromKey, q.toKey, unit, unit, ...onA.params) as {
      unit: string;
      name: string;
      assigned: number;
      completed: number;
      completedOnTime: number;
      overdue: number;
      inProgress: number;
    }[];
    const tasks = this.s
      .get(
        `SELECT CASE WHEN status = 'done' AND substr(done_at, 1, 10) > deadline THEN 'done_late'
                     WHEN status IN ('new', 'in_progress') AND deadline < ? THEN 'overdue'
                     ELSE status END AS status, count(*) AS n
         FROM tasks WHERE created_at >= ? AND created_at < ? AND (? IS NULL OR lead_unit_id = ?) GROUP BY 1`,
      )
      .all(q.asOf, q.from, q.toEnd, unit, unit) as { status: string; n: number }[];
    return { byDim, units, tasks };
  }
}

type ReportQuery = Parameters<WorkflowRepository['reportFigures']>[0];

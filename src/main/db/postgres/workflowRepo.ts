import type { Assignment, TaskStatus, Unit } from '../../../shared/domain/workflow.js';
import type { FollowUpRow, NewAssignmentRow, TaskRow, Visibility, WorkflowRepository } from '../../store/ports.js';
import { addDays } from '../../../shared/text/dates.js';
import type { Tx } from './tx.js';
import { incomingVisibilityPg } from './visibilitySql.js';

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

const FOLLOW_UP_SELECT = `SELECT a.*, u.code AS unit, u.name AS unit_name, d.arrival_number, d.year, r.code AS register,
    d.organ_name, d.symbol, d.issued_date, d.type_name, d.subject, d.arrival_date
  FROM assignments a JOIN incoming_documents d ON d.id = a.document_id
  JOIN units u ON u.id = a.unit_id JOIN registers r ON r.id = d.register_id`;

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
    coalesce((SELECT json_agg(su.code ORDER BY s.unit_id) FROM task_support_units s JOIN units su ON su.id = s.unit_id
              WHERE s.task_id = t.id), '[]') AS support_units,
    coalesce((SELECT json_agg(s.unit_id ORDER BY s.unit_id) FROM task_support_units s WHERE s.task_id = t.id), '[]') AS support_unit_ids
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

export class PgWorkflowRepository implements WorkflowRepository {
  constructor(private readonly tx: Tx) {}

  private get q() {
    return this.tx.q;
  }

  async addUnit(code: string, name: string, at: string): Promise<Unit> {
    const row = await this.q.one<{ id: number }>('INSERT INTO units (code, name, created_at) VALUES ($1, $2, $3) RETURNING id', [
      code,
      name,
      at,
    ]);
    return { id: row!.id, code, name };
  }

  async unitByCode(code: string): Promise<Unit | null> {
    return (await this.q.one<Unit>('SELECT id, code, name FROM units WHERE code = $1', [code])) ?? null;
  }

  async listUnits(): Promise<Unit[]> {
    return this.q.rows<Unit>('SELECT id, code, name FROM units ORDER BY code');
  }

  async addPerson(p: { fullName: string; unitId: number | null; role: string | null }, at: string): Promise<number> {
    const row = await this.q.one<{ id: number }>(
      'INSERT INTO people (full_name, unit_id, role, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [p.fullName, p.unitId, p.role, at],
    );
    return row!.id;
  }

  async listPeople() {
    return this.q.rows<{ id: number; fullName: string; unit: string | null; role: string | null }>(
      'SELECT p.id, p.full_name AS "fullName", u.code AS unit, p.role FROM people p LEFT JOIN units u ON u.id = p.unit_id ORDER BY p.full_name, p.id',
    );
  }

  async currentAssignments(documentId: number): Promise<Assignment[]> {
    const rows = await this.q.rows<AssignmentRow>(
      `${ASSIGNMENT_SELECT} WHERE a.document_id = $1 AND a.replaced_at IS NULL ORDER BY a.role, u.code`,
      [documentId],
    );
    return rows.map(toAssignment);
  }

  async assignmentHistory(documentId: number): Promise<Assignment[]> {
    return (await this.q.rows<AssignmentRow>(`${ASSIGNMENT_SELECT} WHERE a.document_id = $1 ORDER BY a.id`, [documentId])).map(
      toAssignment,
    );
  }

  async replaceCurrent(documentId: number, at: string): Promise<void> {
    await this.q.run('UPDATE assignments SET replaced_at = $1 WHERE document_id = $2 AND replaced_at IS NULL', [at, documentId]);
  }

  async insertAssignment(a: NewAssignmentRow): Promise<number> {
    const row = await this.q.one<{ id: number }>(
      `INSERT INTO assignments (document_id, unit_id, role, due_date, direction, directed_by, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [a.documentId, a.unitId, a.role, a.dueDate, a.direction, a.directedBy, a.assignedAt],
    );
    return row!.id;
  }

  async setProgress(assignmentId: number, status: string, doneAt: string | null, replySymbol: string | null): Promise<void> {
    await this.q.run('UPDATE assignments SET status = $1, done_at = $2, reply_symbol = coalesce($3, reply_symbol) WHERE id = $4', [
      status,
      doneAt,
      replySymbol,
      assignmentId,
    ]);
  }

  async addProgressNote(n: {
    assignmentId: number;
    at: string;
    actor: string;
    status: string;
    note: string | null;
    replySymbol: string | null;
  }): Promise<void> {
    await this.q.run('INSERT INTO progress_notes (assignment_id, at, actor, status, note, reply_symbol) VALUES ($1, $2, $3, $4, $5, $6)', [
      n.assignmentId,
      n.at,
      n.actor,
      n.status,
      n.note,
      n.replySymbol,
    ]);
  }

  private async openWork(
    from: string,
    before: string,
    unitId: number | undefined,
    limit: number,
    visible?: Visibility,
  ): Promise<FollowUpRow[]> {
    const params: unknown[] = [unitId ?? null, from, before, limit];
    const seen = incomingVisibilityPg(visible, params)
      .map((w) => `AND ${w}`)
      .join(' ');
    const rows = await this.q.rows<FollowUpDbRow>(
      `${FOLLOW_UP_SELECT} WHERE ($1::int IS NULL OR a.unit_id = $1) AND a.replaced_at IS NULL AND a.status <> 'done'
         AND a.due_date >= $2 AND a.due_date < $3 AND d.status <> 'voided' ${seen}
       ORDER BY a.due_date, a.unit_id, a.id LIMIT $4`,
      params,
    );
    return rows.map(toFollowUp);
  }

  async openDueBefore(before: string, unitId: number | undefined, limit: number, visible?: Visibility): Promise<FollowUpRow[]> {
    return this.openWork('0000-00-00', before, unitId, limit, visible);
  }

  async openDueBetween(from: string, to: string, unitId: number | undefined, limit: number, visible?: Visibility): Promise<FollowUpRow[]> {
    return this.openWork(from, addDays(to, 1), unitId, limit, visible);
  }

  async followUp(fromKey: number, toKey: number, unitId: number | undefined, visible?: Visibility): Promise<FollowUpRow[]> {
    const params: unknown[] = [fromKey, toKey, unitId ?? null];
    const seen = incomingVisibilityPg(visible, params)
      .map((w) => `AND ${w}`)
      .join(' ');
    const rows = await this.q.rows<FollowUpDbRow>(
      `${FOLLOW_UP_SELECT} WHERE d.sort_key >= $1 AND d.sort_key < $2 AND a.replaced_at IS NULL AND ($3::int IS NULL OR a.unit_id = $3)
         AND d.status <> 'voided' ${seen} ORDER BY d.sort_key, a.role, u.code`,
      params,
    );
    return rows.map(toFollowUp);
  }

  private async setSupportUnits(taskId: number, unitIds: number[]): Promise<void> {
    await this.q.run('DELETE FROM task_support_units WHERE task_id = $1', [taskId]);
    if (unitIds.length)
      await this.q.run('INSERT INTO task_support_units (task_id, unit_id) SELECT $1, unnest($2::int[])', [taskId, unitIds]);
  }

  async insertTask(t: TaskRow, at: string): Promise<number> {
    const row = await this.q.one<{ id: number }>(
      `INSERT INTO tasks (title, source, document_id, lead_unit_id, deadline, status, note, reply_symbol, done_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [t.title, t.source, t.documentId, t.leadUnitId, t.deadline, t.status, t.note, t.replySymbol, t.doneAt, at],
    );
    await this.setSupportUnits(row!.id, t.supportUnitIds);
    return row!.id;
  }

  async updateTask(id: number, t: TaskRow, at: string): Promise<void> {
    await this.q.run(
      `UPDATE tasks SET title = $1, source = $2, document_id = $3, lead_unit_id = $4, deadline = $5, status = $6, note = $7,
         reply_symbol = $8, done_at = $9, updated_at = $10 WHERE id = $11`,
      [t.title, t.source, t.documentId, t.leadUnitId, t.deadline, t.status, t.note, t.replySymbol, t.doneAt, at, id],
    );
    await this.setSupportUnits(id, t.supportUnitIds);
  }

  async getTask(id: number) {
    const r = await this.q.one<TaskDbRow>(`${TASK_SELECT} WHERE t.id = $1`, [id]);
    return r ? toTask(r) : null;
  }

  async listTasks(q: { status?: string; unitId?: number; limit: number }) {
    const rows = await this.q.rows<TaskDbRow>(
      `${TASK_SELECT} WHERE ($1::text IS NULL OR t.status = $1) AND ($2::int IS NULL OR t.lead_unit_id = $2) ORDER BY t.deadline, t.id LIMIT $3`,
      [q.status ?? null, q.unitId ?? null, q.limit],
    );
    return rows.map(toTask);
  }

  async calendarAdjustments(year: number): Promise<unknown> {
    const r = await this.q.one<{ data: string }>('SELECT data FROM calendar_adjustments WHERE year = $1', [year]);
    return r ? (JSON.parse(r.data) as unknown) : null;
  }

  async setCalendarAdjustments(year: number, data: unknown): Promise<void> {
    await this.q.run(
      'INSERT INTO calendar_adjustments (year, data) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE SET data = excluded.data',
      [year, JSON.stringify(data)],
    );
  }

  async reportFigures(q: {
    fromKey: number;
    toKey: number;
    toEnd: string;
    asOf: string;
    unitId?: number;
    from: string;
    to: string;
    visible?: Visibility;
  }) {
    const unit = q.unitId ?? null;
    const dimParams: unknown[] = [q.fromKey, q.toKey, unit];
    const dimSeen = incomingVisibilityPg(q.visible, dimParams)
      .map((w) => `AND ${w}`)
      .join(' ');
    const unitParams: unknown[] = [q.toEnd, q.asOf, q.fromKey, q.toKey, unit];
    const unitSeen = incomingVisibilityPg(q.visible, unitParams)
      .map((w) => `AND ${w}`)
      .join(' ');
    const byDim = await this.q.rows<{ dim: string; key: string; n: number }>(
      `WITH rec AS MATERIALIZED (
         SELECT d.id, d.type_name, d.channel, d.urgency FROM incoming_documents d
         WHERE d.sort_key >= $1 AND d.sort_key < $2 AND d.status <> 'voided'
           AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = d.id AND a.role = 'lead'
                                           AND a.replaced_at IS NULL AND a.unit_id = $3)) ${dimSeen})
       SELECT 'type' AS dim, type_name AS key, count(*) AS n FROM rec GROUP BY type_name
       UNION ALL SELECT 'channel', channel, count(*) FROM rec GROUP BY channel
       UNION ALL SELECT 'urgency', urgency, count(*) FROM rec GROUP BY urgency`,
      dimParams,
    );
    const units = await this.q.rows<{
      unit: string;
      name: string;
      assigned: number;
      completed: number;
      completedOnTime: number;
      overdue: number;
      inProgress: number;
    }>(
      `SELECT u.code AS unit, u.name, count(*) AS assigned,
         count(*) FILTER (WHERE a.status = 'done' AND a.done_at < $1) AS completed,
         count(*) FILTER (WHERE a.status = 'done' AND a.done_at < $1 AND substr(a.done_at, 1, 10) <= a.due_date) AS "completedOnTime",
         count(*) FILTER (WHERE NOT (a.status = 'done' AND a.done_at < $1) AND a.due_date < $2) AS overdue,
         count(*) FILTER (WHERE NOT (a.status = 'done' AND a.done_at < $1) AND a.due_date >= $2) AS "inProgress"
       FROM incoming_documents d
       JOIN assignments a ON a.document_id = d.id AND a.role = 'lead' AND a.replaced_at IS NULL
       JOIN units u ON u.id = a.unit_id
       WHERE d.sort_key >= $3 AND d.sort_key < $4 AND d.status <> 'voided' AND ($5::int IS NULL OR a.unit_id = $5) ${unitSeen}
       GROUP BY u.id ORDER BY u.code`,
      unitParams,
    );
    const tasks = await this.q.rows<{ status: string; n: number }>(
      `SELECT CASE WHEN status = 'done' AND substr(done_at, 1, 10) > deadline THEN 'done_late'
                   WHEN status IN ('new', 'in_progress') AND deadline < $1 THEN 'overdue'
                   ELSE status END AS status, count(*) AS n
       FROM tasks WHERE created_at >= $2 AND created_at < $3 AND ($4::int IS NULL OR lead_unit_id = $4) GROUP BY 1`,
      [q.asOf, q.from, q.toEnd, unit],
    );
    return { byDim, units, tasks };
  }
}

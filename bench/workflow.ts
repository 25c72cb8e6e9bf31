/**
 * Follow-up benchmark: 100 units, the documents of the last ten years directed to them
 * (most finished, some late, some still open), then the nine-month report and the
 * overdue lists as a clerk opens them. Setup writes the assignments with SQL (it is the
 * benchmark's fixture, not what is measured); the measured calls are the services'.
 */
import { addDays, vnDate } from '../src/shared/text/dates.js';
import { SqliteStore } from '../src/main/db/sqlite/store.js';
import type { Services } from '../src/main/services.js';

export interface WorkflowFigures {
  units: number;
  assignments: number;
  reportNineMonthsMs: number;
  reportNineMonthsP95Ms: number;
  overdueListMs: number;
  overdueListUnitMs: number;
  overdueRows: number;
}

function timeAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  return fn().then((v) => [performance.now() - t, v]);
}

export async function benchWorkflow(services: Services, nowMs: number): Promise<WorkflowFigures> {
  const store = services.store;
  if (!(store instanceof SqliteStore)) throw new Error('workflow bench needs the SQLite store');
  const existing = await services.directory.listUnits();
  for (let i = existing.length + 1; i <= 100; i++) {
    await services.directory.addUnit(`DV${String(i).padStart(3, '0')}`, `Đơn vị số ${i}`, 'bench');
  }
  const units = (await services.directory.listUnits()).map((u) => u.id);
  const db = store.db;
  const today = vnDate(nowMs);
  let assignments = (db.prepare('SELECT count(*) AS n FROM assignments').get() as { n: number }).n;
  if (assignments === 0) {
    const docs = db.prepare(`SELECT id, arrival_date FROM incoming_documents WHERE status != 'voided'`).all() as {
      id: number;
      arrival_date: string;
    }[];
    const insert = db.prepare(
      `INSERT INTO assignments (document_id, unit_id, role, due_date, direction, directed_by, assigned_at, status, done_at)
       VALUES (?, ?, ?, ?, NULL, 'bench', ?, ?, ?)`,
    );
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    db.exec('BEGIN');
    const rows: { id: number; arrival: string }[] = [];
    for (const d of docs) rows.push({ id: d.id, arrival: d.arrival_date });
    for (const d of rows) {
      if (rnd() < 0.1) continue; // not directed (yet)
      const day = d.arrival.slice(0, 10);
      const due = addDays(day, 5 + Math.floor(rnd() * 15));
      const lead = units[Math.floor(rnd() * units.length)]!;
      const r = rnd();
      const recent = due >= addDays(today, -30);
      // Old work is almost all finished (a few late); recent work is partly open.
      const done = recent ? r < 0.5 : r < 0.97;
      const doneDay = done ? addDays(due, r < 0.05 ? 3 : -Math.floor(rnd() * 4)) : null;
      const doneAt = doneDay && doneDay <= today ? `${doneDay}T15:00:00+07:00` : null;
      insert.run(d.id, lead, 'lead', due, d.arrival, doneAt ? 'done' : 'assigned', doneAt);
      if (rnd() < 0.3) insert.run(d.id, units[Math.floor(rnd() * units.length)]!, 'support', due, d.arrival, 'assigned', null);
    }
    db.exec('COMMIT');
    db.pragma('optimize');
    assignments = (db.prepare('SELECT count(*) AS n FROM assignments').get() as { n: number }).n;
  }
  const from = addDays(today, -273);
  const times: number[] = [];
  await services.reports.report({ from, to: today });
  for (let i = 0; i < 9; i++) times.push((await timeAsync(() => services.reports.report({ from, to: today })))[0]);
  times.sort((a, b) => a - b);
  await services.assignments.overdue({ limit: 500 });
  const overdue: number[] = [];
  let overdueRows = 0;
  for (let i = 0; i < 9; i++) {
    const [ms, rows] = await timeAsync(() => services.assignments.overdue({ limit: 500 }));
    overdue.push(ms);
    overdueRows = rows.length;
  }
  overdue.sort((a, b) => a - b);
  const unitTimes: number[] = [];
  for (let i = 0; i < 9; i++) unitTimes.push((await timeAsync(() => services.assignments.overdue({ unit: 'DV007', limit: 500 })))[0]);
  unitTimes.sort((a, b) => a - b);
  return {
    units: units.length,
    assignments,
    reportNineMonthsMs: Math.round(times[4]! * 10) / 10,
    reportNineMonthsP95Ms: Math.round(times[8]! * 10) / 10,
    overdueListMs: Math.round(overdue[4]! * 10) / 10,
    overdueListUnitMs: Math.round(unitTimes[4]! * 10) / 10,
    overdueRows,
  };
}

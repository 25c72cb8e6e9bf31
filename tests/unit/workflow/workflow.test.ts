import { describe, expect, it } from 'vitest';
import { ACTOR, doc, freshServices } from '../helpers.js';
import type { Services } from '../../../src/main/services.js';
import { SqliteStore } from '../../../src/main/db/sqlite/store.js';

async function office(now = '2026-06-30T17:00:00+07:00') {
  const { services, clock } = await freshServices({ now });
  await services.directory.addUnit('STC', 'Sở Tài chính', 'admin');
  await services.directory.addUnit('SNV', 'Sở Nội vụ', 'admin');
  await services.directory.addUnit('SXD', 'Sở Xây dựng', 'admin');
  return { services, clock };
}

const add = (s: Services, n: number, arrival: string, extra: Record<string, unknown> = {}) =>
  s.incoming.add(doc({ symbol: `${n}/X`, arrivalDate: arrival, issuedDate: arrival.slice(0, 10), ...extra }), ACTOR);

describe('direction and assignment', () => {
  it('gives a lead and supporting units a deadline counted in working days from arrival', async () => {
    const { services } = await office();
    const d = await add(services, 1, '2026-02-13T09:00'); // Friday before Tết 2026
    const a = await services.assignments.assign(
      d.id,
      { lead: 'STC', support: ['SNV'], dueWorkingDays: 1, direction: 'Giao STC chủ trì', at: '2026-02-13T10:00' },
      'Lãnh đạo',
    );
    expect(a.map((x) => [x.unit, x.role, x.dueDate])).toEqual([
      ['STC', 'lead', '2026-02-23'],
      ['SNV', 'support', '2026-02-23'],
    ]);
    expect(a[0]).toMatchObject({ direction: 'Giao STC chủ trì', directedBy: 'Lãnh đạo', assignedAt: '2026-02-13T10:00:00+07:00' });
  });

  it('keeps the history of re-assignments and extensions, and the progress of a unit that stays', async () => {
    const { services } = await office();
    const d = await add(services, 1, '2026-03-02T08:00');
    await services.assignments.assign(d.id, { lead: 'STC', due: '2026-03-10', at: '2026-03-02T09:00' }, 'LĐ');
    await services.assignments.progress(d.id, { unit: 'STC', status: 'in_progress', note: 'Đang tổng hợp', at: '2026-03-03T09:00' }, 'STC');
    const extended = await services.assignments.assign(d.id, { lead: 'STC', due: '2026-03-20', at: '2026-03-09T09:00' }, 'LĐ');
    expect(extended[0]).toMatchObject({ dueDate: '2026-03-20', status: 'in_progress' });
    const moved = await services.assignments.assign(
      d.id,
      { lead: 'SXD', support: ['STC'], due: '2026-03-25', at: '2026-03-10T09:00' },
      'LĐ',
    );
    expect(moved.map((x) => [x.unit, x.role, x.status])).toEqual([
      ['SXD', 'lead', 'assigned'],
      ['STC', 'support', 'assigned'],
    ]);
    const { history } = await services.assignments.current(d.id);
    expect(history.map((h) => [h.unit, h.dueDate, !!h.replacedAt])).toEqual([
      ['STC', '2026-03-10', true],
      ['STC', '2026-03-20', true],
      ['SXD', '2026-03-25', false],
      ['STC', '2026-03-25', false],
    ]);
    const trail = await services.incoming.auditTrail(d.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'assign', 'progress', 'extend', 'reassign']);
  });

  it('refuses bad directions and progress with clear codes, writing nothing', async () => {
    const { services } = await office();
    const d = await add(services, 1, '2026-03-02T08:00');
    const codes = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as { error: { code: string } }).error.code;
    expect(await codes(services.assignments.assign(d.id, { lead: 'KHONG', due: '2026-03-10' }, 'x'))).toBe('unknown_unit');
    expect(await codes(services.assignments.assign(d.id, { lead: 'STC', due: '2026-03-01' }, 'x'))).toBe('due_before_arrival');
    expect(await codes(services.assignments.assign(d.id, { lead: 'STC' }, 'x'))).toBe('required');
    expect(await codes(services.assignments.assign(d.id, { lead: 'STC', support: ['STC'], due: '2026-03-10' }, 'x'))).toBe(
      'duplicate_unit',
    );
    expect(await codes(services.assignments.assign(d.id, { lead: 'STC', due: '2026-03-10', at: '2026-03-01T08:00' }, 'x'))).toBe(
      'before_arrival',
    );
    expect(await codes(services.assignments.progress(d.id, { unit: 'STC', status: 'done' }, 'x'))).toBe('not_assigned');
    await services.assignments.assign(d.id, { lead: 'STC', due: '2026-03-10', at: '2026-03-02T09:00' }, 'x');
    expect(await codes(services.assignments.progress(d.id, { unit: 'SNV', status: 'done' }, 'x'))).toBe('not_assigned');
    expect(await codes(services.assignments.progress(d.id, { unit: 'STC', status: 'finished' as 'done' }, 'x'))).toBe('invalid_enum');
    expect((await services.assignments.current(d.id)).history).toHaveLength(1);
  });
});

describe('follow-up and statistics', () => {
  it('lists overdue and due-soon work per unit', async () => {
    const { services } = await office('2026-04-10T09:00:00+07:00');
    const a = await add(services, 1, '2026-04-01T08:00');
    const b = await add(services, 2, '2026-04-02T08:00');
    const c = await add(services, 3, '2026-04-03T08:00');
    await services.assignments.assign(a.id, { lead: 'STC', due: '2026-04-08', at: '2026-04-01T09:00' }, 'x');
    await services.assignments.assign(b.id, { lead: 'SNV', due: '2026-04-11', at: '2026-04-02T09:00' }, 'x');
    await services.assignments.assign(c.id, { lead: 'STC', due: '2026-04-09', at: '2026-04-03T09:00' }, 'x');
    await services.assignments.progress(c.id, { unit: 'STC', status: 'done', at: '2026-04-09T16:00' }, 'x');
    expect((await services.assignments.overdue({})).map((r) => r.arrivalNumber)).toEqual([1]);
    expect(await services.assignments.overdue({ unit: 'SNV' })).toEqual([]);
    expect((await services.assignments.dueSoon({ days: 3 })).map((r) => [r.unit, r.dueDate])).toEqual([['SNV', '2026-04-11']]);
  });

  it('reports figures that reconcile exactly with the records', async () => {
    const { services, clock } = await office('2026-10-01T09:00:00+07:00');
    const plan = [
      // [arrival, lead, due, done at]
      ['2026-01-05T08:00', 'STC', '2026-01-15', '2026-01-14T10:00'], // on time
      ['2026-01-06T08:00', 'STC', '2026-01-15', '2026-01-20T10:00'], // late
      ['2026-02-02T08:00', 'SNV', '2026-02-10', '2026-02-10T17:00'], // on the day: on time
      ['2026-03-03T08:00', 'SNV', '2026-03-10', null], // overdue
      ['2026-09-28T08:00', 'SXD', '2026-10-05', null], // in progress
      ['2026-04-04T08:00', null, null, null], // not assigned
    ] as const;
    let n = 0;
    for (const [arrival, lead, due, done] of plan) {
      const d = await add(services, ++n, arrival, {
        typeName: n % 2 ? 'Công văn' : 'Quyết định',
        channel: n === 1 ? 'electronic' : 'paper',
      });
      if (lead) await services.assignments.assign(d.id, { lead, due: due!, at: arrival }, 'x');
      if (lead && done) await services.assignments.progress(d.id, { unit: lead, status: 'done', at: done }, 'x');
    }
    const voided = await add(services, 99, '2026-05-05T08:00');
    await services.incoming.void(voided.id, 'trùng', ACTOR);
    clock.set('2026-08-15T09:00:00+07:00');
    await services.tasks.add({ title: 'Việc 1', leadUnit: 'STC', deadline: '2026-09-01' }, 'x');
    await services.tasks.add({ title: 'Việc 2', leadUnit: 'SNV', deadline: '2026-12-01', status: 'in_progress' }, 'x');
    clock.set('2026-10-01T09:00:00+07:00');
    await services.tasks.add({ title: 'Việc sau kỳ báo cáo', leadUnit: 'SNV', deadline: '2026-12-01' }, 'x');

    const r = await services.reports.report({ from: '2026-01-01', to: '2026-09-30' });
    expect(r).toMatchObject({
      received: 6,
      assigned: 5,
      completed: 3,
      completedOnTime: 2,
      overdue: 1,
      inProgress: 1,
      onTimeRate: 0.6667,
      receivedByType: { 'Công văn': 3, 'Quyết định': 3 },
      receivedByChannel: { electronic: 1, paper: 5 },
    });
    // The same key order on both stores (PostgreSQL groups by hash).
    expect(Object.keys(r.receivedByType)).toEqual(['Công văn', 'Quyết định']);
    expect(Object.keys(r.receivedByChannel)).toEqual(['electronic', 'paper']);
    expect(r.byUnit.map((u) => [u.unit, u.assigned, u.completed, u.completedOnTime, u.overdue, u.inProgress])).toEqual([
      ['SNV', 2, 1, 1, 1, 0],
      ['STC', 2, 2, 1, 0, 0],
      ['SXD', 1, 0, 0, 0, 1],
    ]);
    expect(r.tasks).toMatchObject({ overdue: 1, in_progress: 1, total: 2 });
    // Per unit and the whole reconcile; a unit's own report is its row.
    const stc = await services.reports.report({ from: '2026-01-01', to: '2026-09-30', unit: 'STC' });
    expect(stc).toMatchObject({ received: 2, assigned: 2, completed: 2, completedOnTime: 1, onTimeRate: 0.5 });
    // A period that ended earlier judges "overdue" at its own end: due on the 10th and still
    // open at the end of the 9th is in progress; at the end of the 10th it is overdue.
    const march9 = await services.reports.report({ from: '2026-03-01', to: '2026-03-09' });
    expect(march9).toMatchObject({ received: 1, overdue: 0, inProgress: 1, asOf: '2026-03-09' });
    const march10 = await services.reports.report({ from: '2026-03-01', to: '2026-03-10' });
    expect(march10).toMatchObject({ overdue: 1, inProgress: 0 });
    await expect(services.reports.report({ from: '2026-09-30', to: '2026-01-01' })).rejects.toMatchObject({
      error: { code: 'invalid_range' },
    });
  });
});

describe('the report by arrival', () => {
  it('counts a document in the period of its corrected arrival, under its current lead only, and a voided one nowhere', async () => {
    const { services } = await office('2026-06-30T17:00:00+07:00');
    const a = await add(services, 1, '2026-03-03T08:00');
    const b = await add(services, 2, '2026-03-04T08:00', { urgency: 'flash', channel: 'electronic', typeName: 'Tờ trình' });
    const c = await add(services, 3, '2026-03-05T08:00');
    await services.assignments.assign(a.id, { lead: 'STC', due: '2026-03-20', at: '2026-03-03T09:00' }, 'x');
    await services.assignments.assign(b.id, { lead: 'SNV', due: '2026-03-20', at: '2026-03-04T09:00' }, 'x');
    // Moved to another unit: the replaced direction is history, not a second assignment.
    await services.assignments.assign(b.id, { lead: 'SXD', support: ['SNV'], due: '2026-03-25', at: '2026-03-06T09:00' }, 'x');
    await services.assignments.assign(c.id, { lead: 'STC', due: '2026-03-20', at: '2026-03-05T09:00' }, 'x');
    await services.incoming.void(c.id, 'trùng', ACTOR);
    const report = (from: string, to: string, unit?: string) => services.reports.report({ from, to, ...(unit ? { unit } : {}) });
    const units = (r: { byUnit: { unit: string; assigned: number; overdue: number }[] }) =>
      r.byUnit.map((u) => [u.unit, u.assigned, u.overdue]);

    const march = await report('2026-03-01', '2026-03-31');
    expect(march).toMatchObject({
      received: 2,
      assigned: 2,
      overdue: 2,
      receivedByType: { 'Quyết định': 1, 'Tờ trình': 1 },
      receivedByChannel: { electronic: 1, paper: 1 },
      receivedByUrgency: { flash: 1, normal: 1 },
    });
    expect(units(march)).toEqual([
      ['STC', 1, 1],
      ['SXD', 1, 1],
    ]);
    expect(await report('2026-03-01', '2026-03-31', 'SXD')).toMatchObject({ received: 1, assigned: 1, receivedByType: { 'Tờ trình': 1 } });
    expect(await report('2026-03-01', '2026-03-31', 'SNV')).toMatchObject({ received: 0, assigned: 0, byUnit: [] });

    // The clerk corrects the first document's arrival into February: it leaves March's
    // figures and STC's March, and is counted in February, still under STC.
    await services.incoming.update(a.id, { arrivalDate: '2026-02-27T08:00', issuedDate: '2026-02-26' }, ACTOR);
    expect(units(await report('2026-03-01', '2026-03-31'))).toEqual([['SXD', 1, 1]]);
    expect(await report('2026-03-01', '2026-03-31', 'STC')).toMatchObject({ received: 0, assigned: 0, receivedByType: {} });
    const february = await report('2026-02-01', '2026-02-28');
    expect(february).toMatchObject({ received: 1, assigned: 1, receivedByType: { 'Quyết định': 1 } });
    // Judged at February's end: due on 20 March, so still in progress then.
    expect(units(february)).toEqual([['STC', 1, 0]]);
    expect(await report('2026-02-01', '2026-02-28', 'STC')).toMatchObject({ received: 1, assigned: 1, overdue: 0, inProgress: 1 });
    // SQLite: the report sorts with a file temp store (workflowRepo.ts) and gives the
    // connection back as it was: temporary tables and indexes in memory (2).
    if (services.store instanceof SqliteStore) expect(services.store.db.pragma('temp_store', { simple: true })).toBe(2);
  });
});

describe('the directory', () => {
  it('imports units and people from CSV, all or nothing', async () => {
    const { services } = await office();
    expect(await services.directory.importUnits('Mã,Tên đơn vị\nSKHĐT,Sở Kế hoạch và Đầu tư\nSTC,Sở Tài chính\n', 'admin')).toMatchObject({
      imported: 1,
      existing: 1,
    });
    const bad = await services.directory
      .importPeople('Họ và tên,Đơn vị,Chức vụ\nNguyễn Văn An,STC,Giám đốc\n,STC,\nTrần Thị Bình,KHONG,Chuyên viên\n', 'admin')
      .catch((e: unknown) => e);
    expect((bad as { result: { rejected: { line: number; code: string }[] } }).result.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, 'required'],
      [4, 'unknown_unit'],
    ]);
    expect(await services.directory.listPeople()).toEqual([]);
    expect(await services.directory.importPeople('Họ và tên,Đơn vị,Chức vụ\nNguyễn Văn An,stc,Giám đốc\n', 'admin')).toMatchObject({
      imported: 1,
    });
    expect(await services.directory.listPeople()).toMatchObject([{ fullName: 'Nguyễn Văn An', unit: 'STC', role: 'Giám đốc' }]);
    await expect(services.directory.addUnit('STC', 'Trùng', 'admin')).rejects.toMatchObject({ error: { code: 'duplicate_unit' } });
    await expect(services.directory.addUnit('bad code!', 'x', 'admin')).rejects.toMatchObject({ error: { code: 'invalid_code' } });
  });
});

describe('tasks and the calendar', () => {
  it('tracks task status, done late and overdue by the deadline', async () => {
    const { services, clock } = await office('2026-05-01T09:00:00+07:00');
    const t = await services.tasks.add(
      { title: 'Xây dựng kế hoạch', source: 'Kết luận phiên họp tháng 4', leadUnit: 'STC', supportUnits: ['SNV'], deadline: '2026-05-10' },
      'x',
    );
    expect(t).toMatchObject({ status: 'new', displayStatus: 'new', supportUnits: ['SNV'] });
    clock.set('2026-05-12T09:00:00+07:00');
    expect((await services.tasks.list({ status: 'overdue' })).map((x) => x.id)).toEqual([t.id]);
    const done = await services.tasks.update(t.id, { status: 'done', replySymbol: '12/STC-NS' }, 'x');
    expect(done).toMatchObject({ status: 'done', displayStatus: 'done_late', doneAt: '2026-05-12T09:00:00+07:00' });
    await expect(services.tasks.add({ title: '', leadUnit: 'KHONG', deadline: '2026-02-30' }, 'x')).rejects.toMatchObject({
      error: { code: 'required' },
    });
    await expect(services.tasks.add({ title: 'x', leadUnit: 'KHONG', deadline: '2026-06-01' }, 'x')).rejects.toMatchObject({
      error: { code: 'unknown_unit' },
    });
  });

  it('lists the holidays of a year with their names and lets an administrator adjust them', async () => {
    const { services } = await office();
    const y = await services.calendar.holidays(2026);
    expect(y.days.find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'compensatory' });
    expect(y.days.filter((d) => d.name.startsWith('Tết Nguyên đán'))).toHaveLength(5);
    expect((await services.calendar.addWorkingDays('2026-04-24', 3)).date).toBe('2026-05-04');
    await services.calendar.adjust(2026, { add: [{ date: '2026-02-23', name: 'Nghỉ Tết (hoán đổi)' }], workdays: ['2026-02-28'] }, 'admin');
    expect((await services.calendar.addWorkingDays('2026-02-13', 1)).date).toBe('2026-02-24');
    await expect(services.calendar.adjust(2026, { add: [{ date: '2027-01-01', name: 'x' }] }, 'admin')).rejects.toMatchObject({
      error: { code: 'wrong_year' },
    });
  });
});

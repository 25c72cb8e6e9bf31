/**
 * The organisation's units and people, tasks and the holiday calendar through the real
 * `vanthu` command line, as an administrator scripting the set-up would use them: what each
 * command prints, and what a mistake gets (exit 2, a stable code, nothing written).
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initOffice } from './office.js';

describe('vanthu unit / person', () => {
  it('adds, lists and imports units and people; refuses duplicates, unknown units and bad CSV rows', () => {
    const o = initOffice();
    const added = o.vanthu(['unit', 'add', '--code', 'stc', '--name', 'Sở  Tài chính']);
    expect(added.code, added.stderr).toBe(0);
    // Codes are upper-cased, names tidied (NFC, single spaces).
    expect(added.json()).toMatchObject({ code: 'STC', name: 'Sở Tài chính' });
    o.refused(['unit', 'add', '--code', 'STC', '--name', 'Sở Tài chính (trùng)'], 'duplicate_unit', 'code');
    o.refused(['unit', 'add', '--code', 'SNV'], 'required', 'name');

    const units = o.file('don-vi.csv');
    writeFileSync(units, 'code,name\nSNV,Sở Nội vụ\nSXD,Sở Xây dựng\nSTC,Sở Tài chính\n');
    expect(o.vanthu(['unit', 'import', units]).json()).toEqual({ imported: 2, existing: 1, rejected: [] });
    const badUnits = o.file('don-vi-loi.csv');
    writeFileSync(badUnits, 'code,name\nSYT,Sở Y tế\n,Không có mã\nSGD,\n');
    const refusedUnits = o.refused(['unit', 'import', badUnits], 'import_failed', undefined, { result: true });
    expect(refusedUnits.json()).toMatchObject({
      imported: 0,
      rejected: [
        { line: 3, field: 'code', code: 'required' },
        { line: 4, field: 'name', code: 'required' },
      ],
    });
    o.refused(['unit', 'import', o.file('khong-co.csv')], 'file_not_found', 'file');
    expect(
      o
        .vanthu(['unit', 'list'])
        .json()
        .map((u: { code: string }) => u.code),
    ).toEqual(['SNV', 'STC', 'SXD']);

    const person = o.vanthu(['person', 'add', '--name', 'Nguyễn Thị Hoa', '--unit', 'STC', '--role', 'Chuyên viên']);
    expect(person.code, person.stderr).toBe(0);
    expect(person.json()).toEqual({ id: expect.any(Number) });
    o.refused(['person', 'add', '--name', 'Trần Văn Bình', '--unit', 'KHONG'], 'unknown_unit', 'unit');
    o.refused(['person', 'add', '--unit', 'STC'], 'required', 'fullName');

    const people = o.file('can-bo.csv');
    writeFileSync(people, 'Họ và tên,Đơn vị,Chức vụ\nLê Văn Cường,SNV,Trưởng phòng\nPhạm Thị Dung,,Văn thư\n');
    expect(o.vanthu(['person', 'import', people]).json()).toEqual({ imported: 2, rejected: [] });
    const badPeople = o.file('can-bo-loi.csv');
    writeFileSync(badPeople, 'fullName,unit,role\nHoàng Văn Em,SNV,\nVõ Thị Gấm,SYT,Chuyên viên\n');
    const refusedPeople = o.refused(['person', 'import', badPeople], 'import_failed', undefined, { result: true });
    // All or nothing: the good first row is not kept either.
    expect(refusedPeople.json()).toMatchObject({ imported: 0, rejected: [{ line: 3, field: 'unit', code: 'unknown_unit' }] });

    const list = o.vanthu(['person', 'list']).json() as { fullName: string; unit: string | null; role: string | null }[];
    expect(list.map((p) => p.fullName).sort()).toEqual(['Lê Văn Cường', 'Nguyễn Thị Hoa', 'Phạm Thị Dung']);
    expect(list.find((p) => p.fullName === 'Nguyễn Thị Hoa')).toMatchObject({ role: 'Chuyên viên' });
  }, 240_000);
});

describe('vanthu calendar', () => {
  it('counts working days over Tết, lists and adjusts holidays; refuses bad dates and a wrong year', () => {
    const o = initOffice();
    // Friday before Tết 2026: one working day later is the Monday after the holiday.
    expect(o.vanthu(['calendar', 'working-days', '--from', '2026-02-13', '--days', '1']).json()).toEqual({
      from: '2026-02-13',
      days: 1,
      date: '2026-02-23',
    });
    // Dates typed the Vietnamese way are accepted too.
    expect(o.vanthu(['calendar', 'working-days', '--from', '05/03/2026', '--days', '5']).json().date).toBe('2026-03-12');
    o.refused(['calendar', 'working-days', '--from', '2026-02-30', '--days', '1'], 'invalid_date', 'from');
    o.refused(['calendar', 'working-days', '--from', '2026-03-02'], 'required', 'days');
    o.refused(['calendar', 'working-days', '--from', '2026-03-02', '--days', 'năm'], 'invalid_number', 'days');

    const holidays = o.vanthu(['calendar', 'holidays', '--year', '2026']).json() as {
      year: number;
      days: { date: string; name: string }[];
    };
    expect(holidays.year).toBe(2026);
    const dates = holidays.days.map((d) => d.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-17', '2026-04-30', '2026-05-01', '2026-09-02']));
    expect(holidays.days.find((d) => d.date === '2026-02-17')!.name).toMatch(/Tết Nguyên đán/);
    o.refused(['calendar', 'holidays', '--year', '1800'], 'invalid_number', 'year');
    o.refused(['calendar', 'holidays'], 'required', 'year');

    const adjusted = o.vanthu([
      'calendar',
      'adjust',
      '--year',
      '2026',
      '--data',
      JSON.stringify({ add: [{ date: '2026-02-23', name: 'Nghỉ bù Tết (hoán đổi)' }], workdays: ['2026-02-28'] }),
    ]);
    expect(adjusted.code, adjusted.stderr).toBe(0);
    expect(adjusted.json().days).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2026-02-23', name: 'Nghỉ bù Tết (hoán đổi)' })]),
    );
    // The adjustment counts from now on: 23 February is a day off, Saturday 28th a working day.
    expect(o.vanthu(['calendar', 'working-days', '--from', '2026-02-13', '--days', '1']).json().date).toBe('2026-02-24');
    o.refused(
      ['calendar', 'adjust', '--year', '2026', '--data', JSON.stringify({ add: [{ date: '2027-01-04', name: 'Nghỉ' }] })],
      'wrong_year',
    );
    o.refused(['calendar', 'adjust', '--year', '2026', '--data', '{"add": ['], 'invalid_json', 'data');
    expect(
      o
        .vanthu(['calendar', 'holidays', '--year', '2026'])
        .json()
        .days.map((d: { date: string }) => d.date),
    ).toContain('2026-02-23');
  }, 240_000);
});

describe('vanthu task', () => {
  it('adds, updates and lists tasks with the status a person reads; refuses bad input', () => {
    const o = initOffice('2026-03-10T09:00:00+07:00');
    o.batch([
      { cmd: 'unit add', args: { code: 'STC', name: 'Sở Tài chính' } },
      { cmd: 'unit add', args: { code: 'SNV', name: 'Sở Nội vụ' } },
    ]);
    const task = o.vanthu([
      'task',
      'add',
      '--data',
      JSON.stringify({ title: 'Tổng hợp báo cáo quý I', leadUnit: 'STC', supportUnits: ['SNV'], deadline: '2026-03-31' }),
    ]);
    expect(task.code, task.stderr).toBe(0);
    expect(task.json()).toMatchObject({
      title: 'Tổng hợp báo cáo quý I',
      leadUnit: 'STC',
      supportUnits: ['SNV'],
      deadline: '2026-03-31',
      status: 'new',
      displayStatus: 'new',
    });
    const late = o.vanthu(['task', 'add', '--data', JSON.stringify({ title: 'Rà soát thủ tục', leadUnit: 'SNV', deadline: '2026-03-01' })]);
    expect(late.json()).toMatchObject({ status: 'new', displayStatus: 'overdue' });
    o.refused(['task', 'add', '--data', JSON.stringify({ title: 'Thiếu hạn', leadUnit: 'STC' })], 'required', 'deadline');
    o.refused(
      ['task', 'add', '--data', JSON.stringify({ title: 'Sai đơn vị', leadUnit: 'KHONG', deadline: '2026-04-01' })],
      'unknown_unit',
    );
    o.refused(['task', 'add'], 'required', 'data');

    const id = String(task.json().id);
    const done = o.vanthu(['task', 'update', id, '--data', JSON.stringify({ status: 'done', replySymbol: '45/STC-TH' })]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json()).toMatchObject({
      status: 'done',
      displayStatus: 'done',
      replySymbol: '45/STC-TH',
      doneAt: expect.stringMatching(/^2026-03-10T09:/),
    });
    o.refused(['task', 'update', '999', '--data', JSON.stringify({ status: 'done' })], 'not_found');
    o.refused(['task', 'update', id, '--data', JSON.stringify({ status: 'finished' })], 'invalid_enum', 'status');

    expect(
      o
        .vanthu(['task', 'list'])
        .json()
        .map((t: { title: string }) => t.title)
        .sort(),
    ).toEqual(['Rà soát thủ tục', 'Tổng hợp báo cáo quý I']);
    expect(
      o
        .vanthu(['task', 'list', '--unit', 'SNV'])
        .json()
        .map((t: { displayStatus: string }) => t.displayStatus),
    ).toEqual(['overdue']);
    expect(
      o
        .vanthu(['task', 'list', '--status', 'done'])
        .json()
        .map((t: { id: number }) => t.id),
    ).toEqual([Number(id)]);
    o.refused(['task', 'list', '--status', 'xong'], 'invalid_enum', 'status');
  }, 240_000);
});

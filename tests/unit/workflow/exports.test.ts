/**
 * What leaves the follow-up workflow on paper or as a file: the periodic report (PDF and
 * XLSX), the routing slip, the follow-up book and the reminder draft. Built on a real
 * database with past work entered through the services (fixed clock, `at` times), then
 * read back the way a user meets them: pdftotext on the PDFs, exceljs on the workbook.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/shared/domain/workflow.js';
import { exportReport } from '../../../src/main/reports/exportReport.js';
import { formatRate } from '../../../src/main/reports/reportPdf.js';
import { renderReportXlsx, SHEETS } from '../../../src/main/reports/reportXlsx.js';
import { buildRoutingSlip } from '../../../src/main/pdf/routingSlip.js';
import { buildFollowUpBook } from '../../../src/main/workflow/followUpBook.js';
import { daysOverdue, draftReminder, REMINDER_SUBJECT } from '../../../src/main/workflow/reminder.js';
import { cli } from '../cliHelpers.js';
import { addFixtureAccounts, doc, freshServices, tempDir } from '../helpers.js';

const NOW = '2026-04-20T09:00:00+07:00';
const ACTOR = 'văn thư A';
const SIGNER = { authority: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', name: 'Nguyễn Văn An' };

const run = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const squash = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ');
const pdfText = (file: string, mode = '-layout'): string => run('pdftotext', mode, file, '-');
const pageCount = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', file))![1]);

/** Set VANTHU_EXPORTS_DIR to keep the rendered files (and page images) for a look. */
function save(name: string, bytes: Uint8Array, dir = tempDir()): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const keep = process.env.VANTHU_EXPORTS_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    copyFileSync(file, path.join(keep, name));
    if (name.endsWith('.pdf')) run('pdftoppm', '-r', '80', '-png', file, path.join(keep, name.replace(/\.pdf$/, '')));
  }
  return file;
}

/**
 * March 2026 at a provincial People's Committee, seen on 20 April:
 * - KHDT leads D1 (done on time, NV supports, still open), D2 (done late), D3 (open, overdue);
 * - NV leads D4 (done on time) and D5 (open, due 10/4: in progress at the end of March,
 *   overdue today; TC supports it);
 * - TC leads D6 (due 30/4, in progress); YT leads D7 (due 31/3, done only on 2/4, so
 *   overdue at the period's end); D8 has no direction yet;
 * - outside March: D9 (5/4, KHDT, overdue today) and D10 (February, done).
 */
async function buildOffice() {
  const { services, dbPath, clock } = await freshServices({ now: NOW });
  for (const [code, name] of [
    ['KHDT', 'Sở Kế hoạch và Đầu tư'],
    ['NV', 'Sở Nội vụ'],
    ['TC', 'Sở Tài chính'],
    ['YT', 'Sở Y tế'],
    ['GTVT', 'Sở Giao thông vận tải'],
  ])
    await services.directory.addUnit(code, name, ACTOR);

  const add = async (n: number, over: Record<string, unknown>) =>
    (await services.incoming.add(doc({ symbol: `${n}/UBND-VP`, organName: 'Ủy ban nhân dân huyện Sơn Tịnh', ...over }), { actor: ACTOR }))
      .id;
  const ids = {
    d10: await add(10, {
      typeName: 'Công văn',
      subject: 'Về việc báo cáo tình hình đầu năm',
      issuedDate: '2026-02-18',
      arrivalDate: '2026-02-20T08:00:00+07:00',
    }),
    d1: await add(1, {
      typeName: 'Quyết định',
      subject: 'Về việc phê duyệt kế hoạch đầu tư công',
      issuedDate: '2026-03-01',
      arrivalDate: '2026-03-02T08:15:00+07:00',
    }),
    d2: await add(2, {
      typeName: 'Công văn',
      subject: 'Về việc góp ý dự thảo quy hoạch',
      issuedDate: '2026-03-03',
      arrivalDate: '2026-03-04T09:00:00+07:00',
    }),
    d3: await add(3, {
      typeName: 'Công văn',
      subject: 'Về việc khắc phục hậu quả mưa lũ',
      issuedDate: '2026-03-05',
      arrivalDate: '2026-03-06T14:30:00+07:00',
      urgency: 'urgent',
    }),
    d4: await add(4, {
      typeName: 'Kế hoạch',
      subject: 'Kế hoạch cải cách hành chính năm 2026',
      issuedDate: '2026-03-09',
      arrivalDate: '2026-03-10T08:00:00+07:00',
    }),
    d5: await add(5, {
      typeName: 'Công văn',
      subject: 'Về việc tuyển dụng viên chức',
      issuedDate: '2026-03-12',
      arrivalDate: '2026-03-13T10:00:00+07:00',
      channel: 'electronic',
    }),
    d6: await add(6, {
      typeName: 'Thông báo',
      subject: 'Thông báo kết luận của Chủ tịch UBND tỉnh',
      issuedDate: '2026-03-16',
      arrivalDate: '2026-03-17T08:00:00+07:00',
      channel: 'electronic',
    }),
    d7: await add(7, {
      typeName: 'Tờ trình',
      subject: 'Về việc bổ sung kinh phí phòng chống dịch',
      issuedDate: '2026-03-19',
      arrivalDate: '2026-03-20T15:00:00+07:00',
      urgency: 'very_urgent',
    }),
    d8: await add(8, {
      typeName: 'Báo cáo',
      subject: 'Báo cáo tình hình kinh tế - xã hội quý I',
      issuedDate: '2026-03-27',
      arrivalDate: '2026-03-28T08:00:00+07:00',
    }),
    d9: await add(9, {
      typeName: 'Công văn',
      subject: 'Về việc rà soát dự án chậm tiến độ',
      issuedDate: '2026-04-03',
      arrivalDate: '2026-04-05T08:00:00+07:00',
    }),
  };

  const a = services.assignments;
  await a.assign(
    ids.d10,
    { lead: 'KHDT', due: '2026-02-27', direction: 'Giao Sở Kế hoạch và Đầu tư tham mưu.', at: '2026-02-20T10:00' },
    'Chủ tịch',
  );
  await a.progress(ids.d10, { unit: 'KHDT', status: 'done', at: '2026-02-26T16:00' }, ACTOR);

  await a.assign(
    ids.d1,
    {
      lead: 'KHDT',
      support: [{ unit: 'NV', due: '2026-03-11' }],
      due: '2026-03-13',
      direction: 'Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp Sở Nội vụ nghiên cứu, tham mưu UBND tỉnh.',
      at: '2026-03-02T10:00',
    },
    'Phó Chủ tịch Trần Văn Bình',
  );
  await a.progress(ids.d1, { unit: 'KHDT', status: 'done', reply: '45/SKHĐT-TH', at: '2026-03-12T16:00' }, ACTOR);
  await a.progress(ids.d1, { unit: 'NV', status: 'in_progress', at: '2026-03-05T08:00' }, ACTOR);

  await a.assign(ids.d2, { lead: 'KHDT', due: '2026-03-16', direction: 'Góp ý, gửi trước hạn.', at: '2026-03-04T11:00' }, 'Chủ tịch');
  await a.progress(ids.d2, { unit: 'KHDT', status: 'done', reply: '52/SKHĐT-QH', at: '2026-03-20T10:00' }, ACTOR);

  // D3 was first given to NV, then re-directed to KHDT with YT supporting: the slip shows both.
  await a.assign(ids.d3, { lead: 'NV', due: '2026-03-13', at: '2026-03-06T15:00' }, 'Chủ tịch');
  await a.assign(
    ids.d3,
    {
      lead: 'KHDT',
      support: ['YT'],
      due: '2026-03-20',
      direction: 'Khẩn trương khắc phục, báo cáo UBND tỉnh.',
      at: '2026-03-07T08:00',
    },
    'Chủ tịch',
  );
  await a.progress(ids.d3, { unit: 'KHDT', status: 'in_progress', at: '2026-03-09T08:00' }, ACTOR);

  await a.assign(ids.d4, { lead: 'NV', due: '2026-03-27', at: '2026-03-10T09:00' }, 'Chủ tịch');
  await a.progress(ids.d4, { unit: 'NV', status: 'done', reply: '120/SNV-CCHC', at: '2026-03-25T09:00' }, ACTOR);

  await a.assign(ids.d5, { lead: 'NV', support: ['TC'], due: '2026-04-10', at: '2026-03-13T11:00' }, 'Chủ tịch');
  await a.progress(ids.d5, { unit: 'NV', status: 'in_progress', at: '2026-03-16T08:00' }, ACTOR);

  await a.assign(ids.d6, { lead: 'TC', due: '2026-04-30', at: '2026-03-17T09:00' }, 'Chủ tịch');

  await a.assign(ids.d7, { lead: 'YT', due: '2026-03-31', at: '2026-03-20T16:00' }, 'Chủ tịch');
  await a.progress(ids.d7, { unit: 'YT', status: 'done', at: '2026-04-02T09:00' }, ACTOR);

  await a.assign(ids.d9, { lead: 'KHDT', due: '2026-04-15', at: '2026-04-05T09:00' }, 'Chủ tịch');

  // Tasks are dated by the clock: step it back into March to create them.
  const t = services.tasks;
  const at = (iso: string) => clock.set(iso);
  at('2026-03-05T09:00:00+07:00');
  const t1 = await t.add({ title: 'Xây dựng kế hoạch đầu tư công trung hạn', leadUnit: 'KHDT', deadline: '2026-03-15' }, ACTOR);
  at('2026-03-02T09:00:00+07:00');
  const t2 = await t.add({ title: 'Rà soát biên chế', leadUnit: 'NV', deadline: '2026-03-10' }, ACTOR);
  at('2026-03-06T09:00:00+07:00');
  await t.add({ title: 'Quyết toán kinh phí', leadUnit: 'TC', deadline: '2026-03-20' }, ACTOR);
  at('2026-03-10T09:00:00+07:00');
  await t.add({ title: 'Tiêm chủng mở rộng', leadUnit: 'YT', deadline: '2026-04-30', status: 'in_progress' }, ACTOR);
  at('2026-03-11T09:00:00+07:00');
  await t.add({ title: 'Thu hút đầu tư', leadUnit: 'KHDT', deadline: '2026-04-30' }, ACTOR);
  at('2026-03-12T09:00:00+07:00');
  const t6 = await t.add({ title: 'Hội nghị đã hoãn', leadUnit: 'GTVT', deadline: '2026-03-30' }, ACTOR);
  await t.update(t6.id, { status: 'cancelled' }, ACTOR);
  at('2026-03-12T10:00:00+07:00');
  await t.update(t2.id, { status: 'done' }, ACTOR);
  at('2026-03-14T10:00:00+07:00');
  await t.update(t1.id, { status: 'done' }, ACTOR);
  at(NOW);

  return { services, dbPath, ids };
}

/** The March figures worked out by hand from the story above. */
const MARCH = {
  received: 8,
  assigned: 7,
  completed: 3,
  completedOnTime: 2,
  overdue: 2,
  inProgress: 2,
  units: {
    KHDT: { assigned: 3, completed: 2, completedOnTime: 1, overdue: 1, inProgress: 0 },
    NV: { assigned: 2, completed: 1, completedOnTime: 1, overdue: 0, inProgress: 1 },
    TC: { assigned: 1, completed: 0, completedOnTime: 0, overdue: 0, inProgress: 1 },
    YT: { assigned: 1, completed: 0, completedOnTime: 0, overdue: 1, inProgress: 0 },
  },
};

async function marchReport(): Promise<{
  report: Report;
  services: Awaited<ReturnType<typeof buildOffice>>['services'];
  dbPath: string;
  ids: Awaited<ReturnType<typeof buildOffice>>['ids'];
}> {
  const office = await buildOffice();
  const report = await office.services.reports.report({ from: '2026-03-01', to: '2026-03-31' });
  return { report, ...office };
}

describe('the fixture', () => {
  it('gives the figures worked out by hand', async () => {
    const { report } = await marchReport();
    expect(report).toMatchObject({
      received: MARCH.received,
      assigned: MARCH.assigned,
      completed: MARCH.completed,
      completedOnTime: MARCH.completedOnTime,
      overdue: MARCH.overdue,
      inProgress: MARCH.inProgress,
      asOf: '2026-03-31',
    });
    expect(
      Object.fromEntries(
        report.byUnit.map((u) => [
          u.unit,
          {
            assigned: u.assigned,
            completed: u.completed,
            completedOnTime: u.completedOnTime,
            overdue: u.overdue,
            inProgress: u.inProgress,
          },
        ]),
      ),
    ).toEqual(MARCH.units);
    expect(report.tasks).toMatchObject({ new: 1, in_progress: 1, done: 1, done_late: 1, overdue: 1, cancelled: 1, total: 6 });
  });
});

describe('report PDF', () => {
  it('prints the figures, a row per unit and a total row equal to the overall figures', async () => {
    const { report } = await marchReport();
    const bytes = await exportReport(report, 'bao-cao.pdf', {
      orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      printedAt: new Date('2026-04-20T02:00:00Z'),
    });
    const file = save('report.pdf', bytes);
    const text = squash(pdfText(file));
    // The two header columns interleave in the text; each part is there.
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('TỈNH QUẢNG NGÃI');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Quảng Ngãi, ngày 20 tháng 4 năm 2026');
    expect(text).toContain('BÁO CÁO THỐNG KÊ TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(text).toContain('Tổng số văn bản đến trong kỳ: 8 văn bản.');
    // By type, most frequent first; channels and urgencies with their Vietnamese labels.
    expect(text).toMatch(/1 Công văn 3 37,5%/);
    expect(text).toMatch(/Giấy 6 75,0%/);
    expect(text).toMatch(/Điện tử 2 25,0%/);
    expect(text).toMatch(/Khẩn 1 12,5%/);
    expect(text).toMatch(/Thượng khẩn 1 12,5%/);
    expect(text).toMatch(/Hỏa tốc 0 0,0%/);
    expect(text).toMatch(/Văn bản đã giao đơn vị chủ trì giải quyết 7/);
    expect(text).toMatch(/hoàn thành đúng hạn, trước hạn 2/);
    expect(text).toMatch(/Quá hạn \(chưa hoàn thành\) 2/);
    expect(text).toMatch(/Đang xử lý \(trong hạn\) 2/);
    expect(text).toMatch(/Tỷ lệ hoàn thành đúng hạn 66,7%/);

    // The unit table, read as lines: each unit's row and the total row.
    const lines = pdfText(file)
      .split('\n')
      .map(squash)
      .map((l) => l.trim());
    const row = (label: string) => lines.find((l) => l.includes(label) && /\d+ \d+ \d+ \d+ \d+ (\d+,\d%|—)$/.test(l));
    expect(row('Sở Kế hoạch và Đầu tư')).toMatch(/3 2 1 1 0 50,0%$/);
    expect(row('Sở Nội vụ')).toMatch(/2 1 1 0 1 100,0%$/);
    expect(row('Sở Tài chính')).toMatch(/1 0 0 0 1 —$/);
    expect(row('Sở Y tế')).toMatch(/1 0 0 1 0 —$/);
    const total = row('Tổng cộng')!;
    const nums = total.replace(/.*Tổng cộng /, '').split(' ');
    expect(nums).toEqual(
      [report.assigned, report.completed, report.completedOnTime, report.overdue, report.inProgress]
        .map(String)
        .concat(formatRate(report.completedOnTime, report.completed)),
    );
    // The unit rows add up to it as well.
    const sum = (k: 'assigned' | 'completed' | 'completedOnTime' | 'overdue' | 'inProgress') => report.byUnit.reduce((s, u) => s + u[k], 0);
    expect(nums.slice(0, 5).map(Number)).toEqual([
      sum('assigned'),
      sum('completed'),
      sum('completedOnTime'),
      sum('overdue'),
      sum('inProgress'),
    ]);

    // Tasks by status, the chart's legend, the signature block; page numbers from page 2.
    expect(text).toMatch(/Hoàn thành quá hạn 1/);
    expect(text).toMatch(/Đã hủy 1/);
    expect(text).toMatch(/Tổng cộng 6 100,0%/);
    expect(text).toContain('Biểu đồ: Văn bản hoàn thành đúng hạn và quá hạn theo đơn vị');
    expect(text).toContain('THỦ TRƯỞNG CƠ QUAN');
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    const firstLine = (p: number) =>
      run('pdftotext', '-layout', '-f', String(p), '-l', String(p), file, '-')
        .split('\n')
        .find((l) => l.trim())!
        .trim();
    expect(firstLine(1)).not.toBe('1');
    for (let p = 2; p <= pages; p++) expect(firstLine(p)).toBe(String(p));
    expect(run('pdffonts', file)).toMatch(/LiberationSerif/);
  });

  it('names the unit of a filtered report and prints "—" for a rate with nothing finished', async () => {
    const { services } = await buildOffice();
    const report = await services.reports.report({ from: '2026-03-01', to: '2026-03-31', unit: 'TC' });
    const file = save('report-tc.pdf', await exportReport(report, 'x.pdf', { orgName: null, printedAt: new Date('2026-04-20T02:00:00Z') }));
    const text = squash(pdfText(file));
    expect(text).toContain('Đơn vị: Sở Tài chính (TC)');
    expect(text).toMatch(/Tỷ lệ hoàn thành đúng hạn —/);
    expect(text).toContain('Ngày 20 tháng 4 năm 2026');
  });
});

describe('report XLSX', () => {
  it('holds the same numbers, with SUM formulas and their cached values', async () => {
    const { report } = await marchReport();
    const bytes = await exportReport(report, 'bao-cao.xlsx', {
      orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      printedAt: new Date('2026-04-20T02:00:00Z'),
    });
    save('report.xlsx', bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.summary, SHEETS.types, SHEETS.units, SHEETS.tasks]);

    // Overall figures: find a row by its label.
    const summary = wb.getWorksheet(SHEETS.summary)!;
    const byLabel = new Map<string, ExcelJS.Cell>();
    summary.eachRow((r) => {
      const label = r.getCell(2).value;
      if (typeof label === 'string') byLabel.set(label, r.getCell(3));
    });
    expect(byLabel.get('Tổng số văn bản đến')!.value).toBe(8);
    expect(byLabel.get('Hình thức: Điện tử')!.value).toBe(2);
    expect(byLabel.get('Độ khẩn: Thượng khẩn')!.value).toBe(1);
    expect(byLabel.get('Văn bản đã giao đơn vị chủ trì giải quyết')!.value).toBe(7);
    expect(byLabel.get('Đã hoàn thành')!.value).toBe(3);
    expect(byLabel.get('Trong đó: hoàn thành đúng hạn, trước hạn')!.value).toBe(2);
    expect(byLabel.get('Quá hạn (chưa hoàn thành)')!.value).toBe(2);
    expect(byLabel.get('Đang xử lý (trong hạn)')!.value).toBe(2);
    const rateCell = byLabel.get('Tỷ lệ hoàn thành đúng hạn')!;
    expect(rateCell.value).toBeCloseTo(2 / 3, 4);
    expect(rateCell.numFmt).toBe('0.0%');
    const fromCell = byLabel.get('Từ ngày')!;
    expect(fromCell.value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(fromCell.numFmt).toBe('dd/mm/yyyy');
    expect(byLabel.get('Hoàn thành quá hạn')!.value).toBe(1);

    // By type: counts as numbers, most frequent first, total as a formula with its value.
    const types = wb.getWorksheet(SHEETS.types)!;
    const typeRows: [string, number][] = [];
    let typeTotal: ExcelJS.Cell | null = null;
    types.eachRow((r) => {
      if (r.getCell(2).value === 'Tổng cộng') typeTotal = r.getCell(3);
      else if (typeof r.getCell(3).value === 'number') typeRows.push([r.getCell(2).value as string, r.getCell(3).value as number]);
    });
    expect(typeRows[0]).toEqual(['Công văn', 3]);
    expect(Object.fromEntries(typeRows)).toEqual(report.receivedByType);
    expect(typeTotal!.formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    expect(typeTotal!.result).toBe(8);

    // By unit: a row per unit and a total row of SUMs equal to the overall figures.
    const units = wb.getWorksheet(SHEETS.units)!;
    const header = units.getRow(5).values as unknown[];
    expect(header.slice(1)).toEqual([
      'STT',
      'Mã đơn vị',
      'Tên đơn vị',
      'Đã giao',
      'Đã hoàn thành',
      'Hoàn thành đúng hạn',
      'Quá hạn',
      'Đang xử lý (trong hạn)',
      'Tỷ lệ đúng hạn',
    ]);
    expect(units.getRow(5).getCell(1).font.bold).toBe(true);
    const unitRows = new Map<string, number[]>();
    let totalRow: ExcelJS.Row | null = null;
    units.eachRow((r, n) => {
      if (n <= 5) return;
      if (r.getCell(3).value === 'Tổng cộng') totalRow = r;
      else
        unitRows.set(
          r.getCell(2).value as string,
          [4, 5, 6, 7, 8].map((c) => r.getCell(c).value as number),
        );
    });
    expect(Object.fromEntries(unitRows)).toEqual(
      Object.fromEntries(
        Object.entries(MARCH.units).map(([k, v]) => [k, [v.assigned, v.completed, v.completedOnTime, v.overdue, v.inProgress]]),
      ),
    );
    const tr = totalRow as unknown as ExcelJS.Row;
    const totals = [4, 5, 6, 7, 8].map((c) => tr.getCell(c));
    for (const c of totals) expect(c.formula).toMatch(/^SUM\([D-H]6:[D-H]9\)$/);
    expect(totals.map((c) => c.result)).toEqual([
      report.assigned,
      report.completed,
      report.completedOnTime,
      report.overdue,
      report.inProgress,
    ]);
    expect(tr.getCell(9).result).toBeCloseTo(report.onTimeRate!, 4);
    expect(tr.getCell(9).numFmt).toBe('0.0%');

    // Tasks.
    const tasks = wb.getWorksheet(SHEETS.tasks)!;
    const taskCells = new Map<string, ExcelJS.Cell>();
    tasks.eachRow((r) => typeof r.getCell(2).value === 'string' && taskCells.set(r.getCell(2).value as string, r.getCell(3)));
    expect(taskCells.get('Hoàn thành quá hạn')!.value).toBe(1);
    expect(taskCells.get('Quá hạn')!.value).toBe(1);
    expect(taskCells.get('Tổng cộng')!.result).toBe(6);
  });

  it('writes an empty period without failing (zero totals, dash rates)', async () => {
    const { services } = await buildOffice();
    const report = await services.reports.report({ from: '2025-01-01', to: '2025-01-31' });
    const bytes = await renderReportXlsx(report, { orgName: null, printedAt: new Date('2026-04-20T02:00:00Z') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet(SHEETS.summary)!;
    const values: Record<string, unknown> = {};
    summary.eachRow((r) => typeof r.getCell(2).value === 'string' && (values[r.getCell(2).value as string] = r.getCell(3).value));
    expect(values['Tổng số văn bản đến']).toBe(0);
    expect(values['Tỷ lệ hoàn thành đúng hạn']).toBe('—');
    const pdf = save(
      'report-empty.pdf',
      await exportReport(report, 'x.pdf', { orgName: null, printedAt: new Date('2026-04-20T02:00:00Z') }),
    );
    expect(squash(pdfText(pdf))).toContain('Không có văn bản được giao trong kỳ');
  });
});

describe('routing slip', () => {
  it('carries the direction, the lead and supporting units with their deadlines, and the earlier direction', async () => {
    const { services, ids } = await buildOffice();
    const slip = await buildRoutingSlip(services, ids.d3);
    const file = save('slip.pdf', slip.bytes);
    expect(pageCount(file)).toBe(1);
    const text = squash(pdfText(file));
    expect(text).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('ỦY BAN NHÂN DÂN');
    expect(text).toContain('TỈNH QUẢNG NGÃI');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Tên loại văn bản: Công văn');
    expect(text).toContain('Số, ký hiệu: 3/UBND-VP');
    expect(text).toContain('Ngày văn bản: 05/03/2026');
    expect(text).toContain('Cơ quan ban hành: Ủy ban nhân dân huyện Sơn Tịnh');
    expect(text).toContain('Trích yếu: Về việc khắc phục hậu quả mưa lũ');
    expect(text).toMatch(/Số đến: \d+/);
    expect(text).toContain('Ngày đến: 14 giờ 30, ngày 06/03/2026');
    expect(text).toContain('Độ khẩn: Khẩn');
    expect(text).toContain('1. Ý kiến của lãnh đạo cơ quan:');
    expect(text).toContain('Khẩn trương khắc phục, báo cáo UBND tỉnh.');
    expect(text).toContain('Đơn vị chủ trì: Sở Kế hoạch và Đầu tư; thời hạn giải quyết: 20/03/2026.');
    expect(text).toContain('Đơn vị phối hợp: Sở Y tế; thời hạn giải quyết: 20/03/2026.');
    expect(text).toContain('Ngày 07 tháng 3 năm 2026');
    expect(text).toContain('Người chỉ đạo Chủ tịch');
    expect(text).toContain('Ngày 06/03/2026: chủ trì: Sở Nội vụ (thời hạn giải quyết: 13/03/2026); thay thế ngày 07/03/2026.');
    expect(text).toContain('2. Ý kiến của lãnh đạo đơn vị chủ trì:');
    expect(text).toContain('3. Ý kiến đề xuất của người giải quyết:');
  });

  it('lists several supporting units each with its own deadline, and leaves part 1 blank before any direction', async () => {
    const { services, ids } = await buildOffice();
    await services.assignments.assign(
      ids.d8,
      {
        lead: 'TC',
        support: [
          { unit: 'KHDT', due: '2026-04-24' },
          { unit: 'GTVT', due: '2026-04-27' },
        ],
        due: '2026-04-30',
        at: '2026-04-01T08:00',
      },
      'Phó Chủ tịch Trần Văn Bình',
    );
    const text = squash(pdfText(save('slip-multi.pdf', (await buildRoutingSlip(services, ids.d8)).bytes)));
    expect(text).toContain('Đơn vị chủ trì: Sở Tài chính; thời hạn giải quyết: 30/04/2026.');
    expect(text).toContain(
      'Đơn vị phối hợp: + Sở Giao thông vận tải; thời hạn giải quyết: 27/04/2026; + Sở Kế hoạch và Đầu tư; thời hạn giải quyết: 24/04/2026.',
    );
    expect(text).toContain('Người chỉ đạo Phó Chủ tịch Trần Văn Bình');

    const { bytes } = await buildRoutingSlip(services, ids.d10 + 100).catch(() => ({ bytes: null }));
    expect(bytes).toBeNull();
    const none = await services.incoming.add(doc({ symbol: '99/X' }), { actor: ACTOR });
    const blank = squash(pdfText(save('slip-blank.pdf', (await buildRoutingSlip(services, none.id)).bytes)));
    expect(blank).toContain('1. Ý kiến của lãnh đạo cơ quan:');
    expect(blank).not.toContain('Đơn vị chủ trì');
    expect(blank).toContain('Ngày ...... tháng ...... năm ..........');
  });
});

describe('follow-up book', () => {
  it('lists the documents of the period with their units, deadlines and progress', async () => {
    const { services } = await buildOffice();
    const book = await buildFollowUpBook(services, { from: '2026-03-01', to: '2026-03-31' });
    expect(book).toMatchObject({ documents: 7, unit: null });
    const file = save('followup.pdf', book.bytes);
    const cover = squash(run('pdftotext', '-f', '1', '-l', '1', file, '-'));
    expect(cover).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(cover).toContain('Năm: 2026');
    const text = squash(pdfText(file, '-raw'));
    // The seven columns of Appendix IV, headings as printed (broken over lines).
    const page2 = squash(run('pdftotext', '-raw', '-f', '2', '-l', '2', file, '-'));
    for (const h of [
      'Số đến',
      'Tên loại, số, ký hiệu,',
      'ngày tháng, cơ quan',
      'ban hành',
      'Đơn vị hoặc',
      'người nhận',
      'Thời hạn',
      'giải quyết',
      'Tiến độ',
      'Số, ký hiệu',
      'văn bản trả lời',
      'Ghi chú',
      '(7)',
    ]) {
      expect(page2).toContain(h);
    }
    expect(text).toContain('Quyết định số 1/UBND-VP ngày 01/03/2026');
    expect(text).toContain('Hoàn thành ngày 12/03/2026');
    expect(text).toContain('45/SKHĐT-TH');
    // D2 finished late; D3 still open 31 days after its deadline; D6 still in time.
    expect(text).toContain('Hoàn thành ngày 20/03/2026 (quá hạn)');
    expect(text).toContain('Đang xử lý – Quá hạn 31 ngày');
    expect(text).toContain('Đã giao – Quá hạn 31 ngày');
    expect(text).toContain('Sở Y tế (phối hợp)');
    expect(text).toContain('Đã giao');
    expect(text).not.toContain('Về việc rà soát dự án chậm tiến độ');
    expect(text).not.toContain('9/UBND-VP');
    expect(text).not.toContain('8/UBND-VP');
    expect(book.overdue).toBe(3);
  });

  it('can be printed for one unit', async () => {
    const { services } = await buildOffice();
    const book = await buildFollowUpBook(services, { from: '2026-03-01', to: '2026-03-31', unit: 'nv' });
    expect(book).toMatchObject({ unit: 'NV', documents: 3 });
    const file = save('followup-nv.pdf', book.bytes);
    const text = squash(pdfText(file, '-raw'));
    expect(squash(run('pdftotext', '-f', '1', '-l', '1', file, '-'))).toContain('ĐƠN VỊ: SỞ NỘI VỤ');
    expect(text).toContain('Hoàn thành ngày 25/03/2026');
    expect(text).toContain('120/SNV-CCHC');
    expect(text).not.toContain('Sở Tài chính');
    await expect(buildFollowUpBook(services, { from: '2026-03-01', to: '2026-03-31', unit: 'XYZ' })).rejects.toMatchObject({
      error: { code: 'unknown_unit' },
    });
    await expect(buildFollowUpBook(services, { from: '2025-12-01', to: '2026-01-31' })).rejects.toMatchObject({
      error: { code: 'invalid_range' },
    });
  });
});

describe('reminder', () => {
  it("lists exactly the unit's overdue items and answers those documents", async () => {
    const { services, ids } = await buildOffice();
    const draft = await draftReminder(services, { unit: 'KHDT', actor: ACTOR, signer: SIGNER, draftingUnit: 'VP' });
    expect(draft).toMatchObject({
      status: 'draft',
      typeName: 'Công văn',
      subject: REMINDER_SUBJECT,
      kinhGui: ['Sở Kế hoạch và Đầu tư'],
      signerAuthority: 'KT. CHỦ TỊCH',
      signerPosition: 'PHÓ CHỦ TỊCH',
      signerName: 'Nguyễn Văn An',
      draftingUnit: 'VP',
    });
    expect([...draft.replyTo].sort((a, b) => a - b)).toEqual([ids.d3, ids.d9].sort((a, b) => a - b));
    const items = draft.body.filter((p) => /^\d+\. /.test(p.text));
    expect(items).toHaveLength(2);
    expect(items[0]!.text).toContain('3/UBND-VP');
    expect(items[0]!.text).toContain('Về việc khắc phục hậu quả mưa lũ');
    expect(items[0]!.text).toContain('hạn giải quyết: 20/03/2026; đã quá hạn 31 ngày');
    expect(items[1]!.text).toContain('9/UBND-VP');
    expect(items[1]!.text).toContain(`hạn giải quyết: 15/04/2026; đã quá hạn ${daysOverdue('2026-04-15', '2026-04-20')} ngày`);
    expect(draft.body.map((p) => p.text).join('\n')).not.toMatch(/\b(1|2|4|5|6|7)\/UBND-VP/);
    expect(draft.body[draft.body.length - 1]!.text).toMatch(/báo cáo kết quả.*\/\.$/);

    // Another unit's list holds only its own items; a unit with nothing late is refused.
    const tc = await draftReminder(services, { unit: 'TC', actor: ACTOR, signer: SIGNER });
    expect(tc.replyTo).toEqual([ids.d5]);
    expect(tc.body.filter((p) => /^\d+\. /.test(p.text)).map((p) => p.text)).toEqual([expect.stringContaining('đơn vị phối hợp')]);
    await expect(draftReminder(services, { unit: 'GTVT', actor: ACTOR, signer: SIGNER })).rejects.toMatchObject({
      error: { code: 'nothing_overdue' },
    });
    await expect(draftReminder(services, { unit: 'NOPE', actor: ACTOR, signer: SIGNER })).rejects.toMatchObject({
      error: { code: 'unknown_unit' },
    });

    // It renders as a Decree 30 công văn like any other draft.
    const pdf = await services.outgoing.pdf(draft.id);
    const text = squash(pdfText(save('reminder.pdf', pdf.bytes)));
    expect(text).toContain('V/v đôn đốc giải quyết văn bản quá hạn');
    expect(text).toContain('Kính gửi: Sở Kế hoạch và Đầu tư.');
  });
});

describe('CLI', () => {
  it('exports, prints and drafts, and refuses bad input with a code', async () => {
    const { dbPath, ids, services } = await buildOffice();
    await addFixtureAccounts(services);
    await services.close();
    const dir = tempDir();
    const out = (f: string) => path.join(dir, f);

    const pdf = cli(dbPath, ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--out', out('r.pdf'), '--json']);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(squash(pdfText(out('r.pdf')))).toContain('Tỷ lệ hoàn thành đúng hạn 66,7%');
    const xlsx = cli(dbPath, ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--unit', 'KHDT', '--out', out('r.xlsx'), '--json']);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out('r.xlsx')) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(SHEETS.units)!.getRow(6).getCell(2).value).toBe('KHDT');

    const docx = cli(dbPath, ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--out', out('x.docx'), '--json']);
    expect(docx.code).toBe(2);
    expect(docx.error().code).toBe('unsupported_format');
    const badUnit = cli(dbPath, ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--unit', 'NOPE', '--json']);
    expect(badUnit.error().code).toBe('unknown_unit');

    const slip = cli(dbPath, ['incoming', 'slip', String(ids.d1), '--out', out('slip.pdf'), '--json']);
    expect(slip.code, slip.stderr).toBe(0);
    expect(slip.json()).toMatchObject({ id: ids.d1, assignments: 2 });
    expect(squash(pdfText(out('slip.pdf')))).toContain('Đơn vị phối hợp: Sở Nội vụ; thời hạn giải quyết: 11/03/2026.');
    expect(cli(dbPath, ['incoming', 'slip', '9999', '--out', out('n.pdf'), '--json']).error().code).toBe('not_found');

    const book = cli(dbPath, [
      'followup',
      'print',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--unit',
      'KHDT',
      '--out',
      out('book.pdf'),
      '--json',
    ]);
    expect(book.code, book.stderr).toBe(0);
    expect(book.json()).toMatchObject({ unit: 'KHDT', documents: 3 });
    expect(squash(pdfText(out('book.pdf'), '-raw'))).toContain('52/SKHĐT-QH');
    const bookBad = cli(dbPath, [
      'followup',
      'print',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--unit',
      'NOPE',
      '--out',
      out('b.pdf'),
      '--json',
    ]);
    expect(bookBad.code).toBe(2);
    expect(bookBad.error().code).toBe('unknown_unit');
    // The first-positional forms of `followup` still work.
    expect(cli(dbPath, ['followup', 'overdue', '--unit', 'KHDT', '--json']).code).toBe(0);

    const remind = cli(dbPath, [
      'followup',
      'remind',
      '--unit',
      'KHDT',
      '--signer-name',
      'Nguyễn Văn An',
      '--signer-position',
      'Phó Chủ tịch',
      '--signer-authority',
      'KT. CHỦ TỊCH',
      '--json',
    ]);
    expect(remind.code, remind.stderr).toBe(0);
    expect(remind.json()).toMatchObject({
      status: 'draft',
      subject: REMINDER_SUBJECT,
      draftingUnit: 'VP',
      kinhGui: ['Sở Kế hoạch và Đầu tư'],
    });
    expect(remind.json().replyTo).toEqual(expect.arrayContaining([ids.d3, ids.d9]));
    const noSigner = cli(dbPath, ['followup', 'remind', '--unit', 'KHDT', '--json']);
    expect(noSigner.code).toBe(2);
    expect(noSigner.error()).toMatchObject({ code: 'required', field: 'signerName' });
    const unknown = cli(dbPath, ['followup', 'remind', '--unit', 'NOPE', '--signer-name', 'A', '--signer-position', 'B', '--json']);
    expect(unknown.error().code).toBe('unknown_unit');
  });
});

/**
 * The periodic statistics report as a workbook, for offices that merge it into their
 * own spreadsheets: "Tổng hợp" (overall figures), "Theo loại văn bản", "Theo đơn vị",
 * "Nhiệm vụ". Counts are numbers, dates are dates shown dd/mm/yyyy, rates are fractions
 * shown as percentages. Total rows are SUM formulas carrying their computed value, so a
 * reader that does not recalculate (a previewer, a script) still sees the numbers.
 */
import ExcelJS from 'exceljs';
import { CHANNELS, CHANNEL_LABELS, URGENCIES, URGENCY_LABELS } from '../../shared/domain/enums.js';
import { TASK_STATUS_LABELS, TASK_VIEW_STATUSES, type Report } from '../../shared/domain/workflow.js';
import { vnDate } from '../../shared/text/dates.js';
import type { ExportOptions } from './exportReport.js';

type Worksheet = ExcelJS.Worksheet;
type Cell = ExcelJS.Cell;

export const SHEETS = { summary: 'Tổng hợp', types: 'Theo loại văn bản', units: 'Theo đơn vị', tasks: 'Nhiệm vụ' } as const;

const DATE_FORMAT = 'dd/mm/yyyy';
const RATE_FORMAT = '0.0%';
const COUNT_FORMAT = '#,##0';
const FONT = 'Times New Roman';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A calendar day as an Excel date: midnight UTC, so the serial is a whole day in any time zone. */
function excelDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** Rate from counts, as the fraction Excel shows as a percentage; null when nothing finished. */
function rate(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

const clean = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Title block over each sheet: organisation, report title, period (and unit). */
function titleBlock(ws: Worksheet, r: Report, opts: ExportOptions, title: string, span: number): number {
  const rows: [string, Partial<ExcelJS.Font>][] = [
    [clean(opts.orgName ?? '').toLocaleUpperCase('vi'), { bold: true, size: 12 }],
    [title, { bold: true, size: 14 }],
    [`Từ ngày ${fmt(r.from)} đến ngày ${fmt(r.to)}${r.unit ? ` — Đơn vị: ${unitLabel(r)}` : ''}`, { italic: true, size: 12 }],
  ];
  rows.forEach(([text, font], i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = { name: FONT, ...font };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, span);
  });
  ws.getRow(2).height = 36;
  return rows.length + 2;
}

const fmt = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function unitLabel(r: Report): string {
  const name = r.byUnit.find((u) => u.unit === r.unit)?.name;
  return name ? `${clean(name)} (${r.unit})` : String(r.unit);
}

function styleHeader(ws: Worksheet, rowNo: number, count: number): void {
  const row = ws.getRow(rowNo);
  row.height = 32;
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c);
    cell.font = { name: FONT, bold: true, size: 12 };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
  }
}

function styleBody(cell: Cell, opts: { bold?: boolean; italic?: boolean; numFmt?: string; centre?: boolean } = {}): void {
  cell.font = { name: FONT, size: 12, bold: opts.bold, italic: opts.italic };
  cell.border = THIN;
  cell.alignment = { vertical: 'middle', horizontal: opts.centre ? 'center' : undefined, wrapText: true };
  if (opts.numFmt) cell.numFmt = opts.numFmt;
}

/** A total row: SUM over the body rows with the value precomputed. */
function sumFormula(col: string, first: number, last: number, value: number): ExcelJS.CellFormulaValue {
  return last >= first ? { formula: `SUM(${col}${first}:${col}${last})`, result: value } : { formula: '0', result: 0 };
}

export async function renderReportXlsx(report: Report, opts: ExportOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'VănThư';
  wb.lastModifiedBy = 'VănThư';
  wb.created = opts.printedAt;
  wb.modified = opts.printedAt;
  wb.title = 'Báo cáo thống kê tình hình tiếp nhận, giải quyết văn bản đến';

  summarySheet(wb, report, opts);
  typesSheet(wb, report, opts);
  unitsSheet(wb, report, opts);
  tasksSheet(wb, report, opts);

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as unknown as ArrayBuffer);
}

function summarySheet(wb: ExcelJS.Workbook, r: Report, opts: ExportOptions): void {
  const ws = wb.addWorksheet(SHEETS.summary, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 8 }, { width: 58 }, { width: 18 }];
  let row = titleBlock(ws, r, opts, 'BÁO CÁO THỐNG KÊ TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT VĂN BẢN ĐẾN', 3);

  ws.getRow(row).values = ['STT', 'Chỉ tiêu', 'Giá trị'];
  styleHeader(ws, row, 3);
  ws.views = [{ state: 'frozen', ySplit: row }];
  row++;

  type Line = {
    no?: string;
    label: string;
    value: number | Date | null;
    kind?: 'date' | 'rate' | 'count';
    bold?: boolean;
    italic?: boolean;
  };
  const late = r.completed - r.completedOnTime;
  const lines: Line[] = [
    { no: '', label: 'Từ ngày', value: excelDate(r.from), kind: 'date' },
    { no: '', label: 'Đến ngày', value: excelDate(r.to), kind: 'date' },
    { no: '', label: 'Tình trạng giải quyết tính đến hết ngày', value: excelDate(r.asOf), kind: 'date' },
    { no: '', label: 'Ngày lập báo cáo', value: excelDate(vnDate(opts.printedAt.getTime())), kind: 'date' },
    { no: 'I', label: 'Tổng số văn bản đến', value: r.received, bold: true },
    ...CHANNELS.map((c) => ({ label: `Hình thức: ${CHANNEL_LABELS[c]}`, value: r.receivedByChannel[c] ?? 0, italic: true })),
    ...URGENCIES.map((u) => ({ label: `Độ khẩn: ${URGENCY_LABELS[u]}`, value: r.receivedByUrgency[u] ?? 0, italic: true })),
    { no: 'II', label: 'Văn bản đã giao đơn vị chủ trì giải quyết', value: r.assigned, bold: true },
    { no: '1', label: 'Đã hoàn thành', value: r.completed },
    { label: 'Trong đó: hoàn thành đúng hạn, trước hạn', value: r.completedOnTime, italic: true },
    { label: 'Hoàn thành quá hạn', value: late, italic: true },
    { no: '2', label: 'Quá hạn (chưa hoàn thành)', value: r.overdue },
    { no: '3', label: 'Đang xử lý (trong hạn)', value: r.inProgress },
    { no: '4', label: 'Tỷ lệ hoàn thành đúng hạn', value: r.onTimeRate, kind: 'rate', bold: true },
    { no: 'III', label: 'Nhiệm vụ', value: r.tasks.total, bold: true },
    ...TASK_VIEW_STATUSES.map((s) => ({ label: `Nhiệm vụ: ${TASK_STATUS_LABELS[s]}`, value: r.tasks[s], italic: true })),
  ];
  for (const l of lines) {
    const x = ws.getRow(row++);
    x.getCell(1).value = l.no ?? '';
    x.getCell(2).value = l.label;
    // No rate (nothing finished yet) is a dash, not 0%: 0% would read as "all late".
    x.getCell(3).value = l.value === null ? '—' : l.value;
    styleBody(x.getCell(1), { centre: true, bold: l.bold });
    styleBody(x.getCell(2), { bold: l.bold, italic: l.italic });
    const numFmt = l.kind === 'date' ? DATE_FORMAT : l.kind === 'rate' ? RATE_FORMAT : COUNT_FORMAT;
    styleBody(x.getCell(3), { bold: l.bold, numFmt: l.value === null ? undefined : numFmt, centre: true });
  }
}

function typesSheet(wb: ExcelJS.Workbook, r: Report, opts: ExportOptions): void {
  const ws = wb.addWorksheet(SHEETS.types);
  ws.columns = [{ width: 8 }, { width: 40 }, { width: 14 }, { width: 12 }];
  let row = titleBlock(ws, r, opts, 'VĂN BẢN ĐẾN THEO LOẠI VĂN BẢN', 4);
  ws.getRow(row).values = ['STT', 'Loại văn bản', 'Số lượng', 'Tỷ lệ'];
  styleHeader(ws, row, 4);
  ws.views = [{ state: 'frozen', ySplit: row }];
  row++;
  const first = row;
  const types = Object.entries(r.receivedByType).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));
  const totalRow = first + types.length;
  types.forEach(([name, count], i) => {
    const x = ws.getRow(row);
    x.getCell(1).value = i + 1;
    x.getCell(2).value = clean(name);
    x.getCell(3).value = count;
    // The share refers to the total row, so an edited count keeps the shares consistent.
    x.getCell(4).value = { formula: `IF($C$${totalRow}=0,0,C${row}/$C$${totalRow})`, result: rate(count, r.received) ?? 0 };
    styleBody(x.getCell(1), { centre: true });
    styleBody(x.getCell(2));
    styleBody(x.getCell(3), { numFmt: COUNT_FORMAT, centre: true });
    styleBody(x.getCell(4), { numFmt: RATE_FORMAT, centre: true });
    row++;
  });
  const t = ws.getRow(row);
  t.getCell(2).value = 'Tổng cộng';
  t.getCell(3).value = sumFormula('C', first, row - 1, r.received);
  t.getCell(4).value = { formula: `IF(C${row}=0,0,1)`, result: r.received ? 1 : 0 };
  for (let c = 1; c <= 4; c++)
    styleBody(t.getCell(c), { bold: true, centre: c !== 2, numFmt: c === 3 ? COUNT_FORMAT : c === 4 ? RATE_FORMAT : undefined });
}

function unitsSheet(wb: ExcelJS.Workbook, r: Report, opts: ExportOptions): void {
  const ws = wb.addWorksheet(SHEETS.units, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { width: 6 },
    { width: 12 },
    { width: 40 },
    { width: 11 },
    { width: 13 },
    { width: 13 },
    { width: 11 },
    { width: 13 },
    { width: 12 },
  ];
  let row = titleBlock(ws, r, opts, 'TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN THEO ĐƠN VỊ CHỦ TRÌ', 9);
  ws.getRow(row).values = [
    'STT',
    'Mã đơn vị',
    'Tên đơn vị',
    'Đã giao',
    'Đã hoàn thành',
    'Hoàn thành đúng hạn',
    'Quá hạn',
    'Đang xử lý (trong hạn)',
    'Tỷ lệ đúng hạn',
  ];
  styleHeader(ws, row, 9);
  ws.views = [{ state: 'frozen', ySplit: row, xSplit: 3 }];
  row++;
  const first = row;
  r.byUnit.forEach((u, i) => {
    const x = ws.getRow(row);
    x.values = [i + 1, u.unit, clean(u.name), u.assigned, u.completed, u.completedOnTime, u.overdue, u.inProgress];
    x.getCell(9).value = { formula: `IF(E${row}=0,"—",F${row}/E${row})`, result: rate(u.completedOnTime, u.completed) ?? '—' };
    for (let c = 1; c <= 9; c++)
      styleBody(x.getCell(c), { centre: c !== 3, numFmt: c >= 4 && c <= 8 ? COUNT_FORMAT : c === 9 ? RATE_FORMAT : undefined });
    row++;
  });
  const last = row - 1;
  const t = ws.getRow(row);
  t.getCell(3).value = 'Tổng cộng';
  const totals: [string, number][] = [
    ['D', r.assigned],
    ['E', r.completed],
    ['F', r.completedOnTime],
    ['G', r.overdue],
    ['H', r.inProgress],
  ];
  totals.forEach(([col, value], i) => (t.getCell(4 + i).value = sumFormula(col, first, last, value)));
  t.getCell(9).value = { formula: `IF(E${row}=0,"—",F${row}/E${row})`, result: r.onTimeRate ?? '—' };
  for (let c = 1; c <= 9; c++)
    styleBody(t.getCell(c), { bold: true, centre: c !== 3, numFmt: c >= 4 && c <= 8 ? COUNT_FORMAT : c === 9 ? RATE_FORMAT : undefined });
}

function tasksSheet(wb: ExcelJS.Workbook, r: Report, opts: ExportOptions): void {
  const ws = wb.addWorksheet(SHEETS.tasks);
  ws.columns = [{ width: 8 }, { width: 36 }, { width: 14 }];
  let row = titleBlock(ws, r, opts, 'TÌNH HÌNH THỰC HIỆN NHIỆM VỤ', 3);
  ws.getRow(row).values = ['STT', 'Trạng thái', 'Số lượng'];
  styleHeader(ws, row, 3);
  row++;
  const first = row;
  TASK_VIEW_STATUSES.forEach((s, i) => {
    const x = ws.getRow(row++);
    x.values = [i + 1, TASK_STATUS_LABELS[s], r.tasks[s]];
    styleBody(x.getCell(1), { centre: true });
    styleBody(x.getCell(2));
    styleBody(x.getCell(3), { numFmt: COUNT_FORMAT, centre: true });
  });
  const t = ws.getRow(row);
  t.getCell(2).value = 'Tổng cộng';
  t.getCell(3).value = sumFormula('C', first, row - 1, r.tasks.total);
  for (let c = 1; c <= 3; c++) styleBody(t.getCell(c), { bold: true, centre: c !== 2, numFmt: c === 3 ? COUNT_FORMAT : undefined });
}

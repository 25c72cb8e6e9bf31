/**
 * The periodic statistics report as an A4 PDF an office attaches to its report
 * ("Báo cáo thống kê tình hình tiếp nhận, giải quyết văn bản đến"): Decree 30 header,
 * the period, then four tables (received documents; handling; by unit, with a total row
 * that is the overall figures; tasks), a bar chart per unit, and a signature block.
 * Every figure comes from the Report as computed by ReportService, so the PDF, the XLSX
 * and the screen show the same numbers.
 */
import { PDFDocument } from 'pdf-lib';
import { CHANNELS, CHANNEL_LABELS, URGENCIES, URGENCY_LABELS } from '../../shared/domain/enums.js';
import { TASK_STATUS_LABELS, TASK_VIEW_STATUSES, type Report, type UnitFigures } from '../../shared/domain/workflow.js';
import { formatDateVN, vnDate } from '../../shared/text/dates.js';
import { embedSerifFonts } from '../pdf/fonts.js';
import { cleanText, layoutRow, tableStyle, textWidth, wrapSpans, type RowLayout, type Span, type TableColumn } from '../pdf/layout.js';
import {
  dateLineFor,
  drawFlowTable,
  drawFormHeader,
  FORM_LEFT,
  FORM_TEXT_WIDTH,
  PortraitFlow,
  type FormFonts,
} from '../pdf/routingSlip.js';
import type { ExportOptions } from './exportReport.js';

export const REPORT_TITLE = 'BÁO CÁO THỐNG KÊ TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT VĂN BẢN ĐẾN';

/** 1234 → "1.234" (Vietnamese thousands separator). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * A share as Vietnamese text, one decimal with a comma ("95,7%"), "—" when there is
 * nothing to divide by. Computed from the counts so rounding is the same everywhere.
 */
export function formatRate(part: number, whole: number): string {
  if (!whole) return '—';
  const tenths = Math.round((part * 1000) / whole);
  return `${Math.floor(tenths / 10)},${tenths % 10}%`;
}

/** The figures of the by-unit table, plus the total row (equal to the overall figures). */
export function unitTotals(r: Report): Omit<UnitFigures, 'unit' | 'name'> {
  return {
    assigned: r.assigned,
    completed: r.completed,
    completedOnTime: r.completedOnTime,
    overdue: r.overdue,
    inProgress: r.inProgress,
    onTimeRate: r.onTimeRate,
  };
}

/** Units for the chart: the ten with most documents finished on time or overdue. */
export function chartUnits(r: Report, max = 10): UnitFigures[] {
  return [...r.byUnit]
    .sort(
      (a, b) => b.completedOnTime + b.overdue - (a.completedOnTime + a.overdue) || b.assigned - a.assigned || a.unit.localeCompare(b.unit),
    )
    .slice(0, max);
}

const TABLE_SIZE = 11;
const BODY = 13;

const clean = (s: string): string => cleanText(s).replace(/[ ]+/g, ' ').trim();

export async function renderReportPdf(report: Report, opts: ExportOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = (await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic'])) as FormFonts;
  const printedDay = vnDate(opts.printedAt.getTime());
  doc.setTitle(`Báo cáo thống kê văn bản đến từ ${formatDateVN(report.from)} đến ${formatDateVN(report.to)}`, {
    showInWindowTitleBar: true,
  });
  if (opts.orgName) doc.setAuthor(clean(opts.orgName));
  doc.setCreator('VănThư');
  doc.setProducer('VănThư (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(opts.printedAt);
  doc.setModificationDate(opts.printedAt);

  const flow = new PortraitFlow(doc, fonts);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: opts.orgName, dateLine: dateLineFor(opts.orgName, printedDay) }, flow.top) - 24;

  const centred = (text: string, font = fonts.bold, size = 14, leading = size * 1.3) =>
    flow.paragraph([{ text, font }], { size, leading, align: 'center' });
  // "BÁO CÁO" on its own line, as a type name above its subject; no orphaned last word.
  centred('BÁO CÁO', fonts.bold, 14, 19);
  centred(REPORT_TITLE.replace(/^BÁO CÁO /, ''), fonts.bold, 14, 19);
  centred(`Từ ngày ${formatDateVN(report.from)} đến ngày ${formatDateVN(report.to)}`, fonts.italic, BODY);
  if (report.unit) {
    const name = report.byUnit.find((u) => u.unit === report.unit)?.name;
    centred(`Đơn vị: ${name ? `${clean(name)} (${report.unit})` : report.unit}`, fonts.bold, BODY);
  }
  flow.space(6);
  flow.paragraph(
    [
      {
        text: `Số liệu văn bản đến tính theo ngày đến trong kỳ; tình trạng giải quyết tính đến hết ngày ${formatDateVN(report.asOf)}.`,
        font: fonts.italic,
      },
    ],
    { size: 12, leading: 16, indent: 28 },
  );

  sectionReceived(flow, report);
  sectionHandling(flow, report);
  sectionUnits(flow, report);
  sectionChart(flow, report);
  sectionTasks(flow, report);
  signatures(flow);

  flow.finish();
  return doc.save();
}

// ---------------------------------------------------------------------------------------
// Building blocks

interface Col {
  title: string;
  /** Share of the table width. */
  weight: number;
  align: 'left' | 'center';
}

function heading(flow: PortraitFlow, text: string, keep = 90): void {
  flow.space(12);
  flow.ensure(20 + keep);
  flow.paragraph([{ text, font: flow.fonts.bold }], { size: BODY, leading: 19 });
}

function subheading(flow: PortraitFlow, text: string, keep = 70): void {
  flow.space(4);
  flow.ensure(18 + keep);
  flow.paragraph([{ text, font: flow.fonts.boldItalic }], { size: 12, leading: 17 });
}

interface PreparedTable {
  height: number;
  draw(): void;
}

/**
 * A table whose cells are plain strings; `bold` rows (totals) are set in bold. Numbers
 * are centred so columns of counts line up however wide their headings are. Laid out
 * first so the heading above it can ask for the room the table needs.
 */
function table(
  flow: PortraitFlow,
  cols: readonly Col[],
  rows: readonly { cells: string[]; bold?: boolean; italic?: boolean }[],
  width = FORM_TEXT_WIDTH,
): PreparedTable {
  const total = cols.reduce((s, c) => s + c.weight, 0);
  const columns: TableColumn[] = cols.map((c) => ({ width: (c.weight / total) * width, align: c.align }));
  const style = tableStyle(flow.fonts.regular, TABLE_SIZE);
  const header: RowLayout = layoutRow(
    cols.map((c) => [{ text: c.title, font: flow.fonts.bold }]),
    columns.map((c) => ({ ...c, align: 'center' as const })),
    style,
  );
  const laid = rows.map((r) => {
    const font = r.bold ? flow.fonts.bold : r.italic ? flow.fonts.italic : flow.fonts.regular;
    return layoutRow(
      r.cells.map((t): Span[] => (t ? [{ text: t, font }] : [])),
      columns,
      style,
    );
  });
  const height = header.height + laid.reduce((s, r) => s + r.height, 0);
  return {
    height,
    draw() {
      // A short table is kept whole on one page rather than leaving a row or two behind.
      if (height <= (flow.top - flow.bottom) * 0.45) flow.ensure(height);
      drawFlowTable(flow, { columns, header: [header], rows: laid, style, left: FORM_LEFT + (FORM_TEXT_WIDTH - width) / 2 });
    },
  };
}

/** How much of a table its heading keeps with it: all of a short one, the start of a long one. */
const keepOf = (t: PreparedTable, flow: PortraitFlow): number => (t.height <= (flow.top - flow.bottom) * 0.45 ? t.height : 90);

const n = formatCount;

/** The four-column "category, count, share" table used for every breakdown. */
const SHARE_COLS = (title: string): Col[] => [
  { title: 'STT', weight: 8, align: 'center' },
  { title, weight: 52, align: 'left' },
  { title: 'Số lượng', weight: 20, align: 'center' },
  { title: 'Tỷ lệ', weight: 20, align: 'center' },
];

function shareRows(entries: readonly [string, number][], total: number, empty: string) {
  const rows: { cells: string[]; bold?: boolean }[] = entries.map(([label, count], i) => ({
    cells: [String(i + 1), label, n(count), formatRate(count, total)],
  }));
  if (rows.length === 0) rows.push({ cells: ['', empty, '0', '—'] });
  rows.push({ cells: ['', 'Tổng cộng', n(total), formatRate(total, total)], bold: true });
  return rows;
}

function sectionReceived(flow: PortraitFlow, r: Report): void {
  const types = Object.entries(r.receivedByType)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'))
    .map(([name, count]): [string, number] => [clean(name), count]);
  const byType = table(flow, SHARE_COLS('Loại văn bản'), shareRows(types, r.received, 'Không có văn bản đến trong kỳ'));
  // Channel and urgency are short lists: always every category, zeros included, so the
  // same report of two periods compares line by line.
  const byChannel = table(
    flow,
    SHARE_COLS('Hình thức'),
    shareRows(
      CHANNELS.map((c) => [CHANNEL_LABELS[c], r.receivedByChannel[c] ?? 0]),
      r.received,
      '',
    ),
  );
  const byUrgency = table(
    flow,
    SHARE_COLS('Độ khẩn'),
    shareRows(
      URGENCIES.map((u) => [URGENCY_LABELS[u], r.receivedByUrgency[u] ?? 0]),
      r.received,
      '',
    ),
  );

  heading(flow, 'I. TÌNH HÌNH TIẾP NHẬN VĂN BẢN ĐẾN', 18 + 17 + keepOf(byType, flow));
  flow.paragraph(
    [
      { text: 'Tổng số văn bản đến trong kỳ: ', font: flow.fonts.regular },
      { text: `${n(r.received)} văn bản.`, font: flow.fonts.bold },
    ],
    { size: BODY, leading: 18, indent: 28 },
  );
  subheading(flow, '1. Theo loại văn bản', keepOf(byType, flow));
  byType.draw();
  subheading(flow, '2. Theo hình thức', keepOf(byChannel, flow));
  byChannel.draw();
  subheading(flow, '3. Theo độ khẩn', keepOf(byUrgency, flow));
  byUrgency.draw();
}

function sectionHandling(flow: PortraitFlow, r: Report): void {
  const late = r.completed - r.completedOnTime;
  const t = table(
    flow,
    [
      { title: 'STT', weight: 8, align: 'center' },
      { title: 'Chỉ tiêu', weight: 67, align: 'left' },
      { title: 'Số lượng', weight: 25, align: 'center' },
    ],
    [
      { cells: ['1', 'Văn bản đã giao đơn vị chủ trì giải quyết', n(r.assigned)], bold: true },
      { cells: ['2', 'Đã hoàn thành', n(r.completed)] },
      { cells: ['', 'Trong đó: hoàn thành đúng hạn, trước hạn', n(r.completedOnTime)], italic: true },
      { cells: ['', 'Hoàn thành quá hạn', n(late)], italic: true },
      { cells: ['3', 'Quá hạn (chưa hoàn thành)', n(r.overdue)] },
      { cells: ['4', 'Đang xử lý (trong hạn)', n(r.inProgress)] },
      { cells: ['5', 'Tỷ lệ hoàn thành đúng hạn', formatRate(r.completedOnTime, r.completed)], bold: true },
    ],
  );
  heading(flow, 'II. TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN', keepOf(t, flow));
  t.draw();
}

const UNIT_COLS: readonly Col[] = [
  { title: 'STT', weight: 6, align: 'center' },
  { title: 'Đơn vị', weight: 30, align: 'left' },
  { title: 'Đã giao', weight: 10, align: 'center' },
  { title: 'Đã hoàn thành', weight: 11, align: 'center' },
  { title: 'Hoàn thành đúng hạn', weight: 11, align: 'center' },
  { title: 'Quá hạn', weight: 10, align: 'center' },
  { title: 'Đang xử lý (trong hạn)', weight: 11, align: 'center' },
  { title: 'Tỷ lệ đúng hạn', weight: 11, align: 'center' },
];

function unitCells(f: Omit<UnitFigures, 'unit' | 'name'>): string[] {
  return [n(f.assigned), n(f.completed), n(f.completedOnTime), n(f.overdue), n(f.inProgress), formatRate(f.completedOnTime, f.completed)];
}

function sectionUnits(flow: PortraitFlow, r: Report): void {
  const rows = r.byUnit.map((u, i) => ({ cells: [String(i + 1), clean(u.name), ...unitCells(u)] }));
  if (rows.length === 0) rows.push({ cells: ['', 'Không có văn bản được giao trong kỳ', '', '', '', '', '', ''] });
  const t = table(flow, UNIT_COLS, [...rows, { cells: ['', 'Tổng cộng', ...unitCells(unitTotals(r))], bold: true }]);
  heading(flow, 'III. TÌNH HÌNH GIẢI QUYẾT THEO ĐƠN VỊ CHỦ TRÌ', keepOf(t, flow));
  t.draw();
}

function sectionTasks(flow: PortraitFlow, r: Report): void {
  const entries = TASK_VIEW_STATUSES.map((s): [string, number] => [TASK_STATUS_LABELS[s], r.tasks[s]]);
  const t = table(flow, SHARE_COLS('Trạng thái'), shareRows(entries, r.tasks.total, ''));
  heading(flow, 'IV. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ', keepOf(t, flow));
  t.draw();
}

// ---------------------------------------------------------------------------------------
// Chart

/** Greys apart as well as hues apart, so the chart still reads on a black-and-white printer. */
const ON_TIME_RGB = [0.16, 0.38, 0.66] as const;
const OVERDUE_RGB = [0.96, 0.62, 0.3] as const;

/** A round axis maximum (1, 2, 5 × 10^k) at or above `v`, and its step. */
function niceAxis(v: number): { max: number; step: number } {
  // Never below 5: a single document should not draw a bar across the whole chart.
  if (v <= 5) return { max: 5, step: 1 };
  const raw = v / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw)!;
  const intStep = Math.max(1, Math.round(step));
  return { max: Math.ceil(v / intStep) * intStep, step: intStep };
}

function fillRect(flow: PortraitFlow, x: number, y: number, w: number, h: number, rgb: readonly [number, number, number]): void {
  if (w <= 0 || h <= 0) return;
  flow.w.fillColor(...rgb);
  // A filled rectangle in the page's own coordinates (identity matrix moved to x, y).
  flow.w.fillPath(`0 0 ${w.toFixed(2)} ${h.toFixed(2)} re`, [1, 0, 0, 1, x, y]);
  flow.w.fillColor(0, 0, 0);
}

function sectionChart(flow: PortraitFlow, r: Report): void {
  const units = chartUnits(r);
  const fonts = flow.fonts;
  const bar = 9;
  const group = 2 * bar + 2 + 10;
  const labelWidth = 150;
  const plotLeft = FORM_LEFT + labelWidth + 6;
  const plotWidth = FORM_TEXT_WIDTH - labelWidth - 6 - 24;
  const height = 18 + 22 + Math.max(1, units.length) * group + 24;

  flow.space(12);
  flow.ensure(height + 22);
  const caption =
    r.byUnit.length > units.length
      ? `Biểu đồ: Văn bản hoàn thành đúng hạn và quá hạn theo đơn vị (${units.length} đơn vị có số liệu lớn nhất)`
      : 'Biểu đồ: Văn bản hoàn thành đúng hạn và quá hạn theo đơn vị';
  flow.paragraph([{ text: caption, font: fonts.boldItalic }], { size: 12, leading: 17, align: 'center' });

  if (units.length === 0) {
    flow.paragraph([{ text: 'Không có số liệu trong kỳ.', font: fonts.italic }], { size: 11, leading: 15, align: 'center' });
    return;
  }

  // Legend.
  const legend: [string, readonly [number, number, number]][] = [
    ['Hoàn thành đúng hạn', ON_TIME_RGB],
    ['Quá hạn (chưa hoàn thành)', OVERDUE_RGB],
  ];
  const legendWidth = legend.reduce((s, [t]) => s + 14 + textWidth(fonts.regular, 10, t) + 18, -18);
  let lx = FORM_LEFT + (FORM_TEXT_WIDTH - legendWidth) / 2;
  const ly = flow.y - 14;
  for (const [text, rgb] of legend) {
    fillRect(flow, lx, ly, 10, 8, rgb);
    flow.w.text(fonts.regular, 10, lx + 14, ly + 0.5, text);
    lx += 14 + textWidth(fonts.regular, 10, text) + 18;
  }
  flow.y -= 26;

  const axis = niceAxis(Math.max(...units.map((u) => Math.max(u.completedOnTime, u.overdue))));
  const scale = plotWidth / axis.max;
  const top = flow.y;
  const bottom = top - units.length * group;

  // Grid lines and tick labels under the axis.
  flow.w.strokeColor(0.75, 0.75, 0.75);
  for (let v = axis.step; v <= axis.max; v += axis.step) {
    const x = plotLeft + v * scale;
    flow.w.stroke(x, top, x, bottom, 0.4);
  }
  flow.w.strokeColor(0, 0, 0);
  flow.w.stroke(plotLeft, top, plotLeft, bottom, 0.75);
  flow.w.stroke(plotLeft, bottom, plotLeft + plotWidth, bottom, 0.75);
  for (let v = 0; v <= axis.max; v += axis.step) {
    const x = plotLeft + v * scale;
    const label = n(v);
    flow.w.stroke(x, bottom, x, bottom - 3, 0.75);
    flow.w.text(fonts.regular, 9, x - textWidth(fonts.regular, 9, label) / 2, bottom - 12, label);
  }

  units.forEach((u, i) => {
    const gTop = top - i * group - 5;
    // The unit's name, at most two lines, right-aligned against the axis.
    let lines = wrapSpans([{ text: clean(u.name), font: fonts.regular }], 9.5, labelWidth);
    // A long name is cut, keeping the unit's code so similar names stay apart.
    for (let keep = 60; lines.length > 2 && keep > 5; keep -= 5) {
      lines = wrapSpans([{ text: `${clean(u.name).slice(0, keep).trim()}… (${u.unit})`, font: fonts.regular }], 9.5, labelWidth);
    }
    const mid = gTop - bar - 1;
    const firstBase = mid + (lines.length === 1 ? -3 : 2.5);
    lines.forEach((line, k) => flow.w.line(9.5, plotLeft - 6 - line.width, firstBase - k * 11, line));
    const values: [number, readonly [number, number, number]][] = [
      [u.completedOnTime, ON_TIME_RGB],
      [u.overdue, OVERDUE_RGB],
    ];
    values.forEach(([v, rgb], k) => {
      const y = gTop - (k + 1) * bar - k * 2;
      fillRect(flow, plotLeft, y, v * scale, bar, rgb);
      flow.w.text(fonts.regular, 8.5, plotLeft + v * scale + 3, y + 2, n(v));
    });
  });
  flow.y = bottom - 22;
}

// ---------------------------------------------------------------------------------------

/** Who compiled the figures and the head of the office sign the printed report. */
function signatures(flow: PortraitFlow): void {
  const fonts = flow.fonts;
  flow.space(20);
  flow.ensure(100);
  const half = FORM_TEXT_WIDTH / 2;
  const y = flow.y;
  const col = (x: number, title: string, note: string) => {
    flow.y = y;
    flow.paragraph([{ text: title, font: fonts.bold }], { size: BODY, leading: 17, align: 'center', x, width: half });
    flow.paragraph([{ text: note, font: fonts.italic }], { size: 12, leading: 16, align: 'center', x, width: half });
  };
  col(FORM_LEFT, 'NGƯỜI LẬP BIỂU', '(Ký, ghi rõ họ tên)');
  col(FORM_LEFT + half, 'THỦ TRƯỞNG CƠ QUAN', '(Ký tên, đóng dấu)');
  flow.y -= 60;
}

/**
 * The office's periodic report ("Báo cáo kết quả thực hiện nhiệm vụ", issue 15 items 5–6):
 * for a period — a month, a quarter, 6 or 9 months, a year, or any dates — the figures the
 * office's own records give (tasks assigned and where they stand, incoming documents
 * registered, documents issued electronically and on paper, citizens' letters and hotline
 * feedback) plus those that come from other systems (administrative-procedure dossiers),
 * entered by hand for the period and marked so; written as the office writes its reports
 * ("Trong tổng số 246 nhiệm vụ được giao, đến nay đã hoàn thành 97 nội dung, …") and as a
 * table in an appendix. `draftOfficeReport` makes it an outgoing «Báo cáo» draft (Decree 30
 * layout, type BC) with the table attached as its «Phụ lục», in one transaction; the draft
 * then goes through approval, numbering and signing like any outgoing document.
 *
 * Counts only: no person's name, and a denouncer's least of all.
 */
import { PDFDocument } from 'pdf-lib';
import type { Principal } from '../../shared/domain/accounts.js';
import { HOTLINE_CAUSES, LETTER_KIND_LABELS, LETTER_KINDS, periodLabel, type HotlineCause } from '../../shared/domain/letters.js';
import type { OfficeReport, OfficeReportRow } from '../../shared/domain/letters.js';
import type { OutgoingRecord } from '../../shared/domain/outgoing.js';
import { AppFailure } from '../../shared/result.js';
import { formatDateVN, vnDate } from '../../shared/text/dates.js';
import { embedSerifFonts } from '../pdf/fonts.js';
import { layoutRow, tableStyle, type RowLayout, type Span, type TableColumn } from '../pdf/layout.js';
import { drawFlowTable, FORM_LEFT, FORM_TEXT_WIDTH, PortraitFlow, type FormFonts } from '../pdf/routingSlip.js';
import { orgDetails } from '../outgoing/outgoingPdf.js';
import { formatCount, formatRate } from '../reports/reportPdf.js';
import type { Clock } from '../clock.js';
import type { OutgoingService } from '../outgoing/outgoingService.js';
import type { Store } from '../store/ports.js';
import type { ReportService } from '../workflow/reportService.js';
import type { LetterService } from './letterService.js';
import { readStats, periodOf } from './letterStats.js';

/** What the report reads and writes through (the composition root's services). */
export interface OfficeReportDeps {
  store: Store;
  clock: Clock;
  reports: ReportService;
  letters: LetterService;
  outgoing: OutgoingService;
}

export interface OfficeReportInput {
  from: unknown;
  to: unknown;
  /** Administrative-procedure dossiers, from another system: entered by hand for the period. */
  dossiers?: { received?: unknown; resolved?: unknown; onTime?: unknown };
}

function fail(code: string, field: string, message: string): never {
  throw new AppFailure({ code, field, message });
}

function count(field: string, v: unknown, label: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'string' && /^\d{1,9}$/.test(v.replace(/[.\s]/g, '')) ? Number(v.replace(/[.\s]/g, '')) : v;
  if (!Number.isSafeInteger(n) || (n as number) < 0 || (n as number) > 100_000_000)
    fail('invalid_number', field, `${label}: phải là số nguyên không âm.`);
  return n as number;
}

const CAUSE_PHRASES: Record<HotlineCause, string> = {
  late_return: 'chậm trả hồ sơ',
  refusal: 'từ chối không giải quyết thủ tục hành chính',
  harassment: 'gây phiền hà, sách nhiễu',
  other: 'các nội dung khác',
};

const n = formatCount;

/** The figures of a period, the sentences and the table rows. */
export async function officeReport(services: OfficeReportDeps, input: OfficeReportInput): Promise<OfficeReport> {
  const today = vnDate(services.clock());
  const q = periodOf(input.from, input.to, today);
  const d = input.dossiers ?? {};
  const dossiers = {
    received: count('dossiers.received', d.received, 'Số hồ sơ thủ tục hành chính tiếp nhận'),
    resolved: count('dossiers.resolved', d.resolved, 'Số hồ sơ thủ tục hành chính đã giải quyết'),
    onTime: count('dossiers.onTime', d.onTime, 'Số hồ sơ giải quyết đúng hạn và trước hạn'),
  };
  if (dossiers.onTime !== null && (dossiers.resolved === null || dossiers.onTime > dossiers.resolved))
    fail('invalid_number', 'dossiers.onTime', 'Số hồ sơ giải quyết đúng hạn không được lớn hơn số hồ sơ đã giải quyết.');
  const work = await services.reports.report({ from: q.from, to: q.to });
  const [stats, issued, org] = await services.store.read(
    async (repos) => [await readStats(repos, q), await repos.letters.issuedOutgoing(q.from, q.to), await orgDetails(repos)] as const,
  );
  const t = work.tasks;
  const tasks = {
    assigned: t.total - t.cancelled,
    completed: t.done + t.done_late,
    inProgress: t.new + t.in_progress,
    overdue: t.overdue,
  };
  const L = stats.letters;
  const H = stats.hotline;
  const label = periodLabel(q.from, q.to);
  const manual = dossiers.received !== null || dossiers.resolved !== null;

  const sentences: { heading: string; text: string[] }[] = [];
  sentences.push({
    heading: 'Thực hiện nhiệm vụ được giao',
    text: [
      `Trong tổng số ${n(tasks.assigned)} nhiệm vụ được giao, đến nay đã hoàn thành ${n(tasks.completed)} nội dung, ` +
        `đang triển khai ${n(tasks.inProgress)} nội dung` +
        (tasks.overdue ? `; ${n(tasks.overdue)} nội dung đã quá hạn nhưng chưa hoàn thành.` : '.'),
    ],
  });
  sentences.push({
    heading: 'Công tác văn thư',
    text: [
      `Tiếp nhận, đăng ký ${n(work.received)} văn bản đến; phát hành ${n(issued.electronic + issued.paper)} văn bản đi ` +
        `(${n(issued.electronic)} văn bản điện tử có chữ ký số và ${n(issued.paper)} văn bản giấy).`,
    ],
  });
  if (manual) {
    const parts = [
      dossiers.received !== null ? `tiếp nhận ${n(dossiers.received)} hồ sơ thủ tục hành chính` : null,
      dossiers.resolved !== null ? `đã giải quyết ${n(dossiers.resolved)} hồ sơ` : null,
      dossiers.onTime !== null && dossiers.resolved
        ? `trong đó ${formatRate(dossiers.onTime, dossiers.resolved)} hồ sơ giải quyết đúng hạn và trước hạn`
        : null,
    ].filter(Boolean) as string[];
    const text = parts.join(', ');
    sentences.push({
      heading: 'Giải quyết thủ tục hành chính',
      text: [`${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)} (*).`],
    });
  }
  const causes = HOTLINE_CAUSES.filter((c) => H.byCause[c] > 0).map((c) => CAUSE_PHRASES[c]);
  const causeText = causes.length > 1 ? `${causes.slice(0, -1).join(', ')}, ${causes[causes.length - 1]}` : (causes[0] ?? '');
  const others = [
    L.accepted ? `thụ lý giải quyết ${n(L.accepted)} đơn` : null,
    L.filed ? `lưu đơn ${n(L.filed)} đơn` : null,
    L.returned ? `trả lại ${n(L.returned)} đơn` : null,
    L.pending ? `${n(L.pending)} đơn đang xem xét, phân loại` : null,
  ].filter(Boolean) as string[];
  sentences.push({
    heading: 'Công tác tiếp công dân, xử lý đơn thư',
    text: [
      `Đã tiếp nhận ${n(L.received)} đơn, đã chuyển cơ quan có thẩm quyền xử lý ${n(L.transferred)} đơn; ` +
        `hướng dẫn đơn cho ${n(L.guided)} trường hợp` +
        (others.length ? `; ${others.join('; ')}.` : '.'),
      H.received === 0
        ? 'Không có phản ánh của công dân qua đường dây nóng.'
        : (H.handled === H.received
            ? `Đã tiếp nhận, xử lý ${n(H.received)} phản ánh của công dân`
            : `Đã tiếp nhận ${n(H.received)} phản ánh của công dân, đã xử lý xong ${n(H.handled)} phản ánh`) +
          (causeText ? `, liên quan đến việc ${causeText}` : '') +
          ' qua đường dây nóng.',
    ],
  });

  const rows: OfficeReportRow[] = [];
  const group = (no: string, label: string) => rows.push({ no, label, unit: '', value: '', group: true, manual: false });
  const row = (no: string, label: string, unit: string, value: string, isManual = false) =>
    rows.push({ no, label, unit, value, group: false, manual: isManual });
  group('I', 'Nhiệm vụ được giao');
  row('1', 'Tổng số nhiệm vụ được giao', 'Nhiệm vụ', n(tasks.assigned));
  row('2', 'Đã hoàn thành', 'Nhiệm vụ', n(tasks.completed));
  row('3', 'Đang triển khai', 'Nhiệm vụ', n(tasks.inProgress));
  row('4', 'Quá hạn, chưa hoàn thành', 'Nhiệm vụ', n(tasks.overdue));
  group('II', 'Văn bản đến, văn bản đi');
  row('1', 'Văn bản đến được tiếp nhận, đăng ký', 'Văn bản', n(work.received));
  row('2', 'Văn bản đi được phát hành', 'Văn bản', n(issued.electronic + issued.paper));
  row('', '- Văn bản điện tử có chữ ký số', 'Văn bản', n(issued.electronic));
  row('', '- Văn bản giấy', 'Văn bản', n(issued.paper));
  group('III', 'Hồ sơ thủ tục hành chính (*)');
  row('1', 'Hồ sơ tiếp nhận', 'Hồ sơ', dossiers.received === null ? '—' : n(dossiers.received), true);
  row('2', 'Hồ sơ đã giải quyết', 'Hồ sơ', dossiers.resolved === null ? '—' : n(dossiers.resolved), true);
  row(
    '3',
    'Tỷ lệ giải quyết đúng hạn và trước hạn',
    '%',
    dossiers.onTime === null || !dossiers.resolved ? '—' : formatRate(dossiers.onTime, dossiers.resolved),
    true,
  );
  group('IV', 'Tiếp công dân, xử lý đơn thư');
  row('1', 'Đơn tiếp nhận', 'Đơn', n(L.received));
  for (const k of LETTER_KINDS) row('', `- Đơn ${LETTER_KIND_LABELS[k].toLocaleLowerCase('vi')}`, 'Đơn', n(L.byKind[k]));
  row('2', 'Chuyển cơ quan có thẩm quyền xử lý', 'Đơn', n(L.transferred));
  row('3', 'Hướng dẫn công dân', 'Trường hợp', n(L.guided));
  row('4', 'Thụ lý giải quyết', 'Đơn', n(L.accepted));
  row('5', 'Lưu đơn', 'Đơn', n(L.filed));
  row('6', 'Trả lại đơn', 'Đơn', n(L.returned));
  row('7', 'Đang xem xét, phân loại', 'Đơn', n(L.pending));
  row('8', 'Phản ánh qua đường dây nóng', 'Phản ánh', n(H.received));
  row('', '- Đã xử lý xong', 'Phản ánh', n(H.handled));
  for (const c of HOTLINE_CAUSES) if (H.byCause[c]) row('', `- Về việc ${CAUSE_PHRASES[c]}`, 'Phản ánh', n(H.byCause[c]));

  return {
    from: q.from,
    to: q.to,
    periodLabel: label,
    orgName: org.orgName,
    tasks,
    incoming: { received: work.received },
    outgoing: { issued: issued.electronic + issued.paper, electronic: issued.electronic, paper: issued.paper },
    letters: { ...L },
    hotline: { ...H },
    dossiers: manual ? { ...dossiers, source: 'manual' } : null,
    sections: sentences,
    table: rows,
    manualNote: MANUAL_NOTE,
  };
}

export const MANUAL_NOTE =
  '(*) Số liệu do cơ quan nhập tay từ Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; không tổng hợp từ phần mềm VănThư.';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** The draft's fields: the sentences as the body, the appendix mentioned, the signer overridable. */
export function reportDraftFields(
  r: OfficeReport,
  signer: { authority?: string | null; position?: string; name?: string },
  draftingUnit: string,
) {
  const body: { text: string; bold?: boolean; italic?: boolean }[] = [
    {
      text: `${r.orgName} báo cáo kết quả thực hiện nhiệm vụ ${r.periodLabel} (từ ngày ${formatDateVN(r.from)} đến ngày ${formatDateVN(r.to)}) như sau:`,
    },
  ];
  r.sections.forEach((s, i) => {
    body.push({ text: `${ROMAN[i]}. ${s.heading.toLocaleUpperCase('vi')}`, bold: true });
    for (const t of s.text) body.push({ text: t });
  });
  body.push({ text: 'Số liệu chi tiết tại Phụ lục kèm theo Báo cáo này.', italic: true });
  if (r.dossiers) body.push({ text: r.manualNote, italic: true });
  body.push({ text: `Trên đây là báo cáo kết quả thực hiện nhiệm vụ ${r.periodLabel} của ${r.orgName}./.` });
  return {
    typeName: 'Báo cáo',
    subject: `Kết quả thực hiện nhiệm vụ ${r.periodLabel}`,
    body,
    kinhGui: [],
    recipients: ['Văn phòng Chính phủ', 'Thường trực Tỉnh ủy', 'Thường trực HĐND tỉnh', 'Chủ tịch, các PCT UBND tỉnh'],
    signerAuthority: signer.authority === undefined ? 'TM. ỦY BAN NHÂN DÂN' : signer.authority,
    signerPosition: signer.position ?? 'CHỦ TỊCH',
    signerName: signer.name ?? '',
    draftingUnit,
  };
}

/** The appendix: the figures as a table, hand-entered rows marked (*). */
export async function renderReportAppendix(r: OfficeReport, printedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = (await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic'])) as FormFonts;
  doc.setTitle(`Phụ lục số liệu kết quả thực hiện nhiệm vụ ${r.periodLabel}`, { showInWindowTitleBar: true });
  doc.setAuthor(r.orgName);
  doc.setCreator('VănThư');
  doc.setProducer('VănThư (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(printedAt);
  doc.setModificationDate(printedAt);
  const flow = new PortraitFlow(doc, fonts);
  const centred = (text: string, font = fonts.bold, size = 14) =>
    flow.paragraph([{ text, font }], { size, leading: size * 1.35, align: 'center' });
  centred('PHỤ LỤC');
  centred(`SỐ LIỆU KẾT QUẢ THỰC HIỆN NHIỆM VỤ ${r.periodLabel.toLocaleUpperCase('vi')}`);
  // The report's number and date are given when it is numbered; the appendix names the report itself.
  centred(`(Kèm theo Báo cáo kết quả thực hiện nhiệm vụ ${r.periodLabel} của ${r.orgName})`, fonts.italic, 13);
  flow.space(10);

  const cols = [
    { title: 'STT', weight: 9, align: 'center' as const },
    { title: 'Chỉ tiêu', weight: 55, align: 'left' as const },
    { title: 'Đơn vị tính', weight: 17, align: 'center' as const },
    { title: 'Số liệu', weight: 19, align: 'center' as const },
  ];
  const total = cols.reduce((s, c) => s + c.weight, 0);
  const columns: TableColumn[] = cols.map((c) => ({ width: (c.weight / total) * FORM_TEXT_WIDTH, align: c.align }));
  const style = tableStyle(fonts.regular, 12);
  const header: RowLayout = layoutRow(
    cols.map((c) => [{ text: c.title, font: fonts.bold }]),
    columns.map((c) => ({ ...c, align: 'center' as const })),
    style,
  );
  const laid = r.table.map((x) => {
    const font = x.group ? fonts.bold : fonts.regular;
    const cells = [x.no, x.label, x.unit, x.value].map((t): Span[] => (t ? [{ text: t, font }] : []));
    return layoutRow(cells, columns, style);
  });
  drawFlowTable(flow, { columns, header: [header], rows: laid, style, left: FORM_LEFT });
  flow.space(8);
  flow.paragraph([{ text: MANUAL_NOTE, font: fonts.italic }], { size: 12, leading: 16 });
  flow.finish();
  return doc.save();
}

/** Makes the report an outgoing «Báo cáo» draft with its appendix (one transaction). */
export async function draftOfficeReport(
  services: OfficeReportDeps,
  input: OfficeReportInput & { signer?: { authority?: string | null; position?: string; name?: string } },
  who: Principal,
): Promise<{ report: OfficeReport; draft: OutgoingRecord }> {
  const report = await officeReport(services, input);
  const settings = await services.letters.settings();
  const fields = reportDraftFields(report, { name: who.fullName, ...input.signer }, settings.draftingUnit);
  const appendix = await renderReportAppendix(report, new Date(services.clock()));
  const draft = await services.outgoing.draft(fields, {
    actor: who.username,
    appendices: [{ fileName: `phu-luc-so-lieu-${report.from}-${report.to}.pdf`, bytes: appendix }],
  });
  return { report, draft };
}

/**
 * The archive's printed forms (Decree 30/2020 Appendix V; archive.md §1): the file plan
 * "DANH MỤC HỒ SƠ" with its computed closing line, the hand-over record "BIÊN BẢN Giao nhận
 * hồ sơ, tài liệu" followed by its list "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU" (amount in
 * words), and a permanent dossier's "MỤC LỤC VĂN BẢN, TÀI LIỆU". Drawn with pdf-lib and
 * the project's Times-metric fonts on the same page furniture as the office's other forms.
 */
import { PDFDocument } from 'pdf-lib';
import type { DossierDetail, DossierItemView, FilePlanView, HandoverView, UsageEntry } from '../../shared/domain/archive.js';
import { DOSSIER_RIGHTS_LABELS, maintenanceCode, retentionLabel } from '../../shared/domain/archive.js';
import { formatDateVN, formatLegalDate, parseInstant } from '../../shared/text/dates.js';
import { hundredthsInWords, numberToWords, numberToWordsCapitalised } from '../../shared/text/numberWords.js';
import { embedSerifFonts } from '../pdf/fonts.js';
import { cleanText, layoutRow, tableStyle, type RowLayout, type Span, type TableColumn } from '../pdf/layout.js';
import {
  dateLineFor,
  drawFlowTable,
  drawFormHeader,
  FORM_LEFT,
  FORM_TEXT_WIDTH,
  PortraitFlow,
  type FormFonts,
} from '../pdf/routingSlip.js';

export interface OrgHeader {
  orgName: string | null;
  parentOrgName: string | null;
  /** The day printed in the place-and-date line (YYYY-MM-DD). */
  day: string;
  /** ISO 8601; the PDF's creation date (fixed clocks give the same bytes). */
  printedAt: string;
}

const BODY = 13;
const TABLE = 11;

const clean = (s: string | null | undefined): string =>
  cleanText(s ?? '')
    .replace(/[ ]+/g, ' ')
    .trim();

async function start(title: string, org: OrgHeader): Promise<{ doc: PDFDocument; flow: PortraitFlow; fonts: FormFonts }> {
  const doc = await PDFDocument.create();
  const fonts = (await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic'])) as FormFonts;
  doc.setTitle(clean(title), { showInWindowTitleBar: true });
  if (org.orgName) doc.setAuthor(clean(org.orgName));
  doc.setCreator('VănThư');
  doc.setProducer('VănThư (pdf-lib)');
  doc.setLanguage('vi-VN');
  const t = parseInstant(org.printedAt);
  if (t !== null) {
    doc.setCreationDate(new Date(t));
    doc.setModificationDate(new Date(t));
  }
  return { doc, flow: new PortraitFlow(doc, fonts), fonts };
}

interface Col {
  title: string;
  weight: number;
  align: 'left' | 'center';
}

/** A ruled table with a heading row and a row of column numbers (1), (2)… as the forms print. */
function table(flow: PortraitFlow, cols: readonly Col[], rows: readonly { cells: string[]; bold?: boolean; italic?: boolean }[]): void {
  const total = cols.reduce((s, c) => s + c.weight, 0);
  const columns: TableColumn[] = cols.map((c) => ({ width: (c.weight / total) * FORM_TEXT_WIDTH, align: c.align }));
  const centred = columns.map((c) => ({ ...c, align: 'center' as const }));
  const style = tableStyle(flow.fonts.regular, TABLE);
  const header: RowLayout[] = [
    layoutRow(
      cols.map((c) => [{ text: c.title, font: flow.fonts.bold }]),
      centred,
      style,
    ),
    layoutRow(
      cols.map((_, i) => [{ text: `(${i + 1})`, font: flow.fonts.italic }]),
      centred,
      style,
    ),
  ];
  const laid = rows.map((r) => {
    const font = r.bold ? flow.fonts.bold : r.italic ? flow.fonts.italic : flow.fonts.regular;
    return layoutRow(
      r.cells.map((t): Span[] => (t ? [{ text: clean(t), font }] : [])),
      columns,
      style,
    );
  });
  drawFlowTable(flow, { columns, header, rows: laid, style, left: FORM_LEFT });
}

function centred(flow: PortraitFlow, text: string, font: 'bold' | 'regular' | 'italic', size = BODY): void {
  flow.paragraph([{ text: clean(text), font: flow.fonts[font] }], { size, align: 'center', leading: size * 1.35 });
}

function para(flow: PortraitFlow, spans: Span[], indent = 0): void {
  flow.paragraph(
    spans.map((s) => ({ ...s, text: cleanText(s.text) })),
    { size: BODY, leading: BODY * 1.45, indent },
  );
}

/** Two signature boxes side by side (left and right halves), titles in bold capitals. */
function signatures(flow: PortraitFlow, left: [string, string, string | null], right: [string, string, string | null]): void {
  flow.space(10);
  flow.ensure(110);
  const half = FORM_TEXT_WIDTH / 2;
  const y0 = flow.y;
  let low = y0;
  for (const [i, [title, hint, name]] of [left, right].entries()) {
    flow.y = y0;
    const x = FORM_LEFT + i * half;
    flow.paragraph([{ text: title, font: flow.fonts.bold }], { size: BODY, align: 'center', width: half, x, leading: BODY * 1.3 });
    flow.paragraph([{ text: hint, font: flow.fonts.italic }], { size: BODY - 1, align: 'center', width: half, x, leading: BODY * 1.3 });
    flow.y -= 60;
    if (name)
      flow.paragraph([{ text: clean(name), font: flow.fonts.bold }], { size: BODY, align: 'center', width: half, x, leading: BODY * 1.3 });
    low = Math.min(low, flow.y);
  }
  flow.y = low;
}

async function finish(doc: PDFDocument, flow: PortraitFlow): Promise<Uint8Array> {
  flow.finish();
  return doc.save({ useObjectStreams: false });
}

/** "DANH MỤC HỒ SƠ" of a year (Appendix V Part I form). */
export async function renderFilePlan(plan: FilePlanView, org: OrgHeader): Promise<Uint8Array> {
  const { doc, flow, fonts } = await start(`Danh mục hồ sơ năm ${plan.year}`, org);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: org.orgName, parentOrgName: org.parentOrgName, dateLine: null }, flow.top) - 24;
  centred(flow, 'DANH MỤC HỒ SƠ', 'bold', 14);
  centred(flow, `Năm ${plan.year}`, 'bold');
  const decision =
    plan.status === 'approved' && plan.decisionNumber && plan.decisionDate
      ? `(Kèm theo Quyết định số ${plan.decisionNumber} ngày ${formatDateVN(plan.decisionDate)} của ${clean(org.orgName) || '…'})`
      : '(Kèm theo Quyết định số ….. ngày ….. tháng ….. năm …… của …… )';
  centred(flow, decision, 'italic');
  if (plan.status !== 'approved') centred(flow, 'DỰ THẢO — chưa được phê duyệt', 'bold', 11);
  flow.space(10);
  const rows: { cells: string[]; bold?: boolean; italic?: boolean }[] = [];
  for (const h of plan.headings) {
    rows.push({
      cells: ['', `${h.number}. ${h.parentId === null ? h.title.toLocaleUpperCase('vi') : h.title}`, '', '', ''],
      bold: h.parentId === null,
      italic: h.parentId !== null,
    });
    for (const d of plan.dossiers.filter((x) => x.headingId === h.id)) {
      rows.push({ cells: [d.code, d.title, retentionLabel(d.retention), d.creator ?? '', d.note ?? ''] });
    }
  }
  table(
    flow,
    [
      { title: 'Số và ký hiệu hồ sơ', weight: 14, align: 'center' },
      { title: 'Tên đề mục và tiêu đề hồ sơ', weight: 44, align: 'left' },
      { title: 'Thời hạn bảo quản', weight: 13, align: 'center' },
      { title: 'Người lập hồ sơ', weight: 16, align: 'left' },
      { title: 'Ghi chú', weight: 13, align: 'left' },
    ],
    rows,
  );
  flow.space(10);
  const t = plan.totals;
  para(
    flow,
    [
      {
        text: `Danh mục hồ sơ này có ${t.dossiers} (${numberToWordsCapitalised(t.dossiers).toLocaleLowerCase('vi')}) hồ sơ, bao gồm: ${t.permanent} hồ sơ bảo quản vĩnh viễn; ${t.limited} hồ sơ bảo quản có thời hạn.`,
        font: fonts.regular,
      },
    ],
    28,
  );
  return finish(doc, flow);
}

/** "BIÊN BẢN Giao nhận hồ sơ, tài liệu" then its "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU" (Appendix V). */
export async function renderHandover(
  h: HandoverView,
  org: OrgHeader & { place: string | null; planDecision: string | null },
): Promise<Uint8Array> {
  const { doc, flow, fonts } = await start(`Biên bản giao nhận hồ sơ, tài liệu số ${h.id}/${h.year}`, org);
  const r = fonts.regular;
  const b = fonts.bold;
  // "Quảng Ngãi, ngày 10 tháng 3 năm 2026": the office's place when set, else read from its name.
  const line = org.place ? `${clean(org.place)}, ${formatLegalDate(org.day)}` : dateLineFor(org.orgName, org.day);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: org.orgName, parentOrgName: org.parentOrgName, dateLine: line }, flow.top) - 22;
  centred(flow, 'BIÊN BẢN', 'bold', 14);
  centred(flow, 'Giao nhận hồ sơ, tài liệu', 'bold');
  flow.space(10);
  para(flow, [{ text: 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;', font: r }], 28);
  const formedYear = (h.timeSpan.to ?? String(h.year - 1)).slice(0, 4);
  para(flow, [{ text: `Căn cứ ${clean(h.basis) || org.planDecision || `Danh mục hồ sơ năm ${formedYear}`};`, font: r }], 28);
  flow.space(4);
  para(flow, [{ text: `BÊN GIAO: ${clean(h.unitName)}`, font: b }], 28);
  para(flow, [{ text: `Ông (bà): ${clean(h.giverName)}`, font: r }], 28);
  para(flow, [{ text: `Chức vụ công tác: ${clean(h.giverPosition) || '…………………………'}`, font: r }], 28);
  para(flow, [{ text: 'BÊN NHẬN: Lưu trữ cơ quan', font: b }], 28);
  para(flow, [{ text: `Ông (bà): ${clean(h.receiverName) || '…………………………'}`, font: r }], 28);
  para(flow, [{ text: `Chức vụ công tác: ${clean(h.receiverPosition) || '…………………………'}`, font: r }], 28);
  para(flow, [{ text: 'Thống nhất lập biên bản giao nhận tài liệu với những nội dung cụ thể như sau:', font: r }], 28);
  const n = h.dossiers.length;
  const files = h.dossiers.reduce((s, d) => s + d.files, 0);
  const span = `${h.timeSpan.from ? formatDateVN(h.timeSpan.from) : '…'} – ${h.timeSpan.to ? formatDateVN(h.timeSpan.to) : '…'}`;
  para(flow, [{ text: `1. Tên khối tài liệu giao nộp: ${clean(h.blockName)}`, font: r }], 28);
  para(flow, [{ text: `2. Thời gian của hồ sơ, tài liệu: ${span}`, font: r }], 28);
  para(flow, [{ text: '3. Số lượng tài liệu:', font: r }], 28);
  // The paper amounts as the archivist entered them, each with its words; blanks when not entered.
  const words = (k: number) => `${k} (${numberToWords(k)})`;
  const paper = h.boxes !== null || h.shelfMeters !== null;
  const metres = h.shelfMeters === null ? null : hundredthsInWords(Math.round(h.shelfMeters * 100));
  para(
    flow,
    [
      {
        text:
          `- Tài liệu giấy: Tổng số hộp (cặp): ${h.boxes === null ? '……' : words(h.boxes)}; ` +
          `Tổng số hồ sơ (đơn vị bảo quản): ${paper ? words(n) : '……'}; ` +
          `Quy ra mét giá: ${metres ? `${metres.figure} (${metres.words})` : '……'} mét;`,
        font: r,
      },
    ],
    42,
  );
  para(flow, [{ text: `- Tài liệu điện tử: Tổng số hồ sơ: ${n}; Tổng số tệp tin trong hồ sơ: ${files}.`, font: r }], 42);
  para(flow, [{ text: `4. Tình trạng tài liệu giao nộp: ${clean(h.condition) || 'Tốt'}`, font: r }], 28);
  para(flow, [{ text: '5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo.', font: r }], 28);
  para(flow, [{ text: 'Biên bản này được lập thành hai bản; bên giao giữ một bản, bên nhận giữ một bản./.', font: r }], 28);
  signatures(
    flow,
    ['ĐẠI DIỆN BÊN GIAO', '(Ký và ghi rõ họ và tên)', h.giverName],
    ['ĐẠI DIỆN BÊN NHẬN', '(Ký và ghi rõ họ và tên)', h.receiverName],
  );

  // The attached list starts on its own page.
  flow.newPage();
  flow.y = drawFormHeader(flow.w, fonts, { orgName: clean(h.unitName), parentOrgName: org.orgName, dateLine: null }, flow.top) - 24;
  centred(flow, 'MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU', 'bold', 14);
  centred(flow, clean(h.unitName), 'italic');
  centred(flow, `Năm ${h.year}`, 'bold');
  flow.space(10);
  const span2 = (d: HandoverView['dossiers'][number]) =>
    [d.startDate ? formatDateVN(d.startDate) : '', d.endDate ? formatDateVN(d.endDate) : ''].filter(Boolean).join(' – ');
  table(
    flow,
    [
      { title: 'Số TT', weight: 7, align: 'center' },
      { title: 'Số, ký hiệu hồ sơ', weight: 13, align: 'center' },
      { title: 'Tiêu đề hồ sơ', weight: 34, align: 'left' },
      { title: 'Thời gian tài liệu', weight: 15, align: 'center' },
      { title: 'Thời hạn bảo quản', weight: 11, align: 'center' },
      { title: 'Số tờ/ Số trang', weight: 9, align: 'center' },
      { title: 'Ghi chú', weight: 11, align: 'left' },
    ],
    h.dossiers.map((d) => ({
      cells: [
        String(d.ordinal),
        d.code,
        d.title,
        span2(d),
        d.retentionLabel,
        d.pages === null ? '' : String(d.pages),
        `${d.docTotal} văn bản${d.note ? `; ${d.note}` : ''}`,
      ],
    })),
  );
  flow.space(10);
  para(flow, [{ text: `Mục lục này gồm: ${n} hồ sơ (đơn vị bảo quản).`, font: r }], 28);
  para(flow, [{ text: `Viết bằng chữ: ${numberToWordsCapitalised(n)} hồ sơ (đơn vị bảo quản).`, font: r }], 28);
  flow.space(6);
  // The maker's block sits centred in the right half, as on the form.
  const half = FORM_TEXT_WIDTH / 2;
  const right = { size: BODY, align: 'center' as const, leading: BODY * 1.4, width: half, x: FORM_LEFT + half };
  flow.ensure(120);
  flow.paragraph([{ text: line, font: fonts.italic }], right);
  flow.paragraph([{ text: 'Người lập', font: b }], right);
  flow.paragraph([{ text: '(Ký và ghi rõ họ và tên, chức vụ)', font: fonts.italic }], { ...right, size: BODY - 1 });
  flow.y -= 50;
  flow.paragraph([{ text: clean(h.giverName), font: b }], right);
  return finish(doc, flow);
}

/** "MỤC LỤC VĂN BẢN, TÀI LIỆU" of a dossier (written for permanent paper dossiers). */
export async function renderDossierIndex(d: DossierDetail, org: OrgHeader): Promise<Uint8Array> {
  const { doc, flow, fonts } = await start(`Mục lục văn bản hồ sơ ${d.code}`, org);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: org.orgName, parentOrgName: org.parentOrgName, dateLine: null }, flow.top) - 24;
  centred(flow, 'MỤC LỤC VĂN BẢN, TÀI LIỆU', 'bold', 14);
  centred(flow, `Số, ký hiệu hồ sơ: ${d.code}`, 'regular');
  centred(flow, `Năm ${d.year}`, 'regular');
  centred(flow, d.title, 'bold');
  flow.space(10);
  const sheets = sheetRanges(d.items.map((i) => i.pages));
  table(
    flow,
    [
      { title: 'STT', weight: 6, align: 'center' },
      { title: 'Số, ký hiệu văn bản', weight: 15, align: 'center' },
      { title: 'Ngày tháng năm văn bản', weight: 13, align: 'center' },
      { title: 'Tên loại và trích yếu nội dung văn bản', weight: 33, align: 'left' },
      { title: 'Tác giả văn bản', weight: 16, align: 'left' },
      { title: 'Tờ số/ Trang số', weight: 8, align: 'center' },
      { title: 'Ghi chú', weight: 9, align: 'left' },
    ],
    d.items.map((i, n) => ({
      cells: [
        String(i.ordinal),
        i.symbol ?? '',
        i.issuedDate ? formatDateVN(i.issuedDate) : '',
        `${i.typeName}: ${i.subject}`,
        i.author || clean(org.orgName),
        sheets[n]!,
        i.note ?? '',
      ],
    })),
  );
  flow.space(8);
  para(
    flow,
    [
      {
        text: `Hồ sơ gồm ${d.items.length} (${numberToWordsCapitalised(d.items.length).toLocaleLowerCase('vi')}) văn bản; thời hạn bảo quản: ${d.retentionLabel}.`,
        font: fonts.regular,
      },
    ],
    28,
  );
  return finish(doc, flow);
}

/**
 * Column (6) "Tờ số/ Trang số": where each document lies in the dossier's numbered sheets
 * ("01-02", "03"), counted from the page totals in order; once a document's page total is
 * unknown the following places are unknown too, and left blank to be written by hand.
 */
export function sheetRanges(pages: readonly (number | null)[]): string[] {
  const two = (n: number) => String(n).padStart(2, '0');
  let at = 0;
  return pages.map((p) => {
    if (at < 0 || p === null || p < 1) {
      at = -1;
      return '';
    }
    const from = at + 1;
    at += p;
    return p === 1 ? two(from) : `${two(from)}-${two(at)}`;
  });
}

/** The first page of a dossier's export: its 11 metadata fields (App. VI Part II.III). */
export async function renderDossierMetadata(
  d: DossierDetail,
  org: OrgHeader & { organId: string },
  /** «Tổng số trang của hồ sơ» as the export counted it (dossierExport.ts); else the total declared at closing. */
  pageTotal?: string,
): Promise<Uint8Array> {
  const { doc, flow, fonts } = await start(`Hồ sơ ${d.code} (${d.year})`, org);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: org.orgName, parentOrgName: org.parentOrgName, dateLine: null }, flow.top) - 24;
  centred(flow, 'HỒ SƠ', 'bold', 14);
  centred(flow, d.title, 'bold');
  centred(flow, `Số, ký hiệu hồ sơ: ${d.code} — Năm ${d.year}`, 'regular');
  flow.space(10);
  const row = (k: string, v: string) => ({ cells: [k, v] });
  table(
    flow,
    [
      { title: 'Thông tin', weight: 32, align: 'left' },
      { title: 'Nội dung', weight: 68, align: 'left' },
    ],
    [
      row('Mã hồ sơ', d.fileCode),
      row('Mã cơ quan lưu trữ', org.organId),
      row('Năm hình thành hồ sơ', String(d.year)),
      row('Số và ký hiệu hồ sơ', d.code),
      row('Tiêu đề hồ sơ', d.title),
      row('Thời hạn bảo quản', `${d.retentionLabel} (${maintenanceCode(d.retention)})`),
      row('Chế độ sử dụng', `${DOSSIER_RIGHTS_LABELS[d.rights]} (${d.rights})`),
      row('Người lập hồ sơ', d.creator ?? ''),
      row('Ngôn ngữ', d.language),
      row('Thời gian bắt đầu', d.startDate ? formatDateVN(d.startDate) : ''),
      row('Thời gian kết thúc', d.endDate ? formatDateVN(d.endDate) : ''),
      row('Tổng số văn bản trong hồ sơ', String(d.items.length)),
      row('Tổng số trang của hồ sơ', pageTotal ?? (d.pageTotal === null ? '' : String(d.pageTotal))),
      row('Chú giải', d.description ?? ''),
    ],
  );
  flow.space(8);
  para(flow, [{ text: 'Các văn bản của hồ sơ theo thứ tự thời gian, sau Mục lục văn bản.', font: fonts.italic }], 0);
  return finish(doc, flow);
}

/** A page standing for a document whose files are not laid into the export (none, or not PDF/images). */
export async function renderExportNotice(
  d: DossierDetail,
  item: DossierItemView,
  missing: readonly { name: string; mime: string; sha256: string }[],
  org: OrgHeader,
): Promise<Uint8Array> {
  const { doc, flow, fonts } = await start(`Hồ sơ ${d.code}: văn bản ${item.ordinal}`, org);
  centred(flow, `Văn bản số thứ tự ${item.ordinal} trong hồ sơ ${d.code}`, 'bold');
  centred(flow, [item.symbol, item.issuedDate ? formatDateVN(item.issuedDate) : null].filter(Boolean).join(', '), 'regular');
  centred(flow, `${item.typeName}: ${item.subject}`, 'regular');
  flow.space(10);
  if (!missing.length) para(flow, [{ text: 'Văn bản này không có tệp đính kèm trong hệ thống.', font: fonts.italic }]);
  for (const f of missing)
    para(flow, [
      { text: `Tệp ${f.name} (${f.mime}) không ghép được vào bản PDF; mã SHA-256: `, font: fonts.regular },
      { text: f.sha256, font: fonts.italic },
    ]);
  return finish(doc, flow);
}

/** "SỔ SỬ DỤNG BẢN LƯU" (Appendix IV: nine columns). */
export async function renderUsageRegister(entries: UsageEntry[], org: OrgHeader & { year: number }): Promise<Uint8Array> {
  const { doc, flow, fonts } = await start(`Sổ sử dụng bản lưu năm ${org.year}`, org);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: org.orgName, parentOrgName: org.parentOrgName, dateLine: null }, flow.top) - 24;
  centred(flow, 'SỔ SỬ DỤNG BẢN LƯU', 'bold', 14);
  centred(flow, `Năm ${org.year}`, 'bold');
  flow.space(10);
  table(
    flow,
    [
      { title: 'Ngày tháng', weight: 10, align: 'center' },
      { title: 'Họ tên người sử dụng', weight: 13, align: 'left' },
      { title: 'Số, ký hiệu, ngày tháng văn bản', weight: 13, align: 'center' },
      { title: 'Tên loại và trích yếu nội dung', weight: 20, align: 'left' },
      { title: 'Số và ký hiệu hồ sơ', weight: 9, align: 'center' },
      { title: 'Ký nhận', weight: 8, align: 'center' },
      { title: 'Ngày trả', weight: 10, align: 'center' },
      { title: 'Người cho phép sử dụng', weight: 11, align: 'left' },
      { title: 'Ghi chú', weight: 8, align: 'left' },
    ],
    entries.map((u) => ({
      cells: [
        formatDateVN(u.usedOn),
        u.userName,
        u.reference,
        u.subject,
        u.dossierCode ?? '',
        '',
        u.returnedOn ? formatDateVN(u.returnedOn) : '',
        u.approvedBy,
        u.note ?? '',
      ],
    })),
  );
  return finish(doc, flow);
}

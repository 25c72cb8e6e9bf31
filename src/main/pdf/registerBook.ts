/**
 * The printed registers of Decree 30/2020/NĐ-CP Appendix IV ("Sổ đăng ký văn bản đến",
 * "Sổ đăng ký văn bản đi"): a portrait cover followed by landscape ruled pages with the
 * columns of the form. A book is described by a BookSpec (columns, how a record fills a
 * row, its number and date); the engine here lays out any of them. "Ngày chuyển" and
 * "Ký nhận" stay empty because the recipient signs the paper book on hand-over.
 */
import { PDFDocument, type PDFFont } from 'pdf-lib';
import type { IncomingRecord } from '../../shared/domain/incoming.js';
import type { OutgoingRecord } from '../../shared/domain/outgoing.js';
import type { Assignment } from '../../shared/domain/workflow.js';
import { SECRECY_LABELS, URGENCY_LABELS } from '../../shared/domain/enums.js';
import { formatDateVN, parseInstant, vnDate } from '../../shared/text/dates.js';
import { embedSerifFonts, type SerifFonts as AllFonts } from './fonts.js';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  blankRow,
  cleanText,
  columnEdges,
  drawCentred,
  drawGrid,
  drawRowText,
  layoutRow,
  mm,
  PageWriter,
  replaceCell,
  splitRow,
  tableStyle,
  wrapSpans,
  type Align,
  type Margins,
  type RowLayout,
  type Span,
  type TableColumn,
  type TableStyle,
} from './layout.js';

export interface RegisterBookInput<T = IncomingRecord> {
  orgName: string | null;
  parentOrgName?: string | null;
  register: { code: string; name: string };
  year: number;
  documents: T[];
  /** ISO 8601 with +07:00; becomes the PDF's creation date. */
  printedAt: string;
}

/** What makes one register book different from another. */
export interface BookSpec<T> {
  /** Title of an ordinary book ("Sổ đăng ký văn bản đến"). */
  title: string;
  columns: readonly BookColumn[];
  /** Which column carries the number (and the "(tiếp)" marker of a split row). */
  numberColumn: number;
  number(d: T): number;
  /** The document's calendar day (YYYY-MM-DD) for the cover's date range. */
  day(d: T): string;
  cells(d: T, fonts: SerifFonts): Span[][];
}

/** Landscape table pages; left is wider for binding. */
export const TABLE_MARGINS: Margins = { top: mm(20), right: mm(15), bottom: mm(20), left: mm(25) };
const COVER_MARGINS: Margins = { top: mm(25), right: mm(15), bottom: mm(25), left: mm(30) };

const BOOK_STYLES = ['regular', 'bold', 'italic'] as const;
type SerifFonts = AllFonts<(typeof BOOK_STYLES)[number]>;

const TABLE_SIZE = 10;
const PAGE_NUMBER_SIZE = 11;
const DOTS = '..............................';

/**
 * Column titles of the Appendix IV incoming book, with widths in millimetres. `label` is
 * the printed heading where a hand-placed break reads better than the greedy wrap
 * ("Số, ký hiệu / văn bản" rather than "Số, ký hiệu văn / bản").
 */
type ColumnSpec = { title: string; label?: string; widthMm: number; align: Align };

const INCOMING_COLUMN_SPECS: readonly ColumnSpec[] = [
  { title: 'Ngày đến', widthMm: 20, align: 'center' },
  { title: 'Số đến', widthMm: 13, align: 'center' },
  { title: 'Tác giả', widthMm: 32, align: 'left' },
  { title: 'Số, ký hiệu văn bản', label: 'Số, ký hiệu\nvăn bản', widthMm: 27, align: 'left' },
  { title: 'Ngày tháng văn bản', label: 'Ngày tháng\nvăn bản', widthMm: 20, align: 'center' },
  { title: 'Tên loại và trích yếu nội dung', widthMm: 58, align: 'left' },
  { title: 'Đơn vị hoặc người nhận', label: 'Đơn vị hoặc\nngười nhận', widthMm: 28, align: 'left' },
  { title: 'Ngày chuyển', widthMm: 18, align: 'center' },
  { title: 'Ký nhận', widthMm: 16, align: 'center' },
  { title: 'Ghi chú', widthMm: 25, align: 'left' },
];

export interface BookColumn extends TableColumn {
  title: string;
  label: string;
}

/** Appendix IV "Sổ đăng ký văn bản đi" (10 columns). */
const OUTGOING_COLUMN_SPECS: readonly ColumnSpec[] = [
  { title: 'Số, ký hiệu văn bản', label: 'Số, ký hiệu\nvăn bản', widthMm: 27, align: 'left' },
  { title: 'Ngày tháng văn bản', label: 'Ngày tháng\nvăn bản', widthMm: 20, align: 'center' },
  { title: 'Tên loại và trích yếu nội dung', widthMm: 62, align: 'left' },
  { title: 'Người ký', widthMm: 28, align: 'left' },
  { title: 'Nơi nhận văn bản', label: 'Nơi nhận\nvăn bản', widthMm: 40, align: 'left' },
  { title: 'Đơn vị, người nhận bản lưu', label: 'Đơn vị, người\nnhận bản lưu', widthMm: 22, align: 'left' },
  { title: 'Số lượng bản', label: 'Số lượng\nbản', widthMm: 14, align: 'center' },
  { title: 'Ngày chuyển', widthMm: 18, align: 'center' },
  { title: 'Ký nhận', widthMm: 16, align: 'center' },
  { title: 'Ghi chú', widthMm: 22, align: 'left' },
];

/** The columns scaled to fill exactly the width between the table margins. */
function bookColumns(specs: readonly ColumnSpec[]): readonly BookColumn[] {
  const available = A4_LANDSCAPE.width - TABLE_MARGINS.left - TABLE_MARGINS.right;
  const total = specs.reduce((s, c) => s + c.widthMm, 0);
  return specs.map((c) => ({
    title: c.title,
    label: c.label ?? c.title,
    align: c.align,
    width: (c.widthMm / total) * available,
  }));
}

export const INCOMING_BOOK_COLUMNS = bookColumns(INCOMING_COLUMN_SPECS);
export const OUTGOING_BOOK_COLUMNS = bookColumns(OUTGOING_COLUMN_SPECS);

export async function renderRegisterBook<T>(spec: BookSpec<T>, input: RegisterBookInput<T>): Promise<Uint8Array> {
  const printedAt = parseInstant(input.printedAt);
  if (printedAt === null) throw new Error(`printedAt không hợp lệ: ${input.printedAt}`);
  const doc = await PDFDocument.create();
  const fonts = await embedSerifFonts(doc, BOOK_STYLES);
  const title = bookTitle(spec, input.register);
  setMetadata(doc, input, `${title} năm ${input.year}`, new Date(printedAt));

  // The book runs in number order whatever order the caller fetched rows in.
  const documents = [...input.documents].sort((a, b) => spec.number(a) - spec.number(b));
  drawCover(doc, fonts, spec, input, title, documents);
  drawTablePages(doc, fonts, spec, documents);
  return doc.save();
}

export function renderIncomingRegisterBook(input: RegisterBookInput<IncomingRecord>): Promise<Uint8Array> {
  return renderRegisterBook(INCOMING_BOOK, input);
}

export function renderOutgoingRegisterBook(input: RegisterBookInput<OutgoingRecord>): Promise<Uint8Array> {
  return renderRegisterBook(OUTGOING_BOOK, input);
}

function isConfidential(register: RegisterBookInput<unknown>['register']): boolean {
  const words = cleanText(register.name).toLocaleLowerCase('vi').split(/\s+/);
  return /-MAT$/.test(register.code) || words.includes('mật');
}

/** Sentence-case title; a confidential book keeps its own name ("... mật đến"). */
function bookTitle(spec: BookSpec<unknown>, register: RegisterBookInput<unknown>['register']): string {
  return isConfidential(register) ? cleanText(register.name).trim() : spec.title;
}

function setMetadata(doc: PDFDocument, input: RegisterBookInput<unknown>, title: string, printedAt: Date): void {
  doc.setTitle(cleanText(title), { showInWindowTitleBar: true });
  if (input.orgName) doc.setAuthor(cleanText(input.orgName));
  doc.setCreator('VănThư');
  doc.setProducer('VănThư (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(printedAt);
  doc.setModificationDate(printedAt);
}

// ---------------------------------------------------------------------------------------
// Cover

/**
 * The Vietnam calendar day (YYYY-MM-DD) of an arrival. Stored instants carry +07:00, but
 * going through the parser keeps any other offset on the right day.
 */
function arrivalDay(iso: string): string {
  const t = parseInstant(iso);
  return t === null ? iso.slice(0, 10) : vnDate(t);
}

function coverRanges<T>(spec: BookSpec<T>, documents: readonly T[]): { from: string; to: string; first: string; last: string } {
  if (documents.length === 0) return { from: DOTS, to: DOTS, first: DOTS, last: DOTS };
  let from = spec.day(documents[0]!);
  let to = from;
  for (const d of documents) {
    const day = spec.day(d);
    if (day < from) from = day;
    if (day > to) to = day;
  }
  return {
    from: formatDateVN(from),
    to: formatDateVN(to),
    // Documents are sorted by number, so the ends are the first and the last.
    first: String(spec.number(documents[0]!)),
    last: String(spec.number(documents[documents.length - 1]!)),
  };
}

function drawCover<T>(
  doc: PDFDocument,
  fonts: SerifFonts,
  spec: BookSpec<T>,
  input: RegisterBookInput<T>,
  title: string,
  documents: readonly T[],
): void {
  const { width, height } = A4_PORTRAIT;
  const page = doc.addPage([width, height]);
  const w = new PageWriter(doc, page);
  const m = COVER_MARGINS;
  const textWidth = width - m.left - m.right;
  const cx = m.left + textWidth / 2;
  const upper = (s: string) => cleanText(s).toLocaleUpperCase('vi');

  let y = height - m.top - 13;
  if (input.parentOrgName) {
    const lines = wrapSpans([{ text: upper(input.parentOrgName), font: fonts.regular }], 13, textWidth);
    y = drawCentred(w, lines, 13, cx, y, 16);
  }
  const org = input.orgName ? upper(input.orgName) : DOTS;
  y = drawCentred(w, wrapSpans([{ text: org, font: fonts.bold }], 13, textWidth), 13, cx, y, 16);
  // The short rule under the issuing body's name, as on Decree 30 forms; low enough to
  // clear the dot under "Ị" on the line above.
  const ruleY = y + 16 - 10;
  w.stroke(cx - mm(15), ruleY, cx + mm(15), ruleY, 0.75);

  const titleLines = wrapSpans([{ text: upper(title), font: fonts.bold }], 24, textWidth);
  y = drawCentred(w, titleLines, 24, cx, height * 0.58, 32);

  const r = coverRanges(spec, documents);
  const details = [`Năm: ${input.year}`, `Từ ngày ${r.from} đến ngày ${r.to}`, `Từ số ${r.first} đến số ${r.last}`, 'Quyển số: 01'];
  y -= 20;
  for (const text of details) {
    y = drawCentred(w, wrapSpans([{ text, font: fonts.regular }], 14, textWidth), 14, cx, y, 28);
  }
  w.finish();
}

// ---------------------------------------------------------------------------------------
// Table pages

const plain = (text: string | null | undefined, font: PDFFont): Span[] => (text ? [{ text, font }] : []);

/** "Ghi chú": urgency and secrecy marks the clerk must notice, the note, then why it was voided. */
function noteSpans(d: IncomingRecord, fonts: SerifFonts): Span[] {
  const spans: Span[] = [];
  const add = (text: string, font: PDFFont) => spans.push({ text: spans.length ? `\n${text}` : text, font });
  if (d.urgency !== 'normal') add(URGENCY_LABELS[d.urgency], fonts.bold);
  if (d.secrecy !== 'normal') add(SECRECY_LABELS[d.secrecy], fonts.bold);
  if (d.description) add(d.description, fonts.regular);
  if (d.status === 'voided') add(d.voidReason ? `Đã hủy: ${d.voidReason}` : 'Đã hủy', fonts.italic);
  return spans;
}

const INCOMING_BOOK: BookSpec<IncomingRecord> = {
  title: 'Sổ đăng ký văn bản đến',
  columns: INCOMING_BOOK_COLUMNS,
  numberColumn: 1,
  number: (d) => d.arrivalNumber,
  day: (d) => arrivalDay(d.arrivalDate),
  cells: incomingCells,
};

function incomingCells(d: IncomingRecord, fonts: SerifFonts): Span[][] {
  const r = fonts.regular;
  return [
    plain(formatDateVN(arrivalDay(d.arrivalDate)), r),
    plain(String(d.arrivalNumber), r),
    plain(d.organName, r),
    plain(d.symbol, r),
    plain(formatDateVN(d.issuedDate), r),
    [
      { text: d.typeName, font: fonts.bold },
      { text: ` ${d.subject}`, font: r },
    ],
    plain(d.toPlaces, r),
    [],
    [],
    noteSpans(d, fonts),
  ];
}

/** Outgoing: "Nơi nhận" lists the recipients; the file copy stays with VT and the drafting unit. */
const OUTGOING_BOOK: BookSpec<OutgoingRecord> = {
  title: 'Sổ đăng ký văn bản đi',
  columns: OUTGOING_BOOK_COLUMNS,
  numberColumn: 0,
  number: (d) => d.codeNumber ?? 0,
  day: (d) => d.issuedDate ?? '',
  cells: (d, fonts) => {
    const r = fonts.regular;
    const notes: Span[] = [];
    if (d.urgency !== 'normal') notes.push({ text: URGENCY_LABELS[d.urgency], font: fonts.bold });
    if (d.secrecy !== 'normal') notes.push({ text: `${notes.length ? '\n' : ''}${SECRECY_LABELS[d.secrecy]}`, font: fonts.bold });
    if (d.status === 'issued_paper') notes.push({ text: `${notes.length ? '\n' : ''}Bản giấy`, font: fonts.italic });
    if (d.status === 'issued') notes.push({ text: `${notes.length ? '\n' : ''}Điện tử`, font: fonts.italic });
    return [
      plain(d.symbol, r),
      plain(d.issuedDate ? formatDateVN(d.issuedDate) : null, r),
      [
        { text: d.typeName, font: fonts.bold },
        { text: ` ${d.subject}`, font: r },
      ],
      plain([d.signerPosition, d.signerName].filter(Boolean).join(' ').trim() || null, r),
      plain(d.recipients.map((x) => `- ${x}`).join('\n') || null, r),
      plain(`VT, ${d.draftingUnit}`, r),
      plain(d.copies ? String(d.copies) : null, r),
      [],
      [],
      notes,
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Follow-up book

/** Appendix IV "Sổ theo dõi giải quyết văn bản đến" (7 columns). */
const FOLLOW_UP_COLUMN_SPECS: readonly ColumnSpec[] = [
  { title: 'Số đến', widthMm: 12, align: 'center' },
  {
    title: 'Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành',
    label: 'Tên loại, số, ký hiệu,\nngày tháng, cơ quan\nban hành',
    widthMm: 50,
    align: 'left',
  },
  { title: 'Đơn vị hoặc người nhận', label: 'Đơn vị hoặc\nngười nhận', widthMm: 58, align: 'left' },
  { title: 'Thời hạn giải quyết', label: 'Thời hạn\ngiải quyết', widthMm: 22, align: 'center' },
  { title: 'Tiến độ giải quyết', label: 'Tiến độ\ngiải quyết', widthMm: 64, align: 'left' },
  { title: 'Số, ký hiệu văn bản trả lời', label: 'Số, ký hiệu\nvăn bản trả lời', widthMm: 34, align: 'left' },
  { title: 'Ghi chú', widthMm: 22, align: 'left' },
];

export const FOLLOW_UP_BOOK_COLUMNS = bookColumns(FOLLOW_UP_COLUMN_SPECS);

export type FollowUpBookAssignment = Pick<Assignment, 'unit' | 'unitName' | 'role' | 'dueDate' | 'status' | 'doneAt' | 'replySymbol'>;

/** One incoming document of the follow-up book with its current assignments, lead first. */
export interface FollowUpBookEntry {
  arrivalNumber: number;
  arrivalDate: string;
  register: string;
  typeName: string;
  symbol: string | null;
  issuedDate: string;
  organName: string;
  assignments: FollowUpBookAssignment[];
  /** The day progress is judged on (YYYY-MM-DD): still open and due before it = overdue. */
  asOf: string;
}

const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** "Đã giao" / "Đang xử lý" / "Hoàn thành ngày dd/mm/yyyy", with lateness marked. */
function progressSpans(a: FollowUpBookAssignment, asOf: string, fonts: SerifFonts): Span[] {
  if (a.status === 'done' && a.doneAt) {
    const day = arrivalDay(a.doneAt);
    const spans: Span[] = [{ text: `Hoàn thành ngày ${formatDateVN(day)}`, font: fonts.regular }];
    if (day > a.dueDate) spans.push({ text: ' (quá hạn)', font: fonts.italic });
    return spans;
  }
  const spans: Span[] = [{ text: a.status === 'in_progress' ? 'Đang xử lý' : 'Đã giao', font: fonts.regular }];
  if (a.dueDate < asOf) spans.push({ text: ` – Quá hạn ${dayNumber(asOf) - dayNumber(a.dueDate)} ngày`, font: fonts.bold });
  return spans;
}

/**
 * A line holding only a no-break space: the wrapper collapses empty lines, but a unit's
 * entries in columns 3–6 must start on the same line, so shorter cells are padded.
 */
const PAD = '\u00a0';

function followUpCells(d: FollowUpBookEntry, fonts: SerifFonts): Span[][] {
  const r = fonts.regular;
  const padX = tableStyle(r, TABLE_SIZE).padX;
  const inner = (col: number) => FOLLOW_UP_BOOK_COLUMNS[col]!.width - 2 * padX;
  // Columns 3–6 hold one block per unit (lead first); each block starts on the same
  // line in all four, so a deadline and a progress note read against their unit.
  const blocks = d.assignments.map((a): Span[][] => [
    [
      { text: a.unitName, font: a.role === 'lead' ? fonts.bold : r },
      { text: ` (${a.role === 'lead' ? 'chủ trì' : 'phối hợp'})`, font: fonts.italic },
    ],
    [{ text: formatDateVN(a.dueDate), font: r }],
    progressSpans(a, d.asOf, fonts),
    a.replySymbol ? [{ text: a.replySymbol, font: r }] : [],
  ]);
  const columns: Span[][] = [[], [], [], []];
  blocks.forEach((block, k) => {
    const last = k === blocks.length - 1;
    const lines = block.map((spans, j) => wrapSpans(spans, TABLE_SIZE, inner(j + 2)).length);
    const height = Math.max(1, ...lines);
    block.forEach((spans, j) => {
      const cell = spans.length ? spans.map((x) => ({ ...x })) : last ? [] : [{ text: PAD, font: r }];
      if (k > 0 && cell.length) cell[0] = { ...cell[0]!, text: `\n${cell[0]!.text}` };
      if (!last) for (let n = Math.max(1, lines[j]!); n < height; n++) cell.push({ text: `\n${PAD}`, font: r });
      columns[j]!.push(...cell);
    });
  });
  return [
    plain(String(d.arrivalNumber), r),
    [
      { text: d.typeName, font: fonts.bold },
      // A no-break space keeps "ngày" with its date.
      { text: `${d.symbol ? ` số ${d.symbol}` : ''} ngày${PAD}${formatDateVN(d.issuedDate)}\n${d.organName}`, font: r },
    ],
    ...columns,
    plain(d.register !== 'DEN' ? `Sổ ${d.register}` : null, fonts.italic),
  ];
}

/** The follow-up book: one row per document, in arrival-number order. */
export const FOLLOW_UP_BOOK: BookSpec<FollowUpBookEntry> = {
  // No-break spaces keep "văn bản đến" together on the cover's second line.
  title: 'Sổ theo dõi giải quyết văn\u00a0bản\u00a0đến',
  columns: FOLLOW_UP_BOOK_COLUMNS,
  numberColumn: 0,
  number: (d) => d.arrivalNumber,
  day: (d) => arrivalDay(d.arrivalDate),
  cells: followUpCells,
};

interface TableContext {
  doc: PDFDocument;
  fonts: SerifFonts;
  style: TableStyle;
  edges: number[];
  header: RowLayout[];
  columns: readonly BookColumn[];
  headerColumns: readonly TableColumn[];
}

/** One landscape page being filled: where the next row goes and which rows it holds. */
class TablePage {
  readonly writer: PageWriter;
  readonly rowTops: number[] = [];
  y: number;
  bodyRows = 0;

  constructor(
    private readonly t: TableContext,
    pageNumber: number,
  ) {
    const { width, height } = A4_LANDSCAPE;
    this.writer = new PageWriter(t.doc, t.doc.addPage([width, height]));
    const left = TABLE_MARGINS.left;
    const centre = left + (width - left - TABLE_MARGINS.right) / 2;
    const label = String(pageNumber);
    const labelWidth = t.fonts.regular.widthOfTextAtSize(label, PAGE_NUMBER_SIZE);
    this.writer.text(t.fonts.regular, PAGE_NUMBER_SIZE, centre - labelWidth / 2, height - mm(12), label);
    this.y = height - TABLE_MARGINS.top;
    for (const row of t.header) this.place(row, true);
  }

  get room(): number {
    return this.y - TABLE_MARGINS.bottom;
  }

  place(row: RowLayout, header = false): void {
    this.rowTops.push(this.y);
    const columns = header ? this.t.headerColumns : this.t.columns;
    drawRowText(this.writer, row, columns, this.t.edges, this.y, this.t.style, header ? 'middle' : 'top');
    this.y -= row.height;
  }

  finish(): void {
    drawGrid(this.writer, this.t.edges, this.rowTops, this.y, this.t.style.lineWidth);
    this.writer.finish();
  }
}

function headerRows(
  fonts: SerifFonts,
  style: TableStyle,
  columns: readonly BookColumn[],
  headerColumns: readonly TableColumn[],
): RowLayout[] {
  const titles = layoutRow(
    columns.map((c) => [{ text: c.label, font: fonts.bold }]),
    headerColumns,
    style,
  );
  const numbers = layoutRow(
    columns.map((_, i) => [{ text: `(${i + 1})`, font: fonts.regular }]),
    headerColumns,
    style,
  );
  return [titles, numbers];
}

function drawTablePages<T>(doc: PDFDocument, fonts: SerifFonts, spec: BookSpec<T>, documents: readonly T[]): void {
  const style = tableStyle(fonts.regular, TABLE_SIZE);
  const columns = spec.columns;
  const headerColumns: readonly TableColumn[] = columns.map((c) => ({ ...c, align: 'center' }));
  const t: TableContext = {
    doc,
    fonts,
    style,
    edges: columnEdges(columns, TABLE_MARGINS.left),
    header: headerRows(fonts, style, columns, headerColumns),
    columns,
    headerColumns,
  };
  // The cover is page 1, so the first table page is numbered 2.
  let pageNumber = 2;
  let page = new TablePage(t, pageNumber);
  const nextPage = () => {
    page.finish();
    page = new TablePage(t, ++pageNumber);
  };

  if (documents.length === 0) {
    // An empty book still prints ruled rows so it can be kept by hand.
    const blank = blankRow(columns, style, 2);
    while (page.room >= blank.height) page.place(blank);
  }

  for (const d of documents) {
    let row = layoutRow(spec.cells(d, fonts), columns, style);
    for (;;) {
      if (row.height <= page.room) {
        page.place(row);
        break;
      }
      if (page.bodyRows > 0) {
        nextPage();
        continue;
      }
      // Taller than a whole page (e.g. 1,000 characters of recipients): only now split.
      const [head, tail] = splitRow(row, page.room, style);
      page.place(head);
      // Tell the reader on the next page whose row carries on there.
      const marker = [{ text: `${spec.number(d)}\n(tiếp)`, font: fonts.italic }];
      row = replaceCell(tail, spec.numberColumn, marker, columns, style);
      nextPage();
    }
    page.bodyRows++;
  }
  page.finish();
}

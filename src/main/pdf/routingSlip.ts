/**
 * "Phiếu giải quyết văn bản đến" (Decree 30/2020/NĐ-CP Art. 24 and Appendix IV): the slip
 * that travels with a paper document. Part 1 carries the leader's direction as recorded
 * in the system (lead unit "chủ trì", supporting units "phối hợp", a deadline per unit,
 * who directed and when); parts 2 and 3 (the unit head's and the handler's opinions) are
 * dotted lines because they are written by hand on the paper.
 *
 * The portrait page furniture shared with the periodic report (the two-column header of
 * Decree 30 documents, a top-down flow with page breaks, ruled tables that repeat their
 * heading) lives here too, so both forms look like the office's other documents.
 */
import type { Viewer } from '../accounts/visibility.js';
import { PDFDocument } from 'pdf-lib';
import { SECRECY_LABELS, URGENCY_LABELS } from '../../shared/domain/enums.js';
import type { IncomingRecord } from '../../shared/domain/incoming.js';
import type { Assignment } from '../../shared/domain/workflow.js';
import { formatDateVN, formatLegalDate, parseInstant, toVnIso, vnDate } from '../../shared/text/dates.js';
import { placeFromOrgName } from '../outgoing/outgoingPdf.js';
import type { Clock } from '../clock.js';
import type { IncomingService } from '../incoming/incomingService.js';
import type { Store } from '../store/ports.js';
import type { AssignmentService } from '../workflow/assignmentService.js';
import { embedSerifFonts, type SerifFonts } from './fonts.js';
import {
  cleanText,
  columnEdges,
  drawCentred,
  drawGrid,
  drawRowText,
  PageWriter,
  textWidth,
  wrapBalanced,
  wrapSpans,
  type RowLayout,
  type Span,
  type TableColumn,
  type TableStyle,
} from './layout.js';
import {
  HEADER_GUTTER,
  HEADER_LEFT_WIDTH,
  HEADER_RIGHT_WIDTH,
  MARGINS,
  PAGE,
  RULE_GAP,
  RULE_WIDTH,
  SHORT_RULE_FRACTION,
  SINGLE,
  SIZE,
  TEXT_WIDTH,
} from './decree30/style.js';

export type FormFonts = SerifFonts<'regular' | 'bold' | 'italic' | 'boldItalic'>;

export const FORM_LEFT = MARGINS.left;
export const FORM_RIGHT = PAGE.width - MARGINS.right;
export const FORM_TEXT_WIDTH = TEXT_WIDTH;

/** Height above the baseline of Vietnamese capitals with stacked marks, and the depth below. */
const ascentOf = (size: number): number => size * 0.93;
const descentOf = (size: number): number => size * 0.23;

const clean = (s: string): string => cleanText(s).replace(/[ ]+/g, ' ').trim();
const upper = (s: string): string => clean(s).toLocaleUpperCase('vi');

// ---------------------------------------------------------------------------------------
// Shared portrait furniture

export interface FormHeader {
  parentOrgName?: string | null;
  orgName: string | null;
  /** The line under the motto, e.g. "Quảng Ngãi, ngày 10 tháng 3 năm 2026"; omitted if null. */
  dateLine?: string | null;
}

/** "Quảng Ngãi, ngày 10 tháng 3 năm 2026", or "Ngày 10 tháng 3 năm 2026" without a place. */
export function dateLineFor(orgName: string | null | undefined, day: string): string {
  const legal = formatLegalDate(day);
  const place = orgName ? placeFromOrgName(orgName) : null;
  return place ? `${place}, ${legal}` : legal.charAt(0).toLocaleUpperCase('vi') + legal.slice(1);
}

/**
 * The two-column header of Decree 30 documents (Appendix I boxes 1, 2 and 4): the body's
 * name on the left with a short rule, the national title and ruled motto on the right,
 * then the place and date. Returns the y below which the page may continue.
 */
export function drawFormHeader(w: PageWriter, fonts: FormFonts, h: FormHeader, top: number): number {
  const leftCentre = FORM_LEFT + HEADER_LEFT_WIDTH / 2;
  const rightCentre = FORM_LEFT + HEADER_LEFT_WIDTH + HEADER_RIGHT_WIDTH / 2;

  let rightY = top - ascentOf(SIZE.nationalTitle);
  const title = wrapBalanced([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', font: fonts.bold }], SIZE.nationalTitle, HEADER_RIGHT_WIDTH);
  rightY = drawCentred(w, title, SIZE.nationalTitle, rightCentre, rightY, SIZE.nationalTitle * SINGLE);
  rightY += SIZE.nationalTitle * SINGLE - SIZE.motto * SINGLE;
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const mottoWidth = textWidth(fonts.bold, SIZE.motto, motto);
  w.text(fonts.bold, SIZE.motto, rightCentre - mottoWidth / 2, rightY, motto);
  const mottoRuleY = rightY - descentOf(SIZE.motto) - RULE_GAP;
  w.stroke(rightCentre - mottoWidth / 2, mottoRuleY, rightCentre + mottoWidth / 2, mottoRuleY, RULE_WIDTH);

  const leftWidth = HEADER_LEFT_WIDTH - HEADER_GUTTER;
  let leftY = top - ascentOf(SIZE.org);
  if (h.parentOrgName && clean(h.parentOrgName)) {
    const parent = wrapBalanced([{ text: upper(h.parentOrgName), font: fonts.regular }], SIZE.parentOrg, leftWidth);
    leftY = drawCentred(w, parent, SIZE.parentOrg, leftCentre, leftY, SIZE.parentOrg * SINGLE);
  }
  // A missing name leaves dots to write it in, as on a blank form.
  const orgText = h.orgName && clean(h.orgName) ? upper(h.orgName) : '………………………';
  const org = wrapBalanced([{ text: orgText, font: fonts.bold }], SIZE.org, leftWidth);
  leftY = drawCentred(w, org, SIZE.org, leftCentre, leftY, SIZE.org * SINGLE);
  const orgRuleY = leftY + SIZE.org * SINGLE - descentOf(SIZE.org) - RULE_GAP;
  const orgWidth = Math.max(0, ...org.map((l) => l.width));
  const ruleWidth = Math.max(30, orgWidth * SHORT_RULE_FRACTION);
  w.stroke(leftCentre - ruleWidth / 2, orgRuleY, leftCentre + ruleWidth / 2, orgRuleY, RULE_WIDTH);

  let bottom = Math.min(orgRuleY, mottoRuleY);
  if (h.dateLine) {
    const y = mottoRuleY - 8 - ascentOf(SIZE.date);
    const width = textWidth(fonts.italic, SIZE.date, clean(h.dateLine));
    w.text(fonts.italic, SIZE.date, Math.min(rightCentre - width / 2, FORM_RIGHT - width), y, clean(h.dateLine));
    bottom = Math.min(bottom, y - descentOf(SIZE.date));
  }
  return bottom;
}

/**
 * A portrait A4 document written from the top down: callers ask for room before drawing
 * and get a fresh page when the current one is full. Page numbers (from page 2, centred
 * in the top margin as on Decree 30 documents) are added when the flow is finished.
 */
export class PortraitFlow {
  readonly pages: PageWriter[] = [];
  y = 0;
  readonly top = PAGE.height - MARGINS.top;
  readonly bottom = MARGINS.bottom;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: FormFonts,
  ) {
    this.newPage();
  }

  get w(): PageWriter {
    return this.pages[this.pages.length - 1]!;
  }

  get room(): number {
    return this.y - this.bottom;
  }

  newPage(): void {
    this.pages.push(new PageWriter(this.doc, this.doc.addPage([PAGE.width, PAGE.height])));
    this.y = this.top;
  }

  /** Starts a new page unless `height` fits below the cursor; true if it did. */
  ensure(height: number): boolean {
    if (height <= this.room || this.y === this.top) return false;
    this.newPage();
    return true;
  }

  /** Vertical space, dropped at the top of a page where it would only push text down. */
  space(h: number): void {
    if (this.y !== this.top) this.y -= h;
  }

  /**
   * A wrapped paragraph, line by line (so it may run over to the next page). `indent`
   * shifts the first line, `hang` the following ones (for "- " list items).
   */
  paragraph(
    spans: readonly Span[],
    o: {
      size: number;
      leading?: number;
      align?: 'left' | 'center' | 'right';
      indent?: number;
      hang?: number;
      width?: number;
      x?: number;
    } = { size: 13 },
  ): void {
    const leading = o.leading ?? o.size * 1.3;
    const x0 = o.x ?? FORM_LEFT;
    const width = o.width ?? FORM_TEXT_WIDTH;
    const indent = o.indent ?? 0;
    const hang = o.hang ?? 0;
    const lines = wrapSpans(spans, o.size, width - hang, width - indent);
    lines.forEach((line, i) => {
      this.ensure(leading);
      const base = this.y - ascentOf(o.size) - (leading - o.size) / 2;
      let x = x0 + (i === 0 ? indent : hang);
      if (o.align === 'center') x = x0 + (width - line.width) / 2;
      if (o.align === 'right') x = x0 + width - line.width;
      this.w.line(o.size, x, base, line);
      this.y -= leading;
    });
  }

  /** Height `paragraph` would take, for keeping a heading with what follows. */
  paragraphHeight(spans: readonly Span[], size: number, leading = size * 1.3, width = FORM_TEXT_WIDTH): number {
    return Math.max(1, wrapSpans(spans, size, width).length) * leading;
  }

  finish(): void {
    this.pages.forEach((w, i) => {
      if (i > 0) {
        const label = String(i + 1);
        const size = SIZE.pageNumber;
        const y = PAGE.height - MARGINS.top / 2 - size * 0.33;
        w.text(this.fonts.regular, size, FORM_LEFT + (FORM_TEXT_WIDTH - textWidth(this.fonts.regular, size, label)) / 2, y, label);
      }
      w.finish();
    });
  }
}

export interface FlowTable {
  columns: readonly TableColumn[];
  /** Heading rows, repeated at the top of every page the table continues on. */
  header: readonly RowLayout[];
  rows: readonly RowLayout[];
  style: TableStyle;
  /** Left edge; defaults to the text margin. */
  left?: number;
}

/**
 * Draws a ruled table into the flow. A row never splits: one that does not fit goes to
 * the next page under a repeated heading. The heading is kept with the first row.
 */
export function drawFlowTable(flow: PortraitFlow, t: FlowTable): void {
  const edges = columnEdges(t.columns, t.left ?? FORM_LEFT);
  const headerColumns = t.columns.map((c) => ({ ...c, align: 'center' as const }));
  const headerHeight = t.header.reduce((s, r) => s + r.height, 0);
  let tops: number[] = [];

  const startSegment = () => {
    tops = [];
    for (const r of t.header) {
      tops.push(flow.y);
      drawRowText(flow.w, r, headerColumns, edges, flow.y, t.style, 'middle');
      flow.y -= r.height;
    }
  };
  const endSegment = () => drawGrid(flow.w, edges, tops, flow.y, t.style.lineWidth);

  flow.ensure(headerHeight + (t.rows[0]?.height ?? 0));
  startSegment();
  for (const row of t.rows) {
    if (row.height > flow.room && tops.length > t.header.length) {
      endSegment();
      flow.newPage();
      startSegment();
    }
    tops.push(flow.y);
    drawRowText(flow.w, row, t.columns, edges, flow.y, t.style, 'top');
    flow.y -= row.height;
  }
  endSegment();
}

/** A row of dots to write on by hand, as wide as `width`. */
export function dotLine(fonts: FormFonts, size: number, width: number): string {
  const dot = textWidth(fonts.regular, size, '.');
  return '.'.repeat(Math.max(3, Math.floor(width / dot)));
}

// ---------------------------------------------------------------------------------------
// The slip

export interface RoutingSlipInput {
  orgName: string | null;
  parentOrgName?: string | null;
  document: IncomingRecord;
  /** The current direction (lead first, then supporting units). */
  assignments: Assignment[];
  /** Every assignment ever made; the replaced ones are listed as earlier directions. */
  history?: Assignment[];
  /** ISO 8601; becomes the PDF's creation date. */
  printedAt?: string;
}

const BODY = 13;
const LEADING = BODY * 1.35;
const HAND_LEADING = 24;

/** "08 giờ 30, ngày 05/03/2026" for an arrival instant. */
function arrivalText(iso: string): string {
  const t = parseInstant(iso);
  if (t === null) return formatDateVN(iso);
  const local = toVnIso(t);
  const time = local.slice(11, 16);
  const day = formatDateVN(vnDate(t));
  return time === '00:00' ? day : `${time.slice(0, 2)} giờ ${time.slice(3, 5)}, ngày ${day}`;
}

const dayOf = (iso: string): string => {
  const t = parseInstant(iso);
  return t === null ? iso.slice(0, 10) : vnDate(t);
};

export async function renderRoutingSlip(input: RoutingSlipInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = (await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic'])) as FormFonts;
  const d = input.document;
  doc.setTitle(clean(`Phiếu giải quyết văn bản đến số ${d.arrivalNumber}`), { showInWindowTitleBar: true });
  doc.setSubject(clean(d.subject));
  if (input.orgName) doc.setAuthor(clean(input.orgName));
  doc.setCreator('VănThư');
  doc.setProducer('VănThư (pdf-lib)');
  doc.setLanguage('vi-VN');
  const printed = input.printedAt ? parseInstant(input.printedAt) : null;
  if (printed !== null) {
    doc.setCreationDate(new Date(printed));
    doc.setModificationDate(new Date(printed));
  }

  const flow = new PortraitFlow(doc, fonts);
  flow.y = drawFormHeader(flow.w, fonts, { orgName: input.orgName, parentOrgName: input.parentOrgName }, flow.top) - 22;
  flow.paragraph([{ text: 'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN', font: fonts.bold }], { size: 14, align: 'center', leading: 20 });
  flow.space(8);

  const r = fonts.regular;
  const b = fonts.bold;
  const field = (label: string, value: string, bold = false): Span[] => [
    { text: `${label}: `, font: r },
    { text: value, font: bold ? b : r },
  ];
  const half = FORM_TEXT_WIDTH / 2;
  /** Two short fields side by side, or one under the other if either is too wide. */
  const pair = (a: Span[], c: Span[] | null) => {
    const wa = wrapSpans(a, BODY, 1e6)[0]?.width ?? 0;
    const wc = c ? (wrapSpans(c, BODY, 1e6)[0]?.width ?? 0) : 0;
    if (!c || wa > half - 6 || wc > half) {
      flow.paragraph(a, { size: BODY, leading: LEADING });
      if (c) flow.paragraph(c, { size: BODY, leading: LEADING });
      return;
    }
    const y = flow.y;
    flow.paragraph(a, { size: BODY, leading: LEADING, width: half });
    flow.y = y;
    flow.paragraph(c, { size: BODY, leading: LEADING, x: FORM_LEFT + half, width: half });
  };

  flow.paragraph(field('Tên loại văn bản', d.typeName, true), { size: BODY, leading: LEADING });
  pair(field('Số, ký hiệu', d.symbol ?? '(không số)', true), field('Ngày văn bản', formatDateVN(d.issuedDate)));
  flow.paragraph(field('Cơ quan ban hành', d.organName), { size: BODY, leading: LEADING });
  flow.paragraph(field('Trích yếu', d.subject), { size: BODY, leading: LEADING });
  pair(field('Số đến', String(d.arrivalNumber), true), field('Ngày đến', arrivalText(d.arrivalDate)));
  const marks: Span[][] = [];
  if (d.urgency !== 'normal') marks.push(field('Độ khẩn', URGENCY_LABELS[d.urgency], true));
  if (d.secrecy !== 'normal') marks.push(field('Độ mật', SECRECY_LABELS[d.secrecy], true));
  if (marks.length) pair(marks[0]!, marks[1] ?? null);

  // Part 1: the leader's direction.
  flow.space(10);
  flow.ensure(LEADING * 4);
  flow.paragraph([{ text: '1. Ý kiến của lãnh đạo cơ quan:', font: b }], { size: BODY, leading: LEADING });
  const current = input.assignments.filter((a) => a.replacedAt === null);
  if (current.length === 0) {
    handLines(flow, fonts, 4);
    dateBlock(flow, fonts, null, null);
  } else {
    drawDirection(flow, fonts, current);
  }
  const earlier = (input.history ?? []).filter((a) => a.replacedAt !== null);
  if (earlier.length) drawEarlier(flow, fonts, earlier);

  // Parts 2 and 3 are filled in by hand on the paper slip.
  flow.space(10);
  flow.ensure(LEADING * 2 + HAND_LEADING * 4);
  flow.paragraph([{ text: '2. Ý kiến của lãnh đạo đơn vị chủ trì:', font: b }], { size: BODY, leading: LEADING });
  flow.paragraph([{ text: '(Giao người giải quyết, thời hạn giải quyết)', font: fonts.italic }], { size: 12, leading: 16 });
  handLines(flow, fonts, 4);
  dateBlock(flow, fonts, null, null);

  flow.space(10);
  flow.ensure(LEADING + HAND_LEADING * 4);
  flow.paragraph([{ text: '3. Ý kiến đề xuất của người giải quyết:', font: b }], { size: BODY, leading: LEADING });
  handLines(flow, fonts, 5);
  dateBlock(flow, fonts, null, null);

  flow.finish();
  return doc.save();
}

function unitLine(a: Assignment): string {
  return `${clean(a.unitName)} (thời hạn giải quyết: ${formatDateVN(a.dueDate)})`;
}

/**
 * The leader's direction. Words of different spans are always one space apart, so the
 * ";" after a unit's name is part of the (bold) name's span.
 */
function drawDirection(flow: PortraitFlow, fonts: FormFonts, current: Assignment[]): void {
  const r = fonts.regular;
  const b = fonts.bold;
  const lead = current.find((a) => a.role === 'lead');
  const supports = current.filter((a) => a.role === 'support');
  const direction = current.find((a) => a.direction)?.direction;
  const dash = textWidth(r, BODY, '- ');
  if (direction) {
    flow.paragraph([{ text: clean(direction), font: fonts.italic }], { size: BODY, leading: LEADING, indent: 28 });
  }
  if (lead) {
    flow.paragraph(
      [
        { text: '- Đơn vị chủ trì: ', font: r },
        { text: `${clean(lead.unitName)};`, font: b },
        { text: `thời hạn giải quyết: ${formatDateVN(lead.dueDate)}.`, font: r },
      ],
      { size: BODY, leading: LEADING, hang: dash },
    );
  }
  if (supports.length === 1) {
    const s = supports[0]!;
    flow.paragraph(
      [
        { text: '- Đơn vị phối hợp: ', font: r },
        { text: `${clean(s.unitName)};`, font: b },
        { text: `thời hạn giải quyết: ${formatDateVN(s.dueDate)}.`, font: r },
      ],
      { size: BODY, leading: LEADING, hang: dash },
    );
  } else if (supports.length > 1) {
    flow.paragraph([{ text: '- Đơn vị phối hợp:', font: r }], { size: BODY, leading: LEADING });
    const plus = textWidth(r, BODY, '+ ');
    supports.forEach((s, i) => {
      flow.paragraph(
        [
          { text: '+ ', font: r },
          { text: `${clean(s.unitName)};`, font: b },
          { text: `thời hạn giải quyết: ${formatDateVN(s.dueDate)}${i === supports.length - 1 ? '.' : ';'}`, font: r },
        ],
        { size: BODY, leading: LEADING, indent: 14, hang: 14 + plus },
      );
    });
  }
  const first = lead ?? current[0]!;
  dateBlock(flow, fonts, dayOf(first.assignedAt), first.directedBy);
}

/** Earlier directions replaced by the current one, small, so the slip shows the changes. */
function drawEarlier(flow: PortraitFlow, fonts: FormFonts, earlier: Assignment[]): void {
  const groups = new Map<string, Assignment[]>();
  for (const a of earlier) {
    const key = `${a.assignedAt}|${a.replacedAt}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  flow.space(4);
  flow.paragraph([{ text: 'Các lần chỉ đạo trước (đã được thay thế):', font: fonts.italic }], { size: 11, leading: 14 });
  const dash = textWidth(fonts.italic, 11, '- ');
  for (const rows of groups.values()) {
    const lead = rows.find((a) => a.role === 'lead');
    const sup = rows.filter((a) => a.role === 'support');
    const parts = [lead ? `chủ trì: ${unitLine(lead)}` : null, sup.length ? `phối hợp: ${sup.map(unitLine).join('; ')}` : null].filter(
      Boolean,
    );
    const text = `- Ngày ${formatDateVN(dayOf(rows[0]!.assignedAt))}: ${parts.join('; ')}; thay thế ngày ${formatDateVN(dayOf(rows[0]!.replacedAt!))}.`;
    flow.paragraph([{ text, font: fonts.italic }], { size: 11, leading: 14, hang: dash });
  }
}

function handLines(flow: PortraitFlow, fonts: FormFonts, n: number): void {
  const dots = dotLine(fonts, BODY, FORM_TEXT_WIDTH);
  for (let i = 0; i < n; i++) {
    flow.ensure(HAND_LEADING);
    flow.w.text(fonts.regular, BODY, FORM_LEFT, flow.y - HAND_LEADING + 6, dots);
    flow.y -= HAND_LEADING;
  }
}

/**
 * The date (and who) closing each part, centred in the right half: the recorded date and
 * person, or blanks to be filled in by hand.
 */
function dateBlock(flow: PortraitFlow, fonts: FormFonts, day: string | null, who: string | null): void {
  const x = FORM_LEFT + FORM_TEXT_WIDTH / 2;
  const width = FORM_TEXT_WIDTH / 2;
  const text = day ? formatLegalDate(day).replace(/^n/, 'N') : 'Ngày ...... tháng ...... năm ..........';
  flow.ensure(LEADING * (who ? 3 : 1) + 4);
  flow.space(4);
  flow.paragraph([{ text, font: fonts.italic }], { size: BODY, leading: LEADING, align: 'center', x, width });
  if (who) {
    flow.paragraph([{ text: 'Người chỉ đạo', font: fonts.bold }], { size: BODY, leading: LEADING, align: 'center', x, width });
    flow.paragraph([{ text: clean(who), font: fonts.regular }], { size: BODY, leading: LEADING, align: 'center', x, width });
  }
}

/** What the slip is made from: the document, its direction, the organisation's name and the clock. */
export interface RoutingSlipDeps {
  incoming: Pick<IncomingService, 'get'>;
  assignments: Pick<AssignmentService, 'current'>;
  store: Store;
  clock: Clock;
}

/** Loads what the slip prints for one incoming document (CLI, app, web host). */
export async function buildRoutingSlip(
  deps: RoutingSlipDeps,
  id: number,
  /** Who prints it: refused when they may not see the document; a confidential one's printing is audited. */
  viewer?: Viewer,
): Promise<{ bytes: Uint8Array; fileName: string; document: IncomingRecord; assignments: Assignment[] }> {
  const document = await deps.incoming.get(id, viewer, 'routingSlip');
  const { current, history } = await deps.assignments.current(id, viewer);
  const { orgName, parentOrgName } = await deps.store.read(async (r) => ({
    orgName: await r.meta.get('org_name'),
    parentOrgName: await r.meta.get('parent_org_name'),
  }));
  const bytes = await renderRoutingSlip({
    orgName,
    parentOrgName,
    document,
    assignments: current,
    history,
    printedAt: toVnIso(deps.clock()),
  });
  return {
    bytes,
    fileName: `phieu-giai-quyet-${document.register.toLowerCase()}-${document.year}-${document.arrivalNumber}.pdf`,
    document,
    assignments: current,
  };
}

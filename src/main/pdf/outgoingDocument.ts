/**
 * An outgoing administrative document ("văn bản hành chính") laid out per Decree
 * 30/2020/NĐ-CP Appendix I: A4 portrait, Times-metric Liberation Serif, boxes 1–12 of the
 * Part I.IV diagram. Page 1 carries the two-column header (body name and number on the
 * left, national title and place/date on the right), the type name and subject (or the
 * "V/v" line of a công văn) and "Kính gửi"; the body flows over as many pages as it needs
 * with page numbers from page 2; the signature block and "Nơi nhận" close the document
 * side by side and are never split.
 *
 * The result also tells the signing step where things are: the space between the
 * signer's position and name (signature image), and where the number and the date are
 * printed (filled in as an overlay on a signed draft when the clerk issues it).
 */
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { canonicalTypeName } from '../../shared/domain/documentTypes.js';
import { formatLegalDate, isValidDate } from '../../shared/text/dates.js';
import { embedSerifFonts, type SerifFonts } from './fonts.js';
import { cleanText, drawCentred, PageWriter, textWidth, wrapBalanced, wrapSpans, type Line } from './layout.js';
import { flowPages, type FlowParagraph } from './decree30/flow.js';
import { textOutline, type Outline } from './decree30/outline.js';
import {
  BODY_LEADING,
  CLOSING_LEFT_WIDTH,
  CLOSING_RIGHT_WIDTH,
  DATE_BLANK,
  FIRST_LINE_INDENT,
  HEADER_GUTTER,
  HEADER_LEFT_WIDTH,
  HEADER_RIGHT_WIDTH,
  MARGINS,
  MAX_JUSTIFY_EXTRA,
  NUMBER_BLANK,
  PAGE,
  PARAGRAPH_SPACING,
  RULE_GAP,
  RULE_WIDTH,
  SECRECY_STAMPS,
  SHORT_RULE_FRACTION,
  SIGNATURE_BOX_WIDTH,
  SIGNATURE_SPACE,
  SINGLE,
  SIZE,
  STAMP_HEIGHT,
  STAMP_RED,
  TEXT_WIDTH,
  URGENCY_STAMPS,
  WATERMARK_GREY,
  WATERMARK_TEXT,
} from './decree30/style.js';

export interface OutgoingParagraph {
  text: string;
  italic?: boolean;
  bold?: boolean;
  align?: 'justify' | 'center' | 'left';
}

export interface OutgoingLayoutInput {
  /** Cơ quan chủ quản (box 2 upper line, caps, not bold); null for e.g. UBND tỉnh. */
  parentOrgName?: string | null;
  /** Issuing body, e.g. "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" (caps bold, short rule under it). */
  orgName: string;
  /** "Quảng Ngãi". */
  place: string;
  /** One of the 29 types ("Quyết định", "Công văn", …). */
  typeName: string;
  /** "05/QĐ-UBND" once numbered; null for a draft ("Số:      /QĐ-UBND"). */
  symbol: string | null;
  /** "QĐ-UBND", or for a công văn "UBND-VX"; printed after the blank of a draft. */
  symbolNotation: string;
  /** YYYY-MM-DD once numbered; null → "ngày      tháng      năm <draftYear>". */
  issuedDate: string | null;
  draftYear: number;
  /** Trích yếu. */
  subject: string;
  /** "Kính gửi:" addressees: one → inline "Kính gửi: X."; several → "- A;" … "- B.". */
  kinhGui?: string[];
  /** Paragraphs; legal bases ("Căn cứ …") italic; "\n" inside a paragraph breaks the line. */
  body: OutgoingParagraph[];
  /** "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "TL. …" / "TUQ. …" / "Q. …" or null. */
  signerAuthority: string | null;
  /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH". */
  signerPosition: string;
  /** "Nguyễn Văn An". */
  signerName: string;
  /** Plain names; "- ", ";" and the final "- Lưu: VT, <unit>." are added here. */
  recipients: string[];
  /** Abbreviation of the drafting unit for "- Lưu: VT, <unit>.". */
  draftingUnit: string;
  /** Box 12: number of copies, printed as "<initials>.(<copies>)". */
  copies?: number | null;
  drafterInitials?: string | null;
  /** Box 10b stamp. */
  urgency?: 'normal' | 'urgent' | 'very_urgent' | 'flash';
  /** Box 10a stamp. */
  secrecy?: 'normal' | 'confidential' | 'secret' | 'top_secret';
  /** Light grey diagonal "DỰ THẢO" on every page (previews of drafts). */
  watermarkDraft?: boolean;
}

export interface OutgoingLayoutResult {
  bytes: Uint8Array;
  pageCount: number;
  /**
   * Where the signing step puts images (PDF user-space points, origin bottom-left, page
   * index 0-based): the space between the position line and the name; the official's
   * signature image goes centred here, the seal over its left third.
   */
  signatureBox: { page: number; x: number; y: number; width: number; height: number };
  /**
   * Baseline position where the number digits go after "Số: " (on a numbered document,
   * where they are). `blankWidth` is the width of a draft's blank.
   */
  numberSlot: { page: number; x: number; y: number; size: number; blankWidth: number };
  /**
   * Where "ngày .. tháng .. năm" goes: `x` is the start of "ngày" on the baseline `y`.
   * On a draft, `dayX` and `monthX` are the left edges of the two blanks, each
   * `blankWidth` wide, for drawing the digits alone.
   */
  dateSlot: { page: number; x: number; y: number; size: number; dayX: number; monthX: number; blankWidth: number };
}

type Fonts = SerifFonts<'regular' | 'bold' | 'italic' | 'boldItalic'>;

const LEFT = MARGINS.left;
const RIGHT = PAGE.width - MARGINS.right;
const TOP = PAGE.height - MARGINS.top;
const BOTTOM = MARGINS.bottom;
const HEADER_LEFT_CENTRE = LEFT + HEADER_LEFT_WIDTH / 2;
const HEADER_RIGHT_CENTRE = LEFT + HEADER_LEFT_WIDTH + HEADER_RIGHT_WIDTH / 2;
const SIGNATURE_CENTRE = LEFT + CLOSING_LEFT_WIDTH + CLOSING_RIGHT_WIDTH / 2;

/** Height above the baseline reached by Vietnamese capitals with stacked marks. */
const ascentOf = (size: number): number => size * 0.93;
/** Depth below the baseline of descenders and the dot below ("ạ", "ỵ"). */
const descentOf = (size: number): number => size * 0.23;

const upper = (s: string): string => cleanText(s).trim().toLocaleUpperCase('vi');
const clean = (s: string): string => cleanText(s).replace(/[ ]+/g, ' ').trim();

export async function renderOutgoingDocument(input: OutgoingLayoutInput): Promise<OutgoingLayoutResult> {
  validate(input);
  const doc = await PDFDocument.create();
  const fonts = (await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic'])) as Fonts;
  setMetadata(doc, input);
  const watermark = input.watermarkDraft ? await textOutline(WATERMARK_TEXT) : null;

  const pages: PageWriter[] = [];
  const pageAt = (i: number): PageWriter => {
    while (pages.length <= i) {
      const w = new PageWriter(doc, doc.addPage([PAGE.width, PAGE.height]));
      if (watermark) drawWatermark(w, watermark);
      pages.push(w);
    }
    return pages[i]!;
  };

  const first = pageAt(0);
  const header = drawHeader(first, fonts, input);

  const paragraphs = layoutBody(fonts, input.body);
  const closing = layoutClosing(fonts, input);
  const flow = flowPages(
    paragraphs.map((p) => p.flow),
    { firstTop: header.bottom, top: TOP, bottom: BOTTOM },
    { height: closing.height, gap: 10, carryLines: 2 },
  );

  for (const l of flow.lines) drawBodyLine(pageAt(l.page), paragraphs[l.paragraph]!, l.line, l.top);
  const signatureBox = closing.draw(pageAt(flow.tail.page), flow.tail.top, flow.tail.page);

  pages.forEach((w, i) => {
    if (i > 0) drawPageNumber(w, fonts.regular, i + 1);
    w.finish();
  });

  const bytes = await doc.save();
  return {
    bytes,
    pageCount: pages.length,
    signatureBox,
    numberSlot: header.numberSlot,
    dateSlot: header.dateSlot,
  };
}

function validate(input: OutgoingLayoutInput): void {
  if (input.issuedDate !== null && !isValidDate(input.issuedDate)) {
    throw new Error(`issuedDate không hợp lệ: ${input.issuedDate}`);
  }
  if (!Number.isInteger(input.draftYear) || input.draftYear < 1900 || input.draftYear > 2999) {
    throw new Error(`draftYear không hợp lệ: ${input.draftYear}`);
  }
  if (!clean(input.orgName)) throw new Error('Thiếu tên cơ quan ban hành');
  if (!clean(input.typeName)) throw new Error('Thiếu tên loại văn bản');
}

function isCongVan(typeName: string): boolean {
  const canonical = canonicalTypeName(typeName) ?? clean(typeName);
  return canonical === 'Công văn';
}

function setMetadata(doc: PDFDocument, input: OutgoingLayoutInput): void {
  const type = canonicalTypeName(input.typeName) ?? clean(input.typeName);
  doc.setTitle(`${type}: ${clean(input.subject)}`, { showInWindowTitleBar: true });
  doc.setSubject(clean(input.subject));
  doc.setAuthor(clean(input.orgName));
  if (input.symbol) doc.setKeywords([clean(input.symbol)]);
  doc.setCreator('VănThư');
  doc.setProducer('VănThư (pdf-lib)');
  doc.setLanguage('vi-VN');
}

// ---------------------------------------------------------------------------------------
// Header: boxes 1–5, 9a, 10

interface HeaderResult {
  /** y below which the body may start. */
  bottom: number;
  numberSlot: OutgoingLayoutResult['numberSlot'];
  dateSlot: OutgoingLayoutResult['dateSlot'];
}

function rule(w: PageWriter, centreX: number, y: number, width: number): void {
  w.stroke(centreX - width / 2, y, centreX + width / 2, y, RULE_WIDTH);
}

const maxWidth = (lines: readonly Line[]): number => Math.max(0, ...lines.map((l) => l.width));

function drawHeader(w: PageWriter, fonts: Fonts, input: OutgoingLayoutInput): HeaderResult {
  const congVan = isCongVan(input.typeName);

  // Box 1: national title and motto, the motto ruled over its full length.
  let rightY = TOP - ascentOf(SIZE.nationalTitle);
  const nationalTitle = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const titleLines = wrapBalanced([{ text: nationalTitle, font: fonts.bold }], SIZE.nationalTitle, HEADER_RIGHT_WIDTH);
  rightY = drawCentred(w, titleLines, SIZE.nationalTitle, HEADER_RIGHT_CENTRE, rightY, SIZE.nationalTitle * SINGLE);
  rightY += SIZE.nationalTitle * SINGLE - SIZE.motto * SINGLE;
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  w.text(fonts.bold, SIZE.motto, HEADER_RIGHT_CENTRE - textWidth(fonts.bold, SIZE.motto, motto) / 2, rightY, motto);
  const mottoRuleY = rightY - descentOf(SIZE.motto) - RULE_GAP;
  rule(w, HEADER_RIGHT_CENTRE, mottoRuleY, textWidth(fonts.bold, SIZE.motto, motto));

  // Box 2: parent body (regular) and issuing body (bold), with a short centred rule.
  const leftTextWidth = HEADER_LEFT_WIDTH - HEADER_GUTTER;
  let leftY = TOP - ascentOf(SIZE.org);
  if (input.parentOrgName && clean(input.parentOrgName)) {
    const parent = wrapBalanced([{ text: upper(input.parentOrgName), font: fonts.regular }], SIZE.parentOrg, leftTextWidth);
    leftY = drawCentred(w, parent, SIZE.parentOrg, HEADER_LEFT_CENTRE, leftY, SIZE.parentOrg * SINGLE);
  }
  const org = wrapBalanced([{ text: upper(input.orgName), font: fonts.bold }], SIZE.org, leftTextWidth);
  leftY = drawCentred(w, org, SIZE.org, HEADER_LEFT_CENTRE, leftY, SIZE.org * SINGLE);
  const orgRuleY = leftY + SIZE.org * SINGLE - descentOf(SIZE.org) - RULE_GAP;
  rule(w, HEADER_LEFT_CENTRE, orgRuleY, Math.max(30, maxWidth(org) * SHORT_RULE_FRACTION));

  // Boxes 3 and 4 on one line, a line below the lower of the two rules.
  const lineY = Math.min(orgRuleY, mottoRuleY) - 8 - ascentOf(SIZE.number);
  const numberSlot = drawNumber(w, fonts.regular, input, lineY);
  const dateSlot = drawDate(w, fonts.italic, input, lineY);
  let leftBottom = lineY - descentOf(SIZE.number);
  const rightBottom = lineY - descentOf(SIZE.date);

  // Box 5b: the subject of a công văn after "V/v", under the number, 6 pt below it.
  if (congVan) {
    const subject = clean(input.subject).replace(/^V\/v\s*/i, '');
    const lines = wrapBalanced([{ text: `V/v ${subject}`, font: fonts.regular }], SIZE.congVanSubject, leftTextWidth);
    let y = leftBottom - 6 - ascentOf(SIZE.congVanSubject);
    y = drawCentred(w, lines, SIZE.congVanSubject, HEADER_LEFT_CENTRE, y, SIZE.congVanSubject * SINGLE);
    leftBottom = y + SIZE.congVanSubject * SINGLE - descentOf(SIZE.congVanSubject);
  }

  // Boxes 10a and 10b: secrecy above urgency, under the number area.
  const stamps: { label: string; width: number }[] = [];
  if (input.secrecy && input.secrecy !== 'normal') stamps.push(SECRECY_STAMPS[input.secrecy]);
  if (input.urgency && input.urgency !== 'normal') stamps.push(URGENCY_STAMPS[input.urgency]);
  for (const stamp of stamps) {
    const top = leftBottom - 8;
    drawStamp(w, fonts.bold, stamp.label, stamp.width, HEADER_LEFT_CENTRE, top);
    leftBottom = top - STAMP_HEIGHT;
  }

  let y = Math.min(leftBottom, rightBottom);

  // Box 5a: type name and subject, centred over the whole width, with a short rule.
  if (!congVan) {
    y -= 14;
    const typeName = canonicalTypeName(input.typeName) ?? input.typeName;
    const typeLines = wrapBalanced([{ text: upper(typeName), font: fonts.bold }], SIZE.typeName, TEXT_WIDTH);
    let base = y - ascentOf(SIZE.typeName);
    base = drawCentred(w, typeLines, SIZE.typeName, LEFT + TEXT_WIDTH / 2, base, SIZE.typeName * SINGLE);
    const subject = wrapBalanced([{ text: clean(input.subject), font: fonts.bold }], SIZE.subject, TEXT_WIDTH * 0.85);
    base = drawCentred(w, subject, SIZE.subject, LEFT + TEXT_WIDTH / 2, base, SIZE.subject * SINGLE);
    const ruleY = base + SIZE.subject * SINGLE - descentOf(SIZE.subject) - RULE_GAP;
    const ruleWidth = Math.min(Math.max(maxWidth(subject) * SHORT_RULE_FRACTION, 60), 200);
    if (subject.length > 0) rule(w, LEFT + TEXT_WIDTH / 2, ruleY, ruleWidth);
    y = ruleY - 4;
  }

  // Box 9a: "Kính gửi".
  const kinhGui = (input.kinhGui ?? []).map(stripListPunctuation).filter(Boolean);
  if (kinhGui.length > 0) {
    y -= congVan ? 14 : 10;
    y = drawKinhGui(w, fonts.regular, kinhGui, y);
  }

  return { bottom: y - 10, numberSlot, dateSlot };
}

function drawNumber(w: PageWriter, font: PDFFont, input: OutgoingLayoutInput, y: number): HeaderResult['numberSlot'] {
  const size = SIZE.number;
  const prefix = 'Số: ';
  const prefixWidth = textWidth(font, size, prefix);
  const space = textWidth(font, size, ' ');
  if (input.symbol) {
    const text = `${prefix}${clean(input.symbol)}`;
    const x = HEADER_LEFT_CENTRE - textWidth(font, size, text) / 2;
    w.text(font, size, x, y, text);
    return { page: 0, x: x + prefixWidth, y, size, blankWidth: NUMBER_BLANK };
  }
  // Draft: "Số:" and the notation with a blank between, written as spaces so that a
  // text copy of the draft shows the gap too.
  const blanks = ' '.repeat(Math.ceil(NUMBER_BLANK / space));
  const notation = `/${clean(input.symbolNotation)}`;
  const text = `${prefix}${blanks}${notation}`;
  const x = HEADER_LEFT_CENTRE - textWidth(font, size, text) / 2;
  w.text(font, size, x, y, text);
  return { page: 0, x: x + prefixWidth, y, size, blankWidth: blanks.length * space };
}

function drawDate(w: PageWriter, font: PDFFont, input: OutgoingLayoutInput, y: number): HeaderResult['dateSlot'] {
  const place = clean(input.place);
  let size: number = SIZE.date;
  const build = (sz: number) => {
    const space = textWidth(font, sz, ' ');
    const blanks = ' '.repeat(Math.ceil(DATE_BLANK / space));
    const date = input.issuedDate ? formatLegalDate(input.issuedDate) : `ngày ${blanks}tháng ${blanks}năm ${input.draftYear}`;
    const head = `${place}, `;
    return { text: `${head}${date}`, head, blanks, space };
  };
  let line = build(size);
  // A long place name ("Thành phố Hồ Chí Minh") may not fit the right column at 13 pt.
  while (textWidth(font, size, line.text) > HEADER_RIGHT_WIDTH && size > 12) {
    size -= 0.5;
    line = build(size);
  }
  const width = textWidth(font, size, line.text);
  const x = Math.min(HEADER_RIGHT_CENTRE - width / 2, RIGHT - width);
  w.text(font, size, x, y, line.text);
  const dateX = x + textWidth(font, size, line.head);
  const dayX = dateX + textWidth(font, size, 'ngày ');
  const monthX = dayX + textWidth(font, size, `${line.blanks}tháng `);
  return { page: 0, x: dateX, y, size, dayX, monthX, blankWidth: line.blanks.length * line.space };
}

function drawStamp(w: PageWriter, font: PDFFont, label: string, width: number, centreX: number, top: number): void {
  const size = SIZE.stamp;
  const textW = textWidth(font, size, label);
  const boxW = Math.max(width, textW + 8);
  w.fillColor(...STAMP_RED);
  w.strokeColor(...STAMP_RED);
  w.rect(centreX - boxW / 2, top - STAMP_HEIGHT, boxW, STAMP_HEIGHT, 1);
  // Capitals centred vertically: cap height of Times is about 0.66 em.
  const baseline = top - STAMP_HEIGHT / 2 - size * 0.33;
  w.text(font, size, centreX - textW / 2, baseline, label);
  w.fillColor(0, 0, 0);
  w.strokeColor(0, 0, 0);
}

/** "- Sở Nội vụ;" → "Sở Nội vụ". */
function stripListPunctuation(s: string): string {
  return clean(s)
    .replace(/^[-–•+]\s*/, '')
    .replace(/[;.,]+$/, '')
    .trim();
}

/**
 * Box 9a: one addressee inline and centred ("Kính gửi: Sở Nội vụ."); several as a list
 * under the line, the dashes aligned under the colon, the block centred on the page.
 */
function drawKinhGui(w: PageWriter, font: PDFFont, names: readonly string[], top: number): number {
  const size = SIZE.kinhGui;
  const leading = size * SINGLE;
  const centre = LEFT + TEXT_WIDTH / 2;
  if (names.length === 1) {
    const lines = wrapBalanced([{ text: `Kính gửi: ${names[0]}.`, font }], size, TEXT_WIDTH * 0.9);
    const base = drawCentred(w, lines, size, centre, top - ascentOf(size), leading);
    return base + leading - descentOf(size);
  }
  const label = 'Kính gửi';
  const labelWidth = textWidth(font, size, label);
  const items = names.map((n, i) => `- ${n}${i === names.length - 1 ? '.' : ';'}`);
  const dashIndent = textWidth(font, size, '- ');
  const widest = Math.max(...items.map((t) => textWidth(font, size, t)));
  const blockWidth = Math.min(labelWidth + widest, TEXT_WIDTH);
  const labelX = Math.max(LEFT, centre - blockWidth / 2);
  const listX = labelX + labelWidth;
  const listWidth = RIGHT - listX;
  let base = top - ascentOf(size);
  w.text(font, size, labelX, base, `${label}:`);
  base -= leading;
  for (const item of items) {
    // Wrapped addressees hang under the text, not under the dash.
    const lines = wrapSpans([{ text: item, font }], size, listWidth - dashIndent, listWidth);
    lines.forEach((line, i) => {
      w.line(size, i === 0 ? listX : listX + dashIndent, base, line);
      base -= leading;
    });
  }
  return base + leading - descentOf(size);
}

// ---------------------------------------------------------------------------------------
// Body: box 6

interface BodyParagraph {
  flow: FlowParagraph;
  lines: Line[];
  align: 'justify' | 'center' | 'left';
  indent: number;
  size: number;
}

function layoutBody(fonts: Fonts, body: readonly OutgoingParagraph[]): BodyParagraph[] {
  return body.map((p) => {
    const font = p.bold ? (p.italic ? fonts.boldItalic : fonts.bold) : p.italic ? fonts.italic : fonts.regular;
    const align = p.align ?? 'justify';
    const size = SIZE.body;
    const spans = [{ text: p.text, font }];
    const indent = align === 'center' ? 0 : FIRST_LINE_INDENT;
    let lines = align === 'center' ? wrapBalanced(spans, size, TEXT_WIDTH) : wrapSpans(spans, size, TEXT_WIDTH, TEXT_WIDTH - indent);
    // An empty paragraph is a blank line, as in a word processor.
    if (lines.length === 0) lines = [{ runs: [], width: 0 }];
    const heading = (p.bold === true || align === 'center') && lines.length <= 3;
    return {
      flow: { lines: lines.length, leading: BODY_LEADING, spaceBefore: PARAGRAPH_SPACING, keepWithNext: heading },
      lines,
      align,
      indent,
      size,
    };
  });
}

function drawBodyLine(w: PageWriter, p: BodyParagraph, index: number, top: number): void {
  const line = p.lines[index]!;
  // The line's box is BODY_LEADING tall; the glyphs sit in the middle of it.
  const baseline = top - BODY_LEADING + descentOf(p.size) + (BODY_LEADING - ascentOf(p.size) - descentOf(p.size)) / 2;
  if (p.align === 'center') {
    w.line(p.size, LEFT + (TEXT_WIDTH - line.width) / 2, baseline, line);
    return;
  }
  const indent = index === 0 ? p.indent : 0;
  const x = LEFT + indent;
  const last = index === p.lines.length - 1 || line.breakAfter === true;
  if (p.align === 'left' || last) {
    w.line(p.size, x, baseline, line);
    return;
  }
  const spaces = line.runs.reduce((n, r) => n + (r.text.match(/ /g)?.length ?? 0), 0);
  const slack = TEXT_WIDTH - indent - line.width;
  const extra = spaces > 0 && slack > 0 ? slack / spaces : 0;
  // A line of a few words before a long unbreakable one (a web address) would open gaps
  // wider than a word; such a line reads better left-aligned.
  w.justifiedLine(p.size, x, baseline, line, extra <= MAX_JUSTIFY_EXTRA * p.size ? extra : 0);
}

// ---------------------------------------------------------------------------------------
// Closing: boxes 7, 9b, 12

interface Closing {
  height: number;
  draw(w: PageWriter, top: number, page: number): OutgoingLayoutResult['signatureBox'];
}

function layoutClosing(fonts: Fonts, input: OutgoingLayoutInput): Closing {
  const sigSize = SIZE.signer;
  const sigLeading = sigSize * SINGLE;
  const sigWidth = CLOSING_RIGHT_WIDTH - 6;
  const authority =
    input.signerAuthority && clean(input.signerAuthority)
      ? wrapBalanced([{ text: upper(input.signerAuthority), font: fonts.bold }], sigSize, sigWidth)
      : [];
  const position = wrapBalanced([{ text: upper(input.signerPosition), font: fonts.bold }], sigSize, sigWidth);
  const name = wrapBalanced([{ text: clean(input.signerName), font: fonts.bold }], sigSize, sigWidth);

  // Signature block, offsets from the block's top.
  const firstBaseline = ascentOf(sigSize);
  const positionLastBaseline = firstBaseline + (authority.length + position.length - 1) * sigLeading;
  const sigTop = positionLastBaseline + descentOf(sigSize) + 2;
  const sigBottom = sigTop + SIGNATURE_SPACE;
  const nameBaseline = sigBottom + 2 + ascentOf(sigSize);
  const signatureHeight = nameBaseline + (name.length - 1) * sigLeading + descentOf(sigSize);

  // Nơi nhận: the heading on the baseline of the signer's first line.
  const listSize = SIZE.recipients;
  const listLeading = listSize * SINGLE;
  const listWidth = CLOSING_LEFT_WIDTH - 6;
  const dash = textWidth(fonts.regular, listSize, '- ');
  const names = input.recipients.map(stripListPunctuation).filter(Boolean);
  const hasKinhGui = (input.kinhGui ?? []).some((k) => stripListPunctuation(k));
  if (hasKinhGui && !/^như trên$/i.test(names[0] ?? '')) names.unshift('Như trên');
  const unit = clean(input.draftingUnit).replace(/[.,;]+$/, '');
  const items = [...names.map((n) => `- ${n};`), `- Lưu: VT${unit ? `, ${unit}` : ''}.`];
  const itemLines = items.map((t) => wrapSpans([{ text: t, font: fonts.regular }], listSize, listWidth - dash, listWidth));
  const listLines = itemLines.reduce((n, l) => n + l.length, 0);
  const headingBaseline = firstBaseline;
  const listFirstBaseline = headingBaseline + descentOf(SIZE.recipientsHeading) + 1 + ascentOf(listSize);
  const listLastBaseline = listFirstBaseline + (listLines - 1) * listLeading;
  let recipientsHeight = listLastBaseline + descentOf(listSize);
  // Box 12 under the list, after a blank line.
  const drafter = drafterMark(input);
  const drafterBaseline = listLastBaseline + 2 * listLeading;
  if (drafter) recipientsHeight = drafterBaseline + descentOf(SIZE.drafter);

  return {
    height: Math.max(signatureHeight, recipientsHeight),
    draw(w, top, page) {
      drawCentred(w, authority, sigSize, SIGNATURE_CENTRE, top - firstBaseline, sigLeading);
      drawCentred(w, position, sigSize, SIGNATURE_CENTRE, top - firstBaseline - authority.length * sigLeading, sigLeading);
      drawCentred(w, name, sigSize, SIGNATURE_CENTRE, top - nameBaseline, sigLeading);

      w.text(fonts.boldItalic, SIZE.recipientsHeading, LEFT, top - headingBaseline, 'Nơi nhận:');
      let base = top - listFirstBaseline;
      for (const lines of itemLines) {
        lines.forEach((line, i) => {
          w.line(listSize, i === 0 ? LEFT : LEFT + dash, base, line);
          base -= listLeading;
        });
      }
      if (drafter) w.text(fonts.regular, SIZE.drafter, LEFT, top - drafterBaseline, drafter);

      const width = Math.min(SIGNATURE_BOX_WIDTH, CLOSING_RIGHT_WIDTH);
      return { page, x: SIGNATURE_CENTRE - width / 2, y: top - sigBottom, width, height: SIGNATURE_SPACE };
    },
  };
}

/** Box 12: drafter's initials and number of copies, "PL.(300)". */
function drafterMark(input: OutgoingLayoutInput): string | null {
  const initials = input.drafterInitials ? upper(input.drafterInitials).replace(/\.+$/, '') : '';
  const copies = input.copies && input.copies > 0 ? `(${Math.floor(input.copies)})` : '';
  if (!initials && !copies) return null;
  if (!initials) return copies;
  return copies ? `${initials}.${copies}` : initials;
}

// ---------------------------------------------------------------------------------------
// Page furniture

/** Page numbers from page 2, centred in the top margin, 13 pt upright. */
function drawPageNumber(w: PageWriter, font: PDFFont, n: number): void {
  const text = String(n);
  const size = SIZE.pageNumber;
  const y = PAGE.height - MARGINS.top / 2 - size * 0.33;
  w.text(font, size, LEFT + (TEXT_WIDTH - textWidth(font, size, text)) / 2, y, text);
}

/**
 * Light grey diagonal "DỰ THẢO" across the page, under everything else, drawn as glyph
 * outlines so that it is not part of the document's text.
 */
function drawWatermark(w: PageWriter, outline: Outline): void {
  const size = SIZE.watermark;
  const width = outline.width * size;
  const capHeight = outline.capHeight * size;
  const r = (45 * Math.PI) / 180;
  const [cos, sin] = [Math.cos(r), Math.sin(r)];
  // Start of the baseline such that the middle of the word is the middle of the page.
  const x = PAGE.width / 2 - (cos * width) / 2 + (sin * capHeight) / 2;
  const y = PAGE.height / 2 - (sin * width) / 2 - (cos * capHeight) / 2;
  w.fillColor(WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY);
  w.fillPath(outline.path, [size * cos, size * sin, -size * sin, size * cos, x, y]);
  w.fillColor(0, 0, 0);
}

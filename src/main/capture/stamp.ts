/**
 * The "ĐẾN" stamp of Decree 30/2020/NĐ-CP (Appendix IV): a 50 × 35 mm frame holding the
 * receiving body's name, ĐẾN, Số (the arrival number), Ngày (the arrival date), Chuyển (where
 * the document was sent on) and Số và ký hiệu HS (its dossier). The frame is the office's red
 * ink, what was filled in is black, as a clerk's pen would.
 *
 * Two outputs, each a new file (the registered original is only read, so a signed PDF stays
 * byte-identical and verifiable): a copy of an electronic PDF with the stamp on its first page,
 * set where Appendix IV puts it — in the blank space under the number and symbol (under the
 * "V/v" subject of a công văn), else under the date — and the stamp alone on a 50 × 35 mm
 * page, to print on a label for paper mail.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TextLine } from '../../shared/domain/capture.js';
import { embedSerifFonts } from '../pdf/fonts.js';

const MM = 72 / 25.4;
export const STAMP_WIDTH = 50 * MM;
export const STAMP_HEIGHT = 35 * MM;
const RED = rgb(0.8, 0.07, 0.1);
const INK = rgb(0, 0, 0);

export interface StampData {
  /** The receiving body (this office), printed in capitals. */
  orgName: string;
  arrivalNumber: number;
  /** YYYY-MM-DD: the arrival date as the register has it. */
  arrivalDate: string;
  /** The units the document was sent on to ("Chuyển"), if directed already. */
  forwardTo: string | null;
  /** The dossier's number and symbol ("Số và ký hiệu HS"), if filed. */
  dossier: string | null;
}

type Fonts = { regular: PDFFont; bold: PDFFont };

/** The largest size ≤ max at which text fits the width (at least min). */
function fit(font: PDFFont, text: string, width: number, max: number, min: number): number {
  let size = max;
  while (size > min && font.widthOfTextAtSize(text, size) > width) size -= 0.25;
  return size;
}

/** Cuts text to the width, with an ellipsis. */
function clip(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let s = text;
  while (s.length > 1 && font.widthOfTextAtSize(s + '…', size) > width) s = s.slice(0, -1);
  return s.trimEnd() + '…';
}

/** "05/03/2026" from "2026-03-05". */
function dmy(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The organ name in one or two centred lines of capitals, as large as fits. */
function orgLines(font: PDFFont, name: string, width: number): { lines: string[]; size: number } {
  const caps = name.normalize('NFC').toLocaleUpperCase('vi');
  const one = fit(font, caps, width, 8, 6);
  if (font.widthOfTextAtSize(caps, one) <= width) return { lines: [caps], size: one };
  // Two lines, cut at the space that balances them best.
  const words = caps.split(' ');
  let best = { lines: [caps], worst: Infinity };
  for (let i = 1; i < words.length; i++) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const worst = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, 1)));
    if (worst < best.worst) best = { lines, worst };
  }
  const size = Math.min(7.5, Math.max(5, (width / best.worst) * 0.98));
  return { lines: best.lines.map((l) => clip(font, l, size, width)), size };
}

/** Draws the stamp with its bottom-left corner at (x, y), in the page's user space. */
export function drawArrivalStamp(page: PDFPage, fonts: Fonts, x: number, y: number, d: StampData): void {
  const W = STAMP_WIDTH;
  const H = STAMP_HEIGHT;
  const pad = 1.6 * MM;
  page.drawRectangle({ x, y, width: W, height: H, borderColor: RED, borderWidth: 0.9 });
  const top = y + H;
  // Band 1: the body's name, then a rule.
  const org = orgLines(fonts.bold, d.orgName, W - 2 * pad);
  let cursor = top - pad - org.size * 0.8;
  for (const line of org.lines) {
    const w = fonts.bold.widthOfTextAtSize(line, org.size);
    page.drawText(line, { x: x + (W - w) / 2, y: cursor, size: org.size, font: fonts.bold, color: RED });
    cursor -= org.size * 1.15;
  }
  const rule1 = cursor + org.size * 0.35;
  page.drawLine({ start: { x, y: rule1 }, end: { x: x + W, y: rule1 }, thickness: 0.6, color: RED });
  // Band 2: ĐẾN large on the left; Số and Ngày on two rows to its right.
  const row = (rule1 - y) / 4;
  const denSize = 15;
  const denW = fonts.bold.widthOfTextAtSize('ĐẾN', denSize);
  const denX = x + pad;
  const band2Mid = rule1 - row;
  page.drawText('ĐẾN', { x: denX, y: band2Mid - denSize * 0.35, size: denSize, font: fonts.bold, color: RED });
  const labelX = denX + denW + 2 * MM;
  const size = 8;
  const field = (label: string, value: string | null, lx: number, baseline: number) => {
    page.drawText(label, { x: lx, y: baseline, size, font: fonts.regular, color: RED });
    const vx = lx + fonts.regular.widthOfTextAtSize(label, size) + 1.2;
    const room = x + W - pad - vx;
    if (value) page.drawText(clip(fonts.bold, value, 8.5, room), { x: vx, y: baseline, size: 8.5, font: fonts.bold, color: INK });
    else {
      // Dots for the pen, as the printed stamp has.
      const dots = '.'.repeat(Math.max(3, Math.floor(room / fonts.regular.widthOfTextAtSize('.', size))));
      page.drawText(dots, { x: vx, y: baseline, size, font: fonts.regular, color: RED });
    }
  };
  field('Số:', String(d.arrivalNumber), labelX, rule1 - row * 0.5 - size * 0.35);
  field('Ngày:', dmy(d.arrivalDate), labelX, rule1 - row * 1.5 - size * 0.35);
  // Bands 3 and 4: Chuyển, Số và ký hiệu HS.
  field('Chuyển:', d.forwardTo, x + pad, rule1 - row * 2.5 - size * 0.35);
  field('Số và ký hiệu HS:', d.dossier, x + pad, rule1 - row * 3.5 - size * 0.35);
}

async function fontsFor(doc: PDFDocument): Promise<Fonts> {
  const f = await embedSerifFonts(doc, ['regular', 'bold']);
  return { regular: f.regular, bold: f.bold };
}

/** The stamp alone, on a page of its own size (a label for the paper original). */
export async function stampAlone(d: StampData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Dấu ĐẾN số ${d.arrivalNumber}`);
  doc.setProducer('VănThư');
  const page = doc.addPage([STAMP_WIDTH + 2 * MM, STAMP_HEIGHT + 2 * MM]);
  drawArrivalStamp(page, await fontsFor(doc), MM, MM, d);
  return doc.save();
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where the stamp goes on the first page, as fractions of the page (origin top-left). Appendix
 * IV puts it in a blank space under the number and symbol (under the "V/v" subject of a công
 * văn), or under the date: the wanted spot is right under that block, and the stamp goes to
 * the blank place nearest to it — on a dense page that may be lower down or in the margin.
 * Where no place is blank, the one covering the least text.
 */
export function stampSpot(lines: readonly TextLine[], pageWidthPt: number, pageHeightPt: number): { x: number; y: number } {
  const w = STAMP_WIDTH / pageWidthPt;
  const h = STAMP_HEIGHT / pageHeightPt;
  const mmX = MM / pageWidthPt;
  const mmY = MM / pageHeightPt;
  const top = lines.filter((l) => l.y0 < 0.5);
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  const so = top.find((l) => /^so\s*[:.]?\s*\d/.test(fold(l.text)) && l.x0 < 0.5);
  // The wanted top-left corner: under the number's block, centred on it.
  let want = { x: 8 * mmX, y: 6 * mmY };
  if (so) {
    let last = so;
    for (const l of [...top].sort((a, b) => a.y0 - b.y0)) {
      if (l.y0 <= last.y0 || l.x1 > 0.55) continue;
      if (l.y0 - last.y1 > 1.2 * (last.y1 - last.y0)) break;
      last = l;
    }
    want = { x: (so.x0 + so.x1) / 2 - w / 2, y: last.y1 + 2 * mmY };
  }
  // Text boxes with a millimetre of air around them, and the signature's place.
  const boxes = lines.map((l) => ({ x0: l.x0 - mmX, y0: l.y0 - mmY, x1: l.x1 + mmX, y1: l.y1 + mmY }));
  const sig = signatureZone(lines, mmX, mmY);
  if (sig) boxes.push(sig);
  const covered = (b: Box) =>
    boxes.reduce(
      (sum, t) => sum + Math.max(0, Math.min(b.x1, t.x1) - Math.max(b.x0, t.x0)) * Math.max(0, Math.min(b.y1, t.y1) - Math.max(b.y0, t.y0)),
      0,
    );
  let best = { x: want.x, y: want.y, cost: Infinity };
  for (let y = 5 * mmY; y + h <= 1 - 5 * mmY; y += 2 * mmY) {
    for (let x = 5 * mmX; x + w <= 1 - 5 * mmX; x += 2 * mmX) {
      const area = covered({ x0: x, y0: y, x1: x + w, y1: y + h });
      const cost = area * 1e4 + Math.hypot(x - want.x, (y - want.y) * (pageHeightPt / pageWidthPt));
      if (cost < best.cost) best = { x, y, cost };
    }
  }
  return { x: best.x, y: best.y };
}

/**
 * The closing's signature block and the blank beside it: from the line of the signer's
 * authority or position ("TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "CHỦ TỊCH") down to the name,
 * and leftwards to the middle of the page — where the signature and the seal (which overlaps its
 * left third) go on paper. It holds no text, yet no stamp may go there; nor between "Nơi nhận"
 * and that block. Null when the page has no closing (it continues on the next page).
 */
function signatureZone(lines: readonly TextLine[], mmX: number, mmY: number): Box | null {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  const noiNhan = lines.find((l) => /^noi nhan\b/.test(fold(l.text).trim()) && l.x0 < 0.4);
  const right = lines.filter((l) => l.x0 > 0.4 && (l.x0 + l.x1) / 2 > 0.55);
  // The block's first line: a capitals line of the right column beside or below "Nơi nhận", or the authority line.
  const caps = (t: string) => /\p{Lu}/u.test(t) && t === t.toLocaleUpperCase('vi');
  const start =
    (noiNhan && right.filter((l) => l.y1 >= noiNhan.y0 - 0.02 && caps(l.text)).sort((a, b) => a.y0 - b.y0)[0]) ??
    right.filter((l) => /^(tm|kt|tl|tuq|q)\s*\./.test(fold(l.text).trim())).sort((a, b) => b.y0 - a.y0)[0];
  if (!start) return null;
  // Down to the signer's name: the last line of the right column within 8 cm under the start.
  const block = right.filter((l) => l.y0 >= start.y0 && l.y0 - start.y1 < 80 * mmY);
  const bottom = Math.max(...block.map((l) => l.y1));
  const top = Math.min(start.y0, noiNhan?.y0 ?? start.y0);
  return { x0: 0.4, y0: top - mmY, x1: Math.max(...block.map((l) => l.x1)) + mmX, y1: bottom + mmY };
}

/**
 * A copy of the PDF with the stamp on its first page; `lines` are that page's text lines
 * (capture's reading of it) for placing the stamp. The original bytes are not changed.
 */
export async function stampedCopy(original: Uint8Array, d: StampData, lines: readonly TextLine[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(original.slice(), { updateMetadata: false });
  const page = doc.getPage(0);
  const crop = page.getCropBox();
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const fonts = await fontsFor(doc);
  // Lines are read as a viewer shows the page; on a turned page the corner is used instead.
  const spot = rotation === 0 ? stampSpot(lines, crop.width, crop.height) : { x: (8 * MM) / crop.width, y: (6 * MM) / crop.height };
  const x = crop.x + spot.x * crop.width;
  const y = crop.y + crop.height - spot.y * crop.height - STAMP_HEIGHT;
  drawArrivalStamp(page, fonts, x, y, d);
  return doc.save({ useObjectStreams: false });
}

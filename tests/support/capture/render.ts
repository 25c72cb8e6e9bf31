/**
 * Rendering the test set's documents to electronic PDFs: the project's own Decree-30 layout,
 * and two layouts of other offices written here independently of it (a Sở's công văn with
 * the number and date on one line and "V/v" set left; a tờ trình in 14 pt with wider
 * margins, the body name in one line and the signature block set further right), so the
 * field reader is not only tuned to our own output.
 */
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { renderOutgoingDocument } from '../../../src/main/pdf/outgoingDocument.js';
import { embedSerifFonts } from '../../../src/main/pdf/fonts.js';
import { A4_PORTRAIT, mm, PageWriter, textWidth, wrapText } from '../../../src/main/pdf/layout.js';
import { formatLegalDate } from '../../../src/shared/text/dates.js';
import type { DocSpec } from './corpus.js';

const up = (s: string) => s.toLocaleUpperCase('vi');

export async function renderSpec(spec: DocSpec): Promise<Uint8Array> {
  if (spec.layout === 'decree30') {
    const r = await renderOutgoingDocument({
      parentOrgName: spec.parentOrgName,
      orgName: spec.orgName,
      place: spec.place,
      typeName: spec.typeName,
      symbol: spec.symbol,
      symbolNotation: spec.symbol.split('/').slice(1).join('/'),
      issuedDate: spec.issuedDate,
      draftYear: Number(spec.issuedDate.slice(0, 4)),
      subject: spec.subject,
      kinhGui: spec.kinhGui,
      body: spec.body,
      signerAuthority: spec.signerAuthority,
      signerPosition: spec.signerPosition,
      signerName: spec.signerName,
      recipients: spec.recipients,
      draftingUnit: spec.draftingUnit,
      urgency: spec.urgency,
      secrecy: spec.secrecy,
    });
    return r.bytes;
  }
  return renderOther(spec);
}

async function renderOther(spec: DocSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const f = await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic']);
  const tt = spec.layout === 'totrinh';
  const size = tt ? 14 : 13;
  const { width: W, height: H } = A4_PORTRAIT;
  const left = mm(tt ? 35 : 30);
  const right = W - mm(tt ? 20 : 15);
  const leftCx = left + mm(tt ? 36 : 40);
  const rightCx = right - mm(tt ? 52 : 50);
  const pages: PageWriter[] = [];
  const newPage = () => {
    const w = new PageWriter(doc, doc.addPage([W, H]));
    pages.push(w);
    return w;
  };
  let w = newPage();
  const centred = (font: PDFFont, s: number, cx: number, y: number, text: string) =>
    w.text(font, s, cx - textWidth(font, s, text) / 2, y, text);
  let y = H - mm(tt ? 22 : 18);
  let ly = y;
  if (spec.parentOrgName) {
    for (const line of wrapText(f.regular, 12, up(spec.parentOrgName), mm(tt ? 46 : 56))) {
      centred(f.regular, 12, leftCx, ly, line);
      ly -= 14;
    }
  }
  for (const line of wrapText(f.bold, 12, up(spec.orgName), mm(tt ? 46 : 56))) {
    centred(f.bold, 12, leftCx, ly, line);
    ly -= 14;
  }
  w.stroke(leftCx - 30, ly + 9, leftCx + 30, ly + 9, 0.6);
  centred(f.bold, 12, rightCx, y, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  centred(f.bold, 13, rightCx, y - 15, 'Độc lập - Tự do - Hạnh phúc');
  const mw = textWidth(f.bold, 13, 'Độc lập - Tự do - Hạnh phúc');
  w.stroke(rightCx - mw / 2, y - 19, rightCx + mw / 2, y - 19, 0.6);
  y = Math.min(ly, y - 30) - 10;
  centred(f.regular, 13, leftCx, y, `Số: ${spec.symbol}`);
  centred(f.italic, 13, rightCx, y, `${spec.place}, ${formatLegalDate(spec.issuedDate)}`);
  y -= 18;
  if (!tt) {
    // công văn: "V/v" set left under the number, wrapped to the left column.
    const lines = wrapText(f.regular, 12, `V/v ${spec.subject}`, mm(75));
    for (const line of lines) {
      w.text(f.regular, 12, left + mm(2), y, line);
      y -= 14;
    }
  }
  for (const label of [
    spec.secrecy !== 'normal' ? 'MẬT' : null,
    spec.urgency === 'urgent' ? 'KHẨN' : spec.urgency === 'very_urgent' ? 'THƯỢNG KHẨN' : spec.urgency === 'flash' ? 'HỎA TỐC' : null,
  ]) {
    if (!label) continue;
    const lw = textWidth(f.bold, 13, label) + 12;
    w.strokeColor(0.85, 0.1, 0.1);
    w.rect(leftCx - lw / 2, y - 6, lw, 20, 0.8);
    w.fillColor(0.85, 0.1, 0.1);
    centred(f.bold, 13, leftCx, y, label);
    w.fillColor(0, 0, 0);
    w.strokeColor(0, 0, 0);
    y -= 26;
  }
  if (tt) {
    y -= 14;
    centred(f.bold, 15, W / 2, y, up(spec.typeName));
    y -= 18;
    for (const line of wrapText(f.bold, size, spec.subject, mm(140))) {
      centred(f.bold, size, W / 2, y, line);
      y -= size * 1.25;
    }
    w.stroke(W / 2 - 40, y + size * 0.6, W / 2 + 40, y + size * 0.6, 0.6);
    y -= 8;
  }
  if (spec.kinhGui.length) {
    y -= 8;
    centred(f.regular, size, W / 2, y, `Kính gửi: ${spec.kinhGui.join(', ')}.`);
    y -= size * 2;
  }
  const textWidthMax = right - left;
  for (const p of spec.body) {
    const font = p.italic ? f.italic : f.regular;
    const lines = wrapText(font, size, p.text, textWidthMax - mm(12));
    lines.forEach((line, i) => {
      if (y < mm(30)) {
        w.finish();
        w = newPage();
        y = H - mm(25);
      }
      w.text(font, size, left + (i === 0 ? mm(12) : 0), y, line);
      y -= size * 1.3;
    });
    y -= 6;
  }
  // Closing: "Nơi nhận" at the left, the signature block at the right; never split.
  if (y < mm(75)) {
    w.finish();
    w = newPage();
    y = H - mm(25);
  }
  y -= 8;
  const sigCx = right - mm(tt ? 40 : 45);
  w.text(f.boldItalic, 12, left, y, 'Nơi nhận:');
  let ry = y - 14;
  for (const r of [...spec.recipients, `Lưu: VT, ${spec.draftingUnit}`]) {
    w.text(f.regular, 11, left, ry, `- ${r};`);
    ry -= 13;
  }
  let sy = y;
  if (spec.signerAuthority) {
    centred(f.bold, size, sigCx, sy, spec.signerAuthority);
    sy -= size * 1.2;
  }
  centred(f.bold, size, sigCx, sy, spec.signerPosition);
  sy -= mm(tt ? 30 : 26);
  centred(f.bold, size, sigCx, sy, spec.signerName);
  pages.forEach((p, i) => {
    if (i > 0) p.text(f.regular, 13, W / 2 - 3, H - mm(12), String(i + 1));
    p.finish();
  });
  return doc.save();
}

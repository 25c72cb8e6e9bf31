/**
 * A plausible Decree 30 decision ("Quyết định") with a blank number and date and a
 * signature block, for the signing demo, tests and benchmark. Not used by the app: the
 * outgoing-document layout lives in src/main/pdf/.
 */
import { PDFDocument } from 'pdf-lib';
import { embedSerifFonts } from '../../../src/main/pdf/fonts.js';
import { A4_PORTRAIT, mm, PageWriter, textWidth, wrapText } from '../../../src/main/pdf/layout.js';
import { signatureAreaBetween, type Rect } from '../../../src/main/signing/appearance.js';
import type { TextOverlay } from '../../../src/main/signing/signPdf.js';

export interface SampleDocument {
  bytes: Uint8Array;
  pageCount: number;
  /** Last page (0-based): where the signature block is. */
  signaturePage: number;
  /** Between the position line and the name: where the official's signature image goes. */
  signatureArea: Rect;
  /** Where the clerk's number and date go on page 1 (as overlays for the organisation signature). */
  fill(number: string, day: string, month: string): TextOverlay[];
}

const BODY = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;',
  'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
  'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.',
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ của Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi, áp dụng đối với văn bản điện tử được ký số bởi người có thẩm quyền và ký số bởi cơ quan, tổ chức.',
  'Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Các quy định trước đây trái với Quyết định này đều bãi bỏ; việc ghi số, ngày, tháng, năm của văn bản do văn thư cơ quan thực hiện trên văn bản điện tử đã được người có thẩm quyền ký số.',
  'Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành thuộc tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.',
];

export async function buildSampleDocument(
  opts: { pages?: number; useObjectStreams?: boolean; assetsDir?: string } = {},
): Promise<SampleDocument> {
  const pageCount = Math.max(1, opts.pages ?? 1);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const f = await embedSerifFonts(doc, ['regular', 'bold', 'italic', 'boldItalic'], opts.assetsDir);
  const { width: W, height: H } = A4_PORTRAIT;
  const left = mm(30);
  const right = W - mm(15);
  const size = 13;
  const leading = size * 1.35;

  const leftCx = left + mm(38);
  const rightCx = right - mm(55);
  let numberGap = { x: 0, y: 0 };
  let dayGap = { x: 0, y: 0 };
  let monthGap = { x: 0, y: 0 };
  let signatureArea: Rect = { x: 0, y: 0, width: 0, height: 0 };

  for (let p = 0; p < pageCount; p++) {
    const page = doc.addPage([W, H]);
    const w = new PageWriter(doc, page);
    const centred = (font = f.regular, s = size, cx: number, y: number, text: string): void =>
      w.text(font, s, cx - textWidth(font, s, text) / 2, y, text);
    let y = H - mm(20);
    if (p === 0) {
      centred(f.regular, 13, leftCx, y, 'ỦY BAN NHÂN DÂN');
      centred(f.bold, 12, rightCx, y, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      y -= 16;
      centred(f.bold, 13, leftCx, y, 'TỈNH QUẢNG NGÃI');
      centred(f.bold, 13, rightCx, y, 'Độc lập - Tự do - Hạnh phúc');
      w.stroke(leftCx - 25, y - 4, leftCx + 25, y - 4);
      const motto = textWidth(f.bold, 13, 'Độc lập - Tự do - Hạnh phúc');
      w.stroke(rightCx - motto / 2, y - 4, rightCx + motto / 2, y - 4);
      y -= 28;
      // "Số:        /QĐ-UBND" and "Quảng Ngãi, ngày     tháng     năm 2026": blanks for the clerk.
      const gap = 34;
      const a = 'Số: ';
      const b = '/QĐ-UBND';
      const numW = textWidth(f.regular, 13, a) + gap + textWidth(f.regular, 13, b);
      let x = leftCx - numW / 2;
      w.text(f.regular, 13, x, y, a);
      x += textWidth(f.regular, 13, a);
      numberGap = { x: x + gap / 2, y };
      w.text(f.regular, 13, x + gap, y, b);
      const parts = ['Quảng Ngãi, ngày ', ' tháng ', ' năm 2026'];
      const dateGap = 22;
      const dateW = parts.reduce((s, t) => s + textWidth(f.italic, 13, t), 0) + 2 * dateGap;
      x = rightCx - dateW / 2;
      w.text(f.italic, 13, x, y, parts[0]!);
      x += textWidth(f.italic, 13, parts[0]!);
      dayGap = { x: x + dateGap / 2, y };
      x += dateGap;
      w.text(f.italic, 13, x, y, parts[1]!);
      x += textWidth(f.italic, 13, parts[1]!);
      monthGap = { x: x + dateGap / 2, y };
      x += dateGap;
      w.text(f.italic, 13, x, y, parts[2]!);
      y -= 40;
      centred(f.bold, 14, W / 2 + mm(7), y, 'QUYẾT ĐỊNH');
      y -= 18;
      centred(f.bold, 14, W / 2 + mm(7), y, 'Về việc ban hành Quy chế công tác văn thư');
      y -= 8;
      w.stroke(W / 2 + mm(7) - 40, y, W / 2 + mm(7) + 40, y);
      y -= 26;
      centred(f.bold, 14, W / 2 + mm(7), y, 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI');
      y -= 26;
    } else {
      centred(f.regular, 13, W / 2, H - mm(12), String(p + 1));
      y -= 10;
    }
    const last = p === pageCount - 1;
    const paragraphs = p === 0 || last ? BODY : [...BODY, ...BODY].slice(0, 8);
    const bottom = last ? mm(110) : mm(20);
    outer: for (const para of paragraphs) {
      const lines = wrapText(f.regular, size, para, right - left - mm(10));
      for (const [i, line] of lines.entries()) {
        if (y < bottom) break outer;
        w.text(f.regular, size, left + (i === 0 ? mm(10) : 0), y, line);
        y -= leading;
      }
      y -= 4;
    }
    if (last) {
      // Signature block (right) and recipients (left), top-aligned.
      const top = mm(100);
      const cx = right - mm(40);
      centred(f.bold, 13, cx, top, 'TM. ỦY BAN NHÂN DÂN');
      centred(f.bold, 13, cx, top - 16, 'CHỦ TỊCH');
      const positionBottom = top - 16 - 6;
      const nameBaseline = positionBottom - mm(30) - 14;
      centred(f.bold, 14, cx, nameBaseline, 'Nguyễn Văn An');
      signatureArea = signatureAreaBetween({ centerX: cx, width: mm(60), positionBottom, nameTop: nameBaseline + 14 });
      w.text(f.boldItalic, 12, left, top, 'Nơi nhận:');
      const recipients = [
        '- Như Điều 3;',
        '- Thường trực Tỉnh ủy;',
        '- Thường trực HĐND tỉnh;',
        '- CT, các PCT UBND tỉnh;',
        '- Lưu: VT, HCTC.',
      ];
      recipients.forEach((r, i) => w.text(f.regular, 11, left, top - 14 - i * 13, r));
    }
    w.finish();
  }
  const bytes = await doc.save({ useObjectStreams: opts.useObjectStreams ?? false });
  return {
    bytes,
    pageCount,
    signaturePage: pageCount - 1,
    signatureArea,
    fill: (number, day, month) => [
      { page: 0, x: numberGap.x, y: numberGap.y, text: number, size: 13, align: 'center' },
      { page: 0, x: dayGap.x, y: dayGap.y, text: day, size: 13, font: 'italic', align: 'center' },
      { page: 0, x: monthGap.x, y: monthGap.y, text: month, size: 13, font: 'italic', align: 'center' },
    ],
  };
}

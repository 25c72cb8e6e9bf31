/**
 * Outgoing documents laid out per Decree 30/2020/NĐ-CP Appendix I, checked the way a
 * reader meets them: each PDF is written to disk and read back with poppler (pdftotext,
 * pdffonts, pdfinfo, pdftoppm) and qpdf. Positions come from `pdftotext -bbox` (points,
 * origin top-left); the renderer's slots are in PDF user space (origin bottom-left).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowPages, type FlowParagraph } from '../../src/main/pdf/decree30/flow.js';
import { renderOutgoingDocument, type OutgoingLayoutInput, type OutgoingLayoutResult } from '../../src/main/pdf/outgoingDocument.js';

// ---------------------------------------------------------------------------------------
// Tools

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-outgoing-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface Rendered extends OutgoingLayoutResult {
  file: string;
}

let fileNo = 0;
async function render(input: OutgoingLayoutInput): Promise<Rendered> {
  const result = await renderOutgoingDocument(input);
  const file = path.join(dir, `doc-${++fileNo}.pdf`);
  writeFileSync(file, result.bytes);
  return { ...result, file };
}

const pageText = (file: string, page: number, mode: '-layout' | '-raw' = '-layout'): string =>
  run('pdftotext', mode, '-f', String(page), '-l', String(page), file, '-');

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words of each page (index 0 = page 1), top-left origin. */
function words(file: string): Word[][] {
  const html = run('pdftotext', '-bbox', file, '-');
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        text: m[5]!
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      })),
    );
}

/** The words of a phrase appearing consecutively on the page, in reading order. */
function phrase(page: readonly Word[], text: string): Word[] {
  const parts = text.split(' ');
  for (let i = 0; i + parts.length <= page.length; i++) {
    if (parts.every((p, k) => page[i + k]!.text === p)) return page.slice(i, i + parts.length);
  }
  throw new Error(`"${text}" not found among: ${page.map((w) => w.text).join(' ')}`);
}

const box = (ws: readonly Word[]) => ({
  xMin: Math.min(...ws.map((w) => w.xMin)),
  xMax: Math.max(...ws.map((w) => w.xMax)),
  yMin: Math.min(...ws.map((w) => w.yMin)),
  yMax: Math.max(...ws.map((w) => w.yMax)),
});
const centreX = (ws: readonly Word[]): number => (box(ws).xMin + box(ws).xMax) / 2;

const pageCount = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', file))![1]);

/** Page rendered by pdftoppm as raw RGB (PPM), for looking at pixels. */
function raster(file: string, page: number, dpi = 50, antialias = true): { width: number; height: number; rgb: Buffer; dpi: number } {
  const base = path.join(dir, `r-${++fileNo}`);
  const aa = antialias ? [] : ['-aa', 'no', '-aaVector', 'no'];
  execFileSync('pdftoppm', ['-r', String(dpi), ...aa, '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  const data = readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('unexpected pdftoppm output');
  return { width: Number(header[1]), height: Number(header[2]), rgb: data.subarray(header[0].length), dpi };
}

/** Counts pixels in a rectangle given in points (top-left origin) that pass `test`. */
function countPixels(
  img: ReturnType<typeof raster>,
  rect: { x: number; y: number; w: number; h: number },
  test: (r: number, g: number, b: number) => boolean,
): number {
  const s = img.dpi / 72;
  let n = 0;
  for (let y = Math.floor(rect.y * s); y < Math.min(img.height, (rect.y + rect.h) * s); y++) {
    for (let x = Math.floor(rect.x * s); x < Math.min(img.width, (rect.x + rect.w) * s); x++) {
      const i = (y * img.width + x) * 3;
      if (test(img.rgb[i]!, img.rgb[i + 1]!, img.rgb[i + 2]!)) n++;
    }
  }
  return n;
}
const dark = (r: number, g: number, b: number): boolean => r + g + b < 300;

// A4 and the margins the renderer promises (top/bottom 20–25, left 30–35, right 15–20 mm).
const MM = 72 / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;

// ---------------------------------------------------------------------------------------
// Documents

const common = {
  parentOrgName: null,
  orgName: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI',
  place: 'Quảng Ngãi',
  draftYear: 2026,
};

const ARTICLE_3 =
  'Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố và các thành viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.';

const quyetDinh: OutgoingLayoutInput = {
  ...common,
  typeName: 'Quyết định',
  symbol: '05/QĐ-UBND',
  symbolNotation: 'QĐ-UBND',
  issuedDate: '2026-01-05',
  subject: 'Về việc thành lập Tổ công tác triển khai hệ thống quản lý văn bản và điều hành',
  body: [
    { text: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', bold: true, align: 'center' },
    { text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;', italic: true },
    {
      text: 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
      italic: true,
    },
    {
      text: 'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 12/TTr-VP ngày 02 tháng 01 năm 2026.',
      italic: true,
    },
    { text: 'QUYẾT ĐỊNH:', bold: true, align: 'center' },
    {
      text: 'Điều 1. Thành lập Tổ công tác triển khai hệ thống quản lý văn bản và điều hành của tỉnh Quảng Ngãi (sau đây gọi tắt là Tổ công tác), gồm các thành viên có tên tại Phụ lục kèm theo Quyết định này.',
    },
    {
      text: 'Điều 2. Tổ công tác có nhiệm vụ tham mưu cho Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo, đôn đốc việc ứng dụng hệ thống quản lý văn bản và điều hành trong các cơ quan, đơn vị; hướng dẫn, kiểm tra việc số hóa, lưu trữ hồ sơ điện tử theo quy định.',
    },
    { text: ARTICLE_3 },
  ],
  signerAuthority: 'KT. CHỦ TỊCH',
  signerPosition: 'PHÓ CHỦ TỊCH',
  signerName: 'Nguyễn Văn An',
  recipients: ['Như Điều 3', 'CT, các PCT UBND tỉnh', 'VPUB: CVP, PCVP', 'Cổng thông tin điện tử tỉnh'],
  draftingUnit: 'HCTC',
  copies: 25,
  drafterInitials: 'PL',
};

const congVan: OutgoingLayoutInput = {
  ...common,
  typeName: 'Công văn',
  symbol: '12/UBND-VX',
  symbolNotation: 'UBND-VX',
  issuedDate: '2026-09-22',
  subject: 'triển khai kế hoạch chuyển đổi số trong công tác văn thư, lưu trữ năm 2026',
  kinhGui: ['Các sở, ban, ngành tỉnh', 'Ủy ban nhân dân các huyện, thị xã, thành phố'],
  body: [
    {
      text: 'Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư, Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị khẩn trương triển khai các nội dung sau:',
    },
    {
      text: '1. Rà soát, cập nhật danh mục hồ sơ năm 2026; bảo đảm 100% văn bản đi được ký số, phát hành trên môi trường điện tử, trừ văn bản mật theo quy định.',
    },
    { text: 'Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.' },
  ],
  signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
  signerPosition: 'CHỦ TỊCH',
  signerName: 'Trần Thị Bích Ngọc',
  recipients: ['CT, PCT UBND tỉnh', 'Sở Nội vụ'],
  draftingUnit: 'VX',
  urgency: 'urgent',
};

const planParagraph = (i: number): string =>
  `${i}. Tiếp tục đẩy mạnh ứng dụng công nghệ thông tin trong quản lý, điều hành; nâng cao chất lượng xử lý văn bản, hồ sơ công việc trên môi trường điện tử; bảo đảm an toàn, an ninh thông tin; từng bước số hóa tài liệu lưu trữ, hình thành kho lưu trữ số của tỉnh, phục vụ khai thác, sử dụng hiệu quả tài liệu của cơ quan, tổ chức, cá nhân theo quy định của pháp luật hiện hành.`;

function keHoach(paragraphs: number, over: Partial<OutgoingLayoutInput> = {}): OutgoingLayoutInput {
  const body: OutgoingLayoutInput['body'] = [{ text: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true, align: 'left' }];
  for (let i = 1; i <= paragraphs; i++) {
    if (i % 10 === 0) body.push({ text: `${i / 10 + 1}. NHIỆM VỤ VÀ GIẢI PHÁP`, bold: true, align: 'left' });
    body.push({ text: planParagraph(i) });
  }
  return {
    ...common,
    typeName: 'Kế hoạch',
    symbol: '40/KH-UBND',
    symbolNotation: 'KH-UBND',
    issuedDate: '2026-03-02',
    subject: 'Thực hiện công tác văn thư, lưu trữ và chuyển đổi số năm 2026',
    body,
    signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signerPosition: 'CHỦ TỊCH',
    signerName: 'Nguyễn Văn An',
    recipients: ['Bộ Nội vụ', 'Thường trực Tỉnh ủy, HĐND tỉnh', 'Các sở, ban, ngành tỉnh'],
    draftingUnit: 'VX',
    ...over,
  };
}

// Text area in top-left coordinates.
const LEFT = 30 * MM;
const RIGHT = PAGE_W - 15 * MM;
const TEXT_CENTRE = (LEFT + RIGHT) / 2;

// ---------------------------------------------------------------------------------------

describe('Quyết định 05/QĐ-UBND', () => {
  let doc: Rendered;
  let page: Word[];
  beforeAll(async () => {
    doc = await render(quyetDinh);
    page = words(doc.file)[0]!;
  });

  it('prints every element of Appendix I as text a reader can copy', () => {
    const text = pageText(doc.file, 1);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'TỈNH QUẢNG NGÃI',
      'Số: 05/QĐ-UBND',
      'Quảng Ngãi, ngày 05 tháng 01 năm 2026',
      'QUYẾT ĐỊNH',
      'QUYẾT ĐỊNH:',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- Cổng thông tin điện tử tỉnh;',
      '- Lưu: VT, HCTC.',
      'PL.(25)',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(s);
    }
    // Whole paragraphs come back word for word, diacritics intact.
    const flat = squash(pageText(doc.file, 1, '-raw'));
    expect(flat).toContain(squash(quyetDinh.subject));
    expect(flat).toContain(ARTICLE_3);
    expect(flat).toContain(quyetDinh.body[2]!.text);
    expect(pageCount(doc.file)).toBe(1);
    expect(doc.pageCount).toBe(1);
  });

  it('puts the body name and number on the left, the national title and date on the right', () => {
    const org = phrase(page, 'ỦY BAN NHÂN DÂN');
    const title = phrase(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = phrase(page, 'Độc lập - Tự do - Hạnh phúc');
    const number = phrase(page, 'Số: 05/QĐ-UBND');
    const date = phrase(page, 'Quảng Ngãi, ngày 05 tháng 01 năm 2026');
    // Both columns start at the top margin (20–25 mm).
    expect(box(title).yMin).toBeGreaterThanOrEqual(20 * MM - 1);
    expect(box(title).yMin).toBeLessThan(25 * MM);
    expect(Math.abs(box(org).yMin - box(title).yMin)).toBeLessThan(1);
    // Left column vs right column.
    expect(box(org).xMax).toBeLessThan(box(title).xMin);
    expect(box(title).xMax).toBeLessThanOrEqual(RIGHT + 0.5);
    expect(box(org).xMin).toBeGreaterThanOrEqual(LEFT - 0.5);
    // Motto under the national title, centred on it; date centred under both.
    expect(box(motto).yMin).toBeGreaterThan(box(title).yMax - 1);
    expect(Math.abs(centreX(motto) - centreX(title))).toBeLessThan(1);
    expect(Math.abs(centreX(date) - centreX(title))).toBeLessThan(1);
    // Number centred under the body name, on the same line as the date.
    expect(Math.abs(centreX(number) - centreX(org))).toBeLessThan(1);
    expect(Math.abs(box(number).yMax - box(date).yMax)).toBeLessThan(1);
    expect(box(number).yMin).toBeGreaterThan(box(phrase(page, 'TỈNH QUẢNG NGÃI')).yMax);
    // Type name centred on the page below the header, subject below it.
    const type = page.find((w) => w.text === 'QUYẾT' && w.yMin > box(number).yMax)!;
    expect(Math.abs((type.xMin + page[page.indexOf(type) + 1]!.xMax) / 2 - TEXT_CENTRE)).toBeLessThan(1);
    expect(box(phrase(page, 'Về việc thành lập')).yMin).toBeGreaterThan(type.yMax - 1);
  });

  it('draws the rules: under the full motto, short under the body name and the subject', () => {
    const img = raster(doc.file, 1, 144);
    const motto = box(phrase(page, 'Độc lập - Tự do - Hạnh phúc'));
    const org = box(phrase(page, 'TỈNH QUẢNG NGÃI'));
    const under = (b: ReturnType<typeof box>, xFrom: number, xTo: number): number =>
      countPixels(img, { x: xFrom, y: b.yMax, w: xTo - xFrom, h: 6 }, dark);
    const mottoWidth = motto.xMax - motto.xMin;
    // Motto rule spans the motto: dark pixels under both ends and the middle.
    expect(under(motto, motto.xMin, motto.xMin + mottoWidth * 0.1)).toBeGreaterThan(5);
    expect(under(motto, motto.xMax - mottoWidth * 0.1, motto.xMax)).toBeGreaterThan(5);
    // Body-name rule: under the middle, not under the ends (1/3–1/2 of the text).
    const orgWidth = org.xMax - org.xMin;
    const mid = (org.xMin + org.xMax) / 2;
    expect(under(org, mid - 10, mid + 10)).toBeGreaterThan(5);
    expect(under(org, org.xMin, org.xMin + orgWidth * 0.2)).toBe(0);
    expect(under(org, org.xMax - orgWidth * 0.2, org.xMax)).toBe(0);
  });

  it('justifies the body: full lines reach both margins, last lines stay short, first lines indented', () => {
    const article = phrase(page, 'Điều 3. Quyết định này');
    const lineOf = (w: Word): Word[] => page.filter((o) => Math.abs(o.yMax - w.yMax) < 0.5);
    const first = lineOf(article[0]!);
    // First line indented 1–1.27 cm, ends at the right margin.
    expect(box(first).xMin - LEFT).toBeGreaterThan(10 * MM - 1);
    expect(box(first).xMin - LEFT).toBeLessThan(12.7 * MM + 1);
    expect(Math.abs(box(first).xMax - RIGHT)).toBeLessThan(0.6);
    // Following full lines start at the left margin and end at the right one.
    const end = page.find((w) => w.text === 'nhiệm' && w.yMin > article[0]!.yMin)!;
    const lines = [...new Set(page.filter((w) => w.yMin > article[0]!.yMin && w.yMax <= end.yMax).map((w) => w.yMax))];
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const y of lines.slice(0, -1)) {
      const l = page.filter((w) => w.yMax === y);
      expect(Math.abs(box(l).xMin - LEFT)).toBeLessThan(0.6);
      expect(Math.abs(box(l).xMax - RIGHT)).toBeLessThan(0.6);
    }
    const last = lineOf(end);
    expect(box(last).xMax).toBeLessThan(RIGHT - 50);
    // Paragraphs at least 6 pt apart: the gap above "Điều 3" exceeds the line gap inside it.
    const above = page.filter((w) => w.yMax < box(first).yMin).sort((a, b) => b.yMax - a.yMax)[0]!;
    const inside = lines[0]! - box(first).yMax;
    expect(box(first).yMax - above.yMax - inside).toBeGreaterThanOrEqual(5.9);
  });

  it('places the signature block on the right with room for the signature, Nơi nhận on the left level with it', () => {
    const authority = phrase(page, 'KT. CHỦ TỊCH');
    const position = phrase(page, 'PHÓ CHỦ TỊCH');
    const name = phrase(page, 'Nguyễn Văn An');
    const heading = phrase(page, 'Nơi nhận:');
    expect(Math.abs(box(heading).yMax - box(authority).yMax)).toBeLessThan(2);
    expect(box(heading).xMin).toBeLessThan(LEFT + 1);
    expect(box(authority).xMin).toBeGreaterThan(TEXT_CENTRE);
    expect(Math.abs(centreX(position) - centreX(name))).toBeLessThan(1);

    // signatureBox (bottom-left origin) lies between the position line and the name.
    const sig = doc.signatureBox;
    expect(sig.page).toBe(0);
    const boxTop = PAGE_H - (sig.y + sig.height);
    const boxBottom = PAGE_H - sig.y;
    expect(boxTop).toBeGreaterThanOrEqual(box(position).yMax - 0.5);
    expect(boxBottom).toBeLessThanOrEqual(box(name).yMin + 0.5);
    expect(sig.height).toBeGreaterThanOrEqual(25 * MM);
    expect(sig.height).toBeLessThanOrEqual(30 * MM);
    // Nothing is printed inside it; the name is centred under it.
    const inside = page.filter((w) => w.yMax > boxTop && w.yMin < boxBottom && w.xMax > sig.x && w.xMin < sig.x + sig.width);
    expect(inside).toEqual([]);
    expect(Math.abs(sig.x + sig.width / 2 - centreX(name))).toBeLessThan(1);
  });

  it('reports where the number and date sit, for filling them in later', () => {
    const number = page.find((w) => w.text === '05/QĐ-UBND')!;
    expect(Math.abs(doc.numberSlot.x - number.xMin)).toBeLessThan(0.5);
    expect(doc.numberSlot.size).toBe(13);
    expect(PAGE_H - doc.numberSlot.y).toBeGreaterThan(number.yMin);
    expect(PAGE_H - doc.numberSlot.y).toBeLessThan(number.yMax);
    const date = phrase(page, 'ngày 05 tháng 01');
    expect(Math.abs(doc.dateSlot.x - date[0]!.xMin)).toBeLessThan(0.5);
    expect(Math.abs(doc.dateSlot.y - doc.numberSlot.y)).toBeLessThan(0.01);
  });

  it('embeds only subset Liberation Serif fonts and is a clean PDF with metadata', () => {
    const lines = run('pdffonts', doc.file).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) {
      expect(l).toMatch(/^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
    expect(run('qpdf', '--check', doc.file)).toContain('No syntax or stream encoding errors found');
    const info = run('pdfinfo', doc.file);
    expect(info).toMatch(/^Title:\s+Quyết định: Về việc thành lập Tổ công tác/m);
    expect(info).toMatch(/^Creator:\s+VănThư$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
  });

  it('renders, with ink in the top-right header and nothing below the closing', () => {
    const img = raster(doc.file, 1);
    expect(Math.abs(img.width - (PAGE_W * 50) / 72)).toBeLessThan(1.5);
    expect(Math.abs(img.height - (PAGE_H * 50) / 72)).toBeLessThan(1.5);
    const topRight = countPixels(img, { x: TEXT_CENTRE, y: 20 * MM, w: RIGHT - TEXT_CENTRE, h: 25 }, dark);
    expect(topRight).toBeGreaterThan(100);
    const margin = countPixels(img, { x: 0, y: 0, w: PAGE_W, h: 20 * MM - 1 }, dark);
    expect(margin).toBe(0); // page 1 has no page number
    const bottom = countPixels(img, { x: 0, y: PAGE_H - 20 * MM, w: PAGE_W, h: 20 * MM }, dark);
    expect(bottom).toBe(0);
  });
});

describe('Công văn 12/UBND-VX', () => {
  let doc: Rendered;
  let page: Word[];
  beforeAll(async () => {
    doc = await render(congVan);
    page = words(doc.file)[0]!;
  });

  it('has no type name, the subject after "V/v" under the number, and "Kính gửi" as a list', () => {
    const text = pageText(doc.file, 1);
    expect(text).toContain('Số: 12/UBND-VX');
    expect(text).toContain('Quảng Ngãi, ngày 22 tháng 9 năm 2026');
    expect(text).not.toContain('CÔNG VĂN');
    expect(text).toMatch(/^\s*Kính gửi:\s*$/m);
    expect(text).toMatch(/^\s+- Các sở, ban, ngành tỉnh;$/m);
    expect(text).toMatch(/^\s+- Ủy ban nhân dân các huyện, thị xã, thành phố\.$/m);
    expect(squash(pageText(doc.file, 1, '-raw'))).toContain(`V/v ${congVan.subject}`);

    const number = phrase(page, 'Số: 12/UBND-VX');
    const vv = page.find((w) => w.text === 'V/v')!;
    const vvLines = page.filter((w) => w.yMin >= vv.yMin - 0.5 && w.xMax < TEXT_CENTRE && w.yMax < box(phrase(page, 'Kính gửi:')).yMin);
    // Under the number, 6 pt apart, centred on it, smaller type (12 against 13).
    expect(vv.yMin - box(number).yMax).toBeGreaterThanOrEqual(5);
    expect(vv.yMin - box(number).yMax).toBeLessThan(10);
    expect(Math.abs(centreX(vvLines.filter((w) => w.yMax === vv.yMax)) - centreX(number))).toBeLessThan(1);
    expect(vv.yMax - vv.yMin).toBeLessThan(box(number).yMax - box(number).yMin - 0.5);
    // The dashes line up under the colon of "Kính gửi:".
    const label = phrase(page, 'Kính gửi:');
    const dashes = page.filter((w) => w.text === '-' && w.yMin > box(label).yMax && w.yMin < box(label).yMax + 40);
    expect(dashes).toHaveLength(2);
    for (const d of dashes) expect(Math.abs(d.xMin - (label[1]!.xMax - 4))).toBeLessThan(4);
  });

  it('starts Nơi nhận with "Như trên" and ends with "Lưu: VT, VX."', () => {
    const text = pageText(doc.file, 1);
    const list = text.slice(text.indexOf('Nơi nhận:'));
    const items = list
      .split('\n')
      .map((l) => /^(- [^;.]*[;.])/.exec(l.trim())?.[1])
      .filter(Boolean);
    expect(items).toEqual(['- Như trên;', '- CT, PCT UBND tỉnh;', '- Sở Nội vụ;', '- Lưu: VT, VX.']);
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
  });

  it('stamps KHẨN in a red frame under the number', () => {
    const khan = page.find((w) => w.text === 'KHẨN')!;
    const number = box(phrase(page, 'Số: 12/UBND-VX'));
    expect(khan.yMin).toBeGreaterThan(number.yMax);
    expect(khan.xMax).toBeLessThan(TEXT_CENTRE);
    const img = raster(doc.file, 1, 100);
    const red = (r: number, g: number, b: number): boolean => r > 180 && g < 90 && b < 90;
    const around = { x: khan.xMin - 25, y: khan.yMin - 10, w: khan.xMax - khan.xMin + 50, h: khan.yMax - khan.yMin + 20 };
    expect(countPixels(img, around, red)).toBeGreaterThan(60);
    // The rest of the page is black and white.
    expect(countPixels(img, { x: 0, y: khan.yMax + 20, w: PAGE_W, h: PAGE_H - khan.yMax - 20 }, red)).toBe(0);
  });
});

describe('Kế hoạch over several pages', () => {
  let doc: Rendered;
  let pages: Word[][];
  beforeAll(async () => {
    doc = await render(keHoach(30));
    pages = words(doc.file);
  });

  it('numbers pages from 2, centred in the top margin', () => {
    const n = pageCount(doc.file);
    expect(n).toBeGreaterThanOrEqual(3);
    expect(doc.pageCount).toBe(n);
    expect(pages).toHaveLength(n);
    const inTopMargin = (p: Word[]) => p.filter((w) => w.yMax < 20 * MM);
    expect(inTopMargin(pages[0]!)).toEqual([]);
    for (let i = 1; i < n; i++) {
      const top = inTopMargin(pages[i]!);
      expect(top.map((w) => w.text)).toEqual([String(i + 1)]);
      expect(Math.abs(centreX(top) - TEXT_CENTRE)).toBeLessThan(1);
      // 13–14 pt: poppler's box is about 1.1 em tall.
      expect(top[0]!.yMax - top[0]!.yMin).toBeGreaterThan(13 * 1.05);
    }
  });

  it('keeps all the text, in order, inside the margins', () => {
    // Reading order of the text, without the page numbers.
    const text = squash(
      pages
        .map((_, i) =>
          pageText(doc.file, i + 1, '-raw')
            .split('\n')
            .filter((l) => l.trim() !== String(i + 1))
            .join('\n'),
        )
        .join('\n'),
    );
    let from = 0;
    for (let i = 1; i <= 30; i++) {
      const at = text.indexOf(planParagraph(i), from);
      expect(at, `paragraph ${i}`).toBeGreaterThanOrEqual(from);
      from = at;
    }
    for (const p of pages) {
      for (const w of p) {
        if (/^\d+$/.test(w.text) && w.yMax < 20 * MM) continue; // page number
        expect(w.xMin).toBeGreaterThanOrEqual(LEFT - 0.5);
        expect(w.xMax).toBeLessThanOrEqual(RIGHT + 0.5);
        expect(w.yMin).toBeGreaterThanOrEqual(20 * MM - 1);
        expect(w.yMax).toBeLessThanOrEqual(PAGE_H - 20 * MM + 0.5);
      }
    }
  });

  it('puts the closing on the last page with the signature box', () => {
    const last = pages[pages.length - 1]!;
    const text = pageText(doc.file, pages.length);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT, VX.');
    expect(text).toContain('Nguyễn Văn An');
    expect(doc.signatureBox.page).toBe(pages.length - 1);
    const name = box(phrase(last, 'Nguyễn Văn An'));
    expect(PAGE_H - doc.signatureBox.y).toBeLessThanOrEqual(name.yMin + 0.5);
  });

  it('never splits the closing block from its page, nor leaves it without body text', async () => {
    // Lengths around the point where the closing no longer fits under the last paragraph.
    for (let n = 20; n <= 28; n++) {
      const d = await render(keHoach(n, { recipients: ['Bộ Nội vụ', 'Các sở, ban, ngành tỉnh', 'UBND các huyện'] }));
      const ws = words(d.file);
      const closingPage = ws.findIndex((p) => p.some((w) => w.text === 'nhận:'));
      expect(closingPage, `n=${n}`).toBe(ws.length - 1);
      const p = ws[closingPage]!;
      const heading = box(phrase(p, 'Nơi nhận:'));
      for (const s of ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An', 'Lưu: VT, VX.']) {
        expect(() => phrase(p, s), `n=${n}: ${s}`).not.toThrow();
      }
      expect(d.signatureBox.page).toBe(closingPage);
      // Some body text above the closing on the same page.
      const bodyAbove = p.filter((w) => w.yMax < heading.yMin && w.yMin > 20 * MM);
      expect(bodyAbove.length, `n=${n}`).toBeGreaterThan(5);
    }
  });

  it('leaves blanks for the number and date of a draft, with a watermark that is not text', async () => {
    const draft = await render(keHoach(3, { symbol: null, issuedDate: null, watermarkDraft: true }));
    const text = pageText(draft.file, 1);
    expect(text).toMatch(/Số:\s{3,}\/KH-UBND/);
    expect(text).toMatch(/Quảng Ngãi, ngày\s{3,}tháng\s{3,}năm 2026/);
    expect(text).not.toContain('DỰ THẢO');
    const p = words(draft.file)[0]!;
    const so = p.find((w) => w.text === 'Số:')!;
    const notation = p.find((w) => w.text === '/KH-UBND')!;
    expect(Math.abs(so.yMax - notation.yMax)).toBeLessThan(0.5);
    // The number slot is in the blank, with room for four digits.
    expect(draft.numberSlot.x).toBeGreaterThan(so.xMax);
    expect(draft.numberSlot.x + draft.numberSlot.blankWidth).toBeLessThanOrEqual(notation.xMin + 0.5);
    expect(draft.numberSlot.blankWidth).toBeGreaterThanOrEqual(4 * 6.5);
    const ngay = p.find((w) => w.text === 'ngày')!;
    const thang = p.find((w) => w.text === 'tháng' && Math.abs(w.yMax - ngay.yMax) < 0.5)!;
    expect(Math.abs(draft.dateSlot.x - ngay.xMin)).toBeLessThan(0.5);
    expect(draft.dateSlot.dayX).toBeGreaterThan(ngay.xMax);
    expect(draft.dateSlot.dayX + draft.dateSlot.blankWidth).toBeLessThanOrEqual(thang.xMin + 0.5);
    expect(draft.dateSlot.monthX).toBeGreaterThan(thang.xMax);

    // The watermark shows as light grey at the middle of the page; the final copy has none.
    // (Without anti-aliasing, black text has no grey edges to be mistaken for it.)
    const grey = (r: number, g: number, b: number): boolean => r === g && g === b && r > 200 && r < 245;
    const centre = { x: PAGE_W / 2 - 60, y: PAGE_H / 2 - 60, w: 120, h: 120 };
    expect(countPixels(raster(draft.file, 1, 50, false), centre, grey)).toBeGreaterThan(200);
    const final = await render(keHoach(3));
    expect(countPixels(raster(final.file, 1, 50, false), centre, grey)).toBe(0);
  });
});

describe('other types and inputs', () => {
  it('puts a single "Kính gửi" inline after the subject of a Tờ trình', async () => {
    const d = await render({
      ...common,
      parentOrgName: 'UBND TỈNH QUẢNG NGÃI',
      orgName: 'SỞ NỘI VỤ',
      typeName: 'Tờ trình',
      symbol: '07/TTr-SNV',
      symbolNotation: 'TTr-SNV',
      issuedDate: '2026-02-03',
      subject: 'Về việc ban hành Danh mục hồ sơ năm 2026',
      kinhGui: ['Ủy ban nhân dân tỉnh Quảng Ngãi'],
      body: [{ text: 'Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.' }],
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerPosition: 'PHÓ GIÁM ĐỐC',
      signerName: 'Lê Thị Hoa',
      recipients: ['Giám đốc Sở'],
      draftingUnit: 'VP',
    });
    const text = pageText(d.file, 1);
    expect(text).toContain('UBND TỈNH QUẢNG NGÃI');
    expect(text).toContain('SỞ NỘI VỤ');
    expect(text).toContain('Quảng Ngãi, ngày 03 tháng 02 năm 2026');
    expect(text).toMatch(/^\s*Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi\.$/m);
    expect(text.indexOf('TỜ TRÌNH')).toBeLessThan(text.indexOf('Kính gửi'));
    expect(text).toContain('- Như trên;');
    const p = words(d.file)[0]!;
    const parent = box(phrase(p, 'UBND TỈNH QUẢNG NGÃI'));
    const org = box(phrase(p, 'SỞ NỘI VỤ'));
    expect(org.yMin).toBeGreaterThan(parent.yMax - 1);
    expect(Math.abs((parent.xMin + parent.xMax) / 2 - (org.xMin + org.xMax) / 2)).toBeLessThan(1);
  });

  it('prints NFD input as proper Vietnamese and stamps secrecy above urgency', async () => {
    const nfd = 'Về việc tăng cường bảo vệ bí mật nhà nước'.normalize('NFD');
    const d = await render({ ...keHoach(2), subject: nfd, secrecy: 'secret', urgency: 'flash' });
    const text = pageText(d.file, 1);
    expect(text).toContain('Về việc tăng cường bảo vệ bí mật nhà nước'.normalize('NFC'));
    const p = words(d.file)[0]!;
    const secret = box(phrase(p, 'TỐI MẬT'));
    const flash = box(phrase(p, 'HỎA TỐC'));
    expect(flash.yMin).toBeGreaterThan(secret.yMax);
  });

  it('rejects an impossible date', async () => {
    await expect(renderOutgoingDocument({ ...quyetDinh, issuedDate: '2026-02-30' })).rejects.toThrow(/issuedDate/);
  });
});

describe('flowPages', () => {
  const frame = { firstTop: 500, top: 800, bottom: 100 };
  const para = (lines: number, over: Partial<FlowParagraph> = {}): FlowParagraph => ({
    lines,
    leading: 20,
    spaceBefore: 0,
    keepWithNext: false,
    ...over,
  });
  const tail = { height: 0, gap: 0, carryLines: 2 };

  it('moves a first line left alone at the bottom to the next page', () => {
    // 20 lines fit on page 0; 19 are used, the 3-line paragraph would leave 1 behind.
    const r = flowPages([para(19), para(3)], frame, tail);
    expect(r.lines.filter((l) => l.paragraph === 1).map((l) => l.page)).toEqual([1, 1, 1]);
  });

  it('takes two lines over rather than leave the last line alone', () => {
    // 18 + 3 lines: 2 fit, so the last would be alone on page 1; 2 go over.
    const r = flowPages([para(18), para(3)], frame, tail);
    expect(r.lines.filter((l) => l.paragraph === 1).map((l) => l.page)).toEqual([1, 1, 1]);
    const r2 = flowPages([para(15), para(8)], frame, tail);
    // 15 + 8 lines: 5 fit and 3 go over, nothing to fix.
    expect(r2.lines.filter((l) => l.paragraph === 1).map((l) => l.page)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    // 13 + 8 lines: 7 would fit, leaving 1 alone; 6 stay, 2 go over.
    const r3 = flowPages([para(13), para(8)], frame, tail);
    expect(r3.lines.filter((l) => l.paragraph === 1).map((l) => l.page)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('keeps a heading with the paragraph after it', () => {
    const r = flowPages([para(18), para(1, { keepWithNext: true }), para(5)], frame, tail);
    expect(r.lines.find((l) => l.paragraph === 1)!.page).toBe(1);
  });

  it('moves the closing block with the last two lines of the body when it does not fit', () => {
    const r = flowPages([para(10), para(8)], frame, { height: 100, gap: 10, carryLines: 2 });
    expect(r.pageCount).toBe(2);
    expect(r.tail.page).toBe(1);
    expect(r.lines.filter((l) => l.page === 1).map((l) => [l.paragraph, l.line])).toEqual([
      [1, 6],
      [1, 7],
    ]);
    expect(r.tail.top).toBe(800 - 2 * 20 - 10);
  });

  it('keeps the closing on the same page when it fits', () => {
    const r = flowPages([para(10)], frame, { height: 100, gap: 10, carryLines: 2 });
    expect(r.pageCount).toBe(1);
    expect(r.tail).toEqual({ page: 0, top: 500 - 200 - 10 });
  });
});

/**
 * The printed incoming register, checked the way a user meets it: the PDF is rendered,
 * written to disk and read back with poppler (pdftotext, pdffonts, pdfinfo) and qpdf.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingRecord } from '../../src/shared/domain/incoming.js';
import { embedSerifFonts, findAssetsDir } from '../../src/main/pdf/fonts.js';
import { textWidth, wrapText } from '../../src/main/pdf/layout.js';
import {
  INCOMING_BOOK_COLUMNS,
  renderIncomingRegisterBook,
  TABLE_MARGINS,
  type RegisterBookInput,
} from '../../src/main/pdf/registerBook.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-register-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, ...args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const squash = (s: string): string => s.replace(/\s+/g, ' ');

let fileNo = 0;
async function renderToFile(input: Partial<RegisterBookInput>): Promise<string> {
  const bytes = await renderIncomingRegisterBook({
    orgName: 'Sở Tài chính tỉnh Quảng Ngãi',
    register: { code: 'DEN', name: 'Sổ đăng ký văn bản đến' },
    year: 2026,
    documents: [],
    printedAt: '2026-03-01T10:00:00+07:00',
    ...input,
  });
  const file = path.join(dir, `book-${++fileNo}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

const pageCount = (file: string): number => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', file))![1]);
const pageText = (file: string, page: number, mode: '-layout' | '-raw' = '-layout'): string =>
  run('pdftotext', mode, '-f', String(page), '-l', String(page), file, '-');

function record(n: number, over: Partial<IncomingRecord> = {}): IncomingRecord {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  return {
    id: n,
    register: 'DEN',
    year: 2026,
    arrivalNumber: n,
    status: 'registered',
    voidReason: null,
    createdAt: `2026-${month}-${day}T08:00:00+07:00`,
    updatedAt: `2026-${month}-${day}T08:00:00+07:00`,
    attachments: [],
    organName: 'Sở Tài chính tỉnh Quảng Ngãi',
    symbol: `${n}/QĐ-UBND`,
    codeNumber: String(n),
    codeNotation: 'QĐ-UBND',
    issuedDate: `2026-${month}-${day}`,
    typeName: 'Công văn',
    subject: 'Đề nghị bổ sung kinh phí thực hiện chương trình mục tiêu quốc gia',
    arrivalDate: `2026-${month}-${day}T08:30:00+07:00`,
    signerName: 'Nguyễn Văn An',
    signerPosition: 'Giám đốc',
    pageAmount: 2,
    urgency: 'normal',
    secrecy: 'normal',
    channel: 'paper',
    toPlaces: 'Phòng Tổng hợp',
    dueDate: null,
    description: null,
    ...over,
  };
}

describe('incoming register book PDF', () => {
  const documents = [
    record(1, {
      organName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      symbol: '123/QĐ-UBND',
      typeName: 'Quyết định',
      subject: 'Về việc phê duyệt kế hoạch cải cách hành chính năm 2026',
      arrivalDate: '2026-01-05T08:30:00+07:00',
    }),
    record(2, {
      urgency: 'flash',
      secrecy: 'secret',
      arrivalDate: '2026-02-10T14:00:00+07:00',
      description: 'Bản chụp, chờ bản chính',
    }),
    record(3, {
      status: 'voided',
      voidReason: 'Vào sổ nhầm',
      arrivalDate: '2026-03-20T09:15:00+07:00',
      // Decomposed input, as pasted from some macOS apps: marks must still sit on their letters.
      toPlaces: 'Phòng Kế hoạch - Tài chính'.normalize('NFD'),
    }),
  ];
  let file: string;
  beforeAll(async () => {
    // Out of order on purpose: the book must run by arrival number.
    file = await renderToFile({ documents: [documents[2]!, documents[0]!, documents[1]!] });
  });

  it('prints a cover with the organisation, title, year and the ranges of dates and numbers', () => {
    const cover = pageText(file, 1);
    expect(cover).toContain('SỞ TÀI CHÍNH TỈNH QUẢNG NGÃI');
    expect(cover).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(cover).toContain('Năm: 2026');
    expect(cover).toContain('Từ ngày 05/01/2026 đến ngày 20/03/2026');
    expect(cover).toContain('Từ số 1 đến số 3');
    expect(cover).toContain('Quyển số: 01');
    expect(cover).not.toMatch(/^\s*1\s*$/m);
  });

  it('prints all ten Appendix IV column headings and the column numbers', () => {
    const raw = squash(pageText(file, 2, '-raw'));
    for (const c of INCOMING_BOOK_COLUMNS) expect(raw).toContain(c.title);
    expect(INCOMING_BOOK_COLUMNS).toHaveLength(10);
    expect(raw).toContain('(1) (2) (3) (4) (5) (6) (7) (8) (9) (10)');
    // Headings that fit on one line are also readable in the layout view.
    const layout = pageText(file, 2);
    for (const heading of ['Ngày đến', 'Số đến', 'Tác giả', 'Tên loại và trích yếu nội dung', 'Ký nhận', 'Ghi chú']) {
      expect(layout).toContain(heading);
    }
  });

  it('fills the rows with Vietnamese text intact, in arrival-number order', () => {
    const layout = pageText(file, 2);
    expect(layout).toContain('123/QĐ-UBND');
    expect(layout).toContain('Quảng Ngãi');
    expect(layout).toContain('Quyết định Về việc phê duyệt');
    expect(layout).toContain('Đề nghị bổ sung');
    expect(layout).toContain('Phòng Kế hoạch -');
    expect(layout).toMatch(/05\/01\/2026\s+1\s+Ủy ban nhân dân/);
    // No stray combining marks: every letter came out precomposed.
    expect(layout.normalize('NFC')).toBe(layout);
    expect(layout).not.toMatch(/[\u0300-\u036f]/);
    const raw = squash(pageText(file, 2, '-raw'));
    const order = ['05/01/2026 1 ', '10/02/2026 2 ', '20/03/2026 3 '].map((s) => raw.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('notes urgency, secrecy, the description and why a document was voided', () => {
    const raw = squash(pageText(file, 2, '-raw'));
    expect(raw).toContain('Hỏa tốc Tối mật Bản chụp, chờ bản chính');
    expect(raw).toContain('Đã hủy: Vào sổ nhầm');
  });

  it('embeds subset Liberation Serif fonts and uses no standard-14 font', () => {
    const rows = run('pdffonts', file).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      const [name, ...rest] = row.trim().split(/\s+/);
      expect(name).toMatch(/^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/);
      // Columns after the name: type (two words), encoding, emb, sub, uni, object, generation.
      expect(rest.slice(3, 6)).toEqual(['yes', 'yes', 'yes']);
    }
    expect(run('pdffonts', file)).not.toMatch(/Helvetica|Times-|Courier|Symbol|ZapfDingbats/);
  });

  it('is a structurally valid PDF with Vietnamese metadata', () => {
    expect(run('qpdf', '--check', file)).toContain('No syntax or stream encoding errors found');
    const info = run('pdfinfo', '-isodates', file);
    expect(info).toMatch(/^Title:\s+Sổ đăng ký văn bản đến năm 2026$/m);
    expect(info).toMatch(/^Creator:\s+VănThư$/m);
    // 10:00 in Vietnam is 03:00 UTC.
    expect(info).toMatch(/^CreationDate:\s+2026-03-01T03:00:00Z$/m);
    expect(info).toContain('Page size:       595.28 x 841.89 pts (A4)');
    expect(run('pdfinfo', '-f', '2', '-l', '2', file)).toMatch(/Page\s+2 size:\s+841.89 x 595.28 pts \(A4\)/);
  });
});

describe('incoming register book pagination', () => {
  const N = 300;
  // Long subjects wrap over several lines; the markers at both ends show whether a row
  // was cut in two by a page break.
  const many = Array.from({ length: N }, (_, i) =>
    record(i + 1, {
      subject: `Đầu${i + 1} đề nghị thẩm định dự toán ngân sách nhà nước năm 2026 của các cơ quan, đơn vị thuộc tỉnh Quảng Ngãi và hướng dẫn triển khai Cuối${i + 1}`,
    }),
  );
  let small: string;
  let big: string;
  beforeAll(async () => {
    small = await renderToFile({ documents: many.slice(0, 3) });
    big = await renderToFile({ documents: [...many].reverse() });
  });

  it('adds pages as rows are added', () => {
    expect(pageCount(small)).toBe(2);
    expect(pageCount(big)).toBeGreaterThan(N / 20);
  });

  it('numbers pages from 2 at the top centre and repeats the heading on every page', () => {
    const pages = pageCount(big);
    for (const p of [2, 3, pages]) {
      const lines = pageText(big, p)
        .split('\n')
        .filter((l) => l.trim());
      expect(lines[0]!.trim()).toBe(String(p));
      const indent = lines[0]!.length - lines[0]!.trimStart().length;
      expect(indent).toBeGreaterThan(40);
      expect(squash(pageText(big, p, '-raw'))).toContain('Tên loại và trích yếu nội dung');
    }
  });

  it('keeps every row whole on one page and lists each number once, in order', () => {
    const seen: number[] = [];
    for (let p = 2; p <= pageCount(big); p++) {
      const text = pageText(big, p, '-raw');
      const starts = [...text.matchAll(/Đầu(\d+)/g)].map((m) => Number(m[1]));
      const ends = [...text.matchAll(/Cuối(\d+)/g)].map((m) => Number(m[1]));
      expect(ends).toEqual(starts);
      seen.push(...starts);
    }
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });

  // How long it takes is measured by `npm run bench` (registerBook3000Ms), not here.
  it('renders 3,000 rows into a well-formed book with every number once', async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => record(i + 1));
    const file = await renderToFile({ documents: docs });
    expect(run('qpdf', '--check', file)).toContain('No syntax or stream encoding errors found');
    const text = run('pdftotext', '-raw', file, '-');
    expect([...text.matchAll(/(\d+)\/QĐ-UBND/g)].length).toBeGreaterThanOrEqual(3000);
    expect(text).toContain('3000/QĐ-UBND');
  });
});

describe('incoming register book cell contents stay inside their cells', () => {
  interface Word {
    text: string;
    xMin: number;
    xMax: number;
    yMin: number;
  }
  function words(file: string, page: number): Word[] {
    const html = run('pdftotext', '-bbox', '-f', String(page), '-l', String(page), file, '-');
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      text: m[4]!,
    }));
  }

  it('wraps long names and breaks unbreakable symbols within the column', async () => {
    const file = await renderToFile({
      documents: [
        record(1, {
          symbol: '12345/QĐ-UBND-VPUBNDTINHQUANGNGAI-PHONGTONGHOPHANHCHINH',
          organName: 'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh Quảng Ngãi',
          description: 'GHICHUKHONGCODAUCACHNAORATDAIDEKIEMTRATHUCHIENNGATDONG',
        }),
        record(2, { toPlaces: Array.from({ length: 60 }, (_, i) => `Phòng số ${i + 1}`).join('; ') }),
      ],
    });
    let x = TABLE_MARGINS.left;
    const edges = [x, ...INCOMING_BOOK_COLUMNS.map((c) => (x += c.width))];
    const tol = 0.5;
    for (let p = 2; p <= pageCount(file); p++) {
      const list = words(file, p);
      expect(list.length).toBeGreaterThan(10);
      for (const w of list) {
        if (w.yMin < TABLE_MARGINS.top - 1) continue; // the page number above the table
        const inside = edges.some((left, i) => i < 10 && w.xMin >= left - tol && w.xMax <= edges[i + 1]! + tol);
        expect(inside, `"${w.text}" on page ${p} crosses a column edge`).toBe(true);
      }
    }
    // The 60 recipients cannot fit on one page; the overflow continues, marked, on the next.
    expect(pageCount(file)).toBeGreaterThanOrEqual(3);
    const last = squash(pageText(file, pageCount(file), '-raw'));
    expect(last).toContain('2 (tiếp)');
    expect(last).toContain('Phòng số 60');
  });

  it('leaves "Ngày chuyển" and "Ký nhận" blank for the recipient to fill in by hand', async () => {
    const file = await renderToFile({ documents: [record(1), record(2, { description: 'Có ghi chú' })] });
    let x = TABLE_MARGINS.left;
    const edges = [x, ...INCOMING_BOOK_COLUMNS.map((c) => (x += c.width))];
    const inHandColumns = words(file, 2)
      .filter((w) => w.xMin >= edges[7]! && w.xMax <= edges[9]!)
      .map((w) => w.text);
    expect(inHandColumns.sort()).toEqual(['(8)', '(9)', 'Ký', 'Ngày', 'chuyển', 'nhận'].sort());
  });
});

describe('incoming register book variants', () => {
  it('titles the confidential book with its own name', async () => {
    const file = await renderToFile({
      register: { code: 'DEN-MAT', name: 'Sổ đăng ký văn bản mật đến' },
      documents: [record(1, { secrecy: 'confidential', register: 'DEN-MAT' })],
    });
    expect(pageText(file, 1)).toContain('SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN');
    expect(run('pdfinfo', file)).toMatch(/^Title:\s+Sổ đăng ký văn bản mật đến năm 2026$/m);
    expect(squash(pageText(file, 2, '-raw'))).toContain('Mật');
  });

  it('prints dotted blanks and empty ruled rows when nothing has been registered', async () => {
    const file = await renderToFile({ orgName: null, documents: [] });
    const cover = pageText(file, 1);
    expect(cover).toMatch(/Từ ngày \.{10,} đến ngày \.{10,}/);
    expect(cover).toMatch(/Từ số \.{10,} đến số \.{10,}/);
    expect(pageCount(file)).toBe(2);
    expect(squash(pageText(file, 2, '-raw'))).toContain('Ngày đến');
  });

  it('rejects a printedAt that is not a date', async () => {
    await expect(renderToFile({ printedAt: 'hôm nay' })).rejects.toThrow(/printedAt/);
  });
});

describe('fonts and text layout helpers', () => {
  it('finds the bundled fonts and honours VANTHU_ASSETS_DIR', () => {
    const assets = findAssetsDir({});
    expect(path.basename(assets)).toBe('assets');
    expect(findAssetsDir({ VANTHU_ASSETS_DIR: assets })).toBe(assets);
    expect(() => findAssetsDir({ VANTHU_ASSETS_DIR: os.tmpdir() })).toThrow(/VANTHU_ASSETS_DIR/);
  });

  it('wraps to the width, keeps line breaks and cuts overlong words after a separator', async () => {
    const doc = await PDFDocument.create();
    const { regular } = await embedSerifFonts(doc, ['regular']);
    const text = 'Sở Tài chính tỉnh Quảng Ngãi đề nghị\nbổ sung 123456/QĐ-UBND-VPUBNDTINHQUANGNGAI';
    const lines = wrapText(regular, 10, text, 60);
    for (const line of lines) expect(textWidth(regular, 10, line)).toBeLessThanOrEqual(60);
    // Nothing lost or reordered: only whitespace changes.
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(lines.length).toBeGreaterThan(4);
    expect(lines).toContain('123456/QĐ-');
    expect(lines.some((l) => l.startsWith('bổ sung'))).toBe(true);
    // NFD input measures and wraps exactly like NFC.
    expect(wrapText(regular, 10, text.normalize('NFD'), 60)).toEqual(lines);
  });
});

/**
 * Capture's reading of files (slice a): the text layer of an electronic PDF, Vietnamese OCR
 * of a scan in the capture worker (real tesseract.js with the npm-shipped `vie` model), and
 * what bad input gets. OCR is CPU-heavy: one small scan (150 dpi) is read once for the file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureClient } from '../../../src/main/capture/client.js';
import { CaptureService, parsePageRange, type ReadResult } from '../../../src/main/capture/captureService.js';
import { CAPTURE_LIMITS } from '../../../src/main/capture/limits.js';
import { AppFailure } from '../../../src/shared/result.js';
import { fold } from '../../../src/shared/text/vietnamese.js';
import { makeCase, specs, type TestCase } from '../../fixtures/capture/testSet.js';
import { tempDir } from '../helpers.js';

const capture = new CaptureService(null);
let scan: TestCase;
let scanRead: ReadResult;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.error.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  // doc-005: a one-page "Hướng dẫn" scanned to a grey JPEG at 150 dpi, turned and noisy.
  scan = await makeCase(specs(5)[4]!, 4);
  scanRead = await capture.read(scan.scan, { mode: 'auto' });
}, 120_000);

afterAll(() => capture.close());

describe('reading the text of a file', () => {
  it('reads an electronic PDF from its text layer, in reading order, without OCR', async () => {
    const r = await capture.read({ fileName: 'cv.pdf', bytes: scan.pdf });
    expect(r.mime).toBe('application/pdf');
    expect(r.pages.every((p) => p.method === 'text' && p.confidence === 100)).toBe(true);
    const first = r.pages[0]!;
    expect(first.text).toContain(`Số: ${scan.spec.symbol}`);
    expect(first.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The header's two columns are separate lines, not one run-together line.
    expect(first.lines.find((l) => l.text.startsWith('Số:'))!.x1).toBeLessThan(0.5);
    expect(first.text.normalize('NFC')).toBe(first.text);
    expect(r.lowConfidence).toBe(false);
  });

  it('reads a scan by Vietnamese OCR, with diacritics and the confidence of each page', () => {
    const p = scanRead.pages[0]!;
    expect(scanRead.mime).toBe('image/jpeg');
    expect(p.method).toBe('ocr');
    expect(p.confidence).toBeGreaterThan(80);
    expect(scanRead.lowConfidence).toBe(false);
    // Words of the body, with their tone marks, as printed.
    const body = scan.spec.body[0]!.text.split(' ').slice(0, 8).join(' ');
    expect(fold(p.text.replace(/\s+/g, ' '))).toContain(fold(body).slice(0, 30));
    expect(p.text).toMatch(/Độc lập - Tự do - Hạnh phúc/);
    expect(p.lines.every((l) => l.confidence !== undefined && l.x0 >= 0 && l.x1 <= 1)).toBe(true);
  });

  it('makes a searchable copy of a scanned PDF: the words findable by pdftotext, the original unchanged', async () => {
    // A one-page scanned PDF of the same page (the JPEG wrapped at 150 dpi).
    const doc = await PDFDocument.create();
    const img = await doc.embedJpg(scan.scan.bytes);
    doc
      .addPage([(img.width / 150) * 72, (img.height / 150) * 72])
      .drawImage(img, { x: 0, y: 0, width: (img.width / 150) * 72, height: (img.height / 150) * 72 });
    const pdf = await doc.save();
    const before = Buffer.from(pdf).toString('base64');
    const r = await capture.read({ fileName: 'scan.pdf', bytes: pdf }, { textPdf: true });
    expect(r.pages[0]!.method).toBe('ocr');
    const out = await capture.searchable({ fileName: 'scan.pdf', bytes: pdf, mime: 'application/pdf' }, r);
    expect(Buffer.from(pdf).toString('base64')).toBe(before);
    const file = path.join(tempDir(), 'searchable.pdf');
    writeFileSync(file, out!);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(fold(text)).toContain(fold(scan.spec.symbol.split('/')[0]!));
    expect(fold(text)).toContain('doc lap');
    execFileSync('qpdf', ['--check', file]);
  }, 120_000);
});

describe('bad input', () => {
  it('a blank page is a low-confidence result with nothing read, not an error', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    const c = createCanvas(1240, 1754);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fdfdfd';
    ctx.fillRect(0, 0, c.width, c.height);
    const r = await capture.read({ fileName: 'trang-trang.png', bytes: new Uint8Array(await c.encode('png')) });
    expect(r.pages[0]).toMatchObject({ method: 'none', note: 'blank', text: '' });
    expect(r.lowConfidence).toBe(true);
  });

  it('refuses a corrupt TIFF, a truncated PDF, an encrypted PDF and a file that is no document, with codes', async () => {
    const tiff = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 1, 0, 0, 1, 3, 0, 1, 0, 0, 0, 0x10, 0, 0, 0]);
    expect(await codeOf(capture.read({ fileName: 'hong.tif', bytes: tiff }))).toBe('invalid_image');
    expect(await codeOf(capture.read({ fileName: 'cut.pdf', bytes: scan.pdf.slice(0, scan.pdf.length >> 1) }))).toBe('invalid_pdf');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.pdf'), scan.pdf);
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', path.join(dir, 'a.pdf'), path.join(dir, 'enc.pdf')]);
    expect(await codeOf(capture.read({ fileName: 'enc.pdf', bytes: readFileSync(path.join(dir, 'enc.pdf')) }))).toBe('encrypted_pdf');
    expect(await codeOf(capture.read({ fileName: 'x.docx', bytes: new TextEncoder().encode('PK\u0003\u0004 not a pdf') }))).toBe(
      'unsupported_file',
    );
    expect(await codeOf(capture.read({ fileName: 'empty.pdf', bytes: new Uint8Array() }))).toBe('empty_file');
  });

  it('refuses a PDF with more pages than one OCR job reads, unless asked to read the first ones', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < CAPTURE_LIMITS.maxOcrPages + 1; i++) doc.addPage([595, 842]);
    const bytes = await doc.save();
    expect(await codeOf(capture.read({ fileName: 'day.pdf', bytes }))).toBe('too_many_pages');
    // A range within the limit is read (blank pages: nothing to OCR).
    const r = await capture.read({ fileName: 'day.pdf', bytes }, { range: parsePageRange('2-3') });
    expect(r.pages.map((p) => [p.page, p.note])).toEqual([
      [2, 'blank'],
      [3, 'blank'],
    ]);
    expect(r.truncated).toBe(true);
    expect(await codeOf(capture.read({ fileName: 'day.pdf', bytes }, { range: { from: 70, to: 80 } }))).toBe('invalid_page_range');
    expect(() => parsePageRange('3-1')).toThrow(AppFailure);
    expect(() => parsePageRange('abc')).toThrow(AppFailure);
  });

  it('does not render a page of absurd size (a PDF bomb): it is skipped with a warning', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([14_400, 14_400]);
    const r = await capture.read({ fileName: 'bom.pdf', bytes: await doc.save() });
    expect(r.pages[0]).toMatchObject({ method: 'none', note: 'page_too_large' });
    expect(r.warnings.join(' ')).toMatch(/khổ quá lớn/);
    expect(r.lowConfidence).toBe(true);
  });

  it('a photo that is no document is read without error as a low-confidence result with no fields', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    // A "photo": sky and field gradients, a sun, trees — shapes and tones, no text.
    const c = createCanvas(1600, 1200);
    const ctx = c.getContext('2d');
    const sky = ctx.createLinearGradient(0, 0, 0, 700);
    sky.addColorStop(0, '#3a6fb0');
    sky.addColorStop(1, '#c9ddf0');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, 1600, 700);
    ctx.fillStyle = '#4d7a2e';
    ctx.fillRect(0, 700, 1600, 500);
    ctx.fillStyle = '#f2c230';
    ctx.beginPath();
    ctx.arc(1300, 200, 90, 0, Math.PI * 2);
    ctx.fill();
    for (let i = 0; i < 12; i++) {
      ctx.fillStyle = i % 2 ? '#2f4f1f' : '#3d6426';
      ctx.beginPath();
      ctx.arc(100 + i * 120, 640 - (i % 3) * 30, 70 + (i % 4) * 10, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = '#5a3b1e';
      ctx.fillRect(90 + i * 120, 680, 22, 90);
    }
    const r = await capture.capture({ fileName: 'anh-chup.jpg', bytes: new Uint8Array(await c.encode('jpeg', 85)) });
    expect(r.extraction.lowConfidence).toBe(true);
    for (const f of ['symbol', 'issuedDate', 'typeName', 'organName', 'subject', 'signerName'] as const)
      expect(r.fields[f]).toBeUndefined();
  }, 60_000);

  it('refuses a page-tree bomb (20,000 pages made of one) and an image whose header claims a huge size', async () => {
    // A page tree of 20,000 entries all pointing at one small page (a 120 kB file): refused
    // before any page is read. A /Count that lies without pages behind it is read as what it holds.
    const pdfOf = (kids: number, count: number) => {
      const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        `<< /Type /Pages /Kids [${'3 0 R '.repeat(kids)}] /Count ${count} >>`,
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      ];
      let body = '%PDF-1.4\n';
      const offsets: number[] = [];
      objects.forEach((o, i) => {
        offsets.push(body.length);
        body += `${i + 1} 0 obj\n${o}\nendobj\n`;
      });
      const xref = body.length;
      body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
      body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
      return new TextEncoder().encode(body);
    };
    const bomb = pdfOf(20_000, 20_000);
    expect(await codeOf(capture.read({ fileName: 'bom-trang.pdf', bytes: bomb }))).toBe('too_many_pages');
    expect(await codeOf(capture.capture({ fileName: 'bom-trang.pdf', bytes: bomb }))).toBe('too_many_pages');
    const liar = await capture.read({ fileName: 'khai-gian.pdf', bytes: pdfOf(1, 50_000_000) });
    expect(liar.pageCount).toBe(1);
    expect(liar.lowConfidence).toBe(true);
    // A PNG whose header says 40,000 × 40,000 (1.6 billion pixels): refused from the header, nothing decoded.
    const { createCanvas } = await import('@napi-rs/canvas');
    const png = new Uint8Array(await createCanvas(8, 8).encode('png'));
    const v = new DataView(png.buffer, png.byteOffset);
    v.setUint32(16, 40_000);
    v.setUint32(20, 40_000);
    const { crc32 } = await import('node:zlib');
    v.setUint32(29, crc32(png.subarray(12, 29)) >>> 0);
    expect(await codeOf(capture.read({ fileName: 'khong-lo.png', bytes: png }))).toBe('image_too_large');
  }, 60_000);

  it('a 500-page scan: the ocr command refuses it whole, capture reads the first pages and says so', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 500; i++) doc.addPage([595, 842]);
    const bytes = await doc.save();
    expect(await codeOf(capture.read({ fileName: '500-trang.pdf', bytes }))).toBe('too_many_pages');
    const r = await capture.capture({ fileName: '500-trang.pdf', bytes });
    expect(r.extraction.pageCount).toBe(500);
    expect(r.extraction.pages).toHaveLength(CAPTURE_LIMITS.maxOcrPages);
    expect(r.extraction.truncated).toBe(true);
    expect(r.extraction.warnings.join(' ')).toMatch(/500 trang; chỉ đọc 60 trang đầu/);
    expect(r.fields.pageAmount?.value).toBe(500);
  }, 60_000);

  it('stops a worker that hangs, fails only that request, and serves the next with a fresh thread', async () => {
    const { Worker } = await import('node:worker_threads');
    let started = 0;
    // A thread that never answers (a parser stuck in a loop), then one that answers at once.
    const client = new CaptureClient({
      // The watchdog also covers a fresh thread's start-up: on a loaded machine 300 ms was not
      // enough for the second (answering) thread to start, and the test failed for that alone.
      pageTimeoutMs: 2000,
      start: () =>
        new Worker(
          started++ === 0
            ? 'setInterval(() => {}, 1000)'
            : `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage({ type: 'extracted', id: m.id, result: { ok: 1 } }));`,
          { eval: true },
        ),
    });
    const req = { bytes: new Uint8Array([1]), mime: 'application/pdf' as const, mode: 'auto' as const };
    const hung = client.extract(req, { fileName: 'treo.pdf' });
    const next = client.extract(req, { fileName: 'sau.pdf' });
    expect(await codeOf(hung)).toBe('capture_timeout');
    expect(await next).toEqual({ ok: 1 });
    expect(started).toBe(2);
    // Cancelling a request ends it at once.
    const ac = new AbortController();
    const third = client.extract(req, { fileName: 'huy.pdf', signal: ac.signal });
    ac.abort();
    expect(await codeOf(third)).toBe('cancelled');
    await client.close();
  });
});

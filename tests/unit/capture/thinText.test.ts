/**
 * Pages whose text layer is thin (fewer than CAPTURE_LIMITS.minTextLayerChars letters): a clean
 * electronic page with one line is read from its text layer (it used to be taken for a scan and
 * give nothing), while a scan — a picture covering the page — with a few words laid over it (a
 * stamp) is read by OCR. Real PDFs made here with pdf-lib, a real picture drawn with the canvas
 * addon, real OCR; and `vanthu ocr` on the one-line page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureService } from '../../../src/main/capture/captureService.js';
import { imageCover } from '../../../src/main/capture/engine.js';
import { CAPTURE_LIMITS } from '../../../src/main/capture/limits.js';
import { canvasModule } from '../../../src/main/capture/runtimePaths.js';
import { fold } from '../../../src/shared/text/vietnamese.js';
import { cli } from '../cliHelpers.js';

const FONT = path.resolve(__dirname, '../../../assets/fonts/LiberationSerif-Regular.ttf');
const BOLD = path.resolve(__dirname, '../../../assets/fonts/LiberationSerif-Bold.ttf');
const A4: [number, number] = [595.28, 841.89];
const LINE = 'Kính gửi: Sở Tài chính tỉnh Quảng Ngãi';

const capture = new CaptureService(null);
let dir: string;
let onePdf: Uint8Array;

/** An A4 page with one 14 pt line of Vietnamese text, as a word processor exports it. */
async function oneLinePage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  doc.addPage(A4).drawText(LINE, { x: 85, y: 700, size: 14, font });
  return doc.save();
}

/** A scanned page: a 150-dpi picture of printed lines covering the page, with a small "ĐẾN" stamp's text laid over it. */
async function scannedPageWithStamp(): Promise<Uint8Array> {
  const { createCanvas, GlobalFonts } = canvasModule();
  GlobalFonts.registerFromPath(BOLD, 'VanThuScanBold');
  const w = Math.round((A4[0] / 72) * 150);
  const h = Math.round((A4[1] / 72) * 150);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.font = '36px VanThuScanBold';
  ctx.fillText('KẾ HOẠCH', 520, 400);
  ctx.fillText('Tổ chức hội nghị tổng kết công tác năm 2025', 150, 480);
  ctx.fillText('Căn cứ chương trình công tác của tỉnh', 150, 560);
  const doc = await PDFDocument.create();
  const img = await doc.embedPng(await canvas.encode('png'));
  const page = doc.addPage(A4);
  page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  // The stamp's words as a text layer: a few letters, far under the threshold.
  page.drawText('DEN So 125', { x: 420, y: 790, size: 9, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-thin-text-'));
  onePdf = await oneLinePage();
});

afterAll(async () => {
  await capture.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pages with a thin text layer', () => {
  it('a clean page with one 14 pt line gives that line from its text layer, without OCR', async () => {
    expect(fold(LINE).replace(/[^a-z0-9]/g, '').length).toBeLessThan(CAPTURE_LIMITS.minTextLayerChars);
    const r = await capture.read({ fileName: 'mot-dong.pdf', bytes: onePdf });
    expect(r.pages).toHaveLength(1);
    expect(r.pages[0]).toMatchObject({ page: 1, method: 'text', confidence: 100, text: LINE });
    expect(r.lowConfidence).toBe(false);
  });

  it('a scan covered by its picture, with a stamp’s few words as text, is read by OCR', { timeout: 120_000 }, async () => {
    const r = await capture.read({ fileName: 'quet.pdf', bytes: await scannedPageWithStamp() });
    const p = r.pages[0]!;
    expect(p.method).toBe('ocr');
    const text = fold(p.text.replace(/\s+/g, ' '));
    expect(text).toContain('ke hoach');
    expect(text).toContain('to chuc hoi nghi tong ket cong tac nam 2025');
    expect(p.text).toMatch(/Tổ chức hội nghị/);
  });

  it('vanthu ocr prints the one-line page’s text', () => {
    const file = path.join(dir, 'mot-dong.pdf');
    writeFileSync(file, onePdf);
    const r = cli(path.join(dir, 'none.sqlite'), ['ocr', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().pages[0]).toMatchObject({ page: 1, method: 'text', confidence: 100, text: LINE });
  });

  it('measures how much of the page one picture covers, through the page’s transformations', () => {
    const OPS = {
      save: 10,
      restore: 11,
      transform: 12,
      paintFormXObjectBegin: 74,
      paintFormXObjectEnd: 75,
      paintImageMaskXObject: 83,
      paintImageXObject: 85,
      paintInlineImageXObject: 86,
    };
    const lib = { OPS } as never;
    const view = [0, 0, 600, 800];
    // A full-page scan: the image scaled to the page.
    expect(imageCover(lib, view, { fnArray: [10, 12, 85, 11], argsArray: [null, [600, 0, 0, 800, 0, 0], ['img1'], null] })).toBeCloseTo(1);
    // A logo of 60 × 80 pt: 1 % of the page; the transformation is undone by restore before a second, unscaled image.
    expect(
      imageCover(lib, view, { fnArray: [10, 12, 85, 11, 85], argsArray: [null, [60, 0, 0, 80, 50, 700], ['logo'], null, ['dot']] }),
    ).toBeCloseTo(0.01);
    // Nested: a form scaled by 2 holding an image of 300 × 400 → the whole page; clipped, an oversized image covers it once.
    expect(
      imageCover(lib, view, { fnArray: [74, 12, 85, 75], argsArray: [[[2, 0, 0, 2, 0, 0], null], [300, 0, 0, 400, 0, 0], ['i'], null] }),
    ).toBeCloseTo(1);
    expect(imageCover(lib, view, { fnArray: [12, 85], argsArray: [[5000, 0, 0, 5000, -100, -100], ['big']] })).toBeCloseTo(1);
    expect(imageCover(lib, view, { fnArray: [], argsArray: [] })).toBe(0);
  });
});

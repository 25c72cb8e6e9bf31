/**
 * Capture figures for `npm run bench` (issue 13): OCR seconds per A4 page scanned at 200 dpi,
 * text extraction of a 20-page electronic PDF (warm capture thread), and content search over
 * the bench's documents once each carries a page of text (SQLite: the content index filled
 * directly, as registrations with text would leave it).
 */
import os from 'node:os';
import { CaptureService } from '../../src/main/capture/captureService.js';
import { SqliteStore } from '../../src/main/db/sqlite/store.js';
import type { Services } from '../../src/main/services.js';
import { CONTENT_QUERIES, fillContent } from './contentText.js';
import { renderSpec } from '../../tests/support/capture/render.js';
import { scanToPdf } from '../../tests/support/capture/scan.js';
import { specs } from '../../tests/fixtures/capture/testSet.js';

const r1 = (x: number) => Math.round(x * 10) / 10;
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/** Documents given a page of text for the content search figures. */
export const CONTENT_DOCS = 300_000;

export interface CaptureFigures {
  ocrSecondsPerPage: number;
  ocrPages: number;
  extract20PagesMs: number;
  contentDocs: number;
  contentFillSeconds: number;
  contentSearchP95Ms: Record<string, number>;
  loadAvg1m: number;
}

export async function benchCapture(services: Services, log: (m: string) => void): Promise<CaptureFigures> {
  const capture = new CaptureService(null);
  try {
    // OCR: two pages of a decision scanned at 200 dpi (grey, noisy, turned), after a warm-up page.
    // A document of two pages or more (a long body), so the figure is per page over several.
    const spec = specs(40).find((s) => s.body.length > 8) ?? specs(1)[0]!;
    const pdf = await renderSpec(spec);
    const scan = await scanToPdf(pdf, { dpi: 200, angle: 0.7, noise: 8, jpegQuality: 70, gray: true, seed: 3 });
    await capture.read({ fileName: 'warm.pdf', bytes: scan }, { range: { from: 1, to: 1 }, mode: 'ocr' });
    const t0 = performance.now();
    const read = await capture.read({ fileName: 'scan.pdf', bytes: scan }, { mode: 'ocr' });
    const ocrPages = read.pages.filter((p) => p.method === 'ocr').length;
    const ocrSecondsPerPage = Math.round((performance.now() - t0) / ocrPages) / 1000;
    log(`capture: OCR ${ocrSecondsPerPage} s/page over ${ocrPages} pages at 200 dpi`);

    // Text extraction of a 20-page electronic PDF: pages of a long document, warm thread, median of 5.
    const { PDFDocument } = await import('pdf-lib');
    const long = await PDFDocument.create();
    const src = await PDFDocument.load(pdf);
    const one = await long.copyPages(src, src.getPageIndices());
    for (let i = 0; i < 20; i++) long.addPage(one[i % one.length]!);
    const twenty = await long.save();
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      // A page range: every run reads the file (whole-file reads are remembered by CaptureService).
      const r = await capture.read({ fileName: `p20-${i}.pdf`, bytes: twenty }, { mode: 'text', range: { from: 1, to: 20 } });
      if (r.pages.length !== 20) throw new Error('20 pages expected');
      if (i > 0) times.push(performance.now() - t);
    }
    const extract20PagesMs = r1(percentile(times, 50));
    log(`capture: text of a 20-page PDF ${extract20PagesMs} ms (median)`);

    // Content search: the newest CONTENT_DOCS documents each get a page of text.
    let contentDocs = 0;
    let contentFillSeconds = 0;
    const contentSearchP95Ms: Record<string, number> = {};
    if (services.store instanceof SqliteStore) {
      const t = performance.now();
      contentDocs = await fillContent(services, CONTENT_DOCS);
      contentFillSeconds = r1((performance.now() - t) / 1000);
      log(`capture: content index of ${contentDocs} documents filled in ${contentFillSeconds} s`);
      Object.assign(contentSearchP95Ms, await timeContentQueries(services));
      log(`capture: content search p95 ${JSON.stringify(contentSearchP95Ms)}`);
    }
    return {
      ocrSecondsPerPage,
      ocrPages,
      extract20PagesMs,
      contentDocs,
      contentFillSeconds,
      contentSearchP95Ms,
      loadAvg1m: r1(os.loadavg()[0]!),
    };
  } finally {
    await capture.close();
  }
}

/** p95 of each content query's first page (7 runs, the first a warm-up), milliseconds. */
export async function timeContentQueries(services: Services, runs = 7): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, q] of Object.entries(CONTENT_QUERIES)) {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await services.search.search({ sort: 'date', ...q, limit: 50 });
      if (i > 0) ms.push(performance.now() - s);
    }
    out[name] = r1(percentile(ms, 95));
  }
  return out;
}

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
import { fold } from '../../src/shared/text/vietnamese.js';
import { rng } from '../../tests/support/capture/corpus.js';
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

const WORDS = (
  'thực hiện chỉ đạo của ủy ban nhân dân tỉnh về việc triển khai các nhiệm vụ trọng tâm năm đề nghị các cơ quan đơn vị khẩn trương rà soát ' +
  'tổng hợp và báo cáo kết quả trước ngày tháng các đơn vị có trách nhiệm phối hợp chặt chẽ với huyện thị xã thành phố trong quá trình tổ chức ' +
  'kịp thời những khó khăn vướng mắc phát sinh để được hướng dẫn giải quyết giao sở tài chính chủ trì thẩm định dự toán kinh phí tham mưu bố trí ' +
  'nguồn vốn theo đúng quy định luật ngân sách nhà nước kè chống sạt lở bờ sông đê điều thủy lợi hồ chứa nước đường giao thông nông thôn trường học ' +
  'trạm y tế xã chợ nhà văn hóa thôn nghĩa hành sơn tịnh bình sơn mộ đức đức phổ tư nghĩa ba tơ minh long trà bồng lý sơn'
).split(' ');

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
      const db = services.store.db;
      const keys = db
        .prepare(`SELECT sort_key FROM incoming_documents ORDER BY sort_key DESC LIMIT ${CONTENT_DOCS}`)
        .pluck()
        .all() as number[];
      const t = performance.now();
      const insert = db.prepare('INSERT INTO incoming_content_fts (rowid, body) VALUES (?, ?)');
      const r = rng(13);
      const fill = db.transaction((batch: number[]) => {
        for (const k of batch) {
          const words: string[] = [];
          for (let i = 0; i < 350; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]!);
          // One document in ~5,000 says something rare.
          if (r() < 0.0002) words.push('kè', 'chắn', 'sóng', 'cửa', 'biển', 'sa', 'kỳ');
          insert.run(k, fold(words.join(' ')));
        }
      });
      for (let i = 0; i < keys.length; i += 5000) fill(keys.slice(i, i + 5000));
      contentDocs = keys.length;
      contentFillSeconds = r1((performance.now() - t) / 1000);
      log(`capture: content index of ${contentDocs} documents filled in ${contentFillSeconds} s`);
      const queries: Record<string, Parameters<Services['search']['search']>[0]> = {
        rarePhrase: { query: 'kè chắn sóng cửa biển', in: 'content' },
        rareWord: { query: 'sa kỳ', in: 'content' },
        commonWords: { query: 'ngân sách nhà nước', in: 'content' },
        prefixTyping: { query: 'sạt l', in: 'content' },
        withTypeFilter: { query: 'thủy lợi', in: 'content', type: 'Quyết định' },
        fieldsOrContent: { query: 'hồ chứa nước', in: 'all' },
      };
      for (const [name, q] of Object.entries(queries)) {
        const ms: number[] = [];
        for (let i = 0; i < 7; i++) {
          const s = performance.now();
          await services.search.search({ ...q, sort: 'date', limit: 50 });
          if (i > 0) ms.push(performance.now() - s);
        }
        contentSearchP95Ms[name] = r1(percentile(ms, 95));
      }
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

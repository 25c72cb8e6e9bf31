/**
 * Reading the text of one file, page by page: the PDF's own text layer (pdfjs-dist), or
 * Vietnamese OCR of the page's image (tesseract.js with the `vie` model shipped in the npm
 * package @tesseract.js-data/vie; nothing is downloaded). Runs inside the capture worker
 * thread (worker.ts), never on the thread that owns the database or the UI.
 *
 * Rasterising: pdfjs-dist renders a scanned PDF page onto a canvas of @napi-rs/canvas
 * (Skia, prebuilt N-API binaries from the npm registry: nothing compiled, the same binary
 * works under Node and Electron; pdfjs already uses it in Node). Images: PNG and JPEG are
 * decoded by the same canvas, TIFF (multi-page, CCITT fax, LZW, JPEG) by UTIF.js. Every
 * page becomes a grey image sent to Tesseract as PGM.
 *
 * Costs are bounded before they are paid (limits.ts): declared page count, page size in
 * pixels at the chosen resolution, image header dimensions.
 */
import path from 'node:path';
import type { Extraction, PageText, TextLine } from '../../shared/domain/capture.js';
import { LOW_CONFIDENCE } from '../../shared/domain/capture.js';
import { CAPTURE_LIMITS } from './limits.js';
import { canvasModule, runtime, tesseractWorkerPath } from './runtimePaths.js';
import { splitRunTogether } from './syllables.js';

export type ExtractMode = 'auto' | 'text' | 'ocr';

export interface ExtractRequest {
  bytes: Uint8Array;
  mime: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';
  /** 1-based inclusive page range; default: every page (within the limits). */
  range?: { from: number; to: number };
  /** auto: the text layer where a page has one, OCR otherwise; text: never OCR; ocr: always OCR. */
  mode: ExtractMode;
  /** Also give, for each OCR'd page, Tesseract's text-only PDF page (for a searchable copy). */
  textPdf?: boolean;
  /** When more pages than the limit: read the first ones and warn (capture) instead of refusing (ocr command). */
  truncate?: boolean;
  dpi?: number;
}

export interface EngineProgress {
  page: number;
  pages: number;
  stage: 'text' | 'render' | 'ocr';
}

export interface EngineResult extends Extraction {
  /** Page number → Tesseract's text-only PDF of that page (only with `textPdf`). */
  textPdfs?: Record<number, Uint8Array>;
  /** Page number → the image size OCR read, in pixels, and its resolution. */
  images?: Record<number, PageImage>;
}

export interface PageImage {
  width: number;
  height: number;
  dpi: number;
}

/** A refusal with a stable code (mapped to AppFailure by the client). */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
  }
}

interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
  dpi: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TessWorker = import('tesseract.js').Worker;

let pdfjsPromise: Promise<PdfJs> | null = null;
function pdfjs(): Promise<PdfJs> {
  // From its unpacked folder in the packaged app (runtimePaths.ts): it requires the canvas addon beside it.
  return (pdfjsPromise ??= runtime.import<PdfJs>('pdfjs-dist/legacy/build/pdf.mjs'));
}

/** The folder of an npm package (resolved through its package.json, so it works bundled or not; outside app.asar). */
function packageDir(name: string): string {
  return runtime.dir(name);
}

let tesseractPromise: Promise<TessWorker> | null = null;
/**
 * One Tesseract worker per capture thread, made on first use and kept (loading the model
 * costs about a second). `langPath` is the folder inside @tesseract.js-data/vie: tesseract.js
 * reads `vie.traineddata.gz` from it with fs, and cacheMethod 'none' keeps it from writing a
 * copy into the working folder. The core (WebAssembly) is tesseract.js-core, required from
 * node_modules by tesseract.js's own Node worker script.
 */
function tesseract(): Promise<TessWorker> {
  tesseractPromise ??= (async () => {
    const { createWorker, OEM } = runtime.require<typeof import('tesseract.js')>('tesseract.js');
    const langPath = path.join(packageDir('@tesseract.js-data/vie'), '4.0.0_best_int');
    return createWorker('vie', OEM.LSTM_ONLY, {
      // Its worker script by an unpacked path: a worker thread cannot start from inside app.asar.
      workerPath: tesseractWorkerPath(),
      langPath,
      gzip: true,
      cacheMethod: 'none',
      logger: () => {},
      errorHandler: () => {},
    });
  })();
  tesseractPromise.catch(() => (tesseractPromise = null));
  return tesseractPromise;
}

/** Stops the OCR worker of this thread (idle or shutting down). */
export async function closeEngine(): Promise<void> {
  const p = tesseractPromise;
  tesseractPromise = null;
  if (p) await (await p.catch(() => null))?.terminate();
}

const WORD = /[\p{L}\p{N}]/gu;
const letterCount = (s: string) => s.match(WORD)?.length ?? 0;

function pageRange(
  count: number,
  req: ExtractRequest,
  limit: number,
  warnings: string[],
): { from: number; to: number; truncated: boolean } {
  const from = Math.max(1, req.range?.from ?? 1);
  const to = Math.min(count, req.range?.to ?? count);
  if (from > to) throw new EngineError('invalid_page_range', `tệp có ${count} trang`);
  if (to - from + 1 > limit) {
    if (!req.truncate) throw new EngineError('too_many_pages', `${to - from + 1} trang, mỗi lần đọc tối đa ${limit} trang (dùng --pages)`);
    warnings.push(`Tệp có ${count} trang; chỉ đọc ${limit} trang đầu (trang ${from}–${from + limit - 1}).`);
    return { from, to: from + limit - 1, truncated: true };
  }
  return { from, to, truncated: from > 1 || to < count };
}

export async function extract(req: ExtractRequest, onProgress: (p: EngineProgress) => void): Promise<EngineResult> {
  const started = Date.now();
  const warnings: string[] = [];
  const out = req.mime === 'application/pdf' ? await extractPdf(req, onProgress, warnings) : await extractImage(req, onProgress, warnings);
  const read = out.pages.filter((p) => p.method !== 'none' || p.note !== 'blank');
  const confidence = read.length ? Math.round(read.reduce((s, p) => s + p.confidence, 0) / read.length) : 0;
  const anyText = out.pages.some((p) => p.text.trim() !== '');
  return {
    ...out,
    confidence,
    lowConfidence: !anyText || confidence < LOW_CONFIDENCE,
    warnings,
    ms: Date.now() - started,
  };
}

type Partial = Omit<EngineResult, 'confidence' | 'lowConfidence' | 'warnings' | 'ms'>;

async function extractPdf(req: ExtractRequest, onProgress: (p: EngineProgress) => void, warnings: string[]): Promise<Partial> {
  const lib = await pdfjs();
  const dir = packageDir('pdfjs-dist');
  const task = lib.getDocument({
    data: req.bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    standardFontDataUrl: path.join(dir, 'standard_fonts') + path.sep,
    cMapUrl: path.join(dir, 'cmaps') + path.sep,
    cMapPacked: true,
    wasmUrl: path.join(dir, 'wasm') + path.sep,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new EngineError('encrypted_pdf', 'tệp được mã hóa (đặt mật khẩu)');
    throw new EngineError('invalid_pdf', 'không đọc được tệp PDF');
  }
  try {
    const count = doc.numPages;
    if (count > CAPTURE_LIMITS.maxDeclaredPages)
      throw new EngineError('too_many_pages', `tệp khai báo ${count} trang (tối đa ${CAPTURE_LIMITS.maxDeclaredPages})`);
    const limit = req.mode === 'text' ? CAPTURE_LIMITS.maxTextPages : CAPTURE_LIMITS.maxOcrPages;
    const { from, to, truncated } = pageRange(count, req, limit, warnings);
    const pages: PageText[] = [];
    const textPdfs: Record<number, Uint8Array> = {};
    const images: Record<number, PageImage> = {};
    const total = to - from + 1;
    for (let n = from; n <= to; n++) {
      onProgress({ page: n - from + 1, pages: total, stage: 'text' });
      let page;
      try {
        page = await doc.getPage(n);
      } catch {
        pages.push({ page: n, method: 'none', confidence: 0, text: '', lines: [], note: 'page_failed' });
        warnings.push(`Trang ${n} hỏng, không đọc được.`);
        continue;
      }
      const layer = req.mode === 'ocr' ? null : await textLayer(page);
      if (layer && (req.mode === 'text' || (await readsAsText(lib, page, layer.text)))) {
        pages.push({ page: n, method: 'text', confidence: layer.text.trim() ? 100 : 0, text: layer.text, lines: layer.lines });
        page.cleanup();
        continue;
      }
      // A scan (or OCR asked for): render the page and read its image.
      onProgress({ page: n - from + 1, pages: total, stage: 'render' });
      const base = page.getViewport({ scale: 1 });
      const dpi = renderDpi(base.width, base.height, req.dpi ?? CAPTURE_LIMITS.ocrDpi);
      if (dpi < CAPTURE_LIMITS.minDpi) {
        pages.push({ page: n, method: 'none', confidence: 0, text: '', lines: [], note: 'page_too_large' });
        warnings.push(`Trang ${n} có khổ quá lớn (${Math.round(base.width)}×${Math.round(base.height)} pt), không nhận dạng.`);
        page.cleanup();
        continue;
      }
      let gray: Gray;
      try {
        gray = await renderPage(page, dpi);
      } catch {
        pages.push({ page: n, method: 'none', confidence: 0, text: '', lines: [], note: 'page_failed' });
        warnings.push(`Trang ${n} không vẽ được để nhận dạng.`);
        continue;
      } finally {
        page.cleanup();
      }
      onProgress({ page: n - from + 1, pages: total, stage: 'ocr' });
      const r = await ocrImage(gray, n, !!req.textPdf);
      pages.push(r.page);
      images[n] = { width: gray.width, height: gray.height, dpi: gray.dpi };
      if (r.textPdf) textPdfs[n] = r.textPdf;
    }
    return { mime: req.mime, pageCount: count, pages, truncated, ...(req.textPdf ? { textPdfs } : {}), images };
  } finally {
    await doc.destroy();
  }
}

/**
 * Whether a page with a text layer is read from it rather than by OCR. A full text layer is the
 * page's text (an electronic PDF, or a scan made searchable). A thin one — a short letter, a
 * page with one line — is the page's text too unless a picture covers the page: then the page is
 * a scan, and the few words are what was laid over it (a stamp, a note, a file name), not what it
 * says. Pictures are only looked for on such thin pages (drawing commands cost a parse).
 */
async function readsAsText(lib: PdfJs, page: PdfPage, text: string): Promise<boolean> {
  const letters = letterCount(text);
  if (letters >= CAPTURE_LIMITS.minTextLayerChars) return true;
  if (letters === 0) return false;
  try {
    return imageCover(lib, page.view, await page.getOperatorList()) < CAPTURE_LIMITS.scanImageCover;
  } catch {
    // Drawing commands that cannot be read: render and OCR, as before.
    return false;
  }
}

type Matrix = [number, number, number, number, number, number];
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/**
 * The largest share of the page (0–1) one image covers: each image is drawn into the unit square
 * under the current transformation matrix, which the operator list builds up (save, restore,
 * transform, form XObjects).
 */
export function imageCover(lib: Pick<PdfJs, 'OPS'>, view: number[], ops: { fnArray: number[]; argsArray: unknown[] }): number {
  const { OPS } = lib;
  const [vx0, vy0, vx1, vy1] = view as [number, number, number, number];
  const pageArea = Math.abs((vx1 - vx0) * (vy1 - vy0));
  if (!pageArea) return 0;
  const images = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = times(args.slice(0, 6).map(Number) as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (Array.isArray(m) && m.length === 6) ctm = times(m.map(Number) as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (images.has(fn)) {
      const corners = [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ].map(([x, y]) => [ctm[0] * x! + ctm[2] * y! + ctm[4], ctm[1] * x! + ctm[3] * y! + ctm[5]] as const);
      // Clipped to the page: an image larger than the page covers it, not more.
      const xs = corners.map((c) => Math.min(Math.max(c[0], Math.min(vx0, vx1)), Math.max(vx0, vx1)));
      const ys = corners.map((c) => Math.min(Math.max(c[1], Math.min(vy0, vy1)), Math.max(vy0, vy1)));
      const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
      best = Math.max(best, area / pageArea);
    }
  }
  return best;
}

/** The resolution a page of this size (points) is rendered at: the asked one, lowered to keep within the pixel limit. */
export function renderDpi(widthPt: number, heightPt: number, dpi: number): number {
  const pixelsAt = (d: number) => ((widthPt * d) / 72) * ((heightPt * d) / 72);
  let d = Math.min(dpi, CAPTURE_LIMITS.maxDpi);
  if (pixelsAt(d) > CAPTURE_LIMITS.maxPagePixels) d = Math.floor(72 * Math.sqrt(CAPTURE_LIMITS.maxPagePixels / (widthPt * heightPt)));
  return d;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

/**
 * The text layer as lines in reading order, each line cut where a wide gap separates two
 * columns (the header's left and right blocks, the closing's "Nơi nhận" and signature).
 */
async function textLayer(page: PdfPage): Promise<{ text: string; lines: TextLine[] }> {
  const vp = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: { x0: number; x1: number; y0: number; y1: number; size: number; str: string }[] = [];
  for (const raw of content.items) {
    const it = raw as PdfTextItem;
    // Spaces are told by the gaps between pieces; a space item may span a column gap.
    if (typeof it.str !== 'string' || it.str.trim() === '') continue;
    const size = Math.hypot(it.transform[2] ?? 0, it.transform[3] ?? 0) || it.height || 10;
    // Item origin in viewport coordinates (top-left origin, the page's rotation applied).
    const [ax, ay] = vp.convertToViewportPoint(it.transform[4] ?? 0, it.transform[5] ?? 0) as [number, number];
    const [bx, by] = vp.convertToViewportPoint((it.transform[4] ?? 0) + it.width, (it.transform[5] ?? 0) + size) as [number, number];
    items.push({
      x0: Math.min(ax, bx),
      x1: Math.max(ax, bx),
      y0: Math.min(ay, by),
      y1: Math.max(ay, by),
      size,
      str: it.str,
    });
  }
  const lines = groupIntoLines(items, vp.width, vp.height);
  return { text: lines.map((l) => l.text).join('\n'), lines };
}

/** Items → lines: same baseline (within a third of the font size), sorted left to right, cut at column gaps. */
export function groupIntoLines(
  items: { x0: number; x1: number; y0: number; y1: number; size: number; str: string; confidence?: number }[],
  pageWidth: number,
  pageHeight: number,
): TextLine[] {
  const sorted = [...items].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const rows: (typeof items)[] = [];
  for (const it of sorted) {
    const row = rows.find((r) => Math.abs(r[0]!.y1 - it.y1) <= Math.max(2, 0.35 * Math.min(r[0]!.size, it.size)));
    if (row) row.push(it);
    else rows.push([it]);
  }
  const out: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x0 - b.x0);
    let seg: typeof items = [];
    const flush = () => {
      if (!seg.length) return;
      let text = '';
      for (let i = 0; i < seg.length; i++) {
        const it = seg[i]!;
        const prev = seg[i - 1];
        if (prev && it.x0 - prev.x1 > 0.15 * it.size && !text.endsWith(' ') && !it.str.startsWith(' ')) text += ' ';
        text += it.str;
      }
      text = text.replace(/\s+/g, ' ').trim().normalize('NFC');
      if (text) {
        const confs = seg.map((s) => s.confidence).filter((c): c is number => c !== undefined);
        out.push({
          text,
          x0: Math.min(...seg.map((s) => s.x0)) / pageWidth,
          x1: Math.max(...seg.map((s) => s.x1)) / pageWidth,
          y0: Math.min(...seg.map((s) => s.y0)) / pageHeight,
          y1: Math.max(...seg.map((s) => s.y1)) / pageHeight,
          ...(confs.length ? { confidence: Math.round(confs.reduce((a, b) => a + b, 0) / confs.length) } : {}),
        });
      }
      seg = [];
    };
    for (const it of row) {
      const prev = seg[seg.length - 1];
      // A gap of more than 2.5 em between two pieces of one baseline separates columns.
      if (prev && it.x0 - prev.x1 > 2.5 * Math.max(it.size, prev.size)) flush();
      seg.push(it);
    }
    flush();
  }
  return readingOrder(out);
}

async function renderPage(page: PdfPage, dpi: number): Promise<Gray> {
  const { createCanvas } = canvasModule();
  const vp = page.getViewport({ scale: dpi / 72 });
  const width = Math.max(1, Math.ceil(vp.width));
  const height = Math.max(1, Math.ceil(vp.height));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport: vp }).promise;
  return { width, height, data: toGray(ctx.getImageData(0, 0, width, height).data), dpi };
}

/**
 * RGBA → grey. The darkest channel, not luminance: the red urgency and secrecy stamps of
 * Decree 30 (and blue ink) come out dark and are read like the black text.
 */
export function toGray(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const n = rgba.length >> 2;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = rgba[j + 3]!;
    const m = Math.min(rgba[j]!, rgba[j + 1]!, rgba[j + 2]!);
    // Transparent pixels are paper.
    out[i] = a === 255 ? m : (255 - ((255 - m) * a) / 255) | 0;
  }
  return out;
}

async function extractImage(req: ExtractRequest, onProgress: (p: EngineProgress) => void, warnings: string[]): Promise<Partial> {
  if (req.mode === 'text') {
    return { mime: req.mime, pageCount: 1, pages: [{ page: 1, method: 'none', confidence: 0, text: '', lines: [] }], truncated: false };
  }
  const pages: PageText[] = [];
  const textPdfs: Record<number, Uint8Array> = {};
  const images: Record<number, PageImage> = {};
  if (req.mime === 'image/tiff') {
    const UTIF = (await import('utif')).default;
    let ifds;
    try {
      ifds = UTIF.decode(req.bytes);
    } catch {
      throw new EngineError('invalid_image', 'ảnh TIFF hỏng, không đọc được');
    }
    // Sub-images (thumbnails, masks) are not pages.
    const pageIfds = ifds.filter((ifd) => !((Number((ifd.t254 as number[] | undefined)?.[0] ?? 0) & 1) === 1));
    if (pageIfds.length === 0) throw new EngineError('invalid_image', 'ảnh TIFF không có trang nào');
    if (pageIfds.length > CAPTURE_LIMITS.maxDeclaredPages) throw new EngineError('too_many_pages', `ảnh TIFF có ${pageIfds.length} trang`);
    const { from, to, truncated } = pageRange(pageIfds.length, req, CAPTURE_LIMITS.maxOcrPages, warnings);
    for (let n = from; n <= to; n++) {
      onProgress({ page: n - from + 1, pages: to - from + 1, stage: 'render' });
      const ifd = pageIfds[n - 1]!;
      const w = Number((ifd.t256 as number[] | undefined)?.[0] ?? 0);
      const h = Number((ifd.t257 as number[] | undefined)?.[0] ?? 0);
      if (!w || !h || w * h > CAPTURE_LIMITS.maxImagePixels) {
        pages.push({ page: n, method: 'none', confidence: 0, text: '', lines: [], note: 'page_too_large' });
        warnings.push(`Trang ${n} của ảnh TIFF có kích thước không hợp lệ hoặc quá lớn (${w}×${h}).`);
        continue;
      }
      let gray: Gray;
      try {
        UTIF.decodeImage(req.bytes, ifd);
        const rgba = UTIF.toRGBA8(ifd);
        if (rgba.length < w * h * 4) throw new Error('short');
        gray = fitGray({ width: w, height: h, data: toGray(rgba), dpi: tiffDpi(ifd) });
      } catch {
        pages.push({ page: n, method: 'none', confidence: 0, text: '', lines: [], note: 'page_failed' });
        warnings.push(`Trang ${n} của ảnh TIFF hỏng, không đọc được.`);
        continue;
      }
      onProgress({ page: n - from + 1, pages: to - from + 1, stage: 'ocr' });
      const r = await ocrImage(gray, n, !!req.textPdf);
      pages.push(r.page);
      images[n] = { width: gray.width, height: gray.height, dpi: gray.dpi };
      if (r.textPdf) textPdfs[n] = r.textPdf;
      delete ifd.data;
    }
    if (pages.every((p) => p.note === 'page_failed')) throw new EngineError('invalid_image', 'ảnh TIFF hỏng, không đọc được trang nào');
    return { mime: req.mime, pageCount: pageIfds.length, pages, truncated, ...(req.textPdf ? { textPdfs } : {}), images };
  }
  onProgress({ page: 1, pages: 1, stage: 'render' });
  const { loadImage, createCanvas } = canvasModule();
  let img;
  try {
    img = await loadImage(Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength));
  } catch {
    throw new EngineError('invalid_image', 'ảnh hỏng, không giải mã được');
  }
  if (!img.width || !img.height || img.width * img.height > CAPTURE_LIMITS.maxImagePixels)
    throw new EngineError('image_too_large', `ảnh ${img.width}×${img.height} điểm ảnh`);
  const scale = fitScale(img.width, img.height, 0);
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const gray: Gray = { width, height, data: toGray(ctx.getImageData(0, 0, width, height).data), dpi: assumedDpi(width, height) };
  onProgress({ page: 1, pages: 1, stage: 'ocr' });
  const r = await ocrImage(gray, 1, !!req.textPdf);
  pages.push(r.page);
  images[1] = { width, height, dpi: gray.dpi };
  if (r.textPdf) textPdfs[1] = r.textPdf;
  return { mime: req.mime, pageCount: 1, pages, truncated: false, ...(req.textPdf ? { textPdfs } : {}), images };
}

/** The resolution of a photo or scan without one: as if its longer side were an A4 page's (297 mm). */
function assumedDpi(width: number, height: number): number {
  return Math.max(50, Math.round(Math.max(width, height) / (297 / 25.4)));
}

function tiffDpi(ifd: import('utif').Ifd): number {
  const x = ifd.t282 as number[] | number[][] | undefined;
  const v = Array.isArray(x?.[0]) ? (x[0] as number[])[0]! / ((x[0] as number[])[1] || 1) : Number(x?.[0] ?? 0);
  const unit = Number((ifd.t296 as number[] | undefined)?.[0] ?? 2);
  const dpi = unit === 3 ? v * 2.54 : v;
  return dpi >= 50 && dpi <= 2400 ? Math.round(dpi) : assumedDpi(Number(ifd.width ?? 0), Number(ifd.height ?? 0));
}

/** Scale that brings an image to at most maxDpi (A4 longer side) and the pixel limit. */
function fitScale(width: number, height: number, dpi: number): number {
  const effective = dpi || assumedDpi(width, height);
  let s = Math.min(1, CAPTURE_LIMITS.maxDpi / effective);
  if (width * height * s * s > CAPTURE_LIMITS.maxPagePixels) s = Math.sqrt(CAPTURE_LIMITS.maxPagePixels / (width * height));
  return s;
}

/** A decoded grey page brought within the resolution and pixel limits (box filter). */
function fitGray(g: Gray): Gray {
  const s = fitScale(g.width, g.height, g.dpi);
  if (s >= 0.999) return g;
  const w = Math.max(1, Math.floor(g.width * s));
  const h = Math.max(1, Math.floor(g.height * s));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy0 = Math.floor(y / s);
    const sy1 = Math.min(g.height, Math.max(sy0 + 1, Math.floor((y + 1) / s)));
    for (let x = 0; x < w; x++) {
      const sx0 = Math.floor(x / s);
      const sx1 = Math.min(g.width, Math.max(sx0 + 1, Math.floor((x + 1) / s)));
      let sum = 0;
      for (let yy = sy0; yy < sy1; yy++) for (let xx = sx0; xx < sx1; xx++) sum += g.data[yy * g.width + xx]!;
      out[y * w + x] = sum / ((sy1 - sy0) * (sx1 - sx0));
    }
  }
  return { width: w, height: h, data: out, dpi: Math.round(g.dpi * s) };
}

/** Share of dark pixels under which a page is blank (a stray speck or two of dust). */
const BLANK_INK = 0.0015;

function isBlank(g: Gray): boolean {
  let dark = 0;
  const step = 3;
  let seen = 0;
  for (let i = 0; i < g.data.length; i += step) {
    seen++;
    if (g.data[i]! < 128) dark++;
  }
  return dark / seen < BLANK_INK;
}

/**
 * Ruled lines and frames (the rules under the national motto and the body name, the box of
 * an urgency stamp, table borders) make Tesseract read boxes as pictures and lose the words
 * inside: long thin runs of ink are whitened before OCR. Letters are never that long and thin.
 */
export function removeRules(g: Gray): void {
  const { width: w, height: h, data } = g;
  const minH = Math.max(20, Math.round(w * 0.035));
  const minV = Math.max(20, Math.round(h * 0.022));
  const maxThick = Math.max(3, Math.round(g.dpi / 40));
  const ink = (v: number) => v < 160;
  const mark = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let x = 0;
    while (x < w) {
      if (!ink(data[y * w + x]!)) {
        x++;
        continue;
      }
      let e = x;
      while (e < w && ink(data[y * w + e]!)) e++;
      if (e - x >= minH) for (let k = x; k < e; k++) mark[y * w + k] = mark[y * w + k]! | 1;
      x = e;
    }
  }
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      if (!ink(data[y * w + x]!)) {
        y++;
        continue;
      }
      let e = y;
      while (e < h && ink(data[e * w + x]!)) e++;
      if (e - y >= minV) for (let k = y; k < e; k++) mark[k * w + x] = mark[k * w + x]! | 2;
      y = e;
    }
  }
  // Only thin marks are rules: a horizontal mark at most maxThick rows tall, a vertical one at most maxThick columns wide.
  for (let x = 0; x < w; x++) {
    let y = 0;
    while (y < h) {
      if (!(mark[y * w + x]! & 1)) {
        y++;
        continue;
      }
      let e = y;
      while (e < h && mark[e * w + x]! & 1) e++;
      if (e - y <= maxThick) for (let k = y; k < e; k++) data[k * w + x] = 255;
      y = e;
    }
  }
  for (let y = 0; y < h; y++) {
    let x = 0;
    while (x < w) {
      if (!(mark[y * w + x]! & 2)) {
        x++;
        continue;
      }
      let e = x;
      while (e < w && mark[y * w + e]! & 2) e++;
      if (e - x <= maxThick) for (let k = x; k < e; k++) data[y * w + k] = 255;
      x = e;
    }
  }
}

/** Turns searched for a scan's skew, in degrees either way (paper laid on the glass a little askew). */
const MAX_SKEW = 3;

/**
 * The angle (degrees, clockwise) the lines of text of a page run at: the turn under which the
 * ink, summed along each row, gives the sharpest profile — rows through lines of text full,
 * rows between them empty (the projection-profile method). Ink pixels are sampled on a grid,
 * coarse angles first, then refined. 0 for a page with too little ink to tell.
 */
export function skewAngle(g: Gray): number {
  const { width: w, height: h, data } = g;
  // About 100 samples per inch whatever the resolution.
  const step = Math.max(1, Math.round(g.dpi / 100));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y += step) {
    for (let x = 0; x < w; x += step) {
      if (data[y * w + x]! >= 128) continue;
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length < 500) return 0;
  const cx = w / 2;
  const bins = new Float64Array(Math.ceil(h / step) + Math.ceil(w / step) + 8);
  const offset = Math.ceil(w / step) / 2 + 4;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i]! - (xs[i]! - cx) * t) / step + offset);
      if (b >= 0 && b < bins.length) bins[b]!++;
    }
    let s = 0;
    for (let i = 1; i < bins.length; i++) {
      const d = bins[i]! - bins[i - 1]!;
      s += d * d;
    }
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.25) {
    const sc = score(a);
    if (sc <= bestScore) continue;
    best = a;
    bestScore = sc;
  }
  const coarse = best;
  for (let a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.05) {
    const sc = score(a);
    if (sc <= bestScore) continue;
    best = a;
    bestScore = sc;
  }
  return Math.round(best * 100) / 100;
}

/** Skews under this are left alone (a line's rise over the page is then under a pixel or two per inch). */
const MIN_DESKEW = 0.2;

export function toPgm(g: Gray): Uint8Array {
  const header = Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + g.data.length);
  out.set(header, 0);
  out.set(g.data, header.length);
  return out;
}

async function ocrImage(g: Gray, pageNo: number, wantPdf: boolean): Promise<{ page: PageText; textPdf?: Uint8Array }> {
  if (isBlank(g)) return { page: { page: pageNo, method: 'none', confidence: 0, text: '', lines: [], note: 'blank' } };
  // How askew the page lies: Tesseract reads slanting lines as they are (turning the pixels
  // first blurred the strokes and cost more letters than it saved), but the boxes of its lines
  // are turned back level, so rows and columns (reading order, the field reader) are those of
  // the page as printed.
  const skew = skewAngle(g);
  removeRules(g);
  const worker = await tesseract();
  await worker.setParameters({ user_defined_dpi: String(g.dpi) } as never);
  const r = await worker.recognize(Buffer.from(toPgm(g)), wantPdf ? ({ pdfTitle: 'VanThu OCR', pdfTextOnly: true } as never) : {}, {
    text: false,
    tsv: true,
    pdf: wantPdf,
  } as never);
  const lines = linesFromTsv(r.data.tsv ?? '', g.width, g.height, Math.abs(skew) >= MIN_DESKEW ? skew : 0);
  const words = lines.reduce((n, l) => n + l.text.split(' ').length, 0);
  const confidence = words ? Math.round(lines.reduce((s, l) => s + (l.confidence ?? 0) * l.text.split(' ').length, 0) / words) : 0;
  const pdf = (r.data as { pdf?: number[] | Uint8Array | null }).pdf;
  return {
    page: {
      page: pageNo,
      method: 'ocr',
      confidence,
      text: lines.map((l) => l.text).join('\n'),
      lines,
      ...(words ? {} : { note: 'blank' }),
    },
    ...(wantPdf && pdf ? { textPdf: pdf instanceof Uint8Array ? pdf : Uint8Array.from(pdf) } : {}),
  };
}

/**
 * Tesseract's TSV (one row per word: block, paragraph, line, box, confidence) → lines, each
 * cut where a wide gap separates columns Tesseract put on one line.
 */
export function linesFromTsv(tsv: string, width: number, height: number, skew = 0): TextLine[] {
  const items: { x0: number; x1: number; y0: number; y1: number; size: number; str: string; confidence: number; key: string }[] = [];
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c[0] !== '5' || c.length < 12) continue;
    const text = (c.slice(11).join('\t') ?? '').trim();
    if (!text) continue;
    const left = Number(c[6]);
    const top = Number(c[7]);
    const w = Number(c[8]);
    const h = Number(c[9]);
    items.push({
      key: `${c[2]}.${c[3]}.${c[4]}`,
      x0: left,
      x1: left + w,
      y0: top,
      y1: top + h,
      size: h,
      // Two syllables OCR ran together ("củatỉnh") are parted (syllables.ts).
      str: splitRunTogether(text.normalize('NFC')),
      confidence: Math.max(0, Number(c[10])),
    });
  }
  // Tesseract's own lines, each cut at column gaps.
  const byLine = new Map<string, typeof items>();
  for (const it of items) {
    const l = byLine.get(it.key);
    if (l) l.push(it);
    else byLine.set(it.key, [it]);
  }
  const out: TextLine[] = [];
  for (const words of byLine.values()) {
    words.sort((a, b) => a.x0 - b.x0);
    const heights = words.map((wd) => wd.y1 - wd.y0).sort((a, b) => a - b);
    const em = heights[heights.length >> 1] ?? 10;
    let seg: typeof items = [];
    const flush = () => {
      if (!seg.length) return;
      const conf = seg.reduce((s, wd) => s + wd.confidence, 0) / seg.length;
      out.push({
        text: seg.map((wd) => wd.str).join(' '),
        x0: Math.min(...seg.map((wd) => wd.x0)) / width,
        x1: Math.max(...seg.map((wd) => wd.x1)) / width,
        y0: Math.min(...seg.map((wd) => wd.y0)) / height,
        y1: Math.max(...seg.map((wd) => wd.y1)) / height,
        confidence: Math.round(conf),
      });
      seg = [];
    };
    for (const wd of words) {
      const prev = seg[seg.length - 1];
      if (prev && wd.x0 - prev.x1 > Math.max(3 * em, width * 0.05)) flush();
      seg.push(wd);
    }
    flush();
  }
  return readingOrder(skew ? levelLines(out, skew, width, height) : out);
}

/**
 * Lines of a page that lay `skew` degrees (clockwise) askew, placed where they are on the page
 * turned back level: each box moved with its middle, turned about the page's centre (in pixels,
 * so the page's proportions are kept). The boxes keep their size: a line's own slant over its
 * length is a pixel or two at these angles.
 */
export function levelLines(lines: TextLine[], skew: number, width: number, height: number): TextLine[] {
  const t = (-skew * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  return lines.map((l) => {
    const cx = ((l.x0 + l.x1) / 2 - 0.5) * width;
    const cy = ((l.y0 + l.y1) / 2 - 0.5) * height;
    const dx = (cx * cos - cy * sin - cx) / width;
    const dy = (cx * sin + cy * cos - cy) / height;
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { ...l, x0: clamp(l.x0 + dx), x1: clamp(l.x1 + dx), y0: clamp(l.y0 + dy), y1: clamp(l.y1 + dy) };
  });
}

/**
 * Lines in the order the text layer gives them (groupIntoLines): row by row down the page, left
 * to right within a row — not Tesseract's block order, which reads the whole left column of
 * the header before the right one. Lines are one row when their vertical middles are within
 * half a line's height of each other (a header's two columns, "Nơi nhận" beside the signature).
 */
export function readingOrder(lines: TextLine[]): TextLine[] {
  const mid = (l: TextLine) => (l.y0 + l.y1) / 2;
  const sorted = [...lines].sort((a, b) => mid(a) - mid(b));
  const rows: TextLine[][] = [];
  for (const l of sorted) {
    const row = rows[rows.length - 1];
    const h = Math.min(...(row ?? []).map((r) => r.y1 - r.y0), l.y1 - l.y0);
    if (row && Math.abs(mid(l) - mid(row[0]!)) <= 0.5 * h) row.push(l);
    else rows.push([l]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.x0 - b.x0));
}

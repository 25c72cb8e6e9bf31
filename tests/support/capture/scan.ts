/**
 * Turning an electronic PDF into what a scanner gives: every page rasterised (pdfjs-dist on a
 * @napi-rs/canvas canvas) at a scanner's resolution, turned slightly as paper lies on the
 * glass, with sensor noise and dust, saved as JPEG and wrapped in a PDF (or kept as an
 * image). Deterministic for a given seed.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { rng } from './corpus.js';

export interface ScanOptions {
  dpi: number;
  /** Degrees, clockwise. */
  angle: number;
  /** Standard deviation of the grey-level noise (0–255 scale). */
  noise: number;
  jpegQuality: number;
  /** A grey-scale scan (red stamps become mid grey) rather than a colour one. */
  gray: boolean;
  seed: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let lib: Promise<PdfJs> | null = null;

export async function rasterise(pdf: Uint8Array, dpi: number): Promise<Canvas[]> {
  const pdfjs = await (lib ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  const out: Canvas[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport: vp }).promise;
    out.push(canvas);
  }
  await doc.destroy();
  return out;
}

/** One page as scanned: turned, noisy, grey or colour; JPEG bytes. */
export async function degrade(page: Canvas, o: ScanOptions, pageIndex = 0): Promise<Uint8Array> {
  const r = rng(o.seed * 31 + pageIndex);
  const out = createCanvas(page.width, page.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((o.angle * Math.PI) / 180);
  ctx.translate(-out.width / 2, -out.height / 2);
  ctx.drawImage(page, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const img = ctx.getImageData(0, 0, out.width, out.height);
  const d = img.data;
  // Box–Muller pairs for the noise; dust: rare dark specks.
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-9)) * Math.cos(2 * Math.PI * r());
  for (let i = 0; i < d.length; i += 4) {
    const n = gauss() * o.noise;
    const speck = r() < 0.0004 ? -180 : 0;
    if (o.gray) {
      const v = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
      const g = Math.max(0, Math.min(255, v * 0.94 + 8 + n + speck));
      d[i] = d[i + 1] = d[i + 2] = g;
    } else {
      for (let c = 0; c < 3; c++) d[i + c] = Math.max(0, Math.min(255, d[i + c]! * 0.93 + 10 + n + speck));
    }
  }
  ctx.putImageData(img, 0, 0);
  return new Uint8Array(await out.encode('jpeg', o.jpegQuality));
}

/** A scanned PDF: one JPEG per page, at the page's size. */
export async function scanToPdf(pdf: Uint8Array, o: ScanOptions): Promise<Uint8Array> {
  const pages = await rasterise(pdf, o.dpi);
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages.length; i++) {
    const jpg = await degrade(pages[i]!, o, i);
    const img = await doc.embedJpg(jpg);
    const w = (pages[i]!.width / o.dpi) * 72;
    const h = (pages[i]!.height / o.dpi) * 72;
    doc.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return doc.save();
}

/** The first page scanned to a JPEG image (a photo-copier's "scan to e-mail"). */
export async function scanToJpeg(pdf: Uint8Array, o: ScanOptions): Promise<Uint8Array> {
  const [page] = await rasterise(pdf, o.dpi);
  return degrade(page!, o, 0);
}

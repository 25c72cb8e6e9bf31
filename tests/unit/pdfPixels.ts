/**
 * Looking at a PDF the way a reader does: a page rendered by poppler's pdftoppm, its pixels
 * counted. The "DỰ THẢO" watermark is drawn as glyph outlines, not text, so pdftotext never
 * sees it: only pixels tell whether a page carries it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WATERMARK_GREY } from '../../src/main/pdf/decree30/style.js';

export interface Raster {
  width: number;
  height: number;
  dpi: number;
  rgb: Buffer;
}

/** One page as raw RGB (pdftoppm's PPM), without anti-aliasing so colours stay exact. */
export function rasterPage(pdf: Uint8Array, page = 1, dpi = 50): Raster {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-px-'));
  try {
    const file = path.join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-aa', 'no', '-aaVector', 'no', '-f', String(page), '-l', String(page), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(r.stdout.subarray(0, 64).toString('latin1'));
    if (r.status !== 0 || !header) throw new Error(`pdftoppm failed (${r.status}): ${r.stderr?.toString()}`);
    return { width: Number(header[1]), height: Number(header[2]), dpi, rgb: r.stdout.subarray(header[0].length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pixels inside a rectangle in points (top-left origin) that pass `test`. */
export function countPixels(
  img: Raster,
  rect: { x: number; y: number; w: number; h: number },
  test: (r: number, g: number, b: number) => boolean,
): number {
  const s = img.dpi / 72;
  let n = 0;
  for (let y = Math.max(0, Math.floor(rect.y * s)); y < Math.min(img.height, (rect.y + rect.h) * s); y++) {
    for (let x = Math.max(0, Math.floor(rect.x * s)); x < Math.min(img.width, (rect.x + rect.w) * s); x++) {
      const i = (y * img.width + x) * 3;
      if (test(img.rgb[i]!, img.rgb[i + 1]!, img.rgb[i + 2]!)) n++;
    }
  }
  return n;
}

const GREY = Math.round(WATERMARK_GREY * 255);
/** The watermark's light grey (exact without anti-aliasing: black text has no grey edges). */
export const isWatermarkGrey = (r: number, g: number, b: number): boolean => r === g && g === b && Math.abs(r - GREY) <= 1;

/**
 * Watermark-grey pixels in the middle of an A4 page, where the diagonal "DỰ THẢO" crosses
 * it (a 240 × 240 pt square around the centre). A draft shows hundreds; a final copy none.
 */
export function watermarkPixels(pdf: Uint8Array, page = 1): number {
  const img = rasterPage(pdf, page);
  const w = (img.width * 72) / img.dpi;
  const h = (img.height * 72) / img.dpi;
  return countPixels(img, { x: w / 2 - 120, y: h / 2 - 120, w: 240, h: 240 }, isWatermarkGrey);
}

/**
 * A scan that lay askew (engine.ts): the skew is found from its lines of text, in either
 * direction, and the boxes of the lines OCR read are turned back level, so a header's two
 * columns are one row and lines come in the order the text layer of the original gives.
 */
import { describe, expect, it } from 'vitest';
import { levelLines, readingOrder, skewAngle, toGray } from '../../../src/main/capture/engine.js';
import type { TextLine } from '../../../src/shared/domain/capture.js';
import { renderSpec } from '../../support/capture/render.js';
import { degrade, rasterise } from '../../support/capture/scan.js';
import { specs } from '../../fixtures/capture/testSet.js';

async function scanned(angle: number) {
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const [page] = await rasterise(await renderSpec(specs(1)[0]!), 150);
  const jpeg = await degrade(page!, { dpi: 150, angle, noise: 8, jpegQuality: 70, gray: true, seed: 5 });
  const img = await loadImage(Buffer.from(jpeg));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, dpi: 150, data: toGray(ctx.getImageData(0, 0, img.width, img.height).data) };
}

const L = (text: string, x0: number, y0: number, x1: number, y1: number): TextLine => ({ text, x0, y0, x1, y1 });

describe('a page scanned askew', () => {
  it('has its skew found either way within a tenth of a degree; a straight or blank page has none', async () => {
    for (const angle of [1.7, -1.2, 0]) expect(Math.abs(skewAngle(await scanned(angle)) - angle)).toBeLessThanOrEqual(0.1);
    expect(skewAngle({ width: 400, height: 600, dpi: 50, data: new Uint8Array(400 * 600).fill(250) })).toBe(0);
  });

  it('has the boxes of its lines turned back level: the two header columns become one row, left first', () => {
    // An A4 page at 100 dpi turned 2° anticlockwise: the right column sits higher by about its
    // distance from the left one times tan 2°, enough to be read as the row above.
    const [W, H] = [827, 1169];
    const t = (-2 * Math.PI) / 180;
    const turn = (x: number, y: number) => {
      const [cx, cy] = [x * W - W / 2, y * H - H / 2];
      return [(cx * Math.cos(t) - cy * Math.sin(t) + W / 2) / W, (cx * Math.sin(t) + cy * Math.cos(t) + H / 2) / H] as const;
    };
    const box = (text: string, x0: number, x1: number, y: number) => {
      const [a, b] = turn((x0 + x1) / 2, y);
      return L(text, a - (x1 - x0) / 2, b - 0.007, a + (x1 - x0) / 2, b + 0.007);
    };
    const askew = [box('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 0.48, 0.9, 0.07), box('ỦY BAN NHÂN DÂN TỈNH', 0.16, 0.44, 0.07)];
    expect(readingOrder(askew).map((l) => l.text)[0]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const level = readingOrder(levelLines(askew, -2, W, H));
    expect(level.map((l) => l.text)).toEqual(['ỦY BAN NHÂN DÂN TỈNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(Math.abs(level[0]!.y0 - level[1]!.y0)).toBeLessThan(0.002);
    expect(Math.abs(level[0]!.x0 - 0.16)).toBeLessThan(0.002);
  });
});

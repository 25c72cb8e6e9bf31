/**
 * Text as filled vector outlines instead of text: the "DỰ THẢO" watermark is drawn this
 * way so that copying, searching or extracting the text of a draft never picks up the
 * watermark's letters in the middle of the body (pdftotext interleaves rotated text with
 * the lines it crosses).
 */
import fontkit from '@pdf-lib/fontkit';
import { loadFontBytes, type FontStyle } from '../fonts.js';

export interface Outline {
  /** PDF path operators (m, l, c, h) in em units, baseline at y = 0, start at x = 0. */
  path: string;
  /** Advance width in em. */
  width: number;
  /** Cap height in em. */
  capHeight: number;
}

const cache = new Map<string, Promise<Outline>>();

export function textOutline(text: string, style: FontStyle = 'bold', assetsDir?: string): Promise<Outline> {
  const key = `${assetsDir ?? ''}\u0000${style}\u0000${text}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = build(text.normalize('NFC'), style, assetsDir);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

const f = (v: number): string => String(Math.round(v * 10000) / 10000);

async function build(text: string, style: FontStyle, assetsDir?: string): Promise<Outline> {
  const bytes = await loadFontBytes(assetsDir);
  const font = fontkit.create(bytes[style]);
  const em = font.unitsPerEm;
  const run = font.layout(text);
  const ops: string[] = [];
  let penX = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i]!;
    const dx = penX + pos.xOffset;
    const dy = pos.yOffset;
    let cx = 0;
    let cy = 0;
    const X = (x: number): string => f((x + dx) / em);
    const Y = (y: number): string => f((y + dy) / em);
    // fontkit replays the outline on anything with canvas-like path methods.
    const sink = {
      moveTo(x: number, y: number) {
        ops.push(`${X(x)} ${Y(y)} m`);
        [cx, cy] = [x, y];
      },
      lineTo(x: number, y: number) {
        ops.push(`${X(x)} ${Y(y)} l`);
        [cx, cy] = [x, y];
      },
      quadraticCurveTo(qx: number, qy: number, x: number, y: number) {
        // The same curve as a cubic: control points 2/3 of the way towards the quadratic one.
        const c1x = cx + (2 / 3) * (qx - cx);
        const c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x);
        const c2y = y + (2 / 3) * (qy - y);
        ops.push(`${X(c1x)} ${Y(c1y)} ${X(c2x)} ${Y(c2y)} ${X(x)} ${Y(y)} c`);
        [cx, cy] = [x, y];
      },
      bezierCurveTo(ax: number, ay: number, bx: number, by: number, x: number, y: number) {
        ops.push(`${X(ax)} ${Y(ay)} ${X(bx)} ${Y(by)} ${X(x)} ${Y(y)} c`);
        [cx, cy] = [x, y];
      },
      closePath() {
        ops.push('h');
      },
    };
    (glyph.path.toFunction() as (ctx: typeof sink) => void)(sink);
    penX += pos.xAdvance;
  });
  return { path: ops.join('\n'), width: penX / em, capHeight: font.capHeight / em };
}

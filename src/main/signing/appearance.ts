/**
 * What a signature looks like on the page (Decree 30/2020/NĐ-CP, Appendix I §II):
 * - the competent official: the blue signature image (transparent PNG) centred between the
 *   position line and the name;
 * - the organisation: the red seal at real size (transparent PNG) over about the left third
 *   of the official's signature image, with the organisation name and the signing time
 *   (ISO 8601, +07:00) in small Times;
 * - a separate attachment file: the organisation signature as text only, top right of
 *   page 1, Times 10, upright, black: số và ký hiệu + signing time.
 * All coordinates are PDF points, origin at the bottom left of the page.
 */
import type { FontStyle } from '../pdf/fonts.js';
import { mm } from '../pdf/layout.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Rgb = readonly [number, number, number];

export interface ImageItem {
  type: 'image';
  /** 8-bit non-interlaced PNG; transparency is kept as a soft mask. */
  png: Uint8Array;
  /** Where the image is drawn, page coordinates (stretched to fill). */
  box: Rect;
}

export interface TextItem {
  type: 'text';
  lines: readonly string[];
  /** Anchor x: the left edge, centre or right edge of each line, per `align`. */
  x: number;
  /** Baseline of the first line. */
  y: number;
  size: number;
  font?: FontStyle;
  color?: Rgb;
  align?: 'left' | 'center' | 'right';
  /** Distance between baselines; default 1.2 × size. */
  leading?: number;
}

export type AppearanceItem = ImageItem | TextItem;

/** A signature field: `rect` + `appearance` make it visible; omit both for an invisible one. */
export interface SignatureFieldSpec {
  /** Fully qualified field name; default "Signature<n>". */
  name?: string;
  /** 0-based page index. */
  page: number;
  rect?: Rect;
  appearance?: readonly AppearanceItem[];
}

export const BLUE: Rgb = [0, 0, 0.6];
export const BLACK: Rgb = [0, 0, 0];

// ---------------------------------------------------------------------------------------
// Time

const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "2026-05-10T14:30:05+07:00": the signing time as Decree 30 prints it (Vietnam time). */
export function formatSigningTime(d: Date): string {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000 + VN_OFFSET_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+07:00`;
}

/** PDF date string (ISO 32000-1 §7.9.4) in Vietnam time: "D:20260510143005+07'00'". */
export function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return `D:${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}+07'00'`;
}

/** Parses a PDF date string; lenient about missing parts, as real files are. */
export function parsePdfDate(s: string): Date | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(s.trim());
  if (!m) return null;
  let ms = Date.UTC(
    Number(m[1]),
    Number(m[2] ?? '01') - 1,
    Number(m[3] ?? '01'),
    Number(m[4] ?? '0'),
    Number(m[5] ?? '0'),
    Number(m[6] ?? '0'),
  );
  if (m[8]) {
    const offset = (Number(m[9]) * 60 + Number(m[10] ?? '0')) * 60_000;
    ms -= m[8] === '-' ? -offset : offset;
  }
  return Number.isNaN(ms) ? null : new Date(ms);
}

// ---------------------------------------------------------------------------------------
// Geometry

/** Pixel size of a PNG, from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG image');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The largest box with the image's aspect ratio that fits in `rect`, centred in it. */
export function fitImage(rect: Rect, png: Uint8Array): Rect {
  const { width, height } = pngSize(png);
  const scale = Math.min(rect.width / width, rect.height / height);
  const w = width * scale;
  const h = height * scale;
  return { x: rect.x + (rect.width - w) / 2, y: rect.y + (rect.height - h) / 2, width: w, height: h };
}

export function unionRect(...rects: readonly Rect[]): Rect {
  const x1 = Math.min(...rects.map((r) => r.x));
  const y1 = Math.min(...rects.map((r) => r.y));
  const x2 = Math.max(...rects.map((r) => r.x + r.width));
  const y2 = Math.max(...rects.map((r) => r.y + r.height));
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * The space for the official's signature in a signature block: centred on `centerX`,
 * between the bottom of the position line(s) and the top of the name.
 */
export function signatureAreaBetween(opts: { centerX: number; width: number; positionBottom: number; nameTop: number }): Rect {
  const height = opts.positionBottom - opts.nameTop;
  if (!(height > 0)) throw new RangeError('positionBottom must lie above nameTop');
  return { x: opts.centerX - opts.width / 2, y: opts.nameTop, width: opts.width, height };
}

export interface FieldAppearance {
  rect: Rect;
  appearance: AppearanceItem[];
}

/** The official's signature: the blue signature image fitted and centred in `area`. */
export function officialAppearance(opts: { area: Rect; signatureImage: Uint8Array }): FieldAppearance & { imageBox: Rect } {
  const imageBox = fitImage(opts.area, opts.signatureImage);
  return { rect: opts.area, imageBox, appearance: [{ type: 'image', png: opts.signatureImage, box: imageBox }] };
}

/** Where the seal goes: real size, centred vertically on the signature image, covering its left third. */
export function sealBox(signatureImageBox: Rect, diameterMm = 36, overlap = 1 / 3): Rect {
  const d = mm(diameterMm);
  const right = signatureImageBox.x + signatureImageBox.width * overlap;
  const cy = signatureImageBox.y + signatureImageBox.height / 2;
  return { x: right - d, y: cy - d / 2, width: d, height: d };
}

export interface OrganisationAppearanceOptions {
  /** The box the official's signature image occupies (`officialAppearance().imageBox`). */
  signatureImageBox: Rect;
  sealImage: Uint8Array;
  organisationName: string;
  signedAt: Date;
  /** Real diameter of the seal; provincial People's Committee seals are 35–40 mm. Default 36. */
  sealDiameterMm?: number;
  /** Text size, 8–10 pt; default 8. */
  fontSize?: number;
  /** Where the name and time go: left of the seal (default), under it, or nowhere. */
  textPosition?: 'below' | 'left' | 'none';
}

/** The organisation's signature: red seal over the left third of the official's image, plus name and time. */
export function organisationAppearance(opts: OrganisationAppearanceOptions): FieldAppearance & { sealBox: Rect } {
  const seal = sealBox(opts.signatureImageBox, opts.sealDiameterMm);
  const size = opts.fontSize ?? 8;
  const items: AppearanceItem[] = [{ type: 'image', png: opts.sealImage, box: seal }];
  const lines = [opts.organisationName.normalize('NFC'), formatSigningTime(opts.signedAt)];
  // Text box sizes are estimates (Times averages ~0.5 em per character); the field rect
  // only clips, so a generous estimate is safe.
  const textWidth = Math.max(...lines.map((l) => l.length)) * size * 0.5;
  const leading = size * 1.2;
  const rects = [seal];
  const textHeight = leading + size * 1.3; // two lines, ascenders to descenders
  if (opts.textPosition === 'below') {
    const cx = seal.x + seal.width / 2;
    const y = seal.y - size * 1.1;
    items.push({ type: 'text', lines, x: cx, y, size, align: 'center', color: BLACK, leading });
    rects.push({ x: cx - textWidth / 2, y: y - leading - size * 0.3, width: textWidth, height: textHeight });
  } else if (opts.textPosition !== 'none') {
    // Left of the seal, right-aligned, centred on it vertically: clear of the official's
    // name under the signature image (where "below" tends to collide).
    const x = seal.x - size * 0.5;
    const y = seal.y + seal.height / 2 + leading / 2 - size * 0.25;
    items.push({ type: 'text', lines, x, y, size, align: 'right', color: BLACK, leading });
    rects.push({ x: x - textWidth, y: y - leading - size * 0.3, width: textWidth, height: textHeight });
  }
  return { rect: unionRect(...rects), sealBox: seal, appearance: items };
}

export interface AttachmentAppearanceOptions {
  pageWidth: number;
  pageHeight: number;
  /** Số và ký hiệu of the main document, e.g. "123/QĐ-UBND". */
  documentSymbol: string;
  signedAt: Date;
  /** Distance of the text from the top and right page edges; default 10 mm and 15 mm. */
  topMm?: number;
  rightMm?: number;
}

/** A separate attachment file: text only, top right of page 1, Times 10 black. */
export function attachmentAppearance(opts: AttachmentAppearanceOptions): FieldAppearance {
  const size = 10;
  const leading = 12;
  const right = opts.pageWidth - mm(opts.rightMm ?? 15);
  const top = opts.pageHeight - mm(opts.topMm ?? 10);
  const lines = [opts.documentSymbol.normalize('NFC'), formatSigningTime(opts.signedAt)];
  const width = Math.max(...lines.map((l) => l.length)) * size * 0.55 + 4;
  const rect: Rect = { x: right - width, y: top - leading * lines.length - 2, width, height: leading * lines.length + 2 };
  return {
    rect,
    appearance: [{ type: 'text', lines, x: right, y: top - size, size, align: 'right', color: BLACK, font: 'regular', leading }],
  };
}

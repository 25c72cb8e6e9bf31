/**
 * PNG → PDF image XObject data (colour + soft mask), decoded with Node's native zlib.
 * pdf-lib's embedPng inflates and deflates in pure JS, which costs tens of milliseconds
 * for a 300-dpi seal on every signature; here the work is native and its result is
 * cached per image, so the seal is prepared once per process.
 * Handles 8-bit non-interlaced greyscale, RGB, palette, grey+alpha and RGBA, which is
 * what signature and seal images are; anything else is reported as unsupported.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

export interface PreparedImage {
  width: number;
  height: number;
  colorSpace: 'DeviceRGB' | 'DeviceGray';
  /** Flate-compressed samples, 8 bits per component. */
  color: Uint8Array;
  /** Flate-compressed 8-bit alpha, or null when the image is opaque. */
  alpha: Uint8Array | null;
}

export class PngError extends Error {}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && Buffer.from(bytes.subarray(0, 8)).equals(SIGNATURE);
}

const cache = new Map<string, PreparedImage>();
const CACHE_LIMIT = 16;

export function preparePng(bytes: Uint8Array): PreparedImage {
  const key = createHash('sha256').update(bytes).digest('hex');
  const hit = cache.get(key);
  if (hit) return hit;
  const img = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, img);
  return img;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function decode(buf: Buffer): PreparedImage {
  if (!isPng(buf)) throw new PngError('not a PNG file');
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let interlace = 0;
  let palette: Buffer | null = null;
  let trns: Buffer | null = null;
  const idat: Buffer[] = [];
  for (let p = 8; p + 8 <= buf.length;) {
    const len = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const data = buf.subarray(p + 8, p + 8 + len);
    if (data.length !== len) throw new PngError('truncated PNG');
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      colorType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels || depth !== 8 || interlace !== 0 || width === 0 || height === 0) {
    throw new PngError(
      `unsupported PNG (colour type ${colorType}, ${depth}-bit${interlace ? ', interlaced' : ''}); use an 8-bit non-interlaced PNG`,
    );
  }
  if (colorType === 3 && !palette) throw new PngError('palette PNG without PLTE');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngError('truncated PNG data');
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[dst + x - channels]! : 0;
      const b = y > 0 ? px[dst - stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[dst - stride + x - channels]! : 0;
      const v = raw[src + x]!;
      let out: number;
      switch (filter) {
        case 0:
          out = v;
          break;
        case 1:
          out = v + a;
          break;
        case 2:
          out = v + b;
          break;
        case 3:
          out = v + ((a + b) >> 1);
          break;
        case 4:
          out = v + paeth(a, b, c);
          break;
        default:
          throw new PngError(`bad PNG filter ${filter}`);
      }
      px[dst + x] = out & 0xff;
    }
  }
  const n = width * height;
  const gray = colorType === 0 || colorType === 4;
  const outChannels = gray ? 1 : 3;
  const color = Buffer.alloc(n * outChannels);
  const alpha = Buffer.alloc(n, 255);
  let translucent = false;
  for (let i = 0; i < n; i++) {
    switch (colorType) {
      case 0:
        color[i] = px[i]!;
        if (trns && trns.length >= 2 && px[i] === trns.readUInt16BE(0)) alpha[i] = 0;
        break;
      case 2:
        px.copy(color, i * 3, i * 3, i * 3 + 3);
        if (
          trns &&
          trns.length >= 6 &&
          px[i * 3] === trns.readUInt16BE(0) &&
          px[i * 3 + 1] === trns.readUInt16BE(2) &&
          px[i * 3 + 2] === trns.readUInt16BE(4)
        )
          alpha[i] = 0;
        break;
      case 3: {
        const idx = px[i]!;
        palette!.copy(color, i * 3, idx * 3, idx * 3 + 3);
        if (trns && idx < trns.length) alpha[i] = trns[idx]!;
        break;
      }
      case 4:
        color[i] = px[i * 2]!;
        alpha[i] = px[i * 2 + 1]!;
        break;
      case 6:
        px.copy(color, i * 3, i * 4, i * 4 + 3);
        alpha[i] = px[i * 4 + 3]!;
        break;
    }
    if (alpha[i] !== 255) translucent = true;
  }
  return {
    width,
    height,
    colorSpace: gray ? 'DeviceGray' : 'DeviceRGB',
    color: deflateSync(color),
    alpha: translucent ? deflateSync(alpha) : null,
  };
}

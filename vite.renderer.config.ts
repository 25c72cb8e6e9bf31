/**
 * Builds the renderer (React) into out/renderer: the same files are served by the Electron
 * app:// protocol and by the loopback web host. Everything the page loads comes from its own
 * origin (strict CSP): the pdf.js worker is imported with `?url`, and pdf.js' font, CMap and
 * decoder files are copied next to the bundle.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(ROOT, 'out/renderer');

/** A plain 32×32 PNG (the app's blue with a white bar) for when assets/icon.png is not there yet. */
function fallbackIconPng(): Buffer {
  const size = 32;
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const bar = y >= 13 && y <= 18 && x >= 7 && x <= 24;
      const o = row + 1 + x * 4;
      raw[o] = bar ? 255 : 0x1d;
      raw[o + 1] = bar ? 255 : 0x4f;
      raw[o + 2] = bar ? 255 : 0x91;
      raw[o + 3] = 255;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Copies the icon and pdf.js' data files into the build. */
function staticFiles(): Plugin {
  return {
    name: 'vanthu-static-files',
    apply: 'build',
    writeBundle() {
      mkdirSync(OUT, { recursive: true });
      const icon = path.join(ROOT, 'assets/icon.png');
      if (existsSync(icon)) cpSync(icon, path.join(OUT, 'icon.png'));
      else writeFileSync(path.join(OUT, 'icon.png'), fallbackIconPng());
      const pdfjs = path.join(ROOT, 'node_modules/pdfjs-dist');
      for (const dir of ['standard_fonts', 'cmaps', 'wasm']) {
        const from = path.join(pdfjs, dir);
        if (existsSync(from)) cpSync(from, path.join(OUT, 'pdfjs', dir), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  root: path.join(ROOT, 'src/renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), staticFiles()],
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2022',
    // pdf.js is large by nature and loaded only when a PDF is previewed.
    chunkSizeWarningLimit: 1600,
    sourcemap: false,
  },
  worker: { format: 'es' },
});

#!/usr/bin/env node
/**
 * Regenerates the demo/test signature images in this folder:
 *   chu-ky-mau.png  — a blue handwritten-looking signature (transparent background)
 *   con-dau-mau.png — a red round seal "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI", marked MẪU
 *                     (specimen) so it can never pass for a real seal.
 * Both are drawn as SVG and rasterised by headless Chromium (Debian `chromium`) at
 * 300 dpi with a transparent background. Usage: node assets/signing/make-images.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const DPI = 300;
const px = (mm) => Math.round((mm / 25.4) * DPI);

// A signature 50 mm × 20 mm: a looping capital, a run of joined strokes and an underline flourish.
const SIG_W = px(50);
const SIG_H = px(20);
const signatureSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIG_W}" height="${SIG_H}" viewBox="0 0 500 200">
  <g fill="none" stroke="#1b3fa6" stroke-linecap="round" stroke-linejoin="round">
    <path stroke-width="5" d="M48 150 C 70 95, 95 40, 118 28 C 132 22, 128 60, 118 92 C 108 126, 96 150, 104 152
      C 114 154, 130 118, 142 96 C 150 82, 160 70, 158 96 C 156 116, 150 134, 160 132 C 172 130, 184 96, 196 88
      C 206 82, 204 108, 200 124 C 198 134, 206 136, 214 126 C 228 108, 238 84, 252 80 C 264 76, 258 104, 256 118
      C 254 130, 262 132, 272 122 C 286 106, 296 88, 312 84 C 326 80, 318 112, 322 122 C 326 130, 340 118, 352 104"/>
    <path stroke-width="4" d="M352 104 C 372 80, 392 52, 404 40 C 412 32, 418 40, 410 60 C 398 92, 380 128, 372 146
      C 368 156, 378 152, 390 140"/>
    <path stroke-width="3.5" d="M40 172 C 140 150, 260 146, 360 150 C 410 152, 450 158, 470 166"/>
    <path stroke-width="3" d="M86 66 C 120 58, 150 56, 178 60"/>
  </g>
</svg>`;

// A 36 mm seal: double outer ring, name on the upper and lower arcs, star and "MẪU" in the middle.
const SEAL = px(36);
const sealSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SEAL}" height="${SEAL}" viewBox="0 0 360 360">
  <defs>
    <path id="top" d="M 56 180 A 124 124 0 0 1 304 180"/>
    <path id="bottom" d="M 30 180 A 150 150 0 0 0 330 180"/>
  </defs>
  <g fill="none" stroke="#d4111e" opacity="0.92">
    <circle cx="180" cy="180" r="172" stroke-width="7"/>
    <circle cx="180" cy="180" r="160" stroke-width="2.5"/>
    <circle cx="180" cy="180" r="96" stroke-width="2.5"/>
  </g>
  <g fill="#d4111e" opacity="0.92" font-family="Liberation Serif" font-weight="bold">
    <text font-size="34" letter-spacing="1"><textPath href="#top" startOffset="50%" text-anchor="middle">ỦY BAN NHÂN DÂN</textPath></text>
    <text font-size="32" letter-spacing="1"><textPath href="#bottom" startOffset="50%" text-anchor="middle">TỈNH QUẢNG NGÃI</textPath></text>
    <polygon points="180,104 197.6,157.6 254,157.6 208.2,190.4 225.6,244 180,211 134.4,244 151.8,190.4 106,157.6 162.4,157.6"/>
    <text x="180" y="270" font-size="22" text-anchor="middle">MẪU</text>
    <circle cx="40" cy="180" r="5"/><circle cx="320" cy="180" r="5"/>
  </g>
</svg>`;

const work = mkdtempSync(path.join(tmpdir(), 'vanthu-sigimg-'));
try {
  for (const [name, svg, w, h] of [
    ['chu-ky-mau', signatureSvg, SIG_W, SIG_H],
    ['con-dau-mau', sealSvg, SEAL, SEAL],
  ]) {
    const svgFile = path.join(work, `${name}.svg`);
    const pngFile = path.join(work, `${name}.png`);
    writeFileSync(svgFile, svg);
    execFileSync(chromium, [
      '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--screenshot=${pngFile}`, `--window-size=${w},${h}`, '--default-background-color=00000000',
      `file://${svgFile}`,
    ], { stdio: 'ignore', timeout: 60_000 });
    copyFileSync(pngFile, path.join(here, `${name}.png`));
    console.log(`${name}.png ${w}×${h} px`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

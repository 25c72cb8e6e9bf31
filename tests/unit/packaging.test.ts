/**
 * The installer's configuration, read and validated by electron-builder itself (its own
 * loader and JSON schema), then checked for what keeps the packaged app closed: the fuses,
 * nothing but native code outside app.asar, a per-machine install, no signing secret in the
 * repository, and the newest Electron 45 at the time of writing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installElectronNatives, RUNTIME_PACKAGES, runtimeClosure } from '../../scripts/lib/electron.mjs';
import { tempDir } from './helpers.js';
// electron-builder's own configuration loader and validator (app-builder-lib has no export map).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function builderConfig() {
  const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('burns the fuses that keep the app from becoming a general Node.js runtime', async () => {
    const { electronFuses } = await builderConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps only native modules outside app.asar', async () => {
    const config = await builderConfig();
    expect(config.asar).not.toBe(false);
    const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
    expect(unpack).toContain('**/*.node');
    for (const pattern of unpack) {
      expect(pattern, `${pattern} is not a native module`).toMatch(
        /^\*\*\/(\*\.node|node_modules\/(better-sqlite3|bindings|file-uri-to-path|pkcs11js)\/\*\*)$/,
      );
    }
  });

  it('offers a per-machine install (NSIS install-mode page) and never holds a signing secret', async () => {
    const config = await builderConfig();
    // oneClick off + perMachine off = the installer asks "only me" or "all users".
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    const text = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/certificate(File|Password)|cscLink|cscKeyPassword|CSC_KEY_PASSWORD\s*[:=]\s*\S/i);
    const win = config.win as { signtoolOptions?: Record<string, unknown> } | undefined;
    expect(win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
    for (const key of ['certificateFile', 'certificatePassword', 'certificateSubjectName', 'certificateSha1']) {
      expect(win?.signtoolOptions?.[key]).toBeUndefined();
    }
  });

  it('builds with Electron 45.6.0 or later in the 45 line', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const m = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(pkg.devDependencies.electron ?? '');
    expect(m, pkg.devDependencies.electron).not.toBeNull();
    const [major, minor] = [Number(m![1]), Number(m![2])];
    expect(major).toBe(45);
    expect(minor).toBeGreaterThanOrEqual(6);
  });
});

/**
 * What the Electron bundles load from out/main/node_modules at run time besides the native
 * modules: capture's OCR (tesseract.js, its worker script and WebAssembly core, the `vie`
 * model), the canvas addon and pdf.js with its worker module. Installed into an out/main with
 * no node_modules above it (as inside the packaged app), then used from there by a separate
 * Node process exactly as capture uses them — a package or a dependency left out fails here.
 */
describe('the run-time packages beside the Electron bundles', () => {
  it('are every package electron.vite.config.ts leaves out of the bundles, with their dependencies', () => {
    const config = readFileSync(path.join(ROOT, 'electron.vite.config.ts'), 'utf8');
    expect(config).toMatch(/external: \[\.\.\.NATIVE_MODULES, \.\.\.RUNTIME_PACKAGES\]/);
    expect(RUNTIME_PACKAGES).toEqual(expect.arrayContaining(['tesseract.js', '@tesseract.js-data/vie', '@napi-rs/canvas', 'pdfjs-dist']));
    const closure = runtimeClosure(ROOT);
    // tesseract.js's WebAssembly core and the canvas binary of this platform come along.
    expect(closure).toContain('tesseract.js-core');
    expect(closure.filter((p) => p.startsWith(`@napi-rs${path.sep}canvas-${process.platform}-${process.arch}`))).toHaveLength(1);
    // Every package the capture code imports or reads files from is shipped (or bundled: pdf-lib, utif).
    const sources = ['engine.ts', 'searchablePdf.ts', 'stamp.ts', 'captureWorker.ts'].map((f) =>
      readFileSync(path.join(ROOT, 'src/main/capture', f), 'utf8'),
    );
    const loaded = new Set<string>();
    for (const text of sources) for (const m of text.matchAll(/(?:import\(|packageDir\()'((?:@[^/']+\/)?[^/']+)/g)) loaded.add(m[1]!);
    expect([...loaded]).toEqual(expect.arrayContaining(['tesseract.js', '@tesseract.js-data/vie', '@napi-rs/canvas', 'pdfjs-dist']));
    for (const name of loaded)
      if (!['pdf-lib', 'utif'].includes(name) && !/^(node:|\.)/.test(name)) expect(RUNTIME_PACKAGES).toContain(name);
  });

  it('load and work from an out/main of their own: OCR of a word, a PDF read and drawn', { timeout: 120_000 }, async () => {
    const root = tempDir();
    const mainDir = path.join(root, 'out', 'main');
    mkdirSync(mainDir, { recursive: true });
    const script = path.join(mainDir, 'check.mjs');
    // Nothing resolves before the install: the check cannot pass by finding the project's node_modules.
    expect(() => createRequire(script).resolve('tesseract.js')).toThrow();
    const nativeDir = tempDir();
    installElectronNatives({ nativeDir, mainDir, root: ROOT });
    for (const name of RUNTIME_PACKAGES) expect(existsSync(path.join(mainDir, 'node_modules', name, 'package.json')), name).toBe(true);

    // A one-page PDF with a line of text, drawn by pdf-lib here.
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const page = doc.addPage([400, 200]);
    page.drawText('CONG VAN 2026', { x: 40, y: 100, size: 36, font: await doc.embedFont(StandardFonts.HelveticaBold) });
    writeFileSync(path.join(root, 'one.pdf'), await doc.save());
    writeFileSync(
      script,
      `import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const dir = (name) => path.dirname(require.resolve(name + '/package.json'));
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdf = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), isEvalSupported: false,
  standardFontDataUrl: path.join(dir('pdfjs-dist'), 'standard_fonts') + path.sep, verbosity: 0 }).promise;
const p = await pdf.getPage(1);
const text = (await p.getTextContent()).items.map((i) => i.str).join(' ');
const { createCanvas } = await import('@napi-rs/canvas');
const vp = p.getViewport({ scale: 1 });
const canvas = createCanvas(vp.width, vp.height);
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, vp.width, vp.height);
await p.render({ canvas, canvasContext: ctx, viewport: vp }).promise;
const png = await canvas.encode('png');
const { createWorker, OEM } = await import('tesseract.js');
const worker = await createWorker('vie', OEM.LSTM_ONLY, { langPath: path.join(dir('@tesseract.js-data/vie'), '4.0.0_best_int'),
  gzip: true, cacheMethod: 'none' });
const ocr = await worker.recognize(png);
await worker.terminate();
process.stdout.write(JSON.stringify({ text, ocr: ocr.data.text, from: require.resolve('tesseract.js') }));
`,
    );
    const run = () =>
      JSON.parse(
        execFileSync(process.execPath, [script, path.join(root, 'one.pdf')], {
          cwd: mainDir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH },
        }),
      ) as { text: string; ocr: string; from: string };
    const r = run();
    expect(r.text).toBe('CONG VAN 2026');
    expect(r.ocr).toMatch(/CONG VAN 2026/);
    expect(r.from.startsWith(path.join(mainDir, 'node_modules'))).toBe(true);
    // Leave one dependency out (tesseract.js's WebAssembly core) and the same check fails.
    rmSync(path.join(mainDir, 'node_modules', 'tesseract.js-core'), { recursive: true });
    expect(run).toThrow();
  });
});

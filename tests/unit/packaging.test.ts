/**
 * The installer's configuration, read and validated by electron-builder itself (its own
 * loader and JSON schema), then checked for what keeps the packaged app closed: the fuses,
 * nothing but native code outside app.asar, a per-machine install, no signing secret in the
 * repository, and the newest Electron 45 at the time of writing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { installElectronNatives, RUNTIME_PACKAGES, runtimeClosure } from '../../scripts/lib/electron.mjs';
import { canvasModule, runtimeResolver, tesseractWorkerPath, unpackedPath } from '../../src/main/capture/runtimePaths.js';
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

  it('keeps outside app.asar only native modules and capture’s run-time packages, every one of them', async () => {
    const config = await builderConfig();
    expect(config.asar).not.toBe(false);
    const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
    expect(unpack).toContain('**/*.node');
    const closure = runtimeClosure(ROOT).map((rel) => rel.split(path.sep).join('/'));
    const matches = (pattern: string, rel: string) => minimatch(`out/main/node_modules/${rel}/package.json`, pattern, { dot: true });
    for (const pattern of unpack) {
      if (/^\*\*\/(\*\.node|node_modules\/(better-sqlite3|bindings|file-uri-to-path|pkcs11js)\/\*\*)$/.test(pattern)) continue;
      // Anything else unpacked is a run-time package of capture (or the canvas binary of another platform).
      expect(pattern, `${pattern} is neither native nor capture's`).toMatch(/^\*\*\/node_modules\/(@[^/]+\/)?[^/*]+(-\*)?\/\*\*$/);
      const hit = closure.some((rel) => matches(pattern, rel)) || pattern === '**/node_modules/@napi-rs/canvas-*/**';
      expect(hit, `${pattern} unpacks no run-time package`).toBe(true);
    }
    // Every run-time package and dependency capture loads by its unpacked path is unpacked (a new dependency fails here).
    for (const rel of closure)
      expect(
        unpack.some((p) => matches(p, rel)),
        `${rel} stays inside app.asar`,
      ).toBe(true);
    // Other platforms' canvas binaries too (the pattern is not this machine's name).
    expect(unpack.some((p) => matches(p, '@napi-rs/canvas-win32-x64-msvc'))).toBe(true);
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
    const sources = ['engine.ts', 'searchablePdf.ts', 'stamp.ts', 'captureWorker.ts', 'runtimePaths.ts'].map((f) =>
      readFileSync(path.join(ROOT, 'src/main/capture', f), 'utf8'),
    );
    const loaded = new Set<string>();
    for (const text of sources)
      for (const m of text.matchAll(/(?:import\(|packageDir\(|\.(?:require|import|dir)(?:<[^>]*>)?\()'((?:@[^/']+\/)?[^/']+)/g))
        loaded.add(m[1]!);
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

/**
 * The packaged app's layout: resources/app.asar (the bundles and everything not unpacked) beside
 * resources/app.asar.unpacked (what electron-builder.yml's asarUnpack lists). Electron cannot run
 * here, so the archive is stood for by a folder of that name holding the same packages. What a
 * worker thread, plain fs or the operating system's loader cannot take from inside a real archive
 * (tesseract.js's worker script, its WebAssembly core, the `vie` model, the canvas addon, pdf.js)
 * is poisoned there: capture's resolver must answer with the unpacked copies, and OCR and pdf.js
 * through them must work. (Electron cannot run on this machine: the archive itself is not tested.)
 */
describe('capture’s run-time paths in the packaged layout', () => {
  it('turns a path inside app.asar into the same path in app.asar.unpacked, and leaves others alone', () => {
    expect(unpackedPath('/opt/VănThư/resources/app.asar/out/main/node_modules/tesseract.js/package.json')).toBe(
      '/opt/VănThư/resources/app.asar.unpacked/out/main/node_modules/tesseract.js/package.json',
    );
    expect(unpackedPath('C:\\Program Files\\VanThu\\resources\\app.asar\\out\\main\\node_modules\\x')).toBe(
      'C:\\Program Files\\VanThu\\resources\\app.asar.unpacked\\out\\main\\node_modules\\x',
    );
    for (const p of ['/w/resources/app.asar.unpacked/out/x.js', '/w/myapp.asar/x.js', '/w/app.asarx/y', '/work/main/node_modules/x'])
      expect(unpackedPath(p)).toBe(p);
  });

  it('loads the OCR worker, its core, the model and the canvas addon from app.asar.unpacked', { timeout: 120_000 }, async () => {
    const resources = tempDir();
    const asarMain = path.join(resources, 'app.asar', 'out', 'main');
    const unpackedMain = path.join(resources, 'app.asar.unpacked', 'out', 'main');
    for (const dir of [asarMain, unpackedMain]) {
      mkdirSync(dir, { recursive: true });
      installElectronNatives({ nativeDir: tempDir(), mainDir: dir, root: ROOT });
    }
    // A real archive lists its unpacked files (Node's resolution finds them there) but they cannot be
    // started, loaded or read from it by plain fs: the stand-in's copies are poisoned, package.json kept.
    const inAsar = path.join(asarMain, 'node_modules');
    const poison = (dir: string) => {
      for (const f of readdirSync(dir, { recursive: true }) as string[]) {
        const file = path.join(dir, f);
        if (!statSync(file).isFile() || f.endsWith('package.json')) continue;
        writeFileSync(
          file,
          /\.(c?js|mjs)$/.test(file) ? "throw new Error('loaded from inside app.asar');\n" : 'not readable from app.asar',
        );
      }
    };
    for (const rel of runtimeClosure(ROOT)) poison(path.join(inAsar, rel));

    // As the capture worker bundle in the archive resolves them.
    const r = runtimeResolver(path.join(asarMain, 'captureWorker.js'));
    for (const name of ['tesseract.js', '@tesseract.js-data/vie', '@napi-rs/canvas', 'pdfjs-dist'])
      expect(r.dir(name).startsWith(path.join(unpackedMain, 'node_modules')), name).toBe(true);
    expect(tesseractWorkerPath(r).startsWith(unpackedMain)).toBe(true);
    expect(existsSync(tesseractWorkerPath(r))).toBe(true);

    const { createCanvas } = canvasModule(r);
    const canvas = createCanvas(400, 120);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 400, 120);
    ctx.fillStyle = '#000';
    ctx.font = 'bold 40px sans-serif';
    ctx.fillText('CONG VAN 2026', 20, 75);
    const { createWorker, OEM } = r.require<typeof import('tesseract.js')>('tesseract.js');
    const worker = await createWorker('vie', OEM.LSTM_ONLY, {
      workerPath: tesseractWorkerPath(r),
      langPath: path.join(r.dir('@tesseract.js-data/vie'), '4.0.0_best_int'),
      gzip: true,
      cacheMethod: 'none',
    });
    try {
      const ocr = await worker.recognize(await canvas.encode('png'));
      expect(ocr.data.text).toMatch(/CONG VAN 2026/);
    } finally {
      await worker.terminate();
    }
    // pdf.js from the unpacked folder reads a PDF's text.
    const pdfjs = await r.import<typeof import('pdfjs-dist/legacy/build/pdf.mjs')>('pdfjs-dist/legacy/build/pdf.mjs');
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage([300, 100]).drawText('CONG VAN', { x: 20, y: 40, size: 24, font: await doc.embedFont(StandardFonts.Helvetica) });
    const pdf = await pdfjs.getDocument({ data: await doc.save(), isEvalSupported: false, verbosity: 0 }).promise;
    const items = (await (await pdf.getPage(1)).getTextContent()).items as { str?: string }[];
    expect(items.map((i) => i.str ?? '').join('')).toBe('CONG VAN');
    await pdf.destroy();
  });
});

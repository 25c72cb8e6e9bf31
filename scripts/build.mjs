#!/usr/bin/env node
// Builds the Node side of VănThư (the `vanthu` CLI and the loopback web host) from src/ into
// out/node/ with esbuild: ES modules, one file per entry plus shared chunks, npm packages left
// as imports. Code behind a dynamic `import()` lands in its own chunk, so a command loads only
// what it uses (`vanthu --help` loads no database, `search` no PDF or signing library).
//
//   node scripts/build.mjs              build now
//   node scripts/build.mjs --if-stale   build only when a source file changed since the last build
//
// Runs at `npm install` / `npm ci` (the `prepare` script), before `npm test`, from `npm run cli`
// and `npm run web`, and on first use from bin/vanthu.js. The Electron app is built separately
// by electron-vite (out/main, out/preload, out/renderer).
//
// Processes that are running while a rebuild happens keep working: entry files are replaced
// atomically (temp + rename) and chunks are content-hashed, so an old process still finds the
// chunks it imports lazily; chunks no build has referenced for a day are removed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILES, HASHES_FILE, staleReason as staleReasonOf } from './lib/stale.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(ROOT, 'out', 'node');
const INFO = path.join(OUT, 'build-info.json');
const LOCK = path.join(ROOT, 'out', '.node-build.lock');

/** The programs built for Node. Add an entry here for a new process (e.g. a worker thread). */
export const ENTRIES = {
  cli: 'src/main/cli/index.ts',
  web: 'src/main/web/index.ts',
  // The process a token's PKCS#11 library is loaded in (signing/tokenClient.ts starts it).
  tokenSigner: 'src/main/signing/tokenProcess.ts',
  // An import's reading thread (src/main/incoming/import/pipeline.ts looks for it beside the chunk).
  parseWorker: 'src/main/incoming/import/parseWorker.ts',
  // The capture thread: text of attachments and OCR (src/main/capture/client.ts looks for it beside the chunk).
  captureWorker: 'src/main/capture/captureWorker.ts',
  // The app's database worker as Node runs it (the desktop app runs electron-vite's build of the
  // same file, out/main/dbWorker.js); tests/unit/app/dbWorker.test.ts drives this one.
  dbWorker: 'src/main/app/dbWorker.ts',
};

const DAY_MS = 24 * 60 * 60 * 1000;

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Why out/node must be rebuilt, or null when it is fresh (scripts/lib/stale.mjs). */
export function staleReason(root = ROOT) {
  return staleReasonOf(root);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the build lock; parallel test workers or CLI calls may all find the build stale at once. */
async function lock() {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    let held = false;
    try {
      mkdirSync(LOCK);
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      held = true;
    }
    if (!held) return () => rmSync(LOCK, { recursive: true, force: true });
    // A lock older than any build is one a killed builder left behind.
    if (Date.now() - (mtime(LOCK) ?? Date.now()) > 120_000) rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`another build holds ${LOCK}`);
    await sleep(100);
  }
}

function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Builds out/node now (or, with ifStale, only when stale). Returns the build's summary. */
export async function build({ quiet = false, ifStale = false } = {}) {
  if (ifStale && !staleReason()) return { built: false };
  const unlock = await lock();
  try {
    // Another process may have built while this one waited for the lock.
    if (ifStale && !staleReason()) return { built: false };
    return await buildLocked(quiet);
  } finally {
    unlock();
  }
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const relOf = (file) => path.relative(ROOT, file).split(path.sep).join('/');
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

/**
 * Hands esbuild our sources itself, keeping the SHA-256 of the very bytes compiled: a source
 * whose time changed but whose content did not (a checkout, a rebase) is then not a reason to
 * rebuild (lib/stale.mjs; the hashes are kept in out/node/build-hashes.json). Hashing the files after the build instead could record an edit made
 * during it as built.
 */
function recordSources(hashes) {
  return {
    name: 'vanthu-record-sources',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.namespace !== 'file' || args.path.split(path.sep).includes('node_modules')) return undefined;
        const contents = await readFile(args.path);
        hashes[relOf(args.path)] = sha256(contents);
        return { contents, loader: LOADERS[path.extname(args.path)] ?? 'js' };
      });
    },
  };
}

async function buildLocked(quiet) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  // Taken before the sources are read: a file edited during the build counts as newer.
  const builtAt = Date.now();
  const hashes = {};
  for (const rel of CONFIG_FILES) {
    try {
      hashes[rel] = sha256(readFileSync(path.join(ROOT, rel)));
    } catch {
      // Not there: the check then finds it removed or newer, and rebuilds.
    }
  }
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // npm packages (native SQLite and PKCS#11 among them) are loaded from node_modules at run time.
    packages: 'external',
    outdir: OUT,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [recordSources(hashes)],
  });
  mkdirSync(path.join(OUT, 'chunks'), { recursive: true });
  const outputs = [];
  for (const f of result.outputFiles) {
    const rel = path.relative(OUT, f.path).split(path.sep).join('/');
    outputs.push(rel);
    // A chunk's name carries its content hash: an existing one is already right.
    if (rel.startsWith('chunks/') && existsSync(f.path)) continue;
    writeAtomic(f.path, f.contents);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  const files = Object.fromEntries([...CONFIG_FILES, ...inputs].filter((f) => hashes[f]).map((f) => [f, hashes[f]]));
  // Before build-info.json, whose builtAt they carry: a check reads them only with that build.
  writeAtomic(path.join(OUT, HASHES_FILE), JSON.stringify({ builtAt, files }, null, 1) + '\n');
  writeAtomic(INFO, JSON.stringify({ builtAt, entries: ENTRIES, inputs, outputs }, null, 1) + '\n');
  pruneChunks(new Set(outputs));
  const ms = Date.now() - started;
  if (!quiet) process.stderr.write(`vanthu: built out/node (${inputs.length} sources, ${ms} ms)\n`);
  return { built: true, ms, inputs: inputs.length };
}

/** Removes chunks the current build does not use once no process can still need them. */
function pruneChunks(current) {
  const dir = path.join(OUT, 'chunks');
  for (const name of readdirSync(dir)) {
    const rel = `chunks/${name}`;
    if (current.has(rel)) continue;
    const m = mtime(path.join(dir, name));
    if (m !== null && Date.now() - m > DAY_MS) rmSync(path.join(dir, name), { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  build({ ifStale: args.includes('--if-stale'), quiet: args.includes('--quiet') }).catch((e) => {
    process.stderr.write(`vanthu: build failed: ${e?.message ?? e}\n`);
    process.exit(1);
  });
}

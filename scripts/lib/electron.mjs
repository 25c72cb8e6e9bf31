// The desktop app's build for `npm start` and `npm run dist`: Electron's binary (fetched by
// Electron's own installer when missing), the Electron bundles (electron-vite, only when a
// source changed) and the native modules built for Electron's ABI.
//
// Native modules: `npm install` builds better-sqlite3 and pkcs11js for Node, which the CLI, the
// web host and the tests use. Electron needs them built against its own headers. Instead of
// rebuilding node_modules for Electron and back again on every start (which breaks the CLI and
// the tests while the app runs, and recompiles SQLite each time), a copy of those packages is
// built for Electron ONCE per Electron version in out/electron-native/<version>-<platform>-<arch>/
// and copied into out/main/node_modules/ after each bundle build. Node's resolution finds
// out/main/node_modules/better-sqlite3 first from out/main/*.js (the app and its database
// worker), while out/node/*.js and the tests keep resolving node_modules/better-sqlite3.
// The packaged app ships exactly that folder (electron-builder.yml: out/main/**, npmRebuild off).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { staleBecause } from './fresh.mjs';

/** Native packages of the app, and the pure-JS packages they load at run time. */
export const NATIVE_MODULES = ['better-sqlite3', 'pkcs11js'];
const RUNTIME_HELPERS = ['bindings', 'file-uri-to-path'];
/**
 * Packages the Electron bundles leave out (electron.vite.config.ts marks them external) and load
 * from out/main/node_modules at run time, copied there as they are (no rebuild: nothing in them
 * is built for a Node ABI): capture's OCR — tesseract.js starts its own worker script and
 * WebAssembly core (tesseract.js-core) from its package folder and reads the `vie` model from
 * @tesseract.js-data/vie with fs; @napi-rs/canvas is a prebuilt N-API addon (one binary package
 * per platform, an optional dependency); pdf.js imports its worker module (pdf.worker.mjs) by a
 * path relative to itself and reads its standard fonts, CMaps and WebAssembly decoders from its
 * folder, which a bundle would break. Their own dependencies are copied with them (runtimeClosure).
 */
export const RUNTIME_PACKAGES = ['tesseract.js', '@tesseract.js-data/vie', '@napi-rs/canvas', 'pdfjs-dist'];

/** The Electron executable installed in `electronDir` (node_modules/electron), or null. */
export function electronBinary(electronDir, env = process.env) {
  let rel;
  try {
    rel = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const bin = path.join(dist, rel);
  return rel && existsSync(bin) ? bin : null;
}

export function electronVersion(electronDir) {
  return JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
}

/** Bytes in @electron/get's download folders created since `since` (its temp dirs in os.tmpdir()). */
function downloadedBytes(since) {
  let total = 0;
  const walk = (p) => {
    for (const name of readdirSync(p)) {
      const f = path.join(p, name);
      const st = statSync(f, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(f);
      else total += st.size;
    }
  };
  try {
    for (const name of readdirSync(os.tmpdir())) {
      if (!name.startsWith('electron-download-')) continue;
      const dir = path.join(os.tmpdir(), name);
      const st = statSync(dir, { throwIfNoEntry: false });
      if (st && st.mtimeMs >= since - 1000) walk(dir);
    }
  } catch {
    // The progress line is a courtesy: no figure is better than a crash.
  }
  return total;
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js, which @electron/get backs
 * with its cache and checksums) with a progress line. Resolves { ok: true, binary } or
 * { ok: false, reason } — offline, behind a proxy that refuses, out of time.
 */
export function fetchElectron({
  electronDir,
  log = (m) => process.stderr.write(m + '\n'),
  timeoutMs = 10 * 60_000,
  tty = process.stderr.isTTY,
}) {
  const version = electronVersion(electronDir);
  log(`VănThư: Electron ${version} is not installed yet; fetching it with Electron's installer (first start only, ~100 MB)…`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      // Our own progress line replaces @electron/get's bar (which appears only after 30 s).
      env: { ...process.env, ELECTRON_GET_NO_PROGRESS: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    let lastLine = 0;
    const tick = setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      const mb = (downloadedBytes(started) / 1e6).toFixed(1);
      if (tty) process.stderr.write(`\r  downloading Electron ${version}: ${mb} MB, ${s} s `);
      else if (s - lastLine >= 10) {
        lastLine = s;
        log(`  downloading Electron ${version}: ${mb} MB, ${s} s`);
      }
    }, 500);
    const timer = setTimeout(() => {
      stderr += `\nno answer after ${Math.round(timeoutMs / 1000)} s`;
      child.kill();
    }, timeoutMs);
    const done = (result) => {
      clearInterval(tick);
      clearTimeout(timer);
      if (tty) process.stderr.write('\n');
      resolve(result);
    };
    child.on('error', (e) => done({ ok: false, reason: e.message }));
    child.on('exit', (code) => {
      const binary = electronBinary(electronDir);
      if (code === 0 && binary) return done({ ok: true, binary });
      done({ ok: false, reason: installerReason(stderr) || `the installer exited with ${code}` });
    });
  });
}

/** The one line of an installer's error worth showing ("fetch failed", "getaddrinfo ENOTFOUND …"). */
export function installerReason(stderr) {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const cause = lines.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|certificate|proxy|HTTPError|status code/i.test(l));
  const first = lines.find((l) => !l.startsWith('at '));
  return cause ?? first ?? '';
}

/** Version stamp of a native-module build: Electron's version and each package's version. */
function nativeStamp(root, version, platform, arch) {
  const modules = {};
  for (const m of NATIVE_MODULES) modules[m] = JSON.parse(readFileSync(path.join(root, 'node_modules', m, 'package.json'), 'utf8')).version;
  return { electron: version, platform, arch, modules };
}

/**
 * The environment for building against Electron's headers. ~/.npmrc on build machines may point
 * node-gyp at Node's own headers (npm_config_nodedir, which npm passes on to scripts); building
 * against them "succeeds" and yields a module Electron cannot load.
 */
export function electronRebuildEnv(env) {
  const out = { ...env };
  for (const k of Object.keys(out)) if (/^npm_config_(nodedir|target|runtime|disturl|build_from_source)$/i.test(k)) delete out[k];
  return out;
}

/** Runs @electron/rebuild (a dependency of electron-builder) on a folder. */
function rebuildWithElectronRebuild({ root, dir, version, arch, log }) {
  const cli = path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const env = electronRebuildEnv(process.env);
  log(`VănThư: building SQLite and PKCS#11 for Electron ${version} (once per Electron version)…`);
  const r = spawnSync(
    process.execPath,
    [cli, '--version', version, '--arch', arch, '--module-dir', dir, '--only', NATIVE_MODULES.join(','), '--force'],
    {
      cwd: dir,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return r.status === 0 ? { ok: true } : { ok: false, reason: `@electron/rebuild exited with ${r.status ?? r.signal}` };
}

/**
 * The native modules built for this Electron, in out/electron-native/<key>/node_modules: built
 * once (copies of the installed packages, rebuilt there), reused while the stamp matches.
 * node_modules itself is never touched. `rebuild` is replaceable for tests.
 */
export function ensureElectronNatives({
  root,
  version,
  platform = process.platform,
  arch = process.arch,
  log = (m) => process.stderr.write(m + '\n'),
  rebuild = rebuildWithElectronRebuild,
}) {
  const dir = path.join(root, 'out', 'electron-native', `${version}-${platform}-${arch}`);
  const stampFile = path.join(dir, 'stamp.json');
  const want = nativeStamp(root, version, platform, arch);
  try {
    if (JSON.stringify(JSON.parse(readFileSync(stampFile, 'utf8'))) === JSON.stringify(want)) return { ok: true, dir, built: false };
  } catch {
    // No (or an unreadable) stamp: build below.
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(tmp, 'node_modules'), { recursive: true });
  for (const m of [...NATIVE_MODULES, ...RUNTIME_HELPERS]) {
    // The Node build products stay behind: the copy is compiled afresh for Electron.
    cpSync(path.join(root, 'node_modules', m), path.join(tmp, 'node_modules', m), {
      recursive: true,
      filter: (src) => path.relative(path.join(root, 'node_modules', m), src).split(path.sep)[0] !== 'build',
    });
  }
  writeFileSync(
    path.join(tmp, 'package.json'),
    JSON.stringify({ name: 'vanthu-electron-native', private: true, dependencies: want.modules }, null, 2) + '\n',
  );
  const r = rebuild({ root, dir: tmp, version, arch, log });
  if (!r.ok) {
    rmSync(tmp, { recursive: true, force: true });
    return { ok: false, reason: r.reason };
  }
  writeFileSync(path.join(tmp, 'stamp.json'), JSON.stringify(want) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { ok: true, dir, built: true };
}

/** Files of each package the app loads at run time (as electron-builder.yml shipped them before). */
const SHIP = {
  'better-sqlite3': ['package.json', 'lib', 'build/Release/better_sqlite3.node'],
  pkcs11js: ['package.json', 'index.js', 'build/Release/pkcs11.node'],
};

/** The parts of a run-time package the app loads, where not the whole folder. */
const SHIP_RUNTIME = {
  'pdfjs-dist': ['package.json', 'legacy/build', 'standard_fonts', 'cmaps', 'wasm', 'LICENSE'],
  // The model capture reads (engine.ts), not the package's second one.
  '@tesseract.js-data/vie': ['package.json', 'index.js', '4.0.0_best_int'],
};

/**
 * The run-time packages and everything they require, as folders relative to root/node_modules
 * ("tesseract.js", "@napi-rs/canvas-linux-x64-gnu"), found the way Node finds them (the
 * nearest node_modules up from the requiring package). A dependency nested inside a package's
 * own node_modules travels with that package's folder. Optional dependencies not installed (the
 * canvas binaries of other platforms) are skipped; a missing required one is an error.
 */
export function runtimeClosure(root, names = RUNTIME_PACKAGES) {
  const top = path.join(root, 'node_modules');
  const found = new Set();
  const locate = (name, fromDir) => {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (dir === root || path.dirname(dir) === dir) return null;
    }
  };
  const visit = (pkgDir) => {
    const rel = path.relative(top, pkgDir);
    if (found.has(rel)) return;
    found.add(rel);
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    const optional = new Set(Object.keys(pkg.optionalDependencies ?? {}));
    for (const dep of new Set([...Object.keys(pkg.dependencies ?? {}), ...optional])) {
      const dir = locate(dep, pkgDir);
      if (!dir) {
        if (optional.has(dep)) continue;
        throw new Error(`${dep} (required by ${pkg.name}) is not installed`);
      }
      visit(dir);
    }
  };
  for (const name of names) {
    const dir = path.join(top, name);
    if (!existsSync(path.join(dir, 'package.json'))) throw new Error(`${name} is not installed (npm install)`);
    visit(dir);
  }
  // Folders inside another copied folder (a nested node_modules) come with it.
  return [...found].filter((rel) => !rel.includes(`${path.sep}node_modules${path.sep}`)).sort();
}

/** Versions of the run-time packages copied (a change re-copies them). */
export function runtimeStamp(root) {
  return Object.fromEntries(
    runtimeClosure(root).map((rel) => [
      rel,
      JSON.parse(readFileSync(path.join(root, 'node_modules', rel, 'package.json'), 'utf8')).version,
    ]),
  );
}

/**
 * Copies the Electron-ABI modules next to the Electron bundles (out/main/node_modules), and with
 * `root` the run-time packages from its node_modules (RUNTIME_PACKAGES and their dependencies).
 */
export function installElectronNatives({ nativeDir, mainDir, root }) {
  const target = path.join(mainDir, 'node_modules');
  rmSync(target, { recursive: true, force: true });
  for (const m of [...NATIVE_MODULES, ...RUNTIME_HELPERS]) {
    const from = path.join(nativeDir, 'node_modules', m);
    const files = SHIP[m] ?? [''];
    for (const f of files) {
      if (!existsSync(path.join(from, f))) continue;
      cpSync(path.join(from, f), path.join(target, m, f), { recursive: true });
    }
  }
  if (root) {
    for (const rel of runtimeClosure(root)) {
      const from = path.join(root, 'node_modules', rel);
      const name = rel.split(path.sep).join('/');
      for (const f of SHIP_RUNTIME[name] ?? ['']) {
        if (!existsSync(path.join(from, f))) continue;
        cpSync(path.join(from, f), path.join(target, rel, f), {
          recursive: true,
          dereference: true,
          // Source maps are never loaded (electron-builder.yml leaves them out too).
          filter: (src) => !src.endsWith('.map'),
        });
      }
    }
  }
  return target;
}

/** What the Electron bundles (out/main, out/preload, out/renderer) are made from. */
export function electronBuildStale(root) {
  const inputs = ['src', 'electron.vite.config.ts', 'vite.renderer.config.ts', 'package.json', 'package-lock.json'].map((p) =>
    path.join(root, p),
  );
  for (const out of ['out/main/index.js', 'out/main/dbWorker.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    const why = staleBecause(path.join(root, out), inputs, root);
    if (why) return why;
  }
  return null;
}

/** electron-vite build when a source is newer than the bundles; then the natives beside them. */
export function prepareElectronApp({ root, version, log = (m) => process.stderr.write(m + '\n') }) {
  const natives = ensureElectronNatives({ root, version, log });
  if (!natives.ok) return natives;
  const why = electronBuildStale(root);
  if (why) {
    log(`VănThư: building the desktop app (${why})…`);
    const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) return { ok: false, reason: `electron-vite build exited with ${r.status ?? r.signal}` };
  }
  const mainDir = path.join(root, 'out', 'main');
  // Copy only when the bundle folder was rebuilt (electron-vite empties it) or holds another
  // Electron's modules. The marker stays outside out/main, which is what gets packaged.
  const marker = path.join(root, 'out', 'electron-native', 'installed-in-out-main.txt');
  const present = existsSync(path.join(mainDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  const want = JSON.stringify({ natives: natives.dir, runtime: runtimeStamp(root) });
  if (!present || !existsSync(marker) || readFileSync(marker, 'utf8') !== want) {
    installElectronNatives({ nativeDir: natives.dir, mainDir, root });
    writeFileSync(marker, want);
  }
  return { ok: true, nativeDir: natives.dir };
}

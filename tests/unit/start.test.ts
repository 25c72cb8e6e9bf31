/**
 * `npm start` on any machine (scripts/start.mjs): the choice between the desktop app and browser
 * mode, Electron's installer tried when the binary is missing, the Electron-ABI native modules
 * kept apart from node_modules, and — end to end, as here where Electron cannot be downloaded —
 * browser mode actually serving the page, stopping cleanly on Ctrl-C, and a second start that
 * compiles nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openerFor } from '../../scripts/lib/browser.mjs';
import {
  electronBinary,
  electronRebuildEnv,
  ensureElectronNatives,
  fetchElectron,
  installElectronNatives,
} from '../../scripts/lib/electron.mjs';
import { chooseMode, parseStartArgs } from '../../scripts/start.mjs';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A stand-in for node_modules/electron: package.json, an install.js that does what we say, maybe a binary. */
function fakeElectron(opts: { installed?: boolean; installer?: string } = {}): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  writeFileSync(
    path.join(dir, 'install.js'),
    opts.installer ?? "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici'); process.exit(1);",
  );
  if (opts.installed) {
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'dist', 'electron'), 0o755);
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
  }
  return dir;
}

const INSTALLS_OK = `const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron');`;

describe('npm start: desktop app or browser', () => {
  it('takes its own flags and passes the rest to the web host', () => {
    expect(parseStartArgs(['--db', 'x.sqlite', '--no-open', '--browser', '--port', '0'])).toEqual({
      browser: true,
      open: false,
      web: ['--db', 'x.sqlite', '--port', '0'],
    });
  });

  it("tries Electron's installer when the binary is missing, and falls back to the browser when it fails", async () => {
    const dir = fakeElectron();
    expect(electronBinary(dir)).toBeNull();
    const calls: string[] = [];
    const fetch = async (o: { electronDir: string }) => {
      calls.push(o.electronDir);
      return { ok: false as const, reason: 'TypeError: fetch failed' };
    };
    const choice = await chooseMode({ electronDir: dir, env: { DISPLAY: ':0' }, platform: 'linux', fetch });
    expect(calls).toEqual([dir]);
    expect(choice).toEqual({ mode: 'browser', reason: "Electron's binary could not be downloaded (TypeError: fetch failed)" });
  });

  it('uses the desktop app when the binary is there (or was just fetched) and there is a display', async () => {
    const installed = fakeElectron({ installed: true });
    const never = async () => {
      throw new Error('must not download what is installed');
    };
    expect(await chooseMode({ electronDir: installed, env: { DISPLAY: ':0' }, platform: 'linux', fetch: never })).toEqual({
      mode: 'electron',
      binary: path.join(installed, 'dist', 'electron'),
    });
    expect(await chooseMode({ electronDir: installed, env: {}, platform: 'win32', fetch: never })).toMatchObject({ mode: 'electron' });
    const fetched = await chooseMode({
      electronDir: fakeElectron(),
      env: { WAYLAND_DISPLAY: 'wayland-0' },
      platform: 'linux',
      fetch: async () => ({ ok: true as const, binary: '/x/electron' }),
    });
    expect(fetched).toEqual({ mode: 'electron', binary: '/x/electron' });
  });

  it('goes to the browser without a display, with ELECTRON_SKIP_BINARY_DOWNLOAD, or on --browser', async () => {
    const installed = fakeElectron({ installed: true });
    expect(await chooseMode({ electronDir: installed, env: {}, platform: 'linux' })).toEqual({
      mode: 'browser',
      reason: 'there is no graphical display here (DISPLAY/WAYLAND_DISPLAY unset)',
    });
    let fetched = false;
    const skip = await chooseMode({
      electronDir: fakeElectron(),
      env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', DISPLAY: ':0' },
      platform: 'linux',
      fetch: async () => ((fetched = true), { ok: false as const, reason: 'x' }),
    });
    expect(skip).toMatchObject({ mode: 'browser' });
    expect(fetched).toBe(false);
    expect(await chooseMode({ electronDir: installed, env: { DISPLAY: ':0' }, browser: true })).toMatchObject({ mode: 'browser' });
  });

  it("runs Electron's own install.js: its failure comes back as one readable line, its success as the binary", async () => {
    const quiet = { log: () => {}, tty: false };
    expect(await fetchElectron({ electronDir: fakeElectron(), ...quiet })).toEqual({ ok: false, reason: 'TypeError: fetch failed' });
    const dir = fakeElectron({ installer: INSTALLS_OK });
    expect(await fetchElectron({ electronDir: dir, ...quiet })).toEqual({ ok: true, binary: path.join(dir, 'dist', 'electron') });
    const hangs = fakeElectron({ installer: 'setInterval(() => {}, 1000);' });
    expect(await fetchElectron({ electronDir: hangs, ...quiet, timeoutMs: 1500 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no answer after/),
    });
  });

  it('opens the browser only where there is a desktop', () => {
    const url = 'http://127.0.0.1:5000/?token=abc';
    expect(openerFor(url, 'linux', {})).toBeNull();
    expect(openerFor(url, 'linux', { DISPLAY: ':0' })).toEqual({ cmd: 'xdg-open', args: [url] });
    expect(openerFor(url, 'freebsd', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ cmd: 'xdg-open', args: [url] });
    expect(openerFor(url, 'darwin', {})).toEqual({ cmd: 'open', args: [url] });
    expect(openerFor(url, 'win32', {})).toEqual({ cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', url] });
  });
});

describe('native modules for Electron, kept apart from node_modules', () => {
  /** A project folder whose node_modules is the real one (read only: copies are made from it). */
  function projectWithRealModules(): string {
    const root = tempDir();
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    return root;
  }

  it('builds copies once per Electron version, never touching node_modules, and the app resolves them first', () => {
    const root = projectWithRealModules();
    const nodeBuild = path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const before = statSync(nodeBuild).mtimeMs;
    const rebuilds: string[] = [];
    const rebuild = (o: { dir: string; version: string }) => {
      rebuilds.push(o.version);
      // The copy starts without Node's build products: nothing Node-ABI can reach Electron.
      expect(existsSync(path.join(o.dir, 'node_modules/better-sqlite3/build'))).toBe(false);
      expect(existsSync(path.join(o.dir, 'node_modules/better-sqlite3/lib/index.js'))).toBe(true);
      for (const f of ['better-sqlite3/build/Release/better_sqlite3.node', 'pkcs11js/build/Release/pkcs11.node']) {
        mkdirSync(path.dirname(path.join(o.dir, 'node_modules', f)), { recursive: true });
        writeFileSync(path.join(o.dir, 'node_modules', f), `electron-${o.version}`);
      }
      return { ok: true };
    };
    const first = ensureElectronNatives({ root, version: '45.4.1', platform: 'linux', arch: 'x64', log: () => {}, rebuild });
    expect(first).toMatchObject({ ok: true, built: true });
    const second = ensureElectronNatives({ root, version: '45.4.1', platform: 'linux', arch: 'x64', log: () => {}, rebuild });
    expect(second).toMatchObject({ ok: true, built: false }); // a second start compiles nothing
    expect(rebuilds).toEqual(['45.4.1']);
    expect(ensureElectronNatives({ root, version: '46.0.0', platform: 'linux', arch: 'x64', log: () => {}, rebuild })).toMatchObject({
      built: true,
    });
    expect(rebuilds).toEqual(['45.4.1', '46.0.0']);
    expect(statSync(nodeBuild).mtimeMs).toBe(before);

    const mainDir = path.join(root, 'out/main');
    mkdirSync(mainDir, { recursive: true });
    installElectronNatives({ nativeDir: (first as { dir: string }).dir, mainDir });
    const fromApp = createRequire(path.join(mainDir, 'index.js')).resolve('better-sqlite3');
    expect(fromApp).toBe(path.join(mainDir, 'node_modules/better-sqlite3/lib/index.js'));
    expect(readFileSync(path.join(mainDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8')).toBe(
      'electron-45.4.1',
    );
    expect(existsSync(path.join(mainDir, 'node_modules/pkcs11js/build/Release/pkcs11.node'))).toBe(true);
    expect(existsSync(path.join(mainDir, 'node_modules/bindings/bindings.js'))).toBe(true);
    // The CLI's build resolves Node's own copy (through the symlink: the real node_modules).
    expect(createRequire(path.join(root, 'out/node/cli.js')).resolve('better-sqlite3')).toBe(
      path.join(ROOT, 'node_modules/better-sqlite3/lib/index.js'),
    );
  });

  it('a failed Electron build leaves nothing half-made behind, and builds against Electron headers only', () => {
    const root = projectWithRealModules();
    const r = ensureElectronNatives({ root, version: '45.4.1', log: () => {}, rebuild: () => ({ ok: false, reason: 'no network' }) });
    expect(r).toEqual({ ok: false, reason: 'no network' });
    expect(existsSync(path.join(root, 'out/electron-native'))).toBe(true);
    expect(readdir(path.join(root, 'out/electron-native'))).toEqual([]);
    expect(
      electronRebuildEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', PATH: '/bin', npm_config_target: '20.0.0' }),
    ).toEqual({ PATH: '/bin' });
  });
});

function readdir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Starts `node scripts/start.mjs …` and resolves once it printed the URL. */
function startScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; err: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 240 s:\n${err}`)), 240_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /VANTHU_WEB_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, err: () => err });
      }
    });
    child.on('exit', (code) => reject(new Error(`start.mjs exited ${code} before serving:\n${err}`)));
  });
}

function stopped(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
}

describe('npm start where Electron cannot be downloaded (as on this machine)', () => {
  it('serves the app in browser mode, prints the URL, stops on Ctrl-C, and starts again without compiling anything', async () => {
    const dir = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, VANTHU_ELECTRON_DIR: fakeElectron() };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const args = ['--db', path.join(dir, 'start.sqlite'), '--port', '0'];

    const first = await startScript(args, env);
    expect(first.err()).toContain("browser mode — Electron's binary could not be downloaded (TypeError: fetch failed)");
    expect(first.err()).toContain(`open ${first.url} in a browser on this computer`);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const page = await fetch(first.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>VănThư');
    // The app's API answers with the printed token, and only with it.
    const token = new URL(first.url).searchParams.get('token')!;
    const call = (t: string) =>
      fetch(new URL('/api/auth.status', first.url), { method: 'POST', headers: { 'x-vanthu-token': t }, body: '{}' });
    const info = await call(token);
    expect(info.status).toBe(200);
    // A new database: the page asks for its first administrator.
    expect(await info.json()).toMatchObject({ ok: true, value: { setupNeeded: true, session: null } });
    expect((await call('wrong-token')).status).toBe(403);
    first.child.kill('SIGINT');
    expect(await stopped(first.child)).toBe(0);

    const infoBefore = statSync(path.join(ROOT, 'out/node/build-info.json')).mtimeMs;
    const pageBefore = statSync(path.join(ROOT, 'out/renderer/index.html')).mtimeMs;
    const second = await startScript(args, env);
    expect(second.err()).not.toMatch(/building|built/);
    expect(statSync(path.join(ROOT, 'out/node/build-info.json')).mtimeMs).toBe(infoBefore);
    expect(statSync(path.join(ROOT, 'out/renderer/index.html')).mtimeMs).toBe(pageBefore);
    second.child.kill('SIGTERM');
    expect(await stopped(second.child)).toBe(0);
  }, 300_000);
});

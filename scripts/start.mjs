#!/usr/bin/env node
// `npm start`: VănThư on any machine, in one command.
//
//  1. Electron's binary missing? Electron's own installer fetches it (with a progress line).
//  2. With the binary and a display: the desktop app — bundles rebuilt only when a source
//     changed, native modules built for Electron once and kept apart from node_modules
//     (scripts/lib/electron.mjs), so the CLI and the tests keep working while it runs.
//  3. Otherwise (offline, no display, Electron failing at start): browser mode — the built web
//     host on 127.0.0.1 with a per-start token, the default browser opened at its URL where there
//     is a desktop, the URL printed; it keeps serving until Ctrl-C.
//
//   npm start [-- --browser] [-- --no-open] [-- --db FILE | --database URL] [-- --port N]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as buildNode, ROOT } from './build.mjs';
import { hasDesktop, openBrowser } from './lib/browser.mjs';
import { electronBinary, electronVersion, fetchElectron, prepareElectronApp } from './lib/electron.mjs';
import { ensureRenderer, WEB_ENTRY } from './web.mjs';

const log = (m) => process.stderr.write(m + '\n');

/** Splits our own flags from those passed on to the web host. */
export function parseStartArgs(argv) {
  const own = { browser: false, open: true };
  const web = [];
  for (const a of argv) {
    if (a === '--browser') own.browser = true;
    else if (a === '--no-open') own.open = false;
    else web.push(a);
  }
  return { ...own, web };
}

/**
 * Electron or the browser? Returns { mode: 'electron', binary } or { mode: 'browser', reason }.
 * `fetch` is Electron's installer (fetchElectron), replaceable for tests.
 */
export async function chooseMode({ electronDir, env = process.env, platform = process.platform, browser = false, fetch = fetchElectron }) {
  if (browser) return { mode: 'browser', reason: 'browser mode was asked for (--browser)' };
  let binary = electronBinary(electronDir, env);
  if (!binary) {
    if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
      return { mode: 'browser', reason: "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set" };
    }
    const fetched = await fetch({ electronDir });
    if (!fetched.ok) return { mode: 'browser', reason: `Electron's binary could not be downloaded (${fetched.reason})` };
    binary = fetched.binary;
  }
  if (!hasDesktop(platform, env)) return { mode: 'browser', reason: 'there is no graphical display here (DISPLAY/WAYLAND_DISPLAY unset)' };
  return { mode: 'electron', binary };
}

/** Runs the desktop app; resolves its exit code and whether it stopped within 10 s of starting. */
function runElectron(binary) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(binary, [ROOT], { cwd: ROOT, stdio: 'inherit', env });
    const forward = (sig) => () => child.kill(sig);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    child.on('error', (e) => resolve({ code: 1, early: true, error: e.message }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), early: Date.now() - started < 10_000 }));
  });
}

/** The built web host in a child process; prints the URL, opens the browser, serves until stopped. */
export async function runBrowserMode({ reason, webArgs = [], open = true }) {
  log(`VănThư: browser mode — ${reason}.`);
  ensureRenderer({ log });
  await buildNode({ ifStale: true });
  const child = spawn(process.execPath, [WEB_ENTRY, ...webArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  child.stdout.on('data', (d) => {
    buffered += d.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const m = /^VANTHU_WEB_URL=(\S+)/.exec(line);
      if (m) {
        const opened = open && openBrowser(m[1]);
        log(
          opened
            ? `VănThư is open in your browser at ${m[1]}\nPress Ctrl-C to stop.`
            : `VănThư is ready: open ${m[1]} in a browser on this computer.\nPress Ctrl-C to stop.`,
        );
      }
      // The machine-readable line last: whoever waits for it finds the rest already written.
      process.stdout.write(line + '\n');
    }
  });
  // Ctrl-C reaches the host directly too (same process group); forwarding covers `kill`.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}

async function main() {
  const args = parseStartArgs(process.argv.slice(2));
  const electronDir = process.env.VANTHU_ELECTRON_DIR || path.join(ROOT, 'node_modules', 'electron');
  let choice = await chooseMode({ electronDir, browser: args.browser });
  if (choice.mode === 'electron') {
    const prepared = prepareElectronApp({ root: ROOT, version: electronVersion(electronDir), log });
    if (prepared.ok) {
      const r = await runElectron(choice.binary);
      if (!(r.early && r.code !== 0)) process.exit(r.code);
      choice = { mode: 'browser', reason: `the desktop app stopped at start (exit ${r.code}${r.error ? `: ${r.error}` : ''})` };
    } else {
      choice = { mode: 'browser', reason: `the desktop app could not be prepared (${prepared.reason})` };
    }
  }
  await runBrowserMode({ reason: choice.reason, webArgs: args.web, open: args.open });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    log(`VănThư: ${e?.message ?? e}`);
    process.exit(1);
  });
}

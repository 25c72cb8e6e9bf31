#!/usr/bin/env node
// `npm run web -- [--db FILE] [--port N]`: VănThư in a browser, served on 127.0.0.1 only. Builds
// the renderer only when a source is newer than out/renderer, and the Node side only when stale,
// then runs the built web host (out/node/web.js) in this process. It prints
// `VANTHU_WEB_URL=<url with a per-start token>` when ready; Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as buildNode, ROOT } from './build.mjs';
import { staleBecause } from './lib/fresh.mjs';

export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer', 'index.html');
/** What the page is built from: its sources, the shared code, the build config and the locked dependencies. */
export const RENDERER_INPUTS = [
  'src/renderer',
  'src/shared',
  'vite.renderer.config.ts',
  'package.json',
  'package-lock.json',
  'assets/icon.png',
].map((p) => path.join(ROOT, p));

export function rendererStale() {
  return staleBecause(RENDERER_OUT, RENDERER_INPUTS, ROOT);
}

/** Builds out/renderer with Vite when it is older than its sources; returns whether it built. */
export function ensureRenderer({ log = (m) => process.stderr.write(m + '\n') } = {}) {
  const reason = rendererStale();
  if (!reason) return false;
  log(`VănThư: building the page (${reason})…`);
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the page's build failed (vite exit ${r.status ?? r.signal})`);
  return true;
}

export const WEB_ENTRY = path.join(ROOT, 'out', 'node', 'web.js');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureRenderer();
    await buildNode({ ifStale: true });
  } catch (e) {
    process.stderr.write(`vanthu web: ${e?.message ?? e}\n`);
    process.exit(1);
  }
  await import(pathToFileURL(WEB_ENTRY).href);
}

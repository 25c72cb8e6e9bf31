#!/usr/bin/env node
// `npm run dist [-- electron-builder flags]`: installers of the desktop app. Builds the Electron
// bundles (when stale) and the native modules for Electron's ABI into out/main/node_modules
// (scripts/lib/electron.mjs; node_modules, built for Node, is left alone), then runs
// electron-builder with electron-builder.yml.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build.mjs';
import { electronVersion, prepareElectronApp } from './lib/electron.mjs';

const electronDir = path.join(ROOT, 'node_modules', 'electron');
const prepared = prepareElectronApp({ root: ROOT, version: electronVersion(electronDir) });
if (!prepared.ok) {
  process.stderr.write(`vanthu dist: ${prepared.reason}\n`);
  process.exit(1);
}
const cli = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
const r = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);

#!/usr/bin/env node
// `npm start`: builds and launches the desktop app. Where Electron's binary could not be
// downloaded (offline machines, CI), say so in one line and point to the browser mode.
//
// Electron's binary is looked up through node_modules/electron/path.txt rather than
// require('electron'): Electron 45 tries to download the binary on first require.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve('node_modules', 'electron');
let binary;
try {
  binary = path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
} catch {
  binary = null;
}
if (!binary || !existsSync(binary)) {
  console.error(
    'VănThư: the Electron binary is not installed on this machine (it could not be downloaded) — run `npm run web` to use the app in your browser.',
  );
  process.exit(1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (args) => spawnSync(npx, args, { stdio: 'inherit' }).status ?? 1;
// Native modules (SQLite, PKCS#11) are built for Node by `npm install`; the app needs them
// built for Electron, and the command line and tests need them back for Node afterwards.
if (run(['electron-builder', 'install-app-deps']) !== 0) process.exit(1);
const status = run(['electron-vite', 'preview']);
run(['npm', 'rebuild', 'better-sqlite3', 'pkcs11js']);
process.exit(status);

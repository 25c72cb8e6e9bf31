#!/usr/bin/env node
// `npm start`: launches the desktop app. Where Electron's binary could not be fetched
// (offline machines), say so in one line and point to the browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath = null;
try {
  electronPath = require('electron');
  if (typeof electronPath !== 'string' || !existsSync(electronPath)) electronPath = null;
} catch {
  electronPath = null;
}
if (!electronPath) {
  console.error('VănThư: Electron binary is not available on this machine (it could not be downloaded); run `npm run web` to use the app in a browser, or `npm run -s cli -- --help` for the command line.');
  process.exit(1);
}
const r = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit' });
process.exit(r.status ?? 1);

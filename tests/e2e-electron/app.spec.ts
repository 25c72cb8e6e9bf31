/**
 * The real desktop app: launch the built app (out/), see the window, check the page is
 * locked down, register one document through the preload bridge (page → IPC → database
 * worker → SQLite) and find it again after a restart. Each test gets its own data folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronVersion, prepareElectronApp } from '../../scripts/lib/electron.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The Electron executable, if installed. Reads what require('electron') would return
 * without requiring it: Electron 45's index.js tries to download the binary when it is
 * missing, which on an offline machine only adds noise before failing.
 */
function electronBinary(): string | null {
  const pkg = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? path.join(override, rel || 'electron') : rel ? path.join(pkg, 'dist', rel) : null;
  return full && existsSync(full) ? full : null;
}

const binary = electronBinary();
test.skip(!binary, 'Electron binary not installed on this machine (it could not be downloaded); run the browser-mode suite instead');

const DOC = {
  organName: 'Sở Tài chính tỉnh Quảng Ngãi',
  symbol: '123/QĐ-STC',
  issuedDate: '2026-03-02',
  typeName: 'Quyết định',
  subject: 'Về việc phân bổ dự toán ngân sách năm 2026',
  arrivalDate: '2026-03-05T08:30:00+07:00',
};

let dataHome: string;

test.beforeAll(() => {
  // The production build as `npm start` makes it: bundles rebuilt when stale, native modules
  // built for Electron's ABI in out/main/node_modules (never in node_modules).
  const prepared = prepareElectronApp({ root: ROOT, version: electronVersion(path.join(ROOT, 'node_modules/electron')) });
  if (!prepared.ok) throw new Error(`the desktop app could not be prepared: ${prepared.reason}`);
});

test.beforeEach(() => {
  dataHome = mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-electron-'));
});

test.afterEach(() => {
  rmSync(dataHome, { recursive: true, force: true });
});

async function launch(): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary!,
    // Chromium refuses its sandbox when run as root (containers, CI); everywhere else keep it.
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: {
      ...process.env,
      // The app's data folder follows these (src/main/paths.ts), like the CLI's.
      XDG_CONFIG_HOME: dataHome,
      APPDATA: dataHome,
      VANTHU_DB: path.join(dataHome, 'VanThu', 'vanthu.sqlite'),
    },
  });
}

test('opens the VănThư window, locked down, and registers a document', async () => {
  const app = await launch();
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://vanthu/index.html');
    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
    expect(title).toBe('VănThư');

    // No Node in the page, CSP in force (no eval), the bridge present and typed by the contract.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(
      await page.evaluate(() => {
        try {
          return String((0, eval)('1 + 1'));
        } catch {
          return 'blocked';
        }
      }),
    ).toBe('blocked');
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { vanthu: object }).vanthu));
    expect(keys).toContain('incoming.add');
    expect(keys).toContain('savePdf');

    const added = await page.evaluate(
      (data) => (globalThis as unknown as { vanthu: Record<string, (i: unknown) => Promise<unknown>> }).vanthu['incoming.add']!({ data }),
      DOC,
    );
    expect(added).toMatchObject({ ok: true, value: { id: 1, arrivalNumber: 1, symbol: DOC.symbol } });

    const bad = await page.evaluate(() =>
      (globalThis as unknown as { vanthu: Record<string, (i: unknown) => Promise<unknown>> }).vanthu['incoming.get']!({ id: 'x' }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
  } finally {
    await app.close();
  }

  // Closed cleanly and kept: a second start finds the document.
  const again = await launch();
  try {
    const page = await again.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    const got = await page.evaluate(() =>
      (globalThis as unknown as { vanthu: Record<string, (i: unknown) => Promise<unknown>> }).vanthu['incoming.get']!({ id: 1 }),
    );
    expect(got).toMatchObject({ ok: true, value: { symbol: DOC.symbol, subject: DOC.subject } });
  } finally {
    await again.close();
  }
});

/**
 * Per-test fixtures: a fresh database in a temporary folder, the loopback web host started
 * on it as a child process (the built `out/node/web.js --db … --port 0`, the same program as
 * `npm run web`), the page opened on its tokened URL, and a watch on the browser console:
 * any console error or uncaught page error fails the test. The page closes before the host.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { decodeWire, encodeWire } from '../../src/shared/wire.js';
import type { InputOf, MethodName, OutputOf } from '../../src/shared/contract.js';
import type { Result } from '../../src/shared/result.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built programs (tests/e2e/global-setup.ts makes them fresh). */
const WEB_ENTRY = path.join(ROOT, 'out/node/web.js');
const CLI_ENTRY = path.join(ROOT, 'out/node/cli.js');
export const ORG_NAME = 'Ủy ban nhân dân tỉnh Quảng Ngãi';
export const SCREENS_DIR = path.join(ROOT, 'test-results/screens');

export interface WebApp {
  /** Page URL with the token. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  dir: string;
  /** Calls the API directly (for arranging data), as the page would. */
  api<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
}

export async function startWebHost(dbPath: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [WEB_ENTRY, '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start in 30 s:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /VANTHU_WEB_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited (${code}) before it was ready:\n${stderr}`));
    });
  });
  return { child, url };
}

export async function stopWebHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Creates the database with the organisation's name (as an installer would), through the CLI. */
export function initDatabase(dbPath: string): void {
  const r = spawnSync(process.execPath, [CLI_ENTRY, 'init', '--db', dbPath, '--org-name', ORG_NAME, '--org-code', 'UBND'], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`init failed: ${r.stderr}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}

interface Fixtures {
  webApp: WebApp;
  /** Console errors a test provokes on purpose (e.g. the 403 of a refused request). */
  allowedConsoleErrors: RegExp[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures without dependencies
  webApp: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-'));
    const dbPath = path.join(dir, 'vanthu.sqlite');
    initDatabase(dbPath);
    const { child, url } = await startWebHost(dbPath);
    const u = new URL(url);
    const token = u.searchParams.get('token')!;
    const api: WebApp['api'] = async (method, input) => {
      const res = await fetch(`${u.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-vanthu-token': token },
        body: encodeWire(input),
      });
      return decodeWire(await res.text()) as Result<OutputOf<typeof method>>;
    };
    try {
      await use({ url, origin: u.origin, token, dbPath, dir, api });
    } finally {
      await stopWebHost(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },

  allowedConsoleErrors: [[], { option: true }],

  // The page is closed before the web host it talks to is stopped, and its console is judged
  // after it closed. A test often ends while the page still has a request on its way (the
  // form's debounced next-number after a save, a search typed a moment ago): stopping the host
  // first turned that request into "net::ERR_CONNECTION_REFUSED" in the console, failing
  // whichever test was unlucky. (Fixtures are torn down in reverse order of their dependencies:
  // this one depends on webApp, so it ends first.)
  page: async ({ page, webApp, allowedConsoleErrors }, use) => {
    void webApp;
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await use(page);
    await page.close();
    const unexpected = errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e)));
    expect(unexpected, 'the browser console must stay free of errors').toEqual([]);
  },
});

export { expect };

/** Opens the app and waits until the register list answered. */
export async function openApp(page: Page, webApp: WebApp): Promise<void> {
  await page.goto(webApp.url);
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
}

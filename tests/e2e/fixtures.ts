/**
 * Per-test fixtures: a fresh database in a temporary folder with the office's first
 * administrator (OFFICE_USER, who also holds every role but specialist), the loopback web host
 * started on it as a child process (the built `out/node/web.js --db … --port 0`, the same
 * program as `npm run web`), the page opened on its tokened URL and signed in, and a watch on
 * the browser console: any console error or uncaught page error fails the test. The page
 * closes before the host. Programs run with the test-only password hashing cost
 * (tests/support/test-kdf.mjs).
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
import { FIXTURE_PASSWORD, OFFICE_FULL_NAME, OFFICE_ROLES, OFFICE_USER, PASSWORD_ENV } from '../support/accounts.js';

export { FIXTURE_PASSWORD, OFFICE_FULL_NAME, OFFICE_USER };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built programs (tests/e2e/global-setup.ts makes them fresh). */
const WEB_ENTRY = path.join(ROOT, 'out/node/web.js');
const CLI_ENTRY = path.join(ROOT, 'out/node/cli.js');
const TEST_KDF = path.join(ROOT, 'tests/support/test-kdf.mjs');
/** The environment of the programs the tests start: the fixture password, never a real one. */
const childEnv = (env: NodeJS.ProcessEnv = {}) => ({ ...process.env, [PASSWORD_ENV]: FIXTURE_PASSWORD, ...env });
export const ORG_NAME = 'Ủy ban nhân dân tỉnh Quảng Ngãi';
export const SCREENS_DIR = path.join(ROOT, 'test-results/screens');

export interface WebApp {
  /** Page URL with the token. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  dir: string;
  /** Calls the API directly (for arranging data), as the page would, signed in as OFFICE_USER. */
  api<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  /** The same, signed in as someone else (a session of their own). */
  apiAs(username: string, password?: string): Promise<WebApp['api']>;
}

/** A client of the web host's API with its own session (signed in once, its cookie kept). */
export async function apiClient(
  origin: string,
  token: string,
  username = OFFICE_USER,
  password = FIXTURE_PASSWORD,
): Promise<WebApp['api']> {
  const send = (method: string, input: unknown, cookie: string) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-vanthu-token': token, cookie },
      body: encodeWire(input),
    });
  // Chromium sends a request again when a reused keep-alive socket is reset before any answer;
  // Node's fetch does not. Seen once at load 14 (a job.status poll while the host committed an
  // import: ECONNRESET). Do as the browser does, but only for calls that change nothing, so a
  // write is never sent twice and a host that really died still fails the next call.
  const post = async (method: string, input: unknown, cookie: string) => {
    try {
      return await send(method, input, cookie);
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code !== 'ECONNRESET' || !/\.(status|get|list|search|count)$/.test(method)) throw e;
      return send(method, input, cookie);
    }
  };
  const signIn = await post('auth.login', { username, password }, '');
  const signed = decodeWire(await signIn.text()) as Result<unknown>;
  if (!signed.ok) throw new Error(`sign-in of ${username}: ${signed.error.code}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async (method, input) => decodeWire(await (await post(method, input, cookie)).text()) as Result<OutputOf<typeof method>>;
}

export async function startWebHost(dbPath: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', TEST_KDF, WEB_ENTRY, '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: childEnv(env),
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

/** Runs the CLI on a database (as OFFICE_USER unless the arguments name a --user); throws on failure. */
export function vanthu(dbPath: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const who = args.includes('--user') || args[0] === 'init' ? [] : ['--user', OFFICE_USER, '--password-env', PASSWORD_ENV];
  const r = spawnSync(process.execPath, ['--import', TEST_KDF, CLI_ENTRY, ...args, ...who, '--db', dbPath, '--json'], {
    cwd: ROOT,
    env: childEnv(env),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vanthu ${args.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Creates the database with the organisation's name and its first administrator (as an
 * installer would), through the CLI; OFFICE_USER then also gets the office's other roles.
 */
export function initDatabase(dbPath: string, env: NodeJS.ProcessEnv = {}): void {
  vanthu(
    dbPath,
    [
      'init',
      '--org-name',
      ORG_NAME,
      '--org-code',
      'UBND',
      '--admin',
      OFFICE_USER,
      '--admin-full-name',
      OFFICE_FULL_NAME,
      '--admin-password-env',
      PASSWORD_ENV,
    ],
    env,
  );
  vanthu(dbPath, ['user', 'update', OFFICE_USER, ...OFFICE_ROLES.flatMap((r) => ['--role', r]), '--confidential'], env);
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
    try {
      const api = await apiClient(u.origin, token);
      const apiAs = (username: string, password?: string) => apiClient(u.origin, token, username, password);
      await use({ url, origin: u.origin, token, dbPath, dir, api, apiAs });
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

/** Signs in on the sign-in screen with the keyboard, as a clerk does. */
export async function signIn(page: Page, username = OFFICE_USER, password = FIXTURE_PASSWORD): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Đăng nhập VănThư' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
}

/** Opens the app, signs in (as OFFICE_USER unless told) and waits until the register list answered. */
export async function openApp(page: Page, webApp: WebApp, as: { username?: string; password?: string } = {}): Promise<void> {
  await page.goto(webApp.url);
  await signIn(page, as.username, as.password);
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
}

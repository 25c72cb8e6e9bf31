/**
 * The real loopback web host over a real database in a temporary folder, spoken to over
 * HTTP as the page (or an attacker with the token) would, plus a digest of everything the
 * app stores (every table's rows and the attachment store) to prove a refused call wrote
 * nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { createHandlers } from '../../../src/main/api/handlers.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { decodeWire, encodeWire } from '../../../src/shared/wire.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { addFixtureAccounts, fixedClock, freshServices, tempDir } from '../helpers.js';
import { FIXTURE_PASSWORD, OFFICE_USER } from '../../support/accounts.js';

const hosts: WebHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
});

export interface Answer {
  status: number;
  text: string;
  /** The decoded body (a Result for API calls), or null when it is not JSON. */
  body: {
    ok: boolean;
    value?: unknown;
    error?: { code: string; field?: string; message: string; details?: Record<string, unknown> };
  } | null;
}

/**
 * A web host over a fresh database. By default it lives for one test (closed and removed
 * after it); with `forFile` it lives until `stop()` (for a beforeAll/afterAll pair).
 */
export async function startHost(opts: { now?: string; forFile?: boolean } = {}) {
  let made: { services: Services; dbPath: string; clock: ReturnType<typeof fixedClock> };
  let dir: string | null = null;
  if (opts.forFile) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-host-'));
    const dbPath = path.join(dir, 'vanthu.sqlite');
    const clock = fixedClock(opts.now ?? '2026-03-10T09:00:00+07:00');
    const services = await createServices({ dbPath, migrate: true, clock });
    await services.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    made = { services, dbPath, clock };
  } else made = await freshServices(opts);
  const { services, dbPath, clock } = made;
  const rendererDir = path.join(dir ?? tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>VănThư</title>');
  await addFixtureAccounts(services);
  const host = await startWebHost({ handlers: createHandlers(services, { shell: 'web' }), rendererDir, log: services.log });
  if (!opts.forFile) hosts.push(host);
  const stop = async () => {
    await host.close();
    await services.close().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${host.port}`;

  /** Signs in over HTTP; the session cookie the host set (an HttpOnly one, as the browser keeps it). */
  async function login(username: string, password = FIXTURE_PASSWORD): Promise<string> {
    const res = await fetch(`${base}/api/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-VanThu-Token': host.token },
      body: encodeWire({ username, password }),
    });
    const body = decodeWire(await res.text()) as Answer['body'];
    if (!body?.ok) throw new Error(`sign-in of ${username}: ${JSON.stringify(body)}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
  /** The office's all-rounder is signed in for every post() that names no other cookie. */
  const officeCookie = await login(OFFICE_USER);

  /** POST /api/<method> with the token (and a session cookie); `body` is sent as is when it is a string. */
  async function post(method: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-VanThu-Token': host.token, Cookie: officeCookie, ...headers },
      body: typeof body === 'string' ? body : encodeWire(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: Answer['body'];
    try {
      parsed = decodeWire(text) as Answer['body'];
    } catch {
      parsed = null;
    }
    return { status: res.status, text, body: parsed };
  }

  async function get(urlPath: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${base}${urlPath}`);
    return { status: res.status, text: await res.text() };
  }

  return {
    services,
    dbPath,
    clock,
    host,
    base,
    rendererDir,
    post,
    get,
    login,
    /** The session cookie of the office's all-rounder (OFFICE_USER), for hand-made requests. */
    cookie: officeCookie,
    stop,
    digest: (opts?: DigestOptions) => storeDigest(dbPath, opts),
  };
}

export interface DigestOptions {
  /**
   * Leave out what an audited refusal writes (issue 10: a refused sign-in or a call refused for
   * want of a role writes its audit entry — and a sign-in its failure count — and nothing else).
   */
  ignoreAuditedRefusals?: boolean;
}

const REFUSAL_ACTIONS = new Set(['refused', 'login_failed', 'login_refused', 'locked']);

/** Every table's rows (in rowid order) and every stored file's name and bytes, hashed. */
export function storeDigest(dbPath: string, opts: DigestOptions = {}): string {
  const h = createHash('sha256');
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const t of tables) {
      h.update(`\0table ${t}\0`);
      const ignore = opts.ignoreAuditedRefusals ? ignoredColumns(t) : null;
      const stmt = db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`);
      const names = stmt.columns().map((c) => c.name);
      for (const raw of stmt.raw().iterate() as Iterable<unknown[]>) {
        if (ignore && t === 'audit_log' && REFUSAL_ACTIONS.has(String(raw[names.indexOf('action')]))) continue;
        if (ignore && t === 'meta' && raw[0] === 'audit_head') continue;
        const row = ignore ? raw.filter((_v, i) => !ignore.has(names[i]!)) : raw;
        h.update(
          JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)),
        );
      }
    }
  } finally {
    db.close();
  }
  const filesRoot = `${dbPath}.files`;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`\0file ${path.relative(filesRoot, p)}\0`).update(readFileSync(p));
    }
  };
  walk(filesRoot);
  return h.digest('hex');
}

/** Columns an audited refusal may change (the failure count and lock of the account tried). */
function ignoredColumns(table: string): Set<string> {
  return new Set(table === 'accounts' ? ['failed_logins', 'locked_until', 'updated_at'] : []);
}

/** Absolute paths of this machine an answer must never contain. */
export function machinePaths(extra: string[] = []): string[] {
  const root = path.resolve(import.meta.dirname, '../../..');
  const home = os.homedir();
  return [root, home, process.env.TMPDIR ?? '/tmp', '/usr/lib', '/home/', 'node_modules', ...extra].filter((p) => p && p.length > 1);
}

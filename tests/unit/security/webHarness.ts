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
import { fixedClock, freshServices, tempDir } from '../helpers.js';

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
  const host = await startWebHost({ handlers: createHandlers(services, { shell: 'web', actor: 'fuzz' }), rendererDir, log: services.log });
  if (!opts.forFile) hosts.push(host);
  const stop = async () => {
    await host.close();
    await services.close().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${host.port}`;

  /** POST /api/<method> with the token; `body` is sent as is when it is a string. */
  async function post(method: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-VanThu-Token': host.token, ...headers },
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

  return { services, dbPath, clock, host, base, rendererDir, post, get, stop, digest: () => storeDigest(dbPath) };
}

/** Every table's rows (in rowid order) and every stored file's name and bytes, hashed. */
export function storeDigest(dbPath: string): string {
  const h = createHash('sha256');
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const t of tables) {
      h.update(`\0table ${t}\0`);
      for (const row of db
        .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
        .raw()
        .iterate()) {
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

/** Absolute paths of this machine an answer must never contain. */
export function machinePaths(extra: string[] = []): string[] {
  const root = path.resolve(import.meta.dirname, '../../..');
  const home = os.homedir();
  return [root, home, process.env.TMPDIR ?? '/tmp', '/usr/lib', '/home/', 'node_modules', ...extra].filter((p) => p && p.length > 1);
}

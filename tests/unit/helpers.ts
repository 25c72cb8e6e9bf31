/** Test fixtures: a real database file in a fresh temporary folder and a fixed clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { parseInstant } from '../../src/shared/text/dates.js';
import { createServices, type Services } from '../../src/main/services.js';
import { dropPgDatabase, newPgDatabase, storeKind } from './helpers/stores.js';

const dirs: string[] = [];
const open: Services[] = [];
const databases: string[] = [];

afterEach(async () => {
  while (open.length)
    await open
      .pop()!
      .close()
      .catch(() => {});
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  while (databases.length) await dropPgDatabase(databases.pop()!);
});

export function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'vanthu-test-'));
  dirs.push(d);
  return d;
}

/** A mutable fixed clock: tests move time explicitly. */
export function fixedClock(iso: string) {
  let now = parseInstant(iso)!;
  const clock = () => now;
  clock.set = (v: string) => {
    now = parseInstant(v)!;
  };
  return clock;
}

/**
 * A new database with default registers, on the store of this test project (SQLite file,
 * or a PostgreSQL database of the run's cluster: see helpers/stores.ts). `dbPath` is then
 * the database's locator.
 */
export async function freshServices(opts: { now?: string; dbPath?: string } = {}) {
  let dbPath = opts.dbPath;
  if (!dbPath && storeKind() === 'postgres') databases.push((dbPath = await newPgDatabase()));
  dbPath ??= path.join(tempDir(), 'vanthu.sqlite');
  const clock = fixedClock(opts.now ?? '2026-03-10T09:00:00+07:00');
  const services = await createServices({ dbPath, migrate: true, clock });
  open.push(services);
  await services.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
  return { services, dbPath, clock };
}

export const ACTOR = { actor: 'văn thư A' };

export function doc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organName: 'Sở Tài chính tỉnh Quảng Ngãi',
    symbol: '123/QĐ-STC',
    issuedDate: '2026-03-02',
    typeName: 'Quyết định',
    subject: 'Về việc phân bổ dự toán ngân sách năm 2026',
    arrivalDate: '2026-03-05T08:30:00+07:00',
    ...overrides,
  };
}

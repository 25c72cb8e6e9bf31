/** Test fixtures: a real database file in a fresh temporary folder and a fixed clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { parseInstant } from '../../src/shared/text/dates.js';
import { createServices, type Services } from '../../src/main/services.js';
import { dropPgDatabase, newPgDatabase, storeKind } from './helpers/stores.js';
import { FIXTURE_PASSWORD, OFFICE_FULL_NAME, OFFICE_ROLES, OFFICE_USER, ROLE_USERS, SPECIALIST_UNIT } from '../support/accounts.js';
import { createHandlers, dispatch, type Handlers } from '../../src/main/api/handlers.js';
import { memorySlot, type SessionSlot } from '../../src/main/accounts/sessions.js';
import type { Role } from '../../src/shared/domain/accounts.js';
import type { InputOf, MethodName } from '../../src/shared/contract.js';

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

/**
 * The fixture accounts in a database made in-process: OFFICE_USER (the first administrator,
 * with every role but specialist and the confidential grant) and one account per role
 * (tests/support/accounts.ts). Idempotent.
 */
export async function addFixtureAccounts(services: Services): Promise<void> {
  if (await services.accounts.needsSetup()) {
    await services.accounts.setup({ username: OFFICE_USER, fullName: OFFICE_FULL_NAME, password: FIXTURE_PASSWORD });
    await services.accounts.update({ username: OFFICE_USER, roles: OFFICE_ROLES, confidential: true }, OFFICE_USER);
  }
  const units = await services.directory.listUnits();
  if (!units.some((u) => u.code === SPECIALIST_UNIT.code))
    await services.directory.addUnit(SPECIALIST_UNIT.code, SPECIALIST_UNIT.name, OFFICE_USER);
  const existing = new Set((await services.accounts.list()).map((a) => a.username));
  for (const u of Object.values(ROLE_USERS)) {
    if (existing.has(u.username)) continue;
    await services.accounts.add({ ...u, password: FIXTURE_PASSWORD }, OFFICE_USER);
    // Ready to work: an administrator's initial password would otherwise have to be changed first.
    await services.store.write(async (r) => {
      const a = await r.accounts.byUsername(u.username);
      await r.accounts.update(a!.id, { mustChangePassword: false }, '2026-01-01T00:00:00+07:00');
    });
  }
}

/** A session slot signed in as `username` (a fixture account) on these handlers. */
export async function signedIn(handlers: Handlers, username: string = OFFICE_USER): Promise<SessionSlot> {
  const slot = memorySlot();
  const r = await dispatch(handlers, 'auth.login', { username, password: FIXTURE_PASSWORD }, slot);
  if (!r.ok) throw new Error(`sign-in of ${username}: ${r.error.code} ${r.error.message}`);
  return slot;
}

/** Handlers over these services with a session of OFFICE_USER (or another fixture account): `call` dispatches as them. */
export async function contractAs(services: Services, who: Role | typeof OFFICE_USER = OFFICE_USER) {
  await addFixtureAccounts(services);
  const handlers = createHandlers(services, { shell: 'web' });
  const slot = await signedIn(handlers, who === OFFICE_USER ? OFFICE_USER : ROLE_USERS[who as Role].username);
  return {
    handlers,
    slot,
    call: <M extends MethodName>(method: M, input: InputOf<M>) => dispatch(handlers, method, input, slot),
  };
}

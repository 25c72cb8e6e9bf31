/**
 * Accounts benchmark (issue 10): what signing in and the permission table cost.
 *
 *   login (scrypt at the product's cost, through dispatch 'auth.login')   p95 ≤ 300 ms
 *   the permission check's added cost per call                              ≤ 0.05 ms
 *
 * The login figure is a whole sign-in as the page makes it (dispatch: validation, the account
 * read, scrypt N = 2^15, the failure count reset and the session opened); the bare KDF
 * (verifyPassword) is given beside it. No test preload here: the real cost.
 *
 * The check's cost is measured as the difference between dispatch as it is (input validation,
 * the session's refresh, `authorize`, the handler) and the same steps without the rights part
 * (validation, then the handler), over many calls of a cheap method, in alternating rounds so
 * that drift of a loaded machine falls on both sides; medians of the rounds. `authorize` alone
 * is timed too (ns per call).
 *
 *   npm run bench -- --only accounts [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers, dispatch, type Handlers } from '../src/main/api/handlers.js';
import { memorySlot, type SessionSlot } from '../src/main/accounts/sessions.js';
import { verifyPassword } from '../src/main/accounts/password.js';
import { createServices, type Services } from '../src/main/services.js';
import { parseCall } from '../src/shared/callInput.js';
import type { MethodName } from '../src/shared/contract.js';
import { authorize, METHOD_ACCESS } from '../src/shared/permissions.js';

export const ACCOUNTS_TARGETS = {
  loginP95Ms: { max: 300 },
  permissionCheckMs: { max: 0.05 },
} as const;

export interface AccountsResult {
  loginP50Ms: number;
  loginP95Ms: number;
  /** scrypt alone (verifyPassword of a stored hash), median. */
  kdfP50Ms: number;
  /** The largest added cost per call over the methods timed, ms. */
  permissionCheckMs: number;
  perMethod: { method: string; dispatchUs: number; withoutCheckUs: number; bareHandlerUs: number; addedUs: number }[];
  authorizeNs: number;
  targets: typeof ACCOUNTS_TARGETS;
  met: Record<keyof typeof ACCOUNTS_TARGETS, boolean>;
  details: { logins: number; rounds: number; callsPerRound: number; loadAvg1m: { start: number; end: number }; node: string; cpus: string };
}

const PASSWORD = 'Mật-khẩu-đo-đạc-2026';
const LOGINS = 30;
const ROUNDS = 15;
const CALLS_PER_ROUND = 2_000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Microseconds per call of `fn`, over `n` calls. */
async function perCallUs(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t) * 1000) / n;
}

async function timeMethod(handlers: Handlers, slot: SessionSlot, method: MethodName, input: unknown) {
  const run = handlers[method] as (i: unknown, c: { principal: unknown; session: SessionSlot }) => Promise<unknown>;
  const principal = slot.get()!.principal;
  // The same call three ways; each must succeed, or the figure would time an error path.
  const full = () =>
    dispatch(handlers, method, input, slot).then((r) => {
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
    });
  const withoutCheck = () => {
    const checked = parseCall(method, input);
    if (!checked.ok) throw new Error(`${method}: ${checked.error.code}`);
    return run(checked.value.input, { principal, session: slot });
  };
  const parsed = parseCall(method, input);
  if (!parsed.ok) throw new Error(`${method}: ${parsed.error.code}`);
  const bare = () => run(parsed.value.input, { principal, session: slot });
  // Warm-up (JIT, statement cache).
  for (let i = 0; i < 500; i++) {
    await full();
    await withoutCheck();
    await bare();
  }
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always runs first after a pause.
    if (round % 2) {
      b.push(await perCallUs(CALLS_PER_ROUND, withoutCheck));
      a.push(await perCallUs(CALLS_PER_ROUND, full));
    } else {
      a.push(await perCallUs(CALLS_PER_ROUND, full));
      b.push(await perCallUs(CALLS_PER_ROUND, withoutCheck));
    }
    c.push(await perCallUs(CALLS_PER_ROUND, bare));
  }
  // Per-round differences (adjacent in time), then their median.
  const added = median(a.map((x, i) => x - b[i]!));
  return {
    method,
    dispatchUs: r2(median(a)),
    withoutCheckUs: r2(median(b)),
    bareHandlerUs: r2(median(c)),
    addedUs: r2(added),
  };
}

export async function benchAccounts(opts: { log?: (m: string) => void } = {}): Promise<AccountsResult> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const loadStart = os.loadavg()[0]!;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-accounts-'));
  let services: Services | null = null;
  try {
    services = await createServices({ dbPath: path.join(dir, 'accounts.sqlite'), migrate: true });
    await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
    await services.accounts.setup({ username: 'quantri', fullName: 'Nguyễn Quản Trị', password: PASSWORD });
    await services.accounts.update({ username: 'quantri', roles: ['admin', 'clerk'] }, 'quantri');
    const handlers = createHandlers(services, { shell: 'web' });

    // 1. Sign-ins through dispatch, as the page's sign-in screen makes them.
    const logins: number[] = [];
    let slot: SessionSlot = memorySlot();
    for (let i = 0; i < LOGINS + 2; i++) {
      slot = memorySlot();
      const t = performance.now();
      const r = await dispatch(handlers, 'auth.login', { username: 'quantri', password: PASSWORD }, slot);
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(`auth.login: ${r.error.code}`);
      if (i >= 2) logins.push(ms); // two warm-ups
    }
    const stored = await services.store.read(async (r) => (await r.accounts.byUsername('quantri'))!.passwordHash);
    const kdf: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      if (!(await verifyPassword(PASSWORD, stored)).ok) throw new Error('verifyPassword');
      kdf.push(performance.now() - t);
    }
    log(`accounts: login p50 ${r2(median(logins))} ms, p95 ${r2(percentile(logins, 95))} ms (scrypt alone ${r2(median(kdf))} ms)`);

    // 2. The permission check's cost per call: a 'signedIn' method and a 'roles' one.
    const perMethod = [
      await timeMethod(handlers, slot, 'calendar.holidays', { year: 2026 }),
      await timeMethod(handlers, slot, 'incoming.nextNumber', {}),
    ];
    const permissionCheckMs = r4(Math.max(...perMethod.map((m) => m.addedUs)) / 1000);
    // authorize() alone.
    const caller = { roles: ['clerk'] as const, locked: false, mustChangePassword: false };
    const access = METHOD_ACCESS['incoming.nextNumber'];
    const n = 2_000_000;
    let sink = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) if (authorize(access, caller, undefined) === null) sink++;
    const authorizeNs = Math.round(((performance.now() - t) * 1e6) / n);
    if (sink !== n) throw new Error('authorize refused the clerk');
    log(
      `accounts: permission check adds ${perMethod.map((m) => `${m.addedUs} µs (${m.method})`).join(', ')} per call; authorize() alone ${authorizeNs} ns`,
    );

    const figures = { loginP50Ms: r2(median(logins)), loginP95Ms: r2(percentile(logins, 95)), permissionCheckMs };
    return {
      ...figures,
      kdfP50Ms: r2(median(kdf)),
      perMethod,
      authorizeNs,
      targets: ACCOUNTS_TARGETS,
      met: {
        loginP95Ms: figures.loginP95Ms <= ACCOUNTS_TARGETS.loginP95Ms.max,
        permissionCheckMs: permissionCheckMs <= ACCOUNTS_TARGETS.permissionCheckMs.max,
      },
      details: {
        logins: LOGINS,
        rounds: ROUNDS,
        callsPerRound: CALLS_PER_ROUND,
        loadAvg1m: { start: r2(loadStart), end: r2(os.loadavg()[0]!) },
        node: process.version,
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
      },
    };
  } finally {
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

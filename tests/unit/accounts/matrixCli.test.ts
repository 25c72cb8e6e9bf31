/**
 * The permission matrix through the built `vanthu` command line (issue 10, "Done when"): EVERY
 * command of COMMAND_ACCESS run as each role (`--user U --password-env VAR`, one `batch` per
 * role so the whole table costs a handful of processes), through a `vanthu login` session,
 * by an account whose password must be changed first, and by nobody at all (each command its
 * own process: `unauthenticated`, exit 2 — except what needs no account: `--help`, `init` on a
 * database without accounts, `verify`/`ocr` of a file, `login`/`logout`).
 *
 * Expectations come from COMMAND_ACCESS (resolved through METHOD_ACCESS) and, for the commands
 * the issue names, from an independent statement of its matrix. A refused command answers
 * `forbidden` naming the command and the roles needed, writes nothing (the store digested
 * before and after; only the audited refusal is added) and is audited once. `batch` signs in
 * once for the whole stream (a wrong password counts one failure, not one per line).
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli/commands.js';
import { createServices } from '../../../src/main/services.js';
import { ROLES, type Role } from '../../../src/shared/domain/accounts.js';
import { authorize, COMMAND_ACCESS, commandAccess, type Access, type CallerState, type Denial } from '../../../src/shared/permissions.js';
import { FIXTURE_PASSWORD, OFFICE_USER, PASSWORD_ENV, ROLE_USERS } from '../../support/accounts.js';
import { cli, cliAsync, type CliRun } from '../cliHelpers.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { addFixtureAccounts, fixedClock } from '../helpers.js';
import { storeDigest } from '../security/webHarness.js';

const NOW = '2026-03-10T09:00:00+07:00';
const MUST_CHANGE = 'fz.mustchange';
const ALL_READERS: Role[] = ['clerk', 'leader', 'specialist', 'archivist'];

/** The issue's matrix for the commands it names, stated on its own (not read from the table). */
const ISSUE_MATRIX: Record<string, readonly Role[]> = {
  'incoming add': ['clerk'],
  'incoming update': ['clerk'],
  'incoming void': ['clerk'],
  import: ['clerk'],
  'outgoing number': ['clerk'],
  'outgoing issue': ['clerk'],
  // signing as the organisation (the default) is the clerk's
  'outgoing sign': ['clerk'],
  'register print': ['clerk', 'archivist'],
  'incoming assign': ['leader'],
  'outgoing approve': ['leader'],
  'incoming progress': ['specialist', 'leader'],
  'outgoing draft': ['specialist', 'leader'],
  'incoming get': ALL_READERS,
  'incoming list': ALL_READERS,
  search: ALL_READERS,
  'user add': ['admin'],
  'user list': ['admin'],
  'user disable': ['admin'],
  'user reset-password': ['admin'],
  'settings set': ['admin'],
  'trust add': ['admin'],
  'calendar adjust': ['admin'],
  backup: ['admin'],
};

/** What needs no account at all (the issue's exceptions, and signing in and out). */
const NO_ACCOUNT = new Set(['init', 'verify', 'ocr', 'login', 'logout']);

let db: string;
let dir: string;
const names = Object.keys(COMMAND_ACCESS).sort();
/** role or caller label → command → what the rights check did (null: let through). */
const observed = new Map<string, Map<string, string | null>>();

/** The rule as the CLI applies it on a database that has its accounts (`init` is then the administrator's). */
function ruleOf(name: string): Access {
  const a = commandAccess(name)!;
  return a.kind === 'setup' ? { kind: 'roles', roles: ['admin'] } : a;
}

function expected(name: string, state: CallerState | null): Denial | null {
  return authorize(ruleOf(name), state, {});
}

type Line = { error?: { code: string; message: string; details?: { method?: string; needed?: string[] } } } & Record<string, unknown>;

function rightsRefusal(out: Line, name: string): string | null {
  const e = out?.error;
  if (!e) return null;
  if (e.code === 'unauthenticated' || e.code === 'password_change_required' || e.code === 'session_locked') return e.code;
  if (e.code === 'forbidden' && e.details?.method === name && Array.isArray(e.details.needed)) return 'forbidden';
  return null;
}

function batch(commands: string[], who: string[], env: Record<string, string> = {}): { run: CliRun; lines: Line[] } {
  // No arguments but where to write (printing commands default to a file in the working folder).
  const out = (cmd: string) => path.join(dir, 'out', `${cmd.replace(/ /g, '-')}.pdf`);
  const input = commands.map((cmd) => JSON.stringify({ cmd, args: { out: out(cmd) } })).join('\n') + '\n';
  const run = cli(db, ['batch', ...who, '--json'], input, env, { now: NOW, as: null });
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
  return { run, lines };
}

function audit(afterSeq: number): { actor: string; command: string; needed: string[] }[] {
  const raw = new Database(db, { readonly: true });
  try {
    return (
      raw.prepare("SELECT actor, data FROM audit_log WHERE action = 'refused' AND seq > ? ORDER BY seq").all(afterSeq) as {
        actor: string;
        data: string;
      }[]
    ).map((r) => ({ actor: r.actor, ...(JSON.parse(r.data) as { command: string; needed: string[] }) }));
  } finally {
    raw.close();
  }
}

function lastSeq(): number {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

function failedLogins(username: string): number {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare('SELECT failed_logins AS n FROM accounts WHERE username = ?').get(username) as { n: number }).n;
  } finally {
    raw.close();
  }
}

/** Runs `fn` over `items`, `width` at a time (child processes on a shared 2-core machine). */
async function pool<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * Runs every command as one caller in two batches — first what the table refuses them (nothing
 * may change but the audited refusals), then what it lets through — and records the outcomes.
 */
function asCaller(label: string, state: CallerState, who: string[], username: string, env: Record<string, string> = {}): string[] {
  const failures: string[] = [];
  const seen = new Map<string, string | null>();
  observed.set(label, seen);
  const refusedNames = names.filter((n) => expected(n, state));
  const allowedNames = names.filter((n) => !expected(n, state));

  const fromSeq = lastSeq();
  const before = storeDigest(db, { ignoreAuditedRefusals: true });
  const r = batch(refusedNames, who, env);
  if (r.run.code !== 0) failures.push(`${label}: batch exit ${r.run.code} ${r.run.stderr.slice(0, 300)}`);
  expect(r.lines).toHaveLength(refusedNames.length);
  const wantAudit: string[] = [];
  refusedNames.forEach((name, i) => {
    const want = expected(name, state)!;
    const got = rightsRefusal(r.lines[i]!, name);
    seen.set(name, got);
    if (got !== want.code) failures.push(`${label} ${name}: expected ${want.code}, got ${JSON.stringify(r.lines[i]).slice(0, 200)}`);
    else if (want.code === 'forbidden') {
      const e = r.lines[i]!.error!;
      if (JSON.stringify(e.details?.needed) !== JSON.stringify(want.needed))
        failures.push(`${label} ${name}: needed ${JSON.stringify(e.details?.needed)}, the table says ${JSON.stringify(want.needed)}`);
      if (!e.message.includes(name)) failures.push(`${label} ${name}: the message does not name the command: ${e.message}`);
      wantAudit.push(`${username} ${name} ${want.needed.join(',')}`);
    }
  });
  if (storeDigest(db, { ignoreAuditedRefusals: true }) !== before) failures.push(`${label}: refused commands changed the store`);
  expect(audit(fromSeq).map((a) => `${a.actor} ${a.command} ${a.needed.join(',')}`)).toEqual(wantAudit);

  const allowedFrom = lastSeq();
  const ok = batch(allowedNames, who, env);
  if (ok.run.code !== 0) failures.push(`${label}: batch exit ${ok.run.code} ${ok.run.stderr.slice(0, 300)}`);
  expect(ok.lines).toHaveLength(allowedNames.length);
  allowedNames.forEach((name, i) => {
    const line = ok.lines[i]!;
    const got = rightsRefusal(line, name);
    seen.set(name, got);
    if (got) failures.push(`${label} ${name}: allowed by the table but refused: ${JSON.stringify(line).slice(0, 200)}`);
    else if (line.error && (line.error.code === 'internal' || !/^[a-z][a-z0-9_]*$/.test(line.error.code)))
      failures.push(`${label} ${name}: ${JSON.stringify(line).slice(0, 200)}`);
  });
  expect(audit(allowedFrom)).toEqual([]);
  return failures;
}

beforeAll(async () => {
  // Not tempDir(): that one is removed after each test, and this office lives for the file.
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-matrix-cli-'));
  mkdirSync(path.join(dir, 'out'));
  db = path.join(dir, 'office.sqlite');
  const services = await createServices({ dbPath: db, migrate: true, clock: fixedClock(NOW) });
  try {
    await services.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await addFixtureAccounts(services);
    await services.accounts.add(
      { username: MUST_CHANGE, fullName: 'Người Phải Đổi', roles: ['clerk'], confidential: false, password: FIXTURE_PASSWORD },
      OFFICE_USER,
    );
  } finally {
    await services.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('every CLI command × every caller, through the built vanthu', () => {
  it('as each role (--user/--password-env, one batch each): refusals coded, audited, nothing written; the rest let through', () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const u = ROLE_USERS[role];
      failures.push(
        ...asCaller(
          role,
          { roles: u.roles, locked: false, mustChangePassword: false },
          ['--user', u.username, '--password-env', PASSWORD_ENV],
          u.username,
        ),
      );
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('through a `vanthu login` session: the same answers as with --user; logout ends it', () => {
    const env = { XDG_CONFIG_HOME: path.join(dir, 'config') };
    mkdirSync(env.XDG_CONFIG_HOME, { recursive: true });
    const u = ROLE_USERS.specialist;
    const login = cli(db, ['login', '--user', u.username, '--password-env', PASSWORD_ENV, '--json'], undefined, env, {
      now: NOW,
      as: null,
    });
    expect(login.code, login.stderr).toBe(0);
    const failures = asCaller('login session', { roles: u.roles, locked: false, mustChangePassword: false }, [], u.username, env);
    expect(failures).toEqual([]);
    expect([...observed.get('login session')!]).toEqual([...observed.get('specialist')!]);
    expect(cli(db, ['logout', '--json'], undefined, env, { now: NOW, as: null }).code).toBe(0);
    const after = cli(db, ['incoming', 'list', '--json'], undefined, env, { now: NOW, as: null });
    expect([after.code, after.error().code]).toEqual([2, 'unauthenticated']);
  }, 600_000);

  it('an account whose password must be changed: batch refused, and each kind of command refused (password_change_required) but whoami, passwd and the public ones', async () => {
    const before = storeDigest(db, { ignoreAuditedRefusals: true });
    const b = batch(['incoming list'], ['--user', MUST_CHANGE, '--password-env', PASSWORD_ENV]);
    expect([b.run.code, b.run.stdout, JSON.parse(b.run.stderr.trim().split('\n').pop()!).error.code]).toEqual([
      2,
      '',
      'password_change_required',
    ]);
    // One command of each kind of rule on its own (each a process: the batch above refused them all at once).
    const state: CallerState = { roles: ['clerk'], locked: false, mustChangePassword: true };
    const sample = [
      'whoami',
      'passwd',
      'verify',
      'logout',
      'unit list',
      'settings get',
      'incoming add',
      'incoming list',
      'search',
      'user list',
      'init',
      'backup',
    ];
    const runs = await pool(sample, 2, (name) =>
      cliAsync(db, [...name.split(' '), '--user', MUST_CHANGE, '--password-env', PASSWORD_ENV, '--json'], { now: NOW, as: null }),
    );
    const failures: string[] = [];
    sample.forEach((name, i) => {
      const want = expected(name, state);
      const r = runs[i]!;
      const code = r.code === 0 ? null : r.error().code;
      if (want && (r.code !== 2 || code !== want.code)) failures.push(`${name}: expected ${want.code}, got exit ${r.code} ${code}`);
      if (!want && (code === 'password_change_required' || code === 'forbidden' || code === 'unauthenticated'))
        failures.push(`${name}: allowed by the table but ${code}`);
    });
    expect(failures).toEqual([]);
    expect(names.filter((n) => !expected(n, state)).sort()).toEqual(['login', 'logout', 'ocr', 'passwd', 'verify', 'whoami']);
    expect(storeDigest(db, { ignoreAuditedRefusals: true })).toBe(before);
  }, 600_000);

  it('nobody signed in: every command refused (unauthenticated, exit 2, nothing written) but those that need no account; --help always answers', async () => {
    const before = storeDigest(db);
    const runs = await pool(names, 2, (name) => cliAsync(db, [...name.split(' '), '--json'], { now: NOW, as: null }));
    // --help of each group of commands (each a process of its own; --help loads no database).
    const groups = [...new Set(names.map((n) => n.split(' ')[0]!))];
    const helps = await pool(groups, 2, (group) => cliAsync(db, [group, '--help'], { now: NOW, as: null }));
    const failures: string[] = [];
    names.forEach((name, i) => {
      const r = runs[i]!;
      const code = r.code === 0 ? null : r.error().code;
      if (NO_ACCOUNT.has(name)) {
        if (code === 'unauthenticated' && name !== 'init') failures.push(`${name}: needs no account, got unauthenticated`);
      } else if (r.code !== 2 || code !== 'unauthenticated') failures.push(`${name}: exit ${r.code} ${code}`);
    });
    groups.forEach((group, i) => {
      if (helps[i]!.code !== 0 || !helps[i]!.stdout.trim()) failures.push(`${group} --help: exit ${helps[i]!.code}`);
    });
    expect(failures).toEqual([]);
    // init on a database that has its accounts is the administrator's.
    expect(runs[names.indexOf('init')]!.error().code).toBe('unauthenticated');
    expect(storeDigest(db)).toBe(before);

    // verify of a file needs no account; ocr of a file neither an account nor a database.
    const pdf = path.join(dir, 'van-ban.pdf');
    writeFileSync(pdf, minimalPdf());
    const verify = cli(db, ['verify', pdf, '--json'], undefined, {}, { as: null });
    expect(verify.code, verify.stderr).toBe(0);
    const ocr = cli(path.join(dir, 'khong-co', 'office.sqlite'), ['ocr', '--file', pdf, '--json'], undefined, {}, { as: null });
    expect(ocr.code, ocr.stderr).toBe(0);
    // init on a database without accounts makes the first administrator, with no account to sign in with.
    const fresh = path.join(dir, 'fresh.sqlite');
    const init = cli(
      fresh,
      [
        'init',
        '--org-name',
        'UBND xã Thử',
        '--admin',
        'qt.dau',
        '--admin-full-name',
        'Quản Trị Đầu',
        '--admin-password-env',
        PASSWORD_ENV,
        '--json',
      ],
      undefined,
      {},
      { as: null },
    );
    expect(init.code, init.stderr).toBe(0);
  }, 600_000);

  it('batch signs in once for the whole stream: a wrong password is one failed sign-in and runs no line', () => {
    const u = ROLE_USERS.clerk;
    const before = failedLogins(u.username);
    const b = batch(
      ['incoming list', 'search', 'register list', 'unit list', 'whoami'],
      ['--user', u.username, '--password-env', 'WRONG_PW'],
      {
        WRONG_PW: 'Sai-mật-khẩu-2026',
      },
    );
    expect(b.run.code).toBe(2);
    expect(b.run.stdout).toBe('');
    expect(JSON.parse(b.run.stderr.trim().split('\n').pop()!).error.code).toBe('invalid_credentials');
    expect(failedLogins(u.username)).toBe(before + 1);
  });

  it("what each role got agrees with the issue's own statement of the matrix; every command was run", () => {
    const disagreements: string[] = [];
    for (const role of ROLES) {
      const seen = observed.get(role)!;
      expect([...seen.keys()].sort(), role).toEqual(Object.keys(COMMANDS).sort());
      for (const [name, roles] of Object.entries(ISSUE_MATRIX)) {
        const allowed = seen.get(name) === null;
        if (allowed !== roles.includes(role)) disagreements.push(`${role} ${name}: ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

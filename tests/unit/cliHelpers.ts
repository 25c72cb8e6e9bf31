/**
 * Runs the real `vanthu` CLI in a child process, as a script or another tool would: the built
 * program (out/node/cli.js, what `npx vanthu` runs), made fresh by tests/unit/global-setup.ts.
 *
 * Every command needs an account. Centrally, here:
 * - `init` (without --admin of its own) also creates the fixture administrator OFFICE_USER
 *   and gives them every role but specialist, with the confidential grant — the office's
 *   all-rounder most tests act as;
 * - every other command signs in as OFFICE_USER (`--user … --password-env …`) unless the
 *   test names its own `--user` or asks for `{ as: null }` (no account at all);
 * - `{ as: 'someone' }` signs in as another account (the password FIXTURE_PASSWORD).
 * Children hash passwords at a test cost (tests/support/test-kdf.mjs) and keep `vanthu login`
 * sessions in a private config folder, never the developer's own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_ENTRY = path.join(ROOT, 'out/node/cli.js');
/** Test-only preload that starts the child's clock at VANTHU_TEST_NOW (see the file). */
export const FIXED_NOW_PRELOAD = path.join(ROOT, 'tests/support/fixed-now.mjs');
/** Test-only preload that lowers the password hashing cost (see the file). */
export const TEST_KDF_PRELOAD = path.join(ROOT, 'tests/support/test-kdf.mjs');

import { FIXTURE_PASSWORD, OFFICE_FULL_NAME, OFFICE_ROLES, OFFICE_USER, PASSWORD_ENV } from '../support/accounts.js';

export { FIXTURE_PASSWORD, OFFICE_FULL_NAME, OFFICE_ROLES, OFFICE_USER, PASSWORD_ENV };

/** A config folder of this test run: `vanthu login` sessions land here, not in the developer's home. */
const CONFIG_HOME = mkdtempSync(path.join(os.tmpdir(), 'vanthu-test-config-'));

export interface CliOptions {
  /** The child's clock starts here (ISO 8601), e.g. '2026-05-10T09:00:00+07:00'. Default: the real time. */
  now?: string;
  /** Who runs the command: default OFFICE_USER; null = nobody (no --user, no session). */
  as?: string | null;
}

function preload(opts: CliOptions): string[] {
  return ['--import', TEST_KDF_PRELOAD, ...(opts.now ? ['--import', FIXED_NOW_PRELOAD] : [])];
}

function childEnv(env: NodeJS.ProcessEnv, opts: CliOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: CONFIG_HOME,
    [PASSWORD_ENV]: FIXTURE_PASSWORD,
    ...env,
    ...(opts.now ? { VANTHU_TEST_NOW: opts.now } : {}),
  };
}

/** The arguments with the fixture account added (see the file's comment). */
export function withAccount(args: string[], opts: CliOptions = {}): string[] {
  if (args.includes('--user') || args.includes('--help') || opts.as === null) return args;
  if (args[0] === 'init') {
    if (args.includes('--admin')) return args;
    return [...args, '--admin', OFFICE_USER, '--admin-full-name', OFFICE_FULL_NAME, '--admin-password-env', PASSWORD_ENV];
  }
  return [...args, '--user', opts.as ?? OFFICE_USER, '--password-env', PASSWORD_ENV];
}

/** The argv and environment of a CLI child a test spawns itself (batch streams): preloads, account and all. */
export function cliProcess(args: string[], opts: CliOptions = {}, env: NodeJS.ProcessEnv = {}): { argv: string[]; env: NodeJS.ProcessEnv } {
  return { argv: [...preload(opts), CLI_ENTRY, ...withAccount(args, opts)], env: childEnv(env, opts) };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience over arbitrary CLI output
  error: () => { code: string; field?: string; message: string; [k: string]: unknown };
}

function wrap(code: number | null, stdout: string, stderr: string): CliRun {
  return {
    code: code ?? -1,
    stdout,
    stderr,
    json: () => JSON.parse(stdout),
    error: () => JSON.parse(stderr.trim().split('\n').pop()!).error,
  };
}

function runSync(db: string, args: string[], input: string | undefined, env: NodeJS.ProcessEnv, opts: CliOptions): CliRun {
  const r = spawnSync(process.execPath, [...preload(opts), CLI_ENTRY, ...args, '--db', db], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: childEnv(env, opts),
  });
  return wrap(r.status, r.stdout, r.stderr);
}

export function cli(db: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}, opts: CliOptions = {}): CliRun {
  const fixtureInit = args[0] === 'init' && !args.includes('--admin') && !args.includes('--user') && opts.as !== null;
  const r = runSync(db, withAccount(args, opts), input, env, opts);
  if (!fixtureInit) return r;
  // init again on a database that has its accounts: as the administrator (the first
  // administrator's flags are refused there: setup_done, or unauthenticated when checked first).
  if (r.code === 2 && (r.stderr.includes('setup_done') || r.stderr.includes('unauthenticated')))
    return runSync(db, [...args, '--user', OFFICE_USER, '--password-env', PASSWORD_ENV], input, env, opts);
  // The fixture administrator of a new database gets the office's other roles too.
  if (r.code === 0) {
    const roles = OFFICE_ROLES.flatMap((role) => ['--role', role]);
    const u = runSync(db, withAccount(['user', 'update', OFFICE_USER, ...roles, '--confidential', '--json'], opts), undefined, env, opts);
    if (u.code !== 0) throw new Error(`fixture account: ${u.stderr}`);
  }
  return r;
}

export function cliAsync(db: string, args: string[], opts: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...preload(opts), CLI_ENTRY, ...withAccount(args, opts), '--db', db], {
      cwd: ROOT,
      env: childEnv({}, opts),
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    p.on('close', (code) => resolve(wrap(code, out, err)));
  });
}

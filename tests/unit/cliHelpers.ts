/**
 * Runs the real `vanthu` CLI in a child process, as a script or another tool would: the built
 * program (out/node/cli.js, what `npx vanthu` runs), made fresh by tests/unit/global-setup.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_ENTRY = path.join(ROOT, 'out/node/cli.js');
/** Test-only preload that starts the child's clock at VANTHU_TEST_NOW (see the file). */
export const FIXED_NOW_PRELOAD = path.join(ROOT, 'tests/support/fixed-now.mjs');

export interface CliOptions {
  /** The child's clock starts here (ISO 8601), e.g. '2026-05-10T09:00:00+07:00'. Default: the real time. */
  now?: string;
}

function preload(opts: CliOptions): string[] {
  return opts.now ? ['--import', FIXED_NOW_PRELOAD] : [];
}

function childEnv(env: NodeJS.ProcessEnv, opts: CliOptions): NodeJS.ProcessEnv {
  return { ...process.env, ...env, ...(opts.now ? { VANTHU_TEST_NOW: opts.now } : {}) };
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

export function cli(db: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}, opts: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [...preload(opts), CLI_ENTRY, ...args, '--db', db], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: childEnv(env, opts),
  });
  return wrap(r.status, r.stdout, r.stderr);
}

export function cliAsync(db: string, args: string[], opts: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...preload(opts), CLI_ENTRY, ...args, '--db', db], {
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

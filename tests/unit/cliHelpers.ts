/**
 * Runs the real `vanthu` CLI in a child process, as a script or another tool would: the built
 * program (out/node/cli.js, what `npx vanthu` runs), made fresh by tests/unit/global-setup.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_ENTRY = path.join(ROOT, 'out/node/cli.js');

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

export function cli(db: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI_ENTRY, ...args, '--db', db], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return wrap(r.status, r.stdout, r.stderr);
}

export function cliAsync(db: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI_ENTRY, ...args, '--db', db], {
      cwd: ROOT,
      env: process.env,
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    p.on('close', (code) => resolve(wrap(code, out, err)));
  });
}

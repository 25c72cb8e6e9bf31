/**
 * `npm test` on a fresh machine (scripts/test.mjs): the checker tools are found or installed,
 * or the run stops naming exactly what is missing and how to install it; and a test that
 * never ran because a hook before it failed is counted as failed, in both runners.
 *
 * The Debian packages cannot be removed here (other work needs them), so the "fresh machine"
 * is a PATH of empty folders and a file system view where nothing exists; apt is a recorder.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countPlaywright } from '../../scripts/lib/counts.mjs';
import { defaultContext, detectSystem, ensureTools, missingTools, TOOLS, type ToolContext } from '../../scripts/lib/tools.mjs';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/hook-failure');

const ALL_APT = [
  'poppler-utils',
  'qpdf',
  'mupdf-tools',
  'libnss3-tools',
  'openssl',
  'softhsm2',
  'opensc',
  'chromium',
  'fonts-liberation2',
  'postgresql-15',
  'postgresql-client-15',
];

/** A machine where nothing is installed, except the programs named (fake executables on PATH). */
function bareMachine(programs: string[] = []): ToolContext & { bin: string } {
  const bin = tempDir();
  for (const p of programs) {
    writeFileSync(path.join(bin, p), '#!/bin/sh\n');
    chmodSync(path.join(bin, p), 0o755);
  }
  const ctx = defaultContext({ PATH: bin });
  return { ...ctx, bin, exists: (f: string) => f.startsWith(bin + path.sep) && existsSync(f) };
}

function recorder(answers: { policy?: (pkg: string) => string; onInstall?: () => void } = {}) {
  const calls: string[] = [];
  const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
    calls.push([cmd, ...args].join(' '));
    expect(env.DEBIAN_FRONTEND).toBe('noninteractive');
    if (cmd === 'apt-cache')
      return { status: 0, stdout: answers.policy?.(args[1]!) ?? `${args[1]}:\n  Installed: (none)\n  Candidate: 1.0-1\n`, stderr: '' };
    if (cmd === 'apt-get' && args[0] === 'install') answers.onInstall?.();
    return { status: 0, stdout: '', stderr: '' };
  };
  return { calls, run };
}

describe('the checker tools of npm test', () => {
  it('are all found on this machine (the control for the bare-machine cases below)', () => {
    expect(missingTools().map((t) => t.tool)).toEqual([]);
    expect(detectSystem('linux', { ID: 'debian' })).toBe('debian');
    expect(detectSystem('linux', { ID: 'ubuntu', ID_LIKE: 'debian' })).toBe('debian');
    expect(detectSystem('linux', { ID: 'rocky', ID_LIKE: 'rhel centos fedora' })).toBe('fedora');
    expect(detectSystem('darwin', {})).toBe('macos');
  });

  it('on a bare machine, names every missing tool and the one apt command that installs them all (not root: sudo)', () => {
    const ctx = bareMachine();
    expect(missingTools(ctx).map((t) => t.tool)).toEqual(TOOLS.map((t) => t.tool));
    const { calls, run } = recorder();
    const r = ensureTools({ ctx, system: 'debian', isRoot: false, run, log: () => {} });
    expect(r.ok).toBe(false);
    expect(calls).toEqual([]); // a non-root user is told, nothing is run
    for (const t of [
      'pdftotext',
      'pdfsig',
      'pdftoppm',
      'pdffonts',
      'qpdf',
      'mutool',
      'certutil',
      'openssl',
      'softhsm2-util',
      'pkcs11-tool',
      'chromium',
      'Liberation fonts',
      'psql',
      'pg_dump',
      'pg_restore',
    ])
      expect(r.message).toContain(t);
    expect(r.message).toContain(`sudo apt-get install -y --no-install-recommends ${ALL_APT.join(' ')}`);
  });

  it('reports only what is missing: tools present on PATH are not listed', () => {
    const ctx = bareMachine(['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm', 'pdfsig', 'qpdf', 'openssl']);
    const missing = missingTools(ctx).map((t) => t.tool);
    expect(missing).not.toContain('pdftotext');
    expect(missing).not.toContain('qpdf');
    expect(missing).toContain('mutool');
    const r = ensureTools({ ctx, system: 'debian', isRoot: false, run: recorder().run, log: () => {} });
    expect(r.message).toMatch(/apt-get install -y --no-install-recommends mupdf-tools libnss3-tools softhsm2 opensc chromium/);
    expect(r.message).not.toMatch(/poppler-utils|qpdf /);
  });

  it('as root on Debian installs the missing packages quietly, once, updating apt lists only when a package is unknown', () => {
    let installed = false;
    const ctx = bareMachine();
    const view = { ...ctx, exists: (f: string) => installed || ctx.exists(f), executable: (f: string) => installed || ctx.executable(f) };
    const known = recorder({ onInstall: () => (installed = true) });
    expect(ensureTools({ ctx: view, system: 'debian', isRoot: true, run: known.run, log: () => {} })).toMatchObject({
      ok: true,
      installed: ALL_APT,
    });
    expect(known.calls.filter((c) => c.startsWith('apt-get'))).toEqual([
      `apt-get install -y -qq --no-install-recommends ${ALL_APT.join(' ')}`,
    ]);

    installed = false;
    const stale = recorder({
      policy: (p) => (p === 'mupdf-tools' ? 'mupdf-tools:\n  Installed: (none)\n  Candidate: (none)\n' : `${p}:\n  Candidate: 1.0\n`),
      onInstall: () => (installed = true),
    });
    expect(ensureTools({ ctx: view, system: 'debian', isRoot: true, run: stale.run, log: () => {} }).ok).toBe(true);
    expect(stale.calls.filter((c) => c.startsWith('apt-get'))).toEqual([
      'apt-get update -qq',
      `apt-get install -y -qq --no-install-recommends ${ALL_APT.join(' ')}`,
    ]);
    // Once installed, the next run finds everything and runs nothing.
    const again = recorder();
    expect(ensureTools({ ctx: view, system: 'debian', isRoot: true, run: again.run, log: () => {} })).toMatchObject({
      ok: true,
      installed: [],
    });
    expect(again.calls).toEqual([]);
  });

  it('fails, with apt output, when apt cannot install', () => {
    const run = (cmd: string, args: string[]) =>
      cmd === 'apt-get' && args[0] === 'install'
        ? { status: 100, stdout: '', stderr: 'E: Unable to locate package chromium' }
        : { status: 0, stdout: 'Candidate: 1', stderr: '' };
    const r = ensureTools({ ctx: bareMachine(), system: 'debian', isRoot: true, run, log: () => {} });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('E: Unable to locate package chromium');
    expect(r.message).toContain('apt-get install -y --no-install-recommends');
  });

  it('elsewhere prints the command of that system and installs nothing', () => {
    const { calls, run } = recorder();
    const mac = ensureTools({ ctx: bareMachine(), system: 'macos', isRoot: false, run, log: () => {} });
    expect(mac.ok).toBe(false);
    expect(mac.message).toMatch(/brew install poppler qpdf mupdf-tools nss openssl@3 softhsm opensc postgresql@15/);
    expect(mac.message).toMatch(/Install by hand.*chromium \(Debian: chromium\).*Liberation fonts/s);
    const fedora = ensureTools({ ctx: bareMachine(), system: 'fedora', isRoot: true, run, log: () => {} });
    expect(fedora.message).toMatch(
      /^ {2}dnf install -y poppler-utils qpdf mupdf nss-tools openssl softhsm opensc chromium liberation-serif-fonts/m,
    );
    const windows = ensureTools({ ctx: bareMachine(), system: 'windows', isRoot: false, run, log: () => {} });
    expect(windows.message).toMatch(/WSL/);
    expect(calls).toEqual([]);
  });
});

describe('counting tests under a failed hook', () => {
  it('vitest: the tests a failed beforeAll kept from running are failed, it.skip stays skipped', () => {
    const counts = path.join(tempDir(), 'counts.json');
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'vitest.config.ts',
        `--reporter=${path.join(ROOT, 'scripts/lib/vitest-counter.mjs')}`,
      ],
      { cwd: FIXTURE, encoding: 'utf8', env: { ...process.env, VANTHU_VITEST_COUNTS: counts } },
    );
    expect(r.status).not.toBe(0);
    const c = JSON.parse(readFileSync(counts, 'utf8'));
    expect({ passed: c.passed, failed: c.failed, skipped: c.skipped }).toEqual({ passed: 1, failed: 4, skipped: 1 });
    expect(c.failures.join('\n')).toMatch(/broken hook > a \(did not run: spawnSync certutil ENOENT\)/);
    expect(c.failures.join('\n')).toMatch(/nested > c \(did not run/);
    expect(c.skips).toEqual(['hook.test.ts › broken hook > skipped on purpose']);
  });

  it('playwright: likewise from its JSON report', () => {
    const report = path.join(tempDir(), 'pw.json');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '--config', 'playwright.config.ts'],
      {
        cwd: FIXTURE,
        encoding: 'utf8',
        env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
      },
    );
    expect(r.status).not.toBe(0);
    const c = countPlaywright(JSON.parse(readFileSync(report, 'utf8')));
    expect({ passed: c.passed, failed: c.failed, skipped: c.skipped }).toEqual({ passed: 1, failed: 3, skipped: 1 });
    expect(c.failures).toEqual([
      'hook.spec.ts › broken hook › a: Error: spawnSync pdftotext ENOENT',
      'hook.spec.ts › broken hook › b (did not run: a hook or fixture before it failed)',
      'hook.spec.ts › broken hook › nested › c (did not run: a hook or fixture before it failed)',
    ]);
  });
});

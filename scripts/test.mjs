#!/usr/bin/env node
// `npm test`: makes sure the independent checker tools are there (installing them with apt on
// Debian/Ubuntu as root — see scripts/lib/tools.mjs), builds the Node programs, then runs every
// suite: type-check, lint, format, unit tests (vitest), browser end-to-end tests (Playwright).
// Ends with one line "N passed, N failed" that CI reads; exits non-zero on any failure.
// A test that did not run because a hook before it failed counts as failed (scripts/lib/counts.mjs);
// tests skipped on purpose are listed by name.
//
//   node scripts/test.mjs --tools-only    check (and on Debian as root install) the tools, nothing else
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countPlaywright } from './lib/counts.mjs';
import { ensureTools } from './lib/tools.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const skips = [];

function run(label, cmd, args, env = {}) {
  process.stderr.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(label, cmd, args) {
  if (run(label, cmd, args) === 0) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function finish() {
  if (skips.length) {
    process.stderr.write(`\nSkipped on purpose (${skips.length}):\n`);
    for (const s of skips) process.stderr.write(`  - ${s}\n`);
  }
  if (failures.length) {
    process.stderr.write(`\nFailed (${failures.length}):\n`);
    for (const f of failures.slice(0, 100)) process.stderr.write(`  ✗ ${f}\n`);
    if (failures.length > 100) process.stderr.write(`  … and ${failures.length - 100} more\n`);
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

// 0. The checker tools. Without them every PDF, signature, token, PostgreSQL and browser test
// would fail for a reason that has nothing to do with our code: stop here and say what to do.
process.stderr.write('=== test tools ===\n');
const tools = ensureTools();
if (!tools.ok) {
  process.stderr.write(`${tools.message}\n\n`);
  failed++;
  finish();
}
process.stderr.write(tools.installed.length ? `installed: ${tools.installed.join(' ')}\n` : 'all present\n');
if (process.argv.includes('--tools-only')) process.exit(0);

// 1. The Node programs the tests run (out/node/cli.js, web.js); a build failure is a failed test.
check('build (out/node)', process.execPath, ['scripts/build.mjs', '--if-stale']);

// 2. Type-check, lint (layering rules included), formatting: each a test that can fail.
check('typecheck', npx, ['tsc', '-b', '--pretty', 'false']);
check('lint (eslint)', npm, ['run', '-s', 'lint']);
check('format (prettier --check)', npm, ['run', '-s', 'format:check']);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-test-report-'));

// 3. Unit tests (vitest), counted by our reporter from vitest's own task tree.
const vitestCounts = path.join(tmp, 'vitest-counts.json');
const vitestStatus = run(
  'unit tests (vitest)',
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=./scripts/lib/vitest-counter.mjs'],
  { VANTHU_VITEST_COUNTS: vitestCounts },
);
if (existsSync(vitestCounts)) {
  const c = JSON.parse(readFileSync(vitestCounts, 'utf8'));
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
  failures.push(...c.failures.map((f) => `vitest: ${f}`));
  skips.push(...c.skips.map((s) => `vitest: ${s}`));
  if (vitestStatus !== 0 && c.failed === 0) {
    failed++;
    failures.push(`vitest exited ${vitestStatus} without a failed test (see its output)`);
  }
} else {
  failed++;
  failures.push('vitest did not report (it crashed or its configuration failed)');
}

// 4. End-to-end tests in Chromium (Playwright), from its JSON report.
if (existsSync('playwright.config.ts')) {
  const pwReport = path.join(tmp, 'playwright.json');
  const status = run('end-to-end tests (playwright)', npx, ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
  });
  if (existsSync(pwReport)) {
    const c = countPlaywright(JSON.parse(readFileSync(pwReport, 'utf8')));
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
    failures.push(...c.failures.map((f) => `playwright: ${f}`));
    skips.push(...c.skips.map((s) => `playwright: ${s}`));
    if (status !== 0 && c.failed === 0) {
      failed++;
      failures.push(`playwright exited ${status} without a failed test (see its output)`);
    }
  } else {
    failed++;
    failures.push('playwright did not report (it crashed or its configuration failed)');
  }
}

rmSync(tmp, { recursive: true, force: true });
finish();

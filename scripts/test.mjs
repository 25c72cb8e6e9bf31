#!/usr/bin/env node
// Runs every test suite (type-check, unit tests, browser end-to-end tests when present)
// and prints one closing line "N passed, N failed" that CI reads. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, env = {}) {
  process.stderr.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

// 1. Type-check: a type error is a failed test.
if (run('typecheck', npx, ['tsc', '-b', '--pretty', 'false']) === 0) passed++;
else failed++;

// 1b. Lint (layering rules included) and formatting: each a test that can fail.
if (run('lint (eslint)', 'npm', ['run', '-s', 'lint']) === 0) passed++;
else failed++;
if (run('format (prettier --check)', 'npm', ['run', '-s', 'format:check']) === 0) passed++;
else failed++;

// 2. Unit tests (vitest), counted from its JSON report.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-test-report-'));
const vitestReport = path.join(tmp, 'vitest.json');
const vitestStatus = run('unit tests (vitest)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (vitestStatus !== 0 && r.numFailedTests === 0) failed++; // e.g. a suite that failed to load
} else {
  failed++;
}

// 3. End-to-end tests in Chromium (Playwright), when the suite exists.
if (existsSync('playwright.config.ts')) {
  const pwReport = path.join(tmp, 'playwright.json');
  const status = run('end-to-end tests (playwright)', npx, ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
  });
  if (existsSync(pwReport)) {
    const s = JSON.parse(readFileSync(pwReport, 'utf8')).stats;
    passed += s.expected + (s.flaky ?? 0);
    failed += s.unexpected;
    skipped += s.skipped;
    if (status !== 0 && s.unexpected === 0) failed++;
  } else {
    failed++;
  }
}

rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

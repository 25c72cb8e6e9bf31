// Counting test results for the one closing line of `npm test` ("N passed, N failed").
// A test that was meant to run and did not — because a beforeAll hook (or a fixture, or the
// file itself) failed — is FAILED, not skipped: both runners report such tests as "skipped".
// A test skipped on purpose (it.skip / test.skip / a runtime skip with a reason) stays skipped,
// and is listed by name so that no skip goes unnoticed.

/**
 * Playwright's JSON report. A test whose expected status is not "skipped" but which ended
 * "skipped" never ran: a beforeAll in its describe, a worker fixture or the global setup failed.
 */
export function countPlaywright(report) {
  const out = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = [...titles, spec.title].filter(Boolean).join(' › ');
        const last = t.results?.at(-1);
        if (t.expectedStatus === 'skipped' && (t.status === 'skipped' || t.status === 'expected')) {
          out.skipped++;
          out.skips.push(name + skipReason(t.annotations));
        } else if (t.status === 'expected' || t.status === 'flaky') out.passed++;
        else if (t.status === 'skipped') {
          out.failed++;
          out.failures.push(`${name} (did not run: a hook or fixture before it failed)`);
        } else {
          out.failed++;
          out.failures.push(`${name}${last?.error?.message ? `: ${firstLine(last.error.message)}` : ''}`);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const s of report.suites ?? []) visit(s, [s.title]);
  // Errors outside any test: global setup, a spec file that does not load.
  for (const e of report.errors ?? []) {
    out.failed++;
    out.failures.push(`(outside a test) ${firstLine(e.message ?? String(e))}`);
  }
  return out;
}

function skipReason(annotations = []) {
  const a = annotations.find((x) => x.type === 'skip' || x.type === 'fixme');
  return a?.description ? ` — ${a.description}` : '';
}

function firstLine(s) {
  return String(s)
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((l) => l.trim())
    ?.trim();
}

/**
 * Vitest's reported test modules (from a reporter's onTestRunEnd). A test that ended
 * "skipped" although its mode was "run" never ran if any suite above it, or its file, has
 * errors (a failed beforeAll/afterAll, a file that failed to load).
 */
export function countVitest(testModules, unhandledErrors = []) {
  const out = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
  for (const mod of testModules) {
    const where = mod.project?.name
      ? `[${mod.project.name}] ${mod.relativeModuleId ?? mod.moduleId}`
      : (mod.relativeModuleId ?? mod.moduleId);
    let tests = 0;
    for (const test of mod.children.allTests()) {
      tests++;
      const r = test.result();
      const name = `${where} › ${test.fullName}`;
      if (r.state === 'passed') out.passed++;
      else if (r.state === 'failed') {
        out.failed++;
        out.failures.push(`${name}: ${firstLine(r.errors?.[0]?.message ?? 'failed')}`);
      } else if (r.state === 'skipped' && (test.options.mode === 'skip' || test.options.mode === 'todo' || !brokenAbove(test))) {
        out.skipped++;
        out.skips.push(name + (r.note ? ` — ${r.note}` : ''));
      } else {
        // Skipped under a failed hook, or still pending when the run ended.
        out.failed++;
        out.failures.push(`${name} (did not run: ${firstLine(brokenAbove(test) ?? 'the run ended before it')})`);
      }
    }
    const modErrors = mod.errors();
    if (tests === 0 && (modErrors.length || mod.state() === 'failed')) {
      out.failed++;
      out.failures.push(`${where}: ${firstLine(modErrors[0]?.message ?? 'the file failed')}`);
    }
  }
  for (const e of unhandledErrors) {
    out.failed++;
    out.failures.push(`(unhandled error) ${firstLine(e?.message ?? String(e))}`);
  }
  return out;
}

/** The message of the first error on a suite above the test or on its file, or null. */
function brokenAbove(test) {
  for (let p = test.parent; p; p = p.parent) {
    const errors = p.errors?.() ?? [];
    if (errors.length) return errors[0].message ?? 'a hook failed';
    if (p.type === 'module') break;
  }
  return null;
}

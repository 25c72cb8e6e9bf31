/**
 * The search part of the benchmark alone, on a kept database, so that search work can be
 * measured in seconds instead of re-importing a million documents each time:
 *
 *   npx tsx bench/searchOnly.ts --db FILE [--docs N] [--runs R] [--only id,id] [--json] [--ids OUT.json]
 *
 * Without FILE on disk it first builds it as `npm run bench` does (the same generator, seed and
 * import in a process of its own; no single adds). The naive reference is kept beside it in
 * FILE.naive (built once). Figures are the 20 queries of queries.ts through the services, as in
 * run.ts (benchSearch): a warm-up, R interleaved rounds, then the check against the reference.
 * `--ids OUT.json` writes every query's first page and its 500 newest ids, to compare two
 * builds' answers (same hits, same order).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { createServices } from '../src/main/services.js';
import { parseInstant } from '../src/shared/text/dates.js';
import { writeJsonl } from './generate.js';
import { NaiveSearch } from './naiveSearch.js';
import { benchSearch } from './searchBench.js';
import { QUERIES } from './queries.js';

const CLOCK_ISO = '2026-11-20T10:00:00+07:00';
const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    docs: { type: 'string' },
    runs: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    ids: { type: 'string' },
  },
  strict: true,
});
if (!args.db) {
  process.stderr.write('usage: tsx bench/searchOnly.ts --db FILE [--docs N] [--runs R] [--only id,id] [--json] [--ids OUT.json]\n');
  process.exit(2);
}
const dbPath = path.resolve(args.db);
const docs = Number((args.docs ?? '1000000').replace(/[_,]/g, ''));
const runs = Number(args.runs ?? '5');
const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${m}\n`);
const load = () => os.loadavg()[0]!.toFixed(2);

function importInChild(file: string): Promise<void> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'importChild.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath, file, CLOCK_ISO], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`import process exited with ${code}`))));
  });
}

if (!existsSync(dbPath)) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-search-bench-'));
  const jsonl = path.join(tmp, 'documents.jsonl');
  log(`generating ${docs} documents`);
  writeJsonl(jsonl, docs, { seed: 20250101 });
  log('importing');
  await importInChild(jsonl);
  rmSync(tmp, { recursive: true, force: true });
}
const naivePath = `${dbPath}.naive`;
const reference = () =>
  existsSync(naivePath)
    ? NaiveSearch.open(dbPath, naivePath)
    : NaiveSearch.build(dbPath, naivePath, (n) => log(`reference: ${n} documents`));
const clockMs = parseInstant(CLOCK_ISO)!;
const services = await createServices({ dbPath, migrate: true, clock: () => clockMs });
const only = args.only ? new Set(args.only.split(',')) : null;
const loadBefore = load();
const res = await benchSearch(services, reference, runs, log, only ? QUERIES.filter((q) => only.has(q.id)) : QUERIES);
const loadAfter = load();
const pct = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.max(1, Math.ceil((p / 100) * v.length)) - 1]!;
const summary = {
  firstPageP50Ms: pct(res.firstPage, 50),
  firstPageP95Ms: pct(res.firstPage, 95),
  countP50Ms: pct(res.count, 50),
  countP95Ms: pct(res.count, 95),
  agrees: res.disagreements.length === 0,
  gc: res.gc,
  timedCpuMs: res.timedCpuMs,
  load: `${loadBefore} → ${loadAfter}`,
};
if (args.ids) {
  const answers: Record<string, { page: number[]; total: number; capped: boolean; newest: number[] }> = {};
  for (const q of only ? QUERIES.filter((x) => only.has(x.id)) : QUERIES) {
    const first = await services.search.search(q.params);
    const byDate = await services.search.search({ ...q.params, sort: 'date', limit: 500 });
    answers[q.id] = {
      page: first.items.map((d) => d.id),
      total: first.total,
      capped: first.totalCapped,
      newest: byDate.items.map((d) => d.id),
    };
  }
  writeFileSync(args.ids, JSON.stringify(answers, null, 1));
}
await services.close();
if (args.json) process.stdout.write(JSON.stringify({ summary, perQuery: res.perQuery }, null, 1) + '\n');
else {
  const rows = [...res.perQuery].sort((a, b) => b.firstPageP95Ms - a.firstPageP95Ms);
  for (const q of rows)
    process.stdout.write(
      `${q.id.padEnd(30)} page p50 ${String(q.firstPageP50Ms).padStart(6)} p95 ${String(q.firstPageP95Ms).padStart(6)}  ` +
        `count p50 ${String(q.countP50Ms).padStart(6)} p95 ${String(q.countP95Ms).padStart(6)}  total ${q.total}${q.agrees ? '' : '  DISAGREES'}\n`,
    );
  process.stdout.write(
    `ALL page p50 ${summary.firstPageP50Ms.toFixed(1)} p95 ${summary.firstPageP95Ms.toFixed(1)}; count p50 ${summary.countP50Ms.toFixed(1)} p95 ${summary.countP95Ms.toFixed(1)}; agrees ${summary.agrees}; gc ${JSON.stringify(summary.gc)}; CPU of the timed rounds ${summary.timedCpuMs} ms; load ${summary.load}\n`,
  );
}

/**
 * VănThư benchmark: `npm run bench -- [--docs N] [--json] [--db FILE] [--keep]`.
 *
 * Builds a database of N synthetic documents through the real import (in a child process,
 * whose peak memory is its own), then times single adds, 20 fixed searches (first page and
 * exact count, checked against a naive FTS5 reference built independently), register list
 * pages, and reports size and memory. See bench/README.md.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { createServices, type Services } from '../src/main/services.js';
import { benchWorkflow } from './workflow.js';
import { benchOutgoing } from './outgoing.js';
import { benchPrinting } from './printing.js';
import { benchInterchange } from './interchange.js';
import { SqliteStore } from '../src/main/db/sqlite/store.js';
import { parseInstant, toVnIso, vnYear } from '../src/shared/text/dates.js';
import { DocGenerator, writeJsonl } from './generate.js';
import { benchStartup, type StartupResult } from './startup.js';
import { benchAccounts, type AccountsResult } from './accounts.js';
import { NaiveSearch } from './naiveSearch.js';
import { benchSearch, type QueryFigures } from './searchBench.js';

const CLOCK_ISO = '2026-11-20T10:00:00+07:00';
const ADD_COUNT = 200;
const SEARCH_RUNS = 5;
const LIST_RUNS = 7;

const TARGETS = {
  importDocsPerSec: { min: 20_000 },
  addP95Ms: { max: 5 },
  searchFirstPageP95Ms: { max: 20 },
  searchCountP95Ms: { max: 60 },
  importPeakRssMb: { max: 600 },
  listFirstPageMs: { max: 10 },
  list100thPageMs: { max: 10 },
  reportNineMonthsMs: { max: 200 },
  outgoingRenderMs: { max: 150 },
  signBothMs: { max: 60 },
  verifyBothMs: { max: 10 },
  registerBook3000Ms: { max: 5_000 },
  overdueListMs: { max: 50 },
  edxmlExportMs: { max: 300 },
  edxmlImportMs: { max: 300 },
  ocrSecondsPerPage: { max: 6 },
  extract20PagesMs: { max: 300 },
  contentSearchP95Ms: { max: 50 },
} as const;

// ---------------------------------------------------------------------------------------
// Arguments, logging, memory

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string' },
    json: { type: 'boolean', default: false },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    seed: { type: 'string' },
    // The office database (bench/office.ts): --store postgres|both, --database URL, --writers N, --writer-seconds S.
    store: { type: 'string' },
    database: { type: 'string' },
    writers: { type: 'string' },
    'writer-seconds': { type: 'string' },
    // `--only startup|accounts`: only that section (bench/startup.ts, bench/accounts.ts); `--runs N` startup's repetitions.
    only: { type: 'string' },
    runs: { type: 'string' },
  },
  strict: true,
});
if (args.only !== undefined && !['startup', 'accounts', 'archive'].includes(args.only)) {
  process.stderr.write(`--only: the sections that run alone are "startup", "accounts" and "archive"\n`);
  process.exit(2);
}
const startupRuns = args.runs === undefined ? 10 : Number(args.runs);

const docs = args.docs === undefined ? 100_000 : Number(args.docs.replace(/[_,]/g, ''));
if (!Number.isInteger(docs) || docs < 1 || docs > 5_000_000) {
  process.stderr.write(`--docs must be an integer from 1 to 5,000,000\n`);
  process.exit(2);
}
const seed = args.seed === undefined ? 20250101 : Number(args.seed);

const t0 = performance.now();
const loadAtStart = os.loadavg();
function log(msg: string): void {
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}\n`);
}

let peakRss = 0;
function sampleRss(): void {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
}
const sampler = setInterval(sampleRss, 100);
sampler.unref();

// ---------------------------------------------------------------------------------------
// Statistics

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}
const median = (v: number[]) => percentile(v, 50);
const r1 = (ms: number) => Math.round(ms * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

async function timeAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const a = performance.now();
  const v = await fn();
  return [performance.now() - a, v];
}

function timeSync<T>(fn: () => T): [number, T] {
  const a = performance.now();
  const v = fn();
  return [performance.now() - a, v];
}

// ---------------------------------------------------------------------------------------
// The import, in a child process

interface ImportFigures {
  imported: number;
  rejected: number;
  firstRejected: unknown[];
  seconds: number;
  cpuSeconds: number;
  /** The writing (main) thread's CPU alone; null off Linux. */
  writerCpuSeconds: number | null;
  /** Until the last row was written, and the rest (new words, senders, the search index merged, the file kept, commit). */
  rowsSeconds: number;
  finishSeconds: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
}

function importInChild(dbPath: string, file: string): Promise<ImportFigures> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'importChild.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath, file, CLOCK_ISO], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) log(line.trim());
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`import process exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ImportFigures);
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-'));
  const dbPath = args.db ? path.resolve(args.db) : path.join(tmp, 'bench.db');
  const reuse = args.reuse && existsSync(dbPath);
  if (!reuse && existsSync(dbPath)) throw new Error(`${dbPath} exists: remove it, or pass --reuse to benchmark it as it is`);
  const clockMs = parseInstant(CLOCK_ISO)!;
  const clock = () => clockMs;
  let services: Services | null = null;
  try {
    log(`VănThư benchmark: ${docs.toLocaleString('en')} documents, database ${dbPath}`);

    // 1. Synthetic data → JSONL
    let importDocsPerSec: number | null = null;
    let importSeconds: number | null = null;
    let imported: ImportFigures | null = null;
    let generateSeconds: number | null = null;
    let jsonlBytes: number | null = null;
    let generator: DocGenerator;
    const jsonl = path.join(tmp, 'documents.jsonl');
    if (reuse) {
      log('--reuse: skipping generation and import');
      // Fresh symbols so the adds never collide with documents already there.
      generator = new DocGenerator(Date.now() & 0x7fffffff, 1_000_000);
    } else {
      const [ms, out] = timeSync(() =>
        writeJsonl(jsonl, docs, { seed, onProgress: (n) => (sampleRss(), n % 200_000 === 0 && log(`generated ${n}`)) }),
      );
      generator = out.generator;
      generateSeconds = ms / 1000;
      jsonlBytes = out.bytes;
      log(`generated ${docs} documents (${(out.bytes / 1e6).toFixed(1)} MB JSONL) in ${generateSeconds.toFixed(1)} s`);
    }
    sampleRss();

    // 2. Database + bulk import (one transaction, the whole file), in a process of its own
    if (!reuse) {
      imported = await importInChild(dbPath, jsonl);
      if (imported.imported !== docs)
        throw new Error(`imported ${imported.imported} of ${docs}; rejected: ${JSON.stringify(imported.firstRejected)}`);
      importSeconds = imported.seconds;
      importDocsPerSec = docs / importSeconds;
      log(
        `imported ${docs} documents in ${importSeconds.toFixed(1)} s: ${Math.round(importDocsPerSec)} docs/s, ` +
          `peak RSS ${Math.round(imported.maxRssMb)} MB, CPU ${imported.cpuSeconds.toFixed(1)} s (writing thread ${imported.writerCpuSeconds?.toFixed(1) ?? '?'} s), ` +
          `rows ${imported.rowsSeconds.toFixed(1)} s + end ${imported.finishSeconds.toFixed(1)} s (load ${os.loadavg()[0]!.toFixed(2)})`,
      );
      rmSync(jsonl, { force: true });
    }
    services = await createServices({ dbPath, migrate: true, clock });
    if (reuse) await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
    const present = await services.store.read((r) => r.incoming.count());
    log(`documents in the database: ${present}`);

    // 3. Single adds, each its own transaction (as a clerk does)
    const addTimes: number[] = [];
    const today = CLOCK_ISO.slice(0, 10);
    for (let i = 0; i < ADD_COUNT; i++) {
      const d = generator.doc(clockMs - 3_600_000 + i * 1000);
      delete d.arrivalDate; // the clerk's "now"
      if (d.issuedDate > today) d.issuedDate = today;
      const [ms] = await timeAsync(() => services!.incoming.add(d, { actor: 'van.thu' }));
      addTimes.push(ms);
    }
    sampleRss();
    log(`${ADD_COUNT} adds: p50 ${median(addTimes).toFixed(2)} ms, p95 ${percentile(addTimes, 95).toFixed(2)} ms`);

    // 4. Searches: first page and exact count through the services; then the naive reference's answers beside them
    const loadBeforeSearch = os.loadavg()[0]!;
    const refPath = path.join(tmp, 'naive-reference.db');
    const search = await benchSearch(
      services,
      () => {
        log('search: building the naive FTS5 reference (its own file, its own folding)');
        return NaiveSearch.build(dbPath, refPath, (n) => log(`reference: ${n} documents`));
      },
      SEARCH_RUNS,
      log,
    );
    rmSync(refPath, { force: true });
    const perQuery = search.perQuery;
    const firstPageP95 = percentile(search.firstPage, 95);
    const countP95 = percentile(search.count, 95);
    log(
      `search: first page p50 ${median(search.firstPage).toFixed(1)} ms, p95 ${firstPageP95.toFixed(1)} ms; ` +
        `exact count p50 ${median(search.count).toFixed(1)} ms, p95 ${countP95.toFixed(1)} ms (load ${loadBeforeSearch.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)})`,
    );

    // 5. Register list: first page, 100th page (following cursors), and DEN + current year
    const currentYear = vnYear(clockMs);
    async function listPages(base: { register?: string; year?: number }) {
      const first: number[] = [];
      for (let i = 0; i < LIST_RUNS; i++) first.push((await timeAsync(() => services!.incoming.list({ ...base, limit: 50 })))[0]);
      let cursor: string | null = null;
      let pages = 0;
      for (; pages < 99; pages++) {
        const page: { nextCursor: string | null } = await services!.incoming.list({ ...base, limit: 50, cursor });
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const hundredth: number[] = [];
      if (pages === 99) {
        for (let i = 0; i < LIST_RUNS; i++) {
          hundredth.push((await timeAsync(() => services!.incoming.list({ ...base, limit: 50, cursor })))[0]);
        }
      }
      return { firstMs: median(first), hundredthMs: hundredth.length ? median(hundredth) : null };
    }
    const listAll = await listPages({});
    const listDen = await listPages({ register: 'DEN', year: currentYear });
    log(
      `list: first ${listAll.firstMs.toFixed(2)} ms, 100th ${listAll.hundredthMs?.toFixed(2)} ms; ` +
        `DEN ${currentYear}: first ${listDen.firstMs.toFixed(2)} ms, 100th ${listDen.hundredthMs?.toFixed(2) ?? 'n/a'} ms`,
    );

    // 6. Size (after a checkpoint) and what takes the space
    const store = services.store;
    let breakdown: Record<string, number> = {};
    if (store instanceof SqliteStore) {
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      try {
        const rows = store.db
          .prepare(
            `SELECT CASE WHEN name LIKE 'incoming_fts%' THEN 'incoming_fts'
                         WHEN name LIKE 'incoming_symbol_fts%' THEN 'incoming_symbol_fts'
                         ELSE name END AS obj, sum(pgsize) AS bytes
             FROM dbstat GROUP BY obj ORDER BY bytes DESC`,
          )
          .all() as { obj: string; bytes: number }[];
        breakdown = Object.fromEntries(rows.filter((r) => r.bytes >= 1 << 20).map((r) => [r.obj, Math.round(r.bytes / (1 << 20))]));
      } catch {
        /* dbstat not compiled in */
      }
    }
    let dbBytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        dbBytes += statSync(dbPath + suffix).size;
      } catch {
        /* no WAL */
      }
    }
    // 7. Processing and follow-up: report for nine months, overdue lists (after the size, which is the register's).
    log('workflow: 100 units, assignments, report and overdue lists');
    const workflow = await benchWorkflow(services, clockMs);
    log(
      `workflow: ${workflow.assignments} assignments; 9-month report ${workflow.reportNineMonthsMs} ms (p95 ${workflow.reportNineMonthsP95Ms}), overdue list ${workflow.overdueListMs} ms (${workflow.overdueRows} rows), one unit ${workflow.overdueListUnitMs} ms`,
    );

    // 8. Outgoing documents: Decree-30 layout, PAdES signatures, verification.
    log('outgoing: render a 10-page document, sign twice, verify');
    const outgoing = await benchOutgoing();
    log(
      `outgoing: render ${outgoing.renderMs} ms (${outgoing.renderPages} pages), both signatures ${outgoing.signBothMs} ms, verify ${outgoing.verifyBothMs} ms`,
    );

    // 9. Printing: the incoming register book of 3,000 documents.
    log('printing: incoming register book, 3,000 rows');
    const printing = await benchPrinting();
    log(`printing: ${printing.registerBook3000Ms} ms (${printing.registerBookPages} pages)`);

    // 10. Interchange: a 5 MB edXML message exported and imported (bench/interchange.ts).
    log('interchange: a 7 MB edXML message (5 MB PDF) exported, imported, registered');
    const edxml = await benchInterchange();
    log(`interchange: export ${edxml.edxmlExportMs} ms, import ${edxml.edxmlImportMs} ms, register ${edxml.edxmlRegisterMs} ms`);
    // 11. Capture: OCR, text of a 20-page PDF, content search over the documents' text.
    log('capture: OCR of a 200-dpi scan, text of a 20-page PDF, content search (bench/capture/bench.ts)');
    const { benchCapture } = await import('./capture/bench.js');
    const captured = await benchCapture(services, log);

    sampleRss();
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const peakRssMb = Math.max(peakRss / (1 << 20), maxRssMb);

    const figures = {
      docs: reuse ? present : docs,
      importDocsPerSec: importDocsPerSec === null ? null : Math.round(importDocsPerSec),
      addP50Ms: r1(median(addTimes)),
      addP95Ms: r1(percentile(addTimes, 95)),
      importPeakRssMb: imported ? Math.round(imported.maxRssMb) : null,
      searchFirstPageP50Ms: r1(median(search.firstPage)),
      searchFirstPageP95Ms: r1(firstPageP95),
      searchCountP50Ms: r1(median(search.count)),
      searchCountP95Ms: r1(countP95),
      searchNaiveAgrees: search.disagreements.length === 0,
      listFirstPageMs: r1(listAll.firstMs),
      list100thPageMs: listAll.hundredthMs === null ? null : r1(listAll.hundredthMs),
      listRegisterYearFirstPageMs: r1(listDen.firstMs),
      listRegisterYear100thPageMs: listDen.hundredthMs === null ? null : r1(listDen.hundredthMs),
      dbBytes,
      peakRssMb: Math.round(peakRssMb),
      reportNineMonthsMs: workflow.reportNineMonthsMs,
      overdueListMs: workflow.overdueListMs,
      outgoingRenderMs: outgoing.renderMs,
      signBothMs: outgoing.signBothMs,
      verifyBothMs: outgoing.verifyBothMs,
      registerBook3000Ms: printing.registerBook3000Ms,
      edxmlExportMs: edxml.edxmlExportMs,
      edxmlImportMs: edxml.edxmlImportMs,
      edxmlRegisterMs: edxml.edxmlRegisterMs,
      ocrSecondsPerPage: captured.ocrSecondsPerPage,
      extract20PagesMs: captured.extract20PagesMs,
      contentSearchP95Ms: Object.keys(captured.contentSearchP95Ms).length ? Math.max(...Object.values(captured.contentSearchP95Ms)) : null,
      capture: captured,
    };
    const met: Record<string, boolean | null> = {};
    for (const [k, t] of Object.entries(TARGETS)) {
      const v = (figures as unknown as Record<string, number | null>)[k];
      met[k] = v === null || v === undefined ? null : 'min' in t ? v >= t.min : v <= t.max;
    }
    log('accounts: sign-in (scrypt) and the permission check (bench/accounts.ts)');
    const accounts = await benchAccounts({ log });
    log('startup: fresh processes on the built tree (bench/startup.ts)');
    const startup = await benchStartup({ runs: startupRuns, log });
    const result = {
      ...figures,
      accounts,
      startup,
      targets: TARGETS,
      met,
      perQuery,
      workflow,
      outgoing,
      printing,
      details: {
        clock: CLOCK_ISO,
        seed,
        currentYear,
        addCount: ADD_COUNT,
        searchRuns: SEARCH_RUNS,
        // Garbage-collection pauses of the bench process during the timed searches (count, total, longest ms).
        searchGc: search.gc,
        searchTimedCpuMs: search.timedCpuMs,
        listRuns: LIST_RUNS,
        generateSeconds: generateSeconds === null ? null : r1(generateSeconds),
        importSeconds: importSeconds === null ? null : r1(importSeconds),
        // Where the import's time goes (bench/importChild.ts): the writing thread bounds it.
        import: imported
          ? {
              seconds: r1(imported.seconds),
              rowsSeconds: r1(imported.rowsSeconds),
              finishSeconds: r1(imported.finishSeconds),
              cpuSeconds: r1(imported.cpuSeconds),
              writerCpuSeconds: imported.writerCpuSeconds === null ? null : r1(imported.writerCpuSeconds),
              maxRssMb: Math.round(imported.maxRssMb),
            }
          : null,
        jsonlBytes,
        dbMiBByObject: breakdown,
        maxRssMb: Math.round(maxRssMb),
        wallSeconds: r1((performance.now() - t0) / 1000),
        node: process.version,
        sqlite:
          services.store instanceof SqliteStore
            ? (services.store.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
            : null,
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
        // Other work on the machine skews every figure: 1-minute load average at start and end.
        loadAvg1m: { start: r2(loadAtStart[0]!), end: r2(os.loadavg()[0]!) },
        platform: `${os.platform()} ${os.release()}`,
        at: toVnIso(Date.now()),
      },
    };

    // A --reuse run measures no import: it does not replace the recorded results.
    if (!reuse) {
      const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(path.join(resultsDir, `latest-${docs}.json`), JSON.stringify(result, null, 2) + '\n');
    }

    if (args.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      printTable(result, perQuery, met);
      process.stdout.write(accountsTable(accounts));
      process.stdout.write(startupTable(startup));
    }
  } finally {
    await services?.close();
    clearInterval(sampler);
    if (args.keep || args.db) {
      if (!args.db) log(`kept ${tmp}`);
      rmSync(path.join(tmp, 'documents.jsonl'), { force: true });
      if (args.db) rmSync(tmp, { recursive: true, force: true });
    } else {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

function printTable(r: Record<string, unknown>, perQuery: QueryFigures[], met: Record<string, boolean | null>): void {
  const out: string[] = [];
  const mark = (k: string) => (met[k] === undefined || met[k] === null ? '' : met[k] ? '  ok' : '  MISSED');
  const line = (label: string, value: unknown, unit: string, key?: string) =>
    out.push(`${label.padEnd(34)} ${String(value ?? 'n/a').padStart(12)} ${unit.padEnd(7)}${key ? mark(key) : ''}`);
  out.push('');
  line('documents', (r.docs as number).toLocaleString('en'), '');
  line('bulk import', r.importDocsPerSec, 'docs/s', 'importDocsPerSec');
  line('single add p50', r.addP50Ms, 'ms');
  line('single add p95', r.addP95Ms, 'ms', 'addP95Ms');
  line('import peak RSS (its own process)', r.importPeakRssMb, 'MB', 'importPeakRssMb');
  line('search first page p50', r.searchFirstPageP50Ms, 'ms');
  line('search first page p95', r.searchFirstPageP95Ms, 'ms', 'searchFirstPageP95Ms');
  line('search exact count p50', r.searchCountP50Ms, 'ms');
  line('search exact count p95', r.searchCountP95Ms, 'ms', 'searchCountP95Ms');
  line('naive FTS5 reference agrees', r.searchNaiveAgrees ? 'yes' : 'NO', '');
  line('list, first page', r.listFirstPageMs, 'ms', 'listFirstPageMs');
  line('list, 100th page', r.list100thPageMs, 'ms', 'list100thPageMs');
  line('list DEN this year, first page', r.listRegisterYearFirstPageMs, 'ms');
  line('list DEN this year, 100th page', r.listRegisterYear100thPageMs, 'ms');
  line('database size', ((r.dbBytes as number) / 1e6).toFixed(1), 'MB');
  line('peak RSS', r.peakRssMb, 'MB');
  line('outgoing render, 10 pages', r.outgoingRenderMs, 'ms', 'outgoingRenderMs');
  line('sign both (official + org)', r.signBothMs, 'ms', 'signBothMs');
  line('verify both', r.verifyBothMs, 'ms', 'verifyBothMs');
  line('register book, 3,000 rows', r.registerBook3000Ms, 'ms', 'registerBook3000Ms');
  line('edXML export, 5 MB PDF', r.edxmlExportMs, 'ms', 'edxmlExportMs');
  line('edXML import, 5 MB PDF', r.edxmlImportMs, 'ms', 'edxmlImportMs');
  line('edXML register, 5 MB PDF', r.edxmlRegisterMs, 'ms');
  out.push('');
  out.push(
    `${'query'.padEnd(30)} ${'hits'.padStart(8)} ${'page'.padStart(7)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'count50'.padStart(8)} ${'count95'.padStart(8)}  naive count/newest ms  agrees`,
  );
  for (const q of perQuery) {
    out.push(
      `${q.id.padEnd(30)} ${String(q.total).padStart(8)} ${`${q.firstPageTotal}${q.totalCapped ? '+' : ''}`.padStart(7)} ` +
        `${q.firstPageP50Ms.toFixed(1).padStart(6)} ${q.firstPageP95Ms.toFixed(1).padStart(6)} ${q.countP50Ms.toFixed(1).padStart(8)} ` +
        `${q.countP95Ms.toFixed(1).padStart(8)}  ${`${q.naiveCountMs.toFixed(1)}/${q.naiveNewestMs.toFixed(1)}`.padStart(20)}  ${q.agrees ? 'yes' : 'NO'}`,
    );
  }
  out.push('');
  process.stdout.write(out.join('\n') + '\n');
}

/**
 * `--only archive [--store sqlite|postgres|both] [--database URL]`: the archive's figures
 * (bench/archive.ts) alone, written to bench/results/latest-archive.json.
 */
async function mainArchiveOnly(): Promise<void> {
  const { benchArchive } = await import('./archive.js');
  const which = args.store ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error('--store: sqlite, postgres or both');
  const stores = which === 'both' ? (['sqlite', 'postgres'] as const) : ([which] as ['sqlite'] | ['postgres']);
  const archive = await benchArchive({ stores, ...(args.database ? { database: args.database } : {}), log });
  const result = { archive, loadAvg1m: { start: r2(loadAtStart[0]!), end: r2(os.loadavg()[0]!) }, at: toVnIso(Date.now()) };
  const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest-archive.json'), JSON.stringify(result, null, 2) + '\n');
  if (args.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else
    for (const f of archive.stores)
      process.stdout.write(
        `archive ${f.store} as ${f.as} (${f.dossiers.toLocaleString('en')} dossiers, load ${f.load.before} → ${f.load.after}): ` +
          `filing p95 ${f.fileDocumentMs.p95} ms [≤ ${archive.targets.fileDocumentP95Ms}], due list p95 ${f.dueListMs.p95} ms ` +
          `(without the grant ${f.dueListWithoutGrantMs.p95}) [≤ ${archive.targets.dueListP95Ms}]\n`,
      );
}

/** `--only startup`: the startup section alone, written to bench/results/latest-startup.json. */
async function mainStartupOnly(): Promise<void> {
  const startup = await benchStartup({ runs: startupRuns, log });
  const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest-startup.json'), JSON.stringify({ startup }, null, 2) + '\n');
  if (args.json) process.stdout.write(JSON.stringify({ startup }, null, 2) + '\n');
  else process.stdout.write(startupTable(startup));
}

/** `--only accounts`: the accounts section alone, written to bench/results/latest-accounts.json. */
async function mainAccountsOnly(): Promise<void> {
  const accounts = await benchAccounts({ log });
  const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest-accounts.json'), JSON.stringify({ accounts }, null, 2) + '\n');
  if (args.json) process.stdout.write(JSON.stringify({ accounts }, null, 2) + '\n');
  else process.stdout.write(accountsTable(accounts));
}

function accountsTable(a: AccountsResult): string {
  const mark = (k: keyof AccountsResult['targets']) => `(≤ ${a.targets[k].max})${a.met[k] ? '  ok' : '  MISSED'}`;
  return (
    [
      `accounts (load ${a.details.loadAvg1m.start} → ${a.details.loadAvg1m.end})`,
      `${'login (scrypt N=2^15), p50 / p95'.padEnd(44)} ${a.loginP50Ms.toFixed(1)} / ${a.loginP95Ms.toFixed(1)} ms  ${mark('loginP95Ms')}`,
      `${'scrypt alone, p50'.padEnd(44)} ${a.kdfP50Ms.toFixed(1)} ms`,
      `${'permission check, added per call'.padEnd(44)} ${a.permissionCheckMs.toFixed(4)} ms  ${mark('permissionCheckMs')}`,
      ...a.perMethod.map(
        (m) =>
          `  ${m.method.padEnd(42)} dispatch ${m.dispatchUs} µs, without the check ${m.withoutCheckUs} µs, bare handler ${m.bareHandlerUs} µs`,
      ),
      `${'authorize() alone'.padEnd(44)} ${a.authorizeNs} ns`,
    ].join('\n') + '\n'
  );
}

function startupTable(s: StartupResult): string {
  const row = (label: string, k: keyof StartupResult['targets'] | null, v: number) =>
    `${label.padEnd(44)} ${v.toFixed(1).padStart(8)} ms${k ? `  (≤ ${s.targets[k].max})${s.met[k] ? '  ok' : '  MISSED'}` : ''}`;
  return (
    [
      `startup, median of ${s.runs} fresh processes, ${s.docs.toLocaleString('en')} documents (load ${s.details.loadAvg1m.start} → ${s.details.loadAvg1m.end})`,
      row('vanthu --help', 'helpMs', s.helpMs),
      row('vanthu incoming add (vanthu login session)', 'incomingAddMs', s.incomingAddMs),
      row('vanthu search "quang ngai"', 'searchMs', s.searchMs),
      row('vanthu incoming add --user/--password-env', null, s.incomingAddWithPasswordMs),
      row('vanthu search … --user/--password-env', null, s.searchWithPasswordMs),
      row('npm run web → first render (Chromium)', 'webFirstRenderMs', s.webFirstRenderMs),
      row('npm run web → URL printed', null, s.webHostReadyMs),
      row('npm run web → register list loaded', null, s.webListReadyMs),
      `CPU time per process (user + system): --help ${s.cpuMs.help ?? '?'} ms, incoming add ${s.cpuMs.incomingAdd ?? '?'} ms, search ${s.cpuMs.search ?? '?'} ms`,
    ].join('\n') + '\n'
  );
}

const officeRun =
  args.only !== 'archive' && (args.store === 'postgres' || args.store === 'both')
    ? import('./office.js').then(({ runOfficeBench }) =>
        runOfficeBench({
          store: args.store as 'postgres' | 'both',
          docs,
          json: args.json,
          seed,
          database: args.database,
          writers: Number(args.writers ?? 8),
          writerSeconds: Number(args['writer-seconds'] ?? 30),
        }),
      )
    : null;
if (args.store !== undefined && args.store !== 'sqlite' && !officeRun && args.only !== 'archive') {
  process.stderr.write('--store must be sqlite, postgres or both\n');
  process.exit(2);
}
(args.only === 'archive'
  ? mainArchiveOnly()
  : (officeRun ?? (args.only === 'startup' ? mainStartupOnly() : args.only === 'accounts' ? mainAccountsOnly() : main()))
).catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

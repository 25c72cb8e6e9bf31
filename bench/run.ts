/**
 * VănThư benchmark: `npm run bench -- [--docs N] [--json] [--db FILE] [--keep]`.
 *
 * Builds a database of N synthetic documents through the real import, then times single
 * adds, 20 fixed searches (through the services and as the raw SQL the store runs),
 * register list pages, and reports size and memory. See bench/README.md.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { createServices, type Services } from '../src/main/services.js';
import { importIncomingFile } from '../src/main/incoming/import/importService.js';
import { openDatabase } from '../src/main/db/sqlite/connection.js';
import { expandPrefixes, searchIncomingSql, type SearchSql } from '../src/main/db/sqlite/incomingSearch.js';
import { rankCandidates, type CandidateRow, RELEVANCE_CANDIDATES } from '../src/main/search/rank.js';
import { benchWorkflow } from './workflow.js';
import { benchOutgoing } from './outgoing.js';
import { benchPrinting } from './printing.js';
import { Statements } from '../src/main/db/sqlite/statements.js';
import type { SearchQuery } from '../src/main/store/ports.js';
import { SELECT_INCOMING } from '../src/main/db/sqlite/incomingRows.js';
import { SqliteStore } from '../src/main/db/sqlite/store.js';
import { parseInstant, toVnIso, vnYear } from '../src/shared/text/dates.js';
import { DocGenerator, writeJsonl } from './generate.js';
import { QUERIES, toSearchQuery } from './queries.js';
import { benchStartup, type StartupResult } from './startup.js';

const CLOCK_ISO = '2026-11-20T10:00:00+07:00';
const ADD_COUNT = 200;
const SEARCH_RUNS = 5;
const LIST_RUNS = 7;

const TARGETS = {
  importDocsPerSec: { min: 20_000 },
  addP95Ms: { max: 5 },
  searchP95Ms: { max: 50 },
  listFirstPageMs: { max: 10 },
  list100thPageMs: { max: 10 },
  reportNineMonthsMs: { max: 200 },
  outgoingRenderMs: { max: 150 },
  signBothMs: { max: 60 },
  verifyBothMs: { max: 10 },
  registerBook3000Ms: { max: 5_000 },
  overdueListMs: { max: 50 },
  searchRatio: { max: 1.5 },
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
    explain: { type: 'boolean', default: false },
    seed: { type: 'string' },
    // The office database (bench/office.ts): --store postgres|both, --database URL, --writers N, --writer-seconds S.
    store: { type: 'string' },
    database: { type: 'string' },
    writers: { type: 'string' },
    'writer-seconds': { type: 'string' },
    // `--only startup`: only the startup section (bench/startup.ts); `--runs N` its repetitions.
    only: { type: 'string' },
    runs: { type: 'string' },
  },
  strict: true,
});
if (args.only !== undefined && args.only !== 'startup') {
  process.stderr.write(`--only: the one section that runs alone is "startup"\n`);
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
// Raw SQL: the statements the store runs for a search, on a separate connection

interface RawSplit {
  /** Prefix expansion (vocabulary look-ups). */
  expandMs: number;
  countMs: number;
  /** The page of keys: one statement by date; candidates + their rows ranked (+ beyond) by relevance. */
  pageMs: number;
  /** The page's rows and their attachments. */
  rowsMs: number;
}

/**
 * Runs a search as bare statements: the SQL comes from `searchIncomingSql` (the one
 * source the store uses), executed in the order `searchIncoming` executes it, with only
 * the JS needed to pick the page (the same pure `rankCandidates` the store uses).
 */
class RawRunner {
  private readonly s: Statements;
  private readonly rows: Database.Statement;
  private readonly attachments: Database.Statement;

  constructor(readonly db: Database.Database) {
    this.s = new Statements(db);
    // The same statements SqliteIncomingRepository.getBySortKeys / attachmentsFor run.
    this.rows = db.prepare(`${SELECT_INCOMING} WHERE d.sort_key IN (SELECT value FROM json_each(?))`);
    this.attachments = db.prepare(
      `SELECT a.document_id AS documentId, a.id, a.file_name AS fileName, a.sha256, b.size, b.mime
       FROM incoming_attachments a JOIN blobs b USING (sha256)
       WHERE a.document_id IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
    );
  }

  sql(q: SearchQuery): SearchSql {
    return searchIncomingSql(expandPrefixes(this.s, q));
  }

  private keys(sql: SearchSql, q: SearchQuery): number[] {
    if (!sql.candidates) return (this.s.get(sql.page.sql).all(...sql.page.params) as { k: number }[]).map((r) => r.k);
    const candidates = (this.s.get(sql.candidates.sql).all(...sql.candidates.params) as { k: number }[]).map((r) => r.k);
    if (candidates.length === 0) return [];
    const minKey = candidates[candidates.length - 1]!;
    const rows = this.s.get(sql.candidateRows!.sql).all(JSON.stringify(candidates)) as CandidateRow[];
    const keys = rankCandidates(rows, q)
      .slice(0, q.limit)
      .map((x) => x.k);
    if (keys.length < q.limit && candidates.length === (q.candidateLimit ?? RELEVANCE_CANDIDATES) && sql.beyond) {
      const more = this.s.get(sql.beyond.sql).all(...sql.beyond.params, minKey, q.limit - keys.length) as { k: number }[];
      keys.push(...more.map((r) => r.k));
    }
    return keys;
  }

  private fetch(keys: number[]): number[] {
    if (keys.length === 0) return [];
    const rows = this.rows.all(JSON.stringify(keys)) as { id: number; sort_key: number }[];
    this.attachments.all(JSON.stringify(rows.map((r) => r.id)));
    const byKey = new Map(rows.map((r) => [r.sort_key, r.id]));
    return keys.map((k) => byKey.get(k)).filter((id): id is number => id !== undefined);
  }

  /** expansion + count + page of keys + the page's rows (and their attachments): one search in SQL. */
  run(q: SearchQuery): { total: number; ids: number[] } {
    const sql = this.sql(q);
    const total = (this.s.get(sql.count.sql).get(...sql.count.params) as { n: number }).n;
    return { total, ids: this.fetch(this.keys(sql, q)) };
  }

  /** Milliseconds of each step alone (for diagnosis). */
  split(q: SearchQuery): RawSplit {
    const [expandMs, sql] = timeSync(() => this.sql(q));
    const [countMs] = timeSync(() => this.s.get(sql.count.sql).get(...sql.count.params));
    const [pageMs, keys] = timeSync(() => this.keys(sql, q));
    const [rowsMs] = timeSync(() => this.fetch(keys));
    return { expandMs, countMs, pageMs, rowsMs };
  }

  explain(q: SearchQuery): string[] {
    const sql = this.sql(q);
    const out: string[] = [];
    const show = (label: string, st: { sql: string; params: unknown[] }, extra: unknown[] = []) => {
      out.push(`-- ${label}: ${st.sql.replace(/\s+/g, ' ')}`, `   params: ${JSON.stringify([...st.params, ...extra])}`);
      const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${st.sql}`).all(...st.params, ...extra) as { detail: string }[];
      for (const r of plan) out.push(`   ${r.detail}`);
    };
    show('count', sql.count);
    if (!sql.candidates) show('page', sql.page);
    else {
      show('candidates', sql.candidates);
      show('candidate rows', sql.candidateRows!, ['[]']);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Main

interface QueryResult {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  total: number;
  p50Ms: number;
  p95Ms: number;
  rawP50Ms: number;
  rawP95Ms: number;
  ratioP50: number;
  ratioP95: number;
  rawExpandMs: number;
  rawCountMs: number;
  rawPageMs: number;
  rawRowsMs: number;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-'));
  const dbPath = args.db ? path.resolve(args.db) : path.join(tmp, 'bench.db');
  const reuse = args.reuse && existsSync(dbPath);
  if (!reuse && existsSync(dbPath)) throw new Error(`${dbPath} exists: remove it, or pass --reuse to benchmark it as it is`);
  const clockMs = parseInstant(CLOCK_ISO)!;
  const clock = () => clockMs;
  let services: Services | null = null;
  let raw: Database.Database | null = null;
  try {
    log(`VănThư benchmark: ${docs.toLocaleString('en')} documents, database ${dbPath}`);

    // 1. Synthetic data → JSONL
    let importDocsPerSec: number | null = null;
    let importSeconds: number | null = null;
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

    // 2. Database + bulk import (one transaction, the whole file)
    services = await createServices({ dbPath, migrate: true, clock });
    await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
    if (!reuse) {
      const [ms, res] = await timeAsync(() =>
        importIncomingFile(services!, jsonl, {
          skipInvalid: false,
          actor: 'bench',
          onProgress: (m) => {
            sampleRss();
            const n = Number(/(\d+) dòng/.exec(m)?.[1] ?? 0);
            if (n % 100_000 === 0) log(`import: ${m}`);
          },
        }),
      );
      if (res.imported !== docs)
        throw new Error(`imported ${res.imported} of ${docs}; rejected: ${JSON.stringify(res.rejected.slice(0, 5))}`);
      importSeconds = ms / 1000;
      importDocsPerSec = docs / importSeconds;
      log(`imported ${docs} documents in ${importSeconds.toFixed(1)} s: ${Math.round(importDocsPerSec)} docs/s`);
      rmSync(jsonl, { force: true });
    }
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

    // 4. Searches: ours (services) and raw (same SQL, separate read connection)
    raw = openDatabase(dbPath, { readonly: true }).db;
    const runner = new RawRunner(raw);
    const registers = await services.registers();
    const queries = QUERIES.map((q) => toSearchQuery(q.params, registers));
    const ours: number[][] = QUERIES.map(() => []);
    const raws: number[][] = QUERIES.map(() => []);
    const totals: number[] = [];
    // Warm-up (prepares statements, loads pages) and a check that both sides agree.
    for (let i = 0; i < QUERIES.length; i++) {
      const res = await services.search.search(QUERIES[i]!.params);
      const r = runner.run(queries[i]!);
      totals.push(res.total);
      const ids = res.items.map((it) => it.id);
      if ((res.totalCapped ? r.total <= res.total : res.total !== r.total) || ids.join() !== r.ids.join()) {
        throw new Error(
          `raw SQL and service disagree on ${QUERIES[i]!.id}: ${res.total} vs ${r.total} hits, ` +
            `first page ${ids.join(',')} vs ${r.ids.join(',')}`,
        );
      }
    }
    for (let run = 0; run < SEARCH_RUNS; run++) {
      for (let i = 0; i < QUERIES.length; i++) {
        const [a] = await timeAsync(() => services!.search.search(QUERIES[i]!.params));
        ours[i]!.push(a);
        const [b] = timeSync(() => runner.run(queries[i]!));
        raws[i]!.push(b);
      }
    }
    const perQuery: QueryResult[] = QUERIES.map((q, i) => {
      const split = [0, 1, 2].map(() => runner.split(queries[i]!));
      const p50 = median(ours[i]!);
      const p95 = percentile(ours[i]!, 95);
      const rp50 = median(raws[i]!);
      const rp95 = percentile(raws[i]!, 95);
      return {
        id: q.id,
        kind: q.kind,
        params: q.params as Record<string, unknown>,
        total: totals[i]!,
        p50Ms: r1(p50),
        p95Ms: r1(p95),
        rawP50Ms: r1(rp50),
        rawP95Ms: r1(rp95),
        ratioP50: r2(p50 / rp50),
        ratioP95: r2(p95 / rp95),
        rawExpandMs: r1(median(split.map((s) => s.expandMs))),
        rawCountMs: r1(median(split.map((s) => s.countMs))),
        rawPageMs: r1(median(split.map((s) => s.pageMs))),
        rawRowsMs: r1(median(split.map((s) => s.rowsMs))),
      };
    });
    const allOurs = ours.flat();
    const allRaw = raws.flat();
    const searchP95 = percentile(allOurs, 95);
    const rawP95 = percentile(allRaw, 95);
    log(`search: p50 ${median(allOurs).toFixed(1)} ms, p95 ${searchP95.toFixed(1)} ms; raw p95 ${rawP95.toFixed(1)} ms`);
    if (args.explain) {
      for (let i = 0; i < QUERIES.length; i++) {
        process.stderr.write(`\n== ${QUERIES[i]!.id}\n${runner.explain(queries[i]!).join('\n')}\n`);
      }
    }

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
    raw.close();
    raw = null;
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

    sampleRss();
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const peakRssMb = Math.max(peakRss / (1 << 20), maxRssMb);

    const figures = {
      docs: reuse ? present : docs,
      importDocsPerSec: importDocsPerSec === null ? null : Math.round(importDocsPerSec),
      addP50Ms: r1(median(addTimes)),
      addP95Ms: r1(percentile(addTimes, 95)),
      searchP50Ms: r1(median(allOurs)),
      searchP95Ms: r1(searchP95),
      rawSearchP50Ms: r1(median(allRaw)),
      rawSearchP95Ms: r1(rawP95),
      searchRatio: r2(searchP95 / rawP95),
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
    };
    const met: Record<string, boolean | null> = {};
    for (const [k, t] of Object.entries(TARGETS)) {
      const v = (figures as Record<string, number | null>)[k];
      met[k] = v === null || v === undefined ? null : 'min' in t ? v >= t.min : v <= t.max;
    }
    log('startup: fresh processes on the built tree (bench/startup.ts)');
    const startup = await benchStartup({ runs: startupRuns, log });
    const result = {
      ...figures,
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
        listRuns: LIST_RUNS,
        generateSeconds: generateSeconds === null ? null : r1(generateSeconds),
        importSeconds: importSeconds === null ? null : r1(importSeconds),
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
      process.stdout.write(startupTable(startup));
    }
  } finally {
    raw?.close();
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

function printTable(r: Record<string, unknown>, perQuery: QueryResult[], met: Record<string, boolean | null>): void {
  const out: string[] = [];
  const mark = (k: string) => (met[k] === undefined || met[k] === null ? '' : met[k] ? '  ok' : '  MISSED');
  const line = (label: string, value: unknown, unit: string, key?: string) =>
    out.push(`${label.padEnd(34)} ${String(value ?? 'n/a').padStart(12)} ${unit.padEnd(7)}${key ? mark(key) : ''}`);
  out.push('');
  line('documents', (r.docs as number).toLocaleString('en'), '');
  line('bulk import', r.importDocsPerSec, 'docs/s', 'importDocsPerSec');
  line('single add p50', r.addP50Ms, 'ms');
  line('single add p95', r.addP95Ms, 'ms', 'addP95Ms');
  line('search p50', r.searchP50Ms, 'ms');
  line('search p95', r.searchP95Ms, 'ms', 'searchP95Ms');
  line('raw SQL search p95', r.rawSearchP95Ms, 'ms');
  line('ours/raw (p95)', r.searchRatio, '×', 'searchRatio');
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
  out.push('');
  out.push(
    `${'query'.padEnd(30)} ${'hits'.padStart(9)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'raw50'.padStart(7)} ${'raw95'.padStart(7)} ${'ratio'.padStart(6)}   raw: expand/count/page/rows ms`,
  );
  for (const q of perQuery) {
    out.push(
      `${q.id.padEnd(30)} ${String(q.total).padStart(9)} ${q.p50Ms.toFixed(1).padStart(7)} ${q.p95Ms.toFixed(1).padStart(7)} ` +
        `${q.rawP50Ms.toFixed(1).padStart(7)} ${q.rawP95Ms.toFixed(1).padStart(7)} ${q.ratioP50.toFixed(2).padStart(6)}   ` +
        `${q.rawExpandMs.toFixed(1)}/${q.rawCountMs.toFixed(1)}/${q.rawPageMs.toFixed(1)}/${q.rawRowsMs.toFixed(1)}`,
    );
  }
  out.push('');
  process.stdout.write(out.join('\n') + '\n');
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

function startupTable(s: StartupResult): string {
  const row = (label: string, k: keyof StartupResult['targets'] | null, v: number) =>
    `${label.padEnd(44)} ${v.toFixed(1).padStart(8)} ms${k ? `  (≤ ${s.targets[k].max})${s.met[k] ? '  ok' : '  MISSED'}` : ''}`;
  return (
    [
      `startup, median of ${s.runs} fresh processes, ${s.docs.toLocaleString('en')} documents (load ${s.details.loadAvg1m.start} → ${s.details.loadAvg1m.end})`,
      row('vanthu --help', 'helpMs', s.helpMs),
      row('vanthu incoming add', 'incomingAddMs', s.incomingAddMs),
      row('vanthu search "quang ngai"', 'searchMs', s.searchMs),
      row('npm run web → first render (Chromium)', 'webFirstRenderMs', s.webFirstRenderMs),
      row('npm run web → URL printed', null, s.webHostReadyMs),
      row('npm run web → register list loaded', null, s.webListReadyMs),
      `CPU time per process (user + system): --help ${s.cpuMs.help ?? '?'} ms, incoming add ${s.cpuMs.incomingAdd ?? '?'} ms, search ${s.cpuMs.search ?? '?'} ms`,
    ].join('\n') + '\n'
  );
}

const officeRun =
  args.store === 'postgres' || args.store === 'both'
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
if (args.store !== undefined && args.store !== 'sqlite' && !officeRun) {
  process.stderr.write('--store must be sqlite, postgres or both\n');
  process.exit(2);
}
(officeRun ?? (args.only === 'startup' ? mainStartupOnly() : main())).catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

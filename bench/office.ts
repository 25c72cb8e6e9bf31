/**
 * The office-database benchmark: `npm run bench -- --store postgres|both [--docs N] [--json]
 * [--database postgres://…] [--writers 8] [--writer-seconds 30]`.
 *
 * Builds the same N synthetic documents into each store through the real import, then
 * times single adds, the 20 searches of queries.ts (page + capped total, as the search
 * screen asks) and register list pages — on PostgreSQL twice: connected as a clerk's own
 * login role (row-level security applies) and as the owner (it does not), to show what the
 * policies cost — and 8 client processes adding at once for 30 s, each as its own login
 * role (every number distinct and gap-free is checked). Without --database a
 * throwaway durable cluster (fsync on) is started in a temporary folder and removed after.
 * Prints both stores side by side; JSON in bench/results/office-<N>.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices, type Services } from '../src/main/services.js';
import { importIncomingFile } from '../src/main/incoming/import/importService.js';
import { parseInstant, toVnIso, vnYear } from '../src/shared/text/dates.js';
import { DocGenerator, writeJsonl } from './generate.js';
import { QUERIES } from './queries.js';
import { PG_OWNER_PASSWORD, startCluster, type PgCluster } from '../tests/unit/helpers/pgCluster.js';

export interface OfficeArgs {
  store: 'postgres' | 'both';
  docs: number;
  json: boolean;
  seed: number;
  database?: string;
  writers: number;
  writerSeconds: number;
}

const CLOCK_ISO = '2026-11-20T10:00:00+07:00';
/** The bench's accounts' password (a throwaway cluster's; never a real one). */
const BENCH_PASSWORD = 'Thử-tải-văn-phòng-2026';
const BENCH_CLERK = 'bench.clerk';
/** A clerk without the confidential grant, and a specialist of one unit: the row rule narrows their searches. */
const BENCH_CLERK_NO_GRANT = 'bench.clerk2';
const BENCH_SPECIALIST = 'bench.specialist';
const BENCH_UNIT = 'KHDT';
/** One document in this many is assigned to the specialist's unit (the others to another unit). */
const UNIT_SHARE = 12;
/** The set-up assigns this many documents per statement, in arrival order (addBenchAccounts). */
const ASSIGN_CHUNK = 1000;
const writerName = (pc: number) => `bench.pc${pc + 1}`;
const TARGETS = { searchP95Ms: 50, addP95Ms: 10, importDocsPerSec: 10_000, listPageMs: 10, concurrentAddP95Ms: 30 };

const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${m}\n`);
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
}
const r1 = (x: number) => Math.round(x * 10) / 10;
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const a = performance.now();
  const v = await fn();
  return [performance.now() - a, v];
}

interface StoreFigures {
  store: string;
  importDocsPerSec: number;
  importSeconds: number;
  addP50Ms: number;
  addP95Ms: number;
  searchP50Ms: number;
  searchP95Ms: number;
  worstQuery: { id: string; p95Ms: number };
  listFirstPageMs: number;
  list100thPageMs: number | null;
  listRegisterYearFirstPageMs: number;
  dbBytes: number;
  totals: Record<string, number>;
  /** The machine's 1-minute load average when this store's figures were taken. */
  loadAvg1m: number;
}

interface Imported {
  importDocsPerSec: number;
  importSeconds: number;
  /** CPU seconds of the import: this process (reading thread included), and the database server's processes (own cluster only). */
  importClientCpuS: number;
  importServerCpuS: number | null;
}

/** CPU seconds used so far by a cluster's server processes (the postmaster and its children: backends, WAL writer, checkpointer). */
export function serverCpuSeconds(cluster: PgCluster): number {
  const pm = Number(readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [pm];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pm) pids.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime + stime
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks / 100; // USER_HZ
}

async function importInto(label: string, services: Services, jsonl: string, docs: number, serverCpu?: () => number): Promise<Imported> {
  await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
  const cpu0 = process.cpuUsage();
  const server0 = serverCpu?.() ?? null;
  const [importMs, res] = await time(() =>
    importIncomingFile(services, jsonl, {
      skipInvalid: false,
      actor: 'bench',
      onProgress: (m) => {
        const n = Number(/(\d+) dòng/.exec(m)?.[1] ?? 0);
        if (n % 100_000 === 0) log(`${label} import: ${m}`);
      },
    }),
  );
  if (res.imported !== docs) throw new Error(`${label}: imported ${res.imported} of ${docs}`);
  const cpu = process.cpuUsage(cpu0);
  const importClientCpuS = r1((cpu.user + cpu.system) / 1e6);
  const importServerCpuS = server0 === null ? null : r1(serverCpu!() - server0);
  log(
    `${label}: imported ${docs} in ${(importMs / 1000).toFixed(1)} s (${Math.round(docs / (importMs / 1000))} docs/s); CPU client ${importClientCpuS} s, server ${importServerCpuS ?? 'n/a'} s`,
  );
  // PostgreSQL: vacuumed and analysed once the bench's assignments are written too (addBenchAccounts).
  return { importDocsPerSec: Math.round(docs / (importMs / 1000)), importSeconds: r1(importMs / 1000), importClientCpuS, importServerCpuS };
}

/** Adds, searches and list pages through `services` (a store, or a PostgreSQL connection as one person). */
async function measure(label: string, services: Services, imported: Imported, clockMs: number, addSeed: number): Promise<StoreFigures> {
  const gen = new DocGenerator(addSeed, 1_000_000);
  const addTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const d = gen.doc(clockMs - 3_600_000 + i * 1000);
    delete d.arrivalDate;
    if (d.issuedDate > CLOCK_ISO.slice(0, 10)) d.issuedDate = CLOCK_ISO.slice(0, 10);
    addTimes.push((await time(() => services.incoming.add(d, { actor: BENCH_CLERK })))[0]);
  }
  log(`${label}: adds p50 ${percentile(addTimes, 50).toFixed(2)} ms, p95 ${percentile(addTimes, 95).toFixed(2)} ms`);
  const totals: Record<string, number> = {};
  const perQuery: number[][] = QUERIES.map(() => []);
  for (const q of QUERIES) totals[q.id] = (await services.search.search(q.params)).total; // warm-up
  for (let run = 0; run < 5; run++) {
    for (let i = 0; i < QUERIES.length; i++) perQuery[i]!.push((await time(() => services.search.search(QUERIES[i]!.params)))[0]);
  }
  const all = perQuery.flat();
  const worst = perQuery.map((t, i) => ({ id: QUERIES[i]!.id, p95Ms: r1(percentile(t, 95)) })).sort((a, b) => b.p95Ms - a.p95Ms)[0]!;
  log(
    `${label}: search p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms (worst ${worst.id} ${worst.p95Ms} ms)`,
  );
  const median = (v: number[]) => percentile(v, 50);
  async function listPages(base: { register?: string; year?: number }) {
    const first: number[] = [];
    for (let i = 0; i < 7; i++) first.push((await time(() => services.incoming.list({ ...base, limit: 50 })))[0]);
    let cursor: string | null = null;
    let pages = 0;
    for (; pages < 99; pages++) {
      const page: { nextCursor: string | null } = await services.incoming.list({ ...base, limit: 50, cursor });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const hundredth: number[] = [];
    if (pages === 99)
      for (let i = 0; i < 7; i++) hundredth.push((await time(() => services.incoming.list({ ...base, limit: 50, cursor })))[0]);
    return { first: median(first), hundredth: hundredth.length ? median(hundredth) : null };
  }
  const listAll = await listPages({});
  const listDen = await listPages({ register: 'DEN', year: vnYear(clockMs) });
  log(`${label}: list first page ${listAll.first.toFixed(1)} ms, 100th ${listAll.hundredth?.toFixed(1) ?? 'n/a'} ms`);
  return {
    store: label,
    ...imported,
    addP50Ms: r1(percentile(addTimes, 50)),
    addP95Ms: r1(percentile(addTimes, 95)),
    searchP50Ms: r1(percentile(all, 50)),
    searchP95Ms: r1(percentile(all, 95)),
    worstQuery: worst,
    listFirstPageMs: r1(listAll.first),
    list100thPageMs: listAll.hundredth === null ? null : r1(listAll.hundredth),
    listRegisterYearFirstPageMs: r1(listDen.first),
    dbBytes: await services.store.sizeBytes(),
    totals,
    loadAvg1m: r1(os.loadavg()[0]!),
  };
}

interface SearchFigures {
  store: string;
  searchP50Ms: number;
  searchP95Ms: number;
  worstQuery: { id: string; p95Ms: number };
  totals: Record<string, number>;
  loadAvg1m: number;
}

/** The 20 searches only (warm-up, then 5 rounds), as one person connected as themselves. */
async function measureSearches(label: string, services: Services): Promise<SearchFigures> {
  const totals: Record<string, number> = {};
  const perQuery: number[][] = QUERIES.map(() => []);
  for (const q of QUERIES) totals[q.id] = (await services.search.search(q.params)).total; // warm-up
  for (let run = 0; run < 5; run++) {
    for (let i = 0; i < QUERIES.length; i++) perQuery[i]!.push((await time(() => services.search.search(QUERIES[i]!.params)))[0]);
  }
  const all = perQuery.flat();
  const worst = perQuery.map((t, i) => ({ id: QUERIES[i]!.id, p95Ms: r1(percentile(t, 95)) })).sort((a, b) => b.p95Ms - a.p95Ms)[0]!;
  log(
    `${label}: search p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms (worst ${worst.id} ${worst.p95Ms} ms)`,
  );
  return {
    store: label,
    searchP50Ms: r1(percentile(all, 50)),
    searchP95Ms: r1(percentile(all, 95)),
    worstQuery: worst,
    totals,
    loadAvg1m: r1(os.loadavg()[0]!),
  };
}

/**
 * The plans PostgreSQL ran for one search as `user` — the statements inside the search
 * functions included (auto_explain with nested statements, ANALYZE and BUFFERS, into the
 * server's log). Needs the superuser: only on the bench's own cluster.
 */
async function explainAs(cluster: PgCluster, url: string, user: string, clock: () => number, query: string): Promise<string> {
  const role = `"${user.replace(/"/g, '""')}"`;
  const settings = [
    `session_preload_libraries = 'auto_explain'`,
    `auto_explain.log_min_duration = 0`,
    `auto_explain.log_analyze = on`,
    `auto_explain.log_buffers = on`,
    `auto_explain.log_nested_statements = on`,
    `auto_explain.log_level = warning`,
  ];
  for (const x of settings) cluster.psql(`ALTER ROLE ${role} SET ${x}`, 'bench');
  const logFile = path.join(cluster.dir, 'server.log');
  const from = readFileSync(logFile, 'utf8').length;
  const person = await createServices({ dbPath: personUrl(url, user), password: BENCH_PASSWORD, clock });
  try {
    await person.search.search(QUERIES.find((q) => q.id === query)!.params);
  } finally {
    await person.close();
    cluster.psql(`ALTER ROLE ${role} RESET ALL`, 'bench');
  }
  // The search's own statements (inside the functions, and the rows read by key under the policies), not the helpers'.
  const entries = readFileSync(logFile, 'utf8')
    .slice(from)
    .split(/\n(?=\S+ \S+ UTC \[\d+\] WARNING: {2}duration:)/);
  return entries
    .filter((e) => /FROM public\.incoming_(documents d|content c)|sort_key = ANY|FROM vt_search_(keys|rows)|vt_search_count\(\$1/.test(e))
    .join('\n');
}

/**
 * The office's people for the PostgreSQL runs: an administrator, the clerk the app is measured
 * as (row-level security on; with the confidential grant, so the clerk sees the same rows as
 * the owner and the difference is the policies' cost) and one clerk per writing PC — each a
 * login role of the database (db/postgres/loginRoles.ts).
 */
async function addBenchAccounts(owner: Services, writers: number): Promise<void> {
  await owner.accounts.setup({ username: 'bench.admin', fullName: 'Quản trị thử tải', password: BENCH_PASSWORD });
  await owner.accounts.add(
    { username: BENCH_CLERK, fullName: 'Văn thư thử tải', roles: ['clerk'], confidential: true, password: BENCH_PASSWORD },
    'bench.admin',
  );
  await owner.directory.addUnit(BENCH_UNIT, 'Sở Kế hoạch và Đầu tư', 'bench.admin');
  await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', 'bench.admin');
  await owner.accounts.add(
    { username: BENCH_CLERK_NO_GRANT, fullName: 'Văn thư không mật', roles: ['clerk'], confidential: false, password: BENCH_PASSWORD },
    'bench.admin',
  );
  await owner.accounts.add(
    { username: BENCH_SPECIALIST, fullName: 'Chuyên viên thử tải', roles: ['specialist'], unit: BENCH_UNIT, password: BENCH_PASSWORD },
    'bench.admin',
  );
  // Every document handed to a unit, one in UNIT_SHARE to the specialist's: written as the
  // owner in one statement (the assignment service, one document at a time, would take hours).
  // Those statements' triggers (migration 0172) rewrite the search vector of every document —
  // minutes at 1,000,000 — so the set-up lifts the statement timeout for its own transaction.
  // The app never does this: it assigns one document per call, days after its arrival at most,
  // so a document's new row version lands among the rows of its time. The set-up keeps that
  // order by assigning in arrival order, ASSIGN_CHUNK documents per statement: one statement
  // for every document rewrote them in the order of a hash of their ids (the trigger's
  // `id IN (…)`), which left the table's rows in no date order at all — the newest documents
  // one table page each, which no office's table looks like.
  const { PgStore } = await import('../src/main/db/postgres/store.js');
  if (owner.store instanceof PgStore) {
    await owner.store.withClient(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query('SET LOCAL statement_timeout = 0');
        const top = Number((await c.query('SELECT coalesce(max(id), 0) AS n FROM incoming_documents')).rows[0].n);
        for (let from = 0; from < top; from += ASSIGN_CHUNK) {
          await c.query(
            `INSERT INTO assignments (document_id, unit_id, role, due_date, directed_by, assigned_at)
             SELECT d.id, (SELECT id FROM units WHERE code = CASE WHEN d.id % ${UNIT_SHARE} = 0 THEN $1 ELSE 'TCHC' END),
                    'lead', '2026-12-31', 'bench', '2026-11-20T10:00:00+07:00'
             FROM incoming_documents d WHERE d.id > $2 AND d.id <= $3 ORDER BY d.id`,
            [BENCH_UNIT, from, from + ASSIGN_CHUNK],
          );
        }
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
    log('assignments written');
    // The rewrite left every document's old row version behind it: after a plain VACUUM the
    // first half of the table is empty pages, which a sequential scan (a common word's capped
    // count) reads through before the first row. An office's table has no such hole — its rows
    // are updated one document at a time and the space is reused by the next arrivals — so the
    // set-up compacts the table (VACUUM FULL keeps the rows' order: arrival order). Then what
    // autovacuum does on a live server after such writes: visibility map and statistics
    // (VACUUM cannot run in a transaction: the session's timeout is lifted and restored).
    await owner.store.withClient(async (c) => {
      await c.query('SET statement_timeout = 0');
      try {
        await c.query('VACUUM FULL incoming_documents');
        await c.query('VACUUM ANALYZE');
      } finally {
        await c.query('RESET statement_timeout');
      }
    });
    log('vacuumed and analysed');
  }
  await owner.store.write(async (r) => {
    for (const u of [BENCH_CLERK, BENCH_CLERK_NO_GRANT, BENCH_SPECIALIST]) {
      const a = await r.accounts.byUsername(u);
      await r.accounts.update(a!.id, { mustChangePassword: false }, CLOCK_ISO);
    }
  });
  for (let pc = 0; pc < writers; pc++) {
    await owner.accounts.add(
      { username: writerName(pc), fullName: `Văn thư máy ${pc + 1}`, roles: ['clerk'], confidential: true, password: BENCH_PASSWORD },
      'bench.admin',
    );
  }
}

/** 8 processes adding for 30 s; every DEN number of the run must be distinct and the set gap-free. */
async function concurrentWriters(url: string, writers: number, seconds: number) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const startAt = Date.now() + 8000; // time for every process to start and connect
  const runs = await Promise.all(
    Array.from(
      { length: writers },
      (_, pc) =>
        new Promise<{ pc: number; times: number[]; numbers: number[] }>((resolve, reject) => {
          const p = spawn(
            process.execPath,
            ['--import', 'tsx', path.join(root, 'bench/officeWriter.ts'), personUrl(url, writerName(pc)), String(seconds), String(pc)],
            {
              cwd: root,
              env: { ...process.env, VANTHU_BENCH_START: String(startAt), VANTHU_BENCH_PASSWORD: BENCH_PASSWORD },
              stdio: ['ignore', 'pipe', 'inherit'],
            },
          );
          let out = '';
          p.stdout.on('data', (d: Buffer) => (out += d.toString()));
          p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer ${pc} exited ${code}`))));
        }),
    ),
  );
  const times = runs.flatMap((r) => r.times);
  const numbers = runs.flatMap((r) => r.numbers).sort((a, b) => a - b);
  const distinct = new Set(numbers).size === numbers.length;
  const gapFree = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  return {
    writers,
    seconds,
    asLoginRoles: runs.map((_, pc) => writerName(pc)),
    adds: times.length,
    addsPerSec: Math.round(times.length / seconds),
    addP50Ms: r1(percentile(times, 50)),
    addP95Ms: r1(percentile(times, 95)),
    numbersDistinct: distinct,
    numbersGapFree: gapFree,
    firstNumber: numbers[0] ?? null,
    lastNumber: numbers[numbers.length - 1] ?? null,
  };
}

/**
 * The server as the searches ran on it — the bench's own or one given by --database: its
 * memory settings read back from it (not what was asked for; current_setting needs no
 * privilege), and for the bench's own why they are what they are (pgCluster.ts clusterMemory).
 */
async function serverLine(services: Services, cluster: PgCluster | null): Promise<string> {
  const { PgStore } = await import('../src/main/db/postgres/store.js');
  if (!(services.store instanceof PgStore)) return 'not PostgreSQL';
  const s = await services.store.withClient(
    async (c) =>
      (
        await c.query(
          `SELECT split_part(current_setting('server_version'), ' ', 1) AS version, current_setting('fsync') AS fsync,
                  current_setting('shared_buffers') AS shared_buffers, current_setting('effective_cache_size') AS effective_cache_size`,
        )
      ).rows[0] as Record<string, string>,
  );
  const settings = `PostgreSQL ${s.version}, fsync ${s.fsync}, shared_buffers ${s.shared_buffers}, effective_cache_size ${s.effective_cache_size}`;
  return cluster ? `throwaway cluster, ${settings} (${cluster.memory.basis})` : `given by --database, ${settings}`;
}

/** The same database, connected as this person (the password is given apart). */
function personUrl(url: string, user: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = '';
  return u.toString();
}

export async function runOfficeBench(a: OfficeArgs): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vanthu-office-bench-'));
  const loadStart = os.loadavg()[0]!;
  let cluster: PgCluster | null = null;
  const open: Services[] = [];
  try {
    let url = a.database;
    if (!url) {
      log('starting a throwaway PostgreSQL cluster (durable: fsync on)');
      cluster = await startCluster({ durable: true });
      cluster.psql('CREATE DATABASE bench OWNER vanthu_owner');
      url = cluster.url('bench');
      process.env.PGPASSWORD = PG_OWNER_PASSWORD;
    }
    const jsonl = path.join(tmp, 'docs.jsonl');
    writeJsonl(jsonl, a.docs, { seed: a.seed });
    log(`generated ${a.docs} documents`);
    const clockMs = parseInstant(CLOCK_ISO)!;
    const clock = () => clockMs;
    const figures: StoreFigures[] = [];
    if (a.store === 'both') {
      const s = await createServices({ dbPath: path.join(tmp, 'bench.sqlite'), migrate: true, clock });
      open.push(s);
      figures.push(await measure('sqlite', s, await importInto('sqlite', s, jsonl, a.docs), clockMs, 4242));
      await s.close();
      open.pop();
    }
    const pgServices = await createServices({ dbPath: url, migrate: true, clock });
    open.push(pgServices);
    const pgImported = await importInto('postgres', pgServices, jsonl, a.docs, cluster ? () => serverCpuSeconds(cluster!) : undefined);
    await addBenchAccounts(pgServices, a.writers);
    // The app as a clerk, connected as that clerk's login role: every statement under the policies.
    const clerk = await createServices({ dbPath: personUrl(url, BENCH_CLERK), password: BENCH_PASSWORD, clock });
    open.push(clerk);
    figures.push(await measure('postgres (clerk, RLS)', clerk, pgImported, clockMs, 4242));
    // Searches as people whom the row rule narrows: a clerk without the confidential grant, a specialist of one unit.
    const people: SearchFigures[] = [];
    for (const [user, label] of [
      [BENCH_CLERK_NO_GRANT, 'postgres (clerk, no grant)'],
      [BENCH_SPECIALIST, 'postgres (specialist, one unit)'],
    ] as const) {
      const person = await createServices({ dbPath: personUrl(url, user), password: BENCH_PASSWORD, clock });
      open.push(person);
      people.push(await measureSearches(label, person));
      await person.close();
      open.pop();
    }
    const explain: Record<string, string> = {};
    if (cluster) {
      for (const [user, fig] of [
        [BENCH_CLERK_NO_GRANT, people[0]!],
        [BENCH_SPECIALIST, people[1]!],
      ] as const) {
        explain[user] = await explainAs(cluster, url, user, clock, fig.worstQuery.id);
      }
    }
    // The same calls as the owner (who owns the tables: no policy applies), other new documents.
    figures.push(await measure('postgres (owner)', pgServices, pgImported, clockMs, 4343));
    const server = await serverLine(pgServices, cluster);
    await clerk.close();
    await pgServices.close();
    open.length = 0;
    rmSync(jsonl, { force: true });
    if (figures[0]!.store === 'sqlite') {
      // The owner's figures were taken after the clerk's 200 adds: compare the searches SQLite and the clerk ran on the same rows.
      const differ = Object.keys(figures[0]!.totals).filter((k) => figures[0]!.totals[k] !== figures[1]!.totals[k]);
      if (differ.length) throw new Error(`the stores disagree on totals of ${differ.join(', ')}`);
      log('both stores: identical totals for all 20 searches');
    }
    log(`${a.writers} processes adding at once for ${a.writerSeconds} s`);
    const concurrent = await concurrentWriters(url, a.writers, a.writerSeconds);
    log(
      `concurrent: ${concurrent.adds} adds (${concurrent.addsPerSec}/s), p95 ${concurrent.addP95Ms} ms; distinct ${concurrent.numbersDistinct}, gap-free ${concurrent.numbersGapFree}`,
    );
    // The targets are the app's as a person uses it: connected as the clerk, under the policies.
    const pgFig = figures.find((f) => f.store.startsWith('postgres (clerk'))!;
    const met = {
      searchP95Ms: pgFig.searchP95Ms <= TARGETS.searchP95Ms,
      peopleSearchP95Ms: people.every((p) => p.searchP95Ms <= TARGETS.searchP95Ms),
      addP95Ms: pgFig.addP95Ms <= TARGETS.addP95Ms,
      importDocsPerSec: pgFig.importDocsPerSec >= TARGETS.importDocsPerSec,
      listPageMs: Math.max(pgFig.listFirstPageMs, pgFig.list100thPageMs ?? 0) <= TARGETS.listPageMs,
      concurrentAddP95Ms: concurrent.addP95Ms <= TARGETS.concurrentAddP95Ms,
      concurrentNumbers: concurrent.numbersDistinct && concurrent.numbersGapFree,
    };
    const result = {
      docs: a.docs,
      stores: figures,
      people,
      concurrent,
      targets: TARGETS,
      met,
      details: {
        server,
        // Measured on a kept 1M database: reading the searched relations into shared buffers
        // first (pg_prewarm) changed no person's p95 beyond the noise, since each person's
        // untimed first round reads what the timed ones use. Nothing else warms the server.
        searchWarmUp: "each person's 20 searches once, untimed, before the 5 timed rounds; no pg_prewarm",
        // What the run needed beside the server's shared buffers (a 1M run must fit the machine
        // with them): this process's peak (generation, import client, searches; not the 8 writers').
        benchPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        ramGiB: r1(os.totalmem() / 2 ** 30),
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
        loadAvg1m: { start: r1(loadStart), end: r1(os.loadavg()[0]!) },
        at: toVnIso(Date.now()),
      },
    };
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `office-${a.docs}.json`), JSON.stringify(result, null, 2) + '\n');
    if (Object.keys(explain).length) {
      const text = Object.entries(explain)
        .map(([u, t]) => `# ${u}\n${t}`)
        .join('\n');
      writeFileSync(path.join(dir, `office-${a.docs}-explain.txt`), text);
      log(`plans of the worst searches as each person: bench/results/office-${a.docs}-explain.txt`);
    }
    if (a.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      printTable(result.stores, people, concurrent, met, result.details.loadAvg1m);
      process.stdout.write(`server: ${result.details.server}\n`);
    }
  } finally {
    for (const s of open) await s.close().catch(() => {});
    cluster?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function printTable(
  stores: StoreFigures[],
  people: SearchFigures[],
  concurrent: Awaited<ReturnType<typeof concurrentWriters>>,
  met: Record<string, boolean>,
  load: object,
) {
  const rows: [string, (f: StoreFigures) => unknown, string][] = [
    ['bulk import (docs/s)', (f) => f.importDocsPerSec, 'importDocsPerSec'],
    ['single add p50 (ms)', (f) => f.addP50Ms, ''],
    ['single add p95 (ms)', (f) => f.addP95Ms, 'addP95Ms'],
    ['search p50 (ms)', (f) => f.searchP50Ms, ''],
    ['search p95 (ms)', (f) => f.searchP95Ms, 'searchP95Ms'],
    ['worst query p95', (f) => `${f.worstQuery.id} ${f.worstQuery.p95Ms}`, ''],
    ['list first page (ms)', (f) => f.listFirstPageMs, 'listPageMs'],
    ['list 100th page (ms)', (f) => f.list100thPageMs, 'listPageMs'],
    ['list DEN this year (ms)', (f) => f.listRegisterYearFirstPageMs, ''],
    ['database size (MB)', (f) => (f.dbBytes / 1e6).toFixed(0), ''],
  ];
  rows.push(['load average at the time', (f) => f.loadAvg1m, '']);
  const out = ['', `${''.padEnd(26)}${stores.map((s) => s.store.padStart(28)).join('')}`];
  for (const [label, get, key] of rows) {
    out.push(
      `${label.padEnd(26)}${stores.map((s) => String(get(s) ?? 'n/a').padStart(28)).join('')}${key ? (met[key] ? '  ok' : '  MISSED') : ''}`,
    );
  }
  for (const p of people) {
    out.push(
      `${p.store}: search p50 ${p.searchP50Ms} ms, p95 ${p.searchP95Ms} ms${p.searchP95Ms <= TARGETS.searchP95Ms ? ' ok' : ' MISSED'} (worst ${p.worstQuery.id} ${p.worstQuery.p95Ms} ms; load ${p.loadAvg1m})`,
    );
  }
  out.push(
    '',
    `${concurrent.writers} processes × ${concurrent.seconds} s on PostgreSQL, each its own login role (clerk): ${concurrent.adds} adds, p95 ${concurrent.addP95Ms} ms${met.concurrentAddP95Ms ? ' ok' : ' MISSED'}; numbers distinct ${concurrent.numbersDistinct}, gap-free ${concurrent.numbersGapFree}`,
    `load average (1 min): ${JSON.stringify(load)}`,
    '',
  );
  process.stdout.write(out.join('\n') + '\n');
}

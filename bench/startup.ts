/**
 * Startup benchmark (issue 8): fresh processes on a built tree, median of N (default 10).
 *
 *   vanthu --help                                   ≤ 150 ms
 *   vanthu incoming add (one document, 100,000 in the database)  ≤ 250 ms
 *   vanthu search "quang ngai" (same database)       ≤ 250 ms
 *   npm run web → the page's first render            ≤ 3 s
 *
 * Every command needs an account (issue 10): the timed commands run in the session a
 * `vanthu login` left (as a clerk scripting many commands would), and the same commands with
 * `--user U --password-env VAR` are timed beside them — those pay a full sign-in (scrypt at the
 * product's cost) each time. The page's first render is its sign-in screen; "list loaded" is
 * after signing in on it.
 *
 * `vanthu` is the installed command (bin/vanthu.js, what `npx vanthu` and a global install run;
 * npx's own start-up is npm's, not ours). Each CLI run is a new process started by spawnSync and
 * timed around it. The web figure runs `npm run -s web -- --db … --port 0` itself and times from
 * the spawn to the app's header being drawn in Chromium (/usr/bin/chromium through Playwright; the
 * browser is started once beforehand, as a user's browser already runs); the host's own time to
 * print its URL and the time until the register list has loaded are given beside it.
 *
 *   npm run bench -- --only startup [--runs N] [--json]     this section alone
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build } from '../scripts/build.mjs';
import { ensureRenderer } from '../scripts/web.mjs';
import { createServices } from '../src/main/services.js';
import { importIncomingFile } from '../src/main/incoming/import/importService.js';
import { DocGenerator, writeJsonl } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'vanthu.js');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const STARTUP_TARGETS = {
  helpMs: { max: 150 },
  incomingAddMs: { max: 250 },
  searchMs: { max: 250 },
  webFirstRenderMs: { max: 3000 },
} as const;

export interface StartupResult {
  runs: number;
  docs: number;
  helpMs: number;
  incomingAddMs: number;
  searchMs: number;
  /** The same commands signing in with --user/--password-env each time (scrypt per process). */
  incomingAddWithPasswordMs: number;
  searchWithPasswordMs: number;
  webFirstRenderMs: number;
  webHostReadyMs: number;
  webListReadyMs: number;
  targets: typeof STARTUP_TARGETS;
  met: Record<keyof typeof STARTUP_TARGETS, boolean>;
  /** Mean CPU time (user + system) of one process, ms: steadier than wall time on a busy machine. */
  cpuMs: { help: number | null; incomingAdd: number | null; search: number | null };
  samples: Record<
    | 'helpMs'
    | 'incomingAddMs'
    | 'searchMs'
    | 'incomingAddWithPasswordMs'
    | 'searchWithPasswordMs'
    | 'webFirstRenderMs'
    | 'webHostReadyMs'
    | 'webListReadyMs',
    number[]
  >;
  details: {
    command: string;
    buildSeconds: number;
    datasetSeconds: number;
    loadAvg1m: { start: number; end: number };
    node: string;
    cpus: string;
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc/self/stat
 * (cutime + cstime, in clock ticks of 10 ms): unlike wall time it hardly moves with the load of
 * other work on the machine, so it is reported beside the medians. Null off Linux.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** The bench's clerk (made in the startup database) and where the password is for --password-env. */
const USER = 'vt.bench';
const PASSWORD_ENV = 'VANTHU_BENCH_PASSWORD';
const PASSWORD = 'Mật-khẩu-đo-khởi-động-2026';
/** The config folder of the bench's CLI processes (the `vanthu login` session lives there); set per run. */
let configHome = '';

/** Wall time of one fresh `vanthu …` process (it must succeed), and its CPU time. */
function timeCli(args: string[]): { wall: number; cpu: number | null } {
  const cpu0 = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: configHome, [PASSWORD_ENV]: PASSWORD },
  });
  const wall = performance.now() - t;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`vanthu ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

/** A database of `docs` synthetic documents (the bench's generator and the real import). */
async function makeDatabase(dir: string, docs: number, seed: number): Promise<{ dbPath: string; generator: DocGenerator }> {
  const dbPath = path.join(dir, 'startup.sqlite');
  const jsonl = path.join(dir, 'documents.jsonl');
  const { generator } = writeJsonl(jsonl, docs, { seed });
  const services = await createServices({ dbPath, migrate: true });
  try {
    await services.init({ orgName: 'Văn phòng UBND tỉnh Quảng Ngãi', orgCode: 'VPUB', actor: 'bench' });
    // The office's first administrator, who is also its clerk (registers and searches).
    await services.accounts.setup({ username: USER, fullName: 'Văn Thư Đo Đạc', password: PASSWORD });
    await services.accounts.update({ username: USER, roles: ['admin', 'clerk'] }, USER);
    const r = await importIncomingFile(services, jsonl, { skipInvalid: false, actor: USER });
    if (r.imported !== docs) throw new Error(`imported ${r.imported} of ${docs}`);
  } finally {
    await services.close();
  }
  rmSync(jsonl, { force: true });
  return { dbPath, generator };
}

/** `npm run -s web`, timed from the spawn to the header drawn and to the list loaded; the host is stopped after. */
async function timeWeb(browser: Browser, dbPath: string): Promise<{ hostReady: number; firstRender: number; listReady: number }> {
  const t0 = performance.now();
  const child = spawn('npm', ['run', '-s', 'web', '--', '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, XDG_CONFIG_HOME: configHome },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npm, sh and node are stopped together
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`npm run web: no URL after 60 s\n${err}`)), 60_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /VANTHU_WEB_URL=(\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`npm run web exited ${code}\n${err}`)));
    });
    const hostReady = performance.now() - t0;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // The first render is the sign-in screen; the list comes after signing in on it.
      await page.getByRole('heading', { name: 'Đăng nhập VănThư' }).waitFor({ state: 'visible' });
      const firstRender = performance.now() - t0;
      await page.getByLabel('Tên đăng nhập').fill(USER);
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByLabel('Mật khẩu').press('Enter');
      await page.locator('[data-testid="register-rows"][data-loading="false"]').waitFor();
      const listReady = performance.now() - t0;
      return { hostReady, firstRender, listReady };
    } finally {
      await context.close();
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

export async function benchStartup(
  opts: { runs?: number; docs?: number; seed?: number; log?: (m: string) => void } = {},
): Promise<StartupResult> {
  const runs = opts.runs ?? 10;
  const docs = opts.docs ?? 100_000;
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const loadStart = os.loadavg()[0]!;

  // A built tree, as after `npm install`: the CLI and web host in out/node, the page in out/renderer.
  let t = performance.now();
  await build({ ifStale: true, quiet: true });
  ensureRenderer({ log });
  const buildSeconds = (performance.now() - t) / 1000;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-startup-'));
  configHome = path.join(dir, 'config');
  let browser: Browser | null = null;
  try {
    t = performance.now();
    log(`startup: building a database of ${docs.toLocaleString('en')} documents…`);
    const { dbPath, generator } = await makeDatabase(dir, docs, opts.seed ?? 8);
    const datasetSeconds = (performance.now() - t) / 1000;

    const samples: StartupResult['samples'] = {
      helpMs: [],
      incomingAddMs: [],
      searchMs: [],
      incomingAddWithPasswordMs: [],
      searchWithPasswordMs: [],
      webFirstRenderMs: [],
      webHostReadyMs: [],
      webListReadyMs: [],
    };
    const today = new Date().toISOString().slice(0, 10);
    const addArgs = (i: number) => {
      const d = generator.doc(Date.now() - 60_000 + i);
      delete d.arrivalDate; // the clerk's "now"
      if (d.issuedDate > today) d.issuedDate = today;
      return ['incoming', 'add', '--data', JSON.stringify({ ...d, symbol: `${9000 + i}/BENCH-STARTUP` }), '--db', dbPath, '--json'];
    };
    // The clerk signs in once; the timed commands run in that session.
    timeCli(['login', '--user', USER, '--password-env', PASSWORD_ENV, '--db', dbPath, '--json']);
    const withPassword = ['--user', USER, '--password-env', PASSWORD_ENV];
    // One warm-up of each (the page cache holds the files afterwards, as on a PC in use).
    timeCli(['--help']);
    timeCli(addArgs(-1));
    timeCli(['search', 'quang ngai', '--db', dbPath, '--json']);
    const cpu = { help: [] as (number | null)[], incomingAdd: [] as (number | null)[], search: [] as (number | null)[] };
    const record = (key: 'helpMs' | 'incomingAddMs' | 'searchMs', c: keyof typeof cpu, m: { wall: number; cpu: number | null }) => {
      samples[key].push(m.wall);
      cpu[c].push(m.cpu);
    };
    for (let i = 0; i < runs; i++) {
      record('helpMs', 'help', timeCli(['--help']));
      record('incomingAddMs', 'incomingAdd', timeCli(addArgs(i)));
      record('searchMs', 'search', timeCli(['search', 'quang ngai', '--db', dbPath, '--json']));
    }
    for (let i = 0; i < runs; i++) {
      samples.incomingAddWithPasswordMs.push(timeCli([...addArgs(runs + i), ...withPassword]).wall);
      samples.searchWithPasswordMs.push(timeCli(['search', 'quang ngai', '--db', dbPath, '--json', ...withPassword]).wall);
    }
    const meanCpu = (xs: (number | null)[]) =>
      xs.some((x) => x === null) ? null : r1((xs as number[]).reduce((a, b) => a + b, 0) / xs.length);
    const cpuMs = { help: meanCpu(cpu.help), incomingAdd: meanCpu(cpu.incomingAdd), search: meanCpu(cpu.search) };
    log(
      `startup: --help ${r1(median(samples.helpMs))} ms, incoming add ${r1(median(samples.incomingAddMs))} ms, search ${r1(median(samples.searchMs))} ms ` +
        `(with --password-env: add ${r1(median(samples.incomingAddWithPasswordMs))} ms, search ${r1(median(samples.searchWithPasswordMs))} ms)`,
    );

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    await timeWeb(browser, dbPath); // warm-up
    for (let i = 0; i < runs; i++) {
      const w = await timeWeb(browser, dbPath);
      samples.webHostReadyMs.push(w.hostReady);
      samples.webFirstRenderMs.push(w.firstRender);
      samples.webListReadyMs.push(w.listReady);
    }
    log(
      `startup: npm run web → first render ${r1(median(samples.webFirstRenderMs))} ms (host ready ${r1(median(samples.webHostReadyMs))} ms)`,
    );

    const figures = {
      helpMs: r1(median(samples.helpMs)),
      incomingAddMs: r1(median(samples.incomingAddMs)),
      searchMs: r1(median(samples.searchMs)),
      incomingAddWithPasswordMs: r1(median(samples.incomingAddWithPasswordMs)),
      searchWithPasswordMs: r1(median(samples.searchWithPasswordMs)),
      webFirstRenderMs: r1(median(samples.webFirstRenderMs)),
      webHostReadyMs: r1(median(samples.webHostReadyMs)),
      webListReadyMs: r1(median(samples.webListReadyMs)),
    };
    const met = Object.fromEntries(
      Object.entries(STARTUP_TARGETS).map(([k, target]) => [k, figures[k as keyof typeof STARTUP_TARGETS] <= target.max]),
    ) as StartupResult['met'];
    return {
      runs,
      docs,
      ...figures,
      targets: STARTUP_TARGETS,
      met,
      cpuMs,
      samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map(r1)])) as StartupResult['samples'],
      details: {
        command: `node ${path.relative(ROOT, BIN)} login …, then node ${path.relative(ROOT, BIN)} … (the session); the same with --user/--password-env; npm run -s web -- --db … --port 0`,
        buildSeconds: r1(buildSeconds),
        datasetSeconds: r1(datasetSeconds),
        loadAvg1m: { start: Math.round(loadStart * 100) / 100, end: Math.round(os.loadavg()[0]! * 100) / 100 },
        node: process.version,
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
      },
    };
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

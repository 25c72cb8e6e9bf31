/**
 * Archive figures (issue 14), on each store: filing a document into an open dossier
 * (`fileDocumentMs`, target ≤ 5 ms) and the hand-over due list over 100,000 closed dossiers
 * (`dueListMs`, ≤ 50 ms: the first page of 200 with the whole list's counts), for an account
 * with the confidential grant and one without (which leaves out the dossiers that need it);
 * also the 100th page of the due list by its cursor and the first page of the expired list.
 *
 * Run: `npm run bench -- --only archive [--store sqlite|postgres|both] [--json]` (JSON in
 * bench/results/latest-archive.json). The dossiers are written straight to the table in one
 * transaction, as an office with ten years of files would have them (one in 50 marked "Mật");
 * the filings go through the service, each its own transaction (fsync on). Without
 * --database, PostgreSQL is a throwaway durable cluster in a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createServices, type Services } from '../src/main/services.js';
import { PG_OWNER_PASSWORD, startCluster, type PgCluster } from '../tests/unit/helpers/pgCluster.js';

const FILINGS = 300;
const DUE_RUNS = 20;
const NOW = Date.parse('2026-11-20T09:00:00+07:00');

export interface ArchiveStoreFigures {
  store: 'sqlite' | 'postgres';
  dossiers: number;
  fileDocumentMs: { p50: number; p95: number };
  dueListMs: { p50: number; p95: number; total: number; shown: number };
  dueListWithoutGrantMs: { p50: number; p95: number; total: number };
  dueList100thPageMs: number;
  expiredFirstPageMs: { p50: number; total: number };
  /** 1-minute load average before and after this store's figures. */
  load: { before: number; after: number };
}

export interface ArchiveFigures {
  stores: ArchiveStoreFigures[];
  targets: { fileDocumentP95Ms: number; dueListP95Ms: number };
  met: Record<string, boolean>;
}

const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return +s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!.toFixed(2);
};
const load1 = () => +os.loadavg()[0]!.toFixed(2);

/** The synthetic dossiers: ten years, kept 5–70 years or for good, all closed and due at the end of the year after. */
function dossierRow(i: number) {
  const year = 2016 + (i % 10);
  const ret = [null, 70, 50, 20, 10, 5][i % 6]!;
  const end = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
  return {
    year,
    code: `${i + 1}.B${i % 7}`,
    title: `Hồ sơ số ${i}`,
    ret,
    start: `${year}-01-02`,
    end,
    due: `${year + 1}-12-31`,
    expiry: ret === null ? null : year + ret,
    rights: i % 50 === 7 ? '03' : '01',
    search: `ho so so ${i}`,
  };
}

const COLUMNS = `(year, code, title, retention_years, state, start_date, end_date, doc_total, due_date, expiry_year, rights, search_text,
  created_at, created_by, updated_at)`;

function fillSqlite(dbPath: string, n: number): void {
  const db = new Database(dbPath);
  const ins = db.prepare(`INSERT INTO dossiers ${COLUMNS} VALUES (?, ?, ?, ?, 'closed', ?, ?, 3, ?, ?, ?, ?, ?, 'bench', ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const d = dossierRow(i);
      ins.run(d.year, d.code, d.title, d.ret, d.start, d.end, d.due, d.expiry, d.rights, d.search, d.end, d.end);
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

async function fillPostgres(url: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    for (let from = 0; from < n; from += 5000) {
      const rows = Array.from({ length: Math.min(5000, n - from) }, (_, k) => dossierRow(from + k));
      const params: unknown[] = [];
      const values = rows.map((d) => {
        const b = params.length;
        params.push(d.year, d.code, d.title, d.ret, d.start, d.end, d.due, d.expiry, d.rights, d.search, d.end, d.end);
        const p = (k: number) => `$${b + k}`;
        return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'closed', ${p(5)}, ${p(6)}, 3, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, 'bench', ${p(12)})`;
      });
      await c.query(`INSERT INTO dossiers ${COLUMNS} VALUES ${values.join(', ')}`, params);
    }
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE dossiers');
    await c.query('VACUUM ANALYZE dossier_secrecy');
  } finally {
    await c.end();
  }
}

async function measure(store: 'sqlite' | 'postgres', s: Services, n: number, log: (m: string) => void): Promise<ArchiveStoreFigures> {
  const before = load1();
  const bench = { actor: 'bench' };
  const docs: number[] = [];
  for (let i = 0; i < FILINGS; i++) {
    const d = await s.incoming.add(
      {
        organName: 'Sở Tài chính tỉnh Quảng Ngãi',
        symbol: `${i + 1}/STC-QLNS`,
        issuedDate: '2026-11-02',
        typeName: 'Công văn',
        subject: `Về việc số ${i}`,
        arrivalDate: `2026-11-05T08:${String(i % 60).padStart(2, '0')}:00+07:00`,
      },
      bench,
    );
    docs.push(d.id);
  }
  const open = await s.archive.open({ title: 'Hồ sơ đo', code: '999.BENCH', retention: 10, startDate: '2026-11-01' }, bench);
  const fileTimes: number[] = [];
  for (const id of docs) {
    const t0 = performance.now();
    await s.archive.addDoc({ id: open.id, kind: 'incoming', docId: id }, bench);
    fileTimes.push(performance.now() - t0);
  }
  log(`archive ${store}: ${FILINGS} filings p50 ${pct(fileTimes, 50)} ms, p95 ${pct(fileTimes, 95)} ms (load ${load1()})`);

  const timeDue = async (who: { actor: string; confidential?: boolean }) => {
    const times: number[] = [];
    let last = await s.disposition.due({}, who); // warm
    for (let i = 0; i < DUE_RUNS; i++) {
      const t0 = performance.now();
      last = await s.disposition.due({}, who);
      times.push(performance.now() - t0);
    }
    return { times, last };
  };
  const withGrant = await timeDue({ actor: 'bench', confidential: true });
  const without = await timeDue({ actor: 'bench', confidential: false });
  let cursor = withGrant.last.next;
  for (let p = 2; p < 100 && cursor; p++) cursor = (await s.disposition.due({ after: cursor })).next;
  const t100 = performance.now();
  await s.disposition.due({ after: cursor ?? undefined });
  const page100 = performance.now() - t100;
  const expiredTimes: number[] = [];
  let expiredTotal = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    expiredTotal = (await s.disposition.expired({ year: 2026 })).total;
    expiredTimes.push(performance.now() - t0);
  }
  const fig: ArchiveStoreFigures = {
    store,
    dossiers: n,
    fileDocumentMs: { p50: pct(fileTimes, 50), p95: pct(fileTimes, 95) },
    dueListMs: {
      p50: pct(withGrant.times, 50),
      p95: pct(withGrant.times, 95),
      total: withGrant.last.total,
      shown: withGrant.last.items.length,
    },
    dueListWithoutGrantMs: { p50: pct(without.times, 50), p95: pct(without.times, 95), total: without.last.total },
    dueList100thPageMs: +page100.toFixed(2),
    expiredFirstPageMs: { p50: pct(expiredTimes, 50), total: expiredTotal },
    load: { before, after: load1() },
  };
  log(
    `archive ${store}: due list p50 ${fig.dueListMs.p50} ms, p95 ${fig.dueListMs.p95} ms (${fig.dueListMs.total} due); ` +
      `without the grant p95 ${fig.dueListWithoutGrantMs.p95} ms (${fig.dueListWithoutGrantMs.total}); 100th page ${fig.dueList100thPageMs} ms; ` +
      `expired p50 ${fig.expiredFirstPageMs.p50} ms (load ${fig.load.before} → ${fig.load.after})`,
  );
  return fig;
}

export async function benchArchive(opts: {
  stores: readonly ('sqlite' | 'postgres')[];
  dossiers?: number;
  database?: string;
  log: (m: string) => void;
}): Promise<ArchiveFigures> {
  const n = opts.dossiers ?? 100_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-archive-'));
  const clock = () => NOW;
  let cluster: PgCluster | null = null;
  const stores: ArchiveStoreFigures[] = [];
  try {
    for (const store of opts.stores) {
      let where: string;
      if (store === 'sqlite') {
        where = path.join(dir, 'archive.sqlite');
        const s = await createServices({ dbPath: where, migrate: true, clock });
        await s.init({ actor: 'bench', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
        await s.close();
        fillSqlite(where, n);
      } else {
        if (opts.database) where = opts.database;
        else {
          opts.log('archive: starting a throwaway PostgreSQL cluster (durable: fsync on)');
          cluster = await startCluster({ durable: true });
          cluster.psql('CREATE DATABASE archive OWNER vanthu_owner');
          where = cluster.url('archive');
          process.env.PGPASSWORD = PG_OWNER_PASSWORD;
        }
        const s = await createServices({ dbPath: where, migrate: true, clock });
        await s.init({ actor: 'bench', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
        await s.close();
        await fillPostgres(where, n);
      }
      opts.log(`archive ${store}: ${n.toLocaleString('en')} closed dossiers written`);
      const s = await createServices({ dbPath: where, clock });
      try {
        stores.push(await measure(store, s, n, opts.log));
      } finally {
        await s.close();
      }
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const targets = { fileDocumentP95Ms: 5, dueListP95Ms: 50 };
  const met: Record<string, boolean> = {};
  for (const f of stores) {
    met[`${f.store}.fileDocumentP95Ms`] = f.fileDocumentMs.p95 <= targets.fileDocumentP95Ms;
    met[`${f.store}.dueListP95Ms`] = f.dueListMs.p95 <= targets.dueListP95Ms;
  }
  return { stores, targets, met };
}

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
import { personLocator } from '../src/main/db/postgres/locator.js';
import { createServices, type Services } from '../src/main/services.js';
import { PG_OWNER_PASSWORD, startCluster, type PgCluster } from '../tests/unit/helpers/pgCluster.js';

const FILINGS = 300;
/** The benchmark's own throwaway accounts (a temporary cluster, removed at the end). */
const PERSON_PASSWORD = 'Đo-hiệu-năng-2026';
const ADMIN = 'qt.do';
const DUE_RUNS = 20;
const NOW = Date.parse('2026-11-20T09:00:00+07:00');

export interface ArchiveStoreFigures {
  store: 'sqlite' | 'postgres';
  /**
   * Whose connection: 'owner' (SQLite, or PostgreSQL as the office's owner role: no row-level
   * policy applies) or 'person' (PostgreSQL as an archivist's own login role, as the app works
   * for a signed-in person: GRANTs, policies and guards apply). The confidential grant: the
   * filing and the first due list as a person with it, the second as one without.
   */
  as: 'owner' | 'person';
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
export function dossierRow(i: number) {
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

export async function fillPostgres(url: string, n: number): Promise<void> {
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
    // The due index's table, filled by the trigger: what autovacuum does on a live server within a minute.
    await c.query('VACUUM ANALYZE dossier_due');
  } finally {
    await c.end();
  }
}

/** Who the figures are taken as: the services and the archive actor of each kind of reader. */
interface Readers {
  as: 'owner' | 'person';
  /** Registers the documents to file (a clerk's work: the owner's connection). */
  owner: Services;
  /** Files and reads the due list with the confidential grant. */
  granted: { s: Services; who: { actor: string; confidential?: boolean } };
  /** Reads the due list without it. */
  plain: { s: Services; who: { actor: string; confidential?: boolean } };
}

async function measure(store: 'sqlite' | 'postgres', readers: Readers, n: number, log: (m: string) => void): Promise<ArchiveStoreFigures> {
  const before = load1();
  const s = readers.granted.s;
  const bench = readers.granted.who;
  const docs: number[] = [];
  for (let i = 0; i < FILINGS; i++) {
    const d = await readers.owner.incoming.add(
      {
        organName: 'Sở Tài chính tỉnh Quảng Ngãi',
        symbol: `${i + 1}/STC-${readers.as === 'owner' ? 'QLNS' : 'TCDN'}`,
        issuedDate: '2026-11-02',
        typeName: 'Công văn',
        subject: `Về việc số ${i}`,
        arrivalDate: `2026-11-05T08:${String(i % 60).padStart(2, '0')}:00+07:00`,
      },
      bench,
    );
    docs.push(d.id);
  }
  const open = await s.archive.open(
    { title: 'Hồ sơ đo', code: `${readers.as === 'owner' ? 999 : 998}.BENCH`, retention: 10, startDate: '2026-11-01' },
    bench,
  );
  const fileTimes: number[] = [];
  for (const id of docs) {
    const t0 = performance.now();
    await s.archive.addDoc({ id: open.id, kind: 'incoming', docId: id }, bench);
    fileTimes.push(performance.now() - t0);
  }
  log(`archive ${store} (${readers.as}): ${FILINGS} filings p50 ${pct(fileTimes, 50)} ms, p95 ${pct(fileTimes, 95)} ms (load ${load1()})`);

  const timeDue = async (r: Readers['granted']) => {
    const times: number[] = [];
    let last = await r.s.disposition.due({}, r.who); // warm
    for (let i = 0; i < DUE_RUNS; i++) {
      const t0 = performance.now();
      last = await r.s.disposition.due({}, r.who);
      times.push(performance.now() - t0);
    }
    return { times, last };
  };
  const withGrant = await timeDue(readers.granted);
  const without = await timeDue(readers.plain);
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
    as: readers.as,
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
    `archive ${store} (${readers.as}): due list p50 ${fig.dueListMs.p50} ms, p95 ${fig.dueListMs.p95} ms (${fig.dueListMs.total} due); ` +
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
      const people: Services[] = [];
      try {
        const owner = { s, who: { actor: 'bench' } };
        stores.push(
          await measure(
            store,
            { as: 'owner', owner: s, granted: owner, plain: { s, who: { actor: 'bench', confidential: false } } },
            n,
            opts.log,
          ),
        );
        if (store === 'postgres') {
          // As the app works for a signed-in person: archivists' own login roles (one with the grant).
          const person = async (username: string, confidential: boolean) => {
            await s.accounts.add({ username, fullName: 'Người Đo', roles: ['archivist'], password: PERSON_PASSWORD, confidential }, ADMIN);
            const p = await createServices({ dbPath: personLocator(where, username), password: PERSON_PASSWORD, clock, poolMax: 2 });
            people.push(p);
            return { s: p, who: { actor: username, confidential } };
          };
          await s.accounts.setup({ username: ADMIN, fullName: 'Quản Trị Đo', password: PERSON_PASSWORD });
          const granted = await person('luutru.mat', true);
          const plain = await person('luutru.thuong', false);
          stores.push(await measure(store, { as: 'person', owner: s, granted, plain }, n, opts.log));
        }
      } finally {
        for (const p of people) await p.close();
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
    const key = f.as === 'person' ? `${f.store}.person` : f.store;
    met[`${key}.fileDocumentP95Ms`] = f.fileDocumentMs.p95 <= targets.fileDocumentP95Ms;
    met[`${key}.dueListP95Ms`] = f.dueListMs.p95 <= targets.dueListP95Ms;
    met[`${key}.dueListWithoutGrantP95Ms`] = f.dueListWithoutGrantMs.p95 <= targets.dueListP95Ms;
  }
  return { stores, targets, met };
}

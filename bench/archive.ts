/**
 * Archive figures (issue 14): filing a document into an open dossier, and the hand-over due
 * list over 100,000 closed dossiers. Prints JSON. Run: npx tsx bench/archive.ts
 * (SQLite file in a temp folder; the dossiers are written in one transaction straight to the
 * table, as an office with ten years of files would have them.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createServices } from '../src/main/services.js';

const DOSSIERS = Number(process.env.ARCHIVE_BENCH_DOSSIERS ?? 100_000);
const FILINGS = 300;

const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-archive-'));
const dbPath = path.join(dir, 'bench.sqlite');
let now = Date.parse('2026-11-20T09:00:00+07:00');
const clock = () => now;
try {
  const s = await createServices({ dbPath, migrate: true, clock });
  await s.init({ actor: 'bench', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
  await s.close();

  // 100,000 closed dossiers over ten years, kept 5–70 years or for good, due at various dates.
  const db = new Database(dbPath);
  const ins = db.prepare(
    `INSERT INTO dossiers (year, code, title, retention_years, state, start_date, end_date, doc_total, due_date, expiry_year, search_text,
       created_at, created_by, updated_at) VALUES (?, ?, ?, ?, 'closed', ?, ?, 3, ?, ?, ?, ?, 'bench', ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < DOSSIERS; i++) {
      const year = 2016 + (i % 10);
      const ret = [null, 70, 50, 20, 10, 5][i % 6]!;
      const end = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
      ins.run(
        year,
        `${i + 1}.B${i % 7}`,
        `Hồ sơ số ${i}`,
        ret,
        `${year}-01-02`,
        end,
        `${year + 1}-12-31`,
        ret === null ? null : year + ret,
        `ho so so ${i}`,
        end,
        end,
      );
    }
  })();
  db.close();

  const s2 = await createServices({ dbPath, clock });
  const docs: number[] = [];
  for (let i = 0; i < FILINGS; i++) {
    const d = await s2.incoming.add(
      {
        organName: 'Sở Tài chính tỉnh Quảng Ngãi',
        symbol: `${i + 1}/STC-QLNS`,
        issuedDate: '2026-11-02',
        typeName: 'Công văn',
        subject: `Về việc số ${i}`,
        arrivalDate: `2026-11-05T08:${String(i % 60).padStart(2, '0')}:00+07:00`,
      },
      { actor: 'bench' },
    );
    docs.push(d.id);
  }
  const open = await s2.archive.open({ title: 'Hồ sơ đo', code: '999.BENCH', retention: 10, startDate: '2026-11-01' }, { actor: 'bench' });
  now += 1000;
  const fileTimes: number[] = [];
  for (const id of docs) {
    const t0 = performance.now();
    await s2.archive.addDoc({ id: open.id, kind: 'incoming', docId: id }, { actor: 'bench' });
    fileTimes.push(performance.now() - t0);
  }
  const dueTimes: number[] = [];
  let due = null;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    due = await s2.disposition.due({});
    dueTimes.push(performance.now() - t0);
  }
  await s2.close();
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)]!;
  console.log(
    JSON.stringify({
      dossiers: DOSSIERS,
      fileDocumentMs: {
        median: +med(fileTimes).toFixed(2),
        p95: +p95(fileTimes).toFixed(2),
        target: 5,
        note: 'addDoc: checks, ordinal, audit, and the dossier detail it returns',
      },
      dueListMs: {
        median: +med(dueTimes).toFixed(2),
        p95: +p95(dueTimes).toFixed(2),
        target: 50,
        total: due!.total,
        shown: due!.items.length,
      },
      load: os.loadavg().map((x) => +x.toFixed(2)),
    }),
  );
} finally {
  if (process.env.ARCHIVE_BENCH_KEEP) console.error(dbPath);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * The office benchmark's 20 searches alone, on a database `bench/office.ts` built and kept
 * (`--database`): `npx tsx bench/officeSearch.ts postgres://HOST:PORT/DB [--rounds 5] [--json]`
 * (PGPASSWORD: the bench accounts' password is the bench's own). For each person of the office
 * bench (a clerk with the confidential grant, one without, a specialist; `--owner URL` adds the
 * owner's connection) the 20 searches of queries.ts, warm-up then rounds: per query its p50/p95
 * and its answer — the total and a digest of the first page's ids — so two runs (before and
 * after a change, on the same database) can be compared for speed and for identical answers.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createServices } from '../src/main/services.js';
import { parseInstant } from '../src/shared/text/dates.js';
import { QUERIES } from './queries.js';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    owner: { type: 'string' },
    only: { type: 'string' },
  },
});
const url = positionals[0];
if (!url) throw new Error('usage: officeSearch.ts postgres://HOST:PORT/DB [--rounds N] [--owner URL] [--only person,…] [--json]');
const BENCH_PASSWORD = 'Thử-tải-văn-phòng-2026';
const clockMs = parseInstant('2026-11-20T10:00:00+07:00')!;
const rounds = Number(a.rounds);

function personUrl(user: string): string {
  const u = new URL(url!);
  u.username = encodeURIComponent(user);
  u.password = '';
  return u.toString();
}
function percentile(values: number[], p: number): number {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
}
const r1 = (x: number) => Math.round(x * 10) / 10;

const people: { label: string; url: string; password?: string }[] = [
  { label: 'clerk', url: personUrl('bench.clerk'), password: BENCH_PASSWORD },
  { label: 'clerk2', url: personUrl('bench.clerk2'), password: BENCH_PASSWORD },
  { label: 'specialist', url: personUrl('bench.specialist'), password: BENCH_PASSWORD },
  ...(a.owner ? [{ label: 'owner', url: a.owner }] : []),
].filter((p) => !a.only || a.only.split(',').includes(p.label));

const out: Record<string, unknown> = { loadStart: r1(os.loadavg()[0]!) };
for (const p of people) {
  const s = await createServices({ dbPath: p.url, password: p.password, clock: () => clockMs });
  try {
    const answers: Record<string, { total: number; capped: boolean; page: string }> = {};
    const times: number[][] = QUERIES.map(() => []);
    for (const q of QUERIES) {
      const r = await s.search.search(q.params);
      const ids = r.items.map((x) => x.id).join(',');
      answers[q.id] = { total: r.total, capped: r.totalCapped, page: createHash('sha256').update(ids).digest('hex').slice(0, 12) };
    }
    for (let run = 0; run < rounds; run++) {
      for (let i = 0; i < QUERIES.length; i++) {
        const t = performance.now();
        await s.search.search(QUERIES[i]!.params);
        times[i]!.push(performance.now() - t);
      }
    }
    const all = times.flat();
    const perQuery = QUERIES.map((q, i) => ({
      id: q.id,
      p50: r1(percentile(times[i]!, 50)),
      p95: r1(percentile(times[i]!, 95)),
      ...answers[q.id],
    }));
    out[p.label] = { p50: r1(percentile(all, 50)), p95: r1(percentile(all, 95)), load: r1(os.loadavg()[0]!), perQuery };
    if (!a.json) {
      process.stdout.write(`${p.label}: p50 ${r1(percentile(all, 50))} p95 ${r1(percentile(all, 95))} ms (load ${r1(os.loadavg()[0]!)})\n`);
      for (const x of perQuery)
        process.stdout.write(
          `  ${x.id.padEnd(28)} ${String(x.p50).padStart(7)} ${String(x.p95).padStart(7)}  ${x.total}${x.capped ? '+' : ''} ${x.page}\n`,
        );
    }
  } finally {
    await s.close();
  }
}
if (a.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');

/**
 * Where each of the office bench's searches spends its time, per person, on a database
 * `bench/office.ts` built and kept: `npx tsx bench/officeSearchSplit.ts postgres://HOST:PORT/DB
 * [--rounds 3] [--owner URL] [--only person,…] [--q id,…]` (PGPASSWORD as for officeSearch.ts).
 * Each search goes through the app's search service as in officeSearch.ts; the calls it makes
 * to the database are timed by kind — the first page (vt_search_first), later pages' keys
 * (vt_search_keys) or candidates, the capped count (vt_search_count), the page's rows read under
 * the policies — and the median of each over the rounds is printed beside the whole search's, so
 * a change to one function can be read apart from the others. Wall times, as the app sees them.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Q } from '../src/main/db/postgres/query.js';
import { createServices } from '../src/main/services.js';
import { parseInstant } from '../src/shared/text/dates.js';
import { QUERIES } from './queries.js';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, owner: { type: 'string' }, only: { type: 'string' }, q: { type: 'string' } },
});
const url = positionals[0];
if (!url) throw new Error('usage: officeSearchSplit.ts postgres://HOST:PORT/DB [--rounds N] [--owner URL] [--only person,…] [--q id,…]');
const BENCH_PASSWORD = 'Thử-tải-văn-phòng-2026';
const clockMs = parseInstant('2026-11-20T10:00:00+07:00')!;
const KINDS = ['first', 'keys', 'candidates', 'count', 'rows'] as const;
const kindOf = (sql: string) =>
  sql.includes('vt_search_first')
    ? 'first'
    : sql.includes('vt_search_keys')
      ? 'keys'
      : sql.includes('vt_search_candidates')
        ? 'candidates'
        : sql.includes('vt_search_count')
          ? 'count'
          : 'rows';

// Every statement of the search goes through Q.dyn or Q.rows: time them by kind.
let spent: Record<string, number> = {};
type Run = (this: Q, sql: string, params?: unknown[]) => Promise<unknown[]>;
const proto = Q.prototype as unknown as Record<'dyn' | 'rows', Run>;
for (const m of ['dyn', 'rows'] as const) {
  const original = proto[m];
  proto[m] = async function (this: Q, sql: string, params?: unknown[]) {
    const t = performance.now();
    try {
      return await original.call(this, sql, params);
    } finally {
      const k = kindOf(sql);
      spent[k] = (spent[k] ?? 0) + performance.now() - t;
    }
  };
}

function personUrl(user: string): string {
  const u = new URL(url!);
  u.username = encodeURIComponent(user);
  return u.toString();
}
const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] ?? 0;
const people = [
  { label: 'clerk', url: personUrl('bench.clerk'), password: BENCH_PASSWORD as string | undefined },
  { label: 'clerk2', url: personUrl('bench.clerk2'), password: BENCH_PASSWORD as string | undefined },
  { label: 'specialist', url: personUrl('bench.specialist'), password: BENCH_PASSWORD as string | undefined },
  ...(a.owner ? [{ label: 'owner', url: a.owner, password: undefined }] : []),
].filter((p) => !a.only || a.only.split(',').includes(p.label));
const queries = QUERIES.filter((q) => !a.q || a.q.split(',').includes(q.id));

for (const p of people) {
  const s = await createServices({ dbPath: p.url, password: p.password, clock: () => clockMs });
  try {
    const times = new Map<string, Record<string, number[]>>();
    const totals = new Map<string, string>();
    // Round 0 warms up (plans, caches); its times are not kept.
    for (let round = 0; round <= Number(a.rounds); round++) {
      for (const q of queries) {
        spent = {};
        const t = performance.now();
        const r = await s.search.search(q.params);
        const whole = performance.now() - t;
        if (round === 0) {
          totals.set(q.id, `${r.total}${r.totalCapped ? '+' : ''}`);
          continue;
        }
        const x = times.get(q.id) ?? {};
        times.set(q.id, x);
        (x.search ??= []).push(whole);
        for (const [k, v] of Object.entries(spent)) (x[k] ??= []).push(v);
      }
    }
    process.stdout.write(`${p.label} (load ${os.loadavg()[0]!.toFixed(1)}), medians in ms\n`);
    for (const [id, x] of times) {
      const parts = KINDS.filter((k) => x[k]).map((k) => `${k} ${median(x[k]!).toFixed(1)}`);
      process.stdout.write(
        `  ${id.padEnd(28)} search ${median(x.search!).toFixed(1).padStart(6)}  ${parts.join('  ')}  total ${totals.get(id)}\n`,
      );
    }
  } finally {
    await s.close();
  }
}

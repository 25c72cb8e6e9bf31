/**
 * The search part of the benchmark: the 20 queries of queries.ts through the services — the
 * first page (what a user waits for; the total exact up to 10,000, else "more than") and the
 * exact count (search.count, shown when it arrives) — and the same questions asked of a
 * naive FTS5 reference built independently (naiveSearch.ts): both must find the same hits.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import type { Services } from '../src/main/services.js';
import { NaiveSearch, type NaiveQuery } from './naiveSearch.js';
import { QUERIES, type BenchQuery } from './queries.js';

export interface QueryFigures {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  /** Exact number of hits (search.count). */
  total: number;
  /** What the first page said: the total, or "more than" it. */
  firstPageTotal: number;
  totalCapped: boolean;
  firstPageP50Ms: number;
  firstPageP95Ms: number;
  countP50Ms: number;
  countP95Ms: number;
  /** The naive reference: its count and its newest 20 hits, each timed alone (median). */
  naiveCountMs: number;
  naiveNewestMs: number;
  /** Hits agree: same count, same newest 500 by date, first page (by relevance) all hits. */
  agrees: boolean;
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
};
const r1 = (ms: number) => Math.round(ms * 10) / 10;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const a = performance.now();
  const v = await fn();
  return [performance.now() - a, v];
}

function naiveOf(q: BenchQuery): NaiveQuery {
  const p = q.params;
  return { text: p.query ?? undefined, type: p.type, urgency: p.urgency, register: p.register, org: p.org, from: p.from, to: p.to };
}

/** Garbage-collection pauses of this process while the searches were timed. */
export interface GcFigures {
  count: number;
  totalMs: number;
  maxMs: number;
}

export async function benchSearch(
  services: Services,
  /**
   * Builds (or opens) the naive reference: called only after the timed rounds, so that its
   * memory — a million symbols held for the fragment scans, the arrays its answers build —
   * is not in the heap the garbage collector walks while the store's searches are timed.
   */
  reference: () => NaiveSearch,
  runs: number,
  log: (m: string) => void,
  queries: readonly BenchQuery[] = QUERIES,
): Promise<{
  perQuery: QueryFigures[];
  firstPage: number[];
  count: number[];
  disagreements: string[];
  gc: GcFigures;
  /** CPU time of this process (user + system) over the timed rounds: steadier than wall times on a busy machine. */
  timedCpuMs: number;
}> {
  const firstPage: number[][] = queries.map(() => []);
  const count: number[][] = queries.map(() => []);
  const disagreements: string[] = [];
  const facts: {
    total: number;
    firstPageTotal: number;
    totalCapped: boolean;
    agrees: boolean;
    naiveCountMs: number;
    naiveNewestMs: number;
  }[] = [];

  // Warm-up (statements prepared, pages read); the answers are kept for the reference's check.
  const ours: { first: Awaited<ReturnType<Services['search']['search']>>; total: number; newest: number[] }[] = [];
  for (const q of queries) {
    const first = await services.search.search(q.params);
    const { total } = await services.search.count(q.params);
    const byDate = await services.search.search({ ...q.params, sort: 'date', limit: 500 });
    ours.push({ first, total, newest: byDate.items.map((d) => d.id) });
  }

  // Interleaved rounds: every query's first page, then its exact count (as the screen asks them).
  const gc: GcFigures = { count: 0, totalMs: 0, maxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const cpu0 = process.cpuUsage();
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < queries.length; i++) {
      firstPage[i]!.push((await time(() => services.search.search(queries[i]!.params)))[0]);
      count[i]!.push((await time(() => services.search.count(queries[i]!.params)))[0]);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const timedCpuMs = r1((cpu.user + cpu.system) / 1000);
  // Entries are delivered asynchronously: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  gc.totalMs = r1(gc.totalMs);
  gc.maxMs = r1(gc.maxMs);

  // The check against the naive reference, after the timing.
  const naive = reference();
  try {
    queries.forEach((q, i) => {
      const { first, total, newest } = ours[i]!;
      const nq = naiveOf(q);
      const a = performance.now();
      const ref = naive.answer(nq, 500);
      const naiveCountMs = performance.now() - a;
      const b = performance.now();
      naive.answer(nq, 20);
      const naiveNewestMs = performance.now() - b;
      const problems: string[] = [];
      if (!ref) problems.push('no reference');
      else {
        if (ref.total !== total) problems.push(`count ${total} vs naive ${ref.total}`);
        if (newest.join() !== ref.newest.join()) problems.push('newest 500 by date differ');
        const ids = first.items.map((d) => d.id);
        const inRef = naive.contains(nq, ids);
        if (ids.some((id) => !inRef.has(id))) problems.push('first page has documents the reference does not find');
      }
      const capped = total > 10_000;
      if (first.totalCapped !== capped || first.total !== Math.min(total, 10_000))
        problems.push(`first page total ${first.total}${first.totalCapped ? '+' : ''} for ${total}`);
      if (problems.length) disagreements.push(`${q.id}: ${problems.join('; ')}`);
      facts.push({
        total,
        firstPageTotal: first.total,
        totalCapped: first.totalCapped,
        agrees: problems.length === 0,
        naiveCountMs: r1(naiveCountMs),
        naiveNewestMs: r1(naiveNewestMs),
      });
    });
  } finally {
    naive.close();
  }
  log(`search: the naive reference agrees on ${facts.filter((f) => f.agrees).length} of ${queries.length} queries`);
  for (const d of disagreements) log(`  DISAGREES ${d}`);

  const perQuery = queries.map((q, i) => ({
    id: q.id,
    kind: q.kind,
    params: q.params as Record<string, unknown>,
    ...facts[i]!,
    firstPageP50Ms: r1(percentile(firstPage[i]!, 50)),
    firstPageP95Ms: r1(percentile(firstPage[i]!, 95)),
    countP50Ms: r1(percentile(count[i]!, 50)),
    countP95Ms: r1(percentile(count[i]!, 95)),
  }));
  // Reorder keys for reading: id, kind, params, total… as declared in QueryFigures.
  return {
    perQuery: perQuery.map((p) => ({ ...p }) as QueryFigures),
    firstPage: firstPage.flat(),
    count: count.flat(),
    disagreements,
    gc,
    timedCpuMs,
  };
}

/**
 * Search in the register's fields and the files' text together (scope `all`): the documents
 * the fields search finds, and those the content search finds, as one list — same filters,
 * order, paging, count cap and relevance as every search (store/ports.ts SearchQuery).
 *
 * Each side is answered by its own index walking newest first, and the two key lists are
 * merged here: a database's OR across two full-text indexes (or an IN list of one index's
 * hits inside the other) reads every hit of a common word — seconds at 300,000 documents —
 * where the merge reads a page's worth from each. Store-neutral, so both stores merge alike.
 */
import { SEARCH_COUNT_CAP, type SearchQuery } from '../store/ports.js';
import { rankCandidates, RELEVANCE_CANDIDATES, type CandidateRow } from './rank.js';

/** One side of the union: a search's hits as arrival-time sort keys. */
export interface KeySource {
  /** Keys newest first, below `before` (null: from the newest), at most `limit`. */
  keys(before: number | null, limit: number): Promise<number[]>;
  /** The number of hits, counted up to `upTo` at most. */
  count(upTo: number): Promise<number>;
}

export interface UnionKeys {
  total: number;
  totalCapped: boolean;
  keys: number[];
  last?: { key: number; rank?: number };
}

/** Rank of hits outside the candidate set (date order), as in the stores. */
const BEYOND_CANDIDATES = -1;

/** Sorted lists (newest first) merged, each key once. */
export function mergeDesc(lists: number[][]): number[] {
  const all = new Set<number>();
  for (const l of lists) for (const k of l) all.add(k);
  return [...all].sort((a, b) => b - a);
}

async function keysOf(sources: KeySource[], before: number | null, limit: number): Promise<number[]> {
  const lists: number[][] = [];
  for (const s of sources) lists.push(await s.keys(before, limit));
  return mergeDesc(lists).slice(0, limit);
}

/** The exact number of documents either side finds. */
export async function unionCount(sources: KeySource[]): Promise<number> {
  return (await keysOf(sources, null, Number.MAX_SAFE_INTEGER)).length;
}

export async function unionSearch(
  sources: KeySource[],
  q: SearchQuery,
  ranked: boolean,
  rowsOf: (keys: number[]) => Promise<CandidateRow[]>,
): Promise<UnionKeys> {
  const cap = q.countCap ?? SEARCH_COUNT_CAP;
  // The count: a side with more than the cap makes the union more than the cap; else the
  // union of their (at most cap) keys is counted, and those keys answer the page too.
  let capped = false;
  for (const s of sources) {
    if ((await s.count(cap + 1)) > cap) {
      capped = true;
      break;
    }
  }
  const known = capped ? null : await keysOf(sources, null, cap + 1);
  if (known && known.length > cap) capped = true;
  const total = capped ? cap : known!.length;
  const page = (before: number | null, limit: number): Promise<number[]> =>
    known ? Promise.resolve(known.filter((k) => before === null || k < before).slice(0, limit)) : keysOf(sources, before, limit);

  if (!ranked || (q.after && q.after.rank === BEYOND_CANDIDATES)) {
    const dateAfter = q.after && (q.sort === 'date' || q.after.rank === BEYOND_CANDIDATES) ? q.after.key : null;
    const keys = await page(dateAfter, q.limit);
    const last = keys[keys.length - 1];
    return {
      total,
      totalCapped: capped,
      keys,
      last: last !== undefined ? { key: last, rank: ranked ? BEYOND_CANDIDATES : undefined } : undefined,
    };
  }
  const candidateLimit = q.candidateLimit ?? RELEVANCE_CANDIDATES;
  const candidates = await page(null, candidateLimit);
  if (candidates.length === 0) return { total, totalCapped: capped, keys: [] };
  const rankedRows = rankCandidates(await rowsOf(candidates), q);
  const minKey = candidates[candidates.length - 1]!;
  const after = q.after;
  const start = after ? rankedRows.findIndex((x) => x.r < after.rank! || (x.r === after.rank && x.k < after.key)) : 0;
  const slice = start < 0 ? [] : rankedRows.slice(start, start + q.limit);
  const keys = slice.map((x) => x.k);
  let last: UnionKeys['last'] = slice.length ? { key: slice[slice.length - 1]!.k, rank: slice[slice.length - 1]!.r } : undefined;
  if (keys.length < q.limit && candidates.length === candidateLimit) {
    const more = await page(minKey, q.limit - keys.length);
    keys.push(...more);
    if (more.length) last = { key: more[more.length - 1]!, rank: BEYOND_CANDIDATES };
  }
  return { total, totalCapped: capped, keys, last };
}

/**
 * Documents are keyed in the search index by arrival time: sort_key =
 * arrival second × 2^20 + a sequence within that second. "Newest first" is then the
 * index's own order, and an arrival-date range is a key range, so neither needs a join.
 */
export const SLOTS_PER_SECOND = 1_048_576; // 2^20

export function sortKeyBase(epochMs: number): number {
  return Math.floor(epochMs / 1000) * SLOTS_PER_SECOND;
}

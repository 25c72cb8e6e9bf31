/** The most rows `incoming.list` passes over with `skip`, and the most rows in one outline mark. */
export const LIST_MAX_SKIP = 10_000;

/**
 * A list cut into consecutive runs of rows, in list order: run k starts at `cursor` (null: the
 * list's start) and holds `count` ≤ LIST_MAX_SKIP rows, so row i is reached with one
 * `incoming.list({ cursor, skip: i − start of its run })`. `total` is the sum of the counts.
 */
export interface ListOutline {
  total: number;
  marks: { cursor: string | null; count: number }[];
}

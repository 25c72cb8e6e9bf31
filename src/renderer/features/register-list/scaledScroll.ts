/**
 * Scaled scrolling for a list taller than a browser can lay out.
 *
 * Chromium clamps an element's height near 33.5 million pixels, so a virtual list of
 * 48-pixel rows ends near row 700,000 however many rows it has. The list therefore keeps two
 * positions: the content offset (pixels into the full list, rows × row height, as tall as it
 * needs) and the scroll position of a spacer capped at `maxSpace`. The scrollbar maps
 * linearly onto the content (thumb at the bottom = the last row, at 80% = 80% of the rows),
 * while the wheel and the keyboard move the content offset by real pixels and rows, so
 * reading down the list feels the same at any size. Below the cap the two are the same
 * number and the list scrolls natively.
 */

export interface ScrollGeometry {
  rowHeight: number;
  /** Height of the scrolling box. */
  viewport: number;
  /** Full content height: rows × row height. */
  content: number;
  /** Height of the spacer that is actually laid out (≤ maxSpace). */
  space: number;
  /** Largest content offset: the last row's bottom at the viewport's bottom. */
  offsetMax: number;
  /** Largest scrollTop of the spacer. */
  scrollMax: number;
  /** Content pixels per scroll pixel (1 when the list fits under the cap). */
  ratio: number;
}

/** Well below Chromium's ~33.5 M px layout limit (LayoutUnit), and below the 2^24 px some paths clamp at. */
export const MAX_SPACE = 8_000_000;

export function scrollGeometry(count: number, rowHeight: number, viewport: number, maxSpace = MAX_SPACE): ScrollGeometry {
  const content = Math.max(0, count) * rowHeight;
  const space = Math.min(content, Math.max(maxSpace, viewport * 2));
  const offsetMax = Math.max(0, content - viewport);
  const scrollMax = Math.max(0, space - viewport);
  const ratio = scrollMax > 0 && offsetMax > scrollMax ? offsetMax / scrollMax : 1;
  return { rowHeight, viewport, content, space, offsetMax, scrollMax, ratio };
}

export function clampOffset(g: ScrollGeometry, offset: number): number {
  return Math.min(g.offsetMax, Math.max(0, offset));
}

/** Content offset for a scroll position (the thumb): both ends map exactly onto both ends. */
export function offsetForScrollTop(g: ScrollGeometry, scrollTop: number): number {
  if (g.ratio === 1) return clampOffset(g, scrollTop);
  // scrollTop is rounded to device pixels: within half a pixel of the end is the end.
  if (scrollTop >= g.scrollMax - 0.5) return g.offsetMax;
  return clampOffset(g, scrollTop * g.ratio);
}

export function scrollTopForOffset(g: ScrollGeometry, offset: number): number {
  const o = clampOffset(g, offset);
  if (g.ratio === 1) return o;
  if (o >= g.offsetMax) return g.scrollMax;
  return o / g.ratio;
}

/** Rows that intersect the viewport at `offset`, widened by `overscan` rows each side. */
export function rowsInView(g: ScrollGeometry, count: number, offset: number, overscan: number): { first: number; last: number } {
  if (count === 0) return { first: 0, last: -1 };
  const first = Math.floor(offset / g.rowHeight);
  const last = Math.ceil((offset + g.viewport) / g.rowHeight) - 1;
  return { first: Math.max(0, first - overscan), last: Math.min(count - 1, last + overscan) };
}

/** The nearest content offset at which row `index` is wholly in view (the offset itself if it already is). */
export function offsetShowing(g: ScrollGeometry, offset: number, index: number): number {
  const top = index * g.rowHeight;
  const bottom = top + g.rowHeight;
  if (top < offset) return clampOffset(g, top);
  if (bottom > offset + g.viewport) return clampOffset(g, bottom - g.viewport);
  return offset;
}

/** Content pixels a wheel event asks for (pixel, line or page deltas). */
export function wheelPixels(g: ScrollGeometry, deltaY: number, deltaMode: number): number {
  if (deltaMode === 1) return deltaY * g.rowHeight; // lines: a row each
  if (deltaMode === 2) return deltaY * g.viewport; // pages
  return deltaY;
}

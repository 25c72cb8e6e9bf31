/**
 * Page breaking for the body of a document and its closing block (signature + "Nơi
 * nhận"). Pure arithmetic on line heights, so it can be reasoned about without a PDF:
 *
 * - a paragraph never leaves its first line alone at the bottom of a page nor its last
 *   line alone at the top of the next (orphan/widow control);
 * - a heading ("QUYẾT ĐỊNH:", "Điều 1. …" in bold, centred titles) stays with the first
 *   lines of what follows;
 * - the closing block is never split; when it does not fit it moves to the next page and
 *   takes the last lines of the body with it, because a page with a signature and no
 *   text is the classic opening for a forged page (office practice, not in the decree).
 */

export interface FlowParagraph {
  /** Number of wrapped lines (0 for nothing to print). */
  lines: number;
  /** Baseline-to-baseline distance. */
  leading: number;
  /** Extra space above the paragraph, dropped at the top of a page. */
  spaceBefore: number;
  keepWithNext: boolean;
}

export interface FlowFrame {
  /** Page 0: y where the body starts (below the header). */
  firstTop: number;
  /** Later pages: y of the top margin. */
  top: number;
  /** y of the bottom margin. */
  bottom: number;
}

export interface FlowTail {
  height: number;
  /** Space between the last body line and the tail. */
  gap: number;
  /** Body lines to take along when the tail moves to a new page. */
  carryLines: number;
}

export interface LinePlacement {
  paragraph: number;
  line: number;
  page: number;
  /** Top of the line's box; the box is `leading` tall. */
  top: number;
}

export interface FlowResult {
  lines: LinePlacement[];
  tail: { page: number; top: number };
  pageCount: number;
}

const EPS = 1e-6;

export function flowPages(paragraphs: readonly FlowParagraph[], frame: FlowFrame, tail: FlowTail): FlowResult {
  const placed: LinePlacement[] = [];
  let page = 0;
  let cursor = frame.firstTop;
  let pageHasContent = false;
  const newPage = (): void => {
    page++;
    cursor = frame.top;
    pageHasContent = false;
  };

  paragraphs.forEach((p, i) => {
    let j = 0;
    while (j < p.lines) {
      const spaceBefore = j === 0 && pageHasContent ? p.spaceBefore : 0;
      const avail = cursor - spaceBefore - frame.bottom;
      const rawFit = Math.max(0, Math.floor((avail + EPS) / p.leading));
      const rest = p.lines - j;
      let fit = Math.min(rawFit, rest);
      if (rawFit >= rest) {
        if (j === 0 && p.keepWithNext && pageHasContent && !keepsFit(paragraphs, i, avail - rest * p.leading)) {
          newPage();
          continue;
        }
      } else {
        if (rest - fit === 1 && fit >= 2) fit -= 1; // no widow: two lines go over
        if (j === 0 && fit === 1 && p.lines > 1) fit = 0; // no orphan
        if (fit === 0 && !pageHasContent) fit = Math.max(1, Math.min(rawFit, rest)); // nothing else can help
      }
      if (fit === 0) {
        newPage();
        continue;
      }
      cursor -= spaceBefore;
      for (let k = 0; k < fit; k++) {
        placed.push({ paragraph: i, line: j + k, page, top: cursor });
        cursor -= p.leading;
      }
      j += fit;
      pageHasContent = true;
      if (j < p.lines) newPage();
    }
  });

  // The closing block.
  const tailFits = (): boolean => (pageHasContent ? cursor - tail.gap : cursor) - tail.height >= frame.bottom - EPS;
  if (!tailFits()) {
    const carried = linesToCarry(placed, paragraphs, page, tail.carryLines);
    placed.length -= carried.length;
    newPage();
    let prevParagraph = -1;
    for (const c of carried) {
      const p = paragraphs[c.paragraph]!;
      if (pageHasContent && c.paragraph !== prevParagraph) cursor -= p.spaceBefore;
      placed.push({ ...c, page, top: cursor });
      cursor -= p.leading;
      pageHasContent = true;
      prevParagraph = c.paragraph;
    }
  }
  const tailTop = pageHasContent ? cursor - tail.gap : cursor;
  return { lines: placed, tail: { page, top: tailTop }, pageCount: page + 1 };
}

/** Whether the first lines (up to two) of the paragraph after `i` fit in `room`. */
function keepsFit(paragraphs: readonly FlowParagraph[], i: number, room: number): boolean {
  const next = paragraphs.slice(i + 1).find((q) => q.lines > 0);
  if (!next) return true;
  return room - next.spaceBefore - Math.min(2, next.lines) * next.leading >= -EPS;
}

/**
 * The last body lines of `page` that move with the closing block: up to `count` lines of
 * the last paragraph, all of it rather than leave its first line alone, plus a heading
 * kept with it. Never the whole page (that would only move the problem).
 */
function linesToCarry(
  placed: readonly LinePlacement[],
  paragraphs: readonly FlowParagraph[],
  page: number,
  count: number,
): LinePlacement[] {
  const onPage = placed.filter((l) => l.page === page);
  if (onPage.length === 0 || count <= 0) return [];
  const last = onPage[onPage.length - 1]!.paragraph;
  const ofLast = onPage.filter((l) => l.paragraph === last);
  let take = Math.min(count, ofLast.length);
  const startsHere = ofLast[0]!.line === 0;
  if (startsHere && ofLast.length - take === 1) take = ofLast.length;
  // A heading right above keeps its place next to what it introduces.
  let n = take;
  if (take === ofLast.length && startsHere) {
    for (let i = onPage.length - take - 1; i >= 0; i--) {
      const l = onPage[i]!;
      if (!paragraphs[l.paragraph]!.keepWithNext) break;
      n = onPage.length - i;
    }
  }
  if (n >= onPage.length) return [];
  return onPage.slice(onPage.length - n);
}

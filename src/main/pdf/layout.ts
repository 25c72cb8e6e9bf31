/**
 * Small text-layout toolkit shared by VănThư's PDFs: word wrapping with measured widths,
 * mixed-font lines, ruled tables, and a page content writer.
 *
 * Why not pdf-lib's `page.drawText`: each call adds about nine operator objects that stay
 * in memory until `save()`. A 30,000-row register draws several hundred thousand lines,
 * which costs gigabytes that way; writing each page's content stream as text and
 * compressing it when the page is done keeps memory flat.
 */
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;

/** A4 in points; landscape is the same pair swapped. */
export const A4_PORTRAIT = { width: 595.28, height: 841.89 } as const;
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 } as const;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

// ---------------------------------------------------------------------------------------
// Text cleaning and measuring

const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * NFC because pdf-lib draws a combining mark as a separate glyph at the pen position
 * instead of over its letter; control characters become spaces because the fonts have no
 * glyph for them (a tab would print as a .notdef box).
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROLS, ' ');
}

interface FontCache {
  widths: Map<string, number>;
  hex: Map<string, string>;
}

// Measuring and encoding go through fontkit's shaper, which dominates render time when
// called per line; words repeat endlessly in a register ("văn bản", "Sở", dates), so a
// per-word cache makes both nearly free. Keyed by PDFFont, so it lives as long as the
// document does.
const caches = new WeakMap<PDFFont, FontCache>();

function cacheOf(font: PDFFont): FontCache {
  let c = caches.get(font);
  if (!c) {
    c = { widths: new Map(), hex: new Map() };
    caches.set(font, c);
  }
  return c;
}

/** Width of a single word (no spaces) at size 1. */
function wordWidth(font: PDFFont, word: string): number {
  const c = cacheOf(font);
  let w = c.widths.get(word);
  if (w === undefined) {
    w = word === '' ? 0 : font.widthOfTextAtSize(word, 1);
    c.widths.set(word, w);
  }
  return w;
}

/**
 * Width of one line of cleaned text. Summing word widths is exact: pdf-lib advances by
 * glyph widths only (no kerning), and shaping never joins glyphs across a space.
 */
export function textWidth(font: PDFFont, size: number, text: string): number {
  let total = 0;
  const words = text.split(' ');
  for (const w of words) total += wordWidth(font, w);
  return (total + (words.length - 1) * wordWidth(font, ' ')) * size;
}

/** Hex glyph codes (without angle brackets) of one word, cached. */
function encodeWord(font: PDFFont, word: string): string {
  const c = cacheOf(font);
  let h = c.hex.get(word);
  if (h === undefined) {
    // encodeText also adds the glyphs to the font subset, so it must run for each word.
    h = word === '' ? '' : font.encodeText(word).asString();
    c.hex.set(word, h);
  }
  return h;
}

/** Hex glyph codes (without angle brackets) for one line, cached per word. */
function encodeLine(font: PDFFont, text: string): string {
  return text
    .split(' ')
    .map((w) => encodeWord(font, w))
    .join(encodeWord(font, ' '));
}

// ---------------------------------------------------------------------------------------
// Wrapping

/** A piece of text in one font; a cell or paragraph is a list of spans. */
export interface Span {
  text: string;
  font: PDFFont;
}

/** Text drawn in one font, `x` from the start of its line. */
export interface Run {
  text: string;
  font: PDFFont;
  x: number;
  width: number;
}

export interface Line {
  runs: Run[];
  width: number;
  /** A hard line break ("\n" in the source) ends this line: never justify it. */
  breakAfter?: boolean;
}

interface Word {
  text: string;
  font: PDFFont;
  /** A hard line break ("\n" in the source) comes before this word. */
  breakBefore: boolean;
}

function toWords(spans: readonly Span[]): Word[] {
  const words: Word[] = [];
  let pendingBreak = false;
  for (const span of spans) {
    const paragraphs = cleanText(span.text).split('\n');
    paragraphs.forEach((para, i) => {
      if (i > 0) pendingBreak = true;
      for (const text of para.split(' ')) {
        if (!text) continue;
        words.push({ text, font: span.font, breakBefore: pendingBreak });
        pendingBreak = false;
      }
    });
  }
  return words;
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });
// Symbols such as "1234/QĐ-UBND-VP" read best when cut after a separator.
const SOFT_BREAK_AFTER = new Set(['/', '-', '.', ',', '_', ';', ':']);

/**
 * Cuts a word wider than the line into pieces that fit, preferring to cut after a
 * separator. A single grapheme wider than the line is left alone: nothing can be done.
 */
export function breakWord(font: PDFFont, size: number, word: string, maxWidth: number): string[] {
  const parts = Array.from(graphemes.segment(word), (s) => s.segment);
  const pieces: string[] = [];
  let start = 0;
  while (start < parts.length) {
    let width = 0;
    let end = start;
    let softEnd = -1;
    while (end < parts.length) {
      const w = wordWidth(font, parts[end]!) * size;
      if (end > start && width + w > maxWidth) break;
      width += w;
      end++;
      if (SOFT_BREAK_AFTER.has(parts[end - 1]!) && end < parts.length) softEnd = end;
    }
    if (end < parts.length && softEnd > start) end = softEnd;
    pieces.push(parts.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

class LineBuilder {
  readonly lines: Line[] = [];
  private runs: Run[] = [];
  private width = 0;

  get empty(): boolean {
    return this.runs.length === 0;
  }

  /** Width the line would have with `word` appended after a space. */
  widthWith(font: PDFFont, size: number, wordW: number): number {
    return this.empty ? wordW : this.width + wordWidth(font, ' ') * size + wordW;
  }

  append(font: PDFFont, size: number, text: string, wordW: number): void {
    const last = this.runs[this.runs.length - 1];
    if (!last) {
      this.runs.push({ text, font, x: 0, width: wordW });
      this.width = wordW;
      return;
    }
    const spaceW = wordWidth(font, ' ') * size;
    if (last.font === font) {
      last.text += ` ${text}`;
      last.width += spaceW + wordW;
    } else {
      // The space goes at the start of the new run so it is measured in the font drawing it.
      this.runs.push({ text: ` ${text}`, font, x: this.width, width: spaceW + wordW });
    }
    this.width += spaceW + wordW;
  }

  flush(breakAfter = false): void {
    const line: Line = { runs: this.runs, width: this.width };
    if (breakAfter) line.breakAfter = true;
    this.lines.push(line);
    this.runs = [];
    this.width = 0;
  }
}

/**
 * Greedy word wrap of mixed-font text into lines no wider than `maxWidth` (except a
 * lone grapheme wider than the whole line). Newlines in the text are kept; runs of
 * spaces collapse. Empty text gives no lines. `firstLineWidth` narrows (or widens) the
 * first line only, for a paragraph's first-line indent.
 */
export function wrapSpans(spans: readonly Span[], size: number, maxWidth: number, firstLineWidth: number = maxWidth): Line[] {
  const out = new LineBuilder();
  for (const word of toWords(spans)) {
    if (word.breakBefore && !out.empty) out.flush(true);
    const limit = out.lines.length === 0 ? firstLineWidth : maxWidth;
    const w = wordWidth(word.font, word.text) * size;
    if (out.widthWith(word.font, size, w) <= limit) {
      out.append(word.font, size, word.text, w);
      continue;
    }
    if (!out.empty) out.flush();
    if (w <= (out.lines.length === 0 ? firstLineWidth : maxWidth)) {
      out.append(word.font, size, word.text, w);
      continue;
    }
    const pieces = breakWord(word.font, size, word.text, out.lines.length === 0 ? firstLineWidth : maxWidth);
    pieces.forEach((piece, i) => {
      if (i > 0) out.flush();
      out.append(word.font, size, piece, textWidth(word.font, size, piece));
    });
  }
  if (!out.empty) out.flush();
  return out.lines;
}

/**
 * Wraps into as few lines as `wrapSpans` would, but with the lines as even as possible:
 * headings such as "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI" or a two-line subject read
 * better balanced than with a long first line and an orphaned last word.
 */
export function wrapBalanced(spans: readonly Span[], size: number, maxWidth: number): Line[] {
  const greedy = wrapSpans(spans, size, maxWidth);
  if (greedy.length < 2) return greedy;
  let lo = Math.max(...greedy.map((l) => l.width)) / greedy.length;
  let hi = maxWidth;
  let best = greedy;
  // Narrowest width that still gives the same number of lines (to 0.5 pt).
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    const trial = wrapSpans(spans, size, mid);
    if (trial.length <= greedy.length && trial.every((l) => l.width <= mid + 0.01)) {
      best = trial;
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return best;
}

/** Plain-text convenience over `wrapSpans`. */
export function wrapText(font: PDFFont, size: number, text: string, maxWidth: number): string[] {
  return wrapSpans([{ text, font }], size, maxWidth).map((l) => l.runs.map((r) => r.text).join(''));
}

// ---------------------------------------------------------------------------------------
// Page content

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const num3 = (n: number): string => String(Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000);

/**
 * Collects one page's drawing as PDF operators and writes them as a single compressed
 * content stream on `finish()`. Text is black, lines are black; that is all a register needs.
 */
export class PageWriter {
  private readonly ops: string[] = [];
  private readonly fontKeys = new Map<PDFFont, string>();
  private inText = false;
  private textFont: PDFFont | null = null;
  private textSize = 0;
  private pathOpen = false;
  private lineWidth = -1;
  private fill = '0 0 0';
  private strokeRgb = '0 0 0';

  constructor(
    private readonly doc: PDFDocument,
    readonly page: PDFPage,
  ) {}

  private fontKey(font: PDFFont): string {
    let key = this.fontKeys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref).toString();
      this.fontKeys.set(font, key);
    }
    return key;
  }

  private endPath(): void {
    if (this.pathOpen) this.ops.push('S');
    this.pathOpen = false;
  }

  private endText(): void {
    if (this.inText) this.ops.push('ET');
    this.inText = false;
    this.textFont = null;
  }

  /** Draws one line of text with its baseline at `y`. Text must not contain newlines. */
  text(font: PDFFont, size: number, x: number, y: number, text: string): void {
    if (!text) return;
    this.setFont(font, size);
    this.ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm <${encodeLine(font, cleanText(text))}> Tj`);
  }

  private setFont(font: PDFFont, size: number): void {
    this.endPath();
    if (!this.inText) {
      this.ops.push('BT');
      this.inText = true;
    }
    if (this.textFont !== font || this.textSize !== size) {
      this.ops.push(`${this.fontKey(font)} ${num(size)} Tf`);
      this.textFont = font;
      this.textSize = size;
    }
  }

  /** Draws a wrapped line; `x` is where the line starts. */
  line(size: number, x: number, y: number, line: Line): void {
    for (const run of line.runs) this.text(run.font, size, x + run.x, y, run.text);
  }

  /**
   * Draws a wrapped line with `extra` points added after every space, which is how a
   * justified line reaches the right margin. The spaces stay in the text (so copying and
   * pdftotext see words), only their advance grows through TJ offsets: the `Tw` operator
   * does not apply to the two-byte codes of an embedded Unicode font.
   */
  justifiedLine(size: number, x: number, y: number, line: Line, extra: number): void {
    if (!(extra > 0.001)) {
      this.line(size, x, y, line);
      return;
    }
    const adjust = num(Math.round((-extra * 1000 * 100) / size) / 100);
    let spacesBefore = 0;
    for (const run of line.runs) {
      const text = cleanText(run.text);
      if (!text) continue;
      this.setFont(run.font, size);
      const space = encodeWord(run.font, ' ');
      const parts = text.split(' ');
      let tj = '';
      parts.forEach((word, i) => {
        if (i > 0) tj += `<${space}> ${adjust} `;
        if (word) tj += `<${encodeWord(run.font, word)}> `;
      });
      const rx = x + run.x + spacesBefore * extra;
      this.ops.push(`1 0 0 1 ${num(rx)} ${num(y)} Tm [${tj.trimEnd()}] TJ`);
      spacesBefore += parts.length - 1;
    }
  }

  /**
   * Fills a path given as PDF path operators (m, l, c, h) in its own coordinates, placed
   * by the matrix [a b c d e f]; used for glyph outlines that must not be text.
   */
  fillPath(path: string, matrix: readonly [number, number, number, number, number, number]): void {
    if (!path) return;
    this.endText();
    this.endPath();
    const m = matrix.map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(5))).join(' ');
    this.ops.push(`q ${m} cm`, path, 'f Q');
  }

  /** Colour for text and filled shapes from here on (components 0–1). */
  fillColor(r: number, g: number, b: number): void {
    const v = `${num3(r)} ${num3(g)} ${num3(b)}`;
    if (v === this.fill) return;
    this.endPath();
    this.ops.push(`${v} rg`);
    this.fill = v;
  }

  /** Colour for lines and frames from here on (components 0–1). */
  strokeColor(r: number, g: number, b: number): void {
    const v = `${num3(r)} ${num3(g)} ${num3(b)}`;
    if (v === this.strokeRgb) return;
    this.endPath();
    this.ops.push(`${v} RG`);
    this.strokeRgb = v;
  }

  /** A stroked rectangle frame; (x, y) is the lower-left corner. */
  rect(x: number, y: number, width: number, height: number, lineWidth = 0.5): void {
    this.beginPath(lineWidth);
    this.ops.push(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re`);
  }

  /** A straight stroke; consecutive strokes of the same width share one path. */
  stroke(x1: number, y1: number, x2: number, y2: number, width = 0.5): void {
    this.beginPath(width);
    this.ops.push(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l`);
  }

  /** Leaves any text object and sets the line width; path operators may follow. */
  private beginPath(width: number): void {
    this.endText();
    if (width !== this.lineWidth) {
      this.endPath();
      this.ops.push(`${num(width)} w`);
      this.lineWidth = width;
    }
    this.pathOpen = true;
  }

  finish(): void {
    this.endText();
    this.endPath();
    if (this.ops.length === 0) return;
    const ctx = this.doc.context;
    this.page.node.addContentStream(ctx.register(ctx.flateStream(this.ops.join('\n'))));
    this.ops.length = 0;
  }
}

/** Draws wrapped lines centred on `centerX`, first baseline at `y`; returns the next baseline. */
export function drawCentred(w: PageWriter, lines: readonly Line[], size: number, centerX: number, y: number, leading: number): number {
  for (const line of lines) {
    w.line(size, centerX - line.width / 2, y, line);
    y -= leading;
  }
  return y;
}

// ---------------------------------------------------------------------------------------
// Tables

export type Align = 'left' | 'center';

export interface TableColumn {
  width: number;
  align: Align;
}

export interface TableStyle {
  size: number;
  /** Baseline-to-baseline distance. */
  leading: number;
  padX: number;
  padTop: number;
  padBottom: number;
  /** Height above the baseline the tallest glyph (a capital with stacked marks) reaches. */
  ascent: number;
  /** Depth below the baseline of descenders and marks such as the dot in "ạ". */
  descent: number;
  lineWidth: number;
}

export function tableStyle(font: PDFFont, size: number, overrides: Partial<TableStyle> = {}): TableStyle {
  return {
    size,
    leading: size * 1.2,
    padX: 3,
    padTop: 2.5,
    padBottom: 2,
    // Vietnamese capitals carry marks above the font's nominal ascent ("Ễ", "Ấ").
    ascent: Math.max(font.heightAtSize(size, { descender: false }), size),
    descent: font.heightAtSize(size) - font.heightAtSize(size, { descender: false }),
    lineWidth: 0.5,
    ...overrides,
  };
}

export interface RowLayout {
  cells: Line[][];
  height: number;
}

function rowHeight(cells: readonly Line[][], style: TableStyle): number {
  const lines = Math.max(1, ...cells.map((c) => c.length));
  return style.padTop + style.ascent + (lines - 1) * style.leading + style.descent + style.padBottom;
}

export function layoutRow(cells: readonly (readonly Span[])[], columns: readonly TableColumn[], style: TableStyle): RowLayout {
  const laid = columns.map((col, i) => wrapSpans(cells[i] ?? [], style.size, col.width - 2 * style.padX));
  return { cells: laid, height: rowHeight(laid, style) };
}

/** A row with `minLines` blank lines, for forms filled in by hand. */
export function blankRow(columns: readonly TableColumn[], style: TableStyle, minLines: number): RowLayout {
  const cells = columns.map(() => [] as Line[]);
  const probe = Array.from({ length: minLines }, () => ({ runs: [], width: 0 }) as Line);
  return { cells, height: rowHeight([probe], style) };
}

/**
 * Splits a row too tall for any page into a head that fits `maxHeight` and the rest.
 * Only for rows that can never fit whole; ordinary rows move to the next page instead.
 */
export function splitRow(row: RowLayout, maxHeight: number, style: TableStyle): [RowLayout, RowLayout] {
  const fit = Math.max(1, 1 + Math.floor((maxHeight - rowHeight([[]], style)) / style.leading));
  const head = row.cells.map((c) => c.slice(0, fit));
  const tail = row.cells.map((c) => c.slice(fit));
  return [
    { cells: head, height: rowHeight(head, style) },
    { cells: tail, height: rowHeight(tail, style) },
  ];
}

/** The row with cell `index` re-laid out from `spans`; the height follows. */
export function replaceCell(
  row: RowLayout,
  index: number,
  spans: readonly Span[],
  columns: readonly TableColumn[],
  style: TableStyle,
): RowLayout {
  const cells = row.cells.slice();
  cells[index] = wrapSpans(spans, style.size, columns[index]!.width - 2 * style.padX);
  return { cells, height: rowHeight(cells, style) };
}

/** Left edges of the columns followed by the table's right edge. */
export function columnEdges(columns: readonly TableColumn[], left: number): number[] {
  const edges = [left];
  for (const c of columns) edges.push(edges[edges.length - 1]! + c.width);
  return edges;
}

/**
 * Draws a row's text; `top` is the row's upper edge. Grid lines are drawn separately.
 * `middle` centres shorter cells vertically, as header rows usually are.
 */
export function drawRowText(
  w: PageWriter,
  row: RowLayout,
  columns: readonly TableColumn[],
  edges: readonly number[],
  top: number,
  style: TableStyle,
  valign: 'top' | 'middle' = 'top',
): void {
  const maxLines = Math.max(1, ...row.cells.map((c) => c.length));
  row.cells.forEach((lines, i) => {
    const col = columns[i]!;
    const left = edges[i]!;
    const shift = valign === 'middle' ? ((maxLines - lines.length) * style.leading) / 2 : 0;
    const firstBaseline = top - style.padTop - style.ascent - shift;
    lines.forEach((line, n) => {
      const x = col.align === 'center' ? left + (col.width - line.width) / 2 : left + style.padX;
      w.line(style.size, x, firstBaseline - n * style.leading, line);
    });
  });
}

/**
 * Rules a table block: a horizontal line at each of `rowTops` and at `bottom`, and the
 * column edges from the first top to `bottom`. One pass per page instead of four
 * strokes per cell keeps large registers small.
 */
export function drawGrid(w: PageWriter, edges: readonly number[], rowTops: readonly number[], bottom: number, lineWidth = 0.5): void {
  const left = edges[0]!;
  const right = edges[edges.length - 1]!;
  const top = rowTops[0] ?? bottom;
  for (const y of [...rowTops, bottom]) w.stroke(left, y, right, y, lineWidth);
  for (const x of edges) w.stroke(x, top, x, bottom, lineWidth);
}

/**
 * How a batch of checked rows crosses from the reading thread to the writing one: one flat
 * array of cells (and one of words) instead of a thousand objects of twenty named fields.
 * Structured clone writes every object's property names and rebuilds every object property
 * by property, and the rebuilt objects — with the fields the writer adds to them — ended in
 * V8's slow dictionary mode (a million lookups by name in the writer). Here the names are not
 * sent, and the writer rebuilds each row as one object literal of a fixed shape.
 */
import type { ValidatedCreate } from '../../../shared/validation/incoming.js';
import type { SearchText } from '../../search/searchText.js';
import type { CheckedBatch, RejectedRow } from './checkRows.js';

type Cell = string | number | null;

/** Cells per row: the 19 fields of a ValidatedCreate, then 8 of its SearchText (its words go apart). */
const CELLS = 27;

export interface PackedBatch {
  cells: Cell[];
  /** The rows' new words, one after the other; wordCounts[i] of them belong to row i. */
  words: string[];
  wordCounts: number[];
  lines: number[];
  arrivalMs: number[];
  rejected: RejectedRow[];
  seen: number;
}

export function packBatch(b: CheckedBatch): PackedBatch {
  const n = b.rows.length;
  const cells: Cell[] = new Array<Cell>(n * CELLS);
  const words: string[] = [];
  const wordCounts: number[] = new Array<number>(n);
  for (let i = 0, k = 0; i < n; i++, k += CELLS) {
    const r = b.rows[i]!;
    const t = b.texts[i]!;
    cells[k] = r.organName;
    cells[k + 1] = r.symbol;
    cells[k + 2] = r.codeNumber;
    cells[k + 3] = r.codeNotation;
    cells[k + 4] = r.issuedDate;
    cells[k + 5] = r.typeName;
    cells[k + 6] = r.subject;
    cells[k + 7] = r.arrivalDate;
    cells[k + 8] = r.signerName;
    cells[k + 9] = r.signerPosition;
    cells[k + 10] = r.pageAmount;
    cells[k + 11] = r.urgency;
    cells[k + 12] = r.secrecy;
    cells[k + 13] = r.channel;
    cells[k + 14] = r.toPlaces;
    cells[k + 15] = r.dueDate;
    cells[k + 16] = r.description;
    cells[k + 17] = r.arrivalNumber;
    cells[k + 18] = r.register;
    cells[k + 19] = t.subject;
    cells[k + 20] = t.organ;
    cells[k + 21] = t.symbol;
    cells[k + 22] = t.signer;
    cells[k + 23] = t.description;
    cells[k + 24] = t.type;
    cells[k + 25] = t.symbolKey;
    cells[k + 26] = t.vector ?? null;
    for (const w of t.words) words.push(w);
    wordCounts[i] = t.words.length;
  }
  return { cells, words, wordCounts, lines: b.lines, arrivalMs: b.arrivalMs, rejected: b.rejected, seen: b.seen };
}

export function unpackBatch(p: PackedBatch): CheckedBatch {
  const n = p.wordCounts.length;
  const c = p.cells;
  const rows: ValidatedCreate[] = new Array<ValidatedCreate>(n);
  const texts: SearchText[] = new Array<SearchText>(n);
  for (let i = 0, k = 0, w = 0; i < n; i++, k += CELLS) {
    // The cells were written from these very types by packBatch: the casts restore them.
    rows[i] = {
      organName: c[k] as string,
      symbol: c[k + 1] as string | null,
      codeNumber: c[k + 2] as string | null,
      codeNotation: c[k + 3] as string | null,
      issuedDate: c[k + 4] as string,
      typeName: c[k + 5] as string,
      subject: c[k + 6] as string,
      arrivalDate: c[k + 7] as string,
      signerName: c[k + 8] as string | null,
      signerPosition: c[k + 9] as string | null,
      pageAmount: c[k + 10] as number | null,
      urgency: c[k + 11] as ValidatedCreate['urgency'],
      secrecy: c[k + 12] as ValidatedCreate['secrecy'],
      channel: c[k + 13] as ValidatedCreate['channel'],
      toPlaces: c[k + 14] as string | null,
      dueDate: c[k + 15] as string | null,
      description: c[k + 16] as string | null,
      arrivalNumber: c[k + 17] as number | null,
      register: c[k + 18] as string | null,
    };
    const count = p.wordCounts[i]!;
    texts[i] = {
      subject: c[k + 19] as string,
      organ: c[k + 20] as string,
      symbol: c[k + 21] as string | null,
      signer: c[k + 22] as string | null,
      description: c[k + 23] as string | null,
      type: c[k + 24] as string,
      symbolKey: c[k + 25] as string | null,
      words: count === 0 ? [] : p.words.slice(w, w + count),
      // Always present (undefined where none was sent): one shape for every row.
      vector: (c[k + 26] as string | null) ?? undefined,
    };
    w += count;
  }
  return { rows, lines: p.lines, texts, arrivalMs: p.arrivalMs, rejected: p.rejected, seen: p.seen };
}

/**
 * The reading half of an import: streams the file, maps its headings, and checks every row
 * with the same rules as a single registration — everything that needs no database. It runs
 * in a worker thread (parseWorker.ts) while the main thread writes the previous batch, or
 * inline where no worker can be started. Pure apart from reading the file.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { makeError } from '../../../shared/errors.js';
import type { AppError } from '../../../shared/result.js';
import { fromVietnameseDate, parseInstant } from '../../../shared/text/dates.js';
import { validateIncomingCreate, type RepeatedTexts, type ValidatedCreate } from '../../../shared/validation/incoming.js';
import { ImportFolding, importSearchTextOf, type SearchText } from '../../search/searchText.js';
import { incomingSearchColumnsFolded } from '../../db/postgres/tsvector.js';
import { fieldForHeading, IGNORED, splitTypeAndSubject, TYPE_AND_SUBJECT } from './columns.js';
import { readCsv, readJsonLines, type ImportFormat } from './readRows.js';

export interface RejectedRow {
  line: number;
  field?: string;
  code: string;
  message: string;
}

/** A batch of checked rows, in file order. */
export interface CheckedBatch {
  /** Valid rows and their lines in the file. */
  rows: ValidatedCreate[];
  lines: number[];
  /** Their folded search text and arrival instants, computed here so the writing thread does not have to. */
  texts: SearchText[];
  arrivalMs: number[];
  /** Rows refused by the checks, in file order. */
  rejected: RejectedRow[];
  /** Data rows read so far (not counting a CSV header). */
  seen: number;
}

/** Sent once the file has been read: the SHA-256 of exactly the bytes that were read. */
export interface ReadSummary {
  seen: number;
  /** Null when reading stopped early (a refused header). */
  sha256: string | null;
  bytes: number;
  /** A wrong heading makes every row wrong: nothing else was read. */
  headerRejected: boolean;
}

export interface CheckOptions {
  file: string;
  format: ImportFormat;
  /** The clock's "now" (ms): dates in the future are refused against it. */
  now: number;
  batchSize: number;
  /** What each row's search text carries besides the folded fields (IncomingRepository.importSearchText). */
  searchText?: 'words' | 'pgVector';
  /**
   * A new file to write every byte read into, flushed to disk once the whole file is read (the
   * import's evidence, BlobStore.stage): the copy is exactly the bytes hashed and checked.
   */
  copyTo?: string;
}

const DATE_FIELDS = ['issuedDate', 'arrivalDate', 'dueDate'];
/** Field names remembered (a file with ever new names is looked up name by name past this). */
const MAX_COLUMNS_REMEMBERED = 200;

/** Turns a row keyed by headings into an input object keyed by field names. */
function toInput(
  values: Record<string, unknown>,
  columns: Map<string, string | null>,
): { input: Record<string, unknown>; errors: AppError[] } {
  const input: Record<string, unknown> = {};
  const errors: AppError[] = [];
  for (const [heading, raw] of Object.entries(values)) {
    let field = columns.get(heading);
    if (field === undefined) {
      // A JSON Lines file names its fields on every row: each name is looked up once.
      field = fieldForHeading(heading);
      if (columns.size < MAX_COLUMNS_REMEMBERED) columns.set(heading, field);
    }
    if (field === IGNORED) continue;
    if (field === null) {
      errors.push(makeError('unknown_field', { field: heading }));
      continue;
    }
    const v = typeof raw === 'string' && raw.trim() === '' ? undefined : raw;
    if (v === undefined) continue;
    if (field === TYPE_AND_SUBJECT) {
      const split = typeof v === 'string' ? splitTypeAndSubject(v) : null;
      if (!split) errors.push(makeError('unknown_type', { field: 'typeName', params: { value: String(v).slice(0, 40) } }));
      else Object.assign(input, split);
      continue;
    }
    input[field] = DATE_FIELDS.includes(field) && typeof v === 'string' ? fromVietnameseDate(v) : v;
  }
  return { input, errors };
}

/**
 * The instant of a validated arrival date: validation writes it as `yyyy-mm-ddThh:mm:ss+07:00`
 * (toVnIso), read here by position; anything else goes through the general parser.
 */
function vnIsoToMs(s: string): number {
  if (s.length === 25 && (s[0] === '1' || s[0] === '2') && s[10] === 'T' && s.endsWith('+07:00')) {
    const ms = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19));
    if (Number.isFinite(ms)) return ms - 7 * 3_600_000;
  }
  return parseInstant(s)!;
}

export function toRejected(line: number, e: AppError): RejectedRow {
  return { line, ...(e.field ? { field: e.field } : {}), code: e.code, message: e.message };
}

/**
 * Reads and checks the whole file in batches of `batchSize` data rows. Returns (as the
 * generator's result) what was read; throws an AppFailure for a file that cannot be read
 * as its format at all (a broken CSV quote).
 */
export async function* checkRows(opts: CheckOptions): AsyncGenerator<CheckedBatch, ReadSummary> {
  const tap = new FileTap(opts.copyTo);
  try {
    return yield* checkedBatches(opts, tap);
  } finally {
    tap.close();
  }
}

/**
 * What the reading does with the file's bytes besides parsing them: hashes and counts them and,
 * for the import's evidence, copies them to a new file ('wx': never one that exists) — written
 * here, in the reading thread, while the writing thread is busy, so the end of the import no
 * longer reads, hashes and copies the file again.
 */
class FileTap {
  private readonly hash = createHash('sha256');
  private readonly copy: number | null;
  bytes = 0;

  constructor(copyTo: string | undefined) {
    this.copy = copyTo === undefined ? null : openSync(copyTo, 'wx');
  }

  readonly onChunk = (chunk: Buffer): void => {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.copy !== null) for (let off = 0; off < chunk.length;) off += writeSync(this.copy, chunk, off);
  };

  /** The whole file is read: its copy goes to disk while the writing thread writes the last batches. */
  flush(): void {
    if (this.copy !== null) fsyncSync(this.copy);
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  close(): void {
    if (this.copy !== null) closeSync(this.copy);
  }
}

async function* checkedBatches(opts: CheckOptions, tap: FileTap): AsyncGenerator<CheckedBatch, ReadSummary> {
  const rows = opts.format === 'csv' ? readCsv(opts.file, tap.onChunk) : readJsonLines(opts.file, tap.onChunk);
  /** Heading or JSON name → field (null: not a field); a CSV's from its header. */
  const columns = new Map<string, string | null>();
  let batch: CheckedBatch = { rows: [], lines: [], texts: [], arrivalMs: [], rejected: [], seen: 0 };
  /** Words already sent with an earlier row of this file, and the folding of repeated values. */
  const folding = new ImportFolding();
  /** The checked sender, type, signer and position by raw value: the same values come back row after row. */
  const repeated: RepeatedTexts = new Map();
  const vector = opts.searchText === 'pgVector';
  let seen = 0;
  let headerRejected = false;
  for await (const item of rows) {
    if ('header' in item) {
      for (const h of item.header) {
        const f = fieldForHeading(h);
        if (f === null) batch.rejected.push({ line: 1, field: h, code: 'unknown_column', message: `Cột «${h}» không được hỗ trợ.` });
        else columns.set(h, f);
      }
      if (batch.rejected.length) {
        headerRejected = true;
        break;
      }
      continue;
    }
    seen++;
    if (item.parseError) {
      batch.rejected.push({ line: item.line, code: 'invalid_row', message: `Dòng ${item.line}: ${item.parseError}.` });
    } else {
      const { input, errors } = toInput(item.values, columns);
      const { value, errors: invalid } = validateIncomingCreate(input, { now: opts.now, repeated });
      if (errors.length || invalid.length) {
        for (const e of [...errors, ...invalid]) batch.rejected.push(toRejected(item.line, e));
      } else {
        batch.rows.push(value);
        batch.lines.push(item.line);
        const text = importSearchTextOf(value, !vector, folding);
        if (vector) text.vector = incomingSearchColumnsFolded(text);
        batch.texts.push(text);
        batch.arrivalMs.push(vnIsoToMs(value.arrivalDate));
      }
    }
    if (seen % opts.batchSize === 0) {
      batch.seen = seen;
      yield batch;
      batch = { rows: [], lines: [], texts: [], arrivalMs: [], rejected: [], seen };
    }
  }
  batch.seen = seen;
  if (!headerRejected) tap.flush();
  if (batch.rows.length || batch.rejected.length) yield batch;
  return { seen, sha256: headerRejected ? null : tap.digest(), bytes: tap.bytes, headerRejected };
}

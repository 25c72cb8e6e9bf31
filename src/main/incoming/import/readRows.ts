/**
 * Streams the rows of an import file with their line numbers: CSV (csv-parse, a
 * well-kept RFC 4180 parser: quoted fields, embedded commas and newlines, BOM) or JSON Lines.
 */
import { CsvError, parse } from 'csv-parse';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import { createReadStream } from 'node:fs';
import readline from 'node:readline';

export interface RawRow {
  /** Line in the file, from 1 (a CSV header is line 1). */
  line: number;
  /** Column/field → value as found. */
  values: Record<string, unknown>;
  /** Set when the line itself could not be read (bad JSON, wrong column count). */
  parseError?: string;
}

export type ImportFormat = 'csv' | 'jsonl';

export function detectFormat(file: string, firstBytes: Buffer, explicit?: string): ImportFormat {
  if (explicit === 'csv' || explicit === 'jsonl') return explicit;
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  const head = firstBytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('{') ? 'jsonl' : 'csv';
}

/** Called with every chunk of the file's bytes as they are read (to hash what was imported). */
export type OnChunk = (chunk: Buffer) => void;

function openFile(file: string, onChunk?: OnChunk) {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  if (onChunk) stream.on('data', (c) => onChunk(c as Buffer));
  return stream;
}

export async function* readCsv(file: string, onChunk?: OnChunk): AsyncGenerator<RawRow | { header: string[] }> {
  const parser = openFile(file, onChunk).pipe(
    parse({ bom: true, info: true, relax_quotes: false, skip_empty_lines: true, trim: false, relax_column_count: true }),
  );
  let header: string[] | null = null;
  for await (const { record, info } of refuseBrokenCsv(parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)) {
    if (!header) {
      header = record.map((h) => h.trim());
      yield { header };
      continue;
    }
    if (record.length !== header.length) {
      yield { line: info.lines, values: {}, parseError: `có ${record.length} cột, tiêu đề có ${header.length} cột` };
      continue;
    }
    const values: Record<string, unknown> = {};
    header.forEach((h, i) => (values[h] = record[i]));
    yield { line: info.lines, values };
  }
}

/**
 * A CSV the parser cannot read (a stray or unclosed quote) cannot be resynchronised: the
 * rest of the file would be guessed at. The whole file is refused, as input (exit 2), naming
 * the line; csv-parse's own text stays out of the answer.
 */
async function* refuseBrokenCsv<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* rows;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as unknown as { lines: number }).lines : 0;
    const reason = /QUOTE/.test(e.code) ? 'dấu ngoặc kép (") không đúng chỗ hoặc chưa đóng' : 'không đúng định dạng CSV';
    throw new AppFailure(makeError('invalid_csv', { field: 'file', params: { line, value: reason } }));
  }
}

export async function* readJsonLines(file: string, onChunk?: OnChunk): AsyncGenerator<RawRow> {
  // Bytes in (readline decodes UTF-8 itself, also across chunk boundaries), so they can be hashed.
  const rl = readline.createInterface({ input: openFile(file, onChunk), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (!t.trim()) continue;
    try {
      const v = JSON.parse(t) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) yield { line, values: {}, parseError: 'không phải đối tượng JSON' };
      else yield { line, values: v as Record<string, unknown> };
    } catch {
      yield { line, values: {}, parseError: 'JSON không hợp lệ' };
    }
  }
}

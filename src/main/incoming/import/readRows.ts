/**
 * Streams the rows of an import file with their line numbers: CSV (csv-parse, a
 * well-kept RFC 4180 parser: quoted fields, embedded commas and newlines, BOM) or JSON Lines.
 */
import { CsvError, parse } from 'csv-parse';
import { makeError } from '../../../shared/errors.js';
import { AppFailure } from '../../../shared/result.js';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

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
  // Bytes in (hashed as read), decoded here, also across chunk boundaries. Lines end where
  // readline ends them (\n, \r\n or a lone \r), so line numbers stay what they were; split
  // by hand, without readline's events and per-line callbacks (a million lines in an import).
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  const rowOf = (text: string): RawRow | null => {
    line++;
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (!t.trim()) return null;
    try {
      const v = JSON.parse(t) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) return { line, values: {}, parseError: 'không phải đối tượng JSON' };
      return { line, values: v as Record<string, unknown> };
    } catch {
      return { line, values: {}, parseError: 'JSON không hợp lệ' };
    }
  };
  /** The lines of a run of text between two \n (or after the last): \r\n is one end, a lone \r another. */
  const linesOf = (segment: string): string[] => {
    const s = segment.endsWith('\r') ? segment.slice(0, -1) : segment;
    return s.includes('\r') ? s.split('\r') : [s];
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    onChunk?.(chunk as Buffer);
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    // Nearly every file ends its lines with \n alone: one search for \r per chunk spares a
    // look (and an array) per line.
    const plain = text.indexOf('\r') < 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (plain) {
        const row = rowOf(text.slice(start, nl));
        if (row) yield row;
      } else {
        for (const t of linesOf(text.slice(start, nl))) {
          const row = rowOf(t);
          if (row) yield row;
        }
      }
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) {
    for (const t of linesOf(rest)) {
      const row = rowOf(t);
      if (row) yield row;
    }
  }
}

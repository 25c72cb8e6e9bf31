/**
 * Bulk import of existing registers. By default all-or-nothing: every row is checked and
 * inserted inside one transaction, and if any row is bad the transaction is rolled back
 * and every bad row is listed. With skipInvalid the good rows are kept.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../../shared/errors.js';
import { AppFailure, isAppFailure, type AppError } from '../../../shared/result.js';
import { fromVietnameseDate, toVnIso } from '../../../shared/text/dates.js';
import { validateIncomingCreate } from '../../../shared/validation/incoming.js';
import { sha256OfFile } from '../../attachments/fileStore.js';
import { AuditWriter } from '../../audit/auditLog.js';
import type { Clock } from '../../clock.js';
import type { BlobStore, RegisterRow, Repositories, Store } from '../../store/ports.js';
import type { IncomingService } from '../incomingService.js';
import { fieldForHeading, IGNORED, splitTypeAndSubject, TYPE_AND_SUBJECT } from './columns.js';
import { detectFormat, readCsv, readJsonLines, type RawRow } from './readRows.js';

export interface ImportOptions {
  skipInvalid: boolean;
  actor: string;
  onProgress?: (message: string) => void;
  format?: string;
  /** Aborting rolls the whole import back. */
  signal?: AbortSignal;
  /** Rows read so far, for a progress bar. */
  onRows?: (rowsRead: number) => void;
}

export interface RejectedRow {
  line: number;
  field?: string;
  code: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  rejected: RejectedRow[];
}

const DATE_FIELDS = ['issuedDate', 'arrivalDate', 'dueDate'];

/** Turns a row keyed by headings into an input object keyed by field names. */
function toInput(values: Record<string, unknown>, columns: Map<string, string>): { input: Record<string, unknown>; errors: AppError[] } {
  const input: Record<string, unknown> = {};
  const errors: AppError[] = [];
  for (const [heading, raw] of Object.entries(values)) {
    const field = columns.get(heading) ?? fieldForHeading(heading);
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

function toRejected(line: number, e: AppError): RejectedRow {
  return { line, ...(e.field ? { field: e.field } : {}), code: e.code, message: e.message };
}

/** The store written to, the file store that keeps the imported file as evidence, the clock, and the incoming rules. */
export interface ImportDeps {
  store: Store;
  files: BlobStore;
  clock: Clock;
  incoming: Pick<IncomingService, 'insertValidated'>;
}

export async function importIncomingFile(services: ImportDeps, file: string, opts: ImportOptions): Promise<ImportResult> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppFailure(makeError('file_not_found', { field: 'file', params: { value: file } }));
  }
  const head = Buffer.alloc(Math.min(size, 4096));
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const format = detectFormat(file, head, opts.format);
  const progress = opts.onProgress ?? (() => {});
  const rejected: RejectedRow[] = [];
  const columns = new Map<string, string>();
  const now = services.clock();
  const at = toVnIso(now);
  let imported = 0;
  let seen = 0;

  const rows: AsyncGenerator<RawRow | { header: string[] }> = format === 'csv' ? readCsv(file) : readJsonLines(file);
  // The file itself is kept (content-addressed) as the evidence each row's audit entry
  // points to; stored only once the import is accepted, so a refused one leaves nothing.
  const evidence = { sha256: sha256OfFile(file), size };
  const source = (line: number) => ({ file: path.basename(file), sha256: evidence.sha256, line });
  let firstId = 0;
  let lastId = 0;

  /** Reads, checks and inserts every row; bad rows are collected, never thrown. */
  async function insertRows(repos: Repositories, audit: AuditWriter): Promise<void> {
    const registers = new Map<string, RegisterRow | null>();
    for await (const item of rows) {
      if ('header' in item) {
        for (const h of item.header) {
          const f = fieldForHeading(h);
          if (f === null) rejected.push({ line: 1, field: h, code: 'unknown_column', message: `Cột «${h}» không được hỗ trợ.` });
          else columns.set(h, f);
        }
        if (rejected.length) return; // a wrong heading makes every row wrong: stop here
        continue;
      }
      seen++;
      if (seen % 1000 === 0) {
        if (opts.signal?.aborted) throw new AppFailure(makeError('cancelled'));
        opts.onRows?.(seen);
        // Let a poller (job.status) be answered between chunks of a long import.
        await new Promise((r) => setImmediate(r));
      }
      if (seen % 10_000 === 0) progress(`Đã đọc ${seen} dòng: nhập ${imported}, lỗi ${rejected.length}`);
      if (item.parseError) {
        rejected.push({ line: item.line, code: 'invalid_row', message: `Dòng ${item.line}: ${item.parseError}.` });
        continue;
      }
      const { input, errors } = toInput(item.values, columns);
      const { value, errors: invalid } = validateIncomingCreate(input, { now });
      if (errors.length || invalid.length) {
        for (const e of [...errors, ...invalid]) rejected.push(toRejected(item.line, e));
        continue;
      }
      try {
        const id = await services.incoming.insertValidated(repos, value, {
          actor: opts.actor,
          force: false,
          at,
          audit,
          source: source(item.line),
          registers,
        });
        firstId ||= id;
        lastId = id;
        imported++;
      } catch (e) {
        if (!isAppFailure(e)) throw e;
        rejected.push(toRejected(item.line, e.error));
      }
    }
    if (opts.signal?.aborted) throw new AppFailure(makeError('cancelled'));
    opts.onRows?.(seen);
  }

  await services.store.write(async (repos) => {
    const audit = await AuditWriter.begin(repos, at);
    await repos.incoming.setBulkIndexing(true);
    try {
      await insertRows(repos, audit);
    } finally {
      await repos.incoming.setBulkIndexing(false);
    }
    if (rejected.length && !opts.skipInvalid) {
      const failure = makeError('import_failed', { params: { count: new Set(rejected.map((r) => r.line)).size } });
      throw new AppFailure(failure, [failure], { imported: 0, rejected });
    }
    if (firstId) await repos.incoming.indexRange(firstId, lastId);
    // Before the commit: a committed audit entry must always find its file.
    await services.files.putFile(file);
    await repos.attachments.ensureBlob(
      { sha256: evidence.sha256, size: evidence.size, mime: format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
      at,
    );
    await audit.append({
      actor: opts.actor,
      action: 'import',
      entity: 'incoming',
      entityId: null,
      data: {
        file: path.basename(file),
        fileSha256: evidence.sha256,
        format,
        imported,
        rejected: rejected.length,
        ids: firstId ? [firstId, lastId] : [],
      },
    });
    await audit.finish();
  });
  progress(`Xong: nhập ${imported} văn bản, ${rejected.length} lỗi.`);
  return { imported, rejected };
}

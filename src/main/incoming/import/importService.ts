/**
 * Bulk import of existing registers. By default all-or-nothing: every row is checked and
 * inserted inside one transaction, and if any row is bad the transaction is rolled back
 * and every bad row is listed. With skipInvalid the good rows are kept.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { makeError } from '../../../shared/errors.js';
import { AppFailure, isAppFailure } from '../../../shared/result.js';
import { toVnIso } from '../../../shared/text/dates.js';
import { AuditWriter } from '../../audit/auditLog.js';
import type { Clock } from '../../clock.js';
import type { BlobStore, RegisterRow, Repositories, Store } from '../../store/ports.js';
import type { IncomingService } from '../incomingService.js';
import { toRejected, type ReadSummary, type RejectedRow } from './checkRows.js';
import { readCheckedRows, type ReadMode } from './pipeline.js';
import { addToRuns, type ImportRuns } from './provenance.js';
import { detectFormat } from './readRows.js';

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

export type { RejectedRow } from './checkRows.js';

export interface ImportResult {
  imported: number;
  rejected: RejectedRow[];
}

/** Data rows per batch between the reading thread and the writing one. */
const BATCH_ROWS = 1000;
/** Below this size a file is read in the writing thread: starting a worker would cost more than it saves. */
const WORKER_FROM_BYTES = 4 << 20;

/** The store written to, the file store that keeps the imported file as evidence, the clock, and the incoming rules. */
export interface ImportDeps {
  store: Store;
  files: BlobStore;
  clock: Clock;
  incoming: Pick<IncomingService, 'insertValidated'>;
}

export async function importIncomingFile(
  services: ImportDeps,
  file: string,
  opts: ImportOptions & {
    /** Where rows are read and checked; by default a worker thread for files of 4 MiB and more. */
    readMode?: ReadMode;
  },
): Promise<ImportResult> {
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
  const now = services.clock();
  const at = toVnIso(now);
  let imported = 0;
  const runs: ImportRuns = [];
  let summary: ReadSummary | null = null;
  // The evidence copy, written by the reading thread as it reads (where the file store can take one).
  const staged = services.files.stage?.() ?? null;
  let kept = false;

  /** Inserts the checked rows batch by batch; bad rows are collected, never thrown. */
  async function insertRows(repos: Repositories): Promise<void> {
    const registers = new Map<string, RegisterRow | null>();
    const reader = readCheckedRows(
      {
        file,
        format,
        now,
        batchSize: BATCH_ROWS,
        searchText: repos.incoming.importSearchText ?? 'words',
        ...(staged ? { copyTo: staged.path } : {}),
      },
      opts.readMode ?? (size >= WORKER_FROM_BYTES ? 'worker' : 'inline'),
    );
    let reported = 0;
    try {
      for (;;) {
        if (opts.signal?.aborted) throw new AppFailure(makeError('cancelled'));
        const next = await reader.batches.next();
        if (next.done) {
          summary = next.value;
          break;
        }
        const batch = next.value;
        const refused: RejectedRow[] = [];
        for (let i = 0; i < batch.rows.length; i++) {
          const line = batch.lines[i]!;
          try {
            const id = await services.incoming.insertValidated(repos, batch.rows[i]!, {
              actor: opts.actor,
              force: false,
              at,
              registers,
              searchText: batch.texts[i],
              arrivalMs: batch.arrivalMs[i],
            });
            addToRuns(runs, id, line);
            imported++;
          } catch (e) {
            if (!isAppFailure(e)) throw e;
            refused.push(toRejected(line, e.error));
          }
        }
        // File order, as if read one by one: the reader's refusals and the writer's (duplicates, numbers taken).
        rejected.push(...(refused.length ? [...batch.rejected, ...refused].sort((a, b) => a.line - b.line) : batch.rejected));
        opts.onRows?.(batch.seen);
        if (Math.floor(batch.seen / 10_000) > reported) {
          reported = Math.floor(batch.seen / 10_000);
          progress(`Đã đọc ${batch.seen} dòng: nhập ${imported}, lỗi ${rejected.length}`);
        }
        // Let a poller (job.status) be answered between batches of a long import.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      if (!summary) await reader.stop();
    }
    if (opts.signal?.aborted) throw new AppFailure(makeError('cancelled'));
    opts.onRows?.(summary.seen);
  }

  const written = services.store.write(
    async (repos) => {
      await repos.incoming.setBulkIndexing(true);
      try {
        await insertRows(repos);
      } finally {
        await repos.incoming.setBulkIndexing(false);
      }
      if (rejected.length && !opts.skipInvalid) {
        const failure = makeError('import_failed', { params: { count: new Set(rejected.map((r) => r.line)).size } });
        throw new AppFailure(failure, [failure], { imported: 0, rejected });
      }
      if (imported) await repos.incoming.indexRange(runs[0]![0], runs[runs.length - 1]![0] + runs[runs.length - 1]![2] - 1);
      // The file itself is kept (content-addressed) as the evidence the import entry points to;
      // before the commit, so a committed entry always finds its file. It must be the very
      // bytes the rows were read from.
      const read: ReadSummary = summary!;
      let evidence: { sha256: string; size: number };
      if (staged && read.sha256 !== null) {
        // The copy the reading thread wrote is the very bytes it hashed and checked.
        staged.keep(read.sha256);
        kept = true;
        evidence = { sha256: read.sha256, size: read.bytes };
      } else {
        evidence = await services.files.putFile(file);
        if (read.sha256 !== null && evidence.sha256 !== read.sha256) {
          throw new AppFailure(makeError('file_changed', { field: 'file', params: { value: path.basename(file) } }));
        }
      }
      await repos.attachments.ensureBlob(
        { sha256: evidence.sha256, size: evidence.size, mime: format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
        at,
      );
      // One entry for the whole file (not one per document): it names the file by its hash and,
      // in `rows`, which document came from which line (see lineOfImported and auditTrail).
      const audit = await AuditWriter.begin(repos, at);
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
          ids: imported ? [runs[0]![0], runs[runs.length - 1]![0] + runs[runs.length - 1]![2] - 1] : [],
          rows: runs,
        },
      });
      await audit.finish();
      // A large file: written with a rollback journal when nobody else has the database open (see WriteOptions.bulk).
    },
    { bulk: size >= WORKER_FROM_BYTES },
  );
  try {
    await written;
  } finally {
    if (!kept) staged?.discard();
  }
  progress(`Xong: nhập ${imported} văn bản, ${rejected.length} lỗi.`);
  return { imported, rejected };
}

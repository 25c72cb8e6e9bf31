/**
 * The checked rows of an import file, read in a worker thread so that reading and
 * checking (JSON/CSV parsing, validation) run on one core while the caller writes the
 * previous batch on the other. Where no worker can be started, the same code runs inline.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../threads.js';
import { makeError } from '../../../shared/errors.js';
import { AppFailure, type AppError } from '../../../shared/result.js';
import { unpackBatch, type PackedBatch } from './batchCodec.js';
import { checkRows, type CheckedBatch, type CheckOptions, type ReadSummary } from './checkRows.js';

export type ToParser = { type: 'credit' };
export type FromParser =
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'done'; summary: ReadSummary }
  | { type: 'failure'; error: AppError }
  | { type: 'crash'; message: string };

/** The reading thread (parseWorker.ts), built or from the sources (threads.ts). */
function startWorker(opts: CheckOptions): Worker {
  return startModuleWorker(import.meta.url, 'parseWorker', { workerData: opts, name: 'vanthu-import' });
}

/** Where the rows come from: a worker thread, or this thread. */
export type ReadMode = 'worker' | 'inline';

export interface CheckedRows {
  mode: ReadMode;
  batches: AsyncGenerator<CheckedBatch, ReadSummary>;
  /** Stops reading (cancel, or the writer failed). */
  stop(): Promise<void>;
}

export function readCheckedRows(opts: CheckOptions, mode: ReadMode = 'worker'): CheckedRows {
  let worker: Worker | null = null;
  if (mode === 'worker') {
    try {
      worker = startWorker(opts);
    } catch {
      worker = null; // e.g. a bundle without the worker file: read in this thread instead
    }
  }
  if (!worker) {
    const batches = checkRows(opts);
    return { mode: 'inline', batches, stop: async () => void (await batches.return(undefined as never)) };
  }
  const w = worker;
  const queue: FromParser[] = [];
  let waiting: (() => void) | null = null;
  let exited: Error | null = null;
  w.on('message', (m: FromParser) => {
    queue.push(m);
    waiting?.();
  });
  w.on('error', (e) => {
    exited = e;
    waiting?.();
  });
  w.on('exit', (code) => {
    exited ??= new Error(`import reader stopped (exit ${code})`);
    waiting?.();
  });
  async function* batches(): AsyncGenerator<CheckedBatch, ReadSummary> {
    try {
      for (;;) {
        while (queue.length === 0) {
          if (exited) throw exited;
          await new Promise<void>((r) => (waiting = r));
          waiting = null;
        }
        const m = queue.shift()!;
        if (m.type === 'batch') {
          w.postMessage({ type: 'credit' } satisfies ToParser);
          yield unpackBatch(m.batch);
        } else if (m.type === 'done') return m.summary;
        else if (m.type === 'failure') throw new AppFailure(m.error);
        else throw new AppFailure(makeError('internal', { params: { value: m.message } }));
      }
    } finally {
      await w.terminate();
    }
  }
  return { mode: 'worker', batches: batches(), stop: async () => void (await w.terminate()) };
}

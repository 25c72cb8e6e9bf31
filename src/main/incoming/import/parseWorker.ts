/**
 * Worker-thread entry of an import: reads and checks the file (checkRows) and posts the
 * batches to the thread that writes them, at most MAX_AHEAD batches ahead of it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppFailure } from '../../../shared/result.js';
import { packBatch } from './batchCodec.js';
import { checkRows, type CheckOptions } from './checkRows.js';
import type { FromParser, ToParser } from './pipeline.js';

const MAX_AHEAD = 3;

async function run(port: NonNullable<typeof parentPort>, opts: CheckOptions): Promise<void> {
  let credits = MAX_AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', (m: ToParser) => {
    if (m.type === 'credit') {
      credits++;
      wake?.();
      wake = null;
    }
  });
  const send = (m: FromParser) => port.postMessage(m);
  try {
    const it = checkRows(opts);
    for (;;) {
      const next = await it.next();
      if (next.done) {
        send({ type: 'done', summary: next.value });
        return;
      }
      while (credits === 0) await new Promise<void>((r) => (wake = r));
      credits--;
      send({ type: 'batch', batch: packBatch(next.value) });
    }
  } catch (e) {
    send(isAppFailure(e) ? { type: 'failure', error: e.error } : { type: 'crash', message: e instanceof Error ? e.message : String(e) });
  }
}

// Once the last message is posted nothing keeps the thread alive: it ends by itself.
if (parentPort) void run(parentPort, workerData as CheckOptions).finally(() => parentPort?.unref());

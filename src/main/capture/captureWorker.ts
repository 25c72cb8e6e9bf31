/**
 * Worker-thread entry of capture: reads files (text layer, rendering, OCR) and makes
 * searchable copies, one request at a time, posting progress per page. The thread that
 * owns the database (or the UI) never runs any of it; a request that hangs or crashes here
 * is ended by terminating this thread (client.ts).
 */
import { parentPort } from 'node:worker_threads';
import { closeEngine, EngineError, extract } from './engine.js';
import type { FromCapture, ToCapture } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('captureWorker must run in a worker thread');

const send = (m: FromCapture, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function failure(id: number, e: unknown): FromCapture {
  if (e instanceof EngineError) return { type: 'error', id, code: e.code, reason: e.reason };
  return { type: 'error', id, code: 'capture_failed', reason: String((e as Error)?.message ?? e).slice(0, 300) };
}

port.on('message', (m: ToCapture) => {
  void (async () => {
    if (m.type === 'close') {
      await closeEngine();
      port.close();
      return;
    }
    try {
      if (m.type === 'extract') {
        const result = await extract(m.req, (p) => send({ type: 'progress', id: m.id, ...p }));
        send({ type: 'extracted', id: m.id, result });
      } else if (m.type === 'searchable') {
        const { searchablePdf } = await import('./searchablePdf.js');
        const bytes = await searchablePdf(m.req);
        send({ type: 'searchable', id: m.id, bytes }, [bytes.buffer as ArrayBuffer]);
      }
    } catch (e) {
      send(failure(m.id, e));
    }
  })();
});

/**
 * Entry point of the database worker thread (built to out/main/dbWorker.js). Opens the
 * database named in workerData and answers the main thread's messages; see dbHost.ts.
 * No electron import here: a worker thread has no access to Electron's APIs anyway.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { internalError } from '../../shared/errors.js';
import { fail } from '../../shared/result.js';
import { createDbHost } from './dbHost.js';
import type { DbWorkerData, FromWorker } from './dbProtocol.js';
import { createTokenRelay, isTokenReply } from './tokenRelay.js';

const port = parentPort;
if (port) {
  // Token signing sessions ask the main thread for a utility process (tokenRelay.ts).
  const relay = createTokenRelay((m) => post(m));
  const host = createDbHost({ ...(workerData as DbWorkerData), tokenChannel: relay.start });
  const post = (message: FromWorker) => {
    try {
      port.postMessage(message);
    } catch (e) {
      // A value that cannot be cloned must still answer the call, or the page would wait forever.
      if (message.type === 'result') {
        port.postMessage({ ...message, result: fail(internalError()) });
      } else {
        throw e;
      }
    }
  };
  void host.ready.then((r) => post(r.ok ? { type: 'ready', ...r.value } : { type: 'fatal', error: r.error }));
  port.on('message', (message: unknown) => {
    if (isTokenReply(message)) {
      relay.deliver(message);
      return;
    }
    void host.handle(message).then((reply) => {
      if (!reply) return;
      post(reply);
      // After a clean close the thread has nothing left to do; let it end.
      if (reply.type === 'closed') port.close();
    });
  });
}

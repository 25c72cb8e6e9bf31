/**
 * Entry point of a token process (built to tokenSigner.js beside the app's and the CLI's
 * bundles; run from source under tsx in development and tests). It is the only place a
 * PKCS#11 library is loaded: whatever the library does at load time or while signing
 * happens here, away from the database. It speaks tokenProtocol.ts over whichever channel
 * it was started with: Electron's `process.parentPort` (utilityProcess) or Node's IPC
 * (`child_process.fork`). It never imports electron and never opens the database.
 */
import { isAppFailure, type AppError } from '../../shared/result.js';
import { Pkcs11Signer } from './pkcs11Signer.js';
import { isToToken, type FromToken, type ToToken } from './tokenProtocol.js';

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

interface Port {
  post(message: FromToken): void;
  onMessage(listener: (message: unknown) => void): void;
}

function connect(): Port | null {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) return { post: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data)) };
  if (process.send) {
    // The parent went away (crashed, or killed us after a timeout): nothing left to do.
    process.on('disconnect', () => process.exit(0));
    return { post: (m) => process.send!(m), onMessage: (l) => process.on('message', l) };
  }
  return null;
}

function asError(e: unknown): AppError {
  if (isAppFailure(e)) return { ...e.error };
  return {
    code: 'pkcs11_error',
    message: 'Lỗi khi làm việc với thiết bị ký số.',
    details: { cause: e instanceof Error ? e.message : String(e) },
  };
}

export function serveTokenProcess(port: Port): void {
  let signer: Pkcs11Signer | null = null;
  let queue: Promise<void> = Promise.resolve();
  const handle = async (m: ToToken): Promise<void> => {
    switch (m.type) {
      case 'open':
        try {
          if (signer) throw new Error('already open');
          signer = await Pkcs11Signer.open(m);
          port.post({ type: 'opened', chain: await signer.certificateChain() });
        } catch (e) {
          port.post({ type: 'error', error: asError(e) });
        }
        return;
      case 'sign':
        try {
          if (!signer) throw new Error('not open');
          port.post({ type: 'signed', id: m.id, signature: await signer.sign(m.data) });
        } catch (e) {
          port.post({ type: 'error', id: m.id, error: asError(e) });
        }
        return;
      case 'close':
        await signer?.close().catch(() => undefined);
        signer = null;
        port.post({ type: 'closed' });
        // Let the message leave before the process ends.
        setTimeout(() => process.exit(0), 20);
        return;
    }
  };
  port.onMessage((m) => {
    if (!isToToken(m)) return;
    // One operation at a time, in order: a PKCS#11 session is not re-entrant.
    queue = queue.then(() => handle(m));
  });
}

const port = connect();
if (port) serveTokenProcess(port);

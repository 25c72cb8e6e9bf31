/**
 * The main thread's side of the database worker: posts validated calls, matches answers
 * by id, and turns a dead worker into error Results (never a promise that hangs or
 * rejects). Takes any Worker-like object so tests can use a real worker_threads Worker.
 */
import { makeError } from '../../shared/errors.js';
import { fail, ok, type AppError, type Result } from '../../shared/result.js';
import type { MethodName } from '../../shared/contract.js';
import type { DbReadyInfo, FromWorker, ToWorker } from './dbProtocol.js';
import type { TokenRequest } from './tokenRelay.js';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface DbClient {
  /** The opened database, or the reason it could not be opened (shown to the clerk, then quit). */
  readonly ready: Promise<Result<DbReadyInfo>>;
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  /** Closes the database cleanly (checkpoint, release locks); terminates after timeoutMs. */
  close(timeoutMs?: number): Promise<void>;
  /** Called once if the worker dies while the app is running (at once if it already has). */
  onCrash(listener: (error: AppError) => void): void;
}

const stopped = (detail: string): AppError => makeError('internal', { params: { value: `tiến trình cơ sở dữ liệu đã dừng (${detail})` } });

export interface DbClientOptions {
  /** A signing session's request for its token process (tokenRelay.ts); answered with worker.postMessage. */
  onTokenRequest?: (m: TokenRequest) => void;
}

export function createDbClient(worker: WorkerLike, opts: DbClientOptions = {}): DbClient {
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let dead: AppError | null = null;
  let closing = false;
  let crashListener: ((e: AppError) => void) | null = null;
  let settleReady!: (r: Result<DbReadyInfo>) => void;
  const ready = new Promise<Result<DbReadyInfo>>((resolve) => (settleReady = resolve));
  let closedAck: (() => void) | null = null;

  const die = (error: AppError) => {
    if (dead) return;
    dead = error;
    settleReady(fail(error));
    for (const resolve of pending.values()) resolve(fail(error));
    pending.clear();
    if (!closing) crashListener?.(error);
  };

  worker.on('message', (m) => {
    switch (m?.type) {
      case 'ready': {
        const { type: _type, ...info } = m;
        settleReady(ok(info));
        break;
      }
      case 'fatal':
        settleReady(fail(m.error));
        break;
      case 'result': {
        const resolve = pending.get(m.id);
        pending.delete(m.id);
        resolve?.(m.result);
        break;
      }
      case 'closed':
        closedAck?.();
        break;
      case 'token':
        opts.onTokenRequest?.(m);
        break;
    }
  });
  worker.on('error', (e) => die(stopped(e?.message ?? String(e))));
  worker.on('exit', (code) => die(stopped(`mã ${code}`)));

  return {
    ready,
    call(method, input) {
      if (dead) return Promise.resolve(fail(dead));
      if (closing) return Promise.resolve(fail(makeError('busy')));
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        try {
          worker.postMessage({ type: 'call', id, method, input });
        } catch (e) {
          // e.g. an input that cannot be cloned
          pending.delete(id);
          resolve(fail(makeError('internal', { params: { value: (e as Error)?.message ?? String(e) } })));
        }
      });
    },
    async close(timeoutMs = 5000) {
      if (closing) return;
      closing = true;
      if (!dead) {
        const acked = new Promise<void>((resolve) => (closedAck = resolve));
        try {
          worker.postMessage({ type: 'close' });
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([acked, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
          clearTimeout(timer);
        } catch {
          // fall through to terminate
        }
      }
      await worker.terminate().catch(() => 0);
    },
    onCrash(listener) {
      // Already dead (e.g. it crashed right after reporting ready): tell the listener now.
      if (dead && !closing) listener(dead);
      else crashListener = listener;
    },
  };
}

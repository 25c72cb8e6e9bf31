/**
 * The capture worker seen from the services: one worker thread, started on first use and
 * stopped after a while idle, running one request at a time (OCR takes a whole core; the
 * other is the database's). Requests queue in order. Each can be cancelled, and a request
 * that reports no progress for CAPTURE_LIMITS.pageTimeoutMs is stopped: the thread is
 * terminated (whatever hangs inside a parser or the OCR engine ends with it) and the next
 * request gets a fresh one. A crashed thread fails only the request it was running.
 */
import type { Worker } from 'node:worker_threads';
import { makeError, type ErrorCode } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { startModuleWorker } from '../threads.js';
import type { EngineProgress, EngineResult, ExtractRequest } from './engine.js';
import { CAPTURE_LIMITS } from './limits.js';
import type { FromCapture, ToCapture } from './protocol.js';
import type { SearchableRequest } from './searchablePdf.js';

interface Pending {
  id: number;
  msg: ToCapture;
  fileName: string;
  transfer: ArrayBuffer[];
  onProgress?: (p: EngineProgress) => void;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
}

/** Requests waiting beyond this many are refused (a clerk dropping a thousand files at once). */
const MAX_QUEUED = 500;

const KNOWN: readonly string[] = [
  'too_many_pages',
  'invalid_page_range',
  'image_too_large',
  'invalid_image',
  'invalid_pdf',
  'encrypted_pdf',
  'capture_failed',
] satisfies ErrorCode[];

export interface CaptureClientOptions {
  /** Test hook: a shorter watchdog. */
  pageTimeoutMs?: number;
  idleMs?: number;
  /** Test hook: start something else than the real worker. */
  start?: () => Worker;
}

export class CaptureClient {
  private worker: Worker | null = null;
  private running: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private watchdog: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;
  private readonly pageTimeoutMs: number;
  private readonly idleMs: number;

  constructor(private readonly opts: CaptureClientOptions = {}) {
    this.pageTimeoutMs = opts.pageTimeoutMs ?? CAPTURE_LIMITS.pageTimeoutMs;
    this.idleMs = opts.idleMs ?? CAPTURE_LIMITS.idleMs;
  }

  /** Reads a file's text. `fileName` names it in errors only. */
  extract(
    req: ExtractRequest,
    o: { fileName: string; signal?: AbortSignal; onProgress?: (p: EngineProgress) => void },
  ): Promise<EngineResult> {
    // The worker gets its own copy: the caller's bytes stay usable (they are stored after).
    // Not .slice(): on a Buffer that is a view of the same memory (often a pooled ArrayBuffer),
    // and transferring it emptied the caller's attachment before it was stored.
    const bytes = new Uint8Array(req.bytes);
    return this.enqueue({ type: 'extract', id: 0, req: { ...req, bytes } }, o, [bytes.buffer]) as Promise<EngineResult>;
  }

  /** A copy of a scan with an invisible text layer (see searchablePdf.ts). */
  searchable(req: SearchableRequest, o: { fileName: string; signal?: AbortSignal }): Promise<Uint8Array> {
    return this.enqueue({ type: 'searchable', id: 0, req }, o, []) as Promise<Uint8Array>;
  }

  /** Number of requests running or waiting. */
  get load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private enqueue(
    msg: ToCapture,
    o: { fileName: string; signal?: AbortSignal; onProgress?: (p: EngineProgress) => void },
    transfer: ArrayBuffer[],
  ): Promise<unknown> {
    if (this.queue.length >= MAX_QUEUED) return Promise.reject(new AppFailure(makeError('capture_busy')));
    if (o.signal?.aborted) return Promise.reject(new AppFailure(makeError('cancelled')));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const p: Pending = {
        id,
        msg: { ...msg, id } as ToCapture,
        fileName: o.fileName,
        transfer,
        onProgress: o.onProgress,
        resolve,
        reject,
        signal: o.signal,
      };
      o.signal?.addEventListener(
        'abort',
        () => {
          if (this.running === p) this.fail(p, new AppFailure(makeError('cancelled')), true);
          else {
            const i = this.queue.indexOf(p);
            if (i >= 0) {
              this.queue.splice(i, 1);
              reject(new AppFailure(makeError('cancelled')));
            }
          }
        },
        { once: true },
      );
      this.queue.push(p);
      this.pump();
    });
  }

  private startWorker(): Worker {
    const w = this.opts.start ? this.opts.start() : startModuleWorker(import.meta.url, 'captureWorker', { name: 'vanthu-capture' });
    w.on('message', (m: FromCapture) => this.onMessage(w, m));
    w.on('error', (e) => this.onExit(w, e));
    w.on('exit', (code) => this.onExit(w, new Error(`capture worker exited (${code})`)));
    // An idle capture thread must not keep a CLI process alive.
    w.unref();
    return w;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) {
      if (!this.running && this.queue.length === 0) this.armIdle();
      return;
    }
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const p = this.queue.shift()!;
    this.running = p;
    this.worker ??= this.startWorker();
    this.worker.ref();
    this.armWatchdog();
    this.worker.postMessage(p.msg, p.transfer);
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    const p = this.running;
    if (!p) return;
    this.watchdog = setTimeout(() => {
      if (this.running === p) this.fail(p, new AppFailure(makeError('capture_timeout', { params: { value: p.fileName } })), true);
    }, this.pageTimeoutMs);
  }

  private armIdle(): void {
    if (!this.worker || this.idle) return;
    this.worker.unref();
    this.idle = setTimeout(() => {
      this.idle = null;
      if (!this.running && this.queue.length === 0) void this.stopWorker(true);
    }, this.idleMs);
    this.idle.unref();
  }

  private onMessage(w: Worker, m: FromCapture): void {
    const p = this.running;
    if (w !== this.worker || !p || m.id !== p.id) return;
    if (m.type === 'progress') {
      this.armWatchdog();
      p.onProgress?.({ page: m.page, pages: m.pages, stage: m.stage });
      return;
    }
    this.finish();
    if (m.type === 'error') {
      const code = (KNOWN.includes(m.code) ? m.code : 'capture_failed') as ErrorCode;
      p.reject(
        new AppFailure(
          makeError(code, {
            field: 'attachments',
            params: { value: p.fileName, reason: m.reason },
            details: { fileName: p.fileName, reason: m.reason },
          }),
        ),
      );
    } else if (m.type === 'extracted') p.resolve(m.result);
    else if (m.type === 'searchable') p.resolve(m.bytes);
    this.pump();
  }

  private onExit(w: Worker, e: Error): void {
    if (w !== this.worker) return;
    this.worker = null;
    const p = this.running;
    if (p) {
      this.finish();
      p.reject(new AppFailure(makeError('capture_failed', { params: { value: p.fileName, reason: 'luồng nhận dạng dừng đột ngột' } })));
      void e;
    }
    this.pump();
  }

  private finish(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    this.running = null;
  }

  /** Fails the running request; `kill` ends its thread (cancel, watchdog), the next request starts a new one. */
  private fail(p: Pending, e: AppFailure, kill: boolean): void {
    this.finish();
    p.reject(e);
    if (kill) {
      const w = this.worker;
      this.worker = null;
      void w?.terminate();
    }
    this.pump();
  }

  private async stopWorker(polite: boolean): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    if (polite) {
      w.postMessage({ type: 'close' } satisfies ToCapture);
      const t = setTimeout(() => void w.terminate(), 2000);
      t.unref();
      await new Promise<void>((r) => w.once('exit', () => r()));
      clearTimeout(t);
    } else await w.terminate();
  }

  /** Stops the thread; requests still waiting are refused. */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new AppFailure(makeError('cancelled')));
    if (this.running) this.fail(this.running, new AppFailure(makeError('cancelled')), true);
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    await this.stopWorker(false);
  }
}

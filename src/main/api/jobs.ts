/**
 * Long operations (imports) run in the background with progress and cancellation; the
 * renderer polls their state through the contract (the same over IPC and HTTP).
 */
import { randomUUID } from 'node:crypto';
import type { JobView } from '../../shared/apiTypes.js';
import { isAppFailure, type AppError } from '../../shared/result.js';

interface Job<T> {
  /** Who started it: only they see or stop it. */
  owner: string;
  view: JobView<T>;
  controller: AbortController;
  finishedAt?: number;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job<unknown>>();

  /** `toError` turns what a job threw into its reported error (internal ones are logged, not shown). */
  constructor(private readonly toError: (e: unknown) => AppError) {}

  start<T>(owner: string, run: (signal: AbortSignal, progress: (n: number, total?: number) => void) => Promise<T>): JobView<T> {
    this.prune();
    const controller = new AbortController();
    const job: Job<T> = { owner, view: { jobId: randomUUID(), state: 'running', progress: 0 }, controller };
    this.jobs.set(job.view.jobId, job as Job<unknown>);
    const progress = (n: number, total?: number) => {
      job.view.progress = n;
      if (total !== undefined) job.view.total = total;
    };
    run(controller.signal, progress).then(
      (result) => {
        job.view = { ...job.view, state: 'done', result };
        job.finishedAt = Date.now();
      },
      (e: unknown) => {
        job.finishedAt = Date.now();
        if (controller.signal.aborted) {
          job.view = { ...job.view, state: 'cancelled' };
          return;
        }
        const error = isAppFailure(e) ? e.error : this.toError(e);
        const result = isAppFailure(e) ? (e.result as T | undefined) : undefined;
        job.view = { ...job.view, state: 'failed', error, ...(result !== undefined ? { result } : {}) };
      },
    );
    return { ...job.view };
  }

  status<T>(jobId: string, owner: string): JobView<T> | null {
    const j = this.jobs.get(jobId);
    return j && j.owner === owner ? ({ ...j.view } as JobView<T>) : null;
  }

  cancel<T>(jobId: string, owner: string): JobView<T> | null {
    const j = this.jobs.get(jobId);
    if (!j || j.owner !== owner) return null;
    if (j.view.state === 'running') j.controller.abort();
    return { ...j.view } as JobView<T>;
  }

  /** Finished jobs are kept ten minutes for the renderer to read their result. */
  private prune(): void {
    const cutoff = Date.now() - 10 * 60_000;
    for (const [k, j] of this.jobs) if (j.finishedAt && j.finishedAt < cutoff) this.jobs.delete(k);
  }
}

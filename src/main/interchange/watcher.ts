/**
 * The app looks into the inbox of the exchange folders on its own (in the main process,
 * never in the page): every `intervalSeconds` one pass of exchangeOnce — messages in, the
 * automatic status answers out. One pass at a time per database (a pass asked for by the
 * clerk waits for the running one); a message is processed once even across restarts or
 * several PCs watching the same folder, because the database remembers each message by its
 * SHA-256 and the file leaves the inbox only after its transaction committed.
 */
import type { ExchangePassView } from '../../shared/contract.js';
import { AppFailure } from '../../shared/result.js';
import { describeError, type LocalLog } from '../log/localLog.js';
import type { InterchangeService } from './interchangeService.js';
import { exchangeOnce, FolderTransport } from './transport.js';

/** The audit actor of what the watcher does on its own (a person's pass is theirs). */
export const WATCHER_ACTOR = 'liên thông (tự động)';

const lastPasses = new WeakMap<InterchangeService, ExchangePassView>();
const running = new WeakMap<InterchangeService, Promise<unknown>>();

/** What the last pass over this database's inbox did (in this process), if any. */
export function lastPass(service: InterchangeService): ExchangePassView | null {
  return lastPasses.get(service) ?? null;
}

/**
 * One pass over the configured folders, after any pass still running. Refused with
 * `exchange_not_configured` when the administrator has not set the folders.
 */
export async function runPass(service: InterchangeService, actor: string, now: () => string): Promise<ExchangePassView> {
  const before = running.get(service) ?? Promise.resolve();
  const mine = before
    .catch(() => undefined)
    .then(async () => {
      const f = await service.folders();
      if (!f.inbox || !f.outbox) {
        throw new AppFailure({
          code: 'exchange_not_configured',
          field: 'inbox',
          message: 'Chưa đặt thư mục liên thông (thư mục nhận, thư mục gửi): quản trị viên đặt trong «Liên thông».',
        });
      }
      const report = await exchangeOnce(service, new FolderTransport(f.inbox, f.outbox, 2000, undefined, f.errors), actor);
      const view: ExchangePassView = { at: now(), ...report };
      lastPasses.set(service, view);
      return view;
    });
  running.set(service, mine);
  try {
    return await mine;
  } finally {
    if (running.get(service) === mine) running.delete(service);
  }
}

/** Runs passes on a timer until stopped; the interval is re-read from the setting each time. */
export class ExchangeWatcher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private current: Promise<unknown> | null = null;

  constructor(
    private readonly service: InterchangeService,
    private readonly now: () => string,
    private readonly log: LocalLog,
    /** The first look, ms after start (the app's window opens first). */
    private readonly firstDelayMs = 3000,
  ) {}

  get watching(): boolean {
    return !this.stopped && this.timer !== null;
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.firstDelayMs);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    // The app's lifetime is not held up by the watcher.
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    let interval = 15;
    try {
      const f = await this.service.folders();
      interval = f.intervalSeconds;
      if (f.inbox && f.outbox) {
        this.current = runPass(this.service, WATCHER_ACTOR, this.now);
        await this.current;
      }
    } catch (e) {
      // A database that is away or a folder not mounted: tried again at the next tick.
      if (!(e instanceof AppFailure && e.error.code === 'exchange_not_configured'))
        this.log.write({ event: 'exchange_error', ...describeError(e) });
    } finally {
      this.current = null;
      this.schedule(interval * 1000);
    }
  }

  /** Stops the timer and waits for a pass under way (its messages are left consistent either way). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current?.catch(() => undefined);
  }
}

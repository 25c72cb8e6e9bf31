/**
 * What runs inside the database worker, as plain functions: open the store (creating or
 * upgrading the schema, like `vanthu init`), build the contract handlers, answer calls
 * with `dispatch` (which validates again and never throws). Kept apart from the
 * worker_threads wiring (dbWorker.ts) so tests drive it directly with a real database.
 */
import { createHandlers, dispatch, toResultError, type Handlers } from '../api/handlers.js';
import { memorySlot } from '../accounts/sessions.js';
import { personalConnections } from '../api/personalConnections.js';
import type { Clock } from '../clock.js';
import type { TokenChannelFactory } from '../signing/tokenProtocol.js';
import { createLocalLog, logDirFor } from '../log/localLog.js';
import { createServices, type Services } from '../services.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { makeError } from '../../shared/errors.js';
import { toVnIso } from '../../shared/text/dates.js';
import type { DbReadyInfo, DbWorkerData, FromWorker, ToWorker } from './dbProtocol.js';

export interface DbHostOptions extends DbWorkerData {
  clock?: Clock;
  /** How token processes are started (the worker relays to the main thread's utilityProcess). */
  tokenChannel?: TokenChannelFactory;
}

export interface DbHost {
  /** Settles once: the opened database, or why it could not be opened. */
  readonly ready: Promise<Result<DbReadyInfo>>;
  /** Answers one message; null for messages that need no answer. Never throws. */
  handle(message: unknown): Promise<FromWorker | null>;
  close(): Promise<void>;
}

function isCall(m: unknown): m is Extract<ToWorker, { type: 'call' }> {
  const o = m as Partial<Extract<ToWorker, { type: 'call' }>> | null;
  return !!o && o.type === 'call' && typeof o.id === 'number';
}

export function createDbHost(opts: DbHostOptions): DbHost {
  let services: Services | null = null;
  let handlers: Handlers | null = null;
  let watcher: import('../interchange/watcher.js').ExchangeWatcher | null = null;
  let closed = false;
  /** Calls still running: a clean close lets them finish (a PDF being built, a save). */
  const inFlight = new Set<Promise<unknown>>();
  /**
   * The window's one session, kept here in the main process: the page never holds a token.
   * (The IPC binding only accepts our window's main frame, so every call is the window's.)
   */
  const session = memorySlot();

  const ready: Promise<Result<DbReadyInfo>> = (async () => {
    try {
      services = await createServices({
        dbPath: opts.dbPath,
        migrate: true,
        ...(opts.clock ? { clock: opts.clock } : {}),
        ...(opts.tokenChannel ? { tokenChannel: opts.tokenChannel } : {}),
      });
      const init = await services.init({ actor: opts.actor });
      // The inbox of the exchange folders is watched here, in main, once the store is open.
      const { ExchangeWatcher } = await import('../interchange/watcher.js');
      const s = services;
      watcher = new ExchangeWatcher(s.interchange, () => toVnIso(s.clock()), s.log);
      watcher.start();
      // An office database with rights in the database: the person signed in works as their own login role.
      handlers = createHandlers(services, { shell: 'electron', watcher, personal: await personalConnections(services, opts.dbPath) });
      return ok({
        database: init.database,
        schemaVersion: init.schemaVersion,
        migratedFrom: init.migratedFrom,
        backup: init.backup,
        journalMode: init.journalMode,
        warnings: init.warnings,
      });
    } catch (e) {
      await services?.close().catch(() => undefined);
      services = null;
      // The database did not open, so there are no services (and no log) yet: log beside it.
      return fail(toResultError(e, createLocalLog(logDirFor(opts.dbPath)), 'open'));
    }
  })();

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await ready;
    await watcher?.stop();
    await Promise.allSettled([...inFlight]);
    await services?.close().catch(() => undefined);
  };

  return {
    ready,
    close,
    async handle(message) {
      if (isCall(message)) {
        const opened = await ready;
        if (!opened.ok) return { type: 'result', id: message.id, result: fail(opened.error) };
        if (closed || !handlers) return { type: 'result', id: message.id, result: fail(makeError('busy')) };
        const running = dispatch(handlers, message.method, message.input, session);
        inFlight.add(running);
        try {
          return { type: 'result', id: message.id, result: await running };
        } finally {
          inFlight.delete(running);
        }
      }
      if ((message as { type?: unknown } | null)?.type === 'close') {
        await close();
        return { type: 'closed' };
      }
      return null; // unknown messages are ignored: only our main thread can post here
    },
  };
}

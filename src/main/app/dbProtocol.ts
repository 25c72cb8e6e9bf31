/**
 * Messages between the Electron main thread and the database worker. The worker owns the
 * only connection; the main thread never touches SQLite, so a slow query or a long import
 * cannot freeze the window (Electron's main thread also runs the UI's event loop).
 */
import type { MethodName } from '../../shared/contract.js';
import type { AppError, Result } from '../../shared/result.js';
import type { TokenReply, TokenRequest } from './tokenRelay.js';

export interface DbWorkerData {
  dbPath: string;
  /**
   * The OS user: the actor of the database's own set-up when the app creates it (before any
   * account exists). Every call after that is made by the signed-in account.
   */
  actor: string;
}

export interface DbReadyInfo {
  database: string;
  schemaVersion: number;
  migratedFrom: number | null;
  backup: string | null;
  journalMode: string;
  warnings: string[];
}

export type ToWorker = { type: 'call'; id: number; method: MethodName; input: unknown } | { type: 'close' } | TokenReply;

export type FromWorker =
  | ({ type: 'ready' } & DbReadyInfo)
  /** The database could not be opened (e.g. db_newer, db_corrupt): the app shows it and quits. */
  | { type: 'fatal'; error: AppError }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'closed' }
  /** A signing session asks for (or talks to) its token process: see tokenRelay.ts. */
  | TokenRequest;

/**
 * The IPC binding between the page and the main process. The API contract travels on ONE
 * channel; every call is checked here before anything else runs:
 *  1. the sender must be our window's main frame showing an app:// page (not an iframe,
 *     not some other web contents, not a page that navigated elsewhere) → else `forbidden`;
 *  2. the method must exist in the contract → else `unknown_method`;
 *  3. the input must pass the central text/shape checks and the method's zod schema
 *     (src/shared/callInput.ts) → else a coded refusal naming the field.
 * Only then is the (parsed) input forwarded to the database worker, which validates again.
 * Every outcome is a Result value: a rejected promise would reach the page as an opaque
 * Error, and a thrown handler would leak a stack trace.
 * Electron is reached only through the small structural types below, so tests run in Node.
 */
import type { MethodName } from '../../shared/contract.js';
import { parseCall } from '../../shared/callInput.js';
import { internalError, makeError } from '../../shared/errors.js';
import { describeError, newRef, type LocalLog } from '../log/localLog.js';
import { fail, type Result } from '../../shared/result.js';
import { CALL_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL } from '../../preload/channels.js';
import type { ShellMethods } from './shellMethods.js';

/** The parts of a WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent?: unknown;
}

/** The parts of an IpcMainInvokeEvent the binding reads. */
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed?(): boolean;
}

/** The slice of ipcMain we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type CallForwarder = (method: MethodName, input: unknown) => Promise<Result<unknown>>;

export interface IpcDeps {
  isTrustedSender(event: IpcEventLike): boolean;
  /** Runs a validated call (in the app: posts it to the database worker). */
  call: CallForwarder;
  shell?: ShellMethods;
  /** The local log (details of internal errors). */
  log?: LocalLog;
}

/**
 * Trusted = the main frame of our window's web contents, currently at a URL we serve.
 * `getWebContents` is read on every call: the window may be recreated or destroyed.
 */
export function makeSenderCheck(getWebContents: () => WebContentsLike | null, isAllowedUrl: (url: string) => boolean) {
  return (event: IpcEventLike): boolean => {
    try {
      const wc = getWebContents();
      if (!wc || wc.isDestroyed?.()) return false;
      if (event.sender.id !== wc.id) return false;
      const frame = event.senderFrame;
      if (!frame) return false; // the frame navigated away or was destroyed mid-call
      const main = wc.mainFrame;
      if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
      return isAllowedUrl(frame.url);
    } catch {
      return false;
    }
  };
}

/** Checks method and input against the contract (src/shared/callInput.ts); the parsed input on success. */
export function validateCall(method: unknown, rawInput: unknown): Result<{ method: MethodName; input: unknown }> {
  return parseCall(method, rawInput);
}

const forbidden = () => fail(makeError('forbidden'));
/** A failure of the app itself: the page learns that it happened and a reference, never its text. */
function internal(deps: IpcDeps, e: unknown, where: string) {
  const ref = newRef();
  deps.log?.write({ event: 'internal_error', ref, where, error: describeError(e) });
  return fail(internalError(ref));
}

/** The handler of the contract channel, as a plain function of (event, method, input). */
export function createCallHandler(deps: IpcDeps) {
  return async (event: IpcEventLike, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!deps.isTrustedSender(event)) return forbidden();
    const checked = validateCall(method, input);
    if (!checked.ok) return checked;
    try {
      return await deps.call(checked.value.method, checked.value.input);
    } catch (e) {
      return internal(deps, e, `call ${checked.value.method}`);
    }
  };
}

/** Handler of a shell channel (native dialogs): same sender check, never throws. */
export function createShellHandler(deps: IpcDeps, run: (shell: ShellMethods, input: unknown) => Promise<Result<unknown>>) {
  return async (event: IpcEventLike, input: unknown): Promise<Result<unknown>> => {
    if (!deps.isTrustedSender(event)) return forbidden();
    if (!deps.shell) return fail(makeError('unknown_method', { params: { value: 'shell' } }));
    try {
      return await run(deps.shell, input);
    } catch (e) {
      return internal(deps, e, 'shell');
    }
  };
}

/** Registers the channels on ipcMain; returns a function that removes them. */
export function bindIpc(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const onCall = createCallHandler(deps);
  const onPick = createShellHandler(deps, (s, i) => s.pickFiles(i));
  const onSave = createShellHandler(deps, (s, i) => s.savePdf(i));
  // Extra arguments beyond the declared ones are ignored, not forwarded.
  ipcMain.handle(CALL_CHANNEL, (event, method, input) => onCall(event, method, input));
  ipcMain.handle(PICK_FILES_CHANNEL, (event, input) => onPick(event, input));
  ipcMain.handle(SAVE_PDF_CHANNEL, (event, input) => onSave(event, input));
  return () => {
    for (const ch of [CALL_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL]) ipcMain.removeHandler(ch);
  };
}

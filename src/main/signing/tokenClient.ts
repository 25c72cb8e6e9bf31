/**
 * The database side of token signing: a Signer whose key operations happen in a token
 * process (tokenProcess.ts) started for the session. Whatever that process does — crash on
 * load, hang, exit — this side turns it into a coded error and carries on; the details go to
 * the local log, and what reaches the page is a message a clerk can act on, never a loader's
 * text or a path.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppFailure, type AppError } from '../../shared/result.js';
import { describeError, newRef, type LocalLog } from '../log/localLog.js';
import type { Signer } from './signer.js';
import { isFromToken, type FromToken, type TokenChannel, type TokenChannelFactory, type TokenOpen } from './tokenProtocol.js';

export interface TokenTimeouts {
  /** Loading the library, logging in, finding the key (some tokens are slow to enumerate). */
  openMs: number;
  signMs: number;
  closeMs: number;
}

export const DEFAULT_TOKEN_TIMEOUTS: TokenTimeouts = { openMs: 60_000, signMs: 60_000, closeMs: 5_000 };

/** Refusals the clerk can fix at the keyboard: their message is shown as it is. */
const CLERK_CODES = new Set([
  'wrong_pin',
  'pin_locked',
  'token_not_found',
  'key_not_found',
  'no_certificate',
  'unsupported_key',
  'certificate_expired',
  'certificate_not_yet_valid',
  'invalid_certificate',
]);

export type TokenSigner = Signer & { close(): Promise<void> };

export interface TokenSignerContext {
  start: TokenChannelFactory;
  log: LocalLog;
  timeouts?: Partial<TokenTimeouts>;
}

function failure(code: string, message: string, ref?: string): AppFailure {
  return new AppFailure({ code, message: ref ? `${message} (mã tra cứu ${ref})` : message, ...(ref ? { details: { ref } } : {}) });
}

/** The error a token process reported, as the page may see it. */
function publicError(error: AppError, log: LocalLog): AppFailure {
  if (CLERK_CODES.has(error.code)) {
    const { details, ...rest } = error;
    // Keep what helps the clerk (the labels of the tokens found), drop the driver's text.
    const tokens = (details as { tokens?: unknown } | undefined)?.tokens;
    if ((details as { cause?: unknown } | undefined)?.cause !== undefined) log.write({ event: 'token_refusal', code: error.code, details });
    return new AppFailure({ ...rest, ...(Array.isArray(tokens) ? { details: { tokens } } : {}) });
  }
  const ref = newRef();
  log.write({ event: 'token_error', ref, error });
  return failure(
    error.code === 'pkcs11_library_not_found' ? 'token_unavailable' : error.code === 'signing_failed' ? 'signing_failed' : 'pkcs11_error',
    error.code === 'pkcs11_library_not_found'
      ? 'Không dùng được thư viện của thiết bị ký số đã cấu hình trên máy này; hãy báo người quản trị'
      : 'Thiết bị ký số báo lỗi; hãy thử lại hoặc báo người quản trị',
    ref,
  );
}

/** Opens a signing session on a token in its own process. */
export async function openTokenSigner(options: Omit<TokenOpen, 'type'>, ctx: TokenSignerContext): Promise<TokenSigner> {
  const t = { ...DEFAULT_TOKEN_TIMEOUTS, ...ctx.timeouts };
  let channel: TokenChannel;
  try {
    channel = ctx.start();
  } catch (e) {
    const ref = newRef();
    ctx.log.write({ event: 'token_process_start_failed', ref, error: describeError(e) });
    throw failure('token_process_failed', 'Không khởi động được tiến trình ký số; hãy báo người quản trị', ref);
  }

  let ended: AppFailure | null = null;
  let onOpened: ((m: FromToken) => void) | null = null;
  const pending = new Map<number, { resolve: (sig: Uint8Array) => void; reject: (e: AppFailure) => void }>();
  let closedAck: (() => void) | null = null;
  let closing = false;
  let nextId = 1;

  const end = (why: AppFailure) => {
    if (ended) return;
    ended = why;
    onOpened?.({ type: 'error', error: why.error });
    for (const p of pending.values()) p.reject(why);
    pending.clear();
    closedAck?.();
  };

  channel.onExit((detail) => {
    if (closing) closedAck?.();
    if (ended || closing) return;
    const ref = newRef();
    ctx.log.write({ event: 'token_process_exit', ref, detail });
    end(
      failure(
        'token_process_failed',
        'Tiến trình làm việc với thiết bị ký số đã dừng bất thường; dữ liệu không bị ảnh hưởng. Hãy thử lại hoặc báo người quản trị',
        ref,
      ),
    );
  });
  channel.onMessage((m) => {
    if (!isFromToken(m)) return;
    if (m.type === 'closed') {
      closedAck?.();
      return;
    }
    if (m.type === 'opened' || (m.type === 'error' && m.id === undefined)) {
      onOpened?.(m);
      return;
    }
    const id = m.type === 'signed' || m.type === 'error' ? m.id : undefined;
    const p = id === undefined ? undefined : pending.get(id);
    if (!p || id === undefined) return;
    pending.delete(id);
    if (m.type === 'signed') p.resolve(m.signature);
    else if (m.type === 'error') p.reject(publicError(m.error, ctx.log));
  });

  const timedOut = (what: string) => {
    const ref = newRef();
    ctx.log.write({ event: 'token_timeout', ref, what });
    channel.kill();
    const e = failure('token_timeout', 'Thiết bị ký số không trả lời; hãy kiểm tra thiết bị rồi thử lại', ref);
    end(e);
    return e;
  };

  const opened = await new Promise<FromToken>((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'error', error: timedOut('open').error }), t.openMs);
    onOpened = (m) => {
      clearTimeout(timer);
      onOpened = null;
      resolve(m);
    };
    try {
      channel.send({ type: 'open', ...options });
    } catch (e) {
      ctx.log.write({ event: 'token_send_failed', error: describeError(e) });
      channel.kill();
    }
  });
  if (opened.type !== 'opened') {
    channel.kill();
    if (opened.type === 'error') throw ended ?? publicError(opened.error, ctx.log);
    throw failure('token_process_failed', 'Tiến trình ký số trả lời không đúng');
  }
  const chain = opened.chain.map((c) => new Uint8Array(c));

  return {
    async certificateChain() {
      return chain;
    },
    sign(dataToSign: Uint8Array) {
      if (ended) return Promise.reject(ended);
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => reject(timedOut('sign')), t.signMs);
        pending.set(id, {
          resolve: (sig) => {
            clearTimeout(timer);
            resolve(new Uint8Array(sig));
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        channel.send({ type: 'sign', id, data: dataToSign });
      });
    },
    async close() {
      if (ended) return;
      closing = true;
      const acked = new Promise<void>((resolve) => (closedAck = resolve));
      let timer: NodeJS.Timeout | undefined;
      try {
        channel.send({ type: 'close' });
        await Promise.race([acked, new Promise<void>((r) => (timer = setTimeout(r, t.closeMs)))]);
      } catch {
        // the process is gone already
      } finally {
        clearTimeout(timer);
        ended = failure('signing_failed', 'Phiên làm việc với thiết bị ký số đã đóng.');
        channel.kill();
      }
    },
  };
}

/**
 * The token process's entry file: the built tokenSigner.js beside the running bundle (the
 * CLI's out/node, or one folder up from its chunks), else the TypeScript source beside this
 * module (development and tests, run through tsx).
 */
export function defaultTokenEntry(fromUrl: string = import.meta.url): string {
  const here = path.dirname(fileURLToPath(fromUrl));
  for (const candidate of [
    path.join(here, 'tokenSigner.js'),
    path.join(here, '..', 'tokenSigner.js'),
    path.join(here, 'tokenProcess.ts'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return path.join(here, 'tokenSigner.js');
}

/** Token processes as Node child processes (the CLI, the web host, tests). */
export function forkTokenChannel(entry: string = defaultTokenEntry()): TokenChannelFactory {
  return () => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    const exitListeners: ((detail: string) => void)[] = [];
    let exited = false;
    const exit = (detail: string) => {
      if (exited) return;
      exited = true;
      for (const l of exitListeners) l(`${detail}${stderr ? `; stderr: ${stderr.trim()}` : ''}`);
    };
    child.on('exit', (code, signal) => exit(`exit ${code ?? ''}${signal ? ` signal ${signal}` : ''}`));
    child.on('error', (e) => exit(`error ${e.message}`));
    return {
      send(message) {
        if (!exited && child.connected) child.send(message);
      },
      onMessage(listener) {
        child.on('message', (m) => listener(m as FromToken));
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}

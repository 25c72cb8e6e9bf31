/**
 * Messages between the process that owns the database and the short-lived process that
 * loads a token's PKCS#11 library. The vendor's library is native code we did not write: it
 * runs in its own process (Electron's utilityProcess in the app, a Node child process for the
 * CLI and the web host), so a crash, a hang or a misbehaving start-up routine ends that
 * process, never the database's. One signing session = one process: open (load the library,
 * log in, find the key and its chain), sign (as often as the session needs), close.
 */
import type { AppError } from '../../shared/result.js';

export interface TokenOpen {
  type: 'open';
  /** Absolute path of the library, already checked against the configured allowlist. */
  library: string;
  tokenLabel: string;
  pin: string;
  keyIdHex: string;
  mechanism?: 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS';
}

export type ToToken = TokenOpen | { type: 'sign'; id: number; data: Uint8Array } | { type: 'close' };

export type FromToken =
  | { type: 'opened'; chain: Uint8Array[] }
  | { type: 'signed'; id: number; signature: Uint8Array }
  /** A coded refusal (wrong PIN, unknown token...) or a failure; `id` names the sign call. */
  | { type: 'error'; id?: number; error: AppError }
  | { type: 'closed' };

/** A two-way line to one token process, whatever kind of process it is. */
export interface TokenChannel {
  send(message: ToToken): void;
  onMessage(listener: (message: FromToken) => void): void;
  /** The process ended (or could not start); `detail` is for the local log only. */
  onExit(listener: (detail: string) => void): void;
  /** Ends the process now. */
  kill(): void;
}

/** Starts one token process. */
export type TokenChannelFactory = () => TokenChannel;

export function isFromToken(m: unknown): m is FromToken {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'opened' || t === 'signed' || t === 'error' || t === 'closed';
}

export function isToToken(m: unknown): m is ToToken {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'open' || t === 'sign' || t === 'close';
}

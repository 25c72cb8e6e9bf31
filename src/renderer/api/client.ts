/**
 * The renderer's one client over the API contract. Two transports, one shape:
 * - in the desktop app the preload exposes `window.vanthu` (one function per method);
 * - in browser mode (loopback web host) calls go to `POST /api/<method>` with the token
 *   that came in the page URL (`?token=`), kept in memory and removed from the address bar;
 *   the session is an HttpOnly cookie the page never sees (sent with the request).
 * Every call resolves to a Result; transport failures become Vietnamese errors, never throws.
 */
import type { InputOf, MethodName, OutputOf } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import { decodeWire, encodeWire } from '../../shared/wire';
import { getBridge } from './bridge';
import { useConnection } from '../stores/connectionStore';
import { reportAuthProblem } from '../stores/authSignal';
import { explainForbidden } from '../features/accounts/forbidden';

export type ApiResult<M extends MethodName> = Result<OutputOf<M>>;

export interface Transport {
  readonly kind: 'electron' | 'http';
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ApiResult<M>>;
}

const networkError = (detail: string): AppError => ({
  code: 'network',
  message: `Không kết nối được với máy chủ VănThư (${detail}). Hãy kiểm tra ứng dụng còn đang chạy.`,
});

function isResult(v: unknown): v is Result<unknown> {
  return !!v && typeof v === 'object' && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/** Reads the token from `?token=` once and hides it from the visible URL (and history). */
export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return token;
}

/** The host's per-start token of browser mode (kept in memory only). */
let accessToken: string | null = null;

/**
 * A fresh page (after signing out): nothing of the last person's screens stays in memory. In
 * browser mode the page comes back with its access token, which lives in memory only.
 */
export function reloadPage(): void {
  if (accessToken) window.location.replace(`${window.location.pathname}?token=${encodeURIComponent(accessToken)}`);
  else window.location.reload();
}

export function httpTransport(token: string | null, base = ''): Transport {
  accessToken = token;
  return {
    kind: 'http',
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-vanthu-token': token ?? '' },
          credentials: 'same-origin',
          body: encodeWire(input ?? {}),
        });
      } catch (e) {
        return { ok: false, error: networkError((e as Error)?.message ?? 'lỗi mạng') };
      }
      let body: unknown;
      try {
        body = decodeWire(await res.text());
      } catch {
        return { ok: false, error: networkError(`HTTP ${res.status}`) };
      }
      if (isResult(body)) return body as ApiResult<typeof method>;
      return { ok: false, error: networkError(`HTTP ${res.status}`) };
    },
  };
}

export function electronTransport(): Transport | null {
  const bridge = getBridge();
  if (!bridge) return null;
  return {
    kind: 'electron',
    async call(method, input) {
      const fn = bridge[method] as unknown as ((i: typeof input) => Promise<unknown>) | undefined;
      if (typeof fn !== 'function') return { ok: false, error: { code: 'unknown_method', message: `Yêu cầu không hợp lệ: ${method}` } };
      try {
        const r = await fn(input ?? ({} as typeof input));
        return isResult(r) ? (r as ApiResult<typeof method>) : { ok: false, error: networkError('phản hồi không hợp lệ') };
      } catch (e) {
        return { ok: false, error: networkError((e as Error)?.message ?? String(e)) };
      }
    },
  };
}

let transport: Transport | null = null;

/** Picks the transport once: the Electron bridge when present, else HTTP with the URL token. */
export function initTransport(): Transport {
  if (!transport) transport = electronTransport() ?? httpTransport(takeTokenFromUrl());
  return transport;
}

/** For tests of the renderer in isolation. */
export function setTransport(t: Transport): void {
  transport = t;
}

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ApiResult<M>> {
  const r = await initTransport().call(method, input);
  // Every answer tells whether the database server is reachable (the banner follows it).
  useConnection.getState().report(r.ok ? null : r.error.code, r.ok ? undefined : r.error.message);
  // …and whether the session still holds (the lock screen follows it).
  if (!r.ok && !method.startsWith('auth.')) reportAuthProblem(r.error.code);
  // A refusal by the permission table reads as Vietnamese naming the role needed, wherever it is shown.
  if (!r.ok && r.error.code === 'forbidden') return { ok: false, error: explainForbidden(r.error) };
  return r;
}

/** Unwraps a Result, throwing an ApiError (with the server's code/field/message) on failure. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

export async function callOrThrow<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await call(method, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export function errorOf(e: unknown): AppError {
  if (e instanceof ApiError) return e.error;
  return { code: 'internal', message: `Lỗi hệ thống: ${(e as Error)?.message ?? String(e)}` };
}

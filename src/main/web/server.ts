/**
 * Loopback web host: serves the built renderer and the API contract over HTTP on
 * 127.0.0.1 only, guarded by a random per-start token. Same renderer, same services,
 * only the transport differs from the desktop app. For development and browser tests.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../shared/wire.js';
import { internalError, makeError } from '../../shared/errors.js';
import { fail } from '../../shared/result.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/security.js';
import { dispatch, sessionsOf, type Handlers } from '../api/handlers.js';
import type { AppSession, SessionRegistry, SessionSlot } from '../accounts/sessions.js';
import { realFileInside, safeJoin } from '../fsGuard.js';
import { describeError, newRef, nullLog, type LocalLog } from '../log/localLog.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
};

const MAX_BODY = 300 * 1024 * 1024;

export interface WebHostOptions {
  handlers: Handlers;
  /** Folder holding the built renderer (index.html). */
  rendererDir: string;
  port?: number;
  token?: string;
  /** The local log (details of failed requests); the services' log in `npm run web`. */
  log?: LocalLog;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** The path-traversal guard lives in ../fsGuard.ts (shared with the app:// protocol); re-exported for existing importers. */
export { safeJoin };

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(encodeWire(body));
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const SESSION_COOKIE = 'vanthu_session';

/**
 * The session cookie: the session's id and its HMAC under this start's secret, so a cookie
 * from another start (or a made-up one) is nobody's. HttpOnly: the page's scripts never
 * read it; SameSite=Strict: no other site's page sends it.
 */
function sessionCookie(secret: string, s: AppSession | null): string {
  if (!s) return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/api/; Max-Age=0`;
  return `${SESSION_COOKIE}=${s.id}.${mac(secret, s.id)}; HttpOnly; SameSite=Strict; Path=/api/`;
}

function mac(secret: string, id: string): string {
  return createHmac('sha256', secret).update(id).digest('base64url');
}

/** The request's session slot, from its cookie; `changed` tells whether to send a new cookie. */
function requestSlot(req: http.IncomingMessage, secret: string, sessions: SessionRegistry): SessionSlot & { changed: boolean } {
  let current: AppSession | null = null;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=', 2) as [string, string | undefined];
    if (k !== SESSION_COOKIE || !v) continue;
    const [id, sig] = v.split('.', 2) as [string, string | undefined];
    if (id && sig && tokenMatches(sig, mac(secret, id))) current = sessions.byId(id);
  }
  const slot = {
    changed: false,
    get: () => current,
    set: (s: AppSession | null) => {
      current = s;
      slot.changed = true;
    },
  };
  return slot;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(opts.rendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`renderer not built: ${rendererDir}/index.html is missing (run npm run build:renderer)`);
  }
  const log = opts.log ?? nullLog;
  const sessions = sessionsOf(opts.handlers);
  let port = 0;

  /**
   * The one error boundary: whatever a request does (a malformed URL, a body that breaks
   * the decoder, a bug in a handler), it ends in a coded answer and the host keeps serving.
   * The client learns a reference, never the error's text; the details go to the local log.
   */
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const ref = newRef();
      log.write({ event: 'web_request_failed', ref, method: req.method, url: (req.url ?? '').slice(0, 200), error: describeError(e) });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, 500, fail(internalError(ref)));
    });
  });
  // A request line or header Node cannot parse never reaches the handler: answer 400 and close.
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    securityHeaders(res);
    // DNS-rebinding guard: only our own loopback host names are served.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end();
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) return handleApi(req, res, url.slice(5).split('?')[0]!);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    return serveStatic(url, req.method === 'HEAD', res);
  }

  async function serveStatic(url: string, head: boolean, res: http.ServerResponse): Promise<void> {
    const pathname = url.split('?')[0]!;
    const joined =
      pathname === '/favicon.ico' ? path.join(rendererDir, 'icon.png') : safeJoin(rendererDir, pathname === '/' ? '/index.html' : pathname);
    if (!joined) {
      res.writeHead(400).end();
      return;
    }
    const found = await realFileInside(rendererDir, joined);
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Không tìm thấy');
      return;
    }
    const ext = path.extname(found.file).toLowerCase();
    const body = head ? null : await readFile(found.file);
    res.writeHead(200, {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Content-Length': String(found.size),
      'Cache-Control': ext === '.html' ? 'no-store' : 'max-age=3600',
    });
    res.end(body);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawMethod: string): Promise<void> {
    const reply = (status: number, body: unknown) => sendJson(res, status, body);
    if (req.method !== 'POST') return reply(405, fail(makeError('forbidden')));
    if (!tokenMatches(req.headers['x-vanthu-token'] as string | undefined, token)) return reply(403, fail(makeError('forbidden')));
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return reply(403, fail(makeError('forbidden')));
    }
    let method: string;
    try {
      method = decodeURIComponent(rawMethod);
    } catch {
      return reply(400, fail(makeError('unknown_method', { params: { value: '?' } })));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) return reply(413, fail(makeError('file_too_large')));
        chunks.push(chunk as Buffer);
      }
    } catch {
      // The client went away mid-body: nobody is left to answer.
      res.destroy();
      return;
    }
    let input: unknown;
    try {
      input = chunks.length ? decodeWire(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return reply(400, fail({ code: 'invalid_json', message: 'Yêu cầu không phải JSON hợp lệ.' }));
    }
    const slot = requestSlot(req, token, sessions);
    const result = await dispatch(opts.handlers, method, input, slot);
    if (slot.changed) res.setHeader('Set-Cookie', sessionCookie(token, slot.get()));
    reply(200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

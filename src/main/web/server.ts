/**
 * Loopback web host: serves the built renderer and the API contract over HTTP on
 * 127.0.0.1 only, guarded by a random per-start token. Same renderer, same services,
 * only the transport differs from the desktop app. For development and browser tests.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../shared/wire.js';
import { makeError } from '../../shared/errors.js';
import { fail } from '../../shared/result.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/security.js';
import { dispatch, type Handlers } from '../api/handlers.js';
import { safeJoin } from '../fsGuard.js';

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

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(opts.rendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`renderer not built: ${rendererDir}/index.html is missing (run npm run build:renderer)`);
  }
  let port = 0;

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    // DNS-rebinding guard: only our own loopback host names are served.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end();
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      void handleApi(req, res, url.slice(5).split('?')[0]!);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(url, res);
  });

  function serveStatic(url: string, res: http.ServerResponse): void {
    const pathname = url.split('?')[0]!;
    let file = safeJoin(rendererDir, pathname === '/' ? '/index.html' : pathname);
    if (!file) {
      res.writeHead(400).end();
      return;
    }
    if (pathname === '/favicon.ico') file = path.join(rendererDir, 'icon.png');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Không tìm thấy');
      return;
    }
    const ext = path.extname(file).toLowerCase();
    res.writeHead(200, {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-store' : 'max-age=3600',
    });
    res.end(readFileSync(file));
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(encodeWire(body));
    };
    if (req.method !== 'POST') return reply(405, fail(makeError('forbidden')));
    if (!tokenMatches(req.headers['x-vanthu-token'] as string | undefined, token)) return reply(403, fail(makeError('forbidden')));
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return reply(403, fail(makeError('forbidden')));
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
      return;
    }
    let input: unknown;
    try {
      input = chunks.length ? decodeWire(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return reply(400, fail({ code: 'invalid_json', message: 'Yêu cầu không phải JSON hợp lệ.' }));
    }
    const result = await dispatch(opts.handlers, decodeURIComponent(method), input);
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

/**
 * The app:// protocol: serves the built renderer (out/renderer) to the window. A custom
 * secure scheme instead of file:// gives the page a real origin (so CSP 'self' means our
 * files only, not the whole disk) and lets every response carry our security headers.
 * Pure: takes a Request, returns a Response; main.ts registers it with protocol.handle.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security.js';
import { realFileInside, safeJoin } from '../fsGuard.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vanthu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged (before `ready`): standard (real
 * origin, relative URLs resolve), secure (a secure context, like https), fetch for
 * pdf.js' data files, code cache for start-up speed. No CSP bypass, no service workers.
 * corsEnabled stays false: the page's module scripts and pdf.js worker are same-origin
 * (app://vanthu), which a standard scheme allows; leaving it off keeps our files
 * unreadable from any other origin.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pfb': 'application/x-font-type1',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** True for URLs of our own pages (app://vanthu/...), the only ones allowed to use the bridge. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

function securityHeaders(extra: Record<string, string>): Headers {
  return new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...extra,
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }) });
}

/** Maps an app:// URL to a file inside rendererDir, or null (wrong host, traversal, bad encoding). */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  // Chromium already collapses literal "..": pass the raw (still percent-encoded) path so
  // safeJoin sees encoded variants such as %2e%2e%2f and refuses them after decoding.
  const pathname = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
  return safeJoin(rendererDir, pathname);
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  rendererDir: string;
}

export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const rendererDir = path.resolve(opts.rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Phương thức không được phép');
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return plain(400, 'Đường dẫn không hợp lệ');
    try {
      const found = await realFileInside(rendererDir, file);
      if (!found) return plain(404, 'Không tìm thấy');
      const ext = path.extname(file).toLowerCase();
      const headers = securityHeaders({
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'Content-Length': String(found.size),
        // Local files: caching gains nothing and could serve a stale page after an update.
        'Cache-Control': 'no-store',
      });
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      return new Response(await readFile(found.file), { status: 200, headers });
    } catch {
      return plain(404, 'Không tìm thấy');
    }
  };
}

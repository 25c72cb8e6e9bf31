/**
 * The app:// protocol serves only files inside the built renderer folder, with the CSP on
 * every response, and refuses traversal in every spelling.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { createAppProtocolHandler, isAppUrl, resolveAppFile } from '../../../src/main/app/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security.js';
import { tempDir } from '../helpers.js';

function site() {
  const root = tempDir();
  const rendererDir = path.join(root, 'out', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>VănThư</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'pdf.worker.mjs'), 'export {}');
  // A secret beside the renderer folder, which traversal would reach.
  writeFileSync(path.join(root, 'out', 'secret.txt'), 'bí mật');
  writeFileSync(path.join(root, 'vanthu.sqlite'), 'SQLite format 3');
  return { root, rendererDir, handle: createAppProtocolHandler({ rendererDir }) };
}

const get = (url: string, method = 'GET') => new Request(url, { method });

describe('app:// protocol', () => {
  it('serves index.html for the root, with the CSP and nosniff headers', async () => {
    const { handle } = site();
    for (const url of ['app://vanthu/', 'app://vanthu/index.html']) {
      const res = await handle(get(url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('VănThư');
    }
  });

  it('serves scripts and module workers with a JavaScript type', async () => {
    const { handle } = site();
    const js = await handle(get('app://vanthu/assets/app-1234.js'));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const mjs = await handle(get('app://vanthu/assets/pdf.worker.mjs'));
    expect(mjs.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('puts the CSP on errors too, and answers 404 for missing files and folders', async () => {
    const { handle } = site();
    for (const url of ['app://vanthu/nope.js', 'app://vanthu/assets', 'app://vanthu/assets/']) {
      const res = await handle(get(url));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses path traversal, encoded or not', async () => {
    const { handle, rendererDir } = site();
    const attacks = [
      'app://vanthu/../secret.txt',
      'app://vanthu/../../vanthu.sqlite',
      'app://vanthu/../../../../../../etc/passwd',
      'app://vanthu/%2e%2e/secret.txt',
      'app://vanthu/%2E%2E%2Fsecret.txt',
      'app://vanthu/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://vanthu/..%2f..%2fvanthu.sqlite',
      'app://vanthu/%252e%252e%252fsecret.txt', // double-encoded: stays a literal name inside the root
      'app://vanthu/..%5c..%5cvanthu.sqlite', // backslashes
      'app://vanthu/%2fetc%2fpasswd',
      'app://vanthu/index.html%00.js',
      'app://vanthu/%E0%A4%A', // malformed escape
    ];
    for (const url of attacks) {
      const res = await handle(get(url));
      expect(res.status, url).not.toBe(200);
      const file = resolveAppFile(rendererDir, url);
      if (file) expect(file.startsWith(rendererDir + path.sep), url).toBe(true);
    }
  });

  it('only answers for the vanthu host and GET/HEAD', async () => {
    const { handle } = site();
    expect((await handle(get('app://other/index.html'))).status).toBe(400);
    expect((await handle(get('app://vanthu/index.html', 'POST'))).status).toBe(405);
    const head = await handle(get('app://vanthu/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('isAppUrl recognises only our origin', () => {
    expect(isAppUrl('app://vanthu/index.html#/den')).toBe(true);
    expect(isAppUrl('app://vanthu.evil/index.html')).toBe(false);
    expect(isAppUrl('https://vanthu/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

/**
 * The loopback web host's guards, each met the way an attacker would try it, and each
 * shown to write nothing: the Host header (DNS rebinding), the token, the Origin (a page of
 * another site posting with a stolen token), the HTTP method, and the body size.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { encodeWire } from '../../../src/shared/wire.js';
import { doc } from '../helpers.js';
import { startHost } from '../security/webHarness.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with exactly these headers (fetch would not let us set Host). */
function request(port: number, opts: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const ADD = encodeWire({ data: doc() });

describe('web host guards', () => {
  it('answers only to its own loopback host names (DNS rebinding)', async () => {
    const h = await startHost();
    const port = h.host.port;
    const before = h.digest();
    const api = (host: string) =>
      request(port, {
        method: 'POST',
        path: '/api/incoming.add',
        headers: { Host: host, 'X-VanThu-Token': h.host.token, 'Content-Type': 'application/json', Cookie: h.cookie },
        body: ADD,
      });
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `[::1]:${port}`,
      `LOCALHOST:${port}x`,
    ]) {
      const r = await api(host);
      expect(r.status, host).toBe(421);
      expect(r.text).toBe('');
    }
    expect((await request(port, { method: 'GET', path: '/', headers: { Host: `attacker.test:${port}` } })).status).toBe(421);
    expect(h.digest()).toBe(before);
    // Its own names work, page and API alike.
    expect((await request(port, { method: 'GET', path: '/', headers: { Host: `localhost:${port}` } })).status).toBe(200);
    const ok = await api(`127.0.0.1:${port}`);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ ok: true, value: { arrivalNumber: 1 } });
  });

  it('refuses a call without the token, with a wrong one, or from another origin; nothing is written', async () => {
    const h = await startHost();
    const port = h.host.port;
    const host = `127.0.0.1:${port}`;
    const before = h.digest();
    const call = (headers: Record<string, string>) =>
      request(port, {
        method: 'POST',
        path: '/api/incoming.add',
        headers: { Host: host, 'Content-Type': 'application/json', Cookie: h.cookie, ...headers },
        body: ADD,
      });
    const token = h.host.token;
    for (const headers of [
      {} as Record<string, string>,
      { 'X-VanThu-Token': '' },
      { 'X-VanThu-Token': token.slice(0, -1) },
      { 'X-VanThu-Token': token + 'x' },
      { 'X-VanThu-Token': token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase() },
    ]) {
      const r = await call(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A page of another site (or another port of this machine) holding the token.
    for (const origin of [
      'https://evil.example',
      `http://127.0.0.1:${port + 1}`,
      `http://localhost.evil.example:${port}`,
      'null',
      `https://127.0.0.1:${port}`,
    ]) {
      const r = await call({ 'X-VanThu-Token': token, Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(h.digest()).toBe(before);
    // The app's own page (same origin) and a script without an Origin (curl, tests) are served.
    expect((await call({ 'X-VanThu-Token': token, Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await call({ 'X-VanThu-Token': token, Origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('the API answers POST only; the pages GET and HEAD only', async () => {
    const h = await startHost();
    const port = h.host.port;
    const host = `127.0.0.1:${port}`;
    const before = h.digest();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await request(port, {
        method,
        path: '/api/incoming.add',
        headers: { Host: host, 'X-VanThu-Token': h.host.token, 'Content-Type': 'application/json' },
        body: method === 'GET' || method === 'OPTIONS' ? undefined : ADD,
      });
      expect(r.status, method).toBe(405);
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await request(port, { method, path: '/index.html', headers: { Host: host }, body: 'x' })).status, method).toBe(405);
    }
    const head = await request(port, { method: 'HEAD', path: '/', headers: { Host: host } });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-security-policy']).toContain("default-src 'self'");
    expect(h.digest()).toBe(before);
  });

  it('a body over the limit is refused with 413 before anything is decoded or written, and the host keeps serving', async () => {
    const h = await startHost();
    const port = h.host.port;
    const before = h.digest();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/incoming.add',
        headers: { Host: `127.0.0.1:${port}`, 'X-VanThu-Token': h.host.token, 'Content-Type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      // A valid start, then more than 300 MiB of padding, streamed (never held here).
      const chunk = Buffer.alloc(4 << 20, 0x20);
      let sent = 0;
      const pump = () => {
        while (!req.destroyed && sent < 320 << 20) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!req.destroyed) req.end();
      };
      req.write('{"data":');
      pump();
    });
    expect(status).toBe(413);
    expect(h.digest()).toBe(before);
    expect((await h.post('app.info', {})).body).toMatchObject({ ok: true });
  }, 120_000);
});

/**
 * The loopback web host survives anything a client sends (issue 9, "Why"): a malformed
 * method name, unparsable requests, handler failures; internal error text never reaches the
 * client (a reference does, the details go to the local log); no symbolic link is followed
 * out of the served folder, by the web host or by the app:// protocol.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { createAppProtocolHandler } from '../../../src/main/app/protocol.js';
import { createLocalLog } from '../../../src/main/log/localLog.js';
import { contractAs, doc, freshServices, tempDir } from '../helpers.js';
import { machinePaths, startHost } from './webHarness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Sends raw bytes on a socket and returns what came back before the server closed it (or 2 s). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => resolve(out));
    s.on('close', () => resolve(out));
    s.setTimeout(2000, () => s.destroy());
    s.write(bytes);
  });
}

describe('web host error boundary', () => {
  it('POST /api/%E0%A4%A (a broken percent-escape) gets a coded 400, and the host keeps serving', async () => {
    const h = await startHost();
    const bad = await h.post('%E0%A4%A', {});
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const again = await h.post('%E0%A4%A', '{}');
    expect(again.status).toBe(400);
    // Still alive, database still open.
    const info = await h.post('app.info', {});
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ ok: true, value: { shell: 'web' } });
  });

  it('garbage on the socket, a bad body, a huge header: coded answers, never a crash', async () => {
    const h = await startHost();
    const port = h.host.port;
    expect(await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 4\d\d/,
    );
    // A body cut short by the client.
    await rawRequest(
      port,
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-VanThu-Token: ${h.host.token}\r\nContent-Length: 1000\r\n\r\n{"a":`,
    );
    for (const body of ['{', '{"$bytes":"!!!not base64"}', '['.repeat(200_000) + ']'.repeat(200_000), '\u0000']) {
      const r = await h.post('incoming.get', body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
    }
    expect((await h.post('app.info', {})).body).toMatchObject({ ok: true });
  });

  it('the real `npm run web` process answers the broken escape and keeps serving', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'vanthu.sqlite');
    const renderer = path.join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const child = spawn(process.execPath, [path.join(ROOT, 'out/node/web.js'), '--db', db, '--port', '0', '--renderer', renderer], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Ignored: the audit actor is the OS user running the host.
      env: { ...process.env, VANTHU_USER: 'giám đốc' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /VANTHU_WEB_URL=(\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`web host exited ${code}`)));
      });
      const u = new URL(url);
      const token = u.searchParams.get('token')!;
      const post = (m: string) =>
        fetch(`${u.origin}/api/${m}`, { method: 'POST', headers: { 'X-VanThu-Token': token }, body: '{}' }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { ok: boolean; error?: { code: string } },
        }));
      expect(await post('%E0%A4%A')).toEqual({
        status: 400,
        body: { ok: false, error: expect.objectContaining({ code: 'unknown_method' }) },
      });
      expect(child.exitCode).toBeNull();
      // Still serving: the sign-in screen's question is answered (and app.info wants a session).
      expect((await post('auth.status')).body.ok).toBe(true);
      expect((await post('app.info')).body.error?.code).toBe('unauthenticated');
      // The audit actor is the signed-in account, never VANTHU_USER nor the OS user.
      let cookie = '';
      const call = async (m: string, body: unknown) => {
        const r = await fetch(`${u.origin}/api/${m}`, {
          method: 'POST',
          headers: { 'X-VanThu-Token': token, Cookie: cookie },
          body: JSON.stringify(body),
        });
        const set = r.headers.get('set-cookie');
        if (set) cookie = set.split(';')[0]!;
        return (await r.json()) as { ok: boolean; value: { id: number } & { actor: string }[] };
      };
      const password = 'Mật khẩu đủ dài 2026';
      expect((await call('auth.setup', { username: 'quantri', fullName: 'Nguyễn Quản Trị', password })).ok).toBe(true);
      expect((await call('account.add', { username: 'vt.an', fullName: 'Trần An', roles: ['clerk'], password })).ok).toBe(true);
      expect((await call('auth.login', { username: 'vt.an', password })).ok).toBe(true);
      expect((await call('auth.changePassword', { current: password, next: 'Mật khẩu của An 2026' })).ok).toBe(true);
      const added = await call('incoming.add', { data: doc() });
      expect(added.ok).toBe(true);
      const audit = await call('incoming.audit', { id: added.value.id });
      expect(audit.value.map((e) => e.actor)).toEqual(['vt.an']);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});

describe('internal errors reach the client as a reference; details go to the local log', () => {
  it('a handler failing inside (database closed under it) answers `internal` with no path or driver text', async () => {
    const h = await startHost();
    await h.services.store.close();
    const r = await h.post('incoming.get', { id: 1 });
    expect(r.status).toBe(200);
    expect(r.body?.error?.code).toBe('internal');
    const ref = r.body!.error!.details!.ref as string;
    expect(ref).toMatch(/^[A-Z0-9]{8}$/);
    expect(r.body!.error!.message).toContain(ref);
    for (const p of [...machinePaths(), h.dbPath, 'sqlite', 'database connection', 'Error']) expect(r.text).not.toContain(p);
    // The administrator finds the details under the same reference.
    const log = readFileSync(h.services.log.file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ref?: string; event: string; where?: string; error?: { message: string; stack: string } });
    const entry = log.find((e) => e.ref === ref)!;
    expect(entry).toMatchObject({ event: 'internal_error', where: 'incoming.get' });
    expect(entry.error!.message).toMatch(/database connection is not open/i);
    expect(entry.error!.stack).toContain('at ');
  });

  it('dispatch logs through the services the handlers were made from', async () => {
    const { services } = await freshServices();
    const file = path.join(tempDir(), 'logs');
    services.log = createLocalLog(file);
    const { call } = await contractAs(services);
    await services.store.close();
    const r = await call('register.list', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal');
    expect(readFileSync(services.log.file!, 'utf8')).toContain(String(r.error.details!.ref));
  });
});

describe('no symbolic link is followed out of the served folder', () => {
  function plantLinks(rendererDir: string, secretDir: string) {
    writeFileSync(path.join(secretDir, 'secret.txt'), 'bí mật của máy');
    symlinkSync(path.join(secretDir, 'secret.txt'), path.join(rendererDir, 'leak.txt'));
    symlinkSync(secretDir, path.join(rendererDir, 'outside'));
    // A link that stays inside the folder is fine.
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    symlinkSync(path.join(rendererDir, 'assets', 'app.js'), path.join(rendererDir, 'alias.js'));
  }

  it('web host: 404 for links pointing outside, 200 for a link inside', async () => {
    const h = await startHost();
    plantLinks(h.rendererDir, tempDir());
    for (const p of ['/leak.txt', '/outside/secret.txt']) {
      const r = await h.get(p);
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('bí mật');
    }
    expect((await h.get('/alias.js')).status).toBe(200);
    expect((await h.get('/')).status).toBe(200);
  });

  it('app:// protocol: the same', async () => {
    const rendererDir = path.join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    plantLinks(rendererDir, tempDir());
    const handle = createAppProtocolHandler({ rendererDir });
    for (const p of ['leak.txt', 'outside/secret.txt']) {
      const r = await handle(new Request(`app://vanthu/${p}`));
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain('bí mật');
    }
    expect((await handle(new Request('app://vanthu/alias.js'))).status).toBe(200);
    expect((await handle(new Request('app://vanthu/'))).status).toBe(200);
  });
});

/**
 * The database worker end to end with a real SQLite file: first its message handler
 * directly, then the real worker entry built to JavaScript (out/node/dbWorker.js, made fresh by
 * tests/unit/global-setup.ts; the desktop app runs electron-vite's build of the same file) in a
 * worker_threads Worker, driven by the main thread's client and the IPC binding, exactly as a
 * window call travels.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { createDbClient, type DbClient, type WorkerLike } from '../../../src/main/app/dbClient.js';
import { createDbHost } from '../../../src/main/app/dbHost.js';
import type { DbWorkerData } from '../../../src/main/app/dbProtocol.js';
import { createCallHandler, makeSenderCheck, type FrameLike } from '../../../src/main/app/ipc.js';
import { isAppUrl } from '../../../src/main/app/protocol.js';
import { LATEST_VERSION } from '../../../src/main/db/migrations/index.js';
import { doc, tempDir } from '../helpers.js';

const ADMIN = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'Mật khẩu quản trị 2026' };

const WORKER_ENTRY = pathToFileURL(path.resolve('out/node/dbWorker.js'));

/** Starts the built database worker in a real worker thread. */
function startWorker(data: DbWorkerData): Worker {
  return new Worker(WORKER_ENTRY, { workerData: data });
}

const clients: DbClient[] = [];
afterEach(async () => {
  while (clients.length) await clients.pop()!.close(2000);
});

function futureDb(): string {
  const dbPath = path.join(tempDir(), 'future.sqlite');
  const db = new Database(dbPath);
  db.pragma(`user_version = ${LATEST_VERSION + 10}`);
  db.close();
  return dbPath;
}

describe('database host (the worker message handler)', () => {
  it('opens a new database and answers calls with Results', async () => {
    const dbPath = path.join(tempDir(), 'vanthu.sqlite');
    const host = createDbHost({ dbPath, actor: 'văn thư A' });
    const ready = await host.ready;
    expect(ready).toMatchObject({ ok: true, value: { database: dbPath, schemaVersion: LATEST_VERSION } });

    // Nobody is signed in yet: a new database asks for its first administrator.
    const anonymous = await host.handle({ type: 'call', id: 90, method: 'incoming.add', input: { data: doc() } });
    expect(anonymous).toMatchObject({ result: { ok: false, error: { code: 'unauthenticated' } } });
    expect(await host.handle({ type: 'call', id: 91, method: 'auth.status', input: {} })).toMatchObject({
      result: { ok: true, value: { setupNeeded: true, session: null } },
    });
    const setup = await host.handle({ type: 'call', id: 92, method: 'auth.setup', input: ADMIN });
    expect(setup).toMatchObject({ result: { ok: true, value: { username: 'quantri', roles: ['admin'] } } });
    // The window's session lives here, in the worker: the answer carries no token.
    expect(JSON.stringify(setup)).not.toMatch(/token|session_id/i);
    const refused = await host.handle({ type: 'call', id: 93, method: 'incoming.add', input: { data: doc() } });
    expect(refused).toMatchObject({
      result: { ok: false, error: { code: 'forbidden', details: { method: 'incoming.add', needed: ['clerk'] } } },
    });
    await host.handle({ type: 'call', id: 94, method: 'account.update', input: { username: 'quantri', roles: ['admin', 'clerk'] } });

    const added = await host.handle({ type: 'call', id: 1, method: 'incoming.add', input: { data: doc() } });
    expect(added).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { id: 1, arrivalNumber: 1, register: 'DEN' } } });

    const got = await host.handle({ type: 'call', id: 2, method: 'incoming.get', input: { id: 1 } });
    expect(got).toMatchObject({ id: 2, result: { ok: true, value: { symbol: '123/QĐ-STC' } } });

    const audit = await host.handle({ type: 'call', id: 3, method: 'incoming.audit', input: { id: 1 } });
    expect(audit).toMatchObject({ result: { ok: true, value: [{ actor: 'quantri', actorName: 'Nguyễn Quản Trị', action: 'create' }] } });

    // The worker validates again (defence in depth behind the IPC binding).
    const bad = await host.handle({ type: 'call', id: 4, method: 'incoming.get', input: { id: -1 } });
    expect(bad).toMatchObject({ id: 4, result: { ok: false, error: { code: 'invalid_input', field: 'id' } } });
    const unknown = await host.handle({ type: 'call', id: 5, method: 'incoming.delete', input: {} });
    expect(unknown).toMatchObject({ id: 5, result: { ok: false, error: { code: 'unknown_method' } } });

    expect(await host.handle({ type: 'hello' })).toBeNull();
    expect(await host.handle({ type: 'close' })).toEqual({ type: 'closed' });
    const late = await host.handle({ type: 'call', id: 6, method: 'register.list', input: {} });
    expect(late).toMatchObject({ result: { ok: false, error: { code: 'busy' } } });
  });

  it('reports a database from a newer version as a fatal error value', async () => {
    const host = createDbHost({ dbPath: futureDb(), actor: 'x' });
    const ready = await host.ready;
    expect(ready).toMatchObject({ ok: false, error: { code: 'db_newer' } });
    if (!ready.ok) expect(ready.error.message).toMatch(/phiên bản mới hơn/);
    const call = await host.handle({ type: 'call', id: 1, method: 'register.list', input: {} });
    expect(call).toMatchObject({ result: { ok: false, error: { code: 'db_newer' } } });
    await host.close();
  });
});

describe('database worker thread (real worker, real database)', () => {
  it('registers a document through the IPC binding, the client and the worker', async () => {
    const dbPath = path.join(tempDir(), 'vanthu.sqlite');
    const client = createDbClient(startWorker({ dbPath, actor: 'văn thư B' }) as unknown as WorkerLike);
    clients.push(client);
    expect(await client.ready).toMatchObject({ ok: true, value: { database: dbPath } });

    const mainFrame: FrameLike = { url: 'app://vanthu/index.html', processId: 1, routingId: 1 };
    const handle = createCallHandler({
      isTrustedSender: makeSenderCheck(() => ({ id: 1, mainFrame }), isAppUrl),
      call: (method, input) => client.call(method, input),
    });
    const event = { sender: { id: 1 }, senderFrame: mainFrame };
    expect(await handle(event, 'auth.setup', ADMIN)).toMatchObject({ ok: true });
    expect(await handle(event, 'account.update', { username: 'quantri', roles: ['admin', 'clerk'] })).toMatchObject({ ok: true });

    const added = await handle(event, 'incoming.add', { data: doc({ symbol: '45/TB-UBND' }) });
    expect(added).toMatchObject({ ok: true, value: { id: 1, arrivalNumber: 1, symbol: '45/TB-UBND' } });

    // Bytes cross the thread boundary as bytes.
    const pdf = await handle(event, 'register.print', { register: 'DEN', year: 2026 });
    expect(pdf.ok).toBe(true);
    if (pdf.ok) {
      const bytes = (pdf.value as { bytes: Uint8Array }).bytes;
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    }

    const refused = await handle(event, 'incoming.add', { data: doc({ symbol: '45/TB-UBND' }) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'duplicate' } });

    await client.close(5000);
    // Closed cleanly: the file is a consistent database another process can open.
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM incoming_documents').get()).toEqual({ n: 1 });
    db.close();
  });

  it('reports a database it cannot open, so the app can tell the clerk and quit', async () => {
    const client = createDbClient(startWorker({ dbPath: futureDb(), actor: 'x' }) as unknown as WorkerLike);
    clients.push(client);
    expect(await client.ready).toMatchObject({ ok: false, error: { code: 'db_newer' } });
  });
});

describe('database client', () => {
  it('answers pending calls with an error and reports a crash when the worker dies', async () => {
    const fake = Object.assign(new EventEmitter(), {
      posted: [] as unknown[],
      postMessage(m: unknown) {
        this.posted.push(m);
      },
      terminate: async () => 1,
    });
    const client = createDbClient(fake as unknown as WorkerLike);
    const crashed = vi.fn();
    client.onCrash(crashed);
    fake.emit('message', {
      type: 'ready',
      database: 'x',
      schemaVersion: 1,
      migratedFrom: null,
      backup: null,
      journalMode: 'wal',
      warnings: [],
    });
    const pending = client.call('register.list', {});
    fake.emit('exit', 1);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await client.call('register.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(crashed).toHaveBeenCalledOnce();
  });
});

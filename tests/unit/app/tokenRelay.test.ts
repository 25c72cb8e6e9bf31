/**
 * Token signing in the desktop app's arrangement: the real database worker (dbWorker.ts in a
 * worker thread, a real SQLite file) asks the main thread for a token process per signing
 * session; the main thread's token host starts it and relays. Electron's utilityProcess
 * cannot run here, so the host is given a Node child process of the same entry
 * (tokenProcess.ts) — the only part swapped. SoftHSM2 signs through it; a library that
 * crashes while loading ends its own process and the database worker answers on.
 */
import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { createDbClient, type DbClient, type WorkerLike } from '../../../src/main/app/dbClient.js';
import type { DbWorkerData } from '../../../src/main/app/dbProtocol.js';
import { createTokenHost, type UtilityLike } from '../../../src/main/app/tokenRelay.js';
import { createServices } from '../../../src/main/services.js';
import { TokenRegistry } from '../../../src/main/signing/tokenRegistry.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { createFixture, type Fixture } from '../signing/helpers.js';
import { tempDir } from '../helpers.js';
import { HAS_SOFTHSM, SOFTHSM, setupSoftHsm } from '../security/softhsm.js';
import { tokenLibsDir } from '../../support/tokenLibs.js';

const WORKER_ENTRY = pathToFileURL(path.resolve('src/main/app/dbWorker.ts')).href;
const TOKEN_ENTRY = path.resolve('src/main/signing/tokenProcess.ts');
const LABEL = 'VANTHU-RELAY';
const PIN = '135790';

function startTsWorker(data: DbWorkerData): Worker {
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_ENTRY)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** A Node child process of the token entry, shaped like Electron's UtilityProcess. */
function childAsUtility(): UtilityLike {
  const child = fork(TOKEN_ENTRY, [], {
    serialization: 'advanced',
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return {
    postMessage: (m) => child.send(m as object),
    on: ((event: 'message' | 'exit', listener: (x: unknown) => void) => {
      if (event === 'message') child.on('message', (m) => listener(m));
      else child.on('exit', (code, signal) => listener(code ?? (signal === 'SIGABRT' ? 134 : -1)));
      return child;
    }) as UtilityLike['on'],
    kill: () => child.kill('SIGKILL'),
    stderr: child.stderr,
  };
}

let fx: Fixture;
const clients: DbClient[] = [];
const libs = tokenLibsDir(`relay-${process.pid}`);
beforeAll(() => {
  fx = createFixture('vanthu-relay-');
  mkdirSync(libs, { recursive: true });
  if (HAS_SOFTHSM) setupSoftHsm(fx, LABEL, PIN);
});
afterEach(async () => {
  while (clients.length) await clients.pop()!.close(2000);
});
afterAll(() => {
  fx?.cleanup();
  rmSync(libs, { recursive: true, force: true });
});

function startApp(dbPath: string) {
  const worker = startTsWorker({ dbPath, actor: 'văn thư' });
  const forks: number[] = [];
  const host = createTokenHost({
    fork: () => {
      forks.push(Date.now());
      return childAsUtility();
    },
    reply: (m) => worker.postMessage(m),
  });
  const db = createDbClient(worker as unknown as WorkerLike, { onTokenRequest: (m) => host.handle(m) });
  clients.push(db);
  return { db, forks, host };
}

describe.skipIf(!HAS_SOFTHSM)('token signing through the main thread (utility-process relay)', () => {
  it('signs with SoftHSM2 by configured id; a crashing library leaves the database worker answering', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'vanthu.sqlite');
    const init = await createServices({ dbPath, migrate: true });
    await init.init({ actor: 'cài đặt', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await init.close();
    const registry = TokenRegistry.forLocalDir(dir, []);
    const softhsm = registry.add(SOFTHSM, 'SoftHSM', 'quản trị');
    // A vendor library that aborts while loading.
    writeFileSync(path.join(libs, 'abort.c'), '#include <stdlib.h>\n__attribute__((constructor)) static void f(void) { abort(); }\n');
    execFileSync('gcc', ['-shared', '-fPIC', '-o', path.join(libs, 'abort.so'), path.join(libs, 'abort.c')]);
    const crashing = registry.add(path.join(libs, 'abort.so'), 'Hỏng', 'quản trị');

    const { db, forks } = await startApp(dbPath);
    expect((await db.ready).ok).toBe(true);
    // The window's first administrator (hashed in the worker at the product's cost), who also numbers, approves and signs.
    const admin = { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'Mật khẩu quản trị 2026' };
    expect(await db.call('auth.setup', admin)).toMatchObject({ ok: true });
    expect(await db.call('account.update', { username: 'quantri', roles: ['admin', 'clerk', 'leader'] })).toMatchObject({ ok: true });
    expect(await db.call('token.list', {})).toEqual({
      ok: true,
      value: [
        { id: softhsm.id, label: 'SoftHSM' },
        { id: crashing.id, label: 'Hỏng' },
      ],
    });
    const draft = await db.call('outgoing.draft', { data: DRAFT });
    const id = (draft as { value: { id: number } }).value.id;
    await db.call('outgoing.approve', { id });

    const crashed = await db.call('outgoing.sign', {
      id,
      as: 'official',
      pkcs11: { token: crashing.id, tokenLabel: LABEL, pin: PIN, keyIdHex: '01' },
    });
    expect(crashed).toMatchObject({ ok: false, error: { code: 'token_process_failed' } });
    expect((await db.call('app.info', {})).ok).toBe(true);

    const signed = await db.call('outgoing.sign', {
      id,
      as: 'official',
      pkcs11: { token: softhsm.id, tokenLabel: LABEL, pin: PIN, keyIdHex: '01' },
    });
    expect(signed, JSON.stringify(signed)).toMatchObject({ ok: true, value: { status: 'signed' } });
    expect(forks).toHaveLength(2);
    // The crash is in the local log beside the database, with the process's exit status.
    expect(readFileSync(path.join(dir, 'logs', 'vanthu.log'), 'utf8')).toMatch(/token_process_exit.*exit 134/);
  }, 120_000);
});

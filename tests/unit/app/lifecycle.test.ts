/**
 * The main process start-up with a mocked `electron` and a fake database worker: order
 * of the early calls, the data folder shared with the CLI, single instance, permission
 * lock-down, the window, and a database that cannot be opened.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const e = vi.hoisted(() => {
  const mk = () => {
    const calls: string[] = [];
    let readyResolve: () => void = () => undefined;
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const windows: Array<{ options: Record<string, unknown>; loaded: string[]; webContents: Record<string, unknown> }> = [];
    const state = {
      calls,
      handlers,
      windows,
      appListeners: new Map<string, Array<(...args: unknown[]) => void>>(),
      lock: true,
      ready: new Promise<void>((r) => (readyResolve = r)),
      fireReady: () => readyResolve(),
    };
    return state;
  };
  return { state: mk(), mk };
});

vi.mock('electron', () => {
  const s = () => e.state;
  const app = {
    isPackaged: false,
    setPath: vi.fn((name: string, p: string) => s().calls.push(`setPath:${name}:${p}`)),
    getPath: vi.fn(() => '/home/clerk/Documents'),
    getAppPath: vi.fn(() => '/opt/vanthu'),
    getVersion: vi.fn(() => '0.1.0'),
    requestSingleInstanceLock: vi.fn(() => (s().calls.push('lock'), s().lock)),
    enableSandbox: vi.fn(() => s().calls.push('enableSandbox')),
    setAppUserModelId: vi.fn(),
    quit: vi.fn(() => s().calls.push('quit')),
    exit: vi.fn((code: number) => s().calls.push(`exit:${code}`)),
    on: vi.fn((name: string, fn: (...args: unknown[]) => void) => {
      const list = s().appListeners.get(name) ?? [];
      list.push(fn);
      s().appListeners.set(name, list);
    }),
    whenReady: vi.fn(() => s().ready),
  };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const mainFrame = { url: 'app://vanthu/index.html', processId: 4, routingId: 1 };
      this.webContents = { id: 11, mainFrame, send: vi.fn(), isDestroyed: () => false };
      s().windows.push({ options, loaded: [], webContents: this.webContents });
    }
    on = vi.fn();
    once = vi.fn();
    isDestroyed = () => false;
    isMinimized = () => false;
    destroy = vi.fn();
    loadURL = vi.fn(async (url: string) => void s().windows.at(-1)!.loaded.push(url));
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: {
      handle: vi.fn((ch: string, fn: (...args: unknown[]) => unknown) => void s().handlers.set(ch, fn)),
      removeHandler: vi.fn(),
    },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => s().calls.push('registerSchemes')),
      handle: vi.fn((scheme: string) => s().calls.push(`protocol.handle:${scheme}`)),
    },
    screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1366, height: 728 } }) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
  };
});

import * as electron from 'electron';
import { startApp } from '../../../src/main/app/lifecycle.js';
import type { WorkerLike } from '../../../src/main/app/dbClient.js';
import type { DbWorkerData } from '../../../src/main/app/dbProtocol.js';
import { CALL_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL } from '../../../src/preload/channels.js';

function fakeWorker() {
  const w = Object.assign(new EventEmitter(), {
    posted: [] as Array<Record<string, unknown>>,
    postMessage(m: Record<string, unknown>) {
      w.posted.push(m);
      if (m.type === 'call')
        queueMicrotask(() => w.emit('message', { type: 'result', id: m.id, result: { ok: true, value: ['echo', m.method] } }));
      if (m.type === 'close') queueMicrotask(() => w.emit('message', { type: 'closed' }));
    },
    terminate: vi.fn(async () => 0),
  });
  return w;
}

const ENV = { XDG_CONFIG_HOME: '/home/clerk/.config', APPDATA: 'C:\\Users\\clerk\\AppData\\Roaming', VANTHU_USER: 'văn thư C' };
const ready = { type: 'ready', database: '/x', schemaVersion: 20, migratedFrom: null, backup: null, journalMode: 'wal', warnings: [] };

function start(env: NodeJS.ProcessEnv = ENV) {
  const worker = fakeWorker();
  const created: Array<{ file: string; data: DbWorkerData }> = [];
  const started = startApp({
    mainDir: '/opt/vanthu/out/main',
    env,
    createWorker: (file, data) => {
      created.push({ file, data });
      return worker as unknown as WorkerLike;
    },
  });
  return { worker, created, started };
}

const expectedDataDir = () =>
  process.platform === 'win32'
    ? path.join(ENV.APPDATA, 'VanThu')
    : process.platform === 'darwin'
      ? null
      : path.join(ENV.XDG_CONFIG_HOME, 'VanThu');

describe('app start-up', () => {
  beforeEach(() => {
    e.state = e.mk();
    vi.clearAllMocks();
  });

  it('uses the CLI data folder, takes the single-instance lock, registers app:// — all before ready', () => {
    const { created, started } = start();
    const dataDir = expectedDataDir();
    if (dataDir) {
      expect(e.state.calls[0]).toBe(`setPath:userData:${dataDir}`);
      expect(started.dbPath).toBe(path.join(dataDir, 'vanthu.sqlite'));
    }
    const order = e.state.calls.map((c) => c.split(':')[0]);
    expect(order.indexOf('setPath')).toBeLessThan(order.indexOf('lock'));
    expect(order.indexOf('lock')).toBeLessThan(order.indexOf('registerSchemes'));
    expect(e.state.calls).toContain('enableSandbox');
    const [schemes] = vi.mocked(electron.protocol.registerSchemesAsPrivileged).mock.calls[0]!;
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }]);
    // The database worker starts right away, in parallel with Chromium.
    expect(created).toHaveLength(1);
    expect(created[0]!.file).toBe(path.join('/opt/vanthu/out/main', 'dbWorker.js'));
    // VANTHU_USER in the environment is ignored: the audit actor is the OS user.
    expect(created[0]!.data).toEqual({ dbPath: started.dbPath, actor: os.userInfo().username });
  });

  it('honours VANTHU_DB for the database', () => {
    const { created, started } = start({ ...ENV, VANTHU_DB: '/srv/vanthu/so.sqlite' });
    expect(started.dbPath).toBe(path.resolve('/srv/vanthu/so.sqlite'));
    expect(created[0]!.data.dbPath).toBe(path.resolve('/srv/vanthu/so.sqlite'));
  });

  it('a second instance quits without opening the database', () => {
    e.state.lock = false;
    const { created, started } = start();
    expect(started.primary).toBe(false);
    expect(e.state.calls).toContain('quit');
    expect(created).toHaveLength(0);
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('on ready: denies permissions, serves app://, binds IPC, opens the locked-down window', async () => {
    const { worker, started } = start();
    worker.emit('message', ready);
    e.state.fireReady();
    await started.whenStarted;

    const ses = electron.session.defaultSession;
    const request = vi.mocked(ses.setPermissionRequestHandler).mock.calls[0]![0]!;
    const cb = vi.fn();
    request({} as never, 'media', cb, {} as never);
    expect(cb).toHaveBeenCalledWith(false);
    const check = vi.mocked(ses.setPermissionCheckHandler).mock.calls[0]![0]!;
    expect(check(null, 'clipboard-read', '', {} as never)).toBe(false);
    expect(e.state.calls).toContain('protocol.handle:app');
    expect([...e.state.handlers.keys()].sort()).toEqual([CALL_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL].sort());

    expect(e.state.windows).toHaveLength(1);
    const win = e.state.windows[0]!;
    expect(win.options).toMatchObject({
      title: 'VănThư',
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false },
    });
    expect((win.options.webPreferences as { preload: string }).preload).toBe(path.join('/opt/vanthu/out/preload/index.cjs'));
    expect(win.loaded).toEqual(['app://vanthu/index.html']);

    // A call from the window's main frame reaches the worker; one from elsewhere does not.
    const handler = e.state.handlers.get(CALL_CHANNEL)!;
    const okEvent = { sender: { id: 11 }, senderFrame: win.webContents.mainFrame };
    expect(await handler(okEvent, 'register.list', {})).toEqual({ ok: true, value: ['echo', 'register.list'] });
    const badEvent = { sender: { id: 12 }, senderFrame: win.webContents.mainFrame };
    expect(await handler(badEvent, 'register.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(worker.posted.filter((m) => m.type === 'call')).toHaveLength(1);

    // Web contents created later are hardened too.
    const created = e.state.appListeners.get('web-contents-created')!;
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    created[0]!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
  });

  it('a database it cannot open: a Vietnamese error box, then exit', async () => {
    const { worker, started } = start();
    e.state.fireReady();
    await started.whenStarted;
    worker.emit('message', {
      type: 'fatal',
      error: {
        code: 'db_newer',
        message: 'Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ 30, phiên bản này hỗ trợ 20); hãy cập nhật VănThư.',
      },
    });
    await vi.waitFor(() => expect(e.state.calls).toContain('exit:1'));
    const [title, message] = vi.mocked(electron.dialog.showErrorBox).mock.calls[0]!;
    expect(title).toBe('VănThư — không mở được cơ sở dữ liệu');
    expect(message).toContain('phiên bản mới hơn');
    expect(message).toContain(started.dbPath);
  });

  it('a worker that dies while the app runs: an error box, then exit', async () => {
    const { worker, started } = start();
    worker.emit('message', ready);
    e.state.fireReady();
    await started.whenStarted;
    await Promise.resolve();
    worker.emit('exit', 134);
    await vi.waitFor(() => expect(e.state.calls).toContain('exit:1'));
    expect(vi.mocked(electron.dialog.showErrorBox).mock.calls[0]![0]).toBe('VănThư — lỗi cơ sở dữ liệu');
  });

  it('closes the database before quitting', async () => {
    const { worker, started } = start();
    worker.emit('message', ready);
    e.state.fireReady();
    await started.whenStarted;
    const willQuit = e.state.appListeners.get('will-quit')![0]!;
    const event = { preventDefault: vi.fn() };
    willQuit(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(e.state.calls).toContain('quit'));
    expect(worker.posted.at(-1)).toEqual({ type: 'close' });
    // The second will-quit (after closing) lets the app end.
    const again = { preventDefault: vi.fn() };
    willQuit(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});

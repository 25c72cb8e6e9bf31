/**
 * The desktop app's lifecycle: one instance, the same data folder as the CLI, the
 * database in a worker thread, the renderer over app://, and a locked-down window.
 * main.ts calls startApp(); tests call it with a mocked `electron` and a fake worker.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, utilityProcess, type WebContents } from 'electron';
import { defaultDataDir, displayLocator, osUserName, resolveDbPath } from '../paths.js';
import { MENU_CHANNEL } from '../../preload/channels.js';
import type { MenuEvent } from '../../shared/menuEvents.js';
import { createDbClient, type DbClient, type WorkerLike } from './dbClient.js';
import type { DbWorkerData } from './dbProtocol.js';
import { bindIpc, makeSenderCheck } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_START_URL, createAppProtocolHandler } from './protocol.js';
import { createShellMethods } from './shellMethods.js';
import { createTokenHost } from './tokenRelay.js';
import { createLocalLog, logDirFor } from '../log/localLog.js';
import { buildWindowOptions, hardenWebContents, isAllowedNavigation, shouldMaximize, WINDOW_TITLE } from './window.js';

export interface AppPaths {
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
  preload: string;
  rendererDir: string;
  worker: string;
  /** The utility process a token's PKCS#11 library is loaded in. */
  tokenSigner: string;
  icon: string;
}

/**
 * Files of the build, relative to out/main. All of them, the database worker included, are
 * read from inside app.asar, whose integrity the fuses enforce (electron-builder.yml); only
 * native addons live outside it.
 */
export function appPaths(mainDir: string, appPath: string): AppPaths {
  return {
    mainDir,
    preload: path.join(mainDir, '../preload/index.cjs'),
    rendererDir: path.join(mainDir, '../renderer'),
    worker: path.join(mainDir, 'dbWorker.js'),
    tokenSigner: path.join(mainDir, 'tokenSigner.js'),
    icon: path.join(appPath, 'assets/icon.png'),
  };
}

/** The audit actor: the OS user (never an environment variable); see paths.ts. */
export const osUser = osUserName;

export interface StartOptions {
  mainDir: string;
  env?: NodeJS.ProcessEnv;
  /** Test hook: replaces `new Worker(file, { workerData })`. */
  createWorker?: (file: string, data: DbWorkerData) => WorkerLike;
}

export interface StartedApp {
  /** False when another instance already runs (this one quits). */
  primary: boolean;
  dbPath: string;
  /** Settles when the window exists (or the app gave up). */
  whenStarted: Promise<void>;
}

export function startApp(opts: StartOptions): StartedApp {
  const env = opts.env ?? process.env;
  // The same folder the CLI uses by default (paths.ts), set before anything reads userData.
  const dataDir = defaultDataDir(env);
  app.setPath('userData', dataDir);
  // Chromium's caches and storage in a subfolder, so the clerk's data folder holds the database.
  app.setPath('sessionData', path.join(dataDir, 'Chromium'));
  const dbPath = resolveDbPath(null, env);

  // One window, one writer: a second launch focuses the running app instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, dbPath, whenStarted: Promise.resolve() };
  }

  app.enableSandbox();
  // Must happen before 'ready'.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  if (process.platform === 'win32') app.setAppUserModelId('vn.gov.vanthu');

  const devUrl = !app.isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  const paths = appPaths(opts.mainDir, app.getAppPath());

  // Open the database now, in parallel with Chromium's start-up.
  const workerData: DbWorkerData = { dbPath, actor: osUser() };
  const worker = opts.createWorker
    ? opts.createWorker(paths.worker, workerData)
    : (new Worker(paths.worker, { workerData, name: 'vanthu-db' }) as unknown as WorkerLike);
  // Token signing runs in utility processes the worker asks for (tokenRelay.ts): a vendor's
  // library that crashes or hangs takes down its own process, never the database.
  // The main process's own failures (IPC, token processes) go to the same local log as the worker's.
  const log = createLocalLog(logDirFor(dbPath));
  const tokenHost = createTokenHost({
    log,
    fork: () => utilityProcess.fork(paths.tokenSigner, [], { serviceName: 'VănThư — thiết bị ký số', stdio: ['ignore', 'ignore', 'pipe'] }),
    reply: (m) => worker.postMessage(m),
  });
  const db: DbClient = createDbClient(worker, { onTokenRequest: (m) => tokenHost.handle(m) });

  let win: BrowserWindow | null = null;
  let quitting = false;
  let dbClosed = false;

  /** The database is unusable: say so in a native box (modal), then leave with status 1. */
  const fatal = (title: string, message: string) => {
    if (quitting) return;
    quitting = true;
    dialog.showErrorBox(title, message);
    win?.destroy();
    void db.close(1000).finally(() => app.exit(1));
  };

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents: WebContents) => hardenWebContents(contents, devUrl));
  // One window: closing it ends the app on every platform (also macOS).
  app.on('window-all-closed', () => {
    if (!quitting) app.quit();
  });
  app.on('will-quit', (event) => {
    if (dbClosed || quitting) return;
    // Close the database cleanly (WAL checkpoint, locks released) before the process ends.
    event.preventDefault();
    tokenHost.closeAll();
    void db.close().finally(() => {
      dbClosed = true;
      app.quit();
    });
  });

  const send = (name: MenuEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(MENU_CHANNEL, name);
  };

  const about = () => {
    const detail = [
      'Phần mềm quản lý văn bản đến, văn bản đi theo Nghị định 30/2020/NĐ-CP.',
      `Phiên bản: ${app.getVersion()}`,
      `Cơ sở dữ liệu: ${displayLocator(dbPath)}`,
    ].join('\n');
    const box = { type: 'info' as const, title: 'Giới thiệu VănThư', message: WINDOW_TITLE, detail, buttons: ['Đóng'] };
    void (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
  };

  const createWindow = () => {
    const workArea = screen.getPrimaryDisplay().workAreaSize;
    win = new BrowserWindow(buildWindowOptions({ preloadPath: paths.preload, workArea, iconPath: paths.icon, devTools: !app.isPackaged }));
    // The window keeps its name; page titles are for the page.
    win.on('page-title-updated', (e) => e.preventDefault());
    win.once('ready-to-show', () => {
      if (!win) return;
      if (shouldMaximize(workArea)) win.maximize();
      win.show();
    });
    win.on('closed', () => {
      win = null;
    });
    void win.loadURL(devUrl ?? APP_START_URL);
  };

  const whenStarted = app.whenReady().then(() => {
    const ses = session.defaultSession;
    // Camera, microphone, notifications, geolocation, USB...: the app needs none.
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: paths.rendererDir }));

    const dialogs = {
      showOpenDialog: (o: Electron.OpenDialogOptions) => (win ? dialog.showOpenDialog(win, o) : dialog.showOpenDialog(o)),
      showSaveDialog: (o: Electron.SaveDialogOptions) => (win ? dialog.showSaveDialog(win, o) : dialog.showSaveDialog(o)),
    };
    bindIpc(ipcMain, {
      isTrustedSender: makeSenderCheck(
        () => (win && !win.isDestroyed() ? win.webContents : null),
        (url) => isAllowedNavigation(url, devUrl),
      ),
      call: (method, input) => db.call(method, input),
      shell: createShellMethods({ dialogs, documentsDir: app.getPath('documents') }),
      log,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ send, about, dev: !app.isPackaged })));
    createWindow();

    void db.ready.then((opened) => {
      if (!opened.ok) {
        fatal('VănThư — không mở được cơ sở dữ liệu', `${opened.error.message}\n\nCơ sở dữ liệu: ${displayLocator(dbPath)}`);
        return;
      }
      // Only a worker that opened the database can "crash"; failing to start is reported above.
      db.onCrash((error) =>
        fatal('VănThư — lỗi cơ sở dữ liệu', `${error.message}\n\nỨng dụng sẽ đóng; những gì đã lưu vẫn được giữ nguyên.`),
      );
    });
  });

  return { primary: true, dbPath, whenStarted };
}

/**
 * How the one VănThư window is built and what it may do. Pure functions (Electron types
 * only), so the security settings are asserted in unit tests rather than trusted.
 */
import type { BrowserWindowConstructorOptions, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './protocol.js';

export const WINDOW_TITLE = 'VănThư';
/** Designed for 1366×768 laptops, the common screen in provincial offices. */
export const DEFAULT_SIZE = { width: 1366, height: 768 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;

export interface WindowOptionsInput {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Usable screen area (without task bar) of the display the window opens on. */
  workArea?: { width: number; height: number };
  iconPath?: string;
  /** DevTools only in development builds. */
  devTools?: boolean;
}

export function buildWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    // The page gets no Node, no Electron internals, and runs in Chromium's OS sandbox.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Vietnamese spell-checking dictionaries are downloaded from Google: no network calls.
    spellcheck: false,
    devTools,
  };
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const area = input.workArea ?? DEFAULT_SIZE;
  return {
    title: WINDOW_TITLE,
    width: Math.max(MIN_SIZE.width, Math.min(DEFAULT_SIZE.width, area.width)),
    height: Math.max(MIN_SIZE.height, Math.min(DEFAULT_SIZE.height, area.height)),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    center: true,
    // Shown on 'ready-to-show' so the clerk never sees a white flash.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: buildWebPreferences(input.preloadPath, input.devTools ?? false),
  };
}

/** On screens no larger than the design size, start maximised to use every pixel. */
export function shouldMaximize(workArea: { width: number; height: number }): boolean {
  return workArea.width <= DEFAULT_SIZE.width || workArea.height <= DEFAULT_SIZE.height;
}

/**
 * Where the window may navigate: our own app:// pages only (and, in development, the
 * electron-vite dev server). Everything else — links in document text, a dropped file,
 * a redirect — is refused; nothing is handed to the OS browser either.
 */
export function isAllowedNavigation(url: string, devOrigin?: string | null): boolean {
  if (isAppUrl(url)) return true;
  if (!devOrigin) return false;
  try {
    return new URL(url).origin === new URL(devOrigin).origin;
  } catch {
    return false;
  }
}

/** Applied to every web contents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, devOrigin?: string | null): void {
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (!isAllowedNavigation(event.url, devOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No pop-ups, and no shell.openExternal: document content must never open a program.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

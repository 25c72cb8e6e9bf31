/**
 * The page's only door to the desktop app. Runs sandboxed (no Node, only `electron`'s
 * renderer modules), so electron-vite bundles it into one CommonJS file. It exposes one
 * function per contract method, the two native-dialog helpers and a menu subscription —
 * never `ipcRenderer` itself, so the page cannot send on arbitrary channels.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { VanThuBridge } from '../shared/bridge.js';
import { METHOD_NAMES } from '../shared/contract.js';
import { isMenuEvent } from '../shared/menuEvents.js';
import { CALL_CHANNEL, MENU_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL } from './channels.js';

export function buildBridge(): VanThuBridge {
  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    // Closes over the name: the page cannot choose which method a function calls.
    api[name] = (input: unknown) => ipcRenderer.invoke(CALL_CHANNEL, name, input);
  }
  api.pickFiles = (input: unknown) => ipcRenderer.invoke(PICK_FILES_CHANNEL, input);
  api.savePdf = (input: unknown) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, input);
  api.onMenu = (listener: unknown) => {
    if (typeof listener !== 'function') return () => undefined;
    // The IPC event object is not handed to the page (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, name: unknown) => {
      if (isMenuEvent(name)) (listener as (e: string) => void)(name);
    };
    ipcRenderer.on(MENU_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, wrapped);
    };
  };
  return api as unknown as VanThuBridge;
}

contextBridge.exposeInMainWorld('vanthu', buildBridge());

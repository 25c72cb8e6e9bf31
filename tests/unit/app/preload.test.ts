/**
 * The preload exposes exactly one function per contract method plus pickFiles, savePdf
 * and onMenu, each bound to its own channel and method name — and nothing raw.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'fine' })),
      on: vi.fn((ch: string, fn: (...args: unknown[]) => void) => {
        if (!listeners.has(ch)) listeners.set(ch, new Set());
        listeners.get(ch)!.add(fn);
      }),
      removeListener: vi.fn((ch: string, fn: (...args: unknown[]) => void) => listeners.get(ch)?.delete(fn)),
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

import { CALL_CHANNEL, MENU_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL } from '../../../src/preload/channels.js';
import { METHOD_NAMES } from '../../../src/shared/contract.js';
import type { VanThuBridge } from '../../../src/shared/bridge.js';

async function exposed(): Promise<{ key: string; api: VanThuBridge }> {
  await import('../../../src/preload/index.js');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, VanThuBridge];
  return { key, api };
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockClear();
  });

  it('exposes window.vanthu with exactly the contract methods and the three shell helpers', async () => {
    const { key, api } = await exposed();
    expect(key).toBe('vanthu');
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'pickFiles', 'savePdf', 'onMenu'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // Nothing that would let the page reach IPC directly.
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('each contract function invokes the one call channel with its own method name', async () => {
    const { api } = await exposed();
    await expect(api['incoming.get']({ id: 7 })).resolves.toEqual({ ok: true, value: 'fine' });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL, 'incoming.get', { id: 7 });
    for (const name of METHOD_NAMES) {
      await (api[name] as (i: unknown) => Promise<unknown>)({});
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CALL_CHANNEL, name, {});
    }
  });

  it('pickFiles and savePdf use their own channels', async () => {
    const { api } = await exposed();
    await api.pickFiles({ multiple: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(PICK_FILES_CHANNEL, { multiple: true });
    const bytes = new TextEncoder().encode('%PDF-1.7');
    await api.savePdf({ suggestedName: 'So-den.pdf', bytes });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(SAVE_PDF_CHANNEL, { suggestedName: 'So-den.pdf', bytes });
  });

  it('onMenu delivers only known menu events, without the IPC event, and unsubscribes', async () => {
    const { api } = await exposed();
    const got: string[] = [];
    const off = api.onMenu((e) => got.push(e));
    const emit = (name: unknown) => {
      for (const fn of electron.listeners.get(MENU_CHANNEL) ?? []) fn({ sender: 'ipc internals' }, name);
    };
    emit('menu:new-incoming');
    emit('menu:format-disk');
    emit('menu:print-register');
    expect(got).toEqual(['menu:new-incoming', 'menu:print-register']);
    off();
    emit('menu:new-incoming');
    expect(got).toHaveLength(2);
    expect(electron.listeners.get(MENU_CHANNEL)?.size ?? 0).toBe(0);
  });
});

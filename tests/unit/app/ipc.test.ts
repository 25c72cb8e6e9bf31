/**
 * The IPC binding rejects, as Result values, calls from the wrong sender, unknown methods
 * and bad inputs, and forwards good calls (with the parsed input) to the worker.
 */
import { describe, expect, it, vi } from 'vitest';

// The binding must not need Electron at run time; if it ever imports it, this stub makes that loud.
vi.mock('electron', () => ({}));

import { bindIpc, createCallHandler, makeSenderCheck, validateCall, type FrameLike, type IpcEventLike } from '../../../src/main/app/ipc.js';
import { isAppUrl } from '../../../src/main/app/protocol.js';
import { CALL_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL } from '../../../src/preload/channels.js';
import type { Result } from '../../../src/shared/result.js';

const mainFrame: FrameLike = { url: 'app://vanthu/index.html', processId: 7, routingId: 1, parent: null };
const webContents = { id: 3, mainFrame, isDestroyed: () => false };
const trusted = makeSenderCheck(() => webContents, isAppUrl);

const goodEvent: IpcEventLike = { sender: { id: 3 }, senderFrame: mainFrame };

function setup(reply: Result<unknown> = { ok: true, value: { answer: 42 } }) {
  const call = vi.fn(async () => reply);
  const handle = createCallHandler({ isTrustedSender: trusted, call });
  return { call, handle };
}

describe('IPC binding', () => {
  it('forwards a valid call from our window and returns the handler Result', async () => {
    const { call, handle } = setup();
    const r = await handle(goodEvent, 'incoming.get', { id: 5 });
    expect(r).toEqual({ ok: true, value: { answer: 42 } });
    expect(call).toHaveBeenCalledWith('incoming.get', { id: 5 });
  });

  it('passes error Results through unchanged', async () => {
    const failure = { ok: false as const, error: { code: 'not_found', message: 'Không tìm thấy văn bản.' } };
    const { handle } = setup(failure);
    expect(await handle(goodEvent, 'incoming.get', { id: 5 })).toEqual(failure);
  });

  it('treats a missing input as {} (methods without parameters)', async () => {
    const { call, handle } = setup();
    expect((await handle(goodEvent, 'register.list', undefined)).ok).toBe(true);
    expect(call).toHaveBeenCalledWith('register.list', {});
  });

  it('rejects an unknown method without calling anything', async () => {
    const { call, handle } = setup();
    for (const m of ['incoming.drop', '__proto__', 'constructor', 42, null]) {
      const r = await handle(goodEvent, m, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown_method');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('rejects a bad input and names the field', async () => {
    const { call, handle } = setup();
    const r = await handle(goodEvent, 'incoming.get', { id: 'abc' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    const extra = await handle(goodEvent, 'incoming.get', { id: 1, sql: 'DROP TABLE' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const nested = await handle(goodEvent, 'incoming.add', { data: {}, attachments: [{ fileName: '', bytes: new Uint8Array(1) }] });
    expect(nested).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'attachments.0.fileName' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('rejects calls from another frame, another web contents or a non-app URL', async () => {
    const { call, handle } = setup();
    const cases: IpcEventLike[] = [
      { sender: { id: 3 }, senderFrame: { url: 'app://vanthu/index.html', processId: 7, routingId: 9, parent: mainFrame } }, // an iframe
      { sender: { id: 4 }, senderFrame: mainFrame }, // another window
      { sender: { id: 3 }, senderFrame: { ...mainFrame, url: 'https://evil.example/' } }, // navigated away
      { sender: { id: 3 }, senderFrame: { ...mainFrame, url: 'file:///etc/passwd' } },
      { sender: { id: 3 }, senderFrame: { ...mainFrame, url: 'app://other-host/index.html' } },
      { sender: { id: 3 }, senderFrame: null }, // frame gone
    ];
    for (const event of cases) {
      const r = await handle(event, 'incoming.get', { id: 1 });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('rejects everything when the window is gone', async () => {
    const check = makeSenderCheck(() => null, isAppUrl);
    const handle = createCallHandler({ isTrustedSender: check, call: vi.fn() });
    expect(await handle(goodEvent, 'register.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns a throwing forwarder into an internal error Result (never a rejection)', async () => {
    const handle = createCallHandler({
      isTrustedSender: trusted,
      call: async () => {
        throw new Error('worker gone');
      },
    });
    const r = await handle(goodEvent, 'register.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('validateCall returns the parsed input', () => {
    expect(validateCall('incoming.list', { year: 2026 })).toEqual({ ok: true, value: { method: 'incoming.list', input: { year: 2026 } } });
  });

  it('bindIpc registers one contract channel plus the two dialog channels, all guarded', async () => {
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (ch: string, fn: (event: IpcEventLike, ...args: unknown[]) => unknown) => void handlers.set(ch, fn),
      removeHandler: (ch: string) => void handlers.delete(ch),
    };
    const shell = {
      pickFiles: vi.fn(async () => ({ ok: true as const, value: [] })),
      savePdf: vi.fn(async () => ({ ok: true as const, value: null })),
    };
    const call = vi.fn(async () => ({ ok: true as const, value: 1 }));
    const unbind = bindIpc(ipcMain, { isTrustedSender: trusted, call, shell });
    expect([...handlers.keys()].sort()).toEqual([CALL_CHANNEL, PICK_FILES_CHANNEL, SAVE_PDF_CHANNEL].sort());

    expect(await handlers.get(CALL_CHANNEL)!(goodEvent, 'register.list', {})).toEqual({ ok: true, value: 1 });
    expect(await handlers.get(PICK_FILES_CHANNEL)!(goodEvent, { multiple: true })).toEqual({ ok: true, value: [] });
    expect(shell.pickFiles).toHaveBeenCalledWith({ multiple: true });

    const stranger: IpcEventLike = { sender: { id: 99 }, senderFrame: mainFrame };
    expect(await handlers.get(SAVE_PDF_CHANNEL)!(stranger, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(shell.savePdf).not.toHaveBeenCalled();

    unbind();
    expect(handlers.size).toBe(0);
  });
});

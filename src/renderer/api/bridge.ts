/**
 * Access to the Electron preload bridge (`window.vanthu`) when the renderer runs in the
 * desktop app. The bridge is typed in src/shared/bridge.ts by the preload's author; here we
 * only rely on its documented shape (one function per contract method, plus pickFiles,
 * savePdf and onMenu) and normalise the few host-specific replies, so the renderer works
 * the same in the browser, where none of this exists.
 */
import type { Result } from '../../shared/result';

export interface PickedFile {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

type AnyFn = (...args: unknown[]) => unknown;

interface RawBridge {
  [key: string]: unknown;
}

export interface BridgeAdapter {
  method(name: string): ((input: unknown) => Promise<unknown>) | null;
  pickFiles: ((opts: { multiple: boolean; filters?: { name: string; extensions: string[] }[] }) => Promise<PickedFile[] | null>) | null;
  savePdf: ((file: { fileName: string; bytes: Uint8Array }) => Promise<Result<unknown>>) | null;
  onMenu: ((listener: (event: string) => void) => () => void) | null;
}

function raw(): RawBridge | null {
  const w = window as unknown as { vanthu?: unknown };
  return w.vanthu && typeof w.vanthu === 'object' ? (w.vanthu as RawBridge) : null;
}

/** `incoming.add` may be exposed flat (`b['incoming.add']`) or nested (`b.incoming.add`). */
function lookup(b: RawBridge, name: string): AnyFn | null {
  const flat = b[name];
  if (typeof flat === 'function') return flat as AnyFn;
  let cur: unknown = b;
  for (const part of name.split('.')) {
    if (!cur || (typeof cur !== 'object' && typeof cur !== 'function')) return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'function' ? (cur as AnyFn) : null;
}

function unwrap(v: unknown): unknown {
  if (v && typeof v === 'object' && 'ok' in (v as object)) {
    const r = v as Result<unknown>;
    return r.ok ? r.value : null;
  }
  return v;
}

function toPicked(v: unknown): PickedFile[] | null {
  const list = unwrap(v);
  if (!Array.isArray(list)) return null;
  const out: PickedFile[] = [];
  for (const f of list) {
    if (!f || typeof f !== 'object') continue;
    const o = f as Record<string, unknown>;
    const fileName = (o.fileName ?? o.name) as unknown;
    const bytes = (o.bytes ?? o.data) as unknown;
    if (typeof fileName === 'string' && bytes instanceof Uint8Array) out.push({ fileName, bytes: bytes as Uint8Array<ArrayBuffer> });
  }
  return out;
}

let cached: BridgeAdapter | null | undefined;

export function getBridge(): BridgeAdapter | null {
  if (cached !== undefined) return cached;
  const b = raw();
  if (!b) return (cached = null);
  const pick = lookup(b, 'pickFiles');
  const save = lookup(b, 'savePdf');
  const onMenu = lookup(b, 'onMenu');
  cached = {
    method(name) {
      const fn = lookup(b, name);
      return fn ? (input: unknown) => Promise.resolve(fn.call(b, input)) : null;
    },
    pickFiles: pick ? async (opts) => toPicked(await pick.call(b, opts)) : null,
    savePdf: save
      ? async (file) => {
          const r = await save.call(b, file);
          return r && typeof r === 'object' && 'ok' in (r as object) ? (r as Result<unknown>) : { ok: true, value: r };
        }
      : null,
    onMenu: onMenu
      ? (listener) => {
          const off = onMenu.call(b, listener);
          return typeof off === 'function' ? (off as () => void) : () => undefined;
        }
      : null,
  };
  return cached;
}

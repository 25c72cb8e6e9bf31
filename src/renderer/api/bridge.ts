/**
 * The Electron preload's `window.vanthu` (typed in src/shared/bridge.ts) when the renderer
 * runs in the desktop app; absent in the browser, where the HTTP transport and <input
 * type=file> / <a download> take its place.
 */
import type { PickedFile, VanThuBridge } from '../../shared/bridge';

declare global {
  interface Window {
    vanthu?: VanThuBridge;
  }
}

export type { PickedFile };

export function getBridge(): VanThuBridge | null {
  const b = typeof window !== 'undefined' ? window.vanthu : undefined;
  return b && typeof b === 'object' ? b : null;
}

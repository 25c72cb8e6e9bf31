/**
 * Menu commands sent by the desktop app (`window.vanthu.onMenu`). The names are the
 * renderer's side of the contract with src/main/app's menu; keep both in step.
 */
import { getBridge } from './bridge';

export const MENU_EVENTS = {
  newIncoming: 'menu:new-incoming',
  search: 'menu:search',
  printRegister: 'menu:print-register',
  importRegister: 'menu:import',
  showRegister: 'menu:show-register',
} as const;

export type MenuEvent = (typeof MENU_EVENTS)[keyof typeof MENU_EVENTS];

export function onMenu(listener: (event: string) => void): () => void {
  const bridge = getBridge();
  return bridge?.onMenu ? bridge.onMenu(listener) : () => undefined;
}

/**
 * Application-level state: what the server told us about itself (app.info), which screen
 * is shown, and one-shot requests between screens (focus the form, open the print dialog).
 */
import { create } from 'zustand';
import type { AppInfo } from '../../shared/apiTypes';
import { call } from '../api/client';
import { toastError } from './toastStore';

export type View =
  | { name: 'register' }
  | { name: 'detail'; id: number; edit?: boolean }
  | { name: 'import' }
  | { name: 'outgoing' }
  | { name: 'followup' }
  | { name: 'letters' }
  | { name: 'interchange' }
  | { name: 'archive' }
  | { name: 'accounts' }
  | { name: 'trust' }
  | { name: 'capture' };

interface AppState {
  info: AppInfo | null;
  infoError: { code: string; message: string } | null;
  view: View;
  printOpen: boolean;
  /** Incremented to ask the register form to take focus (Ctrl+N, menu). */
  focusFormTick: number;
  /** Incremented to ask the search box to take focus (Ctrl+F). */
  focusSearchTick: number;
  loadInfo(): Promise<void>;
  show(view: View): void;
  openDetail(id: number, edit?: boolean): void;
  setPrintOpen(open: boolean): void;
  focusForm(): void;
  focusSearch(): void;
}

export const useApp = create<AppState>((set, get) => ({
  info: null,
  infoError: null,
  view: { name: 'register' },
  printOpen: false,
  focusFormTick: 0,
  focusSearchTick: 0,
  async loadInfo() {
    const r = await call('app.info', {});
    if (r.ok) set({ info: r.value, infoError: null });
    else {
      set({ infoError: { code: r.error.code, message: r.error.message } });
      if (r.error.code !== 'forbidden') toastError(r.error);
    }
  },
  show(view) {
    set({ view });
  },
  openDetail(id, edit = false) {
    set({ view: { name: 'detail', id, edit } });
  },
  setPrintOpen(open) {
    set({ printOpen: open });
  },
  focusForm() {
    set({ view: { name: 'register' }, focusFormTick: get().focusFormTick + 1 });
  },
  focusSearch() {
    set({ view: { name: 'register' }, focusSearchTick: get().focusSearchTick + 1 });
  },
}));

/** The incoming registers (DEN, DEN-MAT…) known to the server. */
export function incomingRegisters(info: AppInfo | null) {
  return (info?.registers ?? []).filter((r) => r.direction === 'incoming');
}

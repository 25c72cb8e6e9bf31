/** Short notices in the corner: errors stay until read (or 10 s), the rest fade after 5 s. */
import { create } from 'zustand';
import type { AppError } from '../../shared/result';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

interface ToastState {
  toasts: Toast[];
  show(kind: ToastKind, text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(kind, text) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { id, kind, text }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 10_000 : 5_000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toastError = (e: AppError | string) => useToasts.getState().show('error', typeof e === 'string' ? e : e.message);
export const toastSuccess = (text: string) => useToasts.getState().show('success', text);
export const toastInfo = (text: string) => useToasts.getState().show('info', text);

/**
 * State of the "Văn bản đi" screen: which part is shown (list, drafting form, one
 * document, signature check), the list's question and its rows, and the draft being typed
 * (kept here so switching screens halfway through a draft loses nothing).
 */
import { create } from 'zustand';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import { call } from '../../api/client';
import type { ChosenFile } from '../../lib/files';
import { toastError } from '../../stores/toastStore';
import { emptyOutgoing, type OutgoingValues } from './model';

export type OutgoingView = { name: 'list' } | { name: 'form'; id?: number } | { name: 'detail'; id: number } | { name: 'verify' };

export interface OutgoingFilters {
  status: string;
  register: string;
  year: string;
  query: string;
}

const PAGE = 100;

interface OutgoingState {
  view: OutgoingView;
  filters: OutgoingFilters;
  items: OutgoingRecord[];
  nextCursor: string | null;
  /** Set when the rows answer a search (outgoing.search counts its matches). */
  total: number | null;
  loading: boolean;
  error: string | null;
  generation: number;
  /** The new draft being typed (not the one being edited). */
  draft: OutgoingValues;
  /** A PDF handed to the signature check (e.g. from a document's detail). */
  verifyFile: ChosenFile | null;
  /** Asks the list's search box to take focus (Ctrl+F). */
  focusSearchTick: number;
  show(view: OutgoingView): void;
  setFilters(patch: Partial<OutgoingFilters>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  setDraft(values: OutgoingValues): void;
  clearDraft(): void;
  openVerify(file: ChosenFile | null): void;
  focusSearch(): void;
}

function matches(r: OutgoingRecord, f: OutgoingFilters): boolean {
  if (f.status && r.status !== f.status) return false;
  if (f.register && r.register !== f.register) return false;
  if (f.year && String(r.year ?? '') !== f.year) return false;
  return true;
}

export const useOutgoing = create<OutgoingState>((set, get) => ({
  view: { name: 'list' },
  filters: { status: '', register: '', year: '', query: '' },
  items: [],
  nextCursor: null,
  total: null,
  loading: false,
  error: null,
  generation: 0,
  draft: emptyOutgoing(),
  verifyFile: null,
  focusSearchTick: 0,

  show(view) {
    set({ view });
    if (view.name === 'list') void get().reload();
  },

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().reload();
  },

  async reload() {
    const generation = get().generation + 1;
    const f = get().filters;
    set({ generation, loading: true, error: null });
    const q = f.query.trim();
    if (q) {
      const r = await call('outgoing.search', { query: q.slice(0, 500), limit: 500 });
      if (get().generation !== generation) return;
      if (!r.ok) {
        set({ loading: false, error: r.error.message, items: [], nextCursor: null, total: null });
        return;
      }
      const items = r.value.items.filter((it) => matches(it, f));
      set({ loading: false, items, nextCursor: null, total: items.length });
      return;
    }
    const year = /^\d{4}$/.test(f.year) ? Number(f.year) : undefined;
    const r = await call('outgoing.list', {
      ...(f.status ? { status: f.status } : {}),
      ...(f.register ? { register: f.register } : {}),
      ...(year ? { year } : {}),
      limit: PAGE,
    });
    if (get().generation !== generation) return;
    if (!r.ok) {
      set({ loading: false, error: r.error.message, items: [], nextCursor: null, total: null });
      toastError(r.error);
      return;
    }
    set({ loading: false, items: r.value.items, nextCursor: r.value.nextCursor, total: null });
  },

  async loadMore() {
    const { nextCursor, filters: f, generation } = get();
    if (!nextCursor) return;
    const year = /^\d{4}$/.test(f.year) ? Number(f.year) : undefined;
    const r = await call('outgoing.list', {
      ...(f.status ? { status: f.status } : {}),
      ...(f.register ? { register: f.register } : {}),
      ...(year ? { year } : {}),
      limit: PAGE,
      cursor: nextCursor,
    });
    if (get().generation !== generation) return;
    if (!r.ok) return void toastError(r.error);
    set({ items: [...get().items, ...r.value.items], nextCursor: r.value.nextCursor });
  },

  setDraft(values) {
    set({ draft: values });
  },
  clearDraft() {
    set({ draft: emptyOutgoing() });
  },
  openVerify(file) {
    set({ verifyFile: file, view: { name: 'verify' } });
  },
  focusSearch() {
    set({ view: { name: 'list' }, focusSearchTick: get().focusSearchTick + 1 });
  },
}));

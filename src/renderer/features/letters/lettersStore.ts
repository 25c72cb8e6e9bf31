/**
 * State of the «Tiếp công dân» tab: which part is shown (the letters register, the reception
 * form, one letter, the hotline, the statistics, the periodic report), the register's filters
 * and its pages. The register pages by (receivedDate, id) — the contract's `after` cursor —
 * so a long year is read a page at a time.
 */
import { create } from 'zustand';
import type { LetterListItem } from '../../../shared/domain/letters';
import { call } from '../../api/client';
import type { ChosenFile } from '../../lib/files';

export type LettersView =
  { name: 'register' } | { name: 'form' } | { name: 'detail'; id: number } | { name: 'hotline' } | { name: 'stats' } | { name: 'report' };

export interface LetterFilters {
  year: string;
  kind: string;
  channel: string;
  status: string;
  overdue: boolean;
  query: string;
}

export const PAGE = 100;

export const emptyFilters = (): LetterFilters => ({
  year: String(new Date().getFullYear()),
  kind: '',
  channel: '',
  status: '',
  overdue: false,
  query: '',
});

interface LettersState {
  view: LettersView;
  /** Files chosen on the reception form for the letter just registered (its detail attaches them). */
  pendingFiles: { id: number; files: ChosenFile[] } | null;
  filters: LetterFilters;
  items: LetterListItem[];
  /** More rows after the last one (a full page came back). */
  more: boolean;
  loading: boolean;
  error: string | null;
  generation: number;
  show(view: LettersView): void;
  setFilters(patch: Partial<LetterFilters>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

function query(f: LetterFilters) {
  const year = /^\d{4}$/.test(f.year) ? f.year : '';
  return {
    ...(year ? { from: `${year}-01-01`, to: `${year}-12-31` } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.query.trim() ? { query: f.query.trim().slice(0, 200) } : {}),
    limit: PAGE,
  };
}

export const useLetters = create<LettersState>((set, get) => ({
  view: { name: 'register' },
  pendingFiles: null,
  filters: emptyFilters(),
  items: [],
  more: false,
  loading: false,
  error: null,
  generation: 0,

  show(view) {
    set({ view });
    if (view.name === 'register') void get().reload();
  },

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().reload();
  },

  async reload() {
    const generation = get().generation + 1;
    set({ generation, loading: true, error: null });
    const r = await call('letter.list', query(get().filters));
    if (get().generation !== generation) return;
    if (!r.ok) return void set({ loading: false, error: r.error.message, items: [], more: false });
    set({ loading: false, items: r.value, more: r.value.length === PAGE });
  },

  async loadMore() {
    const { items, generation, filters } = get();
    const last = items[items.length - 1];
    if (!last) return;
    set({ loading: true });
    const r = await call('letter.list', { ...query(filters), after: { receivedDate: last.receivedDate, id: last.id } });
    if (get().generation !== generation) return;
    if (!r.ok) return void set({ loading: false, error: r.error.message });
    set({ loading: false, items: [...items, ...r.value], more: r.value.length === PAGE });
  },
}));

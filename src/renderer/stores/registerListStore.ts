/**
 * The register list: the current question (search text, filters, order) and a sparse,
 * lazily filled window of its answer.
 *
 * The server pages with opaque keyset cursors. The store remembers the cursor of every page
 * boundary it has seen (a few bytes each) and keeps the rows of only the pages near what is
 * on screen. How a far page is reached depends on the question:
 * - the register itself (no filter: every document, newest first; or one register-year in
 *   số đến order) is read with `incoming.list`, and its outline (`incoming.outline`: where
 *   each run of ≤ 10,000 rows starts) lets any row be fetched with one request — dragging the
 *   scrollbar to row 800,000 of a million reads 250 rows, not 800,000;
 * - a search walks the cursors forward in large steps from the nearest page it knows.
 * One request is in flight at a time and every reply is checked against the question it answers.
 */
import { create } from 'zustand';
import type { ListOutline, SearchInput } from '../../shared/contract';
import type { IncomingRecord } from '../../shared/domain/incoming';
import type { ContentHit } from '../../shared/domain/capture';
import { call } from '../api/client';
import { toastError } from './toastStore';

/**
 * Rows per request. A screen holds 12–25 rows (plus 10 drawn beyond each edge); after a jump
 * the rows on screen come from one page, and 100 rows are read and sent in half the time of 250.
 */
export const PAGE_SIZE = 100;
/** Rows fetched per request when walking ahead (the contract's maximum is 500). */
const WALK_LIMIT = 500;
/** Pages kept in memory around the viewport. */
const KEEP_PAGES = 60;

export type SortMode = 'auto' | 'relevance' | 'date' | 'number';

export interface ListFilters {
  query: string;
  register: string;
  year: string;
  type: string;
  urgency: string;
  secrecy: string;
  status: '' | 'registered' | 'voided';
  includeVoided: boolean;
  org: string;
  /** ISO YYYY-MM-DD (arrival). */
  from: string;
  to: string;
  issuedFrom: string;
  issuedTo: string;
  /** Where the text is looked for: the register's fields (''), the files' text, or both. */
  scope: '' | 'content' | 'all';
}

export const EMPTY_FILTERS: ListFilters = {
  query: '',
  register: '',
  year: '',
  type: '',
  urgency: '',
  secrecy: '',
  status: '',
  includeVoided: true,
  org: '',
  from: '',
  to: '',
  issuedFrom: '',
  issuedTo: '',
  scope: '',
};

/** Order actually used: relevance needs text, book (number) order needs one register-year and no other filter. */
export function effectiveSort(f: ListFilters, sort: SortMode): 'relevance' | 'date' | 'number' {
  if (sort === 'number' && numberOrderAvailable(f)) return 'number';
  if ((sort === 'relevance' || sort === 'auto') && f.query.trim()) return 'relevance';
  return 'date';
}

export function numberOrderAvailable(f: ListFilters): boolean {
  return (
    !!f.register &&
    !!f.year &&
    !f.query.trim() &&
    !f.type &&
    !f.urgency &&
    !f.secrecy &&
    !f.status &&
    f.includeVoided &&
    !f.org.trim() &&
    !f.from &&
    !f.to &&
    !f.issuedFrom &&
    !f.issuedTo
  );
}

export function hasActiveFilters(f: ListFilters): boolean {
  return (Object.keys(EMPTY_FILTERS) as (keyof ListFilters)[]).some((k) => f[k] !== EMPTY_FILTERS[k]);
}

/**
 * Whether the question is the register itself, read with `incoming.list` and its outline
 * (any row one request away): book order of one register-year, or by date every document —
 * all of them, or of a year or a date range.
 */
export function readsRegister(f: ListFilters, sort: SortMode): boolean {
  const eff = effectiveSort(f, sort);
  return eff === 'number' || (eff === 'date' && !hasActiveFilters({ ...f, year: '', from: '', to: '' }));
}

/** Arrival dates the filters ask for: the year, narrowed by the date range. */
function arrivalRange(f: ListFilters): { from: string; to: string } {
  let from = f.from;
  let to = f.to;
  if (f.year) {
    const yFrom = `${f.year}-01-01`;
    const yTo = `${f.year}-12-31`;
    from = from && from > yFrom ? from : yFrom;
    to = to && to < yTo ? to : yTo;
  }
  return { from, to };
}

function searchInput(f: ListFilters, sort: 'relevance' | 'date'): SearchInput {
  const input: SearchInput = { sort, includeVoided: f.includeVoided };
  const q = f.query.trim();
  if (q) input.query = f.query.slice(0, 500);
  if (q && f.scope) input.in = f.scope;
  if (f.register) input.register = f.register;
  if (f.type) input.type = f.type;
  if (f.urgency) input.urgency = f.urgency;
  if (f.secrecy) input.secrecy = f.secrecy;
  if (f.status) input.status = f.status;
  if (f.org.trim()) input.org = f.org.trim().slice(0, 200);
  const { from, to } = arrivalRange(f);
  if (from) input.from = from;
  if (to) input.to = to;
  if (f.issuedFrom) input.issuedFrom = f.issuedFrom;
  if (f.issuedTo) input.issuedTo = f.issuedTo;
  return input;
}

interface PageReply {
  items: IncomingRecord[];
  contentHits?: ContentHit[];
  nextCursor: string | null;
  total?: number;
  totalCapped?: boolean;
}

interface ListState {
  filters: ListFilters;
  sort: SortMode;
  /** Bumped for every new question; replies for an older one are dropped. */
  generation: number;
  total: number | null;
  /** True while `total` only says "more than this many": the exact count is on its way (search.count). */
  totalCapped: boolean;
  /** Set when the server stops before `total` (relevance ranks a bounded candidate set). */
  reachable: number | null;
  loading: boolean;
  error: string | null;
  /** Bumped when rows arrive, so the table re-renders. */
  version: number;
  /** The query text the current rows answer (for highlighting). */
  answeredQuery: string;
  /** The row just registered or edited, shown highlighted. */
  flashId: number | null;
  /** Milliseconds the last first-page request took. */
  lastQueryMs: number | null;
  /** Bumped by resetFilters, so filter inputs holding typed text start afresh. */
  resets: number;
  setFilters(patch: Partial<ListFilters>): void;
  resetFilters(): void;
  setSort(sort: SortMode): void;
  reload(opts?: { flashId?: number }): Promise<void>;
  /** The table reports which rows are on screen. */
  ensureRange(start: number, end: number): void;
  rowAt(index: number): IncomingRecord | undefined;
  /** For a document found by its files' text: the matching line and its page. */
  contentHitFor(id: number): ContentHit | undefined;
  replaceRecord(rec: IncomingRecord): void;
}

// Row storage lives outside React state: the table reads it by index and re-renders on `version`.
let pages = new Map<number, IncomingRecord[]>();
/** Content hits of the current answer, by document id. */
let contentHits = new Map<number, ContentHit>();
/** Cursor that starts page k (page 0 starts at null). */
let cursors = new Map<number, string | null>();
/** Runs of the register read with `incoming.list` (empty for a search): where row `start` begins. */
let marks: { start: number; cursor: string | null; count: number }[] = [];
/** The current rows come from `incoming.list` (the register), not from a search. */
let readingRegister = false;
let wanted: { first: number; last: number } = { first: 0, last: 0 };
let pumping = false;

function resetRows(outline: ListOutline | null): void {
  pages = new Map();
  contentHits = new Map();
  cursors = new Map([[0, null]]);
  marks = [];
  readingRegister = outline !== null;
  let start = 0;
  for (const m of outline?.marks ?? []) {
    marks.push({ start, cursor: m.cursor, count: m.count });
    start += m.count;
  }
}

/** The run holding row `index` (binary search over the outline), or null. */
function markFor(index: number): { start: number; cursor: string | null; count: number } | null {
  let lo = 0;
  let hi = marks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = marks[mid]!;
    if (index < m.start) hi = mid - 1;
    else if (index >= m.start + m.count) lo = mid + 1;
    else return m;
  }
  return null;
}

/** `incoming.list` input for the register the filters name: one register-year in book order, or documents by arrival. */
function listScope(
  f: ListFilters,
  sort: 'relevance' | 'date' | 'number',
): { register?: string; year?: number; from?: string; to?: string } {
  if (sort === 'number') return { register: f.register, year: Number(f.year) };
  const { from, to } = arrivalRange(f);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

async function fetchRows(
  f: ListFilters,
  sort: 'relevance' | 'date' | 'number',
  register: boolean,
  cursor: string | null,
  limit: number,
  skip = 0,
): Promise<PageReply> {
  if (register) {
    const r = await call('incoming.list', { ...listScope(f, sort), limit, cursor, ...(skip ? { skip } : {}) });
    if (!r.ok) throw r.error;
    return r.value;
  }
  const r = await call('search.incoming', { ...searchInput(f, sort as 'relevance' | 'date'), limit, cursor });
  if (!r.ok) throw r.error;
  return r.value;
}

export const useRegisterList = create<ListState>((set, get) => {
  async function fetchExactCount(f: ListFilters, generation: number): Promise<void> {
    const r = await call('search.count', searchInput(f, 'date'));
    if (get().generation !== generation) return;
    if (r.ok) set({ total: r.value.total, totalCapped: false });
    else toastError(r.error.message);
  }

  function evict(): void {
    if (pages.size <= KEEP_PAGES) return;
    const centre = (wanted.first + wanted.last) / 2;
    const keys = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const k of keys) {
      if (pages.size <= KEEP_PAGES) break;
      if (k >= wanted.first - 1 && k <= wanted.last + 1) continue;
      pages.delete(k);
    }
  }

  function storeReply(base: number, reply: PageReply, limit: number): void {
    for (const h of reply.contentHits ?? []) contentHits.set(h.documentId, h);
    const perPage = Math.ceil(limit / PAGE_SIZE);
    for (let p = 0; p < perPage; p++) {
      const rows = reply.items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
      if (rows.length === 0 && p > 0) break;
      pages.set(base + p, rows);
    }
    if (reply.nextCursor !== null) cursors.set(base + perPage, reply.nextCursor);
    else {
      // The answer ends here: everything after is unreachable.
      const end = base * PAGE_SIZE + reply.items.length;
      const { total } = get();
      if (total !== null && end < total) set({ reachable: end });
    }
  }

  function nextWantedPage(): number | null {
    const { total, reachable } = get();
    const count = reachable ?? total ?? 0;
    if (count === 0) return null;
    const lastPage = Math.floor((count - 1) / PAGE_SIZE);
    // Visible pages first, then one page of read-ahead on each side.
    const first = Math.max(0, wanted.first);
    const last = Math.min(lastPage, wanted.last);
    for (let p = first; p <= last; p++) if (!pages.has(p)) return p;
    if (last + 1 <= lastPage && !pages.has(last + 1)) return last + 1;
    if (first - 1 >= 0 && !pages.has(first - 1)) return first - 1;
    return null;
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        // A new question is being asked: its first page resets the cursors; wait for it.
        if (get().loading) break;
        const gen = get().generation;
        const target = nextWantedPage();
        if (target === null) break;
        const { filters } = get();
        const sort = effectiveSort(filters, get().sort);
        const register = readingRegister;
        // Where the request starts: the target's own cursor; else, in the register, its run of
        // the outline (one request wherever it is); else, in a search, the nearest cursor before it.
        let base = target;
        let cursor: string | null;
        let skip = 0;
        const mark = cursors.has(target) ? null : markFor(target * PAGE_SIZE);
        if (mark) {
          cursor = mark.cursor;
          skip = target * PAGE_SIZE - mark.start;
        } else {
          while (!cursors.has(base)) base--;
          cursor = cursors.get(base) ?? null;
        }
        const limit = base === target && !(target + 1 <= wanted.last + 1 && !pages.has(target + 1)) ? PAGE_SIZE : WALK_LIMIT;
        let reply: PageReply;
        try {
          reply = await fetchRows(filters, sort, register, cursor, limit, skip);
        } catch (e) {
          if (get().generation === gen) {
            set({ error: (e as { message?: string }).message ?? 'Lỗi tải dữ liệu' });
            toastError((e as { message?: string }).message ?? 'Lỗi tải dữ liệu');
          }
          break;
        }
        if (get().generation !== gen) continue;
        storeReply(base, reply, limit);
        evict();
        set({ version: get().version + 1 });
        // An empty reply means the answer ended earlier than counted: `reachable` now says so.
        if (reply.items.length === 0) break;
      }
    } finally {
      pumping = false;
    }
  }

  return {
    filters: { ...EMPTY_FILTERS },
    sort: 'auto',
    generation: 0,
    total: null,
    totalCapped: false,
    reachable: null,
    loading: true,
    error: null,
    version: 0,
    answeredQuery: '',
    flashId: null,
    lastQueryMs: null,
    resets: 0,

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().reload();
    },
    resetFilters() {
      set({ filters: { ...EMPTY_FILTERS }, resets: get().resets + 1 });
      void get().reload();
    },
    setSort(sort) {
      set({ sort });
      void get().reload();
    },

    async reload(opts = {}) {
      const generation = get().generation + 1;
      const { filters } = get();
      const sort = effectiveSort(filters, get().sort);
      set({ generation, loading: true, error: null, ...(opts.flashId !== undefined ? { flashId: opts.flashId } : {}) });
      if (opts.flashId !== undefined) {
        const id = opts.flashId;
        setTimeout(() => get().flashId === id && set({ flashId: null }), 4000);
      }
      const t0 = performance.now();
      try {
        const register = readsRegister(filters, get().sort);
        let first: PageReply;
        let outline: ListOutline | null = null;
        if (register) {
          // The register counts itself with its outline: the first page and the outline together.
          const [page, o] = await Promise.all([
            fetchRows(filters, sort, true, null, PAGE_SIZE),
            call('incoming.outline', listScope(filters, sort)),
          ]);
          if (!o.ok) throw o.error;
          first = page;
          outline = o.value;
        } else first = await fetchRows(filters, sort, false, null, PAGE_SIZE);
        const total = outline ? outline.total : (first.total ?? first.items.length);
        if (get().generation !== generation) return;
        resetRows(outline);
        wanted = { first: 0, last: 0 };
        const totalCapped = first.totalCapped === true;
        set({ total, totalCapped, reachable: null });
        // A page counts up to 10,000 hits; the exact figure comes from a separate, slower call.
        if (totalCapped && sort !== 'number') void fetchExactCount(filters, generation);
        storeReply(0, first, PAGE_SIZE);
        set({
          loading: false,
          version: get().version + 1,
          answeredQuery: filters.query,
          lastQueryMs: Math.round(performance.now() - t0),
        });
        void pump();
      } catch (e) {
        if (get().generation !== generation) return;
        const message = (e as { message?: string }).message ?? 'Lỗi tải dữ liệu';
        set({ loading: false, error: message });
        toastError(message);
      }
    },

    ensureRange(start, end) {
      wanted = { first: Math.floor(Math.max(0, start) / PAGE_SIZE), last: Math.floor(Math.max(0, end) / PAGE_SIZE) };
      if (!get().loading) void pump();
    },

    contentHitFor(id) {
      return contentHits.get(id);
    },

    rowAt(index) {
      return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },

    replaceRecord(rec) {
      let changed = false;
      for (const rows of pages.values()) {
        const i = rows.findIndex((r) => r.id === rec.id);
        if (i >= 0) {
          rows[i] = rec;
          changed = true;
        }
      }
      if (changed) set({ version: get().version + 1 });
    },
  };
});

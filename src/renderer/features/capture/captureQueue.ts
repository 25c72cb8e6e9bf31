/**
 * «Quét hàng loạt»: the files a clerk dropped or picked, each a pending registration. One file
 * is read at a time (OCR takes seconds a page and the machine's cores are shared), in the
 * background on the server, its progress polled page by page; the clerk walks the queue with
 * the keyboard, confirming or correcting the suggested fields, and registers each. Nothing is
 * saved until the clerk registers; a cancelled or failed reading leaves an empty form.
 */
import { create } from 'zustand';
import type { JobView } from '../../../shared/apiTypes';
import type { CaptureResult } from '../../../shared/domain/capture';
import { safeFileName } from '../../../shared/fileNames';
import { call } from '../../api/client';
import type { FieldName, FormValues } from '../register-form/formModel';
import { prefill } from './suggestedValues';

/** The files a scan may be (as the attachment picker). */
export const SCAN_EXTENSIONS = /\.(pdf|png|jpe?g|tiff?)$/i;
const POLL_MS = 400;

export type ItemState = 'waiting' | 'reading' | 'ready' | 'failed' | 'cancelled' | 'registered';

export interface QueueFile {
  key: string;
  fileName: string;
  size: number;
  read(): Promise<Uint8Array<ArrayBuffer>>;
}

export interface QueueItem extends QueueFile {
  state: ItemState;
  /** The page being read, of `pages` (once the server knows). */
  page: number;
  pages: number | null;
  jobId?: string;
  result?: CaptureResult;
  error?: string;
  values: FormValues;
  /** Fields still marked «gợi ý» (filled from the page, not yet confirmed or changed). */
  suggested: FieldName[];
  confidence: Partial<Record<FieldName, number>>;
  registered?: { id: number; arrivalNumber: number; register: string };
}

interface QueueState {
  items: QueueItem[];
  currentKey: string | null;
  add(files: QueueFile[]): void;
  select(key: string): void;
  /** Moves to the next item not yet registered (after `key`), if any. */
  next(fromKey?: string): void;
  remove(key: string): void;
  cancel(key: string): Promise<void>;
  update(key: string, patch: Partial<QueueItem>): void;
  clearRegistered(): void;
}

let running = false;

export const useCaptureQueue = create<QueueState>((set, get) => ({
  items: [],
  currentKey: null,
  add(files) {
    const known = new Set(get().items.map((i) => i.key));
    const fresh = files
      .filter((f) => !known.has(f.key))
      .map<QueueItem>((f) => ({ ...f, state: 'waiting', page: 0, pages: null, ...prefill(undefined) }));
    if (!fresh.length) return;
    set({ items: [...get().items, ...fresh], currentKey: get().currentKey ?? fresh[0]!.key });
    void pump();
  },
  select(key) {
    set({ currentKey: key });
  },
  next(fromKey) {
    const items = get().items;
    const at = items.findIndex((i) => i.key === (fromKey ?? get().currentKey));
    const after = [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))].find((i) => i.state !== 'registered');
    set({ currentKey: after?.key ?? get().currentKey });
  },
  remove(key) {
    const item = get().items.find((i) => i.key === key);
    if (item?.state === 'reading') void get().cancel(key);
    const items = get().items.filter((i) => i.key !== key);
    set({ items, currentKey: get().currentKey === key ? (items.find((i) => i.state !== 'registered')?.key ?? null) : get().currentKey });
  },
  async cancel(key) {
    const item = get().items.find((i) => i.key === key);
    if (!item) return;
    if (item.state === 'waiting') {
      get().update(key, { state: 'cancelled' });
      return;
    }
    if (item.state !== 'reading' || !item.jobId) return;
    await call('capture.cancel', { jobId: item.jobId });
    get().update(key, { state: 'cancelled' });
  },
  update(key, patch) {
    set({ items: get().items.map((i) => (i.key === key ? { ...i, ...patch } : i)) });
  },
  clearRegistered() {
    const items = get().items.filter((i) => i.state !== 'registered');
    set({ items, currentKey: items.some((i) => i.key === get().currentKey) ? get().currentKey : (items[0]?.key ?? null) });
  },
}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the waiting files one after another. */
async function pump(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (;;) {
      const item = useCaptureQueue.getState().items.find((i) => i.state === 'waiting');
      if (!item) return;
      await readOne(item);
    }
  } finally {
    running = false;
  }
}

async function readOne(item: QueueItem): Promise<void> {
  const { update } = useCaptureQueue.getState();
  const current = () => useCaptureQueue.getState().items.find((i) => i.key === item.key);
  update(item.key, { state: 'reading' });
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await item.read();
  } catch {
    update(item.key, { state: 'failed', error: 'Không đọc được tệp từ máy.' });
    return;
  }
  const started = await call('capture.start', { fileName: safeFileName(item.fileName), bytes });
  if (!started.ok) {
    update(item.key, { state: 'failed', error: started.error.message });
    return;
  }
  let job: JobView<CaptureResult> = started.value;
  update(item.key, { jobId: job.jobId });
  while (job.state === 'running') {
    await sleep(POLL_MS);
    const seen = current();
    if (!seen || seen.state === 'cancelled') return;
    const r = await call('capture.status', { jobId: job.jobId });
    if (!r.ok) {
      update(item.key, { state: 'failed', error: r.error.message });
      return;
    }
    job = r.value;
    update(item.key, { page: job.progress, pages: job.total ?? null });
  }
  const seen = current();
  if (!seen || seen.state === 'cancelled') return;
  if (job.state === 'done' && job.result) {
    // The clerk may have typed into the empty form while the file was read: what they typed stays.
    const filled = prefill(job.result);
    const typed = (Object.keys(seen.values) as FieldName[]).filter(
      (f) => seen.values[f] !== prefill(undefined).values[f] && f !== 'arrivalDate',
    );
    const values = { ...filled.values, ...Object.fromEntries(typed.map((f) => [f, seen.values[f]])), arrivalDate: seen.values.arrivalDate };
    update(item.key, {
      state: 'ready',
      result: job.result,
      values: values as FormValues,
      suggested: filled.suggested.filter((f) => !typed.includes(f)),
      confidence: filled.confidence,
      page: job.result.extraction.pages.length,
      pages: job.result.extraction.pageCount,
    });
  } else if (job.state === 'cancelled') update(item.key, { state: 'cancelled' });
  else update(item.key, { state: 'failed', error: job.error?.message ?? 'Không đọc được tệp.' });
}

/** Files from a drop or a file/folder input: the scans among them, in name order. */
export function queueFilesFrom(list: Iterable<File>): { files: QueueFile[]; skipped: string[] } {
  const files: QueueFile[] = [];
  const skipped: string[] = [];
  const all = [...list].sort((a, b) =>
    (a.webkitRelativePath || a.name).localeCompare(b.webkitRelativePath || b.name, 'vi', { numeric: true }),
  );
  for (const f of all) {
    if (!SCAN_EXTENSIONS.test(f.name)) {
      skipped.push(f.name);
      continue;
    }
    let cached: Uint8Array<ArrayBuffer> | null = null;
    files.push({
      key: `${f.webkitRelativePath || f.name}:${f.size}:${f.lastModified}`,
      fileName: f.name,
      size: f.size,
      read: async () => (cached ??= new Uint8Array(await f.arrayBuffer())),
    });
  }
  return { files, skipped };
}

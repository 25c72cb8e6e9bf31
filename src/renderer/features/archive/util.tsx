/** Small pieces the archive's parts share: calling with a toast on refusal, a labelled field, saving a file. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { call } from '../../api/client';
import { browserDownload, savePdf } from '../../lib/download';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { useArchive } from './archiveStore';

/** Calls the API; a refusal shows its Vietnamese message and returns null. A write refreshes the lists. */
export async function act<M extends MethodName>(method: M, input: InputOf<M>, done?: string): Promise<OutputOf<M> | null> {
  const r = await call(method, input);
  if (!r.ok) {
    toastError(r.error);
    return null;
  }
  if (done) toastSuccess(done);
  useArchive.getState().changed();
  return r.value;
}

export async function saveFile(file: { fileName: string; bytes: Uint8Array } | null, mime = 'application/pdf'): Promise<void> {
  if (!file) return;
  if (mime === 'application/pdf') {
    const r = await savePdf(file.bytes, file.fileName);
    if (typeof r === 'object') toastError(r.error);
  } else browserDownload(file.bytes, file.fileName, mime);
}

export function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field${wide ? ' field-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

export const vnDate = (iso: string | null | undefined): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

export const STATE_LABELS: Record<string, string> = {
  planned: 'Trong danh mục',
  open: 'Đang lập',
  closed: 'Đã kết thúc',
  submitted: 'Đã nộp lưu, chờ nhận',
  accepted: 'Đã vào lưu trữ',
  destroyed: 'Đã hủy',
};

/** A page of one of the archive's long lists (dossiers, due, expired, holds, usage). */
interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Paged<T, P extends Page<T>> {
  /** The rows of every page read so far. */
  items: T[];
  /** The first page's answer (its totals and counts). */
  first: P | null;
  more: boolean;
  loading: boolean;
  loadMore(): void;
}

/**
 * Reads a long list a page at a time through the contract's keyset cursor (`after` ← `next`):
 * the first page when `key` changes (filters, a write), the next on «Xem thêm». A page that
 * arrives after the filters changed is dropped.
 */
export function usePaged<T, P extends Page<T>>(fetch: (after?: string) => Promise<Result<P>>, key: string): Paged<T, P> {
  const [state, setState] = useState<{ key: string; items: T[]; first: P | null; next: string | null }>({
    key,
    items: [],
    first: null,
    next: null,
  });
  const [loading, setLoading] = useState(false);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const current = useRef(key);
  current.current = key;

  useEffect(() => {
    let live = true;
    setLoading(true);
    void fetchRef.current().then((r) => {
      if (!live) return;
      setLoading(false);
      if (!r.ok) return toastError(r.error);
      setState({ key, items: r.value.items, first: r.value, next: r.value.next });
    });
    return () => {
      live = false;
    };
  }, [key]);

  const loadMore = useCallback(() => {
    const after = state.next;
    if (!after || loading) return;
    const asked = state.key;
    setLoading(true);
    void fetchRef.current(after).then((r) => {
      setLoading(false);
      if (current.current !== asked) return;
      if (!r.ok) return toastError(r.error);
      setState((s) => ({ ...s, items: [...s.items, ...r.value.items], next: r.value.next }));
    });
  }, [state.next, state.key, loading]);

  return { items: state.items, first: state.first, more: state.next !== null, loading, loadMore };
}

/** «Xem thêm» under a paged list, with how many rows are shown. */
export function MoreRows({
  paged,
  total,
  unit,
}: {
  paged: { items: unknown[]; more: boolean; loading: boolean; loadMore(): void };
  total?: number;
  unit: string;
}) {
  if (!paged.more) return null;
  return (
    <div className="archive-more">
      <span className="muted small">
        Đang hiện {paged.items.length}
        {total !== undefined ? ` / ${total}` : ''} {unit}
      </span>
      {paged.more ? (
        <button type="button" className="btn btn-small" disabled={paged.loading} onClick={paged.loadMore}>
          {paged.loading ? 'Đang tải…' : 'Xem thêm'}
        </button>
      ) : null}
    </div>
  );
}

/** The one row of an empty table, saying so (a table of headers alone reads as broken). */
export function EmptyRow({ cols, shown, loading, text }: { cols: number; shown: number; loading?: boolean; text: string }) {
  if (shown > 0) return null;
  return (
    <tr className="empty-row">
      <td colSpan={cols} className="muted">
        {loading ? 'Đang tải…' : text}
      </td>
    </tr>
  );
}

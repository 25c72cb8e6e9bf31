/** Small pieces the archive's parts share: calling with a toast on refusal, a labelled field, saving a file. */
import type { ReactNode } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract';
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

/**
 * The "in sổ" dialogs' common part: a modal form with the book's fields, an error banner,
 * a result banner and "Tạo tệp PDF" / "Đóng"; and `usePrintToFile`, which asks the server for
 * the PDF, saves it (desktop save dialog or browser download) and reports the result.
 */
import { useState, type ReactNode } from 'react';
import type { AppError, Result } from '../../shared/result';
import { toastError, toastSuccess } from '../stores/toastStore';
import { Modal } from './Modal';
import { ErrorBanner, FormActions } from './FormParts';

export type SaveOutcome = 'saved' | 'cancelled' | { error: string };
export interface PdfFile {
  bytes: Uint8Array;
  fileName: string;
}

export function usePrintToFile() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  /**
   * Runs `request`, saves its file with `save`, and on success shows and toasts `note(value)`.
   * Resolves to the server's error when the request failed (the caller shows it), else null.
   */
  const run = async <T extends PdfFile>(
    request: () => Promise<Result<T>>,
    save: (bytes: Uint8Array, fileName: string) => Promise<SaveOutcome>,
    note: (value: T) => string,
  ): Promise<AppError | null> => {
    setBusy(true);
    const r = await request();
    setBusy(false);
    if (!r.ok) return r.error;
    const saved = await save(r.value.bytes, r.value.fileName);
    if (saved === 'cancelled') return null;
    if (typeof saved === 'object') {
      toastError(saved.error);
      return null;
    }
    const text = note(r.value);
    setResult(text);
    toastSuccess(text);
    return null;
  };

  return { busy, result, setResult, run };
}

interface Props {
  title: string;
  /** The line under the title saying which form the book follows. */
  intro: string;
  introClassName?: string;
  formClassName?: string;
  error: string | null | undefined;
  result: string | null;
  busy: boolean;
  onSubmit(): void;
  onClose(): void;
  /** The fields, laid out in the form grid. */
  children: ReactNode;
}

export function PrintBookDialog({
  title,
  intro,
  introClassName = 'muted',
  formClassName,
  error,
  result,
  busy,
  onSubmit,
  onClose,
  children,
}: Props) {
  return (
    <Modal title={title} onClose={onClose}>
      <form
        className={formClassName}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <p className={introClassName}>{intro}</p>
        <div className="form-grid">{children}</div>
        <ErrorBanner message={error} />
        {result ? (
          <div className="banner banner-ok" role="status">
            {result}
          </div>
        ) : null}
        <FormActions submitLabel={busy ? 'Đang tạo tệp PDF…' : 'Tạo tệp PDF'} submitDisabled={busy} cancelLabel="Đóng" onCancel={onClose} />
      </form>
    </Modal>
  );
}

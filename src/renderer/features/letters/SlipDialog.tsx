/**
 * A slip of a letter («phiếu chuyển đơn», «phiếu hướng dẫn») as the service made it: shown
 * in the page with pdf.js and saved on request. A denunciation's author is never on a slip.
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { savePdf } from '../../lib/download';
import { toastError } from '../../stores/toastStore';
import { PdfPreview } from '../detail/PdfPreview';

export const SLIP_LABELS = { transfer: 'Phiếu chuyển đơn', guidance: 'Phiếu hướng dẫn' } as const;

export function SlipDialog({ id, kind, onClose }: { id: number; kind: 'transfer' | 'guidance'; onClose(): void }) {
  const [pdf, setPdf] = useState<{ bytes: Uint8Array; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('letter.slip', { id, kind }).then((r) => (r.ok ? setPdf(r.value) : setError(r.error.message)));
  }, [id, kind]);
  return (
    <Modal title={SLIP_LABELS[kind]} onClose={onClose} className="modal-xl">
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
      {pdf ? (
        <>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() =>
                void savePdf(pdf.bytes, pdf.fileName).then((r) => {
                  if (typeof r === 'object') toastError(r.error);
                })
              }
            >
              Lưu tệp PDF
            </button>
            <span className="muted small">{pdf.fileName}</span>
          </div>
          <PdfPreview bytes={pdf.bytes} fileName={pdf.fileName} />
        </>
      ) : !error ? (
        <p className="muted">Đang lập phiếu…</p>
      ) : null}
    </Modal>
  );
}

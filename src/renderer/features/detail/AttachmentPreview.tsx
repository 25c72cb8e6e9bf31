/**
 * One attachment, fetched from the server when chosen: PDFs rendered by pdf.js, PNG/JPEG
 * shown from a blob: URL, anything else (TIFF) offered for download.
 */
import { useEffect, useState } from 'react';
import type { AttachmentInfo } from '../../../shared/domain/incoming';
import { call } from '../../api/client';
import { blobUrl, browserDownload } from '../../lib/download';
import { PdfPreview } from './PdfPreview';

interface Loaded {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
}

export function AttachmentPreview({ docId, attachment }: { docId: number; attachment: AttachmentInfo }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imgUrl, setImgUrl] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoaded(null);
    setError(null);
    void call('incoming.attachment', { id: docId, attachmentId: attachment.id }).then((r) => {
      if (cancelled) return;
      if (r.ok) setLoaded(r.value);
      else setError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [docId, attachment.id]);

  const isImage = !!loaded && (loaded.mime === 'image/png' || loaded.mime === 'image/jpeg');
  useEffect(() => {
    if (!loaded || !isImage) return;
    const url = blobUrl(loaded.bytes, loaded.mime);
    setImgUrl(url);
    return () => {
      URL.revokeObjectURL(url);
      setImgUrl(null);
    };
  }, [loaded, isImage]);

  if (error) return <div className="banner banner-error">{error}</div>;
  if (!loaded) return <div className="muted preview-loading">Đang tải tệp…</div>;
  const download = (
    <button type="button" className="btn btn-small" onClick={() => browserDownload(loaded.bytes, loaded.fileName, loaded.mime)}>
      Tải tệp về
    </button>
  );
  if (loaded.mime === 'application/pdf') {
    return (
      <div className="preview">
        <div className="preview-actions">{download}</div>
        <PdfPreview bytes={loaded.bytes} fileName={loaded.fileName} />
      </div>
    );
  }
  if (isImage) {
    return (
      <div className="preview">
        <div className="preview-actions">{download}</div>
        {imgUrl ? <img className="image-preview" src={imgUrl} alt={`Ảnh đính kèm: ${loaded.fileName}`} /> : null}
      </div>
    );
  }
  return (
    <div className="preview">
      <p className="muted">Không xem trước được tệp loại {loaded.mime} trong cửa sổ này.</p>
      {download}
    </div>
  );
}

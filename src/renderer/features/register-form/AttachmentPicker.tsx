/**
 * Attachments of the document being registered: scans (PDF, images) chosen from disk.
 * In the desktop app the native dialog (`window.vanthu.pickFiles`) is used; in the browser
 * an <input type=file multiple>. Bytes are read only when saving.
 */
import { useRef } from 'react';
import { getBridge } from '../../api/bridge';
import type { DraftAttachment } from '../../stores/registerFormStore';
import { formatBytes } from '../../lib/format';
import { toastError } from '../../stores/toastStore';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff';

interface Props {
  attachments: DraftAttachment[];
  onAdd(files: DraftAttachment[]): void;
  onRemove(key: string): void;
}

export function AttachmentPicker({ attachments, onAdd, onRemove }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const bridge = getBridge();

  const choose = async () => {
    if (bridge) {
      const r = await bridge.pickFiles({
        title: 'Chọn tệp đính kèm',
        multiple: true,
        filters: [{ name: 'Văn bản quét (PDF, ảnh)', extensions: ['pdf', 'png', 'jpg', 'jpeg', 'tif', 'tiff'] }],
      });
      if (!r.ok) {
        toastError(r.error);
        return;
      }
      const picked = r.value;
      if (picked.length) {
        onAdd(
          picked.map((p, i) => ({
            key: `${p.fileName}:${p.bytes.byteLength}:${Date.now()}:${i}`,
            fileName: p.fileName,
            size: p.bytes.byteLength,
            read: async () => p.bytes,
          })),
        );
      }
      return;
    }
    inputRef.current?.click();
  };

  return (
    <div className="attachments">
      <div className="attachments-head">
        <span className="field-label" id="attachments-label">
          Tệp đính kèm
        </span>
        <button type="button" className="btn btn-small" onClick={() => void choose()}>
          Chọn tệp…
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Tệp đính kèm"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            onAdd(
              files.map((f) => ({
                key: `${f.name}:${f.size}:${f.lastModified}`,
                fileName: f.name,
                size: f.size,
                read: async () => new Uint8Array(await f.arrayBuffer()),
              })),
            );
            e.target.value = '';
          }}
        />
      </div>
      {attachments.length ? (
        <ul className="attachment-chips" aria-labelledby="attachments-label">
          {attachments.map((a) => (
            <li key={a.key} className="chip">
              <span className="chip-name" title={a.fileName}>
                {a.fileName}
              </span>
              <span className="chip-size">{formatBytes(a.size)}</span>
              <button type="button" className="icon-btn" aria-label={`Bỏ tệp ${a.fileName}`} onClick={() => onRemove(a.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <div className="muted small">PDF, PNG, JPEG hoặc TIFF — bản quét của văn bản.</div>
      )}
    </div>
  );
}

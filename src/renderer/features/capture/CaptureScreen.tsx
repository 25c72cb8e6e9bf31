/**
 * «Quét hàng loạt»: the queue of dropped or picked scans on the left, the current file in the
 * middle, the register form pre-filled from it on the right (each field read from the page
 * marked «gợi ý» until the clerk confirms it with Enter or changes it). Ctrl+Enter registers
 * and moves on to the next file; Alt+↓ / Alt+↑ move through the queue without registering.
 */
import { useEffect, useRef, useState } from 'react';
import { useDraft } from '../../stores/registerFormStore';
import { toastError } from '../../stores/toastStore';
import { blobUrl } from '../../lib/download';
import { formatBytes } from '../../lib/format';
import { PdfPreview } from '../detail/PdfPreview';
import { IncomingForm } from '../register-form/IncomingForm';
import type { FieldName } from '../register-form/formModel';
import { queueFilesFrom, useCaptureQueue, type QueueItem } from './captureQueue';
import './capture.css';

const FIELD_LABELS: Record<string, string> = {
  organName: 'cơ quan ban hành',
  symbol: 'số, ký hiệu',
  issuedDate: 'ngày văn bản',
  typeName: 'loại văn bản',
  signerName: 'người ký',
  subject: 'trích yếu',
  pageAmount: 'số trang',
  urgency: 'độ khẩn',
  secrecy: 'độ mật',
};

function stateText(i: QueueItem): string {
  switch (i.state) {
    case 'waiting':
      return 'Chờ đọc';
    case 'reading':
      return i.pages ? `Đang đọc trang ${Math.max(i.page, 1)}/${i.pages}` : 'Đang mở tệp…';
    case 'ready':
      return i.suggested.length ? `Đã đọc — ${i.suggested.length} trường gợi ý` : 'Đã đọc — chưa xác nhận';
    case 'failed':
      return `Không đọc được: ${i.error ?? ''}`;
    case 'cancelled':
      return 'Đã dừng đọc — nhập tay';
    case 'registered':
      return `Đã vào sổ số đến ${i.registered?.arrivalNumber ?? ''}`;
  }
}

/** Adds the files of a drop or an input to the queue, saying which were not scans. */
export function enqueueFiles(list: Iterable<File>): number {
  const { files, skipped } = queueFilesFrom(list);
  if (skipped.length)
    toastError(`Bỏ qua ${skipped.length} tệp không phải bản quét (PDF, PNG, JPEG, TIFF): ${skipped.slice(0, 3).join(', ')}`);
  useCaptureQueue.getState().add(files);
  return files.length;
}

function Preview({ item }: { item: QueueItem }) {
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const lower = item.fileName.toLowerCase();
  const kind = lower.endsWith('.pdf') ? 'pdf' : /\.(png|jpe?g)$/.test(lower) ? 'image' : 'other';
  useEffect(() => {
    let cancelled = false;
    setBytes(null);
    void item.read().then((b) => !cancelled && setBytes(b));
    return () => {
      cancelled = true;
    };
  }, [item]);
  useEffect(() => {
    if (!bytes || kind !== 'image') return;
    const u = blobUrl(bytes, lower.endsWith('.png') ? 'image/png' : 'image/jpeg');
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [bytes, kind, lower]);
  if (!bytes) return <div className="muted preview-loading">Đang mở tệp…</div>;
  if (kind === 'pdf') return <PdfPreview bytes={bytes} fileName={item.fileName} />;
  if (kind === 'image' && url) return <img className="image-preview" src={url} alt={`Bản quét: ${item.fileName}`} />;
  return <p className="muted">Không xem trước được ảnh TIFF trong cửa sổ này; chữ đọc được nằm bên dưới.</p>;
}

export function CaptureScreen() {
  const items = useCaptureQueue((s) => s.items);
  const currentKey = useCaptureQueue((s) => s.currentKey);
  const { select, next, cancel, remove, update, clearRegistered } = useCaptureQueue.getState();
  const current = items.find((i) => i.key === currentKey) ?? null;
  const fileRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // The form shows the current item: its values go into the register form's draft, and what the
  // clerk types goes back into the item (so moving through the queue loses nothing).
  const shownRef = useRef<{ key: string; state: string } | null>(null);
  useEffect(() => {
    if (!current) return;
    const shown = shownRef.current;
    if (shown && shown.key === current.key && shown.state === current.state) return;
    const becameReady = shown?.key === current.key && current.state === 'ready';
    shownRef.current = { key: current.key, state: current.state };
    if (current.state === 'registered') return;
    useDraft.setState({ values: current.values, attachments: [current], savedNote: null });
    if (becameReady || shown?.key !== current.key) {
      setTimeout(() => document.getElementById('reg-organName')?.focus(), 0);
    }
  }, [current]);
  useEffect(
    () =>
      useDraft.subscribe((d, before) => {
        const key = shownRef.current?.key;
        if (!key || d.values === before.values) return;
        const item = useCaptureQueue.getState().items.find((i) => i.key === key);
        if (item && item.state !== 'registered') update(key, { values: d.values });
      }),
    [update],
  );
  // Leaving the screen leaves the register form empty for typing by hand.
  useEffect(() => () => useDraft.getState().clear(), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      e.preventDefault();
      const list = useCaptureQueue.getState().items;
      const at = list.findIndex((i) => i.key === useCaptureQueue.getState().currentKey);
      const to = list[at + (e.key === 'ArrowDown' ? 1 : -1)];
      if (to) select(to.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select]);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    enqueueFiles(e.dataTransfer.files);
  };
  const done = items.filter((i) => i.state === 'registered').length;

  const capture =
    current && current.state !== 'registered'
      ? {
          suggested: new Set<FieldName>(current.suggested),
          confidence: current.confidence,
          confirm: (f: FieldName) => {
            const item = useCaptureQueue.getState().items.find((i) => i.key === current.key);
            if (item?.suggested.includes(f)) update(current.key, { suggested: item.suggested.filter((x) => x !== f) });
          },
          onRegistered: (rec: { id: number; arrivalNumber: number; register: string }) => {
            update(current.key, {
              state: 'registered',
              suggested: [],
              registered: { id: rec.id, arrivalNumber: rec.arrivalNumber, register: rec.register },
            });
            next(current.key);
          },
        }
      : undefined;

  return (
    <div
      className={`capture-screen${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <aside className="capture-queue" aria-label="Hàng đợi bản quét">
        <div className="capture-queue-head">
          <h2>Quét hàng loạt</h2>
          <div className="muted small">
            {items.length ? `${done}/${items.length} văn bản đã vào sổ` : 'Kéo thả bản quét vào đây, hoặc chọn tệp, chọn thư mục.'}
          </div>
          <div className="capture-queue-actions">
            <button type="button" className="btn btn-small" onClick={() => fileRef.current?.click()}>
              Thêm tệp…
            </button>
            <button type="button" className="btn btn-small" onClick={() => folderRef.current?.click()}>
              Chọn thư mục…
            </button>
            {done ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={clearRegistered}>
                Bỏ các văn bản đã vào sổ
              </button>
            ) : null}
          </div>
          <input
            ref={fileRef}
            type="file"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Thêm bản quét"
            onChange={(e) => {
              enqueueFiles(e.target.files ?? []);
              e.target.value = '';
            }}
          />
          <input
            ref={(el) => {
              folderRef.current = el;
              // A folder picker: Chromium's (and Electron's) webkitdirectory, not in React's types.
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Chọn thư mục bản quét"
            onChange={(e) => {
              enqueueFiles(e.target.files ?? []);
              e.target.value = '';
            }}
          />
        </div>
        <ol className="capture-items">
          {items.map((i) => (
            <li
              key={i.key}
              className={`capture-item state-${i.state}${i.key === currentKey ? ' current' : ''}`}
              aria-current={i.key === currentKey || undefined}
            >
              <button type="button" className="capture-item-main" onClick={() => select(i.key)}>
                <span className="chip-name" title={i.fileName}>
                  {i.fileName}
                </span>
                <span className="muted small">
                  {formatBytes(i.size)} · <span data-testid="capture-state">{stateText(i)}</span>
                </span>
              </button>
              {i.state === 'reading' ? (
                <>
                  <progress max={i.pages ?? 1} value={i.pages ? Math.max(i.page - 1, 0) : 0} aria-label={`Tiến độ đọc ${i.fileName}`} />
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => void cancel(i.key)}>
                    Dừng
                  </button>
                </>
              ) : null}
              {i.state === 'waiting' ? (
                <button type="button" className="icon-btn" aria-label={`Bỏ ${i.fileName} khỏi hàng đợi`} onClick={() => remove(i.key)}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="kbd-hint small">
          <kbd>Enter</kbd> xác nhận gợi ý · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> vào sổ · <kbd>Alt</kbd>+<kbd>↓</kbd>/<kbd>↑</kbd> tệp kế
        </div>
      </aside>
      {current ? (
        <>
          <section className="capture-preview" aria-label={`Bản quét ${current.fileName}`}>
            {current.result?.extraction.lowConfidence ? (
              <div className="banner banner-warn" role="note">
                Chữ đọc được không chắc chắn (độ tin cậy {Math.round(current.result.extraction.confidence)}%): hãy đối chiếu từng trường với
                bản quét.
              </div>
            ) : null}
            {current.result?.extraction.warnings.map((w) => (
              <div key={w} className="banner banner-warn" role="note">
                {w}
              </div>
            ))}
            <Preview item={current} />
          </section>
          <section className="capture-form" aria-label="Biểu mẫu vào sổ từ bản quét">
            {current.state === 'registered' ? (
              <div className="banner" role="status">
                {current.fileName} đã vào sổ số đến {current.registered?.arrivalNumber} (sổ {current.registered?.register}).
              </div>
            ) : (
              <>
                {current.suggested.length ? (
                  <div className="suggest-note small" role="note">
                    Các trường đánh dấu <span className="suggest-badge">gợi ý</span> được đọc từ bản quét (
                    {current.suggested.map((f) => FIELD_LABELS[f] ?? f).join(', ')}): <kbd>Enter</kbd> để xác nhận từng trường, hoặc sửa
                    lại.
                  </div>
                ) : null}
                <IncomingForm key={current.key} mode={{ kind: 'create' }} capture={capture} />
              </>
            )}
          </section>
        </>
      ) : (
        <section className="capture-empty muted">
          <p>Chưa có bản quét nào. Kéo thả tệp PDF hoặc ảnh vào cửa sổ này, hoặc chọn cả một thư mục bản quét.</p>
        </section>
      )}
    </div>
  );
}

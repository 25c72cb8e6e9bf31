/**
 * «Tệp đơn» on a letter's detail: the scanned letter and its enclosures, each opened from
 * here; a file added (at reception the form hands its files over, or later) is read in the
 * background by the capture worker — the page being read is shown, «Hủy» stops it and
 * nothing is written — then listed with how many pages of text were kept. The text read is
 * shown below, page by page, so the clerk sees what the register's search will find. A
 * denunciation's files are not listed to an account without the confidential grant (the
 * server leaves them out and says how many there are).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobView } from '../../../shared/apiTypes';
import type { LetterFileText, LetterRecord } from '../../../shared/domain/letters';
import { call } from '../../api/client';
import { FilePickButton } from '../../components/FilePickButton';
import { ErrorBanner } from '../../components/FormParts';
import { formatVnDateTime } from '../../lib/dates';
import { saveFile, type ChosenFile } from '../../lib/files';
import { formatBytes } from '../../lib/format';
import { toastSuccess } from '../../stores/toastStore';
import { useRights } from '../accounts/rights';

const KIND_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'Ảnh PNG',
  'image/jpeg': 'Ảnh JPEG',
  'image/tiff': 'Ảnh TIFF',
};

interface Running {
  jobId: string;
  fileName: string;
  progress: number;
  total?: number;
}

export function LetterFiles({
  letter,
  onChanged,
  takePending,
}: {
  letter: LetterRecord;
  onChanged(r: LetterRecord): void;
  /** Hands over (once) the files chosen on the reception form, attached as soon as the letter is open. */
  takePending?(): ChosenFile[] | null;
}) {
  const rights = useRights();
  const [ocr, setOcr] = useState(true);
  const [running, setRunning] = useState<Running | null>(null);
  const [queue, setQueue] = useState<ChosenFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [texts, setTexts] = useState<LetterFileText[] | null>(null);
  const alive = useRef(true);
  /** A file is being sent or read: the next one waits (the worker reads one file at a time anyway). */
  const working = useRef(false);
  const [finished, setFinished] = useState(0);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const loadTexts = useCallback(async () => {
    const r = await call('letter.text', { id: letter.id });
    if (r.ok) setTexts(r.value);
  }, [letter.id]);
  useEffect(() => {
    void loadTexts();
  }, [loadTexts, letter.attachments.length]);

  useEffect(() => {
    const files = takePending?.();
    if (files?.length) setQueue((q) => [...q, ...files]);
  }, [takePending]);

  const start = useCallback(
    async (f: ChosenFile) => {
      setError(null);
      const r = await call('letter.attach', { id: letter.id, fileName: f.fileName, bytes: f.bytes, ocr });
      if (!r.ok) return setError(r.error.message);
      let job: JobView<LetterRecord> = r.value;
      setRunning({ jobId: job.jobId, fileName: f.fileName, progress: job.progress, total: job.total });
      while (job.state === 'running' && alive.current) {
        await new Promise((res) => setTimeout(res, 300));
        const s = await call('letter.attachStatus', { jobId: job.jobId });
        if (!s.ok) {
          setError(s.error.message);
          break;
        }
        job = s.value;
        setRunning({ jobId: job.jobId, fileName: f.fileName, progress: job.progress, total: job.total });
      }
      if (!alive.current) return;
      setRunning(null);
      if (job.state === 'done' && job.result) {
        const added = job.result.attachments[job.result.attachments.length - 1];
        toastSuccess(
          added && added.textPages > 0 ? `Đã thêm tệp ${f.fileName}; đọc được chữ ${added.textPages} trang.` : `Đã thêm tệp ${f.fileName}.`,
        );
        onChanged(job.result);
      } else if (job.state === 'cancelled') setError(`Đã hủy thêm tệp ${f.fileName}; không có gì được ghi.`);
      else if (job.state === 'failed') setError(job.error?.message ?? `Không thêm được tệp ${f.fileName}.`);
    },
    [letter.id, ocr, onChanged],
  );

  // One file at a time, in the order chosen.
  useEffect(() => {
    if (working.current || !queue.length) return;
    const [next, ...rest] = queue;
    working.current = true;
    setQueue(rest);
    void start(next!).finally(() => {
      working.current = false;
      setFinished((n) => n + 1);
    });
  }, [queue, finished, start]);

  const cancel = async () => {
    if (!running) return;
    await call('letter.attachCancel', { jobId: running.jobId });
  };

  const open = async (attachmentId: number) => {
    setError(null);
    const r = await call('letter.attachment', { id: letter.id, attachmentId });
    if (!r.ok) return setError(r.error.message);
    const saved = await saveFile(r.value.bytes, r.value.fileName, { mime: r.value.mime, title: 'Lưu tệp đơn' });
    if (typeof saved === 'object') setError(saved.error);
  };

  const pageText = texts?.filter((t) => t.pages.length) ?? [];
  return (
    <section className="panel-box letter-files" aria-label="Tệp đơn">
      <h3>Tệp đơn (ảnh quét, tài liệu kèm theo)</h3>
      <ErrorBanner message={error} />
      {letter.attachments.length ? (
        <table className="data-table letter-file-table" aria-label="Danh sách tệp của đơn">
          <thead>
            <tr>
              <th scope="col">Tệp</th>
              <th scope="col">Loại</th>
              <th scope="col">Dung lượng</th>
              <th scope="col">Chữ đọc được</th>
              <th scope="col">Thêm lúc</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {letter.attachments.map((a) => (
              <tr key={a.id} data-testid="letter-file">
                <td>{a.fileName}</td>
                <td>{KIND_LABELS[a.mime] ?? a.mime}</td>
                <td className="nowrap">{formatBytes(a.size)}</td>
                <td>{a.textPages ? `${a.textPages} trang` : <span className="muted">Không có</span>}</td>
                <td className="nowrap">
                  {formatVnDateTime(a.createdAt)}
                  {a.createdBy ? <span className="muted small"> · {a.createdBy}</span> : null}
                </td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => void open(a.id)} aria-label={`Mở tệp ${a.fileName}`}>
                    Mở
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : letter.attachmentsHidden ? null : (
        <p className="muted">Chưa có tệp nào.</p>
      )}
      {letter.attachmentsHidden ? (
        <p className="letter-hidden" data-testid="files-hidden">
          Đơn tố cáo có tệp đính kèm: chỉ người được cấp quyền xem danh tính người tố cáo mới xem được.
        </p>
      ) : null}
      <div className="letter-file-add">
        {running ? (
          <div className="letter-file-progress" role="status" data-testid="letter-file-progress">
            Đang đọc tệp {running.fileName}
            {running.total ? ` — trang ${Math.max(1, running.progress)}/${running.total}` : '…'}
            {queue.length ? ` (còn ${queue.length} tệp chờ)` : ''}{' '}
            <button type="button" className="btn btn-small" onClick={() => void cancel()}>
              Hủy
            </button>
          </div>
        ) : (
          <>
            <FilePickButton
              label="Thêm tệp (ảnh quét, PDF)…"
              inputLabel="Tệp của đơn (PDF, PNG, JPEG, TIFF)"
              extensions={['pdf', 'png', 'jpg', 'jpeg', 'tif', 'tiff']}
              filterName="Ảnh quét, PDF"
              method="letter.attach"
              onPick={(f) => setQueue((q) => [...q, f])}
            />
            <label className="check" title="Nhận dạng chữ trên ảnh quét để tìm được đơn theo nội dung">
              <input type="checkbox" checked={ocr} onChange={(e) => setOcr(e.target.checked)} disabled={!rights.can('letter.attach')} />{' '}
              Nhận dạng chữ (OCR) trang quét
            </label>
          </>
        )}
      </div>
      {pageText.length ? (
        <div className="letter-file-texts" aria-label="Nội dung đọc được từ tệp">
          <h4>Nội dung đọc được từ tệp</h4>
          {pageText.map((t) => (
            <details key={t.attachmentId} open={pageText.length === 1}>
              <summary>
                {t.fileName} — {t.pages.length} trang
              </summary>
              {t.pages.map((p) => (
                <div key={p.page} className="letter-page-text" data-testid="letter-page-text">
                  <div className="muted small">
                    Trang {p.page} · {p.method === 'ocr' ? `nhận dạng chữ (độ tin cậy ${p.confidence}%)` : 'lớp chữ của PDF'}
                  </div>
                  <pre>{p.text}</pre>
                </div>
              ))}
            </details>
          ))}
        </div>
      ) : null}
    </section>
  );
}

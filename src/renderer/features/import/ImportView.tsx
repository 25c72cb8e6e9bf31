/**
 * "Nhập sổ cũ": an existing register (CSV with the book's Vietnamese headings, or JSON
 * Lines) imported in the background. The job is polled every 300 ms for rows read; Cancel
 * stops it with nothing written. Rejected rows are listed with their line, field and reason.
 */
import { useEffect, useRef, useState } from 'react';
import type { ImportResultView, JobView } from '../../../shared/apiTypes';
import { FIELD_LABELS } from '../../../shared/errors';
import { call } from '../../api/client';
import { getBridge, type PickedFile } from '../../api/bridge';
import { ErrorBanner } from '../../components/FormParts';
import { formatBytes, formatCount } from '../../lib/format';
import { useApp } from '../../stores/appStore';
import { useRegisterList } from '../../stores/registerListStore';
import { toastError } from '../../stores/toastStore';

const POLL_MS = 300;

/** Lines in the file (minus a CSV header): the progress bar's end. */
function countRows(bytes: Uint8Array, fileName: string): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  if (bytes.length && bytes[bytes.length - 1] !== 10) n++;
  return /\.csv$/i.test(fileName) ? Math.max(0, n - 1) : n;
}

export function ImportView() {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [job, setJob] = useState<JobView<ImportResultView> | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const bridge = getBridge();

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const poll = (jobId: string) => {
    timer.current = setTimeout(async () => {
      const r = await call('job.status', { jobId });
      if (!r.ok) {
        toastError(r.error);
        return;
      }
      setJob(r.value);
      if (r.value.state === 'running') poll(jobId);
      else finished(r.value);
    }, POLL_MS);
  };

  const finished = (j: JobView<ImportResultView>) => {
    if (j.state === 'done') {
      void useRegisterList.getState().reload();
      void useApp.getState().loadInfo();
    }
  };

  const choose = async () => {
    if (bridge) {
      const r = await bridge.pickFiles({
        title: 'Chọn tệp sổ cần nhập',
        multiple: false,
        filters: [{ name: 'Sổ văn bản (CSV, JSONL)', extensions: ['csv', 'jsonl', 'ndjson', 'json'] }],
      });
      if (!r.ok) toastError(r.error);
      else if (r.value[0]) {
        setFile(r.value[0]);
        setJob(null);
      }
      return;
    }
    inputRef.current?.click();
  };

  const start = async () => {
    if (!file) return;
    setStartError(null);
    setJob(null);
    const r = await call('import.start', { fileName: file.fileName, bytes: file.bytes, skipInvalid });
    if (!r.ok) {
      setStartError(r.error.message);
      return;
    }
    setJob(r.value);
    if (r.value.state === 'running') poll(r.value.jobId);
    else finished(r.value);
  };

  const cancel = async () => {
    if (!job) return;
    const r = await call('job.cancel', { jobId: job.jobId });
    if (r.ok) setJob(r.value);
  };

  const running = job?.state === 'running';
  const expected = file ? countRows(file.bytes, file.fileName) : 0;
  const rejected = job?.result?.rejected ?? [];

  return (
    <section className="import-view" aria-labelledby="import-title">
      <h2 id="import-title">Nhập sổ văn bản đến có sẵn</h2>
      <p className="muted">
        Tệp CSV (dòng đầu là tiêu đề cột như trong sổ: Số đến, Ngày đến, Tác giả, Số ký hiệu văn bản, Ngày tháng văn bản, Tên loại và trích
        yếu nội dung…) hoặc JSON Lines. Nếu có dòng lỗi, không dòng nào được nhập — trừ khi chọn bỏ qua dòng lỗi.
      </p>
      <div className="import-controls">
        <button type="button" className="btn" onClick={() => void choose()} disabled={running}>
          Chọn tệp…
        </button>
        <input
          ref={inputRef}
          type="file"
          accept=".csv,.jsonl,.ndjson,.json,text/csv"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Tệp sổ cần nhập"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) setFile({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
            setJob(null);
          }}
        />
        <span className="import-file" data-testid="import-file">
          {file ? (
            <>
              <strong>{file.fileName}</strong>{' '}
              <span className="muted">
                ({formatBytes(file.bytes.byteLength)}, khoảng {formatCount(expected)} dòng)
              </span>
            </>
          ) : (
            <span className="muted">Chưa chọn tệp.</span>
          )}
        </span>
        <label className="check">
          <input type="checkbox" checked={skipInvalid} disabled={running} onChange={(e) => setSkipInvalid(e.target.checked)} />
          Bỏ qua dòng lỗi
        </label>
        <button type="button" className="btn btn-primary" disabled={!file || running} onClick={() => void start()}>
          Bắt đầu nhập
        </button>
        {running ? (
          <button type="button" className="btn btn-danger-outline" onClick={() => void cancel()}>
            Dừng nhập
          </button>
        ) : null}
      </div>

      <ErrorBanner message={startError} />

      {job ? (
        <div className="import-progress" aria-live="polite">
          <progress
            max={Math.max(expected, job.progress, 1)}
            value={job.state === 'running' ? job.progress : Math.max(expected, job.progress, 1)}
            aria-label="Tiến độ nhập"
          />
          <div className="small">
            {job.state === 'running' ? `Đang nhập… đã đọc ${formatCount(job.progress)} / ${formatCount(expected)} dòng` : null}
            {job.state === 'done' ? (
              <span className="ok-note" role="status">
                Đã nhập {formatCount(job.result?.imported ?? 0)} văn bản
                {rejected.length ? `; bỏ qua ${formatCount(rejected.length)} dòng lỗi` : ''}.
              </span>
            ) : null}
            {job.state === 'failed' ? (
              <span className="error-text" role="alert">
                {job.error?.message ?? 'Nhập không thành công.'}
              </span>
            ) : null}
            {job.state === 'cancelled' ? <span role="status">Đã dừng nhập; không có gì được ghi.</span> : null}
          </div>
        </div>
      ) : null}

      {rejected.length ? (
        <div className="rejected">
          <h3>Các dòng bị từ chối ({formatCount(rejected.length)})</h3>
          <div className="rejected-scroll">
            <table className="data-table" aria-label="Các dòng bị từ chối">
              <thead>
                <tr>
                  <th scope="col">Dòng</th>
                  <th scope="col">Trường</th>
                  <th scope="col">Lỗi</th>
                </tr>
              </thead>
              <tbody>
                {rejected.slice(0, 1000).map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <td className="num">{r.line}</td>
                    <td>{r.field ? (FIELD_LABELS[r.field] ?? r.field) : '—'}</td>
                    <td>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rejected.length > 1000 ? <p className="muted small">Chỉ hiện 1.000 dòng lỗi đầu tiên.</p> : null}
        </div>
      ) : null}
    </section>
  );
}

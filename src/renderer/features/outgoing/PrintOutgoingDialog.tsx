/** "In sổ văn bản đi": the outgoing register of one register and year as a PDF (Appendix IV), saved or downloaded. */
import { useState } from 'react';
import { call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { vnNow } from '../../lib/dates';
import { saveFile } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { useApp } from '../../stores/appStore';
import { toastError, toastSuccess } from '../../stores/toastStore';

export function PrintOutgoingDialog({ onClose }: { onClose(): void }) {
  const info = useApp((s) => s.info);
  const registers = (info?.registers ?? []).filter((r) => r.direction === 'outgoing');
  const [register, setRegister] = useState(registers[0]?.code ?? 'DI');
  const [year, setYear] = useState(String(vnNow().today.year));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const print = async () => {
    const y = Number(year);
    if (!/^\d{4}$/.test(year.trim()) || y < 1900 || y > 2999) return setError('Năm: phải là số nguyên từ 1900 đến 2999.');
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await call('outgoing.registerPrint', { register, year: y });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    const saved = await saveFile(r.value.bytes, r.value.fileName, { title: 'Lưu sổ đăng ký văn bản đi' });
    if (saved === 'cancelled') return;
    if (typeof saved === 'object') return toastError(saved.error);
    const note = `Đã tạo sổ ${register} năm ${y} (${formatCount(r.value.documents)} văn bản): ${r.value.fileName}`;
    setResult(note);
    toastSuccess(note);
  };

  return (
    <Modal title="In sổ đăng ký văn bản đi" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void print();
        }}
      >
        <p className="muted">Sổ in theo mẫu Phụ lục IV, Nghị định 30/2020/NĐ-CP, để ký và đóng quyển.</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="oprint-register" className="field-label">
              Sổ văn bản
            </label>
            <select id="oprint-register" value={register} onChange={(e) => setRegister(e.target.value)}>
              {registers.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} — {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${error ? ' has-error' : ''}`}>
            <label htmlFor="oprint-year" className="field-label">
              Năm
            </label>
            <input id="oprint-year" type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
          </div>
        </div>
        {error ? (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        ) : null}
        {result ? (
          <div className="banner banner-ok" role="status">
            {result}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang tạo tệp PDF…' : 'Tạo tệp PDF'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * "In sổ": the register book of one register and year as a PDF (Appendix IV layout, made by
 * the server), saved through the desktop app's dialog or downloaded in the browser.
 */
import { useState } from 'react';
import { call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { savePdf } from '../../lib/download';
import { formatCount } from '../../lib/format';
import { vnNow } from '../../lib/dates';
import { incomingRegisters, useApp } from '../../stores/appStore';
import { toastError, toastSuccess } from '../../stores/toastStore';

export function PrintRegisterDialog({ onClose }: { onClose(): void }) {
  const info = useApp((s) => s.info);
  const registers = incomingRegisters(info);
  const [register, setRegister] = useState(registers[0]?.code ?? 'DEN');
  const [year, setYear] = useState(String(vnNow().today.year));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const print = async () => {
    const y = Number(year);
    if (!/^\d{4}$/.test(year.trim()) || y < 1900 || y > 2999) {
      setError('Năm: phải là số nguyên từ 1900 đến 2999.');
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await call('register.print', { register, year: y });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    const saved = await savePdf(r.value.bytes, r.value.fileName);
    if (saved === 'cancelled') return;
    if (typeof saved === 'object') {
      toastError(saved.error);
      return;
    }
    const note = `Đã tạo sổ ${register} năm ${y} (${formatCount(r.value.documents)} văn bản): ${r.value.fileName}`;
    setResult(note);
    toastSuccess(note);
  };

  return (
    <Modal title="In sổ đăng ký văn bản đến" onClose={onClose}>
      <form
        className="print-form"
        onSubmit={(e) => {
          e.preventDefault();
          void print();
        }}
      >
        <p className="muted">Sổ in theo mẫu Phụ lục IV, Nghị định 30/2020/NĐ-CP, để ký và đóng quyển.</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="print-register" className="field-label">
              Sổ văn bản
            </label>
            <select id="print-register" value={register} onChange={(e) => setRegister(e.target.value)} autoFocus>
              {registers.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} — {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${error ? ' has-error' : ''}`}>
            <label htmlFor="print-year" className="field-label">
              Năm
            </label>
            <input id="print-year" type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
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

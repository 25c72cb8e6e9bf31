/** "In sổ theo dõi giải quyết văn bản đến" (Appendix IV) for a period of arrival dates, optionally one unit. */
import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell } from '../../components/FieldShell';
import { Modal } from '../../components/Modal';
import { formatVnDate } from '../../lib/dates';
import { saveFile } from '../../lib/files';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { useUnits } from './unitsStore';
import { isoOrNull, today } from './util';

export function FollowupBookDialog({ unit: initialUnit, onClose }: { unit: string; onClose(): void }) {
  const units = useUnits((s) => s.units);
  const t = today();
  const [from, setFrom] = useState(formatVnDate(`${t.slice(0, 4)}-01-01`));
  const [to, setTo] = useState(formatVnDate(t));
  const [unit, setUnit] = useState(initialUnit);
  const [errors, setErrors] = useState<{ from?: string; to?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    const f = isoOrNull(from);
    const tt = isoOrNull(to);
    const errs: typeof errors = {};
    if (!f) errs.from = 'Từ ngày: ngày không hợp lệ (nhập ngày/tháng/năm).';
    if (!tt) errs.to = 'Đến ngày: ngày không hợp lệ (nhập ngày/tháng/năm).';
    setErrors(errs);
    setDone(null);
    if (!f || !tt) return;
    setBusy(true);
    const r = await call('followup.book', { from: f, to: tt, ...(unit ? { unit } : {}) });
    setBusy(false);
    if (!r.ok) {
      if (r.error.field === 'to') setErrors({ to: r.error.message });
      else if (r.error.field === 'from') setErrors({ from: r.error.message });
      else setErrors({ general: r.error.message });
      return;
    }
    const saved = await saveFile(r.value.bytes, r.value.fileName, { title: 'Lưu sổ theo dõi giải quyết văn bản đến' });
    if (typeof saved === 'object') return toastError(saved.error);
    if (saved === 'saved') {
      setDone(`Đã tạo sổ theo dõi: ${r.value.fileName}`);
      toastSuccess(`Đã tạo sổ theo dõi: ${r.value.fileName}`);
    }
  };

  return (
    <Modal title="In sổ theo dõi giải quyết văn bản đến" onClose={onClose}>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted small">Theo mẫu Phụ lục IV, Nghị định 30/2020/NĐ-CP; in theo từng năm (từ ngày và đến ngày cùng một năm).</p>
        <div className="form-grid">
          <DateField id="book-from" label="Từ ngày" required value={from} onChange={setFrom} error={errors.from} />
          <DateField id="book-to" label="Đến ngày" required value={to} onChange={setTo} error={errors.to} />
          <FieldShell id="book-unit" label="Đơn vị" className="span-2">
            <select id="book-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
              <option value="">Tất cả đơn vị</option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} — {u.name}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
        {errors.general ? (
          <div className="banner banner-error" role="alert">
            {errors.general}
          </div>
        ) : null}
        {done ? (
          <div className="banner banner-ok" role="status">
            {done}
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

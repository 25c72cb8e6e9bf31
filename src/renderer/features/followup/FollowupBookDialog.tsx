/** "In sổ theo dõi giải quyết văn bản đến" (Appendix IV) for a period of arrival dates, optionally one unit. */
import { useState } from 'react';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell } from '../../components/FieldShell';
import { PrintBookDialog, usePrintToFile } from '../../components/PrintBookDialog';
import { formatVnDate } from '../../lib/dates';
import { saveFile } from '../../lib/files';
import { UnitSelect } from './UnitSelect';
import { useUnits } from './unitsStore';
import { isoOrNull, today } from './util';

export function FollowupBookDialog({ unit: initialUnit, onClose }: { unit: string; onClose(): void }) {
  const units = useUnits((s) => s.units);
  const t = today();
  const [from, setFrom] = useState(formatVnDate(`${t.slice(0, 4)}-01-01`));
  const [to, setTo] = useState(formatVnDate(t));
  const [unit, setUnit] = useState(initialUnit);
  const [errors, setErrors] = useState<{ from?: string; to?: string; general?: string }>({});
  const { busy, result, setResult, run } = usePrintToFile();

  const submit = async () => {
    const f = isoOrNull(from);
    const tt = isoOrNull(to);
    const errs: typeof errors = {};
    if (!f) errs.from = 'Từ ngày: ngày không hợp lệ (nhập ngày/tháng/năm).';
    if (!tt) errs.to = 'Đến ngày: ngày không hợp lệ (nhập ngày/tháng/năm).';
    setErrors(errs);
    setResult(null);
    if (!f || !tt) return;
    const failed = await run(
      () => call('followup.book', { from: f, to: tt, ...(unit ? { unit } : {}) }),
      (bytes, fileName) => saveFile(bytes, fileName, { title: 'Lưu sổ theo dõi giải quyết văn bản đến' }),
      (v) => `Đã tạo sổ theo dõi: ${v.fileName}`,
    );
    if (!failed) return;
    if (failed.field === 'to') setErrors({ to: failed.message });
    else if (failed.field === 'from') setErrors({ from: failed.message });
    else setErrors({ general: failed.message });
  };

  return (
    <PrintBookDialog
      title="In sổ theo dõi giải quyết văn bản đến"
      intro="Theo mẫu Phụ lục IV, Nghị định 30/2020/NĐ-CP; in theo từng năm (từ ngày và đến ngày cùng một năm)."
      introClassName="muted small"
      error={errors.general}
      result={result}
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <DateField id="book-from" label="Từ ngày" required value={from} onChange={setFrom} error={errors.from} />
      <DateField id="book-to" label="Đến ngày" required value={to} onChange={setTo} error={errors.to} />
      <FieldShell id="book-unit" label="Đơn vị" className="span-2">
        <UnitSelect id="book-unit" units={units} value={unit} onChange={setUnit} />
      </FieldShell>
    </PrintBookDialog>
  );
}

/** The register book of one register and year as a PDF (Appendix IV): the incoming and the outgoing "In sổ" dialogs. */
import { useState } from 'react';
import type { Result } from '../../shared/result';
import { vnNow } from '../lib/dates';
import { formatCount } from '../lib/format';
import { PrintBookDialog, usePrintToFile, type PdfFile, type SaveOutcome } from './PrintBookDialog';

interface Props {
  title: string;
  /** Prefix of the fields' ids (`<prefix>-register`, `<prefix>-year`). */
  idPrefix: string;
  registers: { code: string; name: string }[];
  defaultRegister: string;
  formClassName?: string;
  autoFocus?: boolean;
  request(register: string, year: number): Promise<Result<PdfFile & { documents: number }>>;
  save(bytes: Uint8Array, fileName: string): Promise<SaveOutcome>;
  onClose(): void;
}

export function RegisterBookDialog({
  title,
  idPrefix,
  registers,
  defaultRegister,
  formClassName,
  autoFocus,
  request,
  save,
  onClose,
}: Props) {
  const [register, setRegister] = useState(registers[0]?.code ?? defaultRegister);
  const [year, setYear] = useState(String(vnNow().today.year));
  const [error, setError] = useState<string | null>(null);
  const { busy, result, setResult, run } = usePrintToFile();

  const print = async () => {
    const y = Number(year);
    if (!/^\d{4}$/.test(year.trim()) || y < 1900 || y > 2999) {
      setError('Năm: phải là số nguyên từ 1900 đến 2999.');
      return;
    }
    setError(null);
    setResult(null);
    const failed = await run(
      () => request(register, y),
      save,
      (v) => `Đã tạo sổ ${register} năm ${y} (${formatCount(v.documents)} văn bản): ${v.fileName}`,
    );
    if (failed) setError(failed.message);
  };

  return (
    <PrintBookDialog
      title={title}
      intro="Sổ in theo mẫu Phụ lục IV, Nghị định 30/2020/NĐ-CP, để ký và đóng quyển."
      formClassName={formClassName}
      error={error}
      result={result}
      busy={busy}
      onSubmit={() => void print()}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor={`${idPrefix}-register`} className="field-label">
          Sổ văn bản
        </label>
        <select id={`${idPrefix}-register`} value={register} onChange={(e) => setRegister(e.target.value)} autoFocus={autoFocus}>
          {registers.map((r) => (
            <option key={r.code} value={r.code}>
              {r.code} — {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor={`${idPrefix}-year`} className="field-label">
          Năm
        </label>
        <input id={`${idPrefix}-year`} type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
      </div>
    </PrintBookDialog>
  );
}

/**
 * Filters of the register list. The common ones (register, year, type, urgency, status)
 * are always visible; "Lọc nâng cao" opens the rest: arrival and issue date ranges, sender,
 * secrecy, and whether voided documents are shown.
 */
import { useState } from 'react';
import { DOCUMENT_TYPE_NAMES } from '../../../shared/domain/documentTypes';
import { INCOMING_STATUS_LABELS, SECRECY_LABELS, URGENCY_LABELS } from '../../../shared/domain/enums';
import { isValidDate } from '../../../shared/text/dates';
import { formatVnDate, parseVnDate, vnNow } from '../../lib/dates';
import { incomingRegisters, useApp } from '../../stores/appStore';
import {
  effectiveSort,
  hasActiveFilters,
  numberOrderAvailable,
  useRegisterList,
  type ListFilters,
  type SortMode,
} from '../../stores/registerListStore';
import { ResultCount } from './ResultCount';

function SelectFilter({
  id,
  label,
  value,
  onChange,
  options,
  allLabel,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  options: [string, string][];
  allLabel: string;
}) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-label={`${label} (lọc)`} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A date filter typed dd/mm/yyyy, applied on Enter or when leaving the box. */
function DateFilter({ id, label, value, onApply }: { id: string; label: string; value: string; onApply(iso: string): void }) {
  const [text, setText] = useState(formatVnDate(value));
  const [bad, setBad] = useState(false);
  const apply = () => {
    const iso = parseVnDate(text);
    if (iso === '') {
      setBad(false);
      if (value) onApply('');
      return;
    }
    if (!iso || !isValidDate(iso)) {
      setBad(true);
      return;
    }
    setBad(false);
    setText(formatVnDate(iso));
    if (iso !== value) onApply(iso);
  };
  return (
    <div className={`filter${bad ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="ngày/tháng/năm"
        value={text}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), apply())}
      />
      {bad ? (
        <div className="field-error" id={`${id}-err`} role="alert">
          Ngày không hợp lệ
        </div>
      ) : null}
    </div>
  );
}

export function FilterBar() {
  const filters = useRegisterList((s) => s.filters);
  const sort = useRegisterList((s) => s.sort);
  const setFilters = useRegisterList((s) => s.setFilters);
  const setSort = useRegisterList((s) => s.setSort);
  const resetFilters = useRegisterList((s) => s.resetFilters);
  const resets = useRegisterList((s) => s.resets);
  const info = useApp((s) => s.info);
  const [advanced, setAdvanced] = useState(false);
  const registers = incomingRegisters(info);
  const thisYear = vnNow().today.year;
  const years: [string, string][] = Array.from({ length: 16 }, (_, i) => String(thisYear - i)).map((y) => [y, y]);
  const set = (patch: Partial<ListFilters>) => setFilters(patch);
  const eff = effectiveSort(filters, sort);
  const sortValue: SortMode = eff;

  return (
    <div className="filter-bar">
      <div className="filter-row">
        <SelectFilter
          id="f-register"
          label="Sổ"
          value={filters.register}
          allLabel="Tất cả các sổ"
          options={registers.map((r) => [r.code, r.confidential ? `${r.code} (mật)` : r.code])}
          onChange={(v) => set({ register: v })}
        />
        <SelectFilter id="f-year" label="Năm" value={filters.year} allLabel="Mọi năm" options={years} onChange={(v) => set({ year: v })} />
        <SelectFilter
          id="f-scope"
          label="Tìm trong"
          value={filters.scope}
          allLabel="Các trường của sổ"
          options={[
            ['content', 'Nội dung tệp (chữ trong bản quét, PDF)'],
            ['all', 'Cả các trường và nội dung tệp'],
          ]}
          onChange={(v) => set({ scope: v as ListFilters['scope'] })}
        />
        <SelectFilter
          id="f-type"
          label="Loại văn bản"
          value={filters.type}
          allLabel="Mọi loại"
          options={DOCUMENT_TYPE_NAMES.map((n) => [n, n])}
          onChange={(v) => set({ type: v })}
        />
        <SelectFilter
          id="f-urgency"
          label="Độ khẩn"
          value={filters.urgency}
          allLabel="Mọi độ khẩn"
          options={Object.entries(URGENCY_LABELS)}
          onChange={(v) => set({ urgency: v })}
        />
        <SelectFilter
          id="f-status"
          label="Trạng thái"
          value={filters.status}
          allLabel="Mọi trạng thái"
          options={Object.entries(INCOMING_STATUS_LABELS)}
          onChange={(v) => set({ status: v as ListFilters['status'] })}
        />
        <div className="filter">
          <label htmlFor="f-sort">Sắp xếp</label>
          <select id="f-sort" value={sortValue} onChange={(e) => setSort(e.target.value as SortMode)}>
            <option value="relevance" disabled={!filters.query.trim()}>
              Phù hợp nhất
            </option>
            <option value="date">Ngày đến (mới nhất)</option>
            <option value="number" disabled={!numberOrderAvailable(filters)}>
              Số đến (theo sổ)
            </option>
          </select>
        </div>
        <div className="filter filter-buttons">
          <button
            type="button"
            className={`btn btn-small${advanced ? ' pressed' : ''}`}
            aria-expanded={advanced}
            aria-controls="advanced-filters"
            onClick={() => setAdvanced((a) => !a)}
          >
            Lọc nâng cao
          </button>
          {hasActiveFilters(filters) ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={resetFilters}>
              Xóa lọc
            </button>
          ) : null}
          <ResultCount />
        </div>
      </div>
      {advanced ? (
        <div className="filter-row advanced" id="advanced-filters" role="group" aria-label="Lọc nâng cao" key={resets}>
          <DateFilter id="f-from" label="Ngày đến từ" value={filters.from} onApply={(v) => set({ from: v })} />
          <DateFilter id="f-to" label="Ngày đến tới" value={filters.to} onApply={(v) => set({ to: v })} />
          <DateFilter id="f-issued-from" label="Ngày VB từ" value={filters.issuedFrom} onApply={(v) => set({ issuedFrom: v })} />
          <DateFilter id="f-issued-to" label="Ngày VB tới" value={filters.issuedTo} onApply={(v) => set({ issuedTo: v })} />
          <OrgFilter value={filters.org} onApply={(v) => set({ org: v })} />
          <SelectFilter
            id="f-secrecy"
            label="Độ mật"
            value={filters.secrecy}
            allLabel="Mọi độ mật"
            options={Object.entries(SECRECY_LABELS)}
            onChange={(v) => set({ secrecy: v })}
          />
          <div className="filter filter-check">
            <label>
              <input type="checkbox" checked={filters.includeVoided} onChange={(e) => set({ includeVoided: e.target.checked })} />
              Hiện cả văn bản đã hủy
            </label>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function OrgFilter({ value, onApply }: { value: string; onApply(v: string): void }) {
  const [text, setText] = useState(value);
  return (
    <div className="filter filter-wide">
      <label htmlFor="f-org">Cơ quan ban hành (lọc)</label>
      <input
        id="f-org"
        type="text"
        value={text}
        placeholder="ví dụ: so tai chinh"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== value && onApply(text)}
        onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), onApply(text))}
      />
    </div>
  );
}

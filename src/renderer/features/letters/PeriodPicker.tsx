/**
 * A reporting period as offices name them: a month, a quarter, the first 6 or 9 months, a
 * year, or any dates. The chosen period's first and last day go to the service.
 */
import { useState } from 'react';
import { DateField } from '../../components/DateField';
import { parseVnDate } from '../../lib/dates';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine' | 'year' | 'custom';
const KIND_LABELS: Record<PeriodKind, string> = {
  month: 'Tháng',
  quarter: 'Quý',
  half: '6 tháng đầu năm',
  nine: '9 tháng đầu năm',
  year: 'Năm',
  custom: 'Từ ngày … đến ngày …',
};

export interface Period {
  kind: PeriodKind;
  year: number;
  month: number;
  quarter: number;
  fromText: string;
  toText: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function defaultPeriod(kind: PeriodKind = 'month'): Period {
  const now = new Date();
  return {
    kind,
    year: now.getFullYear(),
    month: now.getMonth() + 1,
    quarter: Math.floor(now.getMonth() / 3) + 1,
    fromText: '',
    toText: '',
  };
}

/** The period's dates, or an error to show beside the fields. */
export function periodDates(p: Period): { from: string; to: string } | { error: string } {
  const y = p.year;
  const span = (m1: number, m2: number) => ({ from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` });
  switch (p.kind) {
    case 'month':
      return span(p.month, p.month);
    case 'quarter':
      return span(p.quarter * 3 - 2, p.quarter * 3);
    case 'half':
      return span(1, 6);
    case 'nine':
      return span(1, 9);
    case 'year':
      return span(1, 12);
    default: {
      const from = parseVnDate(p.fromText);
      const to = parseVnDate(p.toText);
      if (!from || !to) return { error: 'Nhập từ ngày và đến ngày theo dạng ngày/tháng/năm.' };
      return { from, to };
    }
  }
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear - i);

export function PeriodPicker({ value, onChange, idPrefix }: { value: Period; onChange(p: Period): void; idPrefix: string }) {
  const [p, setP] = useState(value);
  const set = (patch: Partial<Period>) => {
    const next = { ...p, ...patch };
    setP(next);
    onChange(next);
  };
  return (
    <div className="period-picker">
      <label className="filter">
        Kỳ
        <select aria-label="Kỳ báo cáo" value={p.kind} onChange={(e) => set({ kind: e.target.value as PeriodKind })}>
          {(Object.keys(KIND_LABELS) as PeriodKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {p.kind === 'month' ? (
        <label className="filter">
          Tháng
          <select aria-label="Tháng" value={p.month} onChange={(e) => set({ month: Number(e.target.value) })}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {p.kind === 'quarter' ? (
        <label className="filter">
          Quý
          <select aria-label="Quý" value={p.quarter} onChange={(e) => set({ quarter: Number(e.target.value) })}>
            {['I', 'II', 'III', 'IV'].map((q, i) => (
              <option key={q} value={i + 1}>
                {q}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {p.kind !== 'custom' ? (
        <label className="filter">
          Năm
          <select aria-label="Năm báo cáo" value={p.year} onChange={(e) => set({ year: Number(e.target.value) })}>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <>
          <DateField id={`${idPrefix}-from`} label="Từ ngày" value={p.fromText} onChange={(t) => set({ fromText: t })} />
          <DateField id={`${idPrefix}-to`} label="Đến ngày" value={p.toText} onChange={(t) => set({ toText: t })} />
        </>
      )}
    </div>
  );
}

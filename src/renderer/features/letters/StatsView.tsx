/**
 * «Thống kê»: for a period, letters received by kind and by channel and what became of them
 * (transferred, guided, accepted, filed, returned, overdue), hotline feedback received and
 * handled, by cause and by unit — the figures the report's sentences are written from. A
 * specialist sees their unit's only (the service decides).
 */
import { useState } from 'react';
import {
  HOTLINE_CAUSES,
  HOTLINE_CAUSE_LABELS,
  LETTER_CHANNELS,
  LETTER_CHANNEL_LABELS,
  LETTER_KINDS,
  LETTER_KIND_LABELS,
  vnNumber,
  type LetterStats,
} from '../../../shared/domain/letters';
import { call } from '../../api/client';
import { formatVnDate } from '../../lib/dates';
import { RightButton } from '../accounts/RightButton';
import { defaultPeriod, PeriodPicker, periodDates, type Period } from './PeriodPicker';

function Table({ title, rows, testId }: { title: string; rows: [string, number][]; testId: string }) {
  return (
    <section className="panel-box stats-box" aria-label={title}>
      <h3>{title}</h3>
      <table className="data-table stats-table" data-testid={testId}>
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <td>{label}</td>
              <td className="num-cell">{vnNumber(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function StatsView() {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod('year'));
  const [stats, setStats] = useState<LetterStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const d = periodDates(period);
    if ('error' in d) return setError(d.error);
    const r = await call('letter.stats', d);
    if (!r.ok) {
      setStats(null);
      return setError(r.error.message);
    }
    setError(null);
    setStats(r.value);
  };
  const l = stats?.letters;
  const h = stats?.hotline;
  return (
    <div className="letters-pane stats-view">
      <div className="fu-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} idPrefix="stats" />
        <RightButton method="letter.stats" className="btn btn-primary" onClick={() => void load()}>
          Xem thống kê
        </RightButton>
      </div>
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
      {stats && l && h ? (
        <>
          <p className="muted">
            Từ ngày {formatVnDate(stats.from)} đến ngày {formatVnDate(stats.to)}; quá hạn tính đến ngày {formatVnDate(stats.asOf)}.
          </p>
          <div className="stats-grid">
            <Table
              title="Đơn theo kết quả xử lý"
              testId="stats-outcomes"
              rows={[
                ['Đơn tiếp nhận', l.received],
                ['Chuyển cơ quan có thẩm quyền', l.transferred],
                ['Hướng dẫn công dân', l.guided],
                ['Thụ lý giải quyết', l.accepted],
                ['Lưu đơn', l.filed],
                ['Trả lại đơn', l.returned],
                ['Đã có kết quả', l.answered],
                ['Chưa xử lý xong', l.pending],
                ['Quá hạn', l.overdue],
                ['Đơn nặc danh', l.anonymous],
                ['Đơn trùng', l.duplicates],
              ]}
            />
            <Table title="Đơn theo loại" testId="stats-kinds" rows={LETTER_KINDS.map((k) => [LETTER_KIND_LABELS[k], l.byKind[k]])} />
            <Table
              title="Đơn theo nguồn"
              testId="stats-channels"
              rows={LETTER_CHANNELS.map((c) => [LETTER_CHANNEL_LABELS[c], l.byChannel[c]])}
            />
            <Table
              title="Phản ánh qua đường dây nóng"
              testId="stats-hotline"
              rows={[
                ['Tiếp nhận', h.received],
                ['Đã chuyển đơn vị', h.forwarded],
                ['Đã xử lý (có trả lời hoặc kết thúc)', h.handled],
                ['Quá hạn', h.overdue],
                ...HOTLINE_CAUSES.map((c): [string, number] => [`Nguyên nhân: ${HOTLINE_CAUSE_LABELS[c]}`, h.byCause[c]]),
                ...h.byUnit.map((u): [string, number] => [`Đơn vị: ${u.name}`, u.n]),
              ]}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}

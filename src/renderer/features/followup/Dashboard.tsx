/**
 * "Thống kê": the period's figures (from 1 January to today unless changed) for every unit
 * or one — received, assigned, completed, on time, overdue, on-time rate — a bar per unit,
 * the breakdown by document type, and the same report exported as PDF or XLSX.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { CHANNEL_LABELS, URGENCY_LABELS } from '../../../shared/domain/enums';
import { TASK_STATUS_LABELS, TASK_VIEW_STATUSES, type Report } from '../../../shared/domain/workflow';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell } from '../../components/FieldShell';
import { ErrorBanner } from '../../components/FormParts';
import { formatVnDate } from '../../lib/dates';
import { saveFile } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { UnitBars } from './UnitBars';
import { UnitSelect } from './UnitSelect';
import { useUnits } from './unitsStore';
import { formatRate, isoOrNull, today } from './util';
import { RightButton } from '../accounts/RightButton';

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: string; testId: string }) {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`} data-testid={testId}>
      <div className="figure-value">{value}</div>
      <div className="figure-label">{label}</div>
    </div>
  );
}

function Breakdown({ title, data, labels }: { title: string; data: Record<string, number>; labels?: Record<string, string> }) {
  const rows = Object.entries(data).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">Không có dữ liệu.</p>
      ) : (
        <table className="data-table compact breakdown" aria-label={title}>
          <tbody>
            {rows.map(([k, n]) => (
              <tr key={k}>
                <th scope="row">{labels?.[k] ?? k}</th>
                <td className="num-cell">{formatCount(n)}</td>
                <td className="bar-cell">
                  <span className="hbar" style={{ width: `${Math.max(2, (n / max) * 100)}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Dashboard() {
  const units = useUnits((s) => s.units);
  const t = today();
  const [from, setFrom] = useState(formatVnDate(`${t.slice(0, 4)}-01-01`));
  const [to, setTo] = useState(formatVnDate(t));
  const [unit, setUnit] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [errors, setErrors] = useState<{ from?: string; to?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);

  const period = (): { from: string; to: string } | null => {
    const f = isoOrNull(from);
    const tt = isoOrNull(to);
    const errs: typeof errors = {};
    if (!f) errs.from = 'Từ ngày: ngày không hợp lệ (nhập ngày/tháng/năm).';
    if (!tt) errs.to = 'Đến ngày: ngày không hợp lệ (nhập ngày/tháng/năm).';
    setErrors(errs);
    return f && tt ? { from: f, to: tt } : null;
  };

  const load = useCallback(async (p: { from: string; to: string }, u: string) => {
    setBusy(true);
    const r = await call('report.get', { ...p, ...(u ? { unit: u } : {}) });
    setBusy(false);
    if (!r.ok) {
      if (r.error.field === 'to' || r.error.field === 'from') setErrors({ [r.error.field]: r.error.message });
      else setErrors({ general: r.error.message });
      return;
    }
    setReport(r.value);
  }, []);

  useEffect(() => {
    void load({ from: `${t.slice(0, 4)}-01-01`, to: t }, '');
  }, [load, t]);

  const exportAs = async (format: 'pdf' | 'xlsx') => {
    const p = period();
    if (!p) return;
    const r = await call('report.export', { ...p, ...(unit ? { unit } : {}), format });
    if (!r.ok) return toastError(r.error);
    const saved = await saveFile(r.value.bytes, r.value.fileName, { title: 'Lưu báo cáo thống kê' });
    if (typeof saved === 'object') toastError(saved.error);
    else if (saved === 'saved') toastSuccess(`Đã xuất báo cáo: ${r.value.fileName}`);
  };

  return (
    <div className="dashboard">
      <form
        className="fu-toolbar dash-filters"
        aria-label="Kỳ thống kê"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          const p = period();
          if (p) void load(p, unit);
        }}
      >
        <DateField id="dash-from" label="Từ ngày" value={from} onChange={setFrom} error={errors.from} />
        <DateField id="dash-to" label="Đến ngày" value={to} onChange={setTo} error={errors.to} />
        <FieldShell id="dash-unit" label="Đơn vị">
          <UnitSelect id="dash-unit" units={units} value={unit} onChange={setUnit} />
        </FieldShell>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang tính…' : 'Xem thống kê'}
        </button>
        <span className="spacer" />
        <RightButton method="report.export" className="btn" onClick={() => void exportAs('pdf')}>
          Xuất PDF
        </RightButton>
        <RightButton method="report.export" className="btn" onClick={() => void exportAs('xlsx')}>
          Xuất Excel (XLSX)
        </RightButton>
      </form>
      <ErrorBanner message={errors.general} />
      {report ? (
        <div className="dash-body" data-testid="dashboard" aria-busy={busy}>
          <p className="muted small dash-period">
            Kỳ {formatVnDate(report.from)} – {formatVnDate(report.to)}
            {report.unit ? ` · đơn vị ${report.unit}` : ' · tất cả đơn vị'} · tính quá hạn đến ngày {formatVnDate(report.asOf)}
          </p>
          <div className="figures">
            <Figure testId="fig-received" label="Văn bản đến" value={formatCount(report.received)} />
            <Figure testId="fig-assigned" label="Đã giao" value={formatCount(report.assigned)} />
            <Figure testId="fig-completed" label="Hoàn thành" value={formatCount(report.completed)} tone="ok" />
            <Figure testId="fig-ontime" label="Đúng hạn" value={formatCount(report.completedOnTime)} tone="ok" />
            <Figure testId="fig-overdue" label="Quá hạn" value={formatCount(report.overdue)} tone={report.overdue ? 'bad' : undefined} />
            <Figure testId="fig-rate" label="Tỷ lệ đúng hạn" value={formatRate(report.onTimeRate)} tone="primary" />
          </div>
          <div className="dash-panels">
            <section className="panel-box dash-chart" aria-labelledby="dash-units-title">
              <h3 id="dash-units-title">Theo đơn vị (đơn vị chủ trì)</h3>
              <UnitBars units={report.byUnit} />
              {report.byUnit.length ? (
                <table className="data-table compact" aria-label="Số liệu theo đơn vị">
                  <thead>
                    <tr>
                      <th scope="col">Đơn vị</th>
                      <th scope="col" className="num-cell">
                        Được giao
                      </th>
                      <th scope="col" className="num-cell">
                        Hoàn thành
                      </th>
                      <th scope="col" className="num-cell">
                        Đúng hạn
                      </th>
                      <th scope="col" className="num-cell">
                        Quá hạn
                      </th>
                      <th scope="col" className="num-cell">
                        Đang xử lý
                      </th>
                      <th scope="col" className="num-cell">
                        Tỷ lệ đúng hạn
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.byUnit.map((u) => (
                      <tr key={u.unit}>
                        <td>
                          <strong>{u.unit}</strong> <span className="muted">{u.name}</span>
                        </td>
                        <td className="num-cell">{u.assigned}</td>
                        <td className="num-cell">{u.completed}</td>
                        <td className="num-cell">{u.completedOnTime}</td>
                        <td className={`num-cell${u.overdue ? ' fu-late' : ''}`}>{u.overdue}</td>
                        <td className="num-cell">{u.inProgress}</td>
                        <td className="num-cell">{formatRate(u.onTimeRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
            <section className="panel-box dash-side" aria-label="Phân loại văn bản đến">
              <Breakdown title="Theo loại văn bản" data={report.receivedByType} />
              <Breakdown title="Theo hình thức" data={report.receivedByChannel} labels={CHANNEL_LABELS} />
              <Breakdown title="Theo độ khẩn" data={report.receivedByUrgency} labels={URGENCY_LABELS} />
              <h3>Nhiệm vụ ({formatCount(report.tasks.total)})</h3>
              <ul className="task-summary">
                {TASK_VIEW_STATUSES.map((s) => (
                  <li key={s}>
                    {TASK_STATUS_LABELS[s]}: <strong>{report.tasks[s]}</strong>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </div>
      ) : !errors.general ? (
        <p className="muted dash-period">Đang tính số liệu…</p>
      ) : null}
    </div>
  );
}

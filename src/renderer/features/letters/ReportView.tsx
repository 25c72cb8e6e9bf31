/**
 * «Báo cáo định kỳ»: the office's «Báo cáo kết quả thực hiện nhiệm vụ» for a period. The
 * figures that come from other systems (administrative-procedure dossiers) are typed here and
 * marked (*) in the report. «Xem số liệu» shows the sentences and the table as they will be
 * written; «Soạn dự thảo báo cáo» (a leader's) drafts the outgoing «Báo cáo» with the table as
 * its appendix and opens it in «Văn bản đi», where it goes through approval, numbering and
 * signing like any outgoing document.
 */
import { useState } from 'react';
import type { OfficeReport } from '../../../shared/domain/letters';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { useApp } from '../../stores/appStore';
import { toastSuccess } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useOutgoing } from '../outgoing/outgoingStore';
import { errorFor, generalError } from './letterText';
import { defaultPeriod, PeriodPicker, periodDates, type Period } from './PeriodPicker';

type DossierKey = 'received' | 'resolved' | 'onTime';
const DOSSIER_LABELS: Record<DossierKey, string> = {
  received: 'Hồ sơ TTHC tiếp nhận',
  resolved: 'Hồ sơ đã giải quyết',
  onTime: 'Trong đó đúng hạn và trước hạn',
};

export function ReportView() {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod('nine'));
  const [dossiers, setDossiers] = useState<Record<DossierKey, string>>({ received: '', resolved: '', onTime: '' });
  const [report, setReport] = useState<OfficeReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  /** The call's input, or an error beside the field that cannot be read. */
  const input = () => {
    const d = periodDates(period);
    if ('error' in d) {
      setError({ code: 'invalid_date', field: 'from', message: d.error });
      return null;
    }
    const figures: Partial<Record<DossierKey, number>> = {};
    for (const k of Object.keys(dossiers) as DossierKey[]) {
      const t = dossiers[k].replace(/[.\s]/g, '');
      if (!t) continue;
      if (!/^\d{1,9}$/.test(t)) {
        setError({ code: 'invalid_number', field: `dossiers.${k}`, message: `${DOSSIER_LABELS[k]}: nhập một số nguyên không âm.` });
        return null;
      }
      figures[k] = Number(t);
    }
    return { ...d, ...(Object.keys(figures).length ? { dossiers: figures } : {}) };
  };

  const preview = async () => {
    const i = input();
    if (!i) return;
    setBusy(true);
    const r = await call('report.office', i);
    setBusy(false);
    if (!r.ok) {
      setReport(null);
      return setError(r.error);
    }
    setError(null);
    setReport(r.value);
  };

  const draft = async () => {
    const i = input();
    if (!i) return;
    setBusy(true);
    const r = await call('report.officeDraft', i);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    toastSuccess(`Đã soạn dự thảo báo cáo ${r.value.report.periodLabel}.`);
    useOutgoing.getState().show({ name: 'detail', id: r.value.draft.id });
    useApp.getState().show({ name: 'outgoing' });
  };

  const periodError = errorFor(error, 'from', 'to');
  return (
    <div className="letters-pane report-view">
      <section className="panel-box" aria-label="Kỳ báo cáo và số liệu nhập tay">
        <h3>Báo cáo kết quả thực hiện nhiệm vụ</h3>
        <div className="fu-toolbar report-period">
          <PeriodPicker value={period} onChange={setPeriod} idPrefix="report" />
        </div>
        {periodError ? (
          <div className="field-error" role="alert">
            {periodError}
          </div>
        ) : null}
        <p className="muted small">Số liệu hồ sơ thủ tục hành chính lấy từ hệ thống khác: nhập tay cho kỳ báo cáo, được đánh dấu (*).</p>
        <div className="report-dossiers">
          {(Object.keys(DOSSIER_LABELS) as DossierKey[]).map((k) => {
            const id = `report-dossiers-${k}`;
            const e = errorFor(error, `dossiers.${k}`);
            return (
              <FieldShell key={k} id={id} label={`${DOSSIER_LABELS[k]} (*)`} error={e}>
                <input
                  id={id}
                  type="text"
                  inputMode="numeric"
                  value={dossiers[k]}
                  onChange={(ev) => setDossiers((o) => ({ ...o, [k]: ev.target.value }))}
                  {...describedBy(id, e)}
                />
              </FieldShell>
            );
          })}
        </div>
        {generalError(error, ['from', 'to', 'dossiers']) ? (
          <div className="banner banner-error" role="alert">
            {error!.message}
          </div>
        ) : null}
        <div className="form-actions">
          <RightButton method="report.office" className="btn" disabled={busy} onClick={() => void preview()}>
            Xem số liệu
          </RightButton>
          <RightButton method="report.officeDraft" className="btn btn-primary" disabled={busy} onClick={() => void draft()}>
            Soạn dự thảo báo cáo
          </RightButton>
        </div>
      </section>
      {report ? (
        <section className="panel-box report-preview" aria-label="Số liệu báo cáo" data-testid="report-preview">
          <h3>Kết quả thực hiện nhiệm vụ {report.periodLabel}</h3>
          {report.sections.map((s) => (
            <div key={s.heading} className="report-section">
              <h4>{s.heading}</h4>
              {s.text.map((t) => (
                <p key={t}>{t}</p>
              ))}
            </div>
          ))}
          <table className="data-table report-table">
            <thead>
              <tr>
                <th>STT</th>
                <th>Nội dung</th>
                <th>Đơn vị tính</th>
                <th className="num-cell">Số liệu</th>
              </tr>
            </thead>
            <tbody>
              {report.table.map((r, i) => (
                <tr key={i} className={r.group ? 'report-group' : undefined}>
                  <td>{r.no}</td>
                  <td>
                    {r.label}
                    {r.manual ? ' (*)' : ''}
                  </td>
                  <td>{r.unit}</td>
                  <td className="num-cell">{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.dossiers ? <p className="muted small">{report.manualNote}</p> : null}
        </section>
      ) : null}
    </div>
  );
}

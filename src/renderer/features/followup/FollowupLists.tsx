/**
 * "Quá hạn, sắp đến hạn": the open assignments past their deadline (red) and those due in
 * the next few days (amber), for every unit or one. From here: open a document, draft the
 * reminder công văn to a late unit, print the follow-up book (Sổ theo dõi giải quyết văn
 * bản đến) for a period.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { formatVnDate } from '../../lib/dates';
import { useApp } from '../../stores/appStore';
import { toastError } from '../../stores/toastStore';
import { call } from '../../api/client';
import { FollowupBookDialog } from './FollowupBookDialog';
import { useFollowup } from './followupStore';
import { RemindDialog } from './RemindDialog';
import { UnitSelect } from './UnitSelect';
import { useUnits } from './unitsStore';
import { ROLE_LABELS, daysBetween, today } from './util';
import { RightButton } from '../accounts/RightButton';

type Row = OutputOf<'followup.overdue'>[number];

function FollowTable({ rows, kind, label }: { rows: Row[]; kind: 'overdue' | 'soon'; label: string }) {
  const t = today();
  return (
    <table className="data-table fu-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Số đến</th>
          <th scope="col">Văn bản</th>
          <th scope="col">Đơn vị xử lý</th>
          <th scope="col">Hạn giải quyết</th>
          <th scope="col">Tình trạng</th>
          <th scope="col">
            <span className="visually-hidden">Thao tác</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const d = daysBetween(t, r.dueDate);
          return (
            <tr key={r.id} className={`fu-row fu-${kind}`} data-unit={r.unit} data-document={r.documentId}>
              <td className="num-cell">
                <strong>{r.arrivalNumber}</strong>
                <div className="muted small">{formatVnDate(r.arrivalDate)}</div>
              </td>
              <td>
                <span className="type-name">{r.typeName}</span> {r.symbol ?? ''} — {r.organName}
                <div className="fu-subject">{r.subject}</div>
              </td>
              <td>
                {r.unitName} <span className="muted small">({ROLE_LABELS[r.role].toLowerCase()})</span>
                {r.status === 'in_progress' ? <div className="muted small">Đang xử lý</div> : null}
              </td>
              <td className="nowrap">{formatVnDate(r.dueDate)}</td>
              <td className="nowrap">
                {d < 0 ? (
                  <span className="fu-late">Quá hạn {-d} ngày</span>
                ) : d === 0 ? (
                  <span className="fu-due">Hạn hôm nay</span>
                ) : (
                  <span className="fu-due">Còn {d} ngày</span>
                )}
              </td>
              <td>
                <button type="button" className="btn btn-small" onClick={() => useApp.getState().openDetail(r.documentId)}>
                  Mở văn bản
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FollowupLists() {
  const unit = useFollowup((s) => s.unit);
  const units = useUnits((s) => s.units);
  const [days, setDays] = useState('3');
  const [overdue, setOverdue] = useState<Row[] | null>(null);
  const [soon, setSoon] = useState<Row[] | null>(null);
  const [remindOpen, setRemindOpen] = useState(false);
  const [bookOpen, setBookOpen] = useState(false);

  const load = useCallback(async () => {
    const n = /^\d+$/.test(days) ? Math.min(365, Number(days)) : 3;
    const u = unit ? { unit } : {};
    const [o, s] = await Promise.all([call('followup.overdue', u), call('followup.dueSoon', { ...u, days: n })]);
    if (o.ok) setOverdue(o.value);
    else toastError(o.error);
    if (s.ok) setSoon(s.value);
    else toastError(s.error);
  }, [unit, days]);

  useEffect(() => {
    void load();
  }, [load]);

  // Late units, most overdue items first: the reminder goes to one of them.
  const lateUnits = [...new Set((overdue ?? []).map((r) => r.unit))];

  return (
    <div className="fu-lists">
      <div className="fu-toolbar">
        <label className="filter">
          Đơn vị
          <UnitSelect aria-label="Lọc theo đơn vị" units={units} value={unit} onChange={(code) => useFollowup.getState().setUnit(code)} />
        </label>
        <label className="filter">
          Sắp đến hạn trong (ngày)
          <input
            type="text"
            inputMode="numeric"
            className="fu-days"
            aria-label="Số ngày sắp đến hạn"
            value={days}
            onChange={(e) => setDays(e.target.value.replace(/\D/g, '').slice(0, 3))}
          />
        </label>
        <span className="spacer" />
        <RightButton method="followup.remind" className="btn" disabled={lateUnits.length === 0} onClick={() => setRemindOpen(true)}>
          Soạn văn bản nhắc nhở
        </RightButton>
        <RightButton method="followup.book" className="btn" onClick={() => setBookOpen(true)}>
          In sổ theo dõi…
        </RightButton>
      </div>
      <div className="fu-scroll">
        <section className="fu-section fu-section-overdue" aria-labelledby="fu-overdue-title">
          <h3 id="fu-overdue-title">
            Quá hạn <span className="fu-count fu-count-overdue">{overdue?.length ?? '…'}</span>
          </h3>
          {overdue === null ? (
            <div className="muted">Đang tải…</div>
          ) : overdue.length === 0 ? (
            <p className="muted">Không có văn bản nào quá hạn giải quyết.</p>
          ) : (
            <FollowTable rows={overdue} kind="overdue" label="Văn bản quá hạn" />
          )}
        </section>
        <section className="fu-section fu-section-soon" aria-labelledby="fu-soon-title">
          <h3 id="fu-soon-title">
            Sắp đến hạn <span className="fu-count fu-count-soon">{soon?.length ?? '…'}</span>
          </h3>
          {soon === null ? (
            <div className="muted">Đang tải…</div>
          ) : soon.length === 0 ? (
            <p className="muted">Không có văn bản nào đến hạn trong {days || 3} ngày tới.</p>
          ) : (
            <FollowTable rows={soon} kind="soon" label="Văn bản sắp đến hạn" />
          )}
        </section>
      </div>
      {remindOpen ? (
        <RemindDialog
          lateUnits={lateUnits}
          defaultUnit={unit && lateUnits.includes(unit) ? unit : (lateUnits[0] ?? '')}
          onClose={() => setRemindOpen(false)}
        />
      ) : null}
      {bookOpen ? <FollowupBookDialog unit={unit} onClose={() => setBookOpen(false)} /> : null}
    </div>
  );
}

/**
 * "Chỉ đạo, giao xử lý" (Decree 30 Art. 24, Phiếu giải quyết văn bản đến): the leader's
 * direction of one incoming document — the lead unit (chủ trì), supporting units (phối
 * hợp), the deadline as a date or as N working days from the arrival date (the date is
 * computed by the server's working calendar and shown at once), and the direction text.
 * Below: the current assignments with each unit's progress, the earlier directions, and
 * the routing slip to print.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { ASSIGNMENT_STATUS_LABELS, type Assignment } from '../../../shared/domain/workflow';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { CTRL_ENTER_HINT, ErrorBanner, FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { VN_WEEKDAYS_LONG, formatVnDate, formatVnDateTime, weekdayMon0 } from '../../lib/dates';
import { saveFile } from '../../lib/files';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { ROLE_LABELS, daysBetween, isoOrNull, today } from './util';
import { useUnits } from './unitsStore';
import '../../styles/modules.css';
import './followup.css';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';

type Field = 'lead' | 'support' | 'due' | 'days' | 'direction' | 'unit' | 'reply' | 'note';

function longDate(iso: string): string {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  return `${VN_WEEKDAYS_LONG[weekdayMon0(y, m, d)]}, ${formatVnDate(iso)}`;
}

function fieldOf(e: AppError): Field | null {
  switch (e.field) {
    case 'lead':
    case 'support':
    case 'direction':
    case 'unit':
    case 'reply':
    case 'note':
      return e.field;
    case 'due':
      return 'due';
    case 'dueWorkingDays':
      return 'days';
    default:
      return null;
  }
}

function StatusText({ a }: { a: Assignment }) {
  const late = a.status === 'done' ? (a.doneAt ?? '').slice(0, 10) > a.dueDate : a.dueDate < today();
  return (
    <span className={`astatus astatus-${a.status}${late ? ' late' : ''}`}>
      {ASSIGNMENT_STATUS_LABELS[a.status]}
      {a.status === 'done' && a.doneAt ? ` ${formatVnDate(a.doneAt)}` : ''}
      {late ? (a.status === 'done' ? ' (quá hạn)' : ' — quá hạn') : ''}
    </span>
  );
}

export function DirectionDialog({ document: doc, onClose }: { document: IncomingRecord; onClose(): void }) {
  // A leader directs; a specialist (and a leader) reports progress; the others read.
  const rights = useRights();
  const canAssign = rights.can('incoming.assign');
  const canReport = rights.can('incoming.progress');
  const units = useUnits((s) => s.units);
  const [data, setData] = useState<{ current: Assignment[]; history: Assignment[] } | null>(null);
  const [lead, setLead] = useState('');
  const [support, setSupport] = useState<string[]>([]);
  const [mode, setMode] = useState<'days' | 'date'>(doc.dueDate ? 'date' : 'days');
  const [days, setDays] = useState('');
  const [dueText, setDueText] = useState(doc.dueDate ? formatVnDate(doc.dueDate) : '');
  const [computed, setComputed] = useState<string | null>(null);
  const [direction, setDirection] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Progress report of one unit.
  const [pUnit, setPUnit] = useState('');
  const [pStatus, setPStatus] = useState<'in_progress' | 'done'>('done');
  const [pReply, setPReply] = useState('');
  const [pNote, setPNote] = useState('');
  const [pErrors, setPErrors] = useState<Partial<Record<Field, string>>>({});
  const arrivalDay = doc.arrivalDate.slice(0, 10);
  const voided = doc.status === 'voided';

  const load = useCallback(async () => {
    const r = await call('incoming.assignments', { id: doc.id });
    if (!r.ok) return toastError(r.error);
    setData(r.value);
    const leadRow = r.value.current.find((a) => a.role === 'lead');
    if (leadRow) {
      setLead((l) => l || leadRow.unit);
      setSupport((s) => (s.length ? s : r.value.current.filter((a) => a.role === 'support').map((a) => a.unit)));
      setDirection((d) => d || leadRow.direction || '');
    }
    setPUnit((u) => u || r.value.current[0]?.unit || '');
  }, [doc.id]);

  useEffect(() => {
    void useUnits.getState().load();
    void load();
  }, [load]);

  // The deadline N working days after arrival, as the server's calendar counts it.
  useEffect(() => {
    if (mode !== 'days') return setComputed(null);
    const n = Number(days.trim());
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > 365) return setComputed(null);
    let cancelled = false;
    const t = setTimeout(async () => {
      const r = await call('calendar.workingDays', { from: arrivalDay, days: n });
      if (!cancelled) setComputed(r.ok ? r.value.date : null);
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [mode, days, arrivalDay]);

  const clear = (f: Field) => {
    setErrors((e) => ({ ...e, [f]: undefined }));
    setGeneral(null);
  };

  const submit = async () => {
    if (busy) return;
    const errs: Partial<Record<Field, string>> = {};
    if (!lead) errs.lead = 'Đơn vị chủ trì: chưa chọn.';
    let due: string | null = null;
    let n: number | null = null;
    if (mode === 'days') {
      n = Number(days.trim());
      if (!/^\d+$/.test(days.trim()) || n < 1 || n > 365) errs.days = 'Số ngày làm việc: phải là số nguyên từ 1 đến 365.';
    } else {
      due = isoOrNull(dueText);
      if (!dueText.trim()) errs.due = 'Hạn giải quyết: chưa nhập.';
      else if (!due) errs.due = 'Hạn giải quyết: ngày không hợp lệ (nhập ngày/tháng/năm, ví dụ 05/01/2026).';
      else if (due < arrivalDay) errs.due = 'Hạn giải quyết không được trước ngày đến.';
    }
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await call('incoming.assign', {
      id: doc.id,
      lead,
      support: support.filter((s) => s !== lead),
      ...(mode === 'days' ? { dueWorkingDays: n! } : { due: due! }),
      ...(direction.trim() ? { direction: direction.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      const f = fieldOf(r.error);
      if (f) setErrors({ [f]: r.error.message });
      else setGeneral(r.error.message);
      return;
    }
    const leadRow = r.value.find((a) => a.role === 'lead');
    toastSuccess(`Đã giao ${leadRow?.unitName ?? lead} chủ trì xử lý, hạn ${formatVnDate(leadRow?.dueDate ?? '')}.`);
    await load();
  };

  const report = async () => {
    const errs: Partial<Record<Field, string>> = {};
    if (!pUnit) errs.unit = 'Đơn vị: chưa chọn.';
    setPErrors(errs);
    if (Object.keys(errs).length) return;
    const r = await call('incoming.progress', {
      id: doc.id,
      unit: pUnit,
      status: pStatus,
      ...(pReply.trim() ? { reply: pReply.trim() } : {}),
      ...(pNote.trim() ? { note: pNote.trim() } : {}),
    });
    if (!r.ok) {
      const f = fieldOf(r.error);
      if (f === 'reply' || f === 'note' || f === 'unit') setPErrors({ [f]: r.error.message });
      else toastError(r.error);
      return;
    }
    toastSuccess(pStatus === 'done' ? `Đã ghi nhận ${pUnit} hoàn thành.` : `Đã ghi nhận ${pUnit} đang xử lý.`);
    setPReply('');
    setPNote('');
    await load();
  };

  const printSlip = async () => {
    const r = await call('incoming.routingSlip', { id: doc.id });
    if (!r.ok) return toastError(r.error);
    const saved = await saveFile(r.value.bytes, r.value.fileName, { title: 'Lưu phiếu giải quyết văn bản đến' });
    if (typeof saved === 'object') toastError(saved.error);
    else if (saved === 'saved') toastSuccess(`Đã tạo phiếu giải quyết: ${r.value.fileName}`);
  };

  const current = data?.current ?? [];
  const history = (data?.history ?? []).filter((h) => h.replacedAt);
  const leadName = units.find((u) => u.code === lead)?.name;

  return (
    <Modal title={canAssign ? 'Chỉ đạo, giao xử lý văn bản đến' : 'Phân công xử lý văn bản đến'} onClose={onClose} className="modal-xl">
      <div className="direction">
        <p className="direction-doc">
          Văn bản đến số{' '}
          <strong>
            {doc.arrivalNumber}/{doc.year}
          </strong>{' '}
          ngày đến {formatVnDateTime(doc.arrivalDate)} — {doc.typeName} {doc.symbol ?? ''} của {doc.organName}: <em>{doc.subject}</em>
        </p>
        {voided ? <div className="banner banner-voided">Văn bản đã hủy: không giao xử lý được.</div> : null}

        <section aria-labelledby="dir-current-title">
          <div className="out-pdf-head">
            <h3 id="dir-current-title">Phân công hiện tại</h3>
            <span className="spacer" />
            <RightButton method="incoming.routingSlip" className="btn btn-small" onClick={() => void printSlip()}>
              In phiếu giải quyết
            </RightButton>
          </div>
          {data === null ? (
            <div className="muted">Đang tải…</div>
          ) : current.length === 0 ? (
            <p className="muted">Văn bản chưa được giao cho đơn vị nào.</p>
          ) : (
            <table className="data-table compact" aria-label="Phân công hiện tại">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Hạn giải quyết</th>
                  <th scope="col">Tiến độ</th>
                  <th scope="col">Số, ký hiệu VB trả lời</th>
                  <th scope="col">Chỉ đạo</th>
                </tr>
              </thead>
              <tbody>
                {current.map((a) => (
                  <tr key={a.id} data-unit={a.unit}>
                    <td>
                      <strong>{a.unit}</strong> <span className="muted">{a.unitName}</span>
                    </td>
                    <td>{ROLE_LABELS[a.role]}</td>
                    <td className="nowrap">{formatVnDate(a.dueDate)}</td>
                    <td>
                      <StatusText a={a} />
                    </td>
                    <td>{a.replySymbol ?? ''}</td>
                    <td className="small">
                      {a.direction ?? ''}
                      <div className="muted">
                        {a.directedBy} · {formatVnDateTime(a.assignedAt)}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        {current.length && canReport ? (
          <form
            className="progress-form"
            aria-label="Cập nhật tiến độ"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void report();
            }}
          >
            <FieldShell id="prog-unit" label="Đơn vị báo cáo" error={pErrors.unit}>
              <select id="prog-unit" value={pUnit} onChange={(e) => setPUnit(e.target.value)} {...describedBy('prog-unit', pErrors.unit)}>
                {current.map((a) => (
                  <option key={a.unit} value={a.unit}>
                    {a.unit} — {a.unitName}
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="prog-status" label="Tiến độ">
              <select id="prog-status" value={pStatus} onChange={(e) => setPStatus(e.target.value as 'in_progress' | 'done')}>
                <option value="in_progress">Đang xử lý</option>
                <option value="done">Hoàn thành</option>
              </select>
            </FieldShell>
            <FieldShell id="prog-reply" label="Số, ký hiệu VB trả lời" error={pErrors.reply}>
              <input
                id="prog-reply"
                type="text"
                value={pReply}
                placeholder="ví dụ 45/UBND-VX"
                onChange={(e) => setPReply(e.target.value)}
                {...describedBy('prog-reply', pErrors.reply)}
              />
            </FieldShell>
            <FieldShell id="prog-note" label="Ghi chú" error={pErrors.note} className="grow">
              <input
                id="prog-note"
                type="text"
                value={pNote}
                onChange={(e) => setPNote(e.target.value)}
                {...describedBy('prog-note', pErrors.note)}
              />
            </FieldShell>
            <button type="submit" className="btn" disabled={voided}>
              Cập nhật tiến độ
            </button>
          </form>
        ) : null}

        {canAssign ? (
          <form
            className="direction-form"
            aria-label={current.length ? 'Chỉ đạo lại' : 'Chỉ đạo mới'}
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void submit();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
          >
            <h3>{current.length ? 'Chỉ đạo lại (gia hạn, đổi đơn vị)' : 'Chỉ đạo'}</h3>
            {units.length === 0 ? (
              <div className="banner banner-warn">Chưa có đơn vị nào. Thêm đơn vị ở «Theo dõi xử lý» → «Đơn vị xử lý».</div>
            ) : null}
            <div className="direction-grid">
              <FieldShell id="dir-lead" label="Đơn vị chủ trì" required error={errors.lead}>
                <select
                  id="dir-lead"
                  value={lead}
                  data-autofocus=""
                  onChange={(e) => {
                    setLead(e.target.value);
                    setSupport((s) => s.filter((x) => x !== e.target.value));
                    clear('lead');
                  }}
                  {...describedBy('dir-lead', errors.lead)}
                >
                  <option value="">— chọn đơn vị —</option>
                  {units.map((u) => (
                    <option key={u.code} value={u.code}>
                      {u.code} — {u.name}
                    </option>
                  ))}
                </select>
              </FieldShell>
              <div className={`field${errors.due || errors.days ? ' has-error' : ''}`}>
                <span className="field-label required">Hạn giải quyết</span>
                <div className="due-mode" role="radiogroup" aria-label="Cách tính hạn">
                  <label className="check">
                    <input type="radio" name="due-mode" checked={mode === 'days'} onChange={() => setMode('days')} /> Tính theo ngày làm
                    việc
                  </label>
                  <label className="check">
                    <input type="radio" name="due-mode" checked={mode === 'date'} onChange={() => setMode('date')} /> Chọn ngày cụ thể
                  </label>
                </div>
              </div>
              {mode === 'days' ? (
                <FieldShell
                  id="dir-days"
                  label="Số ngày làm việc"
                  required
                  error={errors.days}
                  hint={computed ? undefined : `Tính từ ngày đến ${formatVnDate(arrivalDay)}`}
                >
                  <div className="days-line">
                    <input
                      id="dir-days"
                      type="text"
                      inputMode="numeric"
                      className="days-input"
                      value={days}
                      onChange={(e) => {
                        setDays(e.target.value);
                        clear('days');
                      }}
                      {...describedBy('dir-days', errors.days, computed ? undefined : 'x')}
                    />
                    <span className="computed-due" aria-live="polite" data-testid="computed-due">
                      {computed ? (
                        <>
                          → hạn <strong>{longDate(computed)}</strong>
                          <span className="muted"> ({daysBetween(arrivalDay, computed)} ngày lịch)</span>
                        </>
                      ) : null}
                    </span>
                  </div>
                </FieldShell>
              ) : (
                <DateField
                  id="dir-due"
                  label="Hạn giải quyết (ngày)"
                  required
                  value={dueText}
                  onChange={(v) => {
                    setDueText(v);
                    clear('due');
                  }}
                  error={errors.due}
                />
              )}
              <fieldset className={`field support-units${errors.support ? ' has-error' : ''}`}>
                <legend className="field-label">Đơn vị phối hợp</legend>
                <div className="support-list">
                  {units
                    .filter((u) => u.code !== lead)
                    .map((u) => (
                      <label key={u.code} className="check">
                        <input
                          type="checkbox"
                          checked={support.includes(u.code)}
                          onChange={(e) => {
                            setSupport((s) => (e.target.checked ? [...s, u.code] : s.filter((x) => x !== u.code)));
                            clear('support');
                          }}
                        />{' '}
                        {u.code} — {u.name}
                      </label>
                    ))}
                  {units.filter((u) => u.code !== lead).length === 0 ? <span className="muted small">Không có đơn vị khác.</span> : null}
                </div>
                {errors.support ? (
                  <div className="field-error" role="alert">
                    {errors.support}
                  </div>
                ) : null}
              </fieldset>
              <FieldShell id="dir-text" label="Ý kiến chỉ đạo" error={errors.direction} className="span-all">
                <textarea
                  id="dir-text"
                  rows={2}
                  value={direction}
                  placeholder={leadName ? `ví dụ: Giao ${leadName} chủ trì, phối hợp các đơn vị liên quan tham mưu, báo cáo.` : ''}
                  onChange={(e) => {
                    setDirection(e.target.value);
                    clear('direction');
                  }}
                  {...describedBy('dir-text', errors.direction)}
                />
              </FieldShell>
            </div>
            <ErrorBanner message={general} />
            <FormActions
              submitLabel={busy ? 'Đang lưu…' : current.length ? 'Lưu chỉ đạo mới' : 'Giao xử lý'}
              submitDisabled={busy || voided}
              cancelLabel="Đóng"
              onCancel={onClose}
              hint={CTRL_ENTER_HINT}
            />
          </form>
        ) : (
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              Đóng
            </button>
          </div>
        )}

        {history.length ? (
          <section aria-labelledby="dir-history-title">
            <h3 id="dir-history-title">Chỉ đạo trước đây</h3>
            <ul className="direction-history" aria-label="Chỉ đạo trước đây">
              {history.map((h) => (
                <li key={h.id}>
                  <strong>{h.unit}</strong> ({ROLE_LABELS[h.role].toLowerCase()}) — hạn {formatVnDate(h.dueDate)} —{' '}
                  {ASSIGNMENT_STATUS_LABELS[h.status].toLowerCase()}
                  <span className="muted">
                    {' '}
                    · giao {formatVnDateTime(h.assignedAt)} bởi {h.directedBy}, thay {formatVnDateTime(h.replacedAt)}
                  </span>
                  {h.direction ? <div className="small">{h.direction}</div> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Modal>
  );
}

/** Add or edit a task ("nhiệm vụ"): title, source, lead and supporting units, deadline, status, notes. */
import { useState, type FormEvent } from 'react';
import { TASK_STATUS_LABELS, type Task, type TaskStatus } from '../../../shared/domain/workflow';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { CTRL_ENTER_HINT, ErrorBanner, FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import { formatVnDate } from '../../lib/dates';
import { useRights } from '../accounts/rights';
import { useUnits } from './unitsStore';
import { isoOrNull } from './util';

type Field = 'title' | 'source' | 'documentId' | 'leadUnit' | 'supportUnits' | 'deadline' | 'status' | 'note' | 'replySymbol';
const FIELDS: Field[] = ['title', 'source', 'documentId', 'leadUnit', 'supportUnits', 'deadline', 'status', 'note', 'replySymbol'];
export const STORED_STATUSES: TaskStatus[] = ['new', 'in_progress', 'done', 'cancelled'];

const LABELS: Record<Field, string> = {
  title: 'Nội dung nhiệm vụ',
  source: 'Nguồn giao',
  documentId: 'Mã văn bản đến',
  leadUnit: 'Đơn vị chủ trì',
  supportUnits: 'Đơn vị phối hợp',
  deadline: 'Thời hạn',
  status: 'Trạng thái',
  note: 'Ghi chú',
  replySymbol: 'Số, ký hiệu VB báo cáo',
};

function message(e: AppError): string {
  const f = e.field as Field | undefined;
  if (f && e.message.startsWith(`${f}:`)) return `${LABELS[f]}:${e.message.slice(f.length + 1)}`;
  if (f === 'deadline' && e.code === 'invalid_date') return 'Thời hạn: ngày không hợp lệ (nhập ngày/tháng/năm).';
  return e.message;
}

export function TaskDialog({ task, onDone, onClose }: { task: Task | null; onDone(t: Task): void; onClose(): void }) {
  const units = useUnits((s) => s.units);
  const [title, setTitle] = useState(task?.title ?? '');
  const [source, setSource] = useState(task?.source ?? '');
  const [documentId, setDocumentId] = useState(task?.documentId ? String(task.documentId) : '');
  const [lead, setLead] = useState(task?.leadUnit ?? '');
  const [support, setSupport] = useState<string[]>(task?.supportUnits ?? []);
  const [deadline, setDeadline] = useState(task ? formatVnDate(task.deadline) : '');
  const [status, setStatus] = useState<TaskStatus>(task?.status ?? 'new');
  const [note, setNote] = useState(task?.note ?? '');
  const [reply, setReply] = useState(task?.replySymbol ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Adding and changing tasks is the clerk's and the leader's (the permission table): no button that would fail.
  const denied = useRights().why(task ? 'task.update' : 'task.add');

  const submit = async () => {
    if (denied) return;
    const errs: Partial<Record<Field, string>> = {};
    if (!title.trim()) errs.title = 'Nội dung nhiệm vụ: chưa nhập.';
    if (!lead) errs.leadUnit = 'Đơn vị chủ trì: chưa chọn.';
    const dl = isoOrNull(deadline);
    if (!deadline.trim()) errs.deadline = 'Thời hạn: chưa nhập.';
    else if (!dl) errs.deadline = 'Thời hạn: ngày không hợp lệ (nhập ngày/tháng/năm).';
    if (documentId.trim() && !/^\d+$/.test(documentId.trim())) errs.documentId = 'Mã văn bản đến: phải là số.';
    setErrors(errs);
    setGeneral(null);
    if (Object.keys(errs).length) return;
    const data: Record<string, unknown> = {
      title: title.trim(),
      source: source.trim() || null,
      documentId: documentId.trim() ? Number(documentId.trim()) : null,
      leadUnit: lead,
      supportUnits: support.filter((s) => s !== lead),
      deadline: dl,
      status,
      note: note.trim() || null,
      replySymbol: reply.trim() || null,
    };
    setBusy(true);
    const r = task ? await call('task.update', { id: task.id, data }) : await call('task.add', { data });
    setBusy(false);
    if (!r.ok) {
      const f = r.error.field as Field | undefined;
      if (f && FIELDS.includes(f)) setErrors({ [f]: message(r.error) });
      else setGeneral(message(r.error));
      return;
    }
    onDone(r.value);
  };

  return (
    <Modal title={task ? 'Sửa nhiệm vụ' : 'Thêm nhiệm vụ'} onClose={onClose} className="modal-wide">
      <form
        aria-label={task ? 'Sửa nhiệm vụ' : 'Thêm nhiệm vụ'}
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
        <div className="form-grid">
          <FieldShell id="task-title" label={LABELS.title} required error={errors.title} className="span-2">
            <textarea
              id="task-title"
              rows={2}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              {...describedBy('task-title', errors.title)}
            />
          </FieldShell>
          <FieldShell id="task-source" label={LABELS.source} error={errors.source}>
            <input
              id="task-source"
              type="text"
              placeholder="ví dụ Kết luận giao ban tuần 47"
              value={source}
              onChange={(e) => setSource(e.target.value)}
              {...describedBy('task-source', errors.source)}
            />
          </FieldShell>
          <FieldShell id="task-doc" label={LABELS.documentId} error={errors.documentId}>
            <input
              id="task-doc"
              type="text"
              inputMode="numeric"
              value={documentId}
              onChange={(e) => setDocumentId(e.target.value)}
              {...describedBy('task-doc', errors.documentId)}
            />
          </FieldShell>
          <FieldShell id="task-lead" label={LABELS.leadUnit} required error={errors.leadUnit}>
            <select id="task-lead" value={lead} onChange={(e) => setLead(e.target.value)} {...describedBy('task-lead', errors.leadUnit)}>
              <option value="">— chọn đơn vị —</option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} — {u.name}
                </option>
              ))}
            </select>
          </FieldShell>
          <DateField id="task-deadline" label={LABELS.deadline} required value={deadline} onChange={setDeadline} error={errors.deadline} />
          <fieldset className="field support-units span-2">
            <legend className="field-label">{LABELS.supportUnits}</legend>
            <div className="support-list">
              {units
                .filter((u) => u.code !== lead)
                .map((u) => (
                  <label key={u.code} className="check">
                    <input
                      type="checkbox"
                      checked={support.includes(u.code)}
                      onChange={(e) => setSupport((s) => (e.target.checked ? [...s, u.code] : s.filter((x) => x !== u.code)))}
                    />{' '}
                    {u.code}
                  </label>
                ))}
            </div>
          </fieldset>
          <FieldShell id="task-status" label={LABELS.status} error={errors.status}>
            <select id="task-status" value={status} onChange={(e) => setStatus(e.target.value as TaskStatus)}>
              {STORED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {TASK_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id="task-reply" label={LABELS.replySymbol} error={errors.replySymbol}>
            <input
              id="task-reply"
              type="text"
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              {...describedBy('task-reply', errors.replySymbol)}
            />
          </FieldShell>
          <FieldShell id="task-note" label={LABELS.note} error={errors.note} className="span-2">
            <input
              id="task-note"
              type="text"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              {...describedBy('task-note', errors.note)}
            />
          </FieldShell>
        </div>
        <ErrorBanner message={general} />
        <FormActions
          submitLabel={task ? 'Lưu thay đổi' : 'Thêm nhiệm vụ'}
          submitDisabled={busy || !!denied}
          submitTitle={denied}
          cancelLabel="Thôi"
          onCancel={onClose}
          hint={CTRL_ENTER_HINT}
        />
      </form>
    </Modal>
  );
}

/** The document's audit trail in words a clerk reads: Tạo, Sửa (old → new per field), Hủy with its reason. */
import type { ReactNode } from 'react';
import type { AuditEntryView } from '../../../shared/apiTypes';
import { CHANNEL_LABELS, INCOMING_STATUS_LABELS, SECRECY_LABELS, URGENCY_LABELS } from '../../../shared/domain/enums';
import { FIELD_LABELS } from '../../../shared/errors';
import { formatVnDate, formatVnDateTime } from '../../lib/dates';

const ACTION_LABELS: Record<string, string> = {
  create: 'Tạo',
  update: 'Sửa',
  void: 'Hủy',
  force_duplicate: 'Vào sổ dù trùng',
  attach: 'Đính kèm tệp',
  // Written by the follow-up, numbering, archive and interchange services on the same document.
  assign: 'Giao xử lý',
  reassign: 'Giao lại',
  extend: 'Gia hạn xử lý',
  progress: 'Báo cáo tiến độ',
  number: 'Cấp số',
  import: 'Nhập từ sổ cũ',
  dossier_file: 'Đưa vào hồ sơ',
  dossier_unfile: 'Rút khỏi hồ sơ',
  edxml_receive: 'Nhận qua trục liên thông',
  edxml_register: 'Vào sổ văn bản liên thông',
  edxml_refuse: 'Từ chối văn bản liên thông',
  edxml_send: 'Gửi qua trục liên thông',
  edxml_status: 'Trạng thái liên thông',
  edxml_update: 'Cập nhật văn bản liên thông',
  edxml_recall: 'Thu hồi văn bản liên thông',
  edxml_recall_request: 'Đề nghị thu hồi',
  refused: 'Bị từ chối (không đủ quyền)',
};

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(trống)';
  const s = String(v);
  switch (field) {
    case 'urgency':
      return URGENCY_LABELS[s as keyof typeof URGENCY_LABELS] ?? s;
    case 'secrecy':
      return SECRECY_LABELS[s as keyof typeof SECRECY_LABELS] ?? s;
    case 'channel':
      return CHANNEL_LABELS[s as keyof typeof CHANNEL_LABELS] ?? s;
    case 'status':
      return INCOMING_STATUS_LABELS[s as keyof typeof INCOMING_STATUS_LABELS] ?? s;
    case 'issuedDate':
    case 'dueDate':
      return formatVnDate(s);
    case 'arrivalDate':
      return formatVnDateTime(s);
    default:
      return s;
  }
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function Details({ entry }: { entry: AuditEntryView }) {
  const data = asObj(entry.data);
  if (entry.action === 'create') {
    const n = asObj(data.new);
    const source = asObj(data.source);
    return (
      <div className="audit-detail">
        Vào sổ số đến <strong>{String(n.arrivalNumber ?? '?')}</strong>
        {n.register ? ` — sổ ${String(n.register)}` : ''}
        {n.year ? `, năm ${String(n.year)}` : ''}
        {Object.keys(source).length ? (
          <span className="muted"> (nhập từ tệp{source.line ? `, dòng ${String(source.line)}` : ''})</span>
        ) : null}
      </div>
    );
  }
  if (entry.action === 'update') {
    const oldV = asObj(data.old);
    const newV = asObj(data.new);
    const fields = [...new Set([...Object.keys(newV), ...Object.keys(oldV)])];
    return (
      <ul className="audit-changes">
        {fields.map((f) => (
          <li key={f}>
            <span className="audit-field">{FIELD_LABELS[f] ?? f}:</span> <del>{show(f, oldV[f])}</del>
            <span aria-label="thành"> → </span>
            <ins>{show(f, newV[f])}</ins>
          </li>
        ))}
      </ul>
    );
  }
  if (entry.action === 'void') {
    return (
      <div className="audit-detail">
        Lý do: <strong>{String(data.reason ?? '')}</strong>
      </div>
    );
  }
  if (entry.action === 'attach') {
    const files = Array.isArray(data.files) ? (data.files as unknown[]).map(asObj) : [];
    return (
      <div className="audit-detail">
        {files
          .map((f) => String(f.fileName ?? ''))
          .filter(Boolean)
          .join(', ')}
      </div>
    );
  }
  if (entry.action === 'force_duplicate') {
    const dup = asObj(data.duplicateOf);
    return (
      <div className="audit-detail">
        Trùng với văn bản số đến {String(dup.arrivalNumber ?? '?')}
        {dup.year ? `/${String(dup.year)}` : ''}
      </div>
    );
  }
  return null;
}

/**
 * The timeline every history view uses: action label, time and actor, then the
 * action-specific details a caller renders.
 */
export function AuditTimeline({
  entries,
  ariaLabel,
  label,
  details,
}: {
  entries: AuditEntryView[] | null;
  ariaLabel: string;
  label: (action: string) => string;
  details: (entry: AuditEntryView) => ReactNode;
}) {
  if (entries === null) return <div className="muted">Đang tải lịch sử…</div>;
  if (entries.length === 0) return <div className="muted">Chưa có lịch sử.</div>;
  return (
    <ol className="audit-list" aria-label={ariaLabel}>
      {entries.map((e) => (
        <li key={e.seq} className={`audit-entry audit-${e.action}`}>
          <div className="audit-head">
            <span className={`audit-action action-${e.action}`}>{label(e.action)}</span>
            <span className="muted small">
              {formatVnDateTime(e.at)} · {e.actorName ? `${e.actorName} (${e.actor})` : e.actor}
            </span>
          </div>
          {details(e)}
        </li>
      ))}
    </ol>
  );
}

export function AuditHistory({ entries }: { entries: AuditEntryView[] | null }) {
  return (
    <AuditTimeline
      entries={entries}
      ariaLabel="Lịch sử thay đổi"
      label={(a) => ACTION_LABELS[a] ?? a}
      details={(e) => <Details entry={e} />}
    />
  );
}

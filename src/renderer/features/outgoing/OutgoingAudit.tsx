/** An outgoing document's history in words: drafted, edited, approved, numbered, signed, issued. */
import type { AuditEntryView } from '../../../shared/apiTypes';
import { OUTGOING_STATUS_LABELS, type OutgoingStatus } from '../../../shared/domain/outgoing';
import { formatVnDate, formatVnDateTime } from '../../lib/dates';
import { OUTGOING_LABELS } from './model';
import { AuditTimeline } from '../detail/AuditHistory';

const ACTIONS: Record<string, string> = {
  create: 'Tạo dự thảo',
  update: 'Sửa dự thảo',
  attach: 'Đính kèm tệp',
  approved: 'Duyệt',
  number: 'Cấp số',
  numbered: 'Cấp số',
  issued_paper: 'Ban hành bản giấy',
  sign_official: 'Ký số (người có thẩm quyền)',
  sign_organization: 'Ký số của cơ quan — ban hành điện tử',
};

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(trống)';
  if (Array.isArray(v))
    return v.length ? v.map((x) => (x && typeof x === 'object' ? String((x as Obj).text ?? '') : String(x))).join(' / ') : '(trống)';
  return String(v);
}

function short(s: string, n = 90): string {
  return [...s].length > n ? `${[...s].slice(0, n).join('')}…` : s;
}

function Details({ e }: { e: AuditEntryView }) {
  const d = asObj(e.data);
  const n = asObj(d.new);
  if (e.action === 'number') {
    return (
      <div className="audit-detail">
        Số, ký hiệu <strong>{String(n.symbol ?? '')}</strong>, ngày {formatVnDate(String(n.issuedDate ?? ''))} — sổ{' '}
        {String(n.register ?? '')}
      </div>
    );
  }
  if (e.action === 'issued_paper') {
    return (
      <div className="audit-detail">
        Số bản: {String(d.copies ?? '?')}
        {d.pages ? ` · ${String(d.pages)} trang` : ''}
      </div>
    );
  }
  if (e.action === 'sign_official' || e.action === 'sign_organization') {
    return (
      <div className="audit-detail">
        Người ký: <strong>{String(d.signer ?? '')}</strong>
        {d.signedAt ? ` · ${formatVnDateTime(String(d.signedAt))}` : ''}
      </div>
    );
  }
  if (e.action === 'update') {
    const old = asObj(d.old);
    const changed = Object.keys(n).filter((k) => JSON.stringify(n[k]) !== JSON.stringify(old[k]));
    if (changed.length === 0) return null;
    return (
      <ul className="audit-changes">
        {changed.map((k) => (
          <li key={k}>
            <span className="audit-field">{OUTGOING_LABELS[k as keyof typeof OUTGOING_LABELS] ?? k}:</span> <del>{short(show(old[k]))}</del>
            <span aria-label="thành"> → </span>
            <ins>{short(show(n[k]))}</ins>
          </li>
        ))}
      </ul>
    );
  }
  if (e.action === 'approved') {
    const from = String(asObj(d.old).status ?? '');
    return from ? <div className="audit-detail muted">Từ «{OUTGOING_STATUS_LABELS[from as OutgoingStatus] ?? from}»</div> : null;
  }
  return null;
}

export function OutgoingAudit({ entries }: { entries: AuditEntryView[] | null }) {
  return (
    <AuditTimeline
      entries={entries}
      ariaLabel="Lịch sử xử lý văn bản đi"
      label={(a) => ACTIONS[a] ?? a}
      details={(e) => <Details e={e} />}
    />
  );
}

/**
 * One incoming document: every field, its attachments with a preview, and its history.
 * "Sửa" turns the field panel into the register form in edit mode; "Hủy văn bản" asks for
 * a reason. Esc goes back to the register.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AuditEntryView } from '../../../shared/apiTypes';
import { CHANNEL_LABELS, SECRECY_LABELS, URGENCY_LABELS } from '../../../shared/domain/enums';
import type { AttachmentInfo, IncomingRecord } from '../../../shared/domain/incoming';
import { call } from '../../api/client';
import { SecrecyBadge, StatusBadge, UrgencyBadge } from '../../components/Badges';
import { formatVnDate, formatVnDateTime } from '../../lib/dates';
import { formatBytes } from '../../lib/format';
import { useApp } from '../../stores/appStore';
import { useRegisterList } from '../../stores/registerListStore';
import { toastSuccess } from '../../stores/toastStore';
import { DossiersOfDocument } from '../archive/FileIntoDossier';
import { DirectionDialog } from '../followup/DirectionDialog';
import { IncomingForm } from '../register-form/IncomingForm';
import { StampButton } from '../capture/StampButton';
import { AttachmentPreview } from './AttachmentPreview';
import { AuditHistory } from './AuditHistory';
import { VoidDialog } from './VoidDialog';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children === null || children === '' || children === undefined ? <span className="muted">—</span> : children}</dd>
    </>
  );
}

export function DocumentDetail({ id, startEditing }: { id: number; startEditing: boolean }) {
  const directs = useRights().can('incoming.assign');
  const [rec, setRec] = useState<IncomingRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [audit, setAudit] = useState<AuditEntryView[] | null>(null);
  const [editing, setEditing] = useState(startEditing);
  const [voiding, setVoiding] = useState(false);
  const [directing, setDirecting] = useState(false);
  const [selected, setSelected] = useState<AttachmentInfo | null>(null);
  const back = useCallback(() => useApp.getState().show({ name: 'register' }), []);

  const load = useCallback(async () => {
    const [r, a] = await Promise.all([call('incoming.get', { id }), call('incoming.audit', { id })]);
    if (r.ok) {
      setRec(r.value);
      setSelected((s) => s ?? r.value.attachments[0] ?? null);
    } else setError(r.error.message);
    setAudit(a.ok ? a.value : []);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  // Esc goes back (unless a dialog or the edit form has it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !editing && !voiding && !directing && !e.defaultPrevented) {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, voiding, directing, back]);

  const updated = (next: IncomingRecord) => {
    setRec(next);
    useRegisterList.getState().replaceRecord(next);
    void call('incoming.audit', { id }).then((a) => a.ok && setAudit(a.value));
  };

  if (error) {
    return (
      <section className="detail">
        <div className="detail-head">
          <button type="button" className="btn btn-ghost" onClick={back}>
            ← Sổ văn bản đến
          </button>
        </div>
        <div className="banner banner-error">{error}</div>
      </section>
    );
  }
  if (!rec) return <section className="detail muted detail-loading">Đang tải văn bản…</section>;
  const voided = rec.status === 'voided';

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <button type="button" className="btn btn-ghost" onClick={back} title="Quay lại sổ (Esc)">
          ← Sổ văn bản đến
        </button>
        <h2 id="detail-title">
          Văn bản đến số {rec.arrivalNumber}/{rec.year}
          <span className="muted"> · sổ {rec.register}</span>
        </h2>
        <span className="badges">
          <StatusBadge status={rec.status} />
          <UrgencyBadge urgency={rec.urgency} />
          <SecrecyBadge secrecy={rec.secrecy} />
        </span>
        <span className="spacer" />
        {!editing ? (
          <>
            {/* A leader directs; the others see the assignments (and a specialist reports progress) there. */}
            <RightButton method="incoming.assignments" className="btn btn-primary" disabled={voided} onClick={() => setDirecting(true)}>
              {directs ? 'Chỉ đạo, giao xử lý' : 'Phân công, tiến độ'}
            </RightButton>
            <RightButton method="incoming.update" className="btn" disabled={voided} onClick={() => setEditing(true)}>
              Sửa
            </RightButton>
            <StampButton record={rec} />
            <RightButton method="incoming.void" className="btn btn-danger-outline" disabled={voided} onClick={() => setVoiding(true)}>
              Hủy văn bản
            </RightButton>
          </>
        ) : null}
      </div>

      {voided ? (
        <div className="banner banner-voided" role="note">
          <strong>Đã hủy</strong> — lý do: {rec.voidReason}
        </div>
      ) : null}

      <div className="detail-body">
        <div className="detail-main">
          {editing ? (
            <IncomingForm
              mode={{
                kind: 'edit',
                record: rec,
                onSaved: (next) => {
                  updated(next);
                  setEditing(false);
                },
                onCancel: () => setEditing(false),
              }}
            />
          ) : (
            <dl className="fields" aria-label="Thông tin văn bản">
              <Row label="Số đến">
                <strong>{rec.arrivalNumber}</strong> (sổ {rec.register}, năm {rec.year})
              </Row>
              <Row label="Ngày đến">{formatVnDateTime(rec.arrivalDate)}</Row>
              <Row label="Cơ quan ban hành">{rec.organName}</Row>
              <Row label="Số, ký hiệu">{rec.symbol}</Row>
              <Row label="Ngày văn bản">{formatVnDate(rec.issuedDate)}</Row>
              <Row label="Loại văn bản">{rec.typeName}</Row>
              <Row label="Trích yếu">
                <span className={voided ? 'struck' : undefined}>{rec.subject}</span>
              </Row>
              <Row label="Người ký">
                {rec.signerName || rec.signerPosition ? (
                  <>
                    {rec.signerName}
                    {rec.signerPosition ? <span className="muted"> — {rec.signerPosition}</span> : null}
                  </>
                ) : null}
              </Row>
              <Row label="Số trang">{rec.pageAmount ?? ''}</Row>
              <Row label="Độ khẩn">{URGENCY_LABELS[rec.urgency]}</Row>
              <Row label="Độ mật">{SECRECY_LABELS[rec.secrecy]}</Row>
              <Row label="Hình thức">{CHANNEL_LABELS[rec.channel]}</Row>
              <Row label="Đơn vị, người nhận">{rec.toPlaces}</Row>
              <Row label="Hạn giải quyết">{rec.dueDate ? formatVnDate(rec.dueDate) : ''}</Row>
              <Row label="Ghi chú">{rec.description}</Row>
              <Row label="Vào sổ lúc">{formatVnDateTime(rec.createdAt)}</Row>
            </dl>
          )}
          <DossiersOfDocument kind="incoming" docId={rec.id} disabled={voided} />
          <h3>Lịch sử</h3>
          <AuditHistory entries={audit} />
        </div>

        <div className="detail-side">
          <h3>Tệp đính kèm ({rec.attachments.length})</h3>
          {rec.attachments.length === 0 ? (
            <p className="muted">Văn bản này không có tệp đính kèm.</p>
          ) : (
            <>
              <ul className="attachment-list" role="listbox" aria-label="Tệp đính kèm">
                {rec.attachments.map((a) => (
                  <li key={a.id} role="option" aria-selected={selected?.id === a.id}>
                    <button
                      type="button"
                      className={`attachment-item${selected?.id === a.id ? ' selected' : ''}`}
                      onClick={() => setSelected(a)}
                    >
                      <span className="chip-name">{a.fileName}</span>
                      <span className="muted small">
                        {a.mime.replace('application/', '').replace('image/', '').toUpperCase()} · {formatBytes(a.size)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {selected ? <AttachmentPreview key={selected.id} docId={rec.id} attachment={selected} /> : null}
            </>
          )}
        </div>
      </div>

      {directing ? <DirectionDialog document={rec} onClose={() => setDirecting(false)} /> : null}
      {voiding ? (
        <VoidDialog
          record={rec}
          onClose={() => setVoiding(false)}
          onDone={(next) => {
            setVoiding(false);
            updated(next);
            void useApp.getState().loadInfo();
            toastSuccess(`Đã hủy văn bản số đến ${next.arrivalNumber}.`);
          }}
        />
      ) : null}
    </section>
  );
}

/**
 * One outgoing document: its fields, the current PDF (rendered draft, or the stored
 * signed/issued file), its history, and the next steps its status allows:
 * draft → Duyệt → Cấp số → Ký số (người có thẩm quyền) → Ký số của cơ quan, or Ban hành
 * bản giấy once numbered. Esc goes back to the list.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AuditEntryView } from '../../../shared/apiTypes';
import { SECRECY_LABELS, URGENCY_LABELS } from '../../../shared/domain/enums';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import type { Result } from '../../../shared/result';
import { call } from '../../api/client';
import { SecrecyBadge, UrgencyBadge } from '../../components/Badges';
import { formatVnDate, formatVnDateTime } from '../../lib/dates';
import { saveFile } from '../../lib/files';
import { useApp } from '../../stores/appStore';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { PdfPreview } from '../detail/PdfPreview';
import { IssuePaperDialog } from './IssuePaperDialog';
import { OutgoingAudit } from './OutgoingAudit';
import { DeliveryPanel } from '../interchange/DeliveryPanel';
import { SendDialog } from '../interchange/SendDialog';
import { useRights } from '../accounts/rights';
import { useOutgoing } from './outgoingStore';
import { DossiersOfDocument } from '../archive/FileIntoDossier';
import { SignDialog } from './SignDialog';
import { OutgoingStatusBadge } from './StatusBadge';
import './outgoing.css';
import { RightButton } from '../accounts/RightButton';

const PDF_KINDS: Record<string, string> = {
  draft: 'Bản dự thảo (có dấu «DỰ THẢO»)',
  preview: 'Bản trình ký (chưa ký)',
  paper: 'Bản ban hành giấy',
  signed_official: 'Bản đã ký số của người có thẩm quyền',
  signed_organization: 'Bản điện tử đã ký số của cơ quan',
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children === null || children === '' || children === undefined ? <span className="muted">—</span> : children}</dd>
    </>
  );
}

type Dialog = null | { kind: 'sign'; as: 'official' | 'organization' } | { kind: 'paper' } | { kind: 'send' };

export function OutgoingDetail({ id }: { id: number }) {
  const [rec, setRec] = useState<OutgoingRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [audit, setAudit] = useState<AuditEntryView[] | null>(null);
  const [pdf, setPdf] = useState<{ bytes: Uint8Array; kind: string; fileName: string; n: number } | null>(null);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const info = useApp((st) => st.info);
  const rights = useRights();
  const [deliveriesKey, setDeliveriesKey] = useState(0);
  const back = useCallback(() => useOutgoing.getState().show({ name: 'list' }), []);

  const load = useCallback(async () => {
    const [r, a, p] = await Promise.all([call('outgoing.get', { id }), call('outgoing.audit', { id }), call('outgoing.pdf', { id })]);
    if (r.ok) setRec(r.value);
    else setError(r.error.message);
    setAudit(a.ok ? a.value : []);
    if (p.ok) {
      setPdf((old) => ({ ...p.value, n: (old?.n ?? 0) + 1 }));
      setPdfError(null);
    } else setPdfError(p.error.message);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !dialog && !e.defaultPrevented) {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, back]);

  const step = async (run: () => Promise<Result<OutgoingRecord>>, done: (r: OutgoingRecord) => string) => {
    if (busy) return;
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (!r.ok) return toastError(r.error);
    toastSuccess(done(r.value));
    await load();
  };

  const afterDialog = async (r: OutgoingRecord, note: string) => {
    setDialog(null);
    toastSuccess(note);
    setRec(r);
    await load();
  };

  const download = async () => {
    if (!pdf) return;
    const saved = await saveFile(pdf.bytes, pdf.fileName, { title: 'Lưu văn bản đi' });
    if (typeof saved === 'object') toastError(saved.error);
  };

  if (error) {
    return (
      <section className="detail">
        <div className="detail-head">
          <button type="button" className="btn btn-ghost" onClick={back}>
            ← Sổ văn bản đi
          </button>
        </div>
        <div className="banner banner-error">{error}</div>
      </section>
    );
  }
  if (!rec) return <section className="detail muted detail-loading">Đang tải văn bản…</section>;
  const s = rec.status;
  const registerName = info?.registers.find((r) => r.code === rec.register)?.name;
  const signedFile = s === 'signed' || s === 'issued';

  return (
    <section className="detail out-detail" aria-labelledby="out-detail-title">
      <div className="detail-head">
        <button type="button" className="btn btn-ghost" onClick={back} title="Quay lại sổ văn bản đi (Esc)">
          ← Sổ văn bản đi
        </button>
        <h2 id="out-detail-title">
          {rec.symbol ? `Văn bản đi số ${rec.symbol}` : `Dự thảo #${rec.id}`}
          <span className="muted"> · {rec.typeName}</span>
        </h2>
        <span className="badges">
          <OutgoingStatusBadge status={s} />
          <UrgencyBadge urgency={rec.urgency} />
          <SecrecyBadge secrecy={rec.secrecy} />
        </span>
        <span className="spacer" />
        <div className="out-actions" role="group" aria-label="Thao tác">
          {s === 'draft' || s === 'approved' ? (
            <RightButton method="outgoing.update" className="btn" onClick={() => useOutgoing.getState().show({ name: 'form', id: rec.id })}>
              Sửa
            </RightButton>
          ) : null}
          {s === 'draft' ? (
            <RightButton
              method="outgoing.approve"
              className="btn btn-primary"
              disabled={busy}
              onClick={() =>
                void step(
                  () => call('outgoing.approve', { id: rec.id }),
                  () => 'Đã duyệt dự thảo.',
                )
              }
            >
              Duyệt
            </RightButton>
          ) : null}
          {s === 'approved' ? (
            <RightButton
              method="outgoing.number"
              className="btn btn-primary"
              disabled={busy}
              onClick={() =>
                void step(
                  () => call('outgoing.number', { id: rec.id }),
                  (r) => `Đã cấp số ${r.symbol ?? ''}, ngày ${formatVnDate(r.issuedDate)}.`,
                )
              }
            >
              Cấp số
            </RightButton>
          ) : null}
          {s === 'approved' || s === 'numbered' ? (
            <RightButton
              method="outgoing.sign"
              input={{ as: 'official' }}
              className="btn"
              onClick={() => setDialog({ kind: 'sign', as: 'official' })}
            >
              Ký số (người có thẩm quyền)
            </RightButton>
          ) : null}
          {s === 'numbered' ? (
            <RightButton method="outgoing.issuePaper" className="btn" onClick={() => setDialog({ kind: 'paper' })}>
              Ban hành bản giấy
            </RightButton>
          ) : null}
          {s === 'signed' ? (
            <RightButton
              method="outgoing.sign"
              input={{ as: 'organization' }}
              className="btn btn-primary"
              onClick={() => setDialog({ kind: 'sign', as: 'organization' })}
            >
              Ký số của cơ quan
            </RightButton>
          ) : null}
          {s === 'issued' && rights.can('edxml.send') ? (
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'send' })}>
              Gửi liên thông…
            </button>
          ) : null}
        </div>
      </div>

      {s === 'issued' || s === 'issued_paper' ? (
        <div className="banner banner-ok out-banner" role="note">
          {s === 'issued'
            ? `Đã ban hành điện tử: văn bản mang chữ ký số của người có thẩm quyền và của cơ quan (số ${rec.symbol}, ngày ${formatVnDate(rec.issuedDate)}).`
            : `Đã ban hành bản giấy: số ${rec.symbol}, ngày ${formatVnDate(rec.issuedDate)}.`}
        </div>
      ) : null}

      <div className="detail-body">
        <div className="detail-main">
          <dl className="fields" aria-label="Thông tin văn bản đi">
            <Row label="Số, ký hiệu">
              {rec.symbol ? <strong data-testid="out-symbol">{rec.symbol}</strong> : <span className="muted">chưa cấp số</span>}
            </Row>
            <Row label="Ngày ban hành">{formatVnDate(rec.issuedDate)}</Row>
            <Row label="Sổ văn bản">
              {rec.register}
              {registerName ? <span className="muted"> — {registerName}</span> : null}
            </Row>
            <Row label="Loại văn bản">{rec.typeName}</Row>
            <Row label="Trích yếu">{rec.subject}</Row>
            <Row label="Kính gửi">{rec.kinhGui.length ? rec.kinhGui.join('; ') : ''}</Row>
            <Row label="Nội dung">{rec.body.length ? `${rec.body.length} đoạn` : ''}</Row>
            <Row label="Nơi nhận">{rec.recipients.length ? rec.recipients.join('; ') : ''}</Row>
            <Row label="Người ký">
              <strong>{rec.signerName}</strong>
              <div className="muted small">{[rec.signerAuthority, rec.signerPosition].filter(Boolean).join(' · ')}</div>
            </Row>
            <Row label="Đơn vị soạn thảo">{rec.draftingUnit}</Row>
            <Row label="Độ khẩn">{URGENCY_LABELS[rec.urgency]}</Row>
            <Row label="Độ mật">{SECRECY_LABELS[rec.secrecy]}</Row>
            <Row label="Số bản">{rec.copies ?? ''}</Row>
            <Row label="Hạn trả lời">{formatVnDate(rec.dueDate)}</Row>
            <Row label="Trả lời văn bản đến">{rec.replyTo.length ? rec.replyTo.map((r) => `#${r}`).join(', ') : ''}</Row>
            <Row label="Tạo lúc">{formatVnDateTime(rec.createdAt)}</Row>
          </dl>
          {rec.status === 'issued' ? <DeliveryPanel key={deliveriesKey} outgoingId={rec.id} /> : null}
          <DossiersOfDocument kind="outgoing" docId={rec.id} />
          <h3>Lịch sử</h3>
          <OutgoingAudit entries={audit} />
        </div>
        <div className="detail-side">
          <div className="out-pdf-head">
            <h3>{pdf ? (PDF_KINDS[pdf.kind] ?? 'Văn bản') : 'Văn bản'}</h3>
            <span className="spacer" />
            {signedFile ? (
              <button
                type="button"
                className="btn btn-small"
                disabled={!pdf}
                onClick={() =>
                  pdf && useOutgoing.getState().openVerify({ fileName: pdf.fileName, bytes: pdf.bytes.slice() as Uint8Array<ArrayBuffer> })
                }
              >
                Kiểm tra chữ ký số
              </button>
            ) : null}
            <button type="button" className="btn btn-small" disabled={!pdf} onClick={() => void download()}>
              Tải PDF
            </button>
          </div>
          {pdfError ? <div className="banner banner-error">{pdfError}</div> : null}
          {pdf ? (
            <PdfPreview key={pdf.n} bytes={pdf.bytes} fileName={pdf.fileName} />
          ) : !pdfError ? (
            <div className="muted">Đang tạo tệp PDF…</div>
          ) : null}
        </div>
      </div>

      {dialog?.kind === 'sign' ? (
        <SignDialog
          record={rec}
          as={dialog.as}
          onClose={() => setDialog(null)}
          onDone={(r) =>
            void afterDialog(
              r,
              dialog.as === 'official'
                ? 'Đã ký số (người có thẩm quyền). Văn thư ký số của cơ quan để ban hành.'
                : `Đã ký số của cơ quan và ban hành điện tử văn bản ${r.symbol ?? ''}.`,
            )
          }
        />
      ) : null}
      {dialog?.kind === 'paper' ? (
        <IssuePaperDialog
          record={rec}
          onClose={() => setDialog(null)}
          onDone={(r) => void afterDialog(r, `Đã ban hành bản giấy văn bản ${r.symbol ?? ''}.`)}
        />
      ) : null}
      {dialog?.kind === 'send' ? (
        <SendDialog
          record={rec}
          onClose={() => setDialog(null)}
          onDone={(note) => {
            setDialog(null);
            toastSuccess(note);
            setDeliveriesKey((k) => k + 1);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

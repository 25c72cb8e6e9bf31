/** "Hủy văn bản": voiding needs a reason; the number stays used in the book, marked as voided. */
import { useState } from 'react';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { LIMITS } from '../../../shared/domain/incoming';
import { makeError } from '../../../shared/errors';
import { call } from '../../api/client';
import { FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';

interface Props {
  record: IncomingRecord;
  onDone(rec: IncomingRecord): void;
  onClose(): void;
}

export function VoidDialog({ record, onDone, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!reason.trim()) {
      setError(makeError('required', { field: 'reason' }).message);
      return;
    }
    if ([...reason.trim()].length > LIMITS.voidReason) {
      setError(makeError('too_long', { field: 'reason', params: { max: LIMITS.voidReason } }).message);
      return;
    }
    setBusy(true);
    const r = await call('incoming.void', { id: record.id, reason });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onDone(r.value);
  };

  return (
    <Modal title="Hủy văn bản" onClose={onClose}>
      <form
        className="void-form"
        onSubmit={(e) => {
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
        <p>
          Hủy văn bản số đến <strong>{record.arrivalNumber}</strong> ({record.symbol ?? 'không số'} — {record.organName})? Số đến vẫn giữ
          trong sổ và được đánh dấu <strong>Đã hủy</strong>.
        </p>
        <div className={`field${error ? ' has-error' : ''}`}>
          <label htmlFor="void-reason" className="field-label required">
            Lý do hủy
          </label>
          <textarea
            id="void-reason"
            rows={3}
            autoFocus
            value={reason}
            maxLength={LIMITS.voidReason + 50}
            aria-required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'void-reason-error' : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <div className="field-error" id="void-reason-error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
        <FormActions
          submitLabel="Hủy văn bản"
          submitDisabled={busy}
          submitClassName="btn btn-danger"
          cancelLabel="Thôi"
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}

/** "Ban hành bản giấy": the numbered document is printed, signed in ink and sealed; the number of copies is recorded. */
import { useState } from 'react';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import { call } from '../../api/client';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';

export function IssuePaperDialog({
  record,
  onDone,
  onClose,
}: {
  record: OutgoingRecord;
  onDone(r: OutgoingRecord): void;
  onClose(): void;
}) {
  const [copies, setCopies] = useState(String(record.copies ?? Math.max(1, record.recipients.length + 1)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const n = Number(copies.trim());
    if (!/^\d+$/.test(copies.trim()) || n < 1 || n > 999) {
      setError('Số bản: phải là số nguyên từ 1 đến 999.');
      return;
    }
    setBusy(true);
    const r = await call('outgoing.issuePaper', { id: record.id, copies: n });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onDone(r.value);
  };
  return (
    <Modal title="Ban hành bản giấy" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          Văn bản <strong>{record.symbol}</strong> được in để người có thẩm quyền ký mực xanh và văn thư đóng dấu (Điều 18, Nghị định
          30/2020/NĐ-CP). Bản PDF ban hành được lưu lại.
        </p>
        <FieldShell id="issue-copies" label="Số bản phát hành" required error={error}>
          <input
            id="issue-copies"
            type="text"
            inputMode="numeric"
            value={copies}
            onChange={(e) => {
              setCopies(e.target.value);
              setError(null);
            }}
            {...describedBy('issue-copies', error)}
          />
        </FieldShell>
        <FormActions submitLabel={busy ? 'Đang ban hành…' : 'Ban hành'} submitDisabled={busy} cancelLabel="Thôi" onCancel={onClose} />
      </form>
    </Modal>
  );
}

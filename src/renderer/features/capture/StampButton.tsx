/**
 * «Đóng dấu ĐẾN» on an incoming document: a copy of its PDF with the Decree-30 arrival stamp
 * (organ, ĐẾN, Số, Ngày, Chuyển, Số và ký hiệu HS) filled from the registration, saved as a new
 * file — the received original stays byte-identical; with no PDF, the stamp alone on a page to
 * print and stick on the paper.
 */
import { useState } from 'react';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { call } from '../../api/client';
import { saveFile } from '../../lib/files';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';

export function StampButton({ record }: { record: IncomingRecord }) {
  const [busy, setBusy] = useState(false);
  const hasPdf = record.attachments.some((a) => a.mime === 'application/pdf');
  const stamp = async () => {
    setBusy(true);
    try {
      const r = await call('incoming.stamp', { id: record.id, ...(hasPdf ? {} : { alone: true }) });
      if (!r.ok) {
        toastError(r.error.message);
        return;
      }
      const saved = await saveFile(r.value.bytes, r.value.fileName, { title: 'Lưu bản có dấu ĐẾN' });
      if (saved === 'saved') {
        toastSuccess(
          r.value.stampedFile ? `Đã lưu bản có dấu ĐẾN của ${r.value.stampedFile} (bản gốc giữ nguyên).` : 'Đã lưu dấu ĐẾN để in.',
        );
      } else if (saved !== 'cancelled') toastError(saved.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <RightButton
      method="incoming.stamp"
      className="btn"
      disabled={busy || record.status === 'voided'}
      title={hasPdf ? 'Tải bản sao PDF có dấu ĐẾN (số đến, ngày đến); bản gốc không đổi' : 'Tải dấu ĐẾN để in và đóng lên bản giấy'}
      onClick={() => void stamp()}
    >
      {busy ? 'Đang đóng dấu…' : hasPdf ? 'Đóng dấu ĐẾN' : 'In dấu ĐẾN'}
    </RightButton>
  );
}

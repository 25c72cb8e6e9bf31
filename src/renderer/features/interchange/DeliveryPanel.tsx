/**
 * "Gửi liên thông": each recipient organ of an outgoing document sent as edXML, with its
 * delivery status (đã gửi, đã đến, đã tiếp nhận, phân công, đang xử lý, hoàn thành, từ chối,
 * thu hồi) as the recipients' status messages report it, and their history.
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import {
  BUSINESS_TYPE_LABELS,
  DELIVERY_LABELS,
  DELIVERY_OF_STATUS,
  STATUS_DESCRIPTIONS,
  type DeliveryView,
  type StatusCode,
} from '../../../shared/domain/interchange';
import './interchange.css';

const when = (iso: string) => `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The delivery a status code means (01–06), or nothing for the recall/update answers. */
function labelOf(code: string): string {
  const d = DELIVERY_OF_STATUS[code as StatusCode];
  return d ? DELIVERY_LABELS[d] : '';
}

export function DeliveryPanel({ outgoingId }: { outgoingId: number }) {
  const [rows, setRows] = useState<DeliveryView[] | null>(null);
  useEffect(() => {
    void call('edxml.deliveries', { id: outgoingId }).then((r) => setRows(r.ok ? r.value : []));
  }, [outgoingId]);
  if (!rows || rows.length === 0) return null;
  return (
    <>
      <h3>Gửi liên thông</h3>
      <table className="data-table compact" aria-label="Tình trạng gửi liên thông">
        <thead>
          <tr>
            <th scope="col">Nơi nhận</th>
            <th scope="col">Gói tin</th>
            <th scope="col">Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d, i) => (
            <tr key={`${d.organId}-${i}`} data-status={d.status}>
              <td>
                {d.organName ?? d.organId}
                <div className="muted small">{d.organId}</div>
              </td>
              <td>{BUSINESS_TYPE_LABELS[d.businessType]}</td>
              <td>
                <span className={`ic-delivery ic-delivery-${d.status}`}>{d.statusLabel}</span>
                <span className="muted small"> · {when(d.statusAt)}</span>
                {d.note ? <div className="muted small">{d.note}</div> : null}
                {d.history.length ? (
                  <ul className="ic-history">
                    {d.history.map((h, j) => (
                      <li key={j} title={h.description ?? STATUS_DESCRIPTIONS[h.code as StatusCode] ?? ''}>
                        {h.code} {labelOf(h.code)} · {when(h.at)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

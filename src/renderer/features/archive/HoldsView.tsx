/** "Đóng băng": holds by order of a competent person (who, which order, why), placed and lifted. */
import { useState } from 'react';
import type { HoldList, HoldView } from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { toastError } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useArchive } from './archiveStore';
import { act, EmptyRow, Field, MoreRows, usePaged } from './util';

const EMPTY_HOLD = { code: '', year: '', orderedBy: '', orderRef: '', reason: '' };

export function HoldsView() {
  const tick = useArchive((s) => s.tick);
  const rights = useRights();
  const holds = usePaged<HoldView, HoldList>(
    (after) => call('hold.list', { all: true, limit: 100, ...(after ? { after } : {}) }),
    String(tick),
  );
  const [form, setForm] = useState({ ...EMPTY_HOLD, year: String(new Date().getFullYear()) });
  return (
    <div className="archive-part" aria-label="Đóng băng">
      <table className="data-table" aria-label="Lệnh đóng băng">
        <thead>
          <tr>
            <th scope="col">Đối tượng</th>
            <th scope="col">Người ra lệnh</th>
            <th scope="col">Văn bản</th>
            <th scope="col">Lý do</th>
            <th scope="col">Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          <EmptyRow cols={5} shown={holds.items.length} loading={holds.loading} text="Chưa có lệnh đóng băng nào." />
          {holds.items.map((h) => (
            <tr key={h.id}>
              <td>{h.targets.map((t) => t.label).join('; ')}</td>
              <td>{h.orderedBy}</td>
              <td>{h.orderRef}</td>
              <td>{h.reason}</td>
              <td>
                {h.liftedAt ? (
                  `Đã gỡ (${h.liftRef})`
                ) : (
                  <RightButton
                    method="hold.lift"
                    className="btn btn-small"
                    onClick={() => {
                      const ref = window.prompt('Văn bản cho phép gỡ đóng băng (số, ngày):');
                      if (ref) void act('hold.lift', { id: h.id, liftRef: ref, reason: 'Theo văn bản ' + ref }, 'Đã gỡ đóng băng');
                    }}
                  >
                    Gỡ đóng băng
                  </RightButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows paged={holds} unit="lệnh" />
      {rights.can('hold.add') ? (
        <form
          className="panel-box"
          aria-label="Đóng băng hồ sơ"
          onSubmit={async (e) => {
            e.preventDefault();
            const found = await call('dossier.list', { code: form.code.trim(), year: Number(form.year) });
            const d = found.ok ? found.value.items[0] : undefined;
            if (!d) return toastError(`Không có hồ sơ ${form.code} năm ${form.year}.`);
            const held = await act(
              'hold.add',
              { targets: [{ kind: 'dossier', id: d.id }], orderedBy: form.orderedBy, orderRef: form.orderRef, reason: form.reason },
              'Đã đóng băng hồ sơ',
            );
            // Emptied once written (a second Enter would add a second hold); a refusal keeps what was typed.
            if (held) setForm({ ...EMPTY_HOLD, year: form.year });
          }}
        >
          <h3>Đóng băng hồ sơ</h3>
          <Field label="Số, ký hiệu hồ sơ">
            <input value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          </Field>
          <Field label="Năm">
            <input value={form.year} onChange={(e) => setForm({ ...form, year: e.target.value })} />
          </Field>
          <Field label="Người có thẩm quyền ra lệnh">
            <input value={form.orderedBy} onChange={(e) => setForm({ ...form, orderedBy: e.target.value })} />
          </Field>
          <Field label="Văn bản yêu cầu (số, ngày)">
            <input value={form.orderRef} onChange={(e) => setForm({ ...form, orderRef: e.target.value })} />
          </Field>
          <Field label="Lý do" wide>
            <input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
          </Field>
          <button type="submit" className="btn btn-primary">
            Đóng băng
          </button>
        </form>
      ) : null}
    </div>
  );
}

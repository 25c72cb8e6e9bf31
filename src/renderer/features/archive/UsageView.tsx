/** "Sổ sử dụng bản lưu" (Appendix IV): who used which archived dossier, approved by whom, returned when. */
import { useState } from 'react';
import type { UsageEntry, UsageList } from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { toastError } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useArchive } from './archiveStore';
import { act, EmptyRow, Field, MoreRows, saveFile, usePaged, vnDate } from './util';

const EMPTY_USAGE = { code: '', year: '', userName: '', approvedBy: '' };

export function UsageView() {
  const tick = useArchive((s) => s.tick);
  const rights = useRights();
  const [year, setYear] = useState(new Date().getFullYear());
  const rows = usePaged<UsageEntry, UsageList>(
    (after) => call('usage.list', { from: `${year}-01-01`, to: `${year}-12-31`, limit: 100, ...(after ? { after } : {}) }),
    JSON.stringify([year, tick]),
  );
  const [form, setForm] = useState({ ...EMPTY_USAGE, year: String(new Date().getFullYear()) });
  return (
    <div className="archive-part" aria-label="Sổ sử dụng bản lưu">
      <div className="archive-toolbar">
        <Field label="Năm">
          <input
            type="number"
            min={1900}
            max={2999}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            aria-label="Năm của sổ"
          />
        </Field>
        <span className="spacer" />
        <RightButton method="usage.print" className="btn btn-small" onClick={async () => saveFile(await act('usage.print', { year }))}>
          In sổ sử dụng bản lưu
        </RightButton>
      </div>
      <table className="data-table" aria-label="Sổ sử dụng bản lưu">
        <thead>
          <tr>
            <th scope="col">Ngày</th>
            <th scope="col">Người sử dụng</th>
            <th scope="col">Tài liệu</th>
            <th scope="col">Hồ sơ</th>
            <th scope="col">Người cho phép</th>
            <th scope="col">Ngày trả</th>
          </tr>
        </thead>
        <tbody>
          <EmptyRow cols={6} shown={rows.items.length} loading={rows.loading} text="Chưa có lượt sử dụng nào trong năm này." />
          {rows.items.map((u) => (
            <tr key={u.id}>
              <td className="nowrap">{vnDate(u.usedOn)}</td>
              <td>{u.userName}</td>
              <td>
                {u.reference} {u.subject}
              </td>
              <td className="nowrap">{u.dossierCode ?? ''}</td>
              <td>{u.approvedBy}</td>
              <td className="nowrap">
                {u.returnedOn ? (
                  vnDate(u.returnedOn)
                ) : (
                  <RightButton
                    method="usage.return"
                    className="btn btn-small"
                    onClick={() => void act('usage.return', { id: u.id }, 'Đã ghi nhận trả tài liệu')}
                  >
                    Ghi nhận trả
                  </RightButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows paged={rows} unit="lượt" />
      {rights.can('usage.add') ? (
        <form
          className="panel-box"
          aria-label="Ghi sổ sử dụng"
          onSubmit={async (e) => {
            e.preventDefault();
            const found = await call('dossier.list', { code: form.code.trim(), year: Number(form.year) });
            const d = found.ok ? found.value.items[0] : undefined;
            if (!d) return toastError(`Không có hồ sơ ${form.code} năm ${form.year}.`);
            const saved = await act(
              'usage.add',
              { kind: 'dossier', targetId: d.id, userName: form.userName, approvedBy: form.approvedBy },
              'Đã ghi sổ sử dụng',
            );
            // Emptied once written, so the next loan is not saved twice by a second Enter; a refusal
            // keeps what was typed for the clerk to correct.
            if (saved) setForm({ ...EMPTY_USAGE, year: form.year });
          }}
        >
          <h3>Cho sử dụng hồ sơ</h3>
          <Field label="Số, ký hiệu hồ sơ">
            <input value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          </Field>
          <Field label="Năm">
            <input value={form.year} onChange={(e) => setForm({ ...form, year: e.target.value })} />
          </Field>
          <Field label="Người sử dụng">
            <input value={form.userName} onChange={(e) => setForm({ ...form, userName: e.target.value })} />
          </Field>
          <Field label="Người cho phép sử dụng">
            <input value={form.approvedBy} onChange={(e) => setForm({ ...form, approvedBy: e.target.value })} />
          </Field>
          <button type="submit" className="btn btn-primary">
            Ghi sổ
          </button>
        </form>
      ) : null}
    </div>
  );
}

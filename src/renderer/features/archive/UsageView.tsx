/** "Sổ sử dụng bản lưu" (Appendix IV): who used which archived dossier, approved by whom, returned when. */
import { useEffect, useState } from 'react';
import type { UsageEntry } from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { toastError } from '../../stores/toastStore';
import { useArchive } from './archiveStore';
import { act, Field, saveFile, vnDate } from './util';

export function UsageView() {
  const tick = useArchive((s) => s.tick);
  const [rows, setRows] = useState<UsageEntry[]>([]);
  const [form, setForm] = useState({ code: '', year: String(new Date().getFullYear()), userName: '', approvedBy: '' });
  useEffect(() => {
    void call('usage.list', {}).then((r) => (r.ok ? setRows(r.value) : toastError(r.error)));
  }, [tick]);
  return (
    <div className="archive-part" aria-label="Sổ sử dụng bản lưu">
      <div className="archive-toolbar">
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={async () => saveFile(await act('usage.print', {}))}>
          In sổ sử dụng bản lưu
        </button>
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
          {rows.map((u) => (
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
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void act('usage.return', { id: u.id }, 'Đã ghi nhận trả tài liệu')}
                  >
                    Ghi nhận trả
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="panel-box"
        aria-label="Ghi sổ sử dụng"
        onSubmit={async (e) => {
          e.preventDefault();
          const found = await call('dossier.list', { code: form.code.trim(), year: Number(form.year) });
          const d = found.ok ? found.value.items[0] : undefined;
          if (!d) return toastError(`Không có hồ sơ ${form.code} năm ${form.year}.`);
          await act(
            'usage.add',
            { kind: 'dossier', targetId: d.id, userName: form.userName, approvedBy: form.approvedBy },
            'Đã ghi sổ sử dụng',
          );
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
    </div>
  );
}

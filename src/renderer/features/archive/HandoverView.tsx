/**
 * "Nộp lưu": the due list (reminder 30 days before, overdue in red), the hand-over wizard
 * (choose dossiers → giver and unit → record), acceptance by the archive, the record and
 * list printed, the electronic package downloaded.
 */
import { useState } from 'react';
import {
  HANDOVER_STATUS_LABELS,
  type DueDossier,
  type DueList,
  type HandoverList,
  type HandoverSummary,
  type HandoverView as Handover,
} from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { toastError } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useArchive } from './archiveStore';
import { act, EmptyRow, Field, MoreRows, saveFile, usePaged, vnDate } from './util';

export function HandoverView() {
  const tick = useArchive((s) => s.tick);
  const rights = useRights();
  const paged = usePaged<DueDossier, DueList>((after) => call('handover.due', { limit: 100, ...(after ? { after } : {}) }), String(tick));
  const due = paged.first;
  const [picked, setPicked] = useState<number[]>([]);
  const [form, setForm] = useState({ unitName: '', giverName: '', giverPosition: '', boxes: '', shelfMeters: '' });
  const [current, setCurrent] = useState<Handover | null>(null);
  const [receiver, setReceiver] = useState({ name: '', position: '' });
  const canCreate = rights.can('handover.create');
  const [status, setStatus] = useState<'' | 'submitted' | 'accepted'>('');
  const past = usePaged<HandoverSummary, HandoverList>(
    (after) => call('handover.list', { limit: 50, ...(status ? { status } : {}), ...(after ? { after } : {}) }),
    JSON.stringify([tick, status]),
  );
  // Opening reads only: the lists stay as they are.
  const open = async (id: number) => {
    const r = await call('handover.get', { id });
    if (!r.ok) return toastError(r.error);
    setCurrent(r.value);
  };
  return (
    <div className="archive-part" aria-label="Nộp lưu">
      {due ? (
        <p className="archive-summary" role="status">
          {due.total} hồ sơ phải nộp lưu; {due.reminders} hồ sơ đến hạn trong 30 ngày; {due.overdue} hồ sơ quá hạn.
        </p>
      ) : null}
      <table className="data-table" aria-label="Hồ sơ đến hạn nộp lưu">
        <thead>
          <tr>
            <th scope="col">Chọn</th>
            <th scope="col">Số, ký hiệu</th>
            <th scope="col">Tiêu đề hồ sơ</th>
            <th scope="col">Thời hạn</th>
            <th scope="col">Kết thúc</th>
            <th scope="col">Hạn nộp lưu</th>
          </tr>
        </thead>
        <tbody>
          <EmptyRow cols={6} shown={paged.items.length} loading={paged.loading} text="Không có hồ sơ nào phải nộp lưu." />
          {paged.items.map((d) => (
            <tr key={d.id} className={d.overdue ? 'row-overdue' : d.remind ? 'row-remind' : ''} data-dossier={d.code}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Chọn hồ sơ ${d.code}`}
                  disabled={!canCreate}
                  checked={picked.includes(d.id)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, d.id] : picked.filter((x) => x !== d.id))}
                />
              </td>
              <td className="nowrap">{d.code}</td>
              <td>
                {d.title} {d.keptBack ? <span className="badge">Giữ lại đến {vnDate(d.dueDate)}</span> : null}
              </td>
              <td className="nowrap">{d.retentionLabel}</td>
              <td className="nowrap">{vnDate(d.endDate)}</td>
              <td className="nowrap">
                {vnDate(d.dueDate)}{' '}
                {d.overdue ? (
                  <span className="fu-late">Quá hạn {-d.daysLeft} ngày</span>
                ) : d.remind ? (
                  <span className="fu-due">Còn {d.daysLeft} ngày</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows paged={paged} total={due?.total} unit="hồ sơ" />
      <div className="archive-forms">
        {canCreate ? (
          <form
            className="panel-box"
            aria-label="Lập biên bản giao nhận"
            onSubmit={async (e) => {
              e.preventDefault();
              // Shelf metres as typed ("1,25"): the comma is the decimal mark.
              const metres = form.shelfMeters.trim() ? Number(form.shelfMeters.trim().replace(',', '.')) : undefined;
              const h = await act(
                'handover.create',
                {
                  dossiers: picked,
                  unitName: form.unitName,
                  giverName: form.giverName,
                  ...(form.giverPosition ? { giverPosition: form.giverPosition } : {}),
                  ...(form.boxes.trim() ? { boxes: Number(form.boxes) } : {}),
                  ...(metres !== undefined ? { shelfMeters: metres } : {}),
                },
                'Đã lập biên bản giao nhận',
              );
              if (h) {
                setCurrent(h);
                setPicked([]);
              }
            }}
          >
            <h3>Lập biên bản giao nhận ({picked.length} hồ sơ đã chọn)</h3>
            <Field label="Đơn vị giao nộp">
              <input value={form.unitName} onChange={(e) => setForm({ ...form, unitName: e.target.value })} />
            </Field>
            <Field label="Người giao">
              <input value={form.giverName} onChange={(e) => setForm({ ...form, giverName: e.target.value })} />
            </Field>
            <Field label="Chức vụ người giao">
              <input value={form.giverPosition} onChange={(e) => setForm({ ...form, giverPosition: e.target.value })} />
            </Field>
            <Field label="Số hộp (cặp) tài liệu giấy">
              <input
                inputMode="numeric"
                value={form.boxes}
                placeholder="để trống nếu chỉ nộp điện tử"
                onChange={(e) => setForm({ ...form, boxes: e.target.value.replace(/\D/g, '') })}
              />
            </Field>
            <Field label="Số mét giá">
              <input
                inputMode="decimal"
                value={form.shelfMeters}
                placeholder="ví dụ 1,25"
                onChange={(e) => setForm({ ...form, shelfMeters: e.target.value.replace(/[^\d.,]/g, '') })}
              />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={!picked.length}>
              Lập biên bản
            </button>
          </form>
        ) : null}
      </div>
      <section className="panel-box" aria-label="Biên bản giao nhận đã lập">
        <div className="archive-toolbar">
          <h3>Biên bản giao nhận đã lập</h3>
          <Field label="Trạng thái">
            <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label="Lọc theo trạng thái">
              <option value="">Tất cả</option>
              <option value="submitted">{HANDOVER_STATUS_LABELS.submitted}</option>
              <option value="accepted">{HANDOVER_STATUS_LABELS.accepted}</option>
            </select>
          </Field>
        </div>
        <table className="data-table" aria-label="Danh sách biên bản giao nhận">
          <thead>
            <tr>
              <th scope="col">Số</th>
              <th scope="col">Đơn vị giao nộp</th>
              <th scope="col">Người giao</th>
              <th scope="col">Số hồ sơ</th>
              <th scope="col">Ngày lập</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            <EmptyRow cols={7} shown={past.items.length} loading={past.loading} text="Chưa lập biên bản giao nhận nào." />
            {past.items.map((h) => (
              <tr key={h.id} data-handover={h.id} className={current?.id === h.id ? 'row-current' : ''}>
                <td className="nowrap">
                  {h.id}/{h.year}
                </td>
                <td>{h.unitName}</td>
                <td>{h.giverName}</td>
                <td>
                  {h.dossiers} {h.confidential ? <span className="badge">Có hồ sơ mật</span> : null}
                </td>
                <td className="nowrap">{vnDate(h.createdAt)}</td>
                <td className="nowrap">{HANDOVER_STATUS_LABELS[h.status]}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => void open(h.id)} aria-label={`Mở biên bản số ${h.id}`}>
                    Mở
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MoreRows paged={past} total={past.first?.total} unit="biên bản" />
      </section>
      {current ? (
        <section className="panel-box" aria-label={`Biên bản giao nhận số ${current.id}`}>
          <h3>
            Biên bản giao nhận số {current.id}/{current.year} —{' '}
            {current.status === 'accepted' ? 'Lưu trữ cơ quan đã nhận' : 'chờ Lưu trữ cơ quan nhận'}
          </h3>
          <p className="muted">
            Đơn vị giao nộp: {current.unitName}; người giao: {current.giverName}
            {current.boxes !== null ? `; ${current.boxes} hộp (cặp)` : ''}
            {current.shelfMeters !== null ? `; ${String(current.shelfMeters).replace('.', ',')} mét giá` : ''}.
          </p>
          <ol>
            {current.dossiers.map((d) => (
              <li key={d.id}>
                {d.code} — {d.title} ({d.retentionLabel}; {d.docTotal} văn bản, {d.files} tệp)
              </li>
            ))}
          </ol>
          {current.status === 'submitted' && rights.can('handover.accept') ? (
            <div className="archive-toolbar">
              <Field label="Người nhận">
                <input value={receiver.name} onChange={(e) => setReceiver({ ...receiver, name: e.target.value })} />
              </Field>
              <Field label="Chức vụ người nhận">
                <input value={receiver.position} onChange={(e) => setReceiver({ ...receiver, position: e.target.value })} />
              </Field>
              <RightButton
                method="handover.accept"
                className="btn btn-primary"
                onClick={async () => {
                  const h = await act(
                    'handover.accept',
                    {
                      id: current.id,
                      ...(receiver.name ? { receiverName: receiver.name } : {}),
                      ...(receiver.position ? { receiverPosition: receiver.position } : {}),
                    },
                    'Lưu trữ cơ quan đã nhận hồ sơ',
                  );
                  if (h) setCurrent(h);
                }}
              >
                Tiếp nhận vào lưu trữ
              </RightButton>
            </div>
          ) : null}
          <div className="archive-toolbar">
            <RightButton
              method="handover.print"
              className="btn btn-small"
              onClick={async () => saveFile(await act('handover.print', { id: current.id }))}
            >
              In biên bản và mục lục
            </RightButton>
            <RightButton
              method="handover.package"
              className="btn btn-small"
              onClick={async () => saveFile(await act('handover.package', { id: current.id }, 'Đã tạo gói nộp lưu'), 'application/zip')}
            >
              Tải gói nộp lưu điện tử
            </RightButton>
          </div>
        </section>
      ) : null}
    </div>
  );
}

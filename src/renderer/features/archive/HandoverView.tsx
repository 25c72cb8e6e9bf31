/**
 * "Nộp lưu": the due list (reminder 30 days before, overdue in red), the hand-over wizard
 * (choose dossiers → giver and unit → record), acceptance by the archive, the record and
 * list printed, the electronic package downloaded.
 */
import { useState } from 'react';
import type { DueDossier, DueList, HandoverView as Handover } from '../../../shared/domain/archive';
import { call } from '../../api/client';
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
  const [form, setForm] = useState({ unitName: '', giverName: '', giverPosition: '' });
  const [current, setCurrent] = useState<Handover | null>(null);
  const [receiver, setReceiver] = useState({ name: '', position: '' });
  const [lookup, setLookup] = useState('');
  const canCreate = rights.can('handover.create');
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
              const h = await act(
                'handover.create',
                { dossiers: picked, ...form, ...(form.giverPosition ? {} : { giverPosition: undefined }) },
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
            <button type="submit" className="btn btn-primary" disabled={!picked.length}>
              Lập biên bản
            </button>
          </form>
        ) : null}
        <form
          className="panel-box"
          aria-label="Mở biên bản giao nhận"
          onSubmit={async (e) => {
            e.preventDefault();
            const h = await act('handover.get', { id: Number(lookup) });
            if (h) setCurrent(h);
          }}
        >
          <h3>Mở biên bản giao nhận đã lập</h3>
          <Field label="Số biên bản">
            <input inputMode="numeric" value={lookup} onChange={(e) => setLookup(e.target.value.replace(/\D/g, ''))} />
          </Field>
          <button type="submit" className="btn" disabled={!lookup}>
            Mở
          </button>
        </form>
      </div>
      {current ? (
        <section className="panel-box" aria-label={`Biên bản giao nhận số ${current.id}`}>
          <h3>
            Biên bản giao nhận số {current.id}/{current.year} —{' '}
            {current.status === 'accepted' ? 'Lưu trữ cơ quan đã nhận' : 'chờ Lưu trữ cơ quan nhận'}
          </h3>
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

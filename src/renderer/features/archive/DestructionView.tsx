/**
 * "Hủy tài liệu": the dossiers whose retention ran out, a list proposed to the council, its
 * decision recorded, the destruction carried out (tombstones kept). Held dossiers are shown
 * and cannot be chosen.
 */
import { useState } from 'react';
import {
  DESTRUCTION_STATUS_LABELS,
  type DestructionList,
  type DestructionSummary,
  type DestructionView as Destruction,
  type ExpiredDossier,
  type ExpiredList,
} from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { toastError } from '../../stores/toastStore';
import { ok } from '../../../shared/result';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useArchive } from './archiveStore';
import { act, EmptyRow, Field, MoreRows, STATE_LABELS, usePaged, vnDate } from './util';

export function DestructionView() {
  const tick = useArchive((s) => s.tick);
  const [year, setYear] = useState(new Date().getFullYear());
  const rights = useRights();
  // A leader comes here to record the council's decision: the expired list is the archivist's.
  const lists = rights.can('retention.expired');
  const rows = usePaged<ExpiredDossier, ExpiredList>(
    (after) =>
      lists
        ? call('retention.expired', { year, limit: 100, ...(after ? { after } : {}) })
        : Promise.resolve(ok({ year, total: 0, items: [], next: null })),
    JSON.stringify([year, tick, lists]),
  );
  const [picked, setPicked] = useState<number[]>([]);
  const [title, setTitle] = useState('');
  const [x, setX] = useState<Destruction | null>(null);
  const [decision, setDecision] = useState({ councilRef: '', minutesRef: '', appraisalRef: '', decisionRef: '', decisionDate: '' });
  const [minutes, setMinutes] = useState('');
  // Past destructions, newest first: a leader finds the one waiting for the council's decision here.
  const [status, setStatus] = useState<'' | 'proposed' | 'approved' | 'executed'>('');
  const past = usePaged<DestructionSummary, DestructionList>(
    (after) => call('destruction.list', { limit: 50, ...(status ? { status } : {}), ...(after ? { after } : {}) }),
    JSON.stringify([tick, status]),
  );
  const open = async (id: number) => {
    const r = await call('destruction.get', { id });
    if (!r.ok) return toastError(r.error);
    setX(r.value);
  };
  return (
    <div className="archive-part" aria-label="Hủy tài liệu hết thời hạn">
      {lists ? (
        <>
          <div className="archive-toolbar">
            <Field label="Hết thời hạn bảo quản đến năm">
              <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} aria-label="Năm hết hạn" />
            </Field>
          </div>
          <table className="data-table" aria-label="Danh mục tài liệu hết thời hạn bảo quản">
            <thead>
              <tr>
                <th scope="col">Chọn</th>
                <th scope="col">Năm</th>
                <th scope="col">Số, ký hiệu</th>
                <th scope="col">Tiêu đề hồ sơ</th>
                <th scope="col">Thời hạn</th>
                <th scope="col">Kết thúc</th>
                <th scope="col">Hết hạn</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              <EmptyRow
                cols={8}
                shown={rows.items.length}
                loading={rows.loading}
                text="Không có hồ sơ nào hết thời hạn bảo quản đến năm này."
              />
              {rows.items.map((d) => (
                <tr key={d.id} data-dossier={d.code}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Chọn hồ sơ ${d.code}`}
                      disabled={d.held || d.inDestruction !== null}
                      checked={picked.includes(d.id)}
                      onChange={(e) => setPicked(e.target.checked ? [...picked, d.id] : picked.filter((v) => v !== d.id))}
                    />
                  </td>
                  <td>{d.year}</td>
                  <td className="nowrap">{d.code}</td>
                  <td>
                    {d.title} {d.held ? <span className="badge badge-danger">Đóng băng — không hủy được</span> : null}
                  </td>
                  <td className="nowrap">{d.retentionLabel}</td>
                  <td className="nowrap">{vnDate(d.endDate)}</td>
                  <td>{d.expiryYear}</td>
                  <td className="nowrap">{d.inDestruction !== null ? 'Đã đưa vào danh mục hủy' : STATE_LABELS[d.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <MoreRows paged={rows} total={rows.first?.total} unit="hồ sơ" />
          <form
            className="panel-box"
            aria-label="Đề nghị hủy"
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await act('destruction.propose', { dossiers: picked, title }, 'Đã lập danh mục tài liệu đề nghị hủy');
              if (r) {
                setX(r);
                setPicked([]);
              }
            }}
          >
            <h3>Lập danh mục đề nghị hủy ({picked.length} hồ sơ)</h3>
            <Field label="Tên danh mục" wide>
              <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Danh mục tài liệu hết thời hạn lưu trữ năm …" />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={!picked.length}>
              Lập danh mục
            </button>
          </form>
        </>
      ) : null}
      <section className="panel-box" aria-label="Danh mục hủy đã lập">
        <div className="archive-toolbar">
          <h3>Danh mục hủy đã lập</h3>
          <Field label="Trạng thái">
            <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label="Lọc theo trạng thái">
              <option value="">Tất cả</option>
              <option value="proposed">{DESTRUCTION_STATUS_LABELS.proposed}</option>
              <option value="approved">{DESTRUCTION_STATUS_LABELS.approved}</option>
              <option value="executed">{DESTRUCTION_STATUS_LABELS.executed}</option>
            </select>
          </Field>
        </div>
        <table className="data-table" aria-label="Danh sách danh mục hủy">
          <thead>
            <tr>
              <th scope="col">Số</th>
              <th scope="col">Tên danh mục</th>
              <th scope="col">Số hồ sơ</th>
              <th scope="col">Ngày lập</th>
              <th scope="col">Quyết định hủy</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            <EmptyRow cols={7} shown={past.items.length} loading={past.loading} text="Chưa lập danh mục hủy nào." />
            {past.items.map((d) => (
              <tr key={d.id} data-destruction={d.id} className={x?.id === d.id ? 'row-current' : ''}>
                <td>{d.id}</td>
                <td>{d.title}</td>
                <td>
                  {d.dossiers} {d.confidential ? <span className="badge">Có hồ sơ mật</span> : null}
                </td>
                <td className="nowrap">{vnDate(d.proposedAt)}</td>
                <td className="nowrap">
                  {d.decisionRef ? `${d.decisionRef}${d.decisionDate ? ` ngày ${vnDate(d.decisionDate)}` : ''}` : ''}
                </td>
                <td className="nowrap">{DESTRUCTION_STATUS_LABELS[d.status]}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => void open(d.id)} aria-label={`Mở danh mục hủy số ${d.id}`}>
                    Mở
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MoreRows paged={past} total={past.first?.total} unit="danh mục" />
      </section>
      {x ? (
        <section className="panel-box" aria-label={`Hồ sơ hủy số ${x.id}`}>
          <h3>
            Danh mục hủy số {x.id}: {x.title} —{' '}
            {x.status === 'proposed' ? 'chờ Hội đồng xét hủy' : x.status === 'approved' ? `đã có quyết định ${x.decisionRef}` : 'đã hủy'}
          </h3>
          <ul>
            {x.dossiers.map((d) => (
              <li key={d.id}>
                {d.code} ({d.year}) — {d.title}
              </li>
            ))}
          </ul>
          {x.status === 'proposed' && !rights.can('destruction.approve') ? (
            <p className="muted">Chờ Lãnh đạo ghi nhận quyết định hủy (danh mục hủy số {x.id}).</p>
          ) : null}
          {x.status === 'proposed' && rights.can('destruction.approve') ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await act(
                  'destruction.approve',
                  { id: x.id, ...decision, ...(decision.appraisalRef ? {} : { appraisalRef: undefined }) },
                  'Đã ghi nhận quyết định hủy',
                );
                if (r) setX(r);
              }}
            >
              <Field label="Quyết định thành lập Hội đồng xét hủy">
                <input value={decision.councilRef} onChange={(e) => setDecision({ ...decision, councilRef: e.target.value })} />
              </Field>
              <Field label="Biên bản họp Hội đồng">
                <input value={decision.minutesRef} onChange={(e) => setDecision({ ...decision, minutesRef: e.target.value })} />
              </Field>
              <Field label="Văn bản thẩm định">
                <input value={decision.appraisalRef} onChange={(e) => setDecision({ ...decision, appraisalRef: e.target.value })} />
              </Field>
              <Field label="Quyết định hủy (số)">
                <input value={decision.decisionRef} onChange={(e) => setDecision({ ...decision, decisionRef: e.target.value })} />
              </Field>
              <Field label="Ngày quyết định">
                <input
                  value={decision.decisionDate}
                  placeholder="dd/mm/yyyy"
                  onChange={(e) => setDecision({ ...decision, decisionDate: e.target.value })}
                />
              </Field>
              <RightButton type="submit" method="destruction.approve" className="btn btn-primary">
                Ghi nhận quyết định
              </RightButton>
            </form>
          ) : null}
          {x.status === 'approved' && rights.can('destruction.execute') ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await act(
                  'destruction.execute',
                  { id: x.id, minutesRef: minutes },
                  'Đã hủy tài liệu; siêu dữ liệu và mã băm được giữ lại',
                );
                if (r) setX(r);
              }}
            >
              <Field label="Biên bản về việc hủy">
                <input value={minutes} onChange={(e) => setMinutes(e.target.value)} />
              </Field>
              <RightButton type="submit" method="destruction.execute" className="btn btn-danger">
                Hủy tài liệu
              </RightButton>
            </form>
          ) : null}
          {x.status === 'executed' ? (
            <p className="muted">
              Đã hủy ngày {vnDate(x.executedAt)}; giữ lại {x.tombstones.length} dấu vết tệp (tên, mã băm SHA-256),{' '}
              {x.tombstones.filter((t) => t.contentRemoved).length} nội dung đã xóa khỏi kho.
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/**
 * "Hồ sơ": the dossiers (search by words or code, by state), one opened outside the plan, and
 * a dossier's view — its documents in the order of events with duplicates and drafts marked,
 * filing found documents into it, closing it (title and retention confirmed), its Mục lục.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import type { DossierDetail, DossierView } from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { useApp } from '../../stores/appStore';
import { toastError } from '../../stores/toastStore';
import { useArchive } from './archiveStore';
import { act, Field, saveFile, STATE_LABELS, vnDate } from './util';

function DossierList() {
  const tick = useArchive((s) => s.tick);
  const [query, setQuery] = useState('');
  const [state, setState] = useState('');
  const [rows, setRows] = useState<{ total: number; items: DossierView[] }>({ total: 0, items: [] });
  const [adhoc, setAdhoc] = useState({ title: '', code: '', retention: '', startDate: '' });

  const load = useCallback(async () => {
    const q = query.trim();
    const r = await call('dossier.list', {
      ...(q ? (/^\d+(\.[\p{Lu}\d-]+)?$/u.test(q) ? { code: q } : { query: q }) : {}),
      ...(state ? { state } : {}),
    });
    if (r.ok) setRows(r.value);
    else toastError(r.error);
  }, [query, state]);
  useEffect(() => {
    void load();
  }, [load, tick]);

  return (
    <div className="archive-part" aria-label="Danh sách hồ sơ">
      <div className="archive-toolbar">
        <input
          type="search"
          className="archive-search"
          placeholder="Tìm theo tiêu đề, số ký hiệu hồ sơ, trích yếu văn bản…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Tìm hồ sơ"
        />
        <select value={state} onChange={(e) => setState(e.target.value)} aria-label="Tình trạng hồ sơ">
          <option value="">Mọi tình trạng</option>
          {Object.entries(STATE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <span className="muted">{rows.total} hồ sơ</span>
      </div>
      <table className="data-table" aria-label="Hồ sơ">
        <thead>
          <tr>
            <th scope="col">Năm</th>
            <th scope="col">Số, ký hiệu</th>
            <th scope="col">Tiêu đề hồ sơ</th>
            <th scope="col">Thời hạn</th>
            <th scope="col">Văn bản</th>
            <th scope="col">Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          {rows.items.map((d) => (
            <tr key={d.id} className="clickable" onClick={() => useArchive.getState().openDossier(d.id)} data-dossier={d.code}>
              <td>{d.year}</td>
              <td className="nowrap">{d.code}</td>
              <td>
                {d.title} {d.held ? <span className="badge badge-danger">Đóng băng</span> : null}
                {d.confidential ? <span className="badge badge-warn">Mật</span> : null}
              </td>
              <td className="nowrap">{d.retentionLabel}</td>
              <td className="num-cell">{d.docTotal}</td>
              <td className="nowrap">{STATE_LABELS[d.state]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="panel-box"
        aria-label="Mở hồ sơ ngoài danh mục"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await act(
            'dossier.open',
            {
              title: adhoc.title,
              code: adhoc.code,
              retention: adhoc.retention,
              ...(adhoc.startDate ? { startDate: adhoc.startDate } : {}),
            },
            'Đã mở hồ sơ',
          );
          if (r) useArchive.getState().openDossier(r.id);
        }}
      >
        <h3>Mở hồ sơ không có trong danh mục</h3>
        <Field label="Tiêu đề hồ sơ" wide>
          <input value={adhoc.title} onChange={(e) => setAdhoc({ ...adhoc, title: e.target.value })} />
        </Field>
        <Field label="Số và ký hiệu (ví dụ 15.VP)">
          <input value={adhoc.code} onChange={(e) => setAdhoc({ ...adhoc, code: e.target.value })} />
        </Field>
        <Field label="Thời hạn bảo quản">
          <input value={adhoc.retention} list="archive-retentions" onChange={(e) => setAdhoc({ ...adhoc, retention: e.target.value })} />
        </Field>
        <Field label="Thời gian bắt đầu (dd/mm/yyyy)">
          <input value={adhoc.startDate} onChange={(e) => setAdhoc({ ...adhoc, startDate: e.target.value })} />
        </Field>
        <button type="submit" className="btn btn-primary">
          Mở hồ sơ
        </button>
      </form>
    </div>
  );
}

type Hits = OutputOf<'search.incoming'>['items'];

function FileIntoDossier({ dossier }: { dossier: DossierDetail }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hits>([]);
  const find = async () => {
    const r = await call('search.incoming', { query, limit: 10 });
    if (r.ok) setHits(r.value.items);
    else toastError(r.error);
  };
  return (
    <form
      className="panel-box"
      aria-label="Đưa văn bản vào hồ sơ"
      onSubmit={(e) => {
        e.preventDefault();
        void find();
      }}
    >
      <h3>Đưa văn bản đến vào hồ sơ</h3>
      <div className="archive-toolbar">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Số, ký hiệu hoặc trích yếu…"
          aria-label="Tìm văn bản để đưa vào hồ sơ"
        />
        <button type="submit" className="btn btn-small">
          Tìm
        </button>
      </div>
      <ul className="archive-hits">
        {hits.map((h) => (
          <li key={h.id}>
            <span>
              <strong>{h.symbol ?? `Số đến ${h.arrivalNumber}`}</strong> — {h.subject}
            </span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void act('dossier.addDoc', { id: dossier.id, kind: 'incoming', docId: h.id }, 'Đã đưa văn bản vào hồ sơ')}
            >
              Đưa vào hồ sơ
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}

function CloseDossier({ dossier }: { dossier: DossierDetail }) {
  const [title, setTitle] = useState(dossier.title);
  const [retention, setRetention] = useState(dossier.retention === null ? 'Vĩnh viễn' : String(dossier.retention));
  const [keep, setKeep] = useState(false);
  const flagged = dossier.items.filter((i) => i.draft || i.duplicateOf !== null).length;
  return (
    <form
      className="panel-box"
      aria-label="Kết thúc hồ sơ"
      onSubmit={(e) => {
        e.preventDefault();
        void act('dossier.close', { id: dossier.id, title, retention, keepFlagged: keep }, 'Đã kết thúc hồ sơ');
      }}
    >
      <h3>Kết thúc hồ sơ</h3>
      <p className="muted small">
        Xem lại tiêu đề và xác định lại thời hạn bảo quản; sau khi kết thúc, không thêm hoặc bớt văn bản được nữa.
      </p>
      <Field label="Tiêu đề hồ sơ" wide>
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label="Thời hạn bảo quản">
        <input value={retention} list="archive-retentions" onChange={(e) => setRetention(e.target.value)} />
      </Field>
      {flagged ? (
        <label className="check">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Vẫn giữ {flagged} văn bản trùng hoặc dự thảo
        </label>
      ) : null}
      <button type="submit" className="btn btn-primary">
        Kết thúc hồ sơ
      </button>
    </form>
  );
}

function Dossier({ id }: { id: number }) {
  const tick = useArchive((s) => s.tick);
  const [d, setD] = useState<DossierDetail | null>(null);
  useEffect(() => {
    void call('dossier.get', { id }).then((r) => (r.ok ? setD(r.value) : toastError(r.error)));
  }, [id, tick]);
  if (!d) return null;
  return (
    <div className="archive-part" aria-label={`Hồ sơ ${d.code}`}>
      <div className="archive-toolbar">
        <button type="button" className="btn btn-small btn-ghost" onClick={() => useArchive.getState().openDossier(null)}>
          « Danh sách hồ sơ
        </button>
        <h2 className="dossier-title">
          {d.code} — {d.title}
        </h2>
        <span className="badge">{STATE_LABELS[d.state]}</span>
        {d.held ? <span className="badge badge-danger">Đóng băng</span> : null}
        {d.declared ? <span className="badge badge-ok">Hồ sơ lưu trữ (không sửa được)</span> : null}
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={async () => saveFile(await act('dossier.index', { id: d.id }))}>
          In mục lục văn bản
        </button>
      </div>
      <dl className="fields dossier-fields">
        <dt>Mã hồ sơ</dt>
        <dd>{d.fileCode}</dd>
        <dt>Thời hạn bảo quản</dt>
        <dd>{d.retentionLabel}</dd>
        <dt>Người lập hồ sơ</dt>
        <dd>{d.creator ?? ''}</dd>
        <dt>Thời gian</dt>
        <dd>
          {vnDate(d.startDate)} – {vnDate(d.endDate)}
        </dd>
        {d.dueDate ? (
          <>
            <dt>Hạn nộp lưu</dt>
            <dd>{vnDate(d.keepBackUntil ?? d.dueDate)}</dd>
          </>
        ) : null}
        {d.expiryYear ? (
          <>
            <dt>Hết thời hạn bảo quản</dt>
            <dd>năm {d.expiryYear}</dd>
          </>
        ) : null}
      </dl>
      <table className="data-table" aria-label="Văn bản trong hồ sơ">
        <thead>
          <tr>
            <th scope="col">STT</th>
            <th scope="col">Số, ký hiệu</th>
            <th scope="col">Ngày</th>
            <th scope="col">Tên loại và trích yếu</th>
            <th scope="col">Tác giả</th>
            <th scope="col">Tệp</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {d.items.map((i) => (
            <tr key={`${i.kind}${i.docId}`} className={i.draft || i.duplicateOf !== null ? 'row-flagged' : ''}>
              <td className="num-cell">{i.ordinal}</td>
              <td className="nowrap">{i.symbol ?? ''}</td>
              <td className="nowrap">{vnDate(i.issuedDate)}</td>
              <td>
                {i.typeName}: {i.subject}
                {i.draft ? <span className="badge badge-warn">Dự thảo</span> : null}
                {i.duplicateOf !== null ? <span className="badge badge-warn">Trùng với số {i.duplicateOf}</span> : null}
              </td>
              <td>{i.author}</td>
              <td className="num-cell">{i.files.length}</td>
              <td className="nowrap">
                {i.kind === 'incoming' ? (
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => useApp.getState().openDetail(i.docId)}>
                    Xem
                  </button>
                ) : null}
                {d.state === 'open' ? (
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    onClick={() => void act('dossier.removeDoc', { id: d.id, kind: i.kind, docId: i.docId }, 'Đã bỏ văn bản khỏi hồ sơ')}
                  >
                    Bỏ ra
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {d.state === 'open' ? (
        <div className="archive-forms">
          <FileIntoDossier dossier={d} />
          <CloseDossier key={`${d.id}-${d.docTotal}`} dossier={d} />
        </div>
      ) : null}
    </div>
  );
}

export function DossiersView() {
  const id = useArchive((s) => s.dossierId);
  return id === null ? <DossierList /> : <Dossier key={id} id={id} />;
}

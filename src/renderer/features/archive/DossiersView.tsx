/**
 * "Hồ sơ": the dossiers (search by words or code, by state), one opened outside the plan, and
 * a dossier's view — its documents in the order of events with duplicates and drafts marked,
 * filing found documents into it, closing it (title and retention confirmed), its Mục lục.
 */
import { useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import type { DocKind, DossierDetail, DossierList as Page, DossierView } from '../../../shared/domain/archive';
import { call } from '../../api/client';
import { useApp } from '../../stores/appStore';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useArchive } from './archiveStore';
import { act, EmptyRow, Field, MoreRows, saveFile, STATE_LABELS, usePaged, vnDate } from './util';

function DossierList() {
  const tick = useArchive((s) => s.tick);
  const rights = useRights();
  const [query, setQuery] = useState('');
  const [state, setState] = useState('');
  const [adhoc, setAdhoc] = useState({ title: '', code: '', retention: '', startDate: '' });
  const q = query.trim();
  const filter = {
    ...(q ? (/^\d+(\.[\p{Lu}\d-]+)?$/u.test(q) ? { code: q } : { query: q }) : {}),
    ...(state ? { state } : {}),
  };
  const rows = usePaged<DossierView, Page>(
    (after) => call('dossier.list', { ...filter, limit: 100, ...(after ? { after } : {}) }),
    JSON.stringify([filter, tick]),
  );

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
        <span className="muted">{rows.first?.total ?? 0} hồ sơ</span>
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
          <EmptyRow cols={6} shown={rows.items.length} loading={rows.loading} text="Không có hồ sơ nào." />
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
      <MoreRows paged={rows} total={rows.first?.total} unit="hồ sơ" />
      {rights.can('dossier.open') ? (
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
      ) : null}
    </div>
  );
}

/** A found document, incoming or outgoing, as the filing form lists it. */
interface Hit {
  kind: DocKind;
  id: number;
  label: string;
  subject: string;
}

function hitsOf(kind: DocKind, r: OutputOf<'search.incoming'> | OutputOf<'outgoing.search'>): Hit[] {
  if (kind === 'incoming')
    return (r as OutputOf<'search.incoming'>).items.map((h) => ({
      kind,
      id: h.id,
      label: h.symbol ?? `Số đến ${h.arrivalNumber}`,
      subject: h.subject,
    }));
  return (r as OutputOf<'outgoing.search'>).items.map((o) => ({
    kind,
    id: o.id,
    label: o.symbol ?? 'Dự thảo chưa có số',
    subject: o.subject,
  }));
}

function FileIntoDossier({ dossier }: { dossier: DossierDetail }) {
  const [kind, setKind] = useState<DocKind>('incoming');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const find = async () => {
    const r =
      kind === 'incoming' ? await call('search.incoming', { query, limit: 10 }) : await call('outgoing.search', { query, limit: 10 });
    if (r.ok) setHits(hitsOf(kind, r.value));
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
      <h3>Đưa văn bản vào hồ sơ</h3>
      <div className="archive-toolbar">
        <select
          value={kind}
          aria-label="Loại văn bản"
          onChange={(e) => {
            setKind(e.target.value as DocKind);
            setHits([]);
          }}
        >
          <option value="incoming">Văn bản đến</option>
          <option value="outgoing">Văn bản đi</option>
        </select>
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
          <li key={`${h.kind}${h.id}`}>
            <span>
              <strong>{h.label}</strong> — {h.subject}
            </span>
            <RightButton
              method="dossier.addDoc"
              className="btn btn-small"
              onClick={() => void act('dossier.addDoc', { id: dossier.id, kind: h.kind, docId: h.id }, 'Đã đưa văn bản vào hồ sơ')}
            >
              Đưa vào hồ sơ
            </RightButton>
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
  // Closing judges the whole dossier, also the items this person is not shown: after a
  // refusal the count is the server's, and keeping them can be confirmed.
  const [unclean, setUnclean] = useState<number | null>(null);
  const flagged = unclean ?? dossier.items.filter((i) => i.draft || i.duplicateOf !== null).length;
  return (
    <form
      className="panel-box"
      aria-label="Kết thúc hồ sơ"
      onSubmit={(e) => {
        e.preventDefault();
        void call('dossier.close', { id: dossier.id, title, retention, keepFlagged: keep }).then((r) => {
          if (!r.ok) {
            toastError(r.error);
            if (r.error.code === 'dossier_unclean') {
              const d = r.error.details as { flagged?: unknown[]; unseen?: number } | undefined;
              setUnclean((d?.flagged?.length ?? 0) + (d?.unseen ?? 0));
            }
            return;
          }
          toastSuccess('Đã kết thúc hồ sơ');
          useArchive.getState().changed();
        });
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
  const rights = useRights();
  const [d, setD] = useState<DossierDetail | null>(null);
  useEffect(() => {
    void call('dossier.get', { id }).then((r) => (r.ok ? setD(r.value) : toastError(r.error)));
  }, [id, tick]);
  if (!d) return null;
  const partial = d.unseenItems > 0 ? 'Hồ sơ có văn bản bạn không được xem: hãy nhờ văn thư hoặc lưu trữ in hoặc xuất.' : undefined;
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
        <RightButton
          method="dossier.index"
          className="btn btn-small"
          // The Mục lục and the export are the whole dossier's (the service refuses a part).
          disabled={d.unseenItems > 0}
          title={partial}
          onClick={async () => saveFile(await act('dossier.index', { id: d.id }))}
        >
          In mục lục văn bản
        </RightButton>
        <RightButton
          method="dossier.export"
          className="btn btn-small"
          disabled={d.unseenItems > 0}
          title={partial}
          onClick={async () => {
            const x = await act('dossier.export', { id: d.id });
            if (x) {
              await saveFile({ fileName: x.pdf.fileName, bytes: x.pdf.bytes });
              await saveFile({ fileName: x.xml.fileName, bytes: x.xml.bytes }, 'application/xml');
            }
          }}
        >
          Xuất hồ sơ (PDF + XML)
        </RightButton>
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
                  <RightButton
                    method="dossier.removeDoc"
                    hideIfDenied
                    className="btn btn-small btn-danger-outline"
                    onClick={() => void act('dossier.removeDoc', { id: d.id, kind: i.kind, docId: i.docId }, 'Đã bỏ văn bản khỏi hồ sơ')}
                  >
                    Bỏ ra
                  </RightButton>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={7} className="plan-total">
              {d.unseenItems > 0
                ? `Bạn được xem ${d.items.length} văn bản của hồ sơ. Ngoài ra hồ sơ còn ${d.unseenItems} văn bản bạn không được xem (của đơn vị khác hoặc văn bản mật).`
                : `Hồ sơ có ${d.items.length} văn bản.`}
            </td>
          </tr>
        </tfoot>
      </table>
      {d.state === 'open' && rights.canAny('dossier.addDoc', 'dossier.close') ? (
        <div className="archive-forms">
          {rights.can('dossier.addDoc') ? <FileIntoDossier dossier={d} /> : null}
          {rights.can('dossier.close') ? <CloseDossier key={`${d.id}-${d.docTotal}`} dossier={d} /> : null}
        </div>
      ) : null}
    </div>
  );
}

export function DossiersView() {
  const id = useArchive((s) => s.dossierId);
  return id === null ? <DossierList /> : <Dossier key={id} id={id} />;
}

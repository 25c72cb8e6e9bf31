/**
 * "Liên thông": documents received from other offices as edXML (QCVN 102:2016) — each one
 * waits, pre-filled from its header, until the clerk registers it or refuses it with a
 * reason (the sender is answered with a status message) — and the organ directory
 * ("danh bạ cơ quan") the office sends to.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { FilePickButton } from '../../components/FilePickButton';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner } from '../../components/FormParts';
import { toastError, toastInfo, toastSuccess } from '../../stores/toastStore';
import { useApp } from '../../stores/appStore';
import { useRegisterList } from '../../stores/registerListStore';
import type { EdxmlPreviewView, ExchangeFoldersView } from '../../../shared/contract';
import { BUSINESS_TYPE_LABELS, type Organ, type ReceivedView } from '../../../shared/domain/interchange';
import './interchange.css';
import { useRights } from '../accounts/rights';

const STATE_LABELS: Record<ReceivedView['state'], string> = {
  pending: 'Chờ vào sổ',
  registered: 'Đã vào sổ',
  refused: 'Đã từ chối',
};

const dateTime = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;

function Received() {
  const [items, setItems] = useState<ReceivedView[] | null>(null);
  const [open, setOpen] = useState<EdxmlPreviewView | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const openDetail = useApp((s) => s.openDetail);

  const load = useCallback(async () => {
    const r = await call('edxml.received', {});
    if (r.ok) setItems(r.value);
    else toastError(r.error);
  }, []);
  useEffect(() => {
    void load();
    // The app looks into the inbox on its own (in main): what arrived shows up here.
    const t = setInterval(() => void load(), 15_000);
    const now = () => void load();
    window.addEventListener('vanthu:exchange', now);
    return () => {
      clearInterval(t);
      window.removeEventListener('vanthu:exchange', now);
    };
  }, [load]);

  const show = async (id: number) => {
    setError(null);
    setReason('');
    const r = await call('edxml.preview', { id });
    if (r.ok) setOpen(r.value);
    else toastError(r.error);
  };

  const receive = async (file: { fileName: string; bytes: Uint8Array<ArrayBuffer> }) => {
    const r = await call('edxml.receive', file);
    if (!r.ok) {
      toastError(`«${file.fileName}» bị từ chối: ${r.error.message}`);
      return;
    }
    const v = r.value;
    if (v.kind === 'already_processed') toastInfo(`«${file.fileName}» đã được xử lý trước đây; không nhận lại.`);
    else if (v.kind === 'status') toastSuccess(`Đã cập nhật trạng thái văn bản ${v.documentId} (mã ${v.code}).`);
    else if (v.kind === 'recall') toastInfo(`Nơi gửi thu hồi văn bản ${v.original.symbol}: đã đánh dấu «thu hồi».`);
    else {
      toastSuccess(`Đã nhận văn bản ${v.received.symbol}; kiểm tra rồi vào sổ.`);
      setOpen(v);
    }
    await load();
  };

  const register = async () => {
    if (!open) return;
    setBusy(true);
    const r = await call('edxml.register', { id: open.received.id });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    const bt = open.received.businessType;
    toastSuccess(
      bt === 1
        ? `Đã đồng ý thu hồi; văn bản đến số ${r.value.incoming.arrivalNumber} được đánh dấu «nơi gửi đã thu hồi».`
        : bt === 2 && r.value.received.linkedTo
          ? `Đã cập nhật văn bản đến số ${r.value.incoming.arrivalNumber} theo nơi gửi.`
          : `Đã vào sổ văn bản đến số ${r.value.incoming.arrivalNumber}.`,
    );
    // The register and the status bar's count show the new document.
    void useRegisterList.getState().reload();
    void useApp.getState().loadInfo();
    setOpen(null);
    await load();
  };

  const refuse = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    if (!reason.trim()) {
      setError('Lý do từ chối: chưa nhập.');
      return;
    }
    setBusy(true);
    const r = await call('edxml.refuse', { id: open.received.id, reason });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    toastSuccess(
      open.received.businessType === 1 ? 'Đã từ chối thu hồi; nơi gửi sẽ nhận được lý do.' : 'Đã từ chối; nơi gửi sẽ nhận được lý do.',
    );
    setOpen(null);
    await load();
  };

  const reg = open?.registration as Record<string, string | undefined> | undefined;
  const recall = open?.received.businessType === 1;
  const pendingRecalls = (items ?? []).filter((r) => r.businessType === 1 && r.state === 'pending').length;
  return (
    <section className="panel-box ic-received" aria-label="Văn bản đến qua liên thông">
      <div className="ic-head">
        <h3>Văn bản đến qua liên thông ({items?.length ?? 0})</h3>
        <FilePickButton
          label="Nhận gói tin edXML…"
          inputLabel="Chọn gói tin edXML"
          extensions={['edxml', 'xml']}
          filterName="Gói tin edXML"
          method="edxml.receive"
          onPick={(f) => void receive(f)}
        />
      </div>
      {pendingRecalls ? (
        <div className="banner banner-error" role="alert">
          Có {pendingRecalls} đề nghị thu hồi văn bản đã vào sổ đang chờ văn thư trả lời (đồng ý hoặc từ chối).
        </div>
      ) : null}
      {items === null ? (
        <p className="muted">Đang tải…</p>
      ) : items.length === 0 ? (
        <p className="muted">Chưa nhận văn bản nào qua trục liên thông.</p>
      ) : (
        <table className="data-table compact" aria-label="Danh sách văn bản nhận qua liên thông">
          <thead>
            <tr>
              <th scope="col">Nhận lúc</th>
              <th scope="col">Nơi gửi</th>
              <th scope="col">Số, ký hiệu</th>
              <th scope="col">Trích yếu</th>
              <th scope="col">Loại gói tin</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-state={r.state} className={r.recalled ? 'ic-recalled' : undefined}>
                <td>{dateTime(r.receivedAt)}</td>
                <td>
                  {r.fromName ?? r.fromOrganId}
                  <div className="muted small">{r.fromOrganId}</div>
                </td>
                <td>{r.symbol}</td>
                <td className="ic-subject">{r.subject}</td>
                <td>{BUSINESS_TYPE_LABELS[r.businessType]}</td>
                <td>
                  <span className={`ic-state ic-${r.state}`}>{STATE_LABELS[r.state]}</span>
                  {r.recalled ? <div className="ic-warn">Nơi gửi đã thu hồi</div> : null}
                  {r.refuseReason ? <div className="muted small">Lý do: {r.refuseReason}</div> : null}
                </td>
                <td>
                  {r.state === 'pending' ? (
                    <button type="button" className="btn btn-small btn-primary" onClick={() => void show(r.id)}>
                      {r.businessType === 1 ? 'Xem đề nghị thu hồi' : 'Xem và vào sổ'}
                    </button>
                  ) : r.incomingId ? (
                    <button type="button" className="btn btn-small" onClick={() => openDetail(r.incomingId!)}>
                      Mở văn bản
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && recall ? (
        <div className="ic-preview" role="region" aria-label="Đề nghị thu hồi">
          <h4>
            Nơi gửi đề nghị thu hồi văn bản {open.received.symbol} — {open.received.fromName ?? open.received.fromOrganId}
          </h4>
          <p>
            Văn bản này đã vào sổ văn bản đến. Đồng ý thu hồi thì văn bản được đánh dấu «nơi gửi đã thu hồi» và nơi gửi nhận trạng thái 15;
            từ chối (ví dụ đã xử lý xong) thì nơi gửi nhận trạng thái 16 kèm lý do.
          </p>
          <ErrorBanner message={error} />
          <div className="ic-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void register()}>
              Đồng ý thu hồi
            </button>
            <form className="ic-refuse" onSubmit={(e) => void refuse(e)} aria-label="Từ chối thu hồi">
              <input
                type="text"
                aria-label="Lý do từ chối thu hồi"
                placeholder="Lý do từ chối thu hồi"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
              />
              <button type="submit" className="btn" disabled={busy}>
                Từ chối thu hồi
              </button>
            </form>
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(null)}>
              Đóng
            </button>
          </div>
        </div>
      ) : open && reg ? (
        <div className="ic-preview" role="region" aria-label="Văn bản chờ vào sổ">
          <h4>
            {reg.typeName} {reg.symbol} — {reg.organName}
          </h4>
          <dl className="ic-fields">
            <dt>Mã văn bản</dt>
            <dd>{open.received.documentId}</dd>
            <dt>Ngày văn bản</dt>
            <dd>{reg.issuedDate?.split('-').reverse().join('/')}</dd>
            <dt>Trích yếu</dt>
            <dd>{reg.subject}</dd>
            <dt>Người ký</dt>
            <dd>{[reg.signerPosition, reg.signerName].filter(Boolean).join(' ') || '—'}</dd>
            <dt>Hạn xử lý</dt>
            <dd>{reg.dueDate ? reg.dueDate.split('-').reverse().join('/') : '—'}</dd>
            <dt>Tệp đính kèm</dt>
            <dd>
              {open.attachments.map((a) => (
                <div key={a.name}>
                  {a.name} <span className="muted small">({Math.max(1, Math.round(a.size / 1024))} KB)</span>
                </div>
              ))}
            </dd>
          </dl>
          <ErrorBanner message={error} />
          <div className="ic-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void register()}>
              {open.received.businessType === 2 && open.received.linkedTo ? 'Cập nhật văn bản đã vào sổ' : 'Vào sổ văn bản đến'}
            </button>
            <form className="ic-refuse" onSubmit={(e) => void refuse(e)} aria-label="Từ chối tiếp nhận">
              <input
                type="text"
                aria-label="Lý do từ chối"
                placeholder="Lý do từ chối (gửi lại cho nơi gửi)"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
              />
              <button type="submit" className="btn" disabled={busy}>
                Từ chối tiếp nhận
              </button>
            </form>
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(null)}>
              Đóng
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function Organs() {
  const [organs, setOrgans] = useState<Organ[] | null>(null);
  const [form, setForm] = useState({ organId: '', name: '', inCharge: '', email: '' });
  const [errors, setErrors] = useState<{ organId?: string; name?: string; email?: string; general?: string }>({});

  const load = useCallback(async () => {
    const r = await call('organ.list', {});
    if (r.ok) setOrgans(r.value);
    else toastError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!form.organId.trim()) errs.organId = 'Mã định danh: chưa nhập.';
    if (!form.name.trim()) errs.name = 'Tên cơ quan: chưa nhập.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const input = {
      organId: form.organId.trim(),
      name: form.name,
      ...(form.inCharge.trim() ? { inCharge: form.inCharge } : {}),
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
    };
    const r = await call('organ.add', input);
    if (!r.ok) {
      const f = r.error.field;
      setErrors(f === 'organId' || f === 'name' || f === 'email' ? { [f]: r.error.message } : { general: r.error.message });
      return;
    }
    toastSuccess(`${r.value.added ? 'Đã thêm' : 'Đã cập nhật'} ${r.value.organId} — ${r.value.name}.`);
    setForm({ organId: '', name: '', inCharge: '', email: '' });
    await load();
  };

  const importCsv = async (file: { fileName: string; bytes: Uint8Array<ArrayBuffer> }) => {
    const r = await call('organ.import', file);
    if (!r.ok) {
      toastError(r.error);
      return;
    }
    toastSuccess(`Đã nhập danh bạ: thêm ${r.value.added}, cập nhật ${r.value.updated} cơ quan.`);
    await load();
  };

  const canAdd = useRights().can('organ.add');
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="panel-box ic-organs" aria-label="Danh bạ cơ quan">
      <div className="ic-head">
        <h3>Danh bạ cơ quan ({organs?.length ?? 0})</h3>
        <FilePickButton
          label="Nhập từ tệp CSV…"
          inputLabel="Chọn tệp CSV danh bạ cơ quan"
          extensions={['csv']}
          filterName="CSV"
          method="organ.import"
          onPick={(f) => void importCsv(f)}
        />
      </div>
      {/* The directory is kept by the clerk and the administrator; others read it. */}
      {canAdd ? (
        <form className="ic-organ-form" aria-label="Thêm cơ quan" onSubmit={(e) => void submit(e)}>
          <FieldShell id="organ-id" label="Mã định danh" required error={errors.organId} hint="Ví dụ 000.00.01.H48 hoặc H48.01">
            <input
              id="organ-id"
              type="text"
              autoComplete="off"
              maxLength={35}
              value={form.organId}
              onChange={set('organId')}
              {...describedBy('organ-id', errors.organId, 'x')}
            />
          </FieldShell>
          <FieldShell id="organ-name" label="Tên cơ quan" required error={errors.name} className="grow">
            <input
              id="organ-name"
              type="text"
              autoComplete="off"
              value={form.name}
              onChange={set('name')}
              {...describedBy('organ-name', errors.name)}
            />
          </FieldShell>
          <FieldShell id="organ-in-charge" label="Cơ quan chủ quản">
            <input id="organ-in-charge" type="text" autoComplete="off" value={form.inCharge} onChange={set('inCharge')} />
          </FieldShell>
          <FieldShell id="organ-email" label="Thư điện tử" error={errors.email}>
            <input
              id="organ-email"
              type="text"
              inputMode="email"
              autoComplete="off"
              value={form.email}
              onChange={set('email')}
              {...describedBy('organ-email', errors.email)}
            />
          </FieldShell>
          <button type="submit" className="btn btn-primary">
            Thêm cơ quan
          </button>
        </form>
      ) : null}
      <ErrorBanner message={errors.general} />
      {organs && organs.length ? (
        <table className="data-table compact" aria-label="Danh sách cơ quan">
          <thead>
            <tr>
              <th scope="col">Mã định danh</th>
              <th scope="col">Tên cơ quan</th>
              <th scope="col">Cơ quan chủ quản</th>
              <th scope="col">Thư điện tử</th>
            </tr>
          </thead>
          <tbody>
            {organs.map((o) => (
              <tr key={o.organId}>
                <td>
                  <code>{o.organId}</code>
                </td>
                <td>{o.name}</td>
                <td>{o.inCharge ?? ''}</td>
                <td>{o.email ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : organs ? (
        <p className="muted">Danh bạ chưa có cơ quan nào; thêm từng cơ quan hoặc nhập tệp CSV (cột ma_dinh_danh, ten).</p>
      ) : null}
    </section>
  );
}

/**
 * The exchange folders: the administrator sets them; the clerk sees them, sees what the app's
 * last look into the inbox did, and may ask for a look now.
 */
function Folders() {
  const rights = useRights();
  const admin = rights.can('exchange.setFolders');
  const clerk = rights.can('exchange.run');
  const [view, setView] = useState<ExchangeFoldersView | null>(null);
  const [form, setForm] = useState({ inbox: '', outbox: '', errors: '', interval: '15' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await call('exchange.folders', {});
    if (!r.ok) return;
    setView(r.value);
    setForm({
      inbox: r.value.inbox ?? '',
      outbox: r.value.outbox ?? '',
      errors: r.value.errors ?? '',
      interval: String(r.value.intervalSeconds),
    });
  }, []);
  useEffect(() => {
    if (admin || clerk) void load();
  }, [load, admin, clerk]);
  if (!admin && !clerk) return null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(form.interval);
    if (!/^\d+$/.test(form.interval.trim()) || n < 5 || n > 3600) return setError('Chu kỳ kiểm tra: số giây từ 5 đến 3600.');
    setBusy(true);
    const r = await call('exchange.setFolders', {
      inbox: form.inbox.trim() || null,
      outbox: form.outbox.trim() || null,
      errors: form.errors.trim() || null,
      intervalSeconds: n,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setView(r.value);
    toastSuccess('Đã lưu thư mục liên thông.');
  };

  const runNow = async () => {
    setBusy(true);
    const r = await call('exchange.run', {});
    setBusy(false);
    if (!r.ok) return toastError(r.error);
    const v = r.value;
    toastInfo(`Đã xem thư mục nhận: nhận ${v.received.length}, từ chối ${v.refused.length}, gửi ${v.statusesSent} gói tin trạng thái.`);
    await load();
    window.dispatchEvent(new Event('vanthu:exchange'));
  };

  const last = view?.lastPass;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="panel-box ic-folders" aria-label="Thư mục liên thông">
      <div className="ic-head">
        <h3>Thư mục liên thông</h3>
        {clerk ? (
          <button type="button" className="btn btn-small" disabled={busy || !view?.inbox} onClick={() => void runNow()}>
            Nhận ngay
          </button>
        ) : null}
      </div>
      {admin ? (
        <form onSubmit={(e) => void save(e)} aria-label="Đặt thư mục liên thông">
          <label htmlFor="ic-inbox">Thư mục nhận</label>
          <input id="ic-inbox" type="text" value={form.inbox} onChange={set('inbox')} placeholder="/srv/lienthong/nhan" />
          <label htmlFor="ic-outbox">Thư mục gửi</label>
          <input id="ic-outbox" type="text" value={form.outbox} onChange={set('outbox')} placeholder="/srv/lienthong/gui" />
          <label htmlFor="ic-errors">Thư mục «lỗi»</label>
          <input
            id="ic-errors"
            type="text"
            value={form.errors}
            onChange={set('errors')}
            placeholder="(mặc định: «lỗi» trong thư mục nhận)"
          />
          <label htmlFor="ic-interval">Chu kỳ kiểm tra (giây)</label>
          <input id="ic-interval" type="text" inputMode="numeric" value={form.interval} onChange={set('interval')} />
          <span />
          <div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Lưu thư mục
            </button>
          </div>
        </form>
      ) : view ? (
        <dl>
          <dt>Thư mục nhận</dt>
          <dd>{view.inbox ? <code>{view.inbox}</code> : <span className="muted">chưa đặt (quản trị viên đặt)</span>}</dd>
          <dt>Thư mục gửi</dt>
          <dd>{view.outbox ? <code>{view.outbox}</code> : <span className="muted">chưa đặt</span>}</dd>
          <dt>Thư mục «lỗi»</dt>
          <dd>{view.errors ? <code>{view.errors}</code> : <span className="muted">«lỗi» trong thư mục nhận</span>}</dd>
          <dt>Chu kỳ kiểm tra</dt>
          <dd>{view.intervalSeconds} giây</dd>
        </dl>
      ) : null}
      <ErrorBanner message={error} />
      {view ? (
        <p className="muted small">
          {view.watching ? `Ứng dụng tự xem thư mục nhận mỗi ${view.intervalSeconds} giây.` : 'Ứng dụng này không tự xem thư mục nhận.'}
          {last
            ? ` Lần xem gần nhất ${dateTime(last.at)}: nhận ${last.received.length}, từ chối ${last.refused.length}, gửi ${last.statusesSent} gói tin trạng thái.`
            : ''}
        </p>
      ) : null}
    </section>
  );
}

export function InterchangeScreen() {
  // What arrives is the clerk's to receive and register; an administrator keeps the directory only.
  const receives = useRights().can('edxml.received');
  return (
    <div className="interchange-screen">
      <Folders />
      {receives ? <Received /> : null}
      <Organs />
    </div>
  );
}

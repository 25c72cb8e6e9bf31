/**
 * «Gửi liên thông»: an issued electronic document sent as edXML to organs chosen from the
 * directory, into the outbox of the exchange folders; or, for one already sent, its recall
 * (with the reason the recipients are given), an update, or its replacement of an earlier
 * document. Main writes the files; nothing leaves when a check refuses.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ExchangeFoldersView } from '../../../shared/contract';
import { BUSINESS_TYPE_LABELS, type DeliveryView, type Organ, type SendKind } from '../../../shared/domain/interchange';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import { call } from '../../api/client';
import { ErrorBanner, FormActions } from '../../components/FormParts';
import { Modal } from '../../components/Modal';
import './interchange.css';

const KIND_HELP: Record<SendKind, string> = {
  new: 'Gửi văn bản đến cơ quan nhận lần đầu.',
  recall: 'Đề nghị nơi nhận trả lại văn bản đã gửi (nơi nhận đồng ý hoặc từ chối).',
  update: 'Gửi lại thông tin văn bản đã gửi để nơi nhận cập nhật.',
  replace: 'Văn bản này thay thế một văn bản đi đã gửi trước đây.',
};
const KIND_OF: Record<SendKind, 0 | 1 | 2 | 3> = { new: 0, recall: 1, update: 2, replace: 3 };

export function SendDialog({ record, onDone, onClose }: { record: OutgoingRecord; onDone(note: string): void; onClose(): void }) {
  const [organs, setOrgans] = useState<Organ[] | null>(null);
  const [folders, setFolders] = useState<ExchangeFoldersView | null>(null);
  const [sent, setSent] = useState<DeliveryView[]>([]);
  const [issued, setIssued] = useState<OutgoingRecord[]>([]);
  const [kind, setKind] = useState<SendKind>('new');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [reason, setReason] = useState('');
  const [replaces, setReplaces] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([
      call('organ.list', {}),
      call('exchange.folders', {}),
      call('edxml.deliveries', { id: record.id }),
      call('outgoing.list', { status: 'issued', limit: 200 }),
    ]).then(([o, f, d, l]) => {
      setOrgans(o.ok ? o.value : []);
      if (f.ok) setFolders(f.value);
      else setError(f.error.message);
      if (d.ok) setSent(d.value);
      if (l.ok) setIssued(l.value.items.filter((x) => x.id !== record.id));
    });
  }, [record.id]);

  // Recall and update go to those the document was sent to; a new send to anyone in the directory.
  const sentTo = useMemo(() => new Set(sent.filter((d) => d.businessType === 0).map((d) => d.organId)), [sent]);
  const choices = useMemo(() => {
    const all = organs ?? [];
    const base = kind === 'recall' || kind === 'update' ? all.filter((o) => sentTo.has(o.organId)) : all;
    const q = filter.trim().toLocaleLowerCase('vi');
    return q ? base.filter((o) => o.name.toLocaleLowerCase('vi').includes(q) || o.organId.toLowerCase().includes(q)) : base;
  }, [organs, kind, sentTo, filter]);

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
    setError(null);
  };

  const submit = async () => {
    if (chosen.size === 0) return setError('Chưa chọn cơ quan nhận.');
    if (kind === 'recall' && !reason.trim()) return setError('Thu hồi: cần nêu lý do (gửi kèm cho nơi nhận).');
    if (kind === 'replace' && !replaces) return setError('Thay thế: chọn văn bản đi bị thay thế.');
    setBusy(true);
    const r = await call('edxml.send', {
      id: record.id,
      to: [...chosen],
      kind,
      ...(reason.trim() ? { reason } : {}),
      ...(kind === 'replace' ? { replaces: Number(replaces) } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    const n = r.value.files.length;
    onDone(`${BUSINESS_TYPE_LABELS[KIND_OF[kind]]}: đã ghi ${n} gói tin vào thư mục gửi liên thông.`);
  };

  const notSet = folders && !folders.outbox;
  return (
    <Modal title="Gửi liên thông" onClose={onClose} className="ic-send-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          Văn bản <strong>{record.symbol}</strong> — {record.subject}
        </p>
        {notSet ? (
          <div className="banner banner-error" role="alert">
            Chưa đặt thư mục gửi liên thông. Quản trị viên đặt thư mục nhận, gửi trong màn hình «Liên thông».
          </div>
        ) : folders?.outbox ? (
          <p className="muted small">
            Gói tin được ghi vào thư mục gửi: <code>{folders.outbox}</code>
          </p>
        ) : null}
        <fieldset className="ic-kinds">
          <legend>Loại gói tin</legend>
          {(['new', 'recall', 'update', 'replace'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="send-kind"
                value={k}
                checked={kind === k}
                disabled={(k === 'recall' || k === 'update') && sentTo.size === 0}
                onChange={() => {
                  setKind(k);
                  setChosen(new Set());
                  setError(null);
                }}
              />
              {BUSINESS_TYPE_LABELS[KIND_OF[k]]}
            </label>
          ))}
          <div className="muted small">{KIND_HELP[kind]}</div>
        </fieldset>
        {kind === 'replace' ? (
          <label className="ic-field">
            Văn bản đi bị thay thế
            <select value={replaces} onChange={(e) => setReplaces(e.target.value)} aria-label="Văn bản đi bị thay thế">
              <option value="">— chọn —</option>
              {issued.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.symbol} — {d.subject.slice(0, 80)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {kind === 'recall' || kind === 'update' ? (
          <label className="ic-field">
            {kind === 'recall' ? 'Lý do thu hồi' : 'Nội dung cập nhật (không bắt buộc)'}
            <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
        ) : null}
        <div className="ic-organ-pick">
          <div className="ic-head">
            <strong>
              Cơ quan nhận ({chosen.size}/{choices.length})
            </strong>
            <input
              type="search"
              placeholder="Tìm theo tên hoặc mã định danh"
              aria-label="Tìm cơ quan nhận"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          {organs === null ? (
            <p className="muted">Đang tải danh bạ…</p>
          ) : choices.length === 0 ? (
            <p className="muted">
              {kind === 'recall' || kind === 'update'
                ? 'Văn bản chưa gửi liên thông cho cơ quan nào.'
                : 'Danh bạ cơ quan chưa có cơ quan nào phù hợp; thêm trong «Liên thông».'}
            </p>
          ) : (
            <ul className="ic-organ-list" aria-label="Danh sách cơ quan nhận">
              {choices.map((o) => (
                <li key={o.organId}>
                  <label>
                    <input type="checkbox" checked={chosen.has(o.organId)} onChange={() => toggle(o.organId)} />
                    {o.name} <span className="muted small">{o.organId}</span>
                    {sentTo.has(o.organId) && kind === 'new' ? <span className="muted small"> · đã gửi</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </div>
        <ErrorBanner message={error} />
        <FormActions submitLabel={busy ? 'Đang gửi…' : 'Gửi'} submitDisabled={busy || !!notSet} cancelLabel="Thôi" onCancel={onClose} />
      </form>
    </Modal>
  );
}

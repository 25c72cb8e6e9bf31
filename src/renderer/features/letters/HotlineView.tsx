/**
 * «Đường dây nóng»: feedback on administrative procedures taken by phone (NĐ 20/2008 Đ7.2,
 * Đ9.1): the caller, the procedure, the unit concerned and the cause, written down as said;
 * then forwarded to the unit with a deadline, its answer, closed. The list shows what is
 * open first; an item past its deadline is marked «Quá hạn».
 */
import { useCallback, useEffect, useState } from 'react';
import {
  HOTLINE_CAUSES,
  HOTLINE_CAUSE_LABELS,
  HOTLINE_STATUSES,
  HOTLINE_STATUS_LABELS,
  LETTER_KINDS,
  LETTER_KIND_LABELS,
  type HotlineCause,
  type LetterKind,
  type HotlineRecord,
} from '../../../shared/domain/letters';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner } from '../../components/FormParts';
import { formatVnDate, formatVnDateTime, parseVnDate } from '../../lib/dates';
import { toastSuccess } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useRights } from '../accounts/rights';
import { useUnits } from '../followup/unitsStore';
import { errorFor, generalError, letterNo, PERSONAL_HIDDEN } from './letterText';
import { useLetters } from './lettersStore';

const hotlineNo = (h: HotlineRecord) => `${h.number}/${h.year}`;

function AddForm({ onDone }: { onDone(h: HotlineRecord): void }) {
  const units = useUnits((s) => s.units);
  const [v, setV] = useState({
    callerName: '',
    callerPhone: '',
    callerAddress: '',
    procedure: '',
    unit: '',
    cause: 'late_return',
    content: '',
  });
  const [error, setError] = useState<AppError | null>(null);
  const set = (patch: Partial<typeof v>) => setV((o) => ({ ...o, ...patch }));
  const err = (f: string) => errorFor(error, f);
  const save = async () => {
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const r = await call('hotline.add', {
      callerName: opt(v.callerName),
      callerPhone: opt(v.callerPhone),
      callerAddress: opt(v.callerAddress),
      procedure: v.procedure,
      unit: v.unit,
      cause: v.cause,
      content: v.content,
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    toastSuccess(`Đã ghi phản ánh số ${hotlineNo(r.value)}.`);
    onDone(r.value);
  };
  const input = (id: string, label: string, key: keyof typeof v, field: string, required = false, mode: 'text' | 'tel' = 'text') => (
    <FieldShell id={id} label={label} required={required} error={err(field)}>
      <input
        id={id}
        type="text"
        inputMode={mode}
        value={v[key]}
        onChange={(e) => set({ [key]: e.target.value })}
        {...describedBy(id, err(field))}
      />
    </FieldShell>
  );
  return (
    <form
      className="panel-box hotline-form"
      aria-label="Tiếp nhận phản ánh qua đường dây nóng"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>Tiếp nhận phản ánh qua đường dây nóng</h3>
      <ErrorBanner message={generalError(error, ['callerName', 'callerPhone', 'callerAddress', 'procedure', 'unit', 'cause', 'content'])} />
      <div className="form-grid letter-grid">
        {input('hl-name', 'Họ tên người phản ánh', 'callerName', 'callerName')}
        {input('hl-phone', 'Điện thoại', 'callerPhone', 'callerPhone', false, 'tel')}
        <div className="span-2">{input('hl-address', 'Địa chỉ', 'callerAddress', 'callerAddress')}</div>
        <div className="span-2">{input('hl-procedure', 'Thủ tục hành chính', 'procedure', 'procedure', true)}</div>
        <FieldShell id="hl-unit" label="Đơn vị bị phản ánh" required error={err('unit')}>
          <select id="hl-unit" value={v.unit} onChange={(e) => set({ unit: e.target.value })} {...describedBy('hl-unit', err('unit'))}>
            <option value="">— Chọn đơn vị —</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.code} — {u.name}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell id="hl-cause" label="Nguyên nhân" required error={err('cause')}>
          <select id="hl-cause" value={v.cause} onChange={(e) => set({ cause: e.target.value })}>
            {HOTLINE_CAUSES.map((c) => (
              <option key={c} value={c}>
                {HOTLINE_CAUSE_LABELS[c]}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell id="hl-content" label="Nội dung phản ánh (ghi trung thực)" required error={err('content')} className="span-2">
          <textarea
            id="hl-content"
            rows={3}
            value={v.content}
            onChange={(e) => set({ content: e.target.value })}
            {...describedBy('hl-content', err('content'))}
          />
        </FieldShell>
      </div>
      <div className="form-actions">
        <RightButton method="hotline.add" type="submit" className="btn btn-primary">
          Ghi phản ánh
        </RightButton>
      </div>
    </form>
  );
}

function Item({ item, onDone }: { item: HotlineRecord; onDone(h: HotlineRecord): void }) {
  const units = useUnits((s) => s.units);
  const [unit, setUnit] = useState(item.unit);
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [closeNote, setCloseNote] = useState('');
  const [letterKind, setLetterKind] = useState<LetterKind>('feedback');
  const [error, setError] = useState<AppError | null>(null);
  /** The call is really a complaint, a denunciation or a petition: it goes into the letters' track. */
  const toLetter = async () => {
    const r = await call('hotline.toLetter', { id: item.id, kind: letterKind });
    if (!r.ok) return setError(r.error);
    toastSuccess(`Đã chuyển phản ánh số ${hotlineNo(item)} thành đơn số ${letterNo(r.value)}.`);
    useLetters.getState().show({ name: 'detail', id: r.value.id });
  };
  const act = async (input: Parameters<typeof call<'hotline.handle'>>[1], done: string) => {
    const r = await call('hotline.handle', input);
    if (!r.ok) return setError(r.error);
    setError(null);
    toastSuccess(done);
    onDone(r.value);
  };
  const err = (f: string) => errorFor(error, f);
  const forward = () => {
    const dueIso = due.trim() ? parseVnDate(due) : null;
    if (due.trim() && !dueIso)
      return setError({ code: 'invalid_date', field: 'due', message: 'Hạn trả lời không đúng dạng ngày/tháng/năm.' });
    void act(
      {
        id: item.id,
        action: 'forward',
        ...(unit !== item.unit ? { unit } : {}),
        ...(dueIso ? { due: dueIso } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      `Đã chuyển phản ánh số ${hotlineNo(item)} đến đơn vị.`,
    );
  };
  return (
    <section className="panel-box hotline-item" aria-label={`Phản ánh số ${hotlineNo(item)}`} data-testid="hotline-item">
      <h3>
        Phản ánh số {hotlineNo(item)} — {HOTLINE_STATUS_LABELS[item.status]}
        {item.overdue ? <span className="badge letter-late">Quá hạn</span> : null}
      </h3>
      <dl className="fields">
        <dt>Người phản ánh</dt>
        <dd>
          {item.callerHidden
            ? PERSONAL_HIDDEN
            : [item.caller?.name, item.caller?.phone, item.caller?.address].filter(Boolean).join(' — ') || 'Không để lại'}
        </dd>
        <dt>Ngày nhận</dt>
        <dd>{formatVnDateTime(item.receivedAt)}</dd>
        <dt>Thủ tục</dt>
        <dd>{item.procedure}</dd>
        <dt>Đơn vị</dt>
        <dd>{item.unitName}</dd>
        <dt>Nguyên nhân</dt>
        <dd>{HOTLINE_CAUSE_LABELS[item.cause]}</dd>
        <dt>Nội dung</dt>
        <dd className="pre-line">{item.content}</dd>
        {item.dueDate ? (
          <>
            <dt>Hạn trả lời</dt>
            <dd>{formatVnDate(item.dueDate)}</dd>
          </>
        ) : null}
        {item.forwardedAt ? (
          <>
            <dt>Đã chuyển</dt>
            <dd>
              {formatVnDateTime(item.forwardedAt)}
              {item.forwardNote ? ` — ${item.forwardNote}` : ''}
            </dd>
          </>
        ) : null}
        {item.answer ? (
          <>
            <dt>Trả lời của đơn vị</dt>
            <dd className="pre-line" data-testid="hotline-answer">
              {item.answer}
              {item.answeredAt ? (
                <span className="muted small">
                  {' '}
                  (ghi lúc {formatVnDateTime(item.answeredAt)}
                  {item.answeredBy ? `, ${item.answeredBy}` : ''})
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        {item.closedAt ? (
          <>
            <dt>Kết thúc</dt>
            <dd>
              {formatVnDateTime(item.closedAt)}
              {item.closeNote ? ` — ${item.closeNote}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <ErrorBanner message={generalError(error, ['unit', 'due', 'note', 'answer', 'kind', 'closeNote'])} />
      {item.status === 'received' || item.status === 'forwarded' ? (
        <div className="form-grid letter-grid hotline-step">
          <FieldShell id="hl-fwd-unit" label="Chuyển đến đơn vị" error={err('unit')}>
            <select id="hl-fwd-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} — {u.name}
                </option>
              ))}
            </select>
          </FieldShell>
          <DateField id="hl-fwd-due" label="Hạn trả lời (để trống: theo quy định)" value={due} onChange={setDue} error={err('due')} />
          <FieldShell id="hl-fwd-note" label="Ghi chú khi chuyển" error={err('note')} className="span-2">
            <input id="hl-fwd-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
          </FieldShell>
          <div className="span-2 form-actions">
            <RightButton method="hotline.handle" className="btn" onClick={forward}>
              Chuyển đơn vị xử lý
            </RightButton>
          </div>
        </div>
      ) : null}
      {/* Only the next step the item allows: the unit's answer once forwarded; closing once answered (or with a reason). */}
      {item.status === 'forwarded' ? (
        <div className="hotline-step">
          <FieldShell id="hl-answer" label="Trả lời của đơn vị" error={err('answer')}>
            <textarea
              id="hl-answer"
              rows={2}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              {...describedBy('hl-answer', err('answer'))}
            />
          </FieldShell>
          <div className="form-actions">
            <RightButton
              method="hotline.handle"
              className="btn btn-primary"
              onClick={() => void act({ id: item.id, action: 'answer', answer }, `Đã ghi trả lời phản ánh số ${hotlineNo(item)}.`)}
            >
              Ghi trả lời
            </RightButton>
          </div>
        </div>
      ) : null}
      {item.status === 'answered' ? (
        <div className="hotline-step form-actions">
          <RightButton
            method="hotline.handle"
            className="btn btn-primary"
            onClick={() => void act({ id: item.id, action: 'close' }, `Đã kết thúc phản ánh số ${hotlineNo(item)}.`)}
          >
            Kết thúc
          </RightButton>
        </div>
      ) : null}
      {item.status === 'received' || item.status === 'forwarded' ? (
        <div className="hotline-step hotline-close">
          <FieldShell id="hl-close-note" label="Kết thúc khi chưa có trả lời — lý do" error={err('closeNote')}>
            <input id="hl-close-note" type="text" value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
          </FieldShell>
          <RightButton
            method="hotline.handle"
            className="btn"
            onClick={() =>
              closeNote.trim()
                ? void act({ id: item.id, action: 'close', note: closeNote.trim() }, `Đã kết thúc phản ánh số ${hotlineNo(item)}.`)
                : setError({ code: 'required', field: 'closeNote', message: 'Phản ánh chưa có trả lời: cần ghi lý do kết thúc.' })
            }
          >
            Kết thúc
          </RightButton>
        </div>
      ) : null}
      {item.status !== 'closed' ? (
        <div className="hotline-step hotline-to-letter">
          <FieldShell id="hl-letter-kind" label="Thực chất là đơn" error={err('kind')}>
            <select id="hl-letter-kind" value={letterKind} onChange={(e) => setLetterKind(e.target.value as LetterKind)}>
              {LETTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LETTER_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </FieldShell>
          <RightButton method="hotline.toLetter" className="btn" onClick={() => void toLetter()}>
            Chuyển thành đơn
          </RightButton>
        </div>
      ) : null}
    </section>
  );
}

export function HotlineView() {
  const [items, setItems] = useState<HotlineRecord[] | null>(null);
  const [status, setStatus] = useState('');
  const [cause, setCause] = useState('');
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canAdd = useRights().can('hotline.add');
  const load = useCallback(async () => {
    const r = await call('hotline.list', { ...(status ? { status } : {}), ...(cause ? { cause } : {}), limit: 500 });
    if (r.ok) {
      setItems(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [status, cause]);
  useEffect(() => {
    void load();
  }, [load]);
  const current = typeof selected === 'number' ? items?.find((h) => h.id === selected) : undefined;
  const replace = (h: HotlineRecord) => {
    setSelected(h.id);
    void load();
  };
  return (
    <div className="hotline-screen">
      <section className="hotline-list" aria-label="Phản ánh qua đường dây nóng">
        <div className="fu-toolbar">
          <label className="filter">
            Trạng thái
            <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Trạng thái phản ánh">
              <option value="">Tất cả</option>
              {HOTLINE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {HOTLINE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            Nguyên nhân
            <select value={cause} onChange={(e) => setCause(e.target.value)} aria-label="Nguyên nhân">
              <option value="">Tất cả</option>
              {HOTLINE_CAUSES.map((c) => (
                <option key={c} value={c}>
                  {HOTLINE_CAUSE_LABELS[c as HotlineCause]}
                </option>
              ))}
            </select>
          </label>
          <span className="spacer" />
          <RightButton method="hotline.add" className="btn btn-primary" onClick={() => setSelected('new')}>
            Tiếp nhận phản ánh
          </RightButton>
        </div>
        {error ? (
          <div className="banner banner-error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="letters-table-wrap">
          <table className="data-table" data-testid="hotline-rows">
            <thead>
              <tr>
                <th>Số</th>
                <th>Ngày nhận</th>
                <th>Thủ tục</th>
                <th>Đơn vị</th>
                <th>Nguyên nhân</th>
                <th>Trạng thái</th>
                <th>Hạn</th>
              </tr>
            </thead>
            <tbody>
              {(items ?? []).map((h) => (
                <tr key={h.id} className={`${h.overdue ? 'letter-overdue' : ''}${selected === h.id ? ' selected' : ''}`}>
                  <td>
                    <button type="button" className="link-btn num-link" onClick={() => setSelected(h.id)}>
                      {hotlineNo(h)}
                    </button>
                  </td>
                  <td className="nowrap">{formatVnDate(h.receivedAt.slice(0, 10))}</td>
                  <td>{h.procedure}</td>
                  <td>{h.unitName}</td>
                  <td>{HOTLINE_CAUSE_LABELS[h.cause]}</td>
                  <td>{HOTLINE_STATUS_LABELS[h.status]}</td>
                  <td className="nowrap">
                    {h.dueDate ? formatVnDate(h.dueDate) : ''}
                    {h.overdue ? <span className="badge letter-late">Quá hạn</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items && !items.length ? <p className="muted letters-empty">Chưa có phản ánh nào.</p> : null}
        </div>
      </section>
      <aside className="hotline-side">
        {selected === 'new' && canAdd ? <AddForm onDone={replace} /> : null}
        {current ? <Item key={`${current.id}-${current.status}`} item={current} onDone={replace} /> : null}
        {selected === null ? <p className="muted">Chọn một phản ánh để xem và xử lý.</p> : null}
      </aside>
    </div>
  );
}

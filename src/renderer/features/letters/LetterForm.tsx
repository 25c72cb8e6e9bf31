/**
 * «Tiếp nhận đơn»: a letter as it arrives — channel, one or several senders (or anonymous,
 * never for a complaint), kind, subject, content summary, the body concerned. The service
 * checks everything (identity numbers, phones, a sender where one is required) and refuses
 * with the field it could not take: the message is shown beside that field and nothing is
 * saved. After saving, earlier letters of the same person on the same matter are offered as
 * duplicates ("đơn trùng"); the clerk confirms which ones are.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  LETTER_CHANNELS,
  LETTER_CHANNEL_LABELS,
  LETTER_KINDS,
  LETTER_KIND_LABELS,
  LETTER_STATUS_LABELS,
  type DuplicateCandidate,
  type LetterChannel,
  type LetterKind,
  type LetterRecord,
} from '../../../shared/domain/letters';
import type { Organ } from '../../../shared/domain/interchange';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FilePickButton } from '../../components/FilePickButton';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner, FormActions, CTRL_ENTER_HINT } from '../../components/FormParts';
import { formatVnDate, parseVnDate, vnNow } from '../../lib/dates';
import type { ChosenFile } from '../../lib/files';
import { toastSuccess } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { errorFor, generalError, letterNo } from './letterText';
import { useLetters } from './lettersStore';

interface SenderRow {
  fullName: string;
  address: string;
  idNumber: string;
  phone: string;
  representative: boolean;
}

const emptySender = (): SenderRow => ({ fullName: '', address: '', idNumber: '', phone: '', representative: false });

interface Values {
  receivedDate: string;
  channel: LetterChannel;
  forwardedBy: string;
  kind: LetterKind;
  anonymous: boolean;
  senders: SenderRow[];
  subject: string;
  summary: string;
  concernedBody: string;
  concernedOrganId: string;
}

const emptyValues = (): Values => ({
  receivedDate: formatVnDate(vnNow().date),
  channel: 'in_person',
  forwardedBy: '',
  kind: 'complaint',
  anonymous: false,
  senders: [emptySender()],
  subject: '',
  summary: '',
  concernedBody: '',
  concernedOrganId: '',
});

const FIELDS = [
  'receivedDate',
  'channel',
  'forwardedBy',
  'kind',
  'anonymous',
  'senders',
  'subject',
  'summary',
  'concernedBody',
  'concernedOrganId',
];

/** What the form sends: blank optional fields left out, the senders as typed (the service normalises). */
function toData(v: Values, receivedIso: string | null): Record<string, unknown> {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    receivedDate: receivedIso ?? v.receivedDate,
    channel: v.channel,
    ...(v.channel === 'forwarded' ? { forwardedBy: opt(v.forwardedBy) } : {}),
    kind: v.kind,
    anonymous: v.anonymous,
    senders: v.anonymous
      ? []
      : v.senders.map((s) => ({
          fullName: s.fullName,
          address: opt(s.address),
          idNumber: opt(s.idNumber),
          phone: opt(s.phone),
          representative: s.representative,
        })),
    subject: v.subject,
    summary: opt(v.summary),
    concernedBody: opt(v.concernedBody),
    concernedOrganId: opt(v.concernedOrganId),
  };
}

function Duplicates({ letter, candidates, onDone }: { letter: LetterRecord; candidates: DuplicateCandidate[]; onDone(): void }) {
  const [chosen, setChosen] = useState<number[]>(candidates.filter((c) => c.sameBody).map((c) => c.id));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const r = await call('letter.link', { id: letter.id, earlier: chosen });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    toastSuccess(`Đã ghi nhận đơn số ${letterNo(letter)} trùng với ${chosen.length} đơn trước.`);
    onDone();
  };
  return (
    <section className="panel-box letter-dups" aria-label="Đơn có thể trùng">
      <h3>Đơn số {letterNo(letter)} đã vào sổ. Có thể trùng với đơn trước của cùng người đứng đơn:</h3>
      <ErrorBanner message={error?.message} />
      <ul className="letter-dup-list">
        {candidates.map((c) => (
          <li key={c.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.includes(c.id)}
                onChange={(e) => setChosen((x) => (e.target.checked ? [...x, c.id] : x.filter((y) => y !== c.id)))}
              />
              <span>
                Đơn số <strong>{letterNo(c)}</strong> ngày {formatVnDate(c.receivedDate)} — {LETTER_KIND_LABELS[c.kind]}: {c.subject}
                <span className="muted small">
                  {' '}
                  ({LETTER_STATUS_LABELS[c.status]}
                  {c.sameBody ? '; cùng cơ quan bị khiếu nại, tố cáo' : ''}; nội dung giống {Math.round(c.similarity * 100)}%)
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <RightButton method="letter.link" className="btn btn-primary" disabled={busy || !chosen.length} onClick={() => void confirm()}>
          Xác nhận đơn trùng
        </RightButton>
        <button type="button" className="btn" onClick={onDone}>
          Không trùng, mở đơn
        </button>
      </div>
    </section>
  );
}

export function LetterForm() {
  const [v, setV] = useState<Values>(emptyValues);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [organs, setOrgans] = useState<Organ[]>([]);
  const [saved, setSaved] = useState<{ letter: LetterRecord; duplicates: DuplicateCandidate[] } | null>(null);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void call('organ.list', {}).then((r) => r.ok && setOrgans(r.value));
    first.current?.focus();
  }, []);

  const set = (patch: Partial<Values>) => setV((old) => ({ ...old, ...patch }));
  const setSender = (i: number, patch: Partial<SenderRow>) =>
    setV((old) => ({ ...old, senders: old.senders.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));

  // A ref, not the busy state: two submits in one task (a key and the form's own submit) both see busy=false.
  const sending = useRef(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || sending.current) return;
    const iso = parseVnDate(v.receivedDate);
    if (v.receivedDate.trim() && !iso) {
      setError({ code: 'invalid_date', field: 'receivedDate', message: 'Ngày nhận đơn không đúng dạng ngày/tháng/năm.' });
      return;
    }
    setBusy(true);
    sending.current = true;
    const r = await call('letter.add', { data: toData(v, iso) }).finally(() => {
      sending.current = false;
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    const { duplicates, ...letter } = r.value;
    toastSuccess(`Đã vào sổ đơn số ${letterNo(letter)}.`);
    // The letter's detail attaches the chosen files (read in the background, cancellable there).
    if (files.length) useLetters.setState({ pendingFiles: { id: letter.id, files } });
    if (duplicates.length) setSaved({ letter, duplicates });
    else useLetters.getState().show({ name: 'detail', id: letter.id });
  };

  if (saved)
    return (
      <div className="letters-pane">
        <Duplicates
          letter={saved.letter}
          candidates={saved.duplicates}
          onDone={() => useLetters.getState().show({ name: 'detail', id: saved.letter.id })}
        />
      </div>
    );

  const err = (...f: string[]) => errorFor(error, ...f);
  const kindNeedsName = v.kind === 'complaint';
  return (
    <div className="letters-pane">
      <form
        className="letter-form"
        aria-label="Tiếp nhận đơn"
        noValidate
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          // Without preventDefault, Enter in a field also submits the form natively: two letters, two uploads.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <h2 className="form-head">Tiếp nhận đơn</h2>
        <ErrorBanner message={generalError(error, FIELDS)} />
        <div className="form-grid letter-grid">
          <DateField
            id="letter-received"
            label="Ngày nhận đơn"
            required
            value={v.receivedDate}
            onChange={(t) => set({ receivedDate: t })}
            error={err('receivedDate')}
            inputRef={first}
          />
          <FieldShell id="letter-channel" label="Nguồn đơn" required error={err('channel')}>
            <select
              id="letter-channel"
              value={v.channel}
              onChange={(e) => set({ channel: e.target.value as LetterChannel })}
              {...describedBy('letter-channel', err('channel'))}
            >
              {LETTER_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {LETTER_CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          </FieldShell>
          {v.channel === 'forwarded' ? (
            <FieldShell id="letter-forwarded-by" label="Cơ quan chuyển đơn đến" required error={err('forwardedBy')} className="span-2">
              <input
                id="letter-forwarded-by"
                type="text"
                value={v.forwardedBy}
                onChange={(e) => set({ forwardedBy: e.target.value })}
                {...describedBy('letter-forwarded-by', err('forwardedBy'))}
              />
            </FieldShell>
          ) : null}
          <FieldShell id="letter-kind" label="Loại đơn" required error={err('kind')}>
            <select
              id="letter-kind"
              value={v.kind}
              onChange={(e) => {
                const kind = e.target.value as LetterKind;
                set({ kind, anonymous: kind === 'complaint' ? false : v.anonymous });
              }}
              {...describedBy('letter-kind', err('kind'))}
            >
              {LETTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LETTER_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </FieldShell>
          <div className="field letter-anon">
            <label className="check" title={kindNeedsName ? 'Đơn khiếu nại phải có họ tên, địa chỉ người khiếu nại' : undefined}>
              <input
                type="checkbox"
                checked={v.anonymous}
                disabled={kindNeedsName}
                onChange={(e) => set({ anonymous: e.target.checked })}
              />
              Đơn nặc danh (không có người đứng đơn)
            </label>
            {kindNeedsName ? <div className="field-hint">Không nhận đơn khiếu nại nặc danh.</div> : null}
            {err('anonymous') ? (
              <div className="field-error" role="alert">
                {err('anonymous')}
              </div>
            ) : null}
          </div>
        </div>

        {!v.anonymous ? (
          <fieldset className="letter-senders">
            <legend>Người đứng đơn{v.kind === 'denunciation' ? ' (danh tính người tố cáo được giữ bí mật)' : ''}</legend>
            {v.senders.map((s, i) => {
              const f = `senders[${i}]`;
              const n = i + 1;
              return (
                <div key={i} className="letter-sender" data-sender={n}>
                  <FieldShell id={`sender-${n}-name`} label={`Họ tên (${n})`} required error={err(`${f}.fullName`)}>
                    <input
                      id={`sender-${n}-name`}
                      type="text"
                      value={s.fullName}
                      onChange={(e) => setSender(i, { fullName: e.target.value })}
                      {...describedBy(`sender-${n}-name`, err(`${f}.fullName`))}
                    />
                  </FieldShell>
                  <FieldShell id={`sender-${n}-address`} label={`Địa chỉ (${n})`} error={err(`${f}.address`)}>
                    <input
                      id={`sender-${n}-address`}
                      type="text"
                      value={s.address}
                      onChange={(e) => setSender(i, { address: e.target.value })}
                      {...describedBy(`sender-${n}-address`, err(`${f}.address`))}
                    />
                  </FieldShell>
                  <FieldShell
                    id={`sender-${n}-id`}
                    label={`Số CCCD/CMND/Hộ chiếu (${n})`}
                    error={err(`${f}.idNumber`)}
                    hint={i === 0 ? 'CCCD 12 số, CMND 9 số hoặc hộ chiếu' : undefined}
                  >
                    <input
                      id={`sender-${n}-id`}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      value={s.idNumber}
                      onChange={(e) => setSender(i, { idNumber: e.target.value })}
                      {...describedBy(`sender-${n}-id`, err(`${f}.idNumber`))}
                    />
                  </FieldShell>
                  <FieldShell id={`sender-${n}-phone`} label={`Điện thoại (${n})`} error={err(`${f}.phone`)}>
                    <input
                      id={`sender-${n}-phone`}
                      type="text"
                      inputMode="tel"
                      autoComplete="off"
                      value={s.phone}
                      onChange={(e) => setSender(i, { phone: e.target.value })}
                      {...describedBy(`sender-${n}-phone`, err(`${f}.phone`))}
                    />
                  </FieldShell>
                  <div className="letter-sender-tools">
                    {v.senders.length > 1 ? (
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={s.representative}
                          onChange={(e) => setSender(i, { representative: e.target.checked })}
                        />
                        Người đại diện
                      </label>
                    ) : null}
                    {v.senders.length > 1 ? (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        aria-label={`Bỏ người đứng đơn thứ ${n}`}
                        onClick={() => set({ senders: v.senders.filter((_, j) => j !== i) })}
                      >
                        Bỏ
                      </button>
                    ) : null}
                  </div>
                </div>
              );
            })}
            {errorFor(error, 'senders') && error?.field === 'senders' ? (
              <div className="field-error" role="alert">
                {error.message}
              </div>
            ) : null}
            <button type="button" className="btn btn-small" onClick={() => set({ senders: [...v.senders, emptySender()] })}>
              + Thêm người cùng đứng đơn
            </button>
          </fieldset>
        ) : error?.field === 'senders' ? (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        ) : null}

        <div className="form-grid letter-grid">
          <FieldShell id="letter-subject" label="Nội dung chính (trích yếu)" required error={err('subject')} className="span-2">
            <input
              id="letter-subject"
              type="text"
              value={v.subject}
              onChange={(e) => set({ subject: e.target.value })}
              {...describedBy('letter-subject', err('subject'))}
            />
          </FieldShell>
          <FieldShell id="letter-summary" label="Tóm tắt nội dung đơn" error={err('summary')} className="span-2">
            <textarea
              id="letter-summary"
              rows={3}
              value={v.summary}
              onChange={(e) => set({ summary: e.target.value })}
              {...describedBy('letter-summary', err('summary'))}
            />
          </FieldShell>
          <FieldShell id="letter-body" label="Cơ quan, người bị khiếu nại, tố cáo" error={err('concernedBody')}>
            <input
              id="letter-body"
              type="text"
              value={v.concernedBody}
              onChange={(e) => set({ concernedBody: e.target.value })}
              {...describedBy('letter-body', err('concernedBody'))}
            />
          </FieldShell>
          <FieldShell id="letter-body-organ" label="Hoặc chọn từ danh bạ cơ quan" error={err('concernedOrganId')}>
            <select
              id="letter-body-organ"
              value={v.concernedOrganId}
              onChange={(e) => {
                const o = organs.find((x) => x.organId === e.target.value);
                set({ concernedOrganId: e.target.value, concernedBody: o ? o.name : v.concernedBody });
              }}
              {...describedBy('letter-body-organ', err('concernedOrganId'))}
            >
              <option value="">— Không chọn —</option>
              {organs.map((o) => (
                <option key={o.organId} value={o.organId}>
                  {o.name}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
        <div className="letter-form-files">
          <FilePickButton
            label="Kèm ảnh quét đơn, tài liệu…"
            inputLabel="Ảnh quét đơn hoặc tài liệu kèm theo (PDF, PNG, JPEG, TIFF)"
            extensions={['pdf', 'png', 'jpg', 'jpeg', 'tif', 'tiff']}
            filterName="Ảnh quét, PDF"
            method="letter.attach"
            onPick={(f) => setFiles((old) => [...old, f])}
          />
          {files.length ? (
            <ul className="letter-form-file-list" aria-label="Tệp sẽ kèm theo đơn">
              {files.map((f, i) => (
                <li key={`${f.fileName}-${i}`}>
                  {f.fileName}{' '}
                  <button
                    type="button"
                    className="link-btn"
                    aria-label={`Bỏ tệp ${f.fileName}`}
                    onClick={() => setFiles((old) => old.filter((_, j) => j !== i))}
                  >
                    bỏ
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted small">Tệp được đọc chữ (OCR) sau khi vào sổ, để tìm được đơn theo nội dung.</span>
          )}
        </div>
        <FormActions
          submitLabel={busy ? 'Đang lưu…' : 'Vào sổ đơn'}
          submitDisabled={busy}
          cancelLabel="Xóa trắng"
          onCancel={() => {
            setV(emptyValues());
            setFiles([]);
            setError(null);
          }}
          hint={CTRL_ENTER_HINT}
        />
      </form>
    </div>
  );
}

/**
 * One letter with its handling steps, in the order the law sets them: classification within
 * the legal limit (đủ/không đủ điều kiện, thuộc/không thuộc thẩm quyền), then exactly one
 * outcome — thụ lý (assigned to a unit with its deadline), chuyển đơn (to a body of the organ
 * directory, with the «phiếu chuyển đơn»), hướng dẫn (with the guidance slip), lưu đơn (with
 * the reason), trả lại — then the result. Each step's button follows the permission table;
 * a refused step shows the service's message beside its field and changes nothing.
 * The senders are shown as the service returns them: a denunciation's author only to an
 * account with the confidential grant.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  COMPETENCE_LABELS,
  LETTER_CHANNEL_LABELS,
  LETTER_KINDS,
  LETTER_KIND_LABELS,
  LETTER_OUTCOME_LABELS,
  LETTER_STATUS_LABELS,
  type Competence,
  type LetterKind,
  type LetterRecord,
} from '../../../shared/domain/letters';
import type { Organ } from '../../../shared/domain/interchange';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { ErrorBanner } from '../../components/FormParts';
import { formatVnDate, formatVnDateTime, parseVnDate, vnNow } from '../../lib/dates';
import { toastSuccess } from '../../stores/toastStore';
import { RightButton } from '../accounts/RightButton';
import { useUnits } from '../followup/unitsStore';
import { errorFor, generalError, letterNo, sendersHiddenText } from './letterText';
import { useLetters } from './lettersStore';
import { SLIP_LABELS, SlipDialog } from './SlipDialog';
import { LetterFiles } from './LetterFiles';
import type { ChosenFile } from '../../lib/files';

type Action = 'accept' | 'transfer' | 'guide' | 'file' | 'return';
const ACTION_LABELS: Record<Action, string> = {
  accept: 'Thụ lý (giao đơn vị giải quyết)',
  transfer: 'Chuyển đơn đến cơ quan có thẩm quyền',
  guide: 'Hướng dẫn công dân',
  file: 'Lưu đơn',
  return: 'Trả lại đơn',
};

/**
 * A limit and the time left to it. The limits of petitions.md §3 are working days, so the
 * server counts what is left with the office's calendar (holidays, swapped days): «còn N
 * ngày làm việc». Past the date it is overdue even on a day off (at least one working day).
 */
function Due({ iso, open, workingDaysLeft }: { iso: string; open: boolean; workingDaysLeft: number | null | undefined }) {
  const past = iso < vnNow().date;
  const d = workingDaysLeft ?? null;
  return (
    <>
      {formatVnDate(iso)}
      {open && d !== null ? (
        past ? (
          <span className="badge letter-late" data-testid="letter-due-left">
            {' '}
            Quá hạn {Math.max(1, -d)} ngày làm việc
          </span>
        ) : (
          <span className="muted small" data-testid="letter-due-left">
            {' '}
            {d === 0 ? '(hạn cuối là hôm nay)' : `(còn ${d} ngày làm việc)`}
          </span>
        )
      ) : null}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Senders({ letter }: { letter: LetterRecord }) {
  const hidden = sendersHiddenText(letter);
  if (letter.anonymous) return <p>Đơn nặc danh (không có người đứng đơn).</p>;
  if (hidden)
    return (
      <p className="letter-hidden" data-testid="senders-hidden">
        {hidden} — {letter.senderCount} người đứng đơn
      </p>
    );
  return (
    <table className="data-table letter-sender-table" data-testid="senders">
      <thead>
        <tr>
          <th>Họ tên</th>
          <th>Địa chỉ</th>
          <th>Số CCCD/CMND/Hộ chiếu</th>
          <th>Điện thoại</th>
        </tr>
      </thead>
      <tbody>
        {(letter.senders ?? []).map((s, i) => (
          <tr key={i}>
            <td>
              {s.fullName}
              {s.representative ? <span className="muted small"> (đại diện)</span> : null}
            </td>
            <td>{s.address ?? ''}</td>
            <td>{s.idNumber ?? ''}</td>
            <td>{s.phone ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Classify({ letter, onDone }: { letter: LetterRecord; onDone(r: LetterRecord): void }) {
  const [eligible, setEligible] = useState<boolean | null>(letter.eligible);
  const [competence, setCompetence] = useState<Competence | ''>(letter.competence ?? '');
  const [kind, setKind] = useState<LetterKind>(letter.kind);
  const [note, setNote] = useState(letter.classificationNote ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const save = async () => {
    if (eligible === null)
      return setError({ code: 'required', field: 'eligible', message: 'Chưa chọn đơn đủ hay không đủ điều kiện xử lý.' });
    if (!competence) return setError({ code: 'required', field: 'competence', message: 'Chưa chọn đơn thuộc hay không thuộc thẩm quyền.' });
    const r = await call('letter.classify', {
      id: letter.id,
      eligible,
      competence,
      ...(kind !== letter.kind ? { kind } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    toastSuccess(`Đã phân loại đơn số ${letterNo(r.value)}.`);
    onDone(r.value);
  };
  return (
    <section className="panel-box letter-step" aria-label="Phân loại đơn">
      <h3>
        Phân loại đơn <span className="muted small">— hạn phân loại, đề xuất xử lý: </span>
        <Due iso={letter.processingDue} open workingDaysLeft={letter.processingDaysLeft} />
      </h3>
      <ErrorBanner message={generalError(error, ['eligible', 'competence', 'kind', 'note'])} />
      <div className="letter-radios" role="radiogroup" aria-label="Điều kiện xử lý">
        <label className="check">
          <input type="radio" name="eligible" checked={eligible === true} onChange={() => setEligible(true)} />
          Đủ điều kiện xử lý
        </label>
        <label className="check">
          <input type="radio" name="eligible" checked={eligible === false} onChange={() => setEligible(false)} />
          Không đủ điều kiện xử lý
        </label>
        {errorFor(error, 'eligible') ? <span className="field-error">{errorFor(error, 'eligible')}</span> : null}
      </div>
      <div className="letter-radios" role="radiogroup" aria-label="Thẩm quyền">
        {(['within', 'outside'] as const).map((c) => (
          <label key={c} className="check">
            <input type="radio" name="competence" checked={competence === c} onChange={() => setCompetence(c)} />
            {COMPETENCE_LABELS[c]}
          </label>
        ))}
        {errorFor(error, 'competence') ? <span className="field-error">{errorFor(error, 'competence')}</span> : null}
      </div>
      <div className="form-grid letter-grid">
        <FieldShell id="classify-kind" label="Loại đơn" error={errorFor(error, 'kind')}>
          <select id="classify-kind" value={kind} onChange={(e) => setKind(e.target.value as LetterKind)}>
            {LETTER_KINDS.map((k) => (
              <option key={k} value={k}>
                {LETTER_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell id="classify-note" label="Ghi chú phân loại" error={errorFor(error, 'note')}>
          <input id="classify-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
        </FieldShell>
      </div>
      <div className="form-actions">
        <RightButton method="letter.classify" className="btn btn-primary" onClick={() => void save()}>
          Ghi phân loại
        </RightButton>
      </div>
    </section>
  );
}

function Handle({ letter, onDone }: { letter: LetterRecord; onDone(r: LetterRecord): void }) {
  const units = useUnits((s) => s.units);
  const acceptable = letter.competence === 'within' && letter.eligible !== false;
  const [action, setAction] = useState<Action>(acceptable ? 'accept' : letter.competence === 'outside' ? 'transfer' : 'file');
  const [lead, setLead] = useState('');
  const [support, setSupport] = useState('');
  const [due, setDue] = useState('');
  const [direction, setDirection] = useState('');
  const [organs, setOrgans] = useState<Organ[]>([]);
  const [organId, setOrganId] = useState('');
  const [guidedTo, setGuidedTo] = useState('');
  const [reason, setReason] = useState('');
  const [ref, setRef] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void call('organ.list', {}).then((r) => r.ok && setOrgans(r.value));
  }, []);

  const save = async () => {
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    let input: Parameters<typeof call<'letter.handle'>>[1];
    if (action === 'accept') {
      const dueIso = due.trim() ? parseVnDate(due) : null;
      if (due.trim() && !dueIso)
        return setError({ code: 'invalid_date', field: 'due', message: 'Hạn giải quyết không đúng dạng ngày/tháng/năm.' });
      input = {
        id: letter.id,
        action,
        lead,
        ...(support ? { support: [support] } : {}),
        ...(dueIso ? { due: dueIso } : {}),
        ...(opt(direction) ? { direction: opt(direction) } : {}),
        ...(opt(note) ? { note: opt(note) } : {}),
      };
    } else if (action === 'transfer')
      input = { id: letter.id, action, organId, ...(opt(ref) ? { ref: opt(ref) } : {}), ...(opt(note) ? { note: opt(note) } : {}) };
    else if (action === 'guide')
      input = { id: letter.id, action, guidedTo, ...(opt(ref) ? { ref: opt(ref) } : {}), ...(opt(note) ? { note: opt(note) } : {}) };
    else if (action === 'file') input = { id: letter.id, action, reason };
    else input = { id: letter.id, action, reason, ...(opt(ref) ? { ref: opt(ref) } : {}) };
    const r = await call('letter.handle', input);
    if (!r.ok) return setError(r.error);
    setError(null);
    toastSuccess(`Đơn số ${letterNo(r.value)}: ${LETTER_OUTCOME_LABELS[r.value.outcome!].toLowerCase()}.`);
    onDone(r.value);
  };
  const err = (...f: string[]) => errorFor(error, ...f);
  const text = (id: string, label: string, value: string, setValue: (s: string) => void, field: string, required = false) => (
    <FieldShell id={id} label={label} required={required} error={err(field)}>
      <input id={id} type="text" value={value} onChange={(e) => setValue(e.target.value)} {...describedBy(id, err(field))} />
    </FieldShell>
  );
  return (
    <section className="panel-box letter-step" aria-label="Hướng xử lý">
      <h3>Hướng xử lý</h3>
      <ErrorBanner
        message={generalError(error, [
          'lead',
          'support',
          'due',
          'dueWorkingDays',
          'direction',
          'organId',
          'guidedTo',
          'reason',
          'ref',
          'note',
        ])}
      />
      <div className="letter-radios letter-actions" role="radiogroup" aria-label="Hướng xử lý">
        {(Object.keys(ACTION_LABELS) as Action[]).map((a) => (
          <label
            key={a}
            className="check"
            title={a === 'accept' && !acceptable ? 'Chỉ thụ lý đơn đủ điều kiện, thuộc thẩm quyền' : undefined}
          >
            <input
              type="radio"
              name="letter-action"
              checked={action === a}
              disabled={a === 'accept' && !acceptable}
              onChange={() => {
                setAction(a);
                setError(null);
              }}
            />
            {ACTION_LABELS[a]}
          </label>
        ))}
      </div>
      <div className="form-grid letter-grid">
        {action === 'accept' ? (
          <>
            <FieldShell id="accept-lead" label="Đơn vị chủ trì giải quyết" required error={err('lead')}>
              <select id="accept-lead" value={lead} onChange={(e) => setLead(e.target.value)} {...describedBy('accept-lead', err('lead'))}>
                <option value="">— Chọn đơn vị —</option>
                {units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.code} — {u.name}
                  </option>
                ))}
              </select>
            </FieldShell>
            <FieldShell id="accept-support" label="Đơn vị phối hợp" error={err('support')}>
              <select id="accept-support" value={support} onChange={(e) => setSupport(e.target.value)}>
                <option value="">— Không —</option>
                {units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.code} — {u.name}
                  </option>
                ))}
              </select>
            </FieldShell>
            <DateField id="accept-due" label="Hạn giải quyết (để trống: theo quy định)" value={due} onChange={setDue} error={err('due')} />
            {text('accept-direction', 'Ý kiến chỉ đạo', direction, setDirection, 'direction')}
          </>
        ) : null}
        {action === 'transfer' ? (
          <>
            <FieldShell id="transfer-organ" label="Cơ quan có thẩm quyền (danh bạ)" required error={err('organId')}>
              <select
                id="transfer-organ"
                value={organId}
                onChange={(e) => setOrganId(e.target.value)}
                {...describedBy('transfer-organ', err('organId'))}
              >
                <option value="">— Chọn cơ quan —</option>
                {organs.map((o) => (
                  <option key={o.organId} value={o.organId}>
                    {o.name}
                  </option>
                ))}
              </select>
            </FieldShell>
            {text('transfer-ref', 'Số, ký hiệu phiếu chuyển', ref, setRef, 'ref')}
            {text('transfer-note', 'Ghi chú', note, setNote, 'note')}
          </>
        ) : null}
        {action === 'guide' ? (
          <>
            {text('guide-to', 'Hướng dẫn công dân đến', guidedTo, setGuidedTo, 'guidedTo', true)}
            {text('guide-ref', 'Số, ký hiệu phiếu hướng dẫn', ref, setRef, 'ref')}
            {text('guide-note', 'Nội dung hướng dẫn', note, setNote, 'note')}
          </>
        ) : null}
        {action === 'file' ? text('file-reason', 'Lý do lưu đơn', reason, setReason, 'reason', true) : null}
        {action === 'return' ? (
          <>
            {text('return-reason', 'Lý do trả lại đơn', reason, setReason, 'reason', true)}
            {text('return-ref', 'Số, ký hiệu văn bản trả lại', ref, setRef, 'ref')}
          </>
        ) : null}
      </div>
      <div className="form-actions">
        <RightButton method="letter.handle" className="btn btn-primary" onClick={() => void save()}>
          Ghi hướng xử lý
        </RightButton>
      </div>
    </section>
  );
}

function Answer({ letter, onDone }: { letter: LetterRecord; onDone(r: LetterRecord): void }) {
  const [answer, setAnswer] = useState('');
  const [ref, setRef] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const save = async () => {
    const r = await call('letter.answer', { id: letter.id, answer, ...(ref.trim() ? { ref: ref.trim() } : {}) });
    if (!r.ok) return setError(r.error);
    setError(null);
    toastSuccess(`Đã ghi kết quả giải quyết đơn số ${letterNo(r.value)}.`);
    onDone(r.value);
  };
  return (
    <section className="panel-box letter-step" aria-label="Kết quả giải quyết">
      <h3>
        Kết quả giải quyết{' '}
        <span className="muted small">
          {letter.outcome === 'transferred' ? '(cơ quan có thẩm quyền báo lại)' : '(đơn vị được giao báo cáo)'}
        </span>
      </h3>
      <ErrorBanner message={generalError(error, ['answer', 'ref'])} />
      <FieldShell id="letter-answer" label="Kết quả" required error={errorFor(error, 'answer')}>
        <textarea
          id="letter-answer"
          rows={3}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          {...describedBy('letter-answer', errorFor(error, 'answer'))}
        />
      </FieldShell>
      <FieldShell id="letter-answer-ref" label="Số, ký hiệu văn bản trả lời" error={errorFor(error, 'ref')}>
        <input id="letter-answer-ref" type="text" value={ref} onChange={(e) => setRef(e.target.value)} />
      </FieldShell>
      <div className="form-actions">
        <RightButton method="letter.answer" className="btn btn-primary" onClick={() => void save()}>
          Ghi kết quả
        </RightButton>
      </div>
    </section>
  );
}

export function LetterDetail({ id }: { id: number }) {
  const [letter, setLetter] = useState<LetterRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [slip, setSlip] = useState<'transfer' | 'guidance' | null>(null);
  // Files chosen on the reception form, handed over once the letter is registered.
  // Taken and cleared in one step: a second effect run or a second mount finds nothing, so a
  // file chosen once is attached once (CI saw the same scan attached twice under load).
  const takePending = useCallback((): ChosenFile[] | null => {
    const p = useLetters.getState().pendingFiles;
    if (p?.id !== id) return null;
    useLetters.setState({ pendingFiles: null });
    return p.files;
  }, [id]);
  const load = useCallback(async () => {
    const r = await call('letter.get', { id });
    if (r.ok) setLetter(r.value);
    else setError(r.error.message);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const back = (
    <button type="button" className="btn btn-small" onClick={() => useLetters.getState().show({ name: 'register' })}>
      ← Sổ tiếp nhận đơn
    </button>
  );
  if (error)
    return (
      <div className="letters-pane">
        {back}
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      </div>
    );
  if (!letter) return <p className="muted letters-pane">Đang mở đơn…</p>;
  const open = !letter.outcome;
  const waitsResult = letter.status === 'accepted' || letter.status === 'transferred';
  const lead = letter.assignments.find((a) => a.role === 'lead' && !a.replacedAt);
  return (
    <div className="letters-pane letter-detail" data-testid="letter-detail" data-status={letter.status}>
      <div className="letter-detail-head">
        {back}
        <h2>
          Đơn số {letterNo(letter)} — {LETTER_KIND_LABELS[letter.kind]}
        </h2>
        <span className="badge letter-status" data-testid="letter-status">
          {LETTER_STATUS_LABELS[letter.status]}
        </span>
      </div>
      <div className="letter-detail-body">
        <section className="panel-box" aria-label="Thông tin đơn">
          <dl className="fields">
            <Row label="Ngày nhận">{formatVnDate(letter.receivedDate)}</Row>
            <Row label="Nguồn đơn">
              {LETTER_CHANNEL_LABELS[letter.channel]}
              {letter.forwardedBy ? ` — ${letter.forwardedBy}` : ''}
            </Row>
            <Row label="Nội dung chính">{letter.subject}</Row>
            <Row label="Tóm tắt">{letter.summary}</Row>
            <Row label="Cơ quan, người bị KN/TC">{letter.concernedBody}</Row>
            <Row label="Hạn phân loại, đề xuất">
              <Due iso={letter.processingDue} open={open} workingDaysLeft={letter.processingDaysLeft} />
            </Row>
            {letter.classifiedAt ? (
              <Row label="Phân loại">
                {letter.eligible ? 'Đủ điều kiện xử lý' : 'Không đủ điều kiện xử lý'}; {COMPETENCE_LABELS[letter.competence!]}
                {letter.classificationNote ? ` — ${letter.classificationNote}` : ''}
                <span className="muted small"> ({formatVnDateTime(letter.classifiedAt)})</span>
              </Row>
            ) : null}
            {letter.earlier.length ? (
              <Row label="Trùng với đơn">
                {letter.earlier.map((e) => (
                  <button
                    key={e.id}
                    type="button"
                    className="link-btn letter-earlier"
                    onClick={() => useLetters.getState().show({ name: 'detail', id: e.id })}
                  >
                    số {letterNo(e)} ({formatVnDate(e.receivedDate)})
                  </button>
                ))}
              </Row>
            ) : null}
          </dl>
        </section>
        <section className="panel-box" aria-label="Người đứng đơn">
          <h3>Người đứng đơn</h3>
          <Senders letter={letter} />
        </section>
        <LetterFiles letter={letter} onChanged={setLetter} takePending={takePending} />
        {letter.outcome ? (
          <section className="panel-box" aria-label="Đã xử lý">
            <h3>Hướng xử lý: {LETTER_OUTCOME_LABELS[letter.outcome]}</h3>
            <dl className="fields">
              <Row label="Ngày xử lý">{formatVnDateTime(letter.outcomeAt)}</Row>
              <Row label="Chuyển đến">{letter.transferOrganName}</Row>
              <Row label="Hướng dẫn đến">{letter.guidedTo}</Row>
              <Row label={letter.outcome === 'guided' ? 'Nội dung hướng dẫn' : 'Lý do, ghi chú'}>{letter.outcomeNote}</Row>
              <Row label="Số, ký hiệu">{letter.outcomeRef}</Row>
              {lead ? (
                <Row label="Đơn vị giải quyết">
                  {lead.unitName}
                  {letter.assignments
                    .filter((a) => a.role === 'support' && !a.replacedAt)
                    .map((a) => `; phối hợp: ${a.unitName}`)
                    .join('')}
                  {lead.direction ? ` — ${lead.direction}` : ''}
                </Row>
              ) : null}
              {letter.resolutionDue ? (
                <Row label="Hạn giải quyết">
                  <Due iso={letter.resolutionDue} open={letter.status === 'accepted'} workingDaysLeft={letter.resolutionDaysLeft} />
                </Row>
              ) : null}
              <Row label="Kết quả">{letter.answer}</Row>
              <Row label="Văn bản trả lời">{letter.answerRef}</Row>
              {letter.answeredAt ? <Row label="Ngày có kết quả">{formatVnDateTime(letter.answeredAt)}</Row> : null}
            </dl>
            {letter.outcome === 'transferred' || letter.outcome === 'guided' ? (
              <div className="form-actions">
                <RightButton
                  method="letter.slip"
                  className="btn"
                  onClick={() => setSlip(letter.outcome === 'transferred' ? 'transfer' : 'guidance')}
                >
                  {letter.outcome === 'transferred' ? SLIP_LABELS.transfer : SLIP_LABELS.guidance} (PDF)
                </RightButton>
              </div>
            ) : null}
          </section>
        ) : null}
        {open ? <Classify key={`c${letter.updatedAt}`} letter={letter} onDone={setLetter} /> : null}
        {letter.status === 'classified' ? <Handle key={`h${letter.updatedAt}`} letter={letter} onDone={setLetter} /> : null}
        {waitsResult ? <Answer letter={letter} onDone={setLetter} /> : null}
      </div>
      {slip ? <SlipDialog id={letter.id} kind={slip} onClose={() => setSlip(null)} /> : null}
    </div>
  );
}

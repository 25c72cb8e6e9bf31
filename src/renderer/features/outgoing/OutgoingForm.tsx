/**
 * "Soạn thảo văn bản đi": the drafting form with a live preview. The preview is the
 * server's own rendering (`outgoing.preview`, nothing stored) of what is typed, asked for
 * 600 ms after the last keystroke and drawn by pdf.js like any attached PDF. Fields with an
 * error are left out of the preview (and shown under the field) so it keeps rendering.
 * Enter moves to the next one-line field; in the long texts Enter is a new line and a
 * blank line starts a new paragraph; Ctrl+Enter saves.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import { OUTGOING_LIMITS } from '../../../shared/domain/outgoing';
import { canonicalTypeName } from '../../../shared/domain/documentTypes';
import type { AppError } from '../../../shared/result';
import { fold } from '../../../shared/text/vietnamese';
import { validateOutgoing } from '../../../shared/validation/outgoing';
import { call } from '../../api/client';
import { Combobox } from '../../components/Combobox';
import { DateField } from '../../components/DateField';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { formatVnDateTime } from '../../lib/dates';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { PdfPreview } from '../detail/PdfPreview';
import { suggestTypes } from '../register-form/suggestions';
import {
  AUTHORITY_SUGGESTIONS,
  OUTGOING_FIELD_ORDER,
  POSITION_SUGGESTIONS,
  SECRECY_CHOICES,
  URGENCY_CHOICES,
  outgoingErrorsByField,
  outgoingMessage,
  serverErrorList,
  toOutgoingData,
  valuesFromOutgoing,
  type OutgoingField,
  type OutgoingValues,
} from './model';
import { useOutgoing } from './outgoingStore';
import './outgoing.css';

export const PREVIEW_DEBOUNCE_MS = 600;

const fid = (f: OutgoingField) => `out-${f}`;

function suggestFrom(list: string[]) {
  return (text: string) => {
    const q = fold(text.trim());
    return q ? list.filter((s) => fold(s).includes(q)) : list;
  };
}

/** Leaves out what the shared validation refuses (other than "missing"), so the preview still renders. */
function previewData(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (let pass = 0; pass < 3; pass++) {
    const bad = validateOutgoing(out).errors.filter((e) => e.code !== 'required' && e.field && e.field in out);
    if (bad.length === 0) break;
    for (const e of bad) delete out[e.field!];
  }
  delete out.replyTo;
  return out;
}

interface Preview {
  bytes: Uint8Array;
  pageCount: number;
  at: string;
  n: number;
}

function ReplyToInfo({ text }: { text: string }) {
  const [found, setFound] = useState<string[]>([]);
  useEffect(() => {
    const ids = [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .filter((t) => /^\d+$/.test(t))
          .map(Number),
      ),
    ].slice(0, 10);
    if (ids.length === 0) return setFound([]);
    let cancelled = false;
    const t = setTimeout(async () => {
      const rows = await Promise.all(ids.map((id) => call('incoming.get', { id })));
      if (cancelled) return;
      setFound(
        rows.map((r, i) =>
          r.ok
            ? `#${ids[i]}: số đến ${r.value.arrivalNumber}/${r.value.year} — ${r.value.symbol ?? 'không số'} của ${r.value.organName}`
            : `#${ids[i]}: không có văn bản đến này`,
        ),
      );
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [text]);
  if (found.length === 0) return null;
  return (
    <ul className="reply-info muted small" aria-label="Văn bản đến được trả lời">
      {found.map((f) => (
        <li key={f}>{f}</li>
      ))}
    </ul>
  );
}

export function OutgoingForm({ id }: { id?: number }) {
  const editing = id !== undefined;
  const storeDraft = useOutgoing((s) => s.draft);
  const [record, setRecord] = useState<OutgoingRecord | null>(null);
  const [editValues, setEditValues] = useState<OutgoingValues | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const values = editing ? editValues : storeDraft;

  const [touched, setTouched] = useState<Set<OutgoingField>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrs, setServerErrs] = useState<AppError[]>([]);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewBusy, setPreviewBusy] = useState(false);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const seq = useRef(0);
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const pagesRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!editing) return;
    let cancelled = false;
    void call('outgoing.get', { id }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setRecord(r.value);
        setEditValues(valuesFromOutgoing(r.value));
      } else setLoadError(r.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [editing, id]);

  // The first field takes focus once the values are there (edit mode loads them first).
  const ready = values !== null;
  useEffect(() => {
    if (ready) firstRef.current?.focus();
  }, [ready]);

  const setValue = useCallback(
    <K extends OutgoingField>(key: K, value: OutgoingValues[K]) => {
      if (editing) setEditValues((v) => (v ? { ...v, [key]: value } : v));
      else useOutgoing.getState().setDraft({ ...useOutgoing.getState().draft, [key]: value });
      setServerErrs((errs) => errs.filter((e) => e.field !== key));
    },
    [editing],
  );
  const touch = (f: OutgoingField) => setTouched((t) => (t.has(f) ? t : new Set(t).add(f)));

  const data = useMemo(() => (values ? toOutgoingData(values) : null), [values]);
  const clientErrors = useMemo(() => (data ? validateOutgoing(data).errors : []), [data]);
  const { fields: clientFields } = useMemo(() => outgoingErrorsByField(clientErrors), [clientErrors]);
  const { fields: serverFields, general: serverGeneral } = useMemo(() => outgoingErrorsByField(serverErrs), [serverErrs]);
  const errorFor = (f: OutgoingField): string | null => {
    const s = serverFields[f];
    if (s) return outgoingMessage(s);
    const c = clientFields[f];
    // "Missing" only after the clerk left the field (or tried to save); other problems at once.
    return c && (showAll || touched.has(f) || c.code !== 'required') ? outgoingMessage(c) : null;
  };

  // The live preview, 600 ms after the last change.
  const previewJson = useMemo(() => (data ? JSON.stringify(previewData(data)) : null), [data]);
  useEffect(() => {
    if (previewJson === null) return;
    const t = setTimeout(async () => {
      const my = ++seq.current;
      setPreviewBusy(true);
      const r = await call('outgoing.preview', { data: JSON.parse(previewJson) as Record<string, unknown> });
      if (my !== seq.current) return;
      setPreviewBusy(false);
      if (r.ok) {
        // Hold the pane's height while pdf.js draws the new version, so the page does not jump.
        const pages = pagesRef.current;
        if (pages) {
          pages.style.minHeight = `${pages.offsetHeight}px`;
          setTimeout(() => (pages.style.minHeight = ''), 2000);
        }
        setPreview((p) => ({
          bytes: r.value.bytes,
          pageCount: r.value.pageCount,
          at: new Date().toTimeString().slice(0, 8),
          n: (p?.n ?? 0) + 1,
        }));
        setPreviewError(null);
      } else setPreviewError(outgoingMessage(r.error));
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [previewJson]);

  const focusField = (f: OutgoingField) => {
    const el = document.getElementById(fid(f));
    el?.focus();
  };

  const submit = async () => {
    if (saving || !values || !data) return;
    setShowAll(true);
    setServerErrs([]);
    const errs = validateOutgoing(data).errors;
    if (errs.length) {
      const { fields } = outgoingErrorsByField(errs);
      const first = OUTGOING_FIELD_ORDER.find((f) => fields[f]);
      if (first) focusField(first);
      return;
    }
    setSaving(true);
    try {
      const r = editing ? await call('outgoing.update', { id: id!, data }) : await call('outgoing.draft', { data });
      if (!r.ok) {
        const all = serverErrorList(r.error);
        setServerErrs(all);
        const { fields, general } = outgoingErrorsByField(all);
        const first = OUTGOING_FIELD_ORDER.find((f) => fields[f]);
        if (first) focusField(first);
        if (general.length) toastError(general.map(outgoingMessage).join(' '));
        return;
      }
      toastSuccess(editing ? 'Đã lưu thay đổi dự thảo.' : 'Đã lưu dự thảo văn bản đi.');
      if (!editing) useOutgoing.getState().clearDraft();
      useOutgoing.getState().show({ name: 'detail', id: r.value.id });
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
      return;
    }
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      cancel();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      const t = e.target as HTMLElement;
      if (t.hasAttribute('data-nav') && t.tagName !== 'TEXTAREA') {
        e.preventDefault();
        const list = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-nav]') ?? [])];
        const next = list[list.indexOf(t) + 1] ?? formRef.current?.querySelector<HTMLElement>('button[type="submit"]');
        next?.focus();
      }
    }
  };

  const cancel = () => useOutgoing.getState().show(editing ? { name: 'detail', id: id! } : { name: 'list' });

  if (loadError) return <div className="banner banner-error out-pad">{loadError}</div>;
  if (!values) return <div className="muted out-pad">Đang tải dự thảo…</div>;

  const nav = { 'data-nav': '' } as Record<string, string>;
  const text = (
    f: OutgoingField,
    label: string,
    opts: { required?: boolean; className?: string; maxLength?: number; inputMode?: 'numeric'; placeholder?: string; hint?: string } = {},
  ) => {
    const err = errorFor(f);
    return (
      <FieldShell id={fid(f)} label={label} required={opts.required} error={err} className={opts.className} hint={opts.hint}>
        <input
          id={fid(f)}
          type="text"
          autoComplete="off"
          value={values[f] as string}
          inputMode={opts.inputMode}
          placeholder={opts.placeholder}
          maxLength={opts.maxLength}
          aria-required={opts.required || undefined}
          onChange={(e) => setValue(f, e.target.value as never)}
          onBlur={() => touch(f)}
          {...describedBy(fid(f), err, opts.hint)}
          {...nav}
        />
      </FieldShell>
    );
  };
  const area = (f: OutgoingField, label: string, rows: number, opts: { required?: boolean; hint?: string; placeholder?: string } = {}) => {
    const err = errorFor(f);
    return (
      <FieldShell id={fid(f)} label={label} required={opts.required} error={err} hint={opts.hint} className="span-2">
        <textarea
          id={fid(f)}
          rows={rows}
          aria-required={opts.required || undefined}
          placeholder={opts.placeholder}
          value={values[f] as string}
          onChange={(e) => setValue(f, e.target.value as never)}
          onBlur={() => touch(f)}
          {...describedBy(fid(f), err, opts.hint)}
          {...nav}
        />
      </FieldShell>
    );
  };

  const approvedNote = record?.status === 'approved';
  const generalErrors = serverGeneral;

  return (
    <div className="out-form-screen">
      <form
        ref={formRef}
        className="out-form"
        aria-label={editing ? 'Sửa dự thảo văn bản đi' : 'Soạn văn bản đi'}
        onKeyDown={onKeyDown}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <div className="form-head">
          <h2>{editing ? `Sửa dự thảo #${id}` : 'Soạn văn bản đi'}</h2>
          {record ? <span className="muted small">Tạo lúc {formatVnDateTime(record.createdAt)}</span> : null}
        </div>
        {approvedNote ? (
          <div className="banner banner-warn" role="note">
            Văn bản đã được duyệt: lưu thay đổi sẽ đưa văn bản về <strong>Dự thảo</strong> để người ký duyệt lại.
          </div>
        ) : null}
        <div className="form-grid">
          <Combobox
            id={fid('typeName')}
            label="Loại văn bản"
            required
            value={values.typeName}
            onChange={(v) => setValue('typeName', v)}
            onBlur={() => {
              const c = canonicalTypeName(values.typeName);
              if (c && c !== values.typeName) setValue('typeName', c);
              touch('typeName');
            }}
            suggest={suggestTypes}
            autoHighlight
            debounceMs={0}
            error={errorFor('typeName')}
            inputRef={firstRef}
            inputProps={nav}
          />
          {text('draftingUnit', 'Đơn vị soạn thảo', {
            required: true,
            maxLength: OUTGOING_LIMITS.draftingUnit + 5,
            placeholder: 'ví dụ VX, KTTH',
            hint: 'Chữ viết tắt in hoa; dùng trong số ký hiệu công văn.',
          })}
          {area('subject', 'Trích yếu', 2, { required: true, placeholder: 'ví dụ: V/v triển khai kế hoạch chuyển đổi số năm 2026' })}
          {area('kinhGui', 'Kính gửi', 2, { hint: 'Mỗi nơi một dòng.' })}
          {area('body', 'Nội dung', 8, { hint: 'Để một dòng trống giữa hai đoạn. Đoạn bắt đầu bằng «Căn cứ» được in nghiêng.' })}
          {area('recipients', 'Nơi nhận', 3, { hint: 'Mỗi nơi một dòng; dòng «Lưu: VT, …» do phần mềm thêm.' })}
          <Combobox
            id={fid('signerAuthority')}
            label="Thẩm quyền ký"
            value={values.signerAuthority}
            onChange={(v) => setValue('signerAuthority', v)}
            onBlur={() => touch('signerAuthority')}
            suggest={suggestFrom(AUTHORITY_SUGGESTIONS)}
            debounceMs={0}
            error={errorFor('signerAuthority')}
            inputProps={{ ...nav, placeholder: 'TM./KT./TL./TUQ./Q. …' }}
          />
          <Combobox
            id={fid('signerPosition')}
            label="Chức vụ"
            required
            value={values.signerPosition}
            onChange={(v) => setValue('signerPosition', v)}
            onBlur={() => touch('signerPosition')}
            suggest={suggestFrom(POSITION_SUGGESTIONS)}
            debounceMs={0}
            error={errorFor('signerPosition')}
            inputProps={nav}
          />
          {text('signerName', 'Người ký', { required: true })}
          {text('copies', 'Số bản', { inputMode: 'numeric' })}
          <FieldShell id={fid('urgency')} label="Độ khẩn" error={errorFor('urgency')}>
            <select
              id={fid('urgency')}
              value={values.urgency}
              onChange={(e) => setValue('urgency', e.target.value as OutgoingValues['urgency'])}
              {...nav}
            >
              {URGENCY_CHOICES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id={fid('secrecy')} label="Độ mật" error={errorFor('secrecy')}>
            <select
              id={fid('secrecy')}
              value={values.secrecy}
              onChange={(e) => setValue('secrecy', e.target.value as OutgoingValues['secrecy'])}
              {...nav}
            >
              {SECRECY_CHOICES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </FieldShell>
          <DateField
            id={fid('dueDate')}
            label="Hạn trả lời"
            value={values.dueDate}
            onChange={(v) => setValue('dueDate', v)}
            onBlur={() => touch('dueDate')}
            error={errorFor('dueDate')}
            inputProps={nav}
          />
          <div className="field">
            {text('replyTo', 'Trả lời văn bản đến', { placeholder: 'mã văn bản đến, ví dụ 12, 15' })}
            <ReplyToInfo text={values.replyTo} />
          </div>
        </div>
        {values.secrecy !== 'normal' ? <p className="muted small">Văn bản mật được cấp số trong sổ văn bản đi mật (DI-MAT).</p> : null}
        {generalErrors.length ? (
          <div className="banner banner-error" role="alert">
            {generalErrors.map((e, i) => (
              <div key={i}>{outgoingMessage(e)}</div>
            ))}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Đang lưu…' : editing ? 'Lưu thay đổi' : 'Lưu dự thảo'}
          </button>
          <button type="button" className="btn" onClick={cancel}>
            {editing ? 'Hủy bỏ' : 'Đóng'}
          </button>
          {!editing ? (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                useOutgoing.getState().clearDraft();
                setTouched(new Set());
                setShowAll(false);
                setServerErrs([]);
                firstRef.current?.focus();
              }}
            >
              Làm mới
            </button>
          ) : null}
          <span className="kbd-hint">
            <kbd>Enter</kbd> ô tiếp · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> lưu
          </span>
        </div>
      </form>

      <section className="out-preview" aria-label="Xem trước văn bản">
        <div className="out-preview-head">
          <h3>Xem trước</h3>
          <span className="muted small" role="status" aria-live="polite" data-testid="preview-status">
            {previewBusy
              ? 'Đang cập nhật…'
              : preview
                ? `Dự thảo · ${preview.pageCount} trang · cập nhật lúc ${preview.at}`
                : 'Đang tạo bản xem trước…'}
          </span>
        </div>
        {previewError ? <div className="banner banner-error">{previewError}</div> : null}
        <div className="out-preview-scroll">
          <div ref={pagesRef} data-testid="outgoing-preview" data-version={preview?.n ?? 0}>
            {preview ? <PdfPreview key={preview.n} bytes={preview.bytes} fileName="Bản xem trước" /> : null}
          </div>
        </div>
      </section>
    </div>
  );
}

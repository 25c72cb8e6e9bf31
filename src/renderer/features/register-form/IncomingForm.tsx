/**
 * "Vào sổ văn bản đến": the register form, keyboard first. Enter moves to the next field,
 * Shift+Enter makes a new line in the longer texts, Ctrl+Enter saves from anywhere. The
 * shared validation runs as the clerk types (after leaving a field) and the server's errors
 * land under the same fields. The same component corrects a registered document
 * (`mode.kind === 'edit'`): register, number and year are shown read-only.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { canonicalTypeName } from '../../../shared/domain/documentTypes';
import type { AppError } from '../../../shared/result';
import { call } from '../../api/client';
import { Combobox } from '../../components/Combobox';
import { DateField } from '../../components/DateField';
import { FieldShell, describedBy } from '../../components/FieldShell';
import { parseVnDateTime } from '../../lib/dates';
import { useApp } from '../../stores/appStore';
import { useDraft, type DraftAttachment } from '../../stores/registerFormStore';
import { useRegisterList } from '../../stores/registerListStore';
import { toastError, toastSuccess } from '../../stores/toastStore';
import { AttachmentPicker } from './AttachmentPicker';
import {
  CHANNEL_OPTIONS,
  FIELD_ORDER,
  SECRECY_OPTIONS,
  URGENCY_OPTIONS,
  errorsByField,
  messageFor,
  patchData,
  serverErrors,
  toData,
  validateValues,
  valuesFromRecord,
  type FieldName,
  type FormValues,
} from './formModel';
import { suggestOrgans, suggestTypes } from './suggestions';
import { safeFileName } from '../../../shared/fileNames';

export type FormMode = { kind: 'create' } | { kind: 'edit'; record: IncomingRecord; onSaved(rec: IncomingRecord): void; onCancel(): void };

/**
 * Registering from a scan (features/capture): the fields read from the page are marked «gợi ý»
 * until confirmed (Enter on the field) or changed; the file's text is kept for content search
 * (`ocr`), and the queue moves on once the document is registered.
 */
export interface CaptureContext {
  suggested: ReadonlySet<FieldName>;
  confidence: Partial<Record<FieldName, number>>;
  confirm(field: FieldName): void;
  onRegistered(rec: IncomingRecord): void;
}

interface DuplicateInfo {
  message: string;
  existing?: { id: number; arrivalNumber: number; register: string; year: number };
}

const fieldId = (prefix: string, f: FieldName) => `${prefix}-${f}`;

export function IncomingForm({ mode, capture }: { mode: FormMode; capture?: CaptureContext }) {
  const editing = mode.kind === 'edit';
  const prefix = editing ? 'edit' : 'reg';
  const draft = useDraft();
  const initial = useMemo(() => (mode.kind === 'edit' ? valuesFromRecord(mode.record) : null), [mode]);
  const [editValues, setEditValues] = useState<FormValues | null>(initial);
  const values = editing ? editValues! : draft.values;
  const attachments = editing ? [] : draft.attachments;

  const [touched, setTouched] = useState<Set<FieldName>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrs, setServerErrs] = useState<AppError[]>([]);
  const [duplicate, setDuplicate] = useState<DuplicateInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const [next, setNext] = useState<{ register: string; year: number; arrivalNumber: number } | null>(null);
  /** Bumped after each save: the next number moved on. */
  const [saves, setSaves] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const forceRef = useRef<HTMLButtonElement>(null);
  const focusFormTick = useApp((s) => s.focusFormTick);

  const setValue = useCallback(
    <K extends FieldName>(key: K, value: FormValues[K]) => {
      if (editing) setEditValues((v) => ({ ...v!, [key]: value }));
      else draft.setValue(key, value);
      capture?.confirm(key);
      setServerErrs((errs) => errs.filter((e) => e.field !== key));
      if (duplicate) setDuplicate(null);
      if (!editing && draft.savedNote) useDraft.setState({ savedNote: null });
    },
    [editing, draft, duplicate, capture],
  );

  // Client-side validation: the same rules and codes as the server.
  const clientErrors = useMemo(() => validateValues(values), [values]);
  const { fields: clientFields } = useMemo(() => errorsByField(clientErrors), [clientErrors]);
  const { fields: serverFields, general: serverGeneral } = useMemo(() => errorsByField(serverErrs), [serverErrs]);
  const errorFor = (f: FieldName): string | null => {
    const s = serverFields[f];
    if (s) return messageFor(s);
    const c = clientFields[f];
    return c && (showAll || touched.has(f)) ? messageFor(c) : null;
  };
  const touch = (f: FieldName) => setTouched((t) => (t.has(f) ? t : new Set(t).add(f)));

  // The number the next document will get (depends on secrecy → DEN or DEN-MAT, and the arrival year).
  const arrivalIso = parseVnDateTime(values.arrivalDate);
  const refreshNext = useCallback(async () => {
    if (editing) return;
    const r = await call('incoming.nextNumber', {
      secrecy: values.secrecy,
      arrivalDate: arrivalIso && /^\d{4}-\d{2}-\d{2}/.test(arrivalIso) ? arrivalIso : null,
    });
    setNext(r.ok ? r.value : null);
    // `saves` is listed only to refresh after each save.
  }, [editing, values.secrecy, arrivalIso, saves]);
  useEffect(() => {
    const t = setTimeout(() => void refreshNext(), 150);
    return () => clearTimeout(t);
  }, [refreshNext]);

  // A refused duplicate: the clerk decides with the keyboard, starting on "Vẫn vào sổ".
  useEffect(() => {
    if (duplicate) forceRef.current?.focus();
  }, [duplicate]);

  // Ctrl+N / menu: focus the first field.
  useEffect(() => {
    if (!editing && focusFormTick > 0) firstRef.current?.focus();
  }, [focusFormTick, editing]);
  useEffect(() => {
    if (editing) firstRef.current?.focus();
  }, [editing]);

  const focusField = (f: FieldName) => {
    const el = document.getElementById(fieldId(prefix, f));
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  };

  const focusNext = (from: HTMLElement) => {
    const form = formRef.current;
    if (!form) return;
    const list = [...form.querySelectorAll<HTMLElement>('[data-nav]')].filter((el) => !(el as HTMLInputElement).disabled);
    const i = list.indexOf(from);
    const nextEl = list[i + 1] ?? form.querySelector<HTMLButtonElement>('button[type="submit"]');
    nextEl?.focus();
    if (nextEl instanceof HTMLInputElement) nextEl.select();
  };

  const readAttachments = async (list: DraftAttachment[]) =>
    // A name from the clerk's disk may hold characters the server refuses (a newline, a bidi
    // override): send its safe form, as it would be stored.
    Promise.all(list.map(async (a) => ({ fileName: safeFileName(a.fileName), bytes: await a.read() })));

  const submit = async (force = false) => {
    if (saving) return;
    setShowAll(true);
    setServerErrs([]);
    const errs = validateValues(values);
    if (errs.length) {
      const first = FIELD_ORDER.find((f) => errorsByField(errs).fields[f]);
      if (first) focusField(first);
      return;
    }
    setSaving(true);
    try {
      if (mode.kind === 'edit') {
        const patch = patchData(initial!, values);
        if (Object.keys(patch).length === 0) {
          mode.onCancel();
          return;
        }
        const r = await call('incoming.update', { id: mode.record.id, data: patch, ...(force ? { force: true } : {}) });
        if (!r.ok) return onServerError(r.error);
        toastSuccess(`Đã lưu thay đổi văn bản số đến ${r.value.arrivalNumber}.`);
        mode.onSaved(r.value);
        return;
      }
      let files: { fileName: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
      try {
        files = await readAttachments(attachments);
      } catch {
        toastError('Không đọc được tệp đính kèm.');
        return;
      }
      const r = await call('incoming.add', {
        data: stripNulls(toData(values)),
        ...(files.length ? { attachments: files } : {}),
        ...(force ? { force: true } : {}),
        // From a scan: keep the file's text (its OCR, already read for the form) for content search.
        ...(capture && files.length ? { ocr: true } : {}),
      });
      if (!r.ok) return onServerError(r.error);
      const rec = r.value;
      const note = `Đã vào sổ số đến ${rec.arrivalNumber}${rec.register !== 'DEN' ? ` (sổ ${rec.register})` : ''}`;
      draft.clear(note);
      setSaves((n) => n + 1);
      setTouched(new Set());
      setShowAll(false);
      setDuplicate(null);
      void useRegisterList.getState().reload({ flashId: rec.id });
      void useApp.getState().loadInfo();
      firstRef.current?.focus();
      capture?.onRegistered(rec);
    } finally {
      setSaving(false);
    }
  };

  const onServerError = (e: AppError) => {
    if (e.code === 'duplicate') {
      const existing = (e.details?.existing ?? undefined) as DuplicateInfo['existing'];
      setDuplicate({ message: e.message, existing });
      return;
    }
    const all = serverErrors(e);
    setServerErrs(all);
    const { fields, general } = errorsByField(all);
    const first = FIELD_ORDER.find((f) => fields[f]);
    if (first) focusField(first);
    if (general.length) toastError(general.map(messageFor).join(' '));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
      return;
    }
    if (e.key === 'Escape' && editing && mode.kind === 'edit') {
      e.preventDefault();
      mode.onCancel();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      const t = e.target as HTMLElement;
      if (t.hasAttribute('data-nav')) {
        // Enter on a suggested field confirms it.
        if (capture && t.id.startsWith(`${prefix}-`)) capture.confirm(t.id.slice(prefix.length + 1) as FieldName);
        e.preventDefault();
        focusNext(t);
      }
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  const nav = { 'data-nav': '' } as Record<string, string>;
  const id = (f: FieldName) => fieldId(prefix, f);
  const badge = (f: FieldName) =>
    capture?.suggested.has(f) ? (
      <span
        className="suggest-badge"
        data-testid={`suggested-${f}`}
        title={`Đọc từ bản quét, độ tin cậy ${capture.confidence[f] ?? 0}% — Enter để xác nhận`}
      >
        gợi ý
      </span>
    ) : null;
  const suggestedClass = (f: FieldName) => (capture?.suggested.has(f) ? ' suggested' : '');
  const text = (
    f: FieldName,
    label: string,
    opts: { required?: boolean; className?: string; maxLength?: number; inputMode?: 'numeric' } = {},
  ) => {
    const err = errorFor(f);
    return (
      <FieldShell
        id={id(f)}
        label={label}
        required={opts.required}
        error={err}
        className={`${opts.className ?? ''}${suggestedClass(f)}`}
        badge={badge(f)}
      >
        <input
          id={id(f)}
          type="text"
          autoComplete="off"
          value={values[f] as string}
          inputMode={opts.inputMode}
          onChange={(e) => setValue(f, e.target.value as never)}
          onBlur={() => touch(f)}
          {...describedBy(id(f), err)}
          {...nav}
        />
      </FieldShell>
    );
  };
  const area = (f: FieldName, label: string, rows: number, opts: { required?: boolean } = {}) => {
    const err = errorFor(f);
    return (
      <FieldShell id={id(f)} label={label} required={opts.required} error={err} className={`span-2${suggestedClass(f)}`} badge={badge(f)}>
        <textarea
          id={id(f)}
          rows={rows}
          aria-required={opts.required || undefined}
          value={values[f] as string}
          onChange={(e) => setValue(f, e.target.value as never)}
          onBlur={() => touch(f)}
          {...describedBy(id(f), err)}
          {...nav}
        />
      </FieldShell>
    );
  };
  const select = <K extends 'urgency' | 'secrecy' | 'channel'>(
    f: K,
    label: string,
    options: [FormValues[K], string][],
    disabled = false,
  ) => {
    const err = errorFor(f);
    return (
      <FieldShell id={id(f)} label={label} error={err} className={suggestedClass(f)} badge={badge(f)}>
        <select
          id={id(f)}
          value={values[f]}
          disabled={disabled}
          onChange={(e) => setValue(f, e.target.value as FormValues[K])}
          {...describedBy(id(f), err)}
          {...nav}
        >
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </FieldShell>
    );
  };

  const record = mode.kind === 'edit' ? mode.record : null;
  const generalErrors = serverGeneral.filter((e) => e.code !== 'duplicate');

  return (
    <form
      ref={formRef}
      className={`incoming-form${editing ? ' editing' : ''}`}
      aria-label={editing ? 'Sửa văn bản đến' : 'Vào sổ văn bản đến'}
      onKeyDown={onKeyDown}
      onSubmit={onSubmit}
      noValidate
    >
      {!editing ? (
        <div className="form-head">
          <h2>Vào sổ văn bản đến</h2>
          <div className="next-number" aria-live="polite">
            {next ? (
              <>
                Số đến tiếp theo: <strong data-testid="next-number">{next.arrivalNumber}</strong>
                <span className="muted">
                  {' '}
                  · sổ {next.register} · {next.year}
                </span>
              </>
            ) : (
              <span className="muted">Số đến tiếp theo: …</span>
            )}
          </div>
        </div>
      ) : (
        <div className="form-head">
          <h2>Sửa văn bản đến</h2>
          <div className="readonly-ids" aria-label="Không sửa được">
            <span>
              Sổ <strong>{record!.register}</strong>
            </span>
            <span>
              Số đến <strong>{record!.arrivalNumber}</strong>
            </span>
            <span>
              Năm <strong>{record!.year}</strong>
            </span>
          </div>
        </div>
      )}

      <div className="form-grid">
        <Combobox
          id={id('organName')}
          label="Cơ quan ban hành"
          required
          className={`span-2${suggestedClass('organName')}`}
          badge={badge('organName')}
          value={values.organName}
          onChange={(v) => setValue('organName', v)}
          onBlur={() => touch('organName')}
          suggest={suggestOrgans}
          error={errorFor('organName')}
          inputRef={firstRef}
          inputProps={nav}
        />
        {text('symbol', 'Số, ký hiệu')}
        <DateField
          id={id('issuedDate')}
          label="Ngày văn bản"
          required
          className={suggestedClass('issuedDate')}
          badge={badge('issuedDate')}
          value={values.issuedDate}
          onChange={(v) => setValue('issuedDate', v)}
          onBlur={() => touch('issuedDate')}
          error={errorFor('issuedDate')}
          inputProps={nav}
        />
        <Combobox
          id={id('typeName')}
          label="Loại văn bản"
          required
          className={suggestedClass('typeName')}
          badge={badge('typeName')}
          value={values.typeName}
          onChange={(v) => setValue('typeName', v)}
          onBlur={() => {
            const canonical = canonicalTypeName(values.typeName);
            if (canonical && canonical !== values.typeName) setValue('typeName', canonical);
            touch('typeName');
          }}
          suggest={suggestTypes}
          autoHighlight
          debounceMs={0}
          error={errorFor('typeName')}
          inputProps={nav}
        />
        {text('signerName', 'Người ký')}
        {area('subject', 'Trích yếu', 2, { required: true })}
        <DateField
          id={id('arrivalDate')}
          label="Ngày đến"
          withTime
          value={values.arrivalDate}
          onChange={(v) => setValue('arrivalDate', v)}
          onBlur={() => touch('arrivalDate')}
          error={errorFor('arrivalDate')}
          inputProps={nav}
        />
        {text('pageAmount', 'Số trang', { inputMode: 'numeric' })}
        {select('urgency', 'Độ khẩn', URGENCY_OPTIONS)}
        {select('secrecy', 'Độ mật', SECRECY_OPTIONS)}
        {select('channel', 'Hình thức', CHANNEL_OPTIONS)}
        <DateField
          id={id('dueDate')}
          label="Hạn giải quyết"
          value={values.dueDate}
          onChange={(v) => setValue('dueDate', v)}
          onBlur={() => touch('dueDate')}
          error={errorFor('dueDate')}
          inputProps={nav}
        />
        {text('toPlaces', 'Đơn vị, người nhận', { className: 'span-2' })}
        {area('description', 'Ghi chú', 1)}
      </div>

      {!editing ? <AttachmentPicker attachments={attachments} onAdd={draft.addAttachments} onRemove={draft.removeAttachment} /> : null}

      {duplicate ? (
        <div className="banner banner-warn" role="alert">
          <div>{duplicate.message}</div>
          <div className="banner-actions">
            <button type="button" className="btn btn-warn" ref={forceRef} onClick={() => void submit(true)}>
              Vẫn vào sổ
            </button>
            {duplicate.existing ? (
              <button type="button" className="btn" onClick={() => useApp.getState().openDetail(duplicate.existing!.id)}>
                Xem văn bản số {duplicate.existing.arrivalNumber}
              </button>
            ) : null}
            <button type="button" className="btn btn-ghost" onClick={() => setDuplicate(null)}>
              Thôi
            </button>
          </div>
        </div>
      ) : null}
      {generalErrors.length ? (
        <div className="banner banner-error" role="alert">
          {generalErrors.map((e, i) => (
            <div key={i}>{messageFor(e)}</div>
          ))}
        </div>
      ) : null}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {editing ? 'Lưu thay đổi' : 'Vào sổ'}
        </button>
        {editing && mode.kind === 'edit' ? (
          <button type="button" className="btn" onClick={mode.onCancel}>
            Hủy bỏ
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              draft.clear();
              setTouched(new Set());
              setShowAll(false);
              setServerErrs([]);
              setDuplicate(null);
              firstRef.current?.focus();
            }}
          >
            Làm mới
          </button>
        )}
        <span className="kbd-hint">
          <kbd>Enter</kbd> ô tiếp · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {editing ? 'lưu' : 'vào sổ'}
        </span>
      </div>
      {!editing ? (
        <div className="saved-note" role="status" aria-live="polite">
          {draft.savedNote ? <span className="ok-note">✓ {draft.savedNote}</span> : null}
        </div>
      ) : null}
    </form>
  );
}

/** Create: absent rather than null, so defaults (arrival = now) apply. */
function stripNulls(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== ''));
}

import { canonicalTypeName } from '../domain/documentTypes.js';
import { SECRECY_LABELS, URGENCY_LABELS, enumFromLabel, type Secrecy, type Urgency } from '../domain/enums.js';
import { OUTGOING_LIMITS as L, SIGNER_AUTHORITIES, type BodyParagraph, type OutgoingFields } from '../domain/outgoing.js';
import { makeError } from '../errors.js';
import type { AppError } from '../result.js';
import { fromVietnameseDate, isValidDate } from '../text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../text/vietnamese.js';

const KEYS = new Set([
  'typeName',
  'subject',
  'body',
  'kinhGui',
  'recipients',
  'signerAuthority',
  'signerPosition',
  'signerName',
  'draftingUnit',
  'urgency',
  'secrecy',
  'copies',
  'dueDate',
  'replyTo',
  'register',
]);

type Raw = Record<string, unknown>;

function text(raw: Raw, field: string, max: number, required: boolean, errors: AppError[], value: unknown = raw[field]): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) errors.push(makeError('required', { field }));
    return null;
  }
  if (typeof value !== 'string') {
    errors.push(makeError('invalid_input', { field }));
    return null;
  }
  if (hasControlChars(value)) {
    errors.push(makeError('control_chars', { field }));
    return null;
  }
  const s = tidySpaces(nfc(value));
  if ([...s].length > max) {
    errors.push(makeError('too_long', { field, params: { max } }));
    return null;
  }
  return s;
}

function lines(raw: Raw, field: string, errors: AppError[]): string[] {
  const v = raw[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > L.lines) {
    errors.push(makeError('invalid_input', { field }));
    return [];
  }
  const out: string[] = [];
  for (const item of v) {
    const s = text(raw, field, L.line, false, errors, item);
    // Users paste "- Như trên;" — the product adds the dash and punctuation itself.
    if (s) out.push(s.replace(/^[-–•]\s*/, '').replace(/[;.,]\s*$/, ''));
  }
  return out;
}

const PARAGRAPH_KEYS = new Set(['text', 'italic', 'bold', 'align']);

function paragraphs(raw: Raw, errors: AppError[]): BodyParagraph[] {
  const v = raw.body;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > L.paragraphs) {
    errors.push(makeError('invalid_input', { field: 'body' }));
    return [];
  }
  const out: BodyParagraph[] = [];
  for (const [i, p] of v.entries()) {
    // A paragraph is its text, or {text, italic?, bold?, align?}: anything else is refused,
    // never dropped (a number or {} silently lost would change the document).
    const obj: Raw | null = typeof p === 'string' ? { text: p } : p && typeof p === 'object' && !Array.isArray(p) ? (p as Raw) : null;
    const wrong =
      !obj ||
      typeof obj.text !== 'string' ||
      Object.keys(obj).some((k) => !PARAGRAPH_KEYS.has(k)) ||
      (obj.italic !== undefined && typeof obj.italic !== 'boolean') ||
      (obj.bold !== undefined && typeof obj.bold !== 'boolean') ||
      (obj.align !== undefined && obj.align !== 'center' && obj.align !== 'left' && obj.align !== 'justify');
    if (wrong) {
      errors.push({
        ...makeError('invalid_input', { field: `body.${i}` }),
        message: `Đoạn ${i + 1} của nội dung không hợp lệ (cần chữ, hoặc {text, italic, bold, align}).`,
      });
      continue;
    }
    if (hasControlChars(String(obj.text ?? '').replace(/\n/g, ' '))) {
      errors.push(makeError('control_chars', { field: 'body' }));
      continue;
    }
    const t = text(obj, 'body', L.paragraph, false, errors, obj.text);
    if (t === null) continue;
    const para: BodyParagraph = { text: t };
    if (obj.italic === true) para.italic = true;
    if (obj.bold === true) para.bold = true;
    if (obj.align === 'center' || obj.align === 'left' || obj.align === 'justify') para.align = obj.align;
    // Legal bases ("Căn cứ …") are printed in italics (App. I, box 6) unless told otherwise.
    if (obj.italic === undefined && /^căn cứ(?=\s|$)/iu.test(t)) para.italic = true;
    out.push(para);
  }
  return out;
}

export interface ValidatedOutgoing extends OutgoingFields {
  register: string | null;
}

/** Validates a whole draft (create) or the merged draft (update). */
export function validateOutgoing(input: unknown): { value: ValidatedOutgoing; errors: AppError[] } {
  const raw: Raw = input && typeof input === 'object' && !Array.isArray(input) ? (input as Raw) : {};
  const errors: AppError[] = [];
  if (raw !== input) errors.push(makeError('invalid_input'));
  for (const k of Object.keys(raw)) if (!KEYS.has(k)) errors.push(makeError('unknown_field', { field: k }));
  const typeRaw = text(raw, 'typeName', 100, true, errors);
  const typeName = typeRaw ? canonicalTypeName(typeRaw) : null;
  if (typeRaw && !typeName) errors.push(makeError('unknown_type', { field: 'typeName', params: { value: typeRaw } }));
  const authority = text(raw, 'signerAuthority', L.signerAuthority, false, errors);
  if (authority && !SIGNER_AUTHORITIES.some((p) => authority.toUpperCase().startsWith(p + ' ') || authority.toUpperCase() === p)) {
    errors.push({
      ...makeError('invalid_enum', { field: 'signerAuthority', params: { value: authority } }),
      code: 'invalid_authority',
      message: 'Thẩm quyền ký phải bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. (ví dụ «KT. CHỦ TỊCH»).',
    });
  }
  const unit = text(raw, 'draftingUnit', L.draftingUnit, true, errors);
  if (unit && !/^[\p{Lu}\p{N}]+(?:[-.][\p{Lu}\p{N}]+)*$/u.test(unit)) {
    errors.push({
      code: 'invalid_unit',
      field: 'draftingUnit',
      message: 'Đơn vị soạn thảo: dùng chữ viết tắt in hoa, ví dụ «VX», «KTTH».',
    });
  }
  const urgency =
    raw.urgency === undefined ? 'normal' : typeof raw.urgency === 'string' ? enumFromLabel<Urgency>(raw.urgency, URGENCY_LABELS) : null;
  if (!urgency) errors.push(makeError('invalid_enum', { field: 'urgency', params: { value: String(raw.urgency) } }));
  const secrecy =
    raw.secrecy === undefined ? 'normal' : typeof raw.secrecy === 'string' ? enumFromLabel<Secrecy>(raw.secrecy, SECRECY_LABELS) : null;
  if (!secrecy) errors.push(makeError('invalid_enum', { field: 'secrecy', params: { value: String(raw.secrecy) } }));
  let copies: number | null = null;
  if (raw.copies !== undefined && raw.copies !== null) {
    if (typeof raw.copies !== 'number' || !Number.isInteger(raw.copies) || raw.copies < 1 || raw.copies > L.copiesMax) {
      errors.push(makeError('invalid_number', { field: 'copies', params: { min: 1, max: L.copiesMax } }));
    } else copies = raw.copies;
  }
  const dueTyped = text(raw, 'dueDate', 10, false, errors);
  const due = dueTyped ? fromVietnameseDate(dueTyped) : null;
  if (due && !isValidDate(due)) errors.push(makeError('invalid_date', { field: 'dueDate' }));
  const replyTo: number[] = [];
  if (raw.replyTo !== undefined && raw.replyTo !== null) {
    const list = Array.isArray(raw.replyTo) ? raw.replyTo : [raw.replyTo];
    for (const r of list) {
      if (typeof r === 'number' && Number.isSafeInteger(r) && r > 0) replyTo.push(r);
      else errors.push(makeError('invalid_input', { field: 'replyTo' }));
    }
  }
  const value: ValidatedOutgoing = {
    typeName: typeName ?? '',
    subject: text(raw, 'subject', L.subject, true, errors) ?? '',
    body: paragraphs(raw, errors),
    kinhGui: lines(raw, 'kinhGui', errors),
    recipients: lines(raw, 'recipients', errors),
    signerAuthority: authority ? authority.toUpperCase().replace(/^(TM|KT|TL|TUQ|Q)\.\s*/, '$1. ') : null,
    signerPosition: (text(raw, 'signerPosition', L.signerPosition, true, errors) ?? '').toLocaleUpperCase('vi'),
    signerName: text(raw, 'signerName', L.signerName, true, errors) ?? '',
    draftingUnit: unit ?? '',
    urgency: urgency ?? 'normal',
    secrecy: secrecy ?? 'normal',
    copies,
    dueDate: due && isValidDate(due) ? due : null,
    replyTo: [...new Set(replyTo)],
    register: text(raw, 'register', 20, false, errors),
  };
  return { value, errors };
}

/**
 * The drafting form's values (text as typed) and their conversion to the contract's data
 * (`outgoing.draft` / `outgoing.update` / `outgoing.preview`), plus the shared validation
 * with its messages under Vietnamese field names.
 */
import { SECRECY_LABELS, URGENCY_LABELS, type Secrecy, type Urgency } from '../../../shared/domain/enums';
import { OUTGOING_STATUS_LABELS, type OutgoingRecord, type OutgoingStatus } from '../../../shared/domain/outgoing';
import { FIELD_LABELS } from '../../../shared/errors';
import type { AppError } from '../../../shared/result';
import { validateOutgoing } from '../../../shared/validation/outgoing';
import { formatVnDate, parseVnDate } from '../../lib/dates';

export interface OutgoingValues {
  typeName: string;
  subject: string;
  kinhGui: string;
  body: string;
  recipients: string;
  signerAuthority: string;
  signerPosition: string;
  signerName: string;
  draftingUnit: string;
  urgency: Urgency;
  secrecy: Secrecy;
  copies: string;
  dueDate: string;
  replyTo: string;
}

export type OutgoingField = keyof OutgoingValues;

/** On-screen order (Enter moves along it; the first field in error gets focus). */
export const OUTGOING_FIELD_ORDER: OutgoingField[] = [
  'typeName',
  'subject',
  'kinhGui',
  'body',
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
];

export const OUTGOING_LABELS: Record<OutgoingField | 'register' | 'status', string> = {
  typeName: 'Loại văn bản',
  subject: 'Trích yếu',
  kinhGui: 'Kính gửi',
  body: 'Nội dung',
  recipients: 'Nơi nhận',
  signerAuthority: 'Thẩm quyền ký',
  signerPosition: 'Chức vụ',
  signerName: 'Người ký',
  draftingUnit: 'Đơn vị soạn thảo',
  urgency: 'Độ khẩn',
  secrecy: 'Độ mật',
  copies: 'Số bản',
  dueDate: 'Hạn trả lời',
  replyTo: 'Trả lời văn bản đến',
  register: 'Sổ văn bản đi',
  status: 'Trạng thái',
};

export const AUTHORITY_SUGGESTIONS = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'TL. CHỦ TỊCH', 'TUQ. CHỦ TỊCH', 'Q. CHỦ TỊCH'];
export const POSITION_SUGGESTIONS = ['Chủ tịch', 'Phó Chủ tịch', 'Chánh Văn phòng', 'Phó Chánh Văn phòng'];

export function emptyOutgoing(): OutgoingValues {
  return {
    typeName: 'Công văn',
    subject: '',
    kinhGui: '',
    body: '',
    recipients: 'Như trên',
    signerAuthority: '',
    signerPosition: '',
    signerName: '',
    draftingUnit: '',
    urgency: 'normal',
    secrecy: 'normal',
    copies: '',
    dueDate: '',
    replyTo: '',
  };
}

export function valuesFromOutgoing(r: OutgoingRecord): OutgoingValues {
  return {
    typeName: r.typeName,
    subject: r.subject,
    kinhGui: r.kinhGui.join('\n'),
    body: r.body.map((p) => p.text).join('\n\n'),
    recipients: r.recipients.join('\n'),
    signerAuthority: r.signerAuthority ?? '',
    signerPosition: r.signerPosition,
    signerName: r.signerName,
    draftingUnit: r.draftingUnit,
    urgency: r.urgency,
    secrecy: r.secrecy,
    copies: r.copies === null ? '' : String(r.copies),
    dueDate: r.dueDate ? formatVnDate(r.dueDate) : '',
    replyTo: r.replyTo.join(', '),
  };
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Paragraphs are separated by blank lines; a single line break inside one is a space. */
export function paragraphs(s: string): string[] {
  return s
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

export function replyIds(s: string): (number | string)[] {
  return s
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/** Typed values → contract data. Unreadable values are passed on as typed, to be refused with their code. */
export function toOutgoingData(v: OutgoingValues): Record<string, unknown> {
  const due = parseVnDate(v.dueDate);
  const copies = v.copies.trim();
  const paras = paragraphs(v.body);
  const authority = v.signerAuthority.trim();
  return {
    typeName: v.typeName,
    subject: v.subject,
    kinhGui: lines(v.kinhGui),
    body: paras.map((text) => ({ text })),
    recipients: lines(v.recipients),
    signerAuthority: authority === '' ? null : authority,
    signerPosition: v.signerPosition,
    signerName: v.signerName,
    draftingUnit: v.draftingUnit.trim().toLocaleUpperCase('vi'),
    urgency: v.urgency,
    secrecy: v.secrecy,
    copies: copies === '' ? null : /^\d+$/.test(copies) ? Number(copies) : copies,
    dueDate: due === '' ? null : (due ?? v.dueDate),
    replyTo: replyIds(v.replyTo),
  };
}

/** The shared messages name fields by their code when the incoming labels lack them: use this form's names. */
export function outgoingMessage(e: AppError): string {
  const f = e.field as OutgoingField | undefined;
  if (e.code === 'invalid_date' && f === 'dueDate') return 'Hạn trả lời: ngày không hợp lệ (nhập ngày/tháng/năm, ví dụ 05/01/2026).';
  if (e.code === 'invalid_input' && f === 'replyTo') return 'Trả lời văn bản đến: nhập mã văn bản đến (số), cách nhau bởi dấu phẩy.';
  if (!f || !(f in OUTGOING_LABELS)) return e.message;
  const label = OUTGOING_LABELS[f];
  for (const prefix of [`${f}:`, FIELD_LABELS[f] ? `${FIELD_LABELS[f]}:` : null]) {
    if (prefix && e.message.startsWith(prefix)) return `${label}:${e.message.slice(prefix.length)}`;
  }
  return e.message;
}

export type OutgoingFieldErrors = Partial<Record<OutgoingField, AppError>>;

export function outgoingErrorsByField(errors: readonly AppError[]): { fields: OutgoingFieldErrors; general: AppError[] } {
  const fields: OutgoingFieldErrors = {};
  const general: AppError[] = [];
  for (const e of errors) {
    const f = e.field as OutgoingField | undefined;
    if (f && (OUTGOING_FIELD_ORDER as string[]).includes(f)) {
      if (!fields[f]) fields[f] = e;
    } else general.push(e);
  }
  return { fields, general };
}

export function validateOutgoingValues(v: OutgoingValues): AppError[] {
  return validateOutgoing(toOutgoingData(v)).errors;
}

export function serverErrorList(e: AppError): AppError[] {
  const list = e.details?.errors;
  if (Array.isArray(list) && list.length) return list as AppError[];
  return [e];
}

export const URGENCY_CHOICES = Object.entries(URGENCY_LABELS) as [Urgency, string][];
export const SECRECY_CHOICES = Object.entries(SECRECY_LABELS) as [Secrecy, string][];
export const STATUS_CHOICES = Object.entries(OUTGOING_STATUS_LABELS) as [OutgoingStatus, string][];

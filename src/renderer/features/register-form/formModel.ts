/**
 * The register form's values (text as typed) and their conversion to the contract's data,
 * plus client-side validation with the very rules the server runs
 * (src/shared/validation/incoming.ts), so a clerk sees the same Vietnamese message at once.
 */
import { CHANNEL_LABELS, SECRECY_LABELS, URGENCY_LABELS, type Channel, type Secrecy, type Urgency } from '../../../shared/domain/enums';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { FIELD_LABELS } from '../../../shared/errors';
import type { AppError } from '../../../shared/result';
import { validateIncomingCreate } from '../../../shared/validation/incoming';
import { formatVnDate, formatVnDateTime, parseVnDate, parseVnDateTime, vnNow } from '../../lib/dates';

export interface FormValues {
  organName: string;
  symbol: string;
  issuedDate: string;
  typeName: string;
  subject: string;
  arrivalDate: string;
  signerName: string;
  pageAmount: string;
  urgency: Urgency;
  secrecy: Secrecy;
  channel: Channel;
  toPlaces: string;
  dueDate: string;
  description: string;
}

export type FieldName = keyof FormValues;

/** Order of the fields on screen (Enter moves along it). */
export const FIELD_ORDER: FieldName[] = [
  'organName',
  'symbol',
  'issuedDate',
  'typeName',
  'signerName',
  'subject',
  'arrivalDate',
  'pageAmount',
  'urgency',
  'secrecy',
  'channel',
  'dueDate',
  'toPlaces',
  'description',
];

export function nowText(epochMs = Date.now()): string {
  const n = vnNow(epochMs);
  return `${formatVnDate(n.date)} ${n.time}`;
}

export function emptyValues(epochMs = Date.now()): FormValues {
  return {
    organName: '',
    symbol: '',
    issuedDate: '',
    typeName: '',
    subject: '',
    arrivalDate: nowText(epochMs),
    signerName: '',
    pageAmount: '',
    urgency: 'normal',
    secrecy: 'normal',
    channel: 'paper',
    toPlaces: '',
    dueDate: '',
    description: '',
  };
}

export function valuesFromRecord(r: IncomingRecord): FormValues {
  return {
    organName: r.organName,
    symbol: r.symbol ?? '',
    issuedDate: formatVnDate(r.issuedDate),
    typeName: r.typeName,
    subject: r.subject,
    arrivalDate: formatVnDateTime(r.arrivalDate),
    signerName: r.signerName ?? '',
    pageAmount: r.pageAmount === null ? '' : String(r.pageAmount),
    urgency: r.urgency,
    secrecy: r.secrecy,
    channel: r.channel,
    toPlaces: r.toPlaces ?? '',
    dueDate: r.dueDate ? formatVnDate(r.dueDate) : '',
    description: r.description ?? '',
  };
}

/** Typed values → contract data. Unreadable dates are passed on as typed, to be refused with their code. */
export function toData(v: FormValues): Record<string, unknown> {
  const text = (s: string) => (s.trim() === '' ? null : s);
  const date = (s: string) => {
    const iso = parseVnDate(s);
    return iso === '' ? null : (iso ?? s);
  };
  const arrival = parseVnDateTime(v.arrivalDate);
  const pages = v.pageAmount.trim();
  return {
    organName: v.organName,
    symbol: text(v.symbol),
    issuedDate: date(v.issuedDate) ?? '',
    typeName: v.typeName,
    subject: v.subject,
    arrivalDate: arrival === '' ? null : (arrival ?? v.arrivalDate),
    signerName: text(v.signerName),
    pageAmount: pages === '' ? null : /^\d+$/.test(pages) ? Number(pages) : pages,
    urgency: v.urgency,
    secrecy: v.secrecy,
    channel: v.channel,
    toPlaces: text(v.toPlaces),
    dueDate: date(v.dueDate),
    description: text(v.description),
  };
}

/** Only what changed, for a correction (`incoming.update`). */
export function patchData(before: FormValues, after: FormValues): Record<string, unknown> {
  const a = toData(after);
  const b = toData(before);
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(a)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) patch[k] = a[k];
  return patch;
}

/**
 * The shared messages speak of ISO dates (what the CLI and imports take); on this form dates
 * are typed day first, so the hint is adapted. The code stays the same.
 */
export function messageFor(e: AppError): string {
  const label = e.field ? (FIELD_LABELS[e.field] ?? e.field) : '';
  if (e.code === 'invalid_date') return `${label}: ngày không hợp lệ (nhập ngày/tháng/năm, ví dụ 05/01/2026).`;
  if (e.code === 'invalid_datetime') return `${label}: thời điểm không hợp lệ (nhập ngày/tháng/năm giờ:phút, ví dụ 05/01/2026 08:30).`;
  return e.message;
}

export type FieldErrors = Partial<Record<string, AppError>>;

export function errorsByField(errors: readonly AppError[]): { fields: FieldErrors; general: AppError[] } {
  const fields: FieldErrors = {};
  const general: AppError[] = [];
  for (const e of errors) {
    const f = e.field;
    if (f && (FIELD_ORDER as string[]).includes(f)) {
      if (!fields[f]) fields[f] = e;
    } else if (f === 'codeNumber' || f === 'codeNotation') {
      if (!fields.symbol) fields.symbol = e;
    } else general.push(e);
  }
  return { fields, general };
}

export function validateValues(v: FormValues, now = Date.now()): AppError[] {
  return validateIncomingCreate(toData(v), { now }).errors;
}

/** A server error's full list: several problems arrive in `details.errors`. */
export function serverErrors(e: AppError): AppError[] {
  const list = e.details?.errors;
  if (Array.isArray(list) && list.length) return list as AppError[];
  return [e];
}

export const URGENCY_OPTIONS = Object.entries(URGENCY_LABELS) as [Urgency, string][];
export const SECRECY_OPTIONS = Object.entries(SECRECY_LABELS) as [Secrecy, string][];
export const CHANNEL_OPTIONS = Object.entries(CHANNEL_LABELS) as [Channel, string][];

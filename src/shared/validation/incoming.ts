import { canonicalTypeName } from '../domain/documentTypes.js';
import {
  CHANNELS,
  CHANNEL_LABELS,
  SECRECIES,
  SECRECY_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  enumFromLabel,
  type Channel,
  type Secrecy,
  type Urgency,
} from '../domain/enums.js';
import { EDITABLE_FIELDS, LIMITS, type IncomingFields } from '../domain/incoming.js';
import { makeError } from '../errors.js';
import type { AppError } from '../result.js';
import { fromVietnameseDate, isValidDate, parseInstant, toVnIso } from '../text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../text/vietnamese.js';

/** Keys accepted on input besides the editable fields. */
const CREATE_ONLY_KEYS = ['arrivalNumber', 'register'] as const;
const ALL_INPUT_KEYS = new Set<string>([...EDITABLE_FIELDS, ...CREATE_ONLY_KEYS, 'codeNumber', 'codeNotation']);

export interface ValidationOutcome<T> {
  value: T;
  errors: AppError[];
}

type Raw = Record<string, unknown>;

/**
 * Checked text by raw value, per field (IncomingValidationOptions.repeated): for an import, whose
 * rows repeat a few hundred senders, a few dozen types, signers and their positions.
 */
export type RepeatedTexts = Map<string, Map<string, string>>;
/** The fields whose checked values an import remembers (see RepeatedTexts). */
const REPEATED_FIELDS = new Set(['organName', 'typeName', 'signerName', 'signerPosition']);
/** Values remembered per field (a file with ever new values checks the rest as they come). */
const REPEATED_MAX = 20_000;

class Checker {
  readonly errors: AppError[] = [];
  constructor(
    private readonly raw: Raw,
    private readonly repeated?: RepeatedTexts,
  ) {}

  /** text(), remembering a value that passed for the fields an import sees repeated. */
  private remembered(field: string, max: number, required: boolean, multiline: boolean): string | null {
    const v = this.raw[field];
    let memo = this.repeated?.get(field);
    if (memo === undefined && this.repeated && REPEATED_FIELDS.has(field)) this.repeated.set(field, (memo = new Map()));
    if (memo === undefined || typeof v !== 'string') return this.check(field, max, required, multiline);
    const known = memo.get(v);
    if (known !== undefined) return known;
    const s = this.check(field, max, required, multiline);
    // Only what passed: a refused value is refused again, with its error, on every row that has it.
    if (s !== null && memo.size < REPEATED_MAX) memo.set(v, s);
    return s;
  }

  text(field: string, max: number, required: boolean, multiline = false): string | null {
    return this.repeated ? this.remembered(field, max, required, multiline) : this.check(field, max, required, multiline);
  }

  has(field: string): boolean {
    const v = this.raw[field];
    return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  }

  /** NFC, trimmed text; null when absent. Records an error and returns null when bad. */
  private check(field: string, max: number, required: boolean, multiline: boolean): string | null {
    const v = this.raw[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) this.errors.push(makeError('required', { field }));
      return null;
    }
    if (typeof v !== 'string') {
      this.errors.push(makeError('invalid_input', { field }));
      return null;
    }
    if (hasControlChars(v) || (!multiline && /[\r\n]/.test(v.trim()))) {
      this.errors.push(makeError('control_chars', { field }));
      return null;
    }
    const s = tidySpaces(nfc(v));
    // Counted by code point (a letter outside the BMP is one), which a string no longer than max in UTF-16 units cannot exceed.
    if (s.length > max && [...s].length > max) {
      this.errors.push(makeError('too_long', { field, params: { max } }));
      return null;
    }
    return s;
  }

  date(field: string, required: boolean): string | null {
    const typed = this.text(field, 10, required);
    if (typed === null) return null;
    // Clerks type dd/mm/yyyy; it is unambiguous, so it is accepted as well as ISO.
    const s = fromVietnameseDate(typed);
    if (!isValidDate(s)) {
      this.errors.push(makeError('invalid_date', { field }));
      return null;
    }
    return s;
  }

  enumValue<T extends string>(field: string, labels: Record<T, string>, fallback: T): T {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return fallback;
    const code = typeof v === 'string' ? enumFromLabel(v, labels) : null;
    if (!code) {
      this.errors.push(makeError('invalid_enum', { field, params: { value: String(v) } }));
      return fallback;
    }
    return code;
  }

  integer(field: string, min: number, max: number): number | null {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return null;
    const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      this.errors.push(makeError('invalid_number', { field, params: { min, max } }));
      return null;
    }
    return n;
  }
}

/**
 * Splits "số, ký hiệu" into its Appendix VI parts: `123/QĐ-UBND` → `123` + `QĐ-UBND`,
 * `144/2025/QĐ-CTUBND` → `144` + `2025/QĐ-CTUBND`. A leading "Số:" is dropped.
 */
export function splitSymbol(symbol: string): { symbol: string; codeNumber: string | null; codeNotation: string | null } {
  const s = symbol
    .replace(/^số\s*:?\s*/iu, '')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, '');
  const slash = s.indexOf('/');
  if (slash < 0)
    return /^\d+$/.test(s) ? { symbol: s, codeNumber: s, codeNotation: null } : { symbol: s, codeNumber: null, codeNotation: s };
  const num = s.slice(0, slash);
  const notation = s.slice(slash + 1);
  return { symbol: s, codeNumber: num || null, codeNotation: notation || null };
}

export interface IncomingValidationOptions {
  /** Now, epoch ms (injected so tests use a fixed clock). */
  now: number;
  /** An import's memo of checked values that repeat from row to row (the same answers, checked once). */
  repeated?: RepeatedTexts;
}

export interface ValidatedCreate extends IncomingFields {
  arrivalNumber: number | null;
  register: string | null;
}

function checkUnknownKeys(raw: Raw, allowed: Set<string>, errors: AppError[]): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) errors.push(makeError('unknown_field', { field: key }));
  }
}

function checkSymbol(c: Checker): Pick<IncomingFields, 'symbol' | 'codeNumber' | 'codeNotation'> {
  const raw = c.text('symbol', LIMITS.symbol, false);
  if (raw === null) return { symbol: null, codeNumber: null, codeNotation: null };
  const parts = splitSymbol(raw);
  if ((parts.codeNumber?.length ?? 0) > LIMITS.codeNumber || (parts.codeNotation?.length ?? 0) > LIMITS.codeNotation) {
    c.errors.push(makeError('invalid_symbol', { field: 'symbol' }));
  }
  return parts;
}

function checkArrival(c: Checker, raw: Raw, now: number): string {
  const v = raw.arrivalDate;
  if (v === undefined || v === null || v === '') return toVnIso(now);
  const s = c.text('arrivalDate', 40, false);
  if (s === null) return toVnIso(now);
  const t = parseInstant(fromVietnameseDate(s));
  if (t === null) {
    c.errors.push(makeError('invalid_datetime', { field: 'arrivalDate' }));
    return toVnIso(now);
  }
  // One minute of grace: a PC clock a little behind the clerk's watch is not an error.
  if (t > now + 60_000) c.errors.push(makeError('future_date', { field: 'arrivalDate' }));
  return toVnIso(t);
}

function crossChecks(f: Pick<IncomingFields, 'issuedDate' | 'arrivalDate' | 'dueDate'>, errors: AppError[]): void {
  const arrivalDay = f.arrivalDate.slice(0, 10);
  if (f.issuedDate && f.issuedDate > arrivalDay) errors.push(makeError('issued_after_arrival', { field: 'issuedDate' }));
  if (f.dueDate && f.dueDate < arrivalDay) errors.push(makeError('due_before_arrival', { field: 'dueDate' }));
}

function checkType(c: Checker): string {
  const t = c.text('typeName', LIMITS.typeName, true);
  if (t === null) return '';
  const canonical = canonicalTypeName(t);
  if (!canonical) c.errors.push(makeError('unknown_type', { field: 'typeName', params: { value: t } }));
  return canonical ?? t;
}

/** Validates and normalises a new incoming document. Never throws for bad data. */
export function validateIncomingCreate(input: unknown, opts: IncomingValidationOptions): ValidationOutcome<ValidatedCreate> {
  const raw: Raw = input && typeof input === 'object' && !Array.isArray(input) ? (input as Raw) : {};
  const c = new Checker(raw, opts.repeated);
  if (raw !== input) c.errors.push(makeError('invalid_input'));
  checkUnknownKeys(raw, ALL_INPUT_KEYS, c.errors);
  const organName = c.text('organName', LIMITS.organName, true) ?? '';
  const sym = checkSymbol(c);
  const issuedDate = c.date('issuedDate', true) ?? '';
  const typeName = checkType(c);
  const subject = c.text('subject', LIMITS.subject, true, true) ?? '';
  const arrivalDate = checkArrival(c, raw, opts.now);
  const value: ValidatedCreate = {
    organName,
    ...sym,
    issuedDate,
    typeName,
    subject,
    arrivalDate,
    signerName: c.text('signerName', LIMITS.signerName, false),
    signerPosition: c.text('signerPosition', LIMITS.signerPosition, false),
    pageAmount: c.integer('pageAmount', 1, LIMITS.pageAmountMax),
    urgency: c.enumValue<Urgency>('urgency', URGENCY_LABELS, 'normal'),
    secrecy: c.enumValue<Secrecy>('secrecy', SECRECY_LABELS, 'normal'),
    channel: c.enumValue<Channel>('channel', CHANNEL_LABELS, 'paper'),
    toPlaces: c.text('toPlaces', LIMITS.toPlaces, false, true),
    dueDate: c.date('dueDate', false),
    description: c.text('description', LIMITS.description, false, true),
    arrivalNumber: c.integer('arrivalNumber', 1, 9_999_999_999),
    register: c.text('register', 20, false),
  };
  crossChecks(value, c.errors);
  return { value, errors: c.errors };
}

/**
 * Validates a correction: only the given keys change. The caller merges the result into
 * the stored record and re-runs the cross-field checks on the merged record.
 */
export function validateIncomingPatch(input: unknown, opts: IncomingValidationOptions): ValidationOutcome<Partial<IncomingFields>> {
  const raw: Raw = input && typeof input === 'object' && !Array.isArray(input) ? (input as Raw) : {};
  const c = new Checker(raw);
  if (raw !== input) c.errors.push(makeError('invalid_input'));
  for (const key of Object.keys(raw)) {
    if ((['id', 'register', 'year', 'arrivalNumber', 'status', 'createdAt', 'updatedAt'] as string[]).includes(key)) {
      c.errors.push(makeError('immutable_field', { field: key }));
    } else if (!(EDITABLE_FIELDS as readonly string[]).includes(key)) {
      c.errors.push(makeError('unknown_field', { field: key }));
    }
  }
  const patch: Partial<IncomingFields> = {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(raw, k);
  if (has('organName')) patch.organName = c.text('organName', LIMITS.organName, true) ?? '';
  if (has('symbol')) Object.assign(patch, checkSymbol(c));
  if (has('issuedDate')) patch.issuedDate = c.date('issuedDate', true) ?? '';
  if (has('typeName')) patch.typeName = checkType(c);
  if (has('subject')) patch.subject = c.text('subject', LIMITS.subject, true, true) ?? '';
  if (has('arrivalDate')) {
    if (!c.has('arrivalDate')) c.errors.push(makeError('required', { field: 'arrivalDate' }));
    else patch.arrivalDate = checkArrival(c, raw, opts.now);
  }
  if (has('signerName')) patch.signerName = c.text('signerName', LIMITS.signerName, false);
  if (has('signerPosition')) patch.signerPosition = c.text('signerPosition', LIMITS.signerPosition, false);
  if (has('pageAmount')) patch.pageAmount = c.integer('pageAmount', 1, LIMITS.pageAmountMax);
  if (has('urgency')) patch.urgency = c.enumValue<Urgency>('urgency', URGENCY_LABELS, 'normal');
  if (has('secrecy')) patch.secrecy = c.enumValue<Secrecy>('secrecy', SECRECY_LABELS, 'normal');
  if (has('channel')) patch.channel = c.enumValue<Channel>('channel', CHANNEL_LABELS, 'paper');
  if (has('toPlaces')) patch.toPlaces = c.text('toPlaces', LIMITS.toPlaces, false, true);
  if (has('dueDate')) patch.dueDate = c.date('dueDate', false);
  if (has('description')) patch.description = c.text('description', LIMITS.description, false, true);
  return { value: patch, errors: c.errors };
}

export { crossChecks as checkIncomingCrossFields, URGENCIES, SECRECIES, CHANNELS };

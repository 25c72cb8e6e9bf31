/**
 * Reading the archive's inputs (from the contract, the CLI or a batch line): every value is
 * checked and tidied (NFC, spaces) here, and every problem is reported at once with its
 * field, before anything is written.
 */
import { parseRetention, type Retention } from '../../shared/domain/archive.js';
import { makeError, type ErrorCode } from '../../shared/errors.js';
import { AppFailure, type AppError } from '../../shared/result.js';
import { fromVietnameseDate, isValidDate } from '../../shared/text/dates.js';
import { hasControlChars, nfc, tidySpaces } from '../../shared/text/vietnamese.js';

export class Input {
  readonly errors: AppError[] = [];
  constructor(private readonly raw: Record<string, unknown>) {}

  static of(v: unknown): Input {
    return new Input(v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  }

  fail(code: ErrorCode, field: string, params: Record<string, string | number> = {}): void {
    this.errors.push(makeError(code, { field, params }));
  }

  has(field: string): boolean {
    const v = this.raw[field];
    return v !== undefined && v !== null && v !== '';
  }

  text(field: string, max: number, required: true): string;
  text(field: string, max: number, required?: boolean): string | null;
  text(field: string, max: number, required = false): string | null {
    const v = this.raw[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) this.fail('required', field);
      return required ? '' : null;
    }
    if (typeof v !== 'string' || hasControlChars(v)) {
      this.fail('control_chars', field);
      return required ? '' : null;
    }
    const s = tidySpaces(nfc(v));
    if (s.length > max) this.fail('too_long', field, { max });
    return s;
  }

  int(field: string, min: number, max: number, required = false): number | null {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') {
      if (required) this.fail('required', field);
      return null;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.fail('invalid_number', field, { min, max });
      return null;
    }
    return n;
  }

  date(field: string, required = false): string | null {
    const s = this.text(field, 40, required);
    if (!s) return null;
    let d = s;
    if (!isValidDate(d)) {
      try {
        d = fromVietnameseDate(s);
      } catch {
        d = '';
      }
    }
    if (!isValidDate(d)) {
      this.fail('invalid_date', field);
      return null;
    }
    return d;
  }

  retention(field: string, required: true): Retention;
  retention(field: string, required?: boolean): Retention | undefined;
  retention(field: string, required = false): Retention | undefined {
    const v = this.raw[field];
    if (v === undefined || v === '') {
      if (required) this.fail('required', field);
      return undefined;
    }
    const r = parseRetention(v);
    if (r === undefined) this.fail('invalid_retention', field);
    return r;
  }

  oneOf<T extends string>(field: string, values: readonly T[], fallback: T): T;
  oneOf<T extends string>(field: string, values: readonly T[]): T | null;
  oneOf<T extends string>(field: string, values: readonly T[], fallback?: T): T | null {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return fallback ?? null;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.fail('invalid_enum', field, { value: String(v) });
      return fallback ?? null;
    }
    return v as T;
  }

  bool(field: string): boolean {
    const v = this.raw[field];
    return v === true || v === 'true' || v === 1;
  }

  value(field: string): unknown {
    return this.raw[field];
  }

  /** Throws every problem found so far (the first is the headline). */
  check(): void {
    if (this.errors.length) throw new AppFailure(this.errors[0]!, this.errors);
  }
}

export function refuse(
  code: ErrorCode,
  opts: { field?: string; params?: Record<string, string | number>; details?: Record<string, unknown> } = {},
): never {
  throw new AppFailure(makeError(code, opts));
}

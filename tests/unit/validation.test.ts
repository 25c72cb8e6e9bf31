import { describe, expect, it } from 'vitest';
import { validateIncomingCreate, validateIncomingPatch, splitSymbol, type RepeatedTexts } from '../../src/shared/validation/incoming.js';
import { parseInstant, toVnIso, formatLegalDate, vnYear } from '../../src/shared/text/dates.js';
import { fold } from '../../src/shared/text/vietnamese.js';
import { canonicalTypeName } from '../../src/shared/domain/documentTypes.js';

const now = parseInstant('2026-03-10T09:00:00+07:00')!;
const base = {
  organName: 'Sở Tài chính',
  issuedDate: '2026-03-02',
  typeName: 'Quyết định',
  subject: 'Về việc phân bổ ngân sách',
  arrivalDate: '2026-03-05T08:30',
};
const codes = (input: unknown) => validateIncomingCreate(input, { now }).errors.map((e) => `${e.field ?? ''}:${e.code}`);

describe('incoming validation', () => {
  it('accepts a complete document and fills defaults', () => {
    const { value, errors } = validateIncomingCreate(base, { now });
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ urgency: 'normal', secrecy: 'normal', channel: 'paper', arrivalDate: '2026-03-05T08:30:00+07:00' });
  });

  it('names each missing required field', () => {
    expect(codes({})).toEqual(['organName:required', 'issuedDate:required', 'typeName:required', 'subject:required']);
  });

  it('refuses impossible dates, future arrivals and an issue date after arrival', () => {
    expect(codes({ ...base, issuedDate: '2026-02-30' })).toContain('issuedDate:invalid_date');
    expect(codes({ ...base, issuedDate: '31/02/2026' })).toContain('issuedDate:invalid_date');
    expect(codes({ ...base, arrivalDate: '2026-03-11T08:00' })).toContain('arrivalDate:future_date');
    expect(codes({ ...base, issuedDate: '2026-03-06' })).toContain('issuedDate:issued_after_arrival');
    expect(codes({ ...base, arrivalDate: '2026-13-01' })).toContain('arrivalDate:invalid_datetime');
  });

  it('accepts dates typed the Vietnamese way', () => {
    const { value, errors } = validateIncomingCreate(
      { ...base, issuedDate: '2/3/2026', arrivalDate: '05/03/2026 08:30', dueDate: '15/03/2026' },
      { now },
    );
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ issuedDate: '2026-03-02', arrivalDate: '2026-03-05T08:30:00+07:00', dueDate: '2026-03-15' });
  });

  it('refuses overlong fields with their limits', () => {
    expect(codes({ ...base, organName: 'x'.repeat(201) })).toEqual(['organName:too_long']);
    expect(codes({ ...base, subject: 'ư'.repeat(500) })).toEqual([]);
    expect(codes({ ...base, subject: 'ư'.repeat(501) })).toEqual(['subject:too_long']);
    expect(codes({ ...base, symbol: '123456789012/QĐ-UBND' })).toEqual(['symbol:invalid_symbol']);
  });

  it('refuses unknown enum values, unknown types and unknown fields', () => {
    expect(codes({ ...base, urgency: 'hot' })).toEqual(['urgency:invalid_enum']);
    expect(codes({ ...base, secrecy: 'Mật' })).toEqual([]);
    expect(codes({ ...base, typeName: 'Nghị định' })).toEqual(['typeName:unknown_type']);
    expect(codes({ ...base, organname: 'x' })).toEqual(['organname:unknown_field']);
    expect(codes({ ...base, pageAmount: 0 })).toEqual(['pageAmount:invalid_number']);
    expect(codes({ ...base, pageAmount: 1000 })).toEqual(['pageAmount:invalid_number']);
  });

  it('refuses control characters and NUL bytes', () => {
    expect(codes({ ...base, subject: 'Về việc\u0000 x' })).toEqual(['subject:control_chars']);
    expect(codes({ ...base, organName: 'Sở\u0007' })).toEqual(['organName:control_chars']);
  });

  it('normalises decomposed text to NFC instead of refusing it', () => {
    const nfd = 'Sở Tài chính'.normalize('NFD');
    const { value, errors } = validateIncomingCreate({ ...base, organName: nfd }, { now });
    expect(errors).toEqual([]);
    expect(value.organName).toBe('Sở Tài chính');
    expect(value.organName).toBe(value.organName.normalize('NFC'));
  });

  it('splits the symbol into number and notation', () => {
    expect(splitSymbol('123/QĐ-UBND')).toEqual({ symbol: '123/QĐ-UBND', codeNumber: '123', codeNotation: 'QĐ-UBND' });
    expect(splitSymbol('Số: 144/2025/QĐ-CTUBND')).toMatchObject({ codeNumber: '144', codeNotation: '2025/QĐ-CTUBND' });
  });

  it('refuses changes to the identity of a registered document', () => {
    const { errors } = validateIncomingPatch({ arrivalNumber: 5, register: 'DEN', year: 2020 }, { now });
    expect(errors.map((e) => e.code)).toEqual(['immutable_field', 'immutable_field', 'immutable_field']);
  });
});

describe('Vietnamese text and dates', () => {
  it('folds tone marks and Đ/đ', () => {
    expect(fold('ĐỀ NGHỊ Quảng Ngãi đường')).toBe('de nghi quang ngai duong');
  });
  it('reads local times as Vietnam time and writes +07:00', () => {
    expect(toVnIso(parseInstant('2025-12-31T17:30:00Z')!)).toBe('2026-01-01T00:30:00+07:00');
    expect(toVnIso(parseInstant('2026-01-01')!)).toBe('2026-01-01T00:00:00+07:00');
    // The register year is Vietnam's: it turns at midnight +07:00, not at midnight UTC.
    expect(vnYear(parseInstant('2025-12-31T16:59:59.999Z')!)).toBe(2025);
    expect(vnYear(parseInstant('2025-12-31T17:00:00Z')!)).toBe(2026);
    expect(vnYear(parseInstant('2026-12-31T23:59:59+07:00')!)).toBe(2026);
  });
  it('writes the legal date with Decree 30 padding', () => {
    expect(formatLegalDate('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(formatLegalDate('2020-09-22')).toBe('ngày 22 tháng 9 năm 2020');
  });
  it('matches document type names typed loosely', () => {
    expect(canonicalTypeName('quyet dinh')).toBe('Quyết định');
    expect(canonicalTypeName('Bản thoả thuận')).toBe('Bản thỏa thuận');
    expect(canonicalTypeName('Nghị định')).toBeNull();
  });
});

describe('an import remembering checked values that repeat', () => {
  it('gives every row the answer checking it alone gives, refusals included, each time', () => {
    const repeated: RepeatedTexts = new Map();
    const row = {
      organName: '  Sở Tài   chính ',
      symbol: '12/QĐ-STC',
      issuedDate: '2026-01-05',
      typeName: 'quyết định',
      subject: 'Về việc phân bổ ngân sách',
      signerName: 'Nguyễn Văn A',
      signerPosition: 'Giám đốc',
    };
    const rows = [
      row,
      { ...row, symbol: '13/QĐ-STC' },
      // A refused sender, twice: refused with its error on both rows.
      { ...row, organName: 'Sở\u0007Tài chính' },
      { ...row, organName: 'Sở\u0007Tài chính' },
      { ...row, signerPosition: 'x'.repeat(300) },
      { ...row, signerPosition: 'x'.repeat(300) },
      { ...row, organName: '   ' },
      { ...row, signerName: null, signerPosition: 7 },
      row,
    ];
    const alone = rows.map((r) => validateIncomingCreate(r, { now }));
    expect(rows.map((r) => validateIncomingCreate(r, { now, repeated }))).toEqual(alone);
    expect(alone[0]!.value).toMatchObject({ organName: 'Sở Tài chính', typeName: 'Quyết định' });
    expect(alone[3]!.errors.map((e) => [e.field, e.code])).toEqual([['organName', 'control_chars']]);
    expect(alone[5]!.errors.map((e) => [e.field, e.code])).toEqual([['signerPosition', 'too_long']]);
    // Only values that passed are remembered.
    expect([...repeated.get('organName')!.keys()]).toEqual(['  Sở Tài   chính ']);
  });
});

/**
 * The registration form's values from a capture's suggested fields: what the page said,
 * each field marked as suggested until the clerk confirms it (Enter) or changes it.
 */
import type { CaptureResult } from '../../../shared/domain/capture';
import { formatVnDate } from '../../lib/dates';
import { emptyValues, type FieldName, type FormValues } from '../register-form/formModel';

export interface Prefilled {
  values: FormValues;
  /** The fields filled from the page, in form order. */
  suggested: FieldName[];
  /** Confidence 0..100 of each suggested field. */
  confidence: Partial<Record<FieldName, number>>;
}

export function prefill(result: CaptureResult | undefined, now = Date.now()): Prefilled {
  const values = emptyValues(now);
  const suggested: FieldName[] = [];
  const confidence: Partial<Record<FieldName, number>> = {};
  if (!result) return { values, suggested, confidence };
  const f = result.fields;
  const put = <K extends FieldName>(key: K, value: FormValues[K] | undefined, conf: number | undefined) => {
    if (value === undefined || value === '') return;
    values[key] = value;
    suggested.push(key);
    confidence[key] = Math.round(conf ?? 0);
  };
  put('organName', f.organName?.value, f.organName?.confidence);
  put('symbol', f.symbol?.value, f.symbol?.confidence);
  put('issuedDate', f.issuedDate ? formatVnDate(f.issuedDate.value) : undefined, f.issuedDate?.confidence);
  put('typeName', f.typeName?.value, f.typeName?.confidence);
  put('signerName', f.signerName?.value, f.signerName?.confidence);
  put('subject', f.subject?.value, f.subject?.confidence);
  put('pageAmount', f.pageAmount ? String(f.pageAmount.value) : undefined, f.pageAmount?.confidence);
  if (f.urgency && f.urgency.value !== 'normal') put('urgency', f.urgency.value, f.urgency.confidence);
  if (f.secrecy && f.secrecy.value !== 'normal') put('secrecy', f.secrecy.value, f.secrecy.confidence);
  return { values, suggested, confidence };
}

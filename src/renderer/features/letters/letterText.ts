/**
 * Texts the letters' screens share: how a letter is named, who wrote it as the reader may see
 * it (never guessing at a hidden identity), and where a service error belongs on a form.
 */
import type { LetterListItem, LetterRecord } from '../../../shared/domain/letters';
import type { AppError } from '../../../shared/result';

/** What a denunciation's author reads as for an account without the confidential grant (as the exports write it). */
export const IDENTITY_HIDDEN = 'Được giữ bí mật (đơn tố cáo)';
export const PERSONAL_HIDDEN = 'Không hiển thị (tài khoản không xử lý đơn)';

export const letterNo = (l: { number: number; year: number }) => `${l.number}/${l.year}`;

/** The register's "Người đứng đơn" cell. */
export function senderCell(l: LetterListItem): string {
  if (l.anonymous) return 'Nặc danh';
  if (l.senderName) return l.senderCount > 1 ? `${l.senderName} và ${l.senderCount - 1} người khác` : l.senderName;
  // The list never carries a denunciation's author, whoever looks: the detail shows it to those who may.
  if (l.kind === 'denunciation') return IDENTITY_HIDDEN;
  return PERSONAL_HIDDEN;
}

export function sendersHiddenText(r: LetterRecord): string | null {
  if (r.sendersHidden === 'identity') return IDENTITY_HIDDEN;
  if (r.sendersHidden === 'personal') return PERSONAL_HIDDEN;
  return null;
}

/**
 * The message of an error for one field of a form: the service names the field it refused
 * (`senders[1].idNumber`, `organId`…); the form asks for its own fields by name or prefix.
 */
export function errorFor(error: AppError | null, ...fields: string[]): string | null {
  if (!error?.field) return null;
  return fields.some((f) => error.field === f || error.field!.startsWith(`${f}.`)) ? error.message : null;
}

/** The error shown above a form when no field of it was named. */
export function generalError(error: AppError | null, known: string[]): string | null {
  if (!error) return null;
  if (error.field && known.some((f) => error.field === f || error.field!.startsWith(`${f}.`) || error.field!.startsWith(`${f}[`)))
    return null;
  return error.message;
}

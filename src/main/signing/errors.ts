/**
 * Stable error codes of the signing core. They cross the service boundary unchanged, so
 * the outgoing-document service and the UI can branch on `code`; `message` is for the
 * clerk (Vietnamese). Secrets (passwords, PINs) never appear in either.
 */
import { AppFailure } from '../../shared/result.js';

export type SigningErrorCode =
  // PKCS#12
  | 'invalid_p12'
  | 'wrong_password'
  | 'no_private_key'
  | 'no_certificate'
  | 'unsupported_key'
  // PKCS#11
  | 'pkcs11_library_not_found'
  | 'token_not_found'
  | 'wrong_pin'
  | 'pin_locked'
  | 'key_not_found'
  | 'pkcs11_error'
  // certificate at signing time
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'invalid_certificate'
  // PDF
  | 'not_a_pdf'
  | 'encrypted_pdf'
  | 'document_locked'
  | 'invalid_page'
  | 'invalid_field'
  | 'invalid_image'
  | 'signature_too_large'
  | 'signing_failed';

export function signingFailure(code: SigningErrorCode, message: string, details?: Record<string, unknown>): AppFailure {
  return new AppFailure(details ? { code, message, details } : { code, message });
}

/** Messages that do not depend on context. */
export const MESSAGES = {
  invalid_p12: 'Tệp không phải là tệp chứng thư số PKCS#12 (.p12/.pfx) hợp lệ.',
  wrong_password: 'Mật khẩu của tệp chứng thư số (.p12/.pfx) không đúng.',
  no_private_key: 'Tệp chứng thư số (.p12/.pfx) không chứa khóa bí mật.',
  no_certificate: 'Tệp chứng thư số (.p12/.pfx) không chứa chứng thư số ứng với khóa bí mật.',
  unsupported_key: 'Chỉ hỗ trợ khóa RSA (RSA PKCS#1 v1.5 với SHA-256).',
  wrong_pin: 'Mã PIN của thiết bị ký số không đúng.',
  pin_locked: 'Thiết bị ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép.',
  not_a_pdf: 'Tệp không phải là PDF hợp lệ hoặc đã bị hỏng.',
  encrypted_pdf: 'Tệp PDF đã được mã hóa (đặt mật khẩu); không thể ký hoặc kiểm tra chữ ký.',
  document_locked: 'Văn bản đã được ký chứng nhận (DocMDP) không cho phép thay đổi này; không thể ký thêm hoặc điền số, ngày vào văn bản.',
} as const satisfies Partial<Record<SigningErrorCode, string>>;

/** `dd/mm/yyyy hh:mm` in Vietnam time, for messages. */
export function vnDateTime(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

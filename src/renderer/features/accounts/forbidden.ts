/** A refusal said for people (no imports of the session: the API client uses it). */
import { roleList, sortRoles } from '../../../shared/domain/accounts';
import type { AppError } from '../../../shared/result';

/**
 * A `forbidden` answer that still reaches a screen (the roles changed meanwhile, a row the
 * server hides): said in plain Vietnamese with the roles that would do, without the method's
 * code name. Other errors are returned as they are.
 */
export function explainForbidden(error: AppError): AppError {
  if (error.code !== 'forbidden') return error;
  const needed = (error.details as { needed?: unknown } | undefined)?.needed;
  const roles = Array.isArray(needed) ? sortRoles(needed.filter((r): r is string => typeof r === 'string')) : [];
  const message = roles.length
    ? `Tài khoản của bạn không được làm việc này: cần vai trò ${roleList(roles)}. Nếu cần, hãy nhờ người quản trị cấp thêm vai trò.`
    : 'Tài khoản của bạn không được làm việc này. Nếu cần, hãy nhờ người quản trị cấp thêm quyền.';
  return { ...error, message };
}

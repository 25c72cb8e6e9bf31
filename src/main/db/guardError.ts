/**
 * The archive's rules are kept by the database itself (migrations 0070): a guard trigger
 * refuses a change with the message `vt:<code>`. Both stores turn such a refusal into the
 * coded error the services would have raised, so a rule broken below the services still
 * reaches the user as a clear message, with nothing written (the transaction rolls back).
 */
import { ERROR_MESSAGES, makeError, type ErrorCode } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';

const GUARD = /^vt:([a-z_]+)$/;

export function guardFailure(e: unknown): AppFailure | null {
  const message = (e as { message?: unknown })?.message;
  if (typeof message !== 'string') return null;
  const m = GUARD.exec(message.trim());
  if (!m || !Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, m[1]!)) return null;
  return new AppFailure(makeError(m[1] as ErrorCode, { params: { value: '', year: '' } }));
}

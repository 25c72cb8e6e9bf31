/**
 * A button whose action calls one contract method: disabled, with a tooltip naming the role it
 * needs, when the signed-in person may not call it (src/shared/permissions.ts decides, through
 * useRights). `hideIfDenied` removes it instead (an action whose absence says enough).
 */
import type { ButtonHTMLAttributes } from 'react';
import type { MethodName } from '../../../shared/contract';
import { useRights } from './rights';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  method: MethodName;
  /** The call's input, for the methods whose rule depends on it (signing as the official or the organisation). */
  input?: unknown;
  hideIfDenied?: boolean;
};

export function RightButton({ method, input, hideIfDenied, disabled, title, type = 'button', ...rest }: Props) {
  const why = useRights().why(method, input);
  if (why && hideIfDenied) return null;
  return (
    <button
      type={type}
      {...rest}
      disabled={!!why || disabled}
      title={why ? (title ? `${title} — ${why}` : why) : title}
      data-denied={why ? 'true' : undefined}
    />
  );
}

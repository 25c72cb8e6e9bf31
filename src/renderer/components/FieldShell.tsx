/**
 * Label + control + inline message, wired for screen readers: the label names the control,
 * the message is its description and marks it invalid.
 */
import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  required?: boolean;
  error?: string | null;
  hint?: string;
  className?: string;
  /** Shown beside the label (e.g. «gợi ý»: the value was read from a scan), outside the label's text. */
  badge?: ReactNode;
  children: ReactNode;
}

export const errorId = (id: string) => `${id}-error`;
export const hintId = (id: string) => `${id}-hint`;

/** aria props for the control inside a FieldShell. */
export function describedBy(id: string, error?: string | null, hint?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const ids = [error ? errorId(id) : null, hint ? hintId(id) : null].filter(Boolean).join(' ');
  return { ...(error ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
}

export function FieldShell({ id, label, required, error, hint, className, badge, children }: Props) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      {/* The required mark is drawn by CSS so the label's text stays exactly the field's name. */}
      <label htmlFor={id} className={`field-label${required ? ' required' : ''}`}>
        {label}
      </label>
      {badge}
      {children}
      {error ? (
        <div className="field-error" id={errorId(id)} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint" id={hintId(id)}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

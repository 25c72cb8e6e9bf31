/**
 * A date typed the Vietnamese way (dd/mm/yyyy; also d/m, d/m/yy — the year is completed on
 * leaving the field) with a calendar button beside it. Alt+↓ or F4 opens the calendar.
 * With `withTime`, the text carries a time too ("05/01/2026 08:30"); picking a day keeps it.
 */
import { useCallback, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { formatVnDate, parseVnDate, parseVnDateTime } from '../lib/dates';
import { CalendarPopup } from './CalendarPopup';
import { FieldShell, describedBy } from './FieldShell';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(text: string): void;
  onBlur?(): void;
  error?: string | null;
  required?: boolean;
  withTime?: boolean;
  className?: string;
  /** Beside the label (FieldShell's badge). */
  badge?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
  readOnly?: boolean;
}

/** Completes a partly typed date for display: "5/1" → "05/01/2026"; leaves unreadable text alone. */
export function tidyDateText(text: string, withTime: boolean): string {
  if (!text.trim()) return '';
  const iso = withTime ? parseVnDateTime(text) : parseVnDate(text);
  if (!iso) return text;
  const date = formatVnDate(iso);
  const time = iso.length > 10 ? ` ${iso.slice(11, 16)}` : '';
  return date + time;
}

export function DateField({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
  required,
  withTime = false,
  className,
  badge,
  inputRef,
  inputProps,
  readOnly,
}: Props) {
  const [open, setOpen] = useState(false);
  const iso = withTime ? parseVnDateTime(value) : parseVnDate(value);
  const current = iso ? iso.slice(0, 10) : null;

  const close = useCallback(() => {
    setOpen(false);
    document.getElementById(id)?.focus();
  }, [id]);

  const pick = (picked: string) => {
    // Picking a day keeps the time already typed.
    const time = withTime && iso && iso.length > 10 ? ` ${iso.slice(11, 16)}` : '';
    onChange(formatVnDate(picked) + time);
    close();
  };

  return (
    <FieldShell id={id} label={label} required={required} error={error} className={className} badge={badge}>
      <div className="date-field">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder={withTime ? 'ngày/tháng/năm giờ:phút' : 'ngày/tháng/năm'}
          value={value}
          readOnly={readOnly}
          ref={inputRef}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => {
            const tidy = tidyDateText(value, withTime);
            if (tidy !== value) onChange(tidy);
            onBlur?.();
          }}
          onKeyDown={(e) => {
            if ((e.altKey && e.key === 'ArrowDown') || e.key === 'F4') {
              e.preventDefault();
              if (!readOnly) setOpen(true);
            }
          }}
          aria-required={required || undefined}
          {...describedBy(id, error)}
          {...inputProps}
        />
        <button
          type="button"
          className="icon-btn cal-btn"
          tabIndex={-1}
          aria-label={`Mở lịch chọn ${label.toLowerCase()}`}
          title="Chọn trên lịch (Alt+↓)"
          disabled={readOnly}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.3" />
          </svg>
        </button>
        {open ? <CalendarPopup value={current} label={label} onPick={pick} onClose={close} /> : null}
      </div>
    </FieldShell>
  );
}

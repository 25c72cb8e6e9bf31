/**
 * A text field with suggestions (ARIA 1.2 combobox with a listbox popup). Free text is
 * always allowed; ↓/↑ move through suggestions, Enter takes the highlighted one (and lets
 * the form move on), Esc closes the list. Suggestions may come from the server (async).
 */
import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { FieldShell, describedBy } from './FieldShell';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(text: string): void;
  onBlur?(): void;
  /** Suggestions for the typed text (may be async); called on every change, debounced. */
  suggest(text: string): Promise<string[]> | string[];
  /** Highlight the first suggestion so Enter takes it (closed lists, e.g. document types). */
  autoHighlight?: boolean;
  error?: string | null;
  required?: boolean;
  className?: string;
  /** Beside the label (FieldShell's badge). */
  badge?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
  debounceMs?: number;
  /** Called after a suggestion was taken with Enter (the form moves to the next field). */
  onCommit?(): void;
}

export function Combobox({
  id,
  label,
  value,
  onChange,
  onBlur,
  suggest,
  autoHighlight = false,
  error,
  required,
  className,
  badge,
  inputRef,
  inputProps,
  debounceMs = 80,
  onCommit,
}: Props) {
  const [options, setOptions] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const seq = useRef(0);
  const typed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const show = (text: string, list: string[]) => {
    const shown = list.filter((o) => o !== text || list.length > 1).slice(0, 10);
    setOptions(shown);
    setOpen(shown.length > 0);
    setActive(autoHighlight && text.trim() && shown.length ? 0 : -1);
  };

  const refresh = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const my = ++seq.current;
    // Local lists (document types) answer at once, so a fast typist's Enter already sees them.
    const immediate = debounceMs === 0 ? suggest(text) : null;
    if (Array.isArray(immediate)) return show(text, immediate);
    timer.current = setTimeout(async () => {
      const list = await (immediate ?? suggest(text));
      if (my !== seq.current || !typed.current) return;
      show(text, list);
    }, debounceMs);
  };

  const take = (option: string) => {
    onChange(option);
    setOpen(false);
    setActive(-1);
    typed.current = false;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) {
        typed.current = true;
        refresh(value);
        return;
      }
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => Math.max(-1, a - 1));
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && open && active >= 0 && options[active] !== undefined) {
      // Take the suggestion; the form's Enter handler then moves on.
      take(options[active]!);
      onCommit?.();
    }
  };

  return (
    <FieldShell id={id} label={label} required={required} error={error} className={className} badge={badge}>
      <div className="combo">
        <input
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          ref={inputRef}
          onChange={(e) => {
            typed.current = true;
            onChange(e.target.value);
            refresh(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            seq.current++;
            typed.current = false;
            setOpen(false);
            setActive(-1);
            onBlur?.();
          }}
          aria-required={required || undefined}
          {...describedBy(id, error)}
          {...inputProps}
        />
        <ul id={listId} role="listbox" aria-label={`Gợi ý: ${label}`} className="combo-list" hidden={!open}>
          {options.map((o, i) => (
            <li
              key={o}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                take(o);
              }}
            >
              {o}
            </li>
          ))}
        </ul>
      </div>
    </FieldShell>
  );
}

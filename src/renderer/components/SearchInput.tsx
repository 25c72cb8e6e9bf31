/**
 * The search box of a list: a magnifier, a search input named by a hidden label, Esc clears
 * the text, ↓ moves focus to the list (`downTo`, a selector).
 */
import type { Ref } from 'react';

interface Props {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onInput(text: string): void;
  /** Selector of the element ↓ focuses. */
  downTo: string;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export function SearchInput({ id, label, placeholder, value, onInput, downTo, disabled, inputRef }: Props) {
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <svg className="search-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M11 11l3.5 3.5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <input
        id={id}
        ref={inputRef}
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        onChange={(e) => onInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onInput('');
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            document.querySelector<HTMLElement>(downTo)?.focus();
          }
        }}
      />
    </div>
  );
}

/**
 * "Tìm kiếm": search as you type. The first keystroke after a pause searches at once; keys
 * typed in quick succession are gathered and searched 120 ms after the last one, so a fast
 * typist causes one request, not one per letter. Matching (diacritics, Đ) is the server's.
 */
import { useEffect, useRef, useState } from 'react';
import { SearchInput } from '../../components/SearchInput';
import { useApp } from '../../stores/appStore';
import { useRegisterList } from '../../stores/registerListStore';

export const SEARCH_DEBOUNCE_MS = 120;

export function SearchBox() {
  const query = useRegisterList((s) => s.filters.query);
  const setFilters = useRegisterList((s) => s.setFilters);
  const ready = useRegisterList((s) => s.total !== null || s.error !== null);
  const focusTick = useApp((s) => s.focusSearchTick);
  const [text, setText] = useState(query);
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<string | null>(null);

  // Filters reset elsewhere ("Xóa điều kiện") clear the box too.
  useEffect(() => {
    if (pending.current === null) setText(query);
  }, [query]);

  useEffect(() => {
    if (focusTick > 0) {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  }, [focusTick]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const fire = (q: string) => setFilters({ query: q });

  const cooldown = () => {
    timer.current = setTimeout(() => {
      timer.current = null;
      if (pending.current !== null) {
        const q = pending.current;
        pending.current = null;
        fire(q);
        cooldown();
      }
    }, SEARCH_DEBOUNCE_MS);
  };

  const onInput = (q: string) => {
    setText(q);
    if (timer.current === null) {
      fire(q);
      cooldown();
    } else {
      pending.current = q;
      clearTimeout(timer.current);
      cooldown();
    }
  };

  return (
    <SearchInput
      id="search-input"
      label="Tìm kiếm"
      placeholder="Tìm theo trích yếu, cơ quan, số ký hiệu, người ký… (Ctrl+F)"
      value={text}
      onInput={onInput}
      downTo='[data-testid="register-rows"]'
      disabled={!ready}
      inputRef={inputRef}
    />
  );
}

/**
 * A small month calendar that pops up beside a date field. Vietnamese month and weekday
 * names, weeks from Monday. Keyboard: arrows move a day/week, PageUp/PageDown a month
 * (with Shift a year), Home/End the start/end of the week, Enter or Space pick, Esc closes.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { VN_MONTHS, VN_WEEKDAYS_LONG, VN_WEEKDAYS_SHORT, daysIn, isoOf, vnNow, weekdayMon0 } from '../lib/dates';
import { isValidDate } from '../../shared/text/dates';

interface Props {
  /** Currently chosen date (YYYY-MM-DD) or null. */
  value: string | null;
  label: string;
  onPick(iso: string): void;
  onClose(): void;
}

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function shift(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function shiftMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return isoOf(ny, nm, Math.min(d, daysIn(ny, nm)));
}

export function CalendarPopup({ value, label, onPick, onClose }: Props) {
  const today = vnNow().date;
  const [focus, setFocus] = useState<string>(value && isValidDate(value) ? value : today);
  const gridRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [y, m] = parts(focus);

  useLayoutEffect(() => {
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-iso="${focus}"]`)?.focus();
  }, [focus]);

  // Clicking elsewhere closes the calendar.
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => shift(focus, -1),
      ArrowRight: () => shift(focus, 1),
      ArrowUp: () => shift(focus, -7),
      ArrowDown: () => shift(focus, 7),
      PageUp: () => shiftMonths(focus, e.shiftKey ? -12 : -1),
      PageDown: () => shiftMonths(focus, e.shiftKey ? 12 : 1),
      Home: () => shift(focus, -weekdayMon0(...parts(focus))),
      End: () => shift(focus, 6 - weekdayMon0(...parts(focus))),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      e.stopPropagation();
      setFocus(move());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onPick(focus);
    } else if (e.key === 'Tab') {
      // Keep Tab inside: the month buttons and the grid.
      const focusables = rootRef.current?.querySelectorAll<HTMLElement>('button[tabindex="0"], .cal-nav button');
      if (!focusables || focusables.length === 0) return;
      const list = [...focusables];
      const i = list.indexOf(document.activeElement as HTMLElement);
      e.preventDefault();
      list[(i + (e.shiftKey ? -1 : 1) + list.length) % list.length]?.focus();
    }
  };

  const first = weekdayMon0(y, m, 1);
  const count = daysIn(y, m);
  const cells: (number | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: count }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const title = `${VN_MONTHS[m - 1]} năm ${y}`;

  return (
    <div className="calendar" role="dialog" aria-modal="false" aria-label={`Chọn ngày: ${label}`} ref={rootRef} onKeyDown={onKeyDown}>
      <div className="cal-nav">
        <button type="button" className="icon-btn" aria-label="Tháng trước" onClick={() => setFocus(shiftMonths(focus, -1))}>
          ‹
        </button>
        <div className="cal-title" aria-live="polite">
          {title}
        </div>
        <button type="button" className="icon-btn" aria-label="Tháng sau" onClick={() => setFocus(shiftMonths(focus, 1))}>
          ›
        </button>
      </div>
      <div role="grid" aria-label={title} ref={gridRef} className="cal-grid">
        <div role="row" className="cal-row">
          {VN_WEEKDAYS_SHORT.map((d, i) => (
            <div role="columnheader" key={d} className="cal-wd" title={VN_WEEKDAYS_LONG[i]} aria-label={VN_WEEKDAYS_LONG[i]}>
              {d}
            </div>
          ))}
        </div>
        {weeks.map((week, wi) => (
          <div role="row" className="cal-row" key={wi}>
            {week.map((d, di) => {
              if (d === null) return <div role="gridcell" key={di} className="cal-empty" />;
              const iso = isoOf(y, m, d);
              const selected = iso === value;
              return (
                <div role="gridcell" key={di} aria-selected={selected}>
                  <button
                    type="button"
                    data-iso={iso}
                    tabIndex={iso === focus ? 0 : -1}
                    className={`cal-day${selected ? ' selected' : ''}${iso === today ? ' today' : ''}${di === 6 ? ' sunday' : ''}`}
                    aria-label={`${VN_WEEKDAYS_LONG[di]}, ngày ${d} ${VN_MONTHS[m - 1]!.toLowerCase()} năm ${y}`}
                    aria-current={iso === today ? 'date' : undefined}
                    onClick={() => onPick(iso)}
                  >
                    {d}
                  </button>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div className="cal-foot">
        <button type="button" className="link-btn" onClick={() => onPick(today)}>
          Hôm nay
        </button>
        <span className="cal-hint">←↑→↓ · PgUp/PgDn · Enter</span>
      </div>
    </div>
  );
}

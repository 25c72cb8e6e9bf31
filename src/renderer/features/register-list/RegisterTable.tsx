/**
 * "Sổ văn bản đến" as a virtual table with the Appendix IV columns. Only the rows on screen
 * exist in the DOM; their data is fetched page by page as they come into view (see
 * registerListStore). Keyboard: ↑/↓, PgUp/PgDn (Space, Shift+Space), Home/End move the
 * current row, Enter opens it.
 *
 * Rows have one fixed height, so which rows are on screen is arithmetic; the list scales its
 * scrolling past the browser's height limit (see scaledScroll): a million rows scroll, by
 * wheel, keys or scrollbar, to the last one.
 */
import type { ContentHit } from '../../../shared/domain/capture';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { SecrecyBadge, StatusBadge, UrgencyBadge } from '../../components/Badges';
import { Highlighted } from '../../components/Highlighted';
import { formatVnDate } from '../../lib/dates';
import { formatCount } from '../../lib/format';
import { queryWords } from '../../lib/highlight';
import { useApp } from '../../stores/appStore';
import { effectiveSort, hasActiveFilters, numberOrderAvailable, useRegisterList } from '../../stores/registerListStore';
import { useRights } from '../accounts/rights';
import {
  MAX_SPACE,
  clampOffset,
  offsetForScrollTop,
  offsetShowing,
  rowsInView,
  scrollGeometry,
  scrollTopForOffset,
  wheelPixels,
  type ScrollGeometry,
} from './scaledScroll';

export const ROW_HEIGHT = 48;

const COLUMNS = [
  { key: 'number', label: 'Số đến' },
  { key: 'arrival', label: 'Ngày đến' },
  { key: 'organ', label: 'Tác giả' },
  { key: 'symbol', label: 'Số, ký hiệu' },
  { key: 'issued', label: 'Ngày văn bản' },
  { key: 'subject', label: 'Tên loại và trích yếu nội dung' },
  { key: 'to', label: 'Đơn vị, người nhận' },
  { key: 'note', label: 'Ghi chú' },
] as const;

interface RowProps {
  rec: IncomingRecord | undefined;
  index: number;
  words: readonly string[];
  active: boolean;
  flash: boolean;
  /** Found by its files' text: the matching line and its page. */
  hit?: ContentHit;
  onOpen(id: number): void;
  onActivate(index: number): void;
}

const Row = memo(function Row({ rec, index, words, active, flash, hit, onOpen, onActivate }: RowProps) {
  if (!rec) {
    return (
      <div role="row" aria-rowindex={index + 2} className="grid-row placeholder" aria-busy="true">
        <div role="cell" className="cell">
          <span className="skeleton" />
        </div>
        <div role="cell" className="cell span-rest">
          <span className="skeleton wide" />
        </div>
      </div>
    );
  }
  const voided = rec.status === 'voided';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      data-id={rec.id}
      data-number={rec.arrivalNumber}
      className={`grid-row${active ? ' active' : ''}${voided ? ' voided' : ''}${flash ? ' flash' : ''}`}
      onClick={() => onActivate(index)}
      onDoubleClick={() => onOpen(rec.id)}
    >
      <div role="cell" className="cell num">
        <button type="button" className="link-btn num-link" tabIndex={-1} onClick={() => onOpen(rec.id)} title="Mở văn bản">
          {rec.arrivalNumber}
        </button>
        {rec.register !== 'DEN' ? <span className="reg-tag">{rec.register}</span> : null}
      </div>
      <div role="cell" className="cell">
        <div>{formatVnDate(rec.arrivalDate)}</div>
        <div className="muted small">{rec.arrivalDate.slice(11, 16)}</div>
      </div>
      <div role="cell" className="cell clamp">
        <Highlighted text={rec.organName} words={words} />
      </div>
      <div role="cell" className="cell clamp mono-ish">
        <Highlighted text={rec.symbol ?? ''} words={words} />
      </div>
      <div role="cell" className="cell">
        {formatVnDate(rec.issuedDate)}
      </div>
      <div role="cell" className={`cell subject${hit ? ' with-hit' : ' clamp'}`}>
        <span className={hit ? 'subject-line' : undefined}>
          <span className="badges">
            <StatusBadge status={rec.status} />
            <UrgencyBadge urgency={rec.urgency} />
            <SecrecyBadge secrecy={rec.secrecy} />
          </span>
          <strong className="type-name">{rec.typeName}</strong>{' '}
          <span className={voided ? 'struck' : undefined}>
            <Highlighted text={rec.subject} words={words} />
          </span>
        </span>
        {hit ? (
          <span className="content-hit" data-testid="content-hit" title={`${hit.fileName}, trang ${hit.page}: ${hit.line}`}>
            Trang {hit.page} · <Highlighted text={hit.line} words={words} />
          </span>
        ) : null}
      </div>
      <div role="cell" className="cell clamp">
        <Highlighted text={rec.toPlaces ?? ''} words={words} />
      </div>
      <div role="cell" className="cell clamp muted">
        {voided && rec.voidReason ? `Hủy: ${rec.voidReason}` : <Highlighted text={rec.description ?? ''} words={words} />}
      </div>
    </div>
  );
});

/** Rows drawn beyond each edge of the viewport. */
const OVERSCAN = 10;
/** Rows keep their place in the layer of rows across this many rows of scrolling. */
const ANCHOR_ROWS = 10_000;

/**
 * The scroll space's cap. Tests may lower it (window.__VANTHU_LIST_MAX_SPACE__, set before the
 * page loads) to exercise the scaled mapping without building a million rows; never raise it.
 */
function maxSpace(): number {
  const hook = (globalThis as { __VANTHU_LIST_MAX_SPACE__?: unknown }).__VANTHU_LIST_MAX_SPACE__;
  return typeof hook === 'number' && hook >= 1000 && hook < MAX_SPACE ? hook : MAX_SPACE;
}

/** Where the list is: the content offset and the scrollTop it was drawn for. */
interface View {
  offset: number;
  scrollTop: number;
}

function rowIndexes(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

export function RegisterTable() {
  const registers = useRights().can('incoming.add');
  const total = useRegisterList((s) => s.total);
  const reachable = useRegisterList((s) => s.reachable);
  const loading = useRegisterList((s) => s.loading);
  const error = useRegisterList((s) => s.error);
  const version = useRegisterList((s) => s.version);
  const generation = useRegisterList((s) => s.generation);
  const answeredQuery = useRegisterList((s) => s.answeredQuery);
  const flashId = useRegisterList((s) => s.flashId);
  const filters = useRegisterList((s) => s.filters);
  const sort = useRegisterList((s) => s.sort);
  const setSort = useRegisterList((s) => s.setSort);
  const ensureRange = useRegisterList((s) => s.ensureRange);
  const rowAt = useRegisterList((s) => s.rowAt);
  const contentHitFor = useRegisterList((s) => s.contentHitFor);
  const hitFor = (id: number | undefined) => (id === undefined ? undefined : contentHitFor(id));
  const openDetail = useApp((s) => s.openDetail);
  const focusForm = useApp((s) => s.focusForm);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const [scrollbar, setScrollbar] = useState(12);
  const [viewport, setViewport] = useState(0);
  const [view, setView] = useState<View>({ offset: 0, scrollTop: 0 });
  const viewRef = useRef<View>(view);
  /** The scrollTop the list set itself: its scroll event is an echo, not the user moving the thumb. */
  const ownScrollTop = useRef<number | null>(null);
  // The header sits outside the scrolling body: pad it by the scrollbar's width so columns line up.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setScrollbar(el.offsetWidth - el.clientWidth);
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const count = reachable ?? total ?? 0;
  const words = useMemo(() => queryWords(answeredQuery), [answeredQuery]);
  const eff = effectiveSort(filters, sort);
  const geo = useMemo(() => scrollGeometry(count, ROW_HEIGHT, viewport, maxSpace()), [count, viewport]);
  const geoRef = useRef<ScrollGeometry>(geo);
  geoRef.current = geo;

  const show = useCallback((v: View) => {
    viewRef.current = v;
    setView(v);
  }, []);

  /** Moves the content to `offset` and the thumb with it. */
  const scrollToOffset = useCallback(
    (offset: number) => {
      const g = geoRef.current;
      const el = scrollRef.current;
      const o = clampOffset(g, offset);
      let top = scrollTopForOffset(g, o);
      if (el) {
        el.scrollTop = top;
        top = el.scrollTop; // as the browser rounded it
        ownScrollTop.current = top;
      }
      show({ offset: o, scrollTop: top });
    },
    [show],
  );

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    if (ownScrollTop.current !== null && Math.abs(top - ownScrollTop.current) < 1) return;
    ownScrollTop.current = null;
    // The user moved the thumb (or scrolled natively below the cap): the content follows it.
    show({ offset: offsetForScrollTop(geoRef.current, top), scrollTop: top });
  }, [show]);

  // Scaled, the wheel moves the content by its own pixels (not by scaled scroll pixels).
  // A native listener: React's wheel listener is passive and cannot prevent the native scroll.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const g = geoRef.current;
      if (g.ratio === 1 || e.ctrlKey || e.deltaY === 0) return;
      e.preventDefault();
      scrollToOffset(viewRef.current.offset + wheelPixels(g, e.deltaY, e.deltaMode));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scrollToOffset]);

  // A new size (rows arrived, window resized): keep the content where it is, thumb in step.
  useLayoutEffect(() => {
    const v = viewRef.current;
    if (clampOffset(geo, v.offset) !== v.offset || Math.abs(scrollTopForOffset(geo, v.offset) - v.scrollTop) >= 1) scrollToOffset(v.offset);
  }, [geo, scrollToOffset]);

  const { first: firstIndex, last: lastIndex } = rowsInView(geo, count, view.offset, OVERSCAN);
  /** The row the layer of rows is measured from: it changes once in ANCHOR_ROWS rows, not at every step. */
  const anchor = firstIndex - (firstIndex % ANCHOR_ROWS);

  useEffect(() => {
    ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, ensureRange, generation]);

  // A new question starts at the top.
  useEffect(() => {
    scrollToOffset(0);
    setActive(-1);
  }, [generation, scrollToOffset]);

  const moveTo = (i: number) => {
    const clamped = Math.max(0, Math.min(count - 1, i));
    setActive(clamped);
    const o = offsetShowing(geo, viewRef.current.offset, clamped);
    if (o !== viewRef.current.offset) scrollToOffset(o);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor((viewport || 480) / ROW_HEIGHT) - 1);
    // With no current row yet, keys start from the first row on screen.
    const from = active >= 0 ? active : Math.min(count - 1, Math.ceil(viewRef.current.offset / ROW_HEIGHT));
    // Space pages like PageDown (Shift: up) on the list itself, as the browser would natively;
    // on a button inside a row it stays the button's.
    const space = e.key === ' ' && e.target === e.currentTarget;
    const key = space ? (e.shiftKey ? 'PageUp' : 'PageDown') : e.key;
    const moves: Record<string, number> = {
      ArrowDown: active >= 0 ? from + 1 : from,
      ArrowUp: active >= 0 ? from - 1 : from,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: count - 1,
    };
    if (key in moves && !e.altKey) {
      e.preventDefault();
      moveTo(moves[key]!);
    } else if (e.key === 'Enter' && active >= 0) {
      const rec = rowAt(active);
      if (rec) {
        e.preventDefault();
        openDetail(rec.id);
      }
    }
  };

  const sortHeader = (key: string) => {
    if (key === 'number') {
      const available = numberOrderAvailable(filters);
      return {
        sortable: true,
        current: eff === 'number',
        title: available ? 'Sắp xếp theo số đến (thứ tự trong sổ)' : 'Chọn một sổ và một năm (không lọc thêm) để xếp theo số đến',
        disabled: !available,
        onClick: () => setSort('number'),
      };
    }
    if (key === 'arrival') {
      return {
        sortable: true,
        current: eff === 'date',
        title: 'Sắp xếp theo ngày đến, mới nhất trước',
        disabled: false,
        onClick: () => setSort('date'),
      };
    }
    return null;
  };

  const empty = !loading && !error && count === 0;
  const filtered = hasActiveFilters(filters);
  void version; // rows are read from the store by index; `version` re-renders when they arrive

  return (
    <div className="register-table">
      <div role="table" aria-label="Sổ văn bản đến" aria-rowcount={count + 1} aria-busy={loading} className="grid">
        <div role="rowgroup" className="grid-head" style={{ paddingRight: scrollbar }}>
          <div role="row" aria-rowindex={1} className="grid-row head">
            {COLUMNS.map((c) => {
              const s = sortHeader(c.key);
              return (
                <div
                  role="columnheader"
                  key={c.key}
                  className={`cell${c.key === 'number' ? ' num' : ''}`}
                  aria-sort={s?.current ? 'descending' : undefined}
                >
                  {s ? (
                    <button type="button" className="sort-btn" title={s.title} disabled={s.disabled} onClick={s.onClick}>
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">
                        {s.current ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div
          ref={scrollRef}
          role="rowgroup"
          className="grid-body"
          tabIndex={0}
          aria-label="Danh sách văn bản đến (↑↓ chọn, Enter mở)"
          onKeyDown={onKeyDown}
          onScroll={onScroll}
          onFocus={() => active < 0 && count > 0 && setActive(Math.min(count - 1, Math.ceil(viewRef.current.offset / ROW_HEIGHT)))}
          data-testid="register-rows"
          data-total={total ?? ''}
          data-query={answeredQuery}
          data-loading={loading ? 'true' : 'false'}
          data-scaled={geo.ratio > 1 ? 'true' : 'false'}
        >
          {loading && total === null ? (
            <div className="table-state">Đang tải sổ văn bản…</div>
          ) : empty ? (
            <div className="table-state empty-state">
              {filtered ? (
                <>
                  <p>Không có văn bản nào khớp điều kiện tìm kiếm.</p>
                  <button type="button" className="btn" onClick={() => useRegisterList.getState().resetFilters()}>
                    Xóa điều kiện tìm kiếm
                  </button>
                </>
              ) : (
                <>
                  {registers ? (
                    <>
                      <p>
                        Chưa có văn bản nào. Nhấn <kbd>Ctrl</kbd>+<kbd>N</kbd> để vào sổ văn bản đầu tiên.
                      </p>
                      <button type="button" className="btn" onClick={focusForm}>
                        Vào sổ văn bản
                      </button>
                    </>
                  ) : (
                    <p>Chưa có văn bản nào bạn được xem.</p>
                  )}
                </>
              )}
            </div>
          ) : error && count === 0 ? (
            <div className="table-state error-state">{error}</div>
          ) : (
            // The spacer clips its rows: one drawn past its end would lengthen the scroll range.
            // Rows sit still inside one layer that moves as a whole, so a scaled scroll step
            // moves a layer instead of re-laying-out and repainting every row.
            <div className="row-space" style={{ height: geo.space }}>
              <div className="row-window" style={{ transform: `translateY(${anchor * ROW_HEIGHT - view.offset + view.scrollTop}px)` }}>
                {rowIndexes(firstIndex, lastIndex).map((index) => (
                  <div
                    key={index}
                    className="row-slot"
                    style={{ height: ROW_HEIGHT, transform: `translateY(${(index - anchor) * ROW_HEIGHT}px)` }}
                  >
                    <Row
                      rec={rowAt(index)}
                      index={index}
                      words={words}
                      active={index === active}
                      flash={flashId !== null && rowAt(index)?.id === flashId}
                      hit={hitFor(rowAt(index)?.id)}
                      onOpen={openDetail}
                      onActivate={setActive}
                    />
                  </div>
                ))}
              </div>
            </div>
          )}
        </div>
      </div>
      {reachable !== null && total !== null && reachable < total ? (
        <div className="table-foot muted small">
          Hiển thị {formatCount(reachable)} kết quả phù hợp nhất trong {formatCount(total)}; xếp theo ngày đến để xem tất cả.
        </div>
      ) : null}
    </div>
  );
}

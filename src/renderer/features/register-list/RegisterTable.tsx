/**
 * "Sổ văn bản đến" as a virtual table with the Appendix IV columns. Only the rows on screen
 * exist in the DOM; their data is fetched page by page as they come into view (see
 * registerListStore). Keyboard: ↑/↓, PgUp/PgDn, Home/End move the current row, Enter opens it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { IncomingRecord } from '../../../shared/domain/incoming';
import { SecrecyBadge, StatusBadge, UrgencyBadge } from '../../components/Badges';
import { Highlighted } from '../../components/Highlighted';
import { formatVnDate } from '../../lib/dates';
import { formatCount } from '../../lib/format';
import { queryWords } from '../../lib/highlight';
import { useApp } from '../../stores/appStore';
import { effectiveSort, hasActiveFilters, numberOrderAvailable, useRegisterList } from '../../stores/registerListStore';

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
  onOpen(id: number): void;
  onActivate(index: number): void;
}

const Row = memo(function Row({ rec, index, words, active, flash, onOpen, onActivate }: RowProps) {
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
      <div role="cell" className="cell clamp subject">
        <span className="badges">
          <StatusBadge status={rec.status} />
          <UrgencyBadge urgency={rec.urgency} />
          <SecrecyBadge secrecy={rec.secrecy} />
        </span>
        <strong className="type-name">{rec.typeName}</strong>{' '}
        <span className={voided ? 'struck' : undefined}>
          <Highlighted text={rec.subject} words={words} />
        </span>
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

export function RegisterTable() {
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
  const openDetail = useApp((s) => s.openDetail);
  const focusForm = useApp((s) => s.focusForm);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const [scrollbar, setScrollbar] = useState(12);
  // The header sits outside the scrolling body: pad it by the scrollbar's width so columns line up.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el) setScrollbar(el.offsetWidth - el.clientWidth);
  }, []);
  const count = reachable ?? total ?? 0;
  const words = useMemo(() => queryWords(answeredQuery), [answeredQuery]);
  const eff = effectiveSort(filters, sort);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, ensureRange, generation]);

  // A new question starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActive(-1);
  }, [generation]);

  const moveTo = (i: number) => {
    const clamped = Math.max(0, Math.min(count - 1, i));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 480) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: count - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
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
          onFocus={() => active < 0 && count > 0 && setActive(0)}
          data-testid="register-rows"
          data-total={total ?? ''}
          data-query={answeredQuery}
          data-loading={loading ? 'true' : 'false'}
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
                  <p>
                    Chưa có văn bản nào. Nhấn <kbd>Ctrl</kbd>+<kbd>N</kbd> để vào sổ văn bản đầu tiên.
                  </p>
                  <button type="button" className="btn" onClick={focusForm}>
                    Vào sổ văn bản
                  </button>
                </>
              )}
            </div>
          ) : error && count === 0 ? (
            <div className="table-state error-state">{error}</div>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
              {items.map((vi) => (
                <div
                  key={vi.key}
                  className="row-slot"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: vi.size, transform: `translateY(${vi.start}px)` }}
                >
                  <Row
                    rec={rowAt(vi.index)}
                    index={vi.index}
                    words={words}
                    active={vi.index === active}
                    flash={flashId !== null && rowAt(vi.index)?.id === flashId}
                    onOpen={openDetail}
                    onActivate={setActive}
                  />
                </div>
              ))}
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

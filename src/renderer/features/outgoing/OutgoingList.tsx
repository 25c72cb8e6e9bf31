/**
 * "Sổ văn bản đi": newest first, filtered by status, register and year; the search box
 * asks `outgoing.search` (words without diacritics match too). ↑/↓ move between rows,
 * Enter opens one.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OutgoingRecord } from '../../../shared/domain/outgoing';
import { SecrecyBadge, UrgencyBadge } from '../../components/Badges';
import { SearchInput } from '../../components/SearchInput';
import { formatVnDate } from '../../lib/dates';
import { formatCount } from '../../lib/format';
import { useApp } from '../../stores/appStore';
import { STATUS_CHOICES } from './model';
import { useOutgoing } from './outgoingStore';
import { OutgoingStatusBadge } from './StatusBadge';
import { RightButton } from '../accounts/RightButton';

function SearchField() {
  const query = useOutgoing((s) => s.filters.query);
  const tick = useOutgoing((s) => s.focusSearchTick);
  const [text, setText] = useState(query);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => {
    if (tick > 0) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [tick]);
  const onInput = (q: string) => {
    setText(q);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => useOutgoing.getState().setFilters({ query: q }), 200);
  };
  return (
    <SearchInput
      id="out-search"
      label="Tìm văn bản đi"
      placeholder="Tìm theo trích yếu, số ký hiệu, người ký… (Ctrl+F)"
      value={text}
      onInput={onInput}
      downTo=".out-row"
      inputRef={ref}
    />
  );
}

function Row({ rec, onOpen }: { rec: OutgoingRecord; onOpen(id: number): void }) {
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    const row = e.currentTarget;
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(rec.id);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      (row.nextElementSibling as HTMLElement | null)?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      const prev = row.previousElementSibling as HTMLElement | null;
      if (prev) prev.focus();
      else document.getElementById('out-search')?.focus();
    }
  };
  return (
    <tr
      className="out-row"
      tabIndex={0}
      data-id={rec.id}
      data-status={rec.status}
      onDoubleClick={() => onOpen(rec.id)}
      onKeyDown={onKeyDown}
    >
      <td className="out-symbol">{rec.symbol ? <strong>{rec.symbol}</strong> : <span className="muted">(chưa cấp số)</span>}</td>
      <td className="out-date">{rec.issuedDate ? formatVnDate(rec.issuedDate) : <span className="muted">—</span>}</td>
      <td>
        <span className="badges">
          <UrgencyBadge urgency={rec.urgency} />
          <SecrecyBadge secrecy={rec.secrecy} />
        </span>
        <span className="type-name">{rec.typeName}</span>{' '}
        <button type="button" className="link-btn out-subject" tabIndex={-1} onClick={() => onOpen(rec.id)}>
          {rec.subject || '(chưa có trích yếu)'}
        </button>
      </td>
      <td>
        {rec.signerName}
        {rec.signerPosition ? <div className="muted small">{rec.signerPosition}</div> : null}
      </td>
      <td>{rec.draftingUnit}</td>
      <td>
        <OutgoingStatusBadge status={rec.status} />
      </td>
    </tr>
  );
}

export function OutgoingList() {
  const info = useApp((s) => s.info);
  const filters = useOutgoing((s) => s.filters);
  const items = useOutgoing((s) => s.items);
  const loading = useOutgoing((s) => s.loading);
  const error = useOutgoing((s) => s.error);
  const total = useOutgoing((s) => s.total);
  const nextCursor = useOutgoing((s) => s.nextCursor);
  const { setFilters, show, loadMore } = useOutgoing.getState();
  const registers = (info?.registers ?? []).filter((r) => r.direction === 'outgoing');
  const open = (id: number) => show({ name: 'detail', id });
  const filtered = !!(filters.status || filters.register || filters.year || filters.query.trim());

  return (
    <section className="out-list-panel" aria-label="Sổ văn bản đi">
      <div className="list-toolbar">
        <h2 className="list-title">Sổ văn bản đi</h2>
        <SearchField />
      </div>
      <div className="filter-bar">
        <div className="filter-row">
          <label className="filter">
            Trạng thái
            <select aria-label="Trạng thái văn bản đi" value={filters.status} onChange={(e) => setFilters({ status: e.target.value })}>
              <option value="">Tất cả</option>
              {STATUS_CHOICES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            Sổ
            <select aria-label="Sổ văn bản đi (lọc)" value={filters.register} onChange={(e) => setFilters({ register: e.target.value })}>
              <option value="">Tất cả</option>
              {registers.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} — {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            Năm
            <input
              type="text"
              inputMode="numeric"
              aria-label="Năm (lọc)"
              placeholder="Tất cả"
              className="out-year"
              value={filters.year}
              onChange={(e) => {
                const y = e.target.value.replace(/\D/g, '').slice(0, 4);
                if (y.length === 0 || y.length === 4) setFilters({ year: y });
                else useOutgoing.setState({ filters: { ...useOutgoing.getState().filters, year: y } });
              }}
            />
          </label>
          <span className="muted small out-count" aria-live="polite">
            {loading
              ? 'Đang tải…'
              : total !== null
                ? `Tìm thấy ${formatCount(total)} văn bản`
                : `${formatCount(items.length)} văn bản${nextCursor ? '+' : ''}`}
          </span>
        </div>
      </div>
      <div className="out-table-wrap">
        {error ? <div className="banner banner-error">{error}</div> : null}
        {!loading && !error && items.length === 0 ? (
          <div className="table-state empty-state">
            <p>{filtered ? 'Không có văn bản đi nào khớp điều kiện.' : 'Chưa có văn bản đi nào.'}</p>
            {!filtered ? (
              <RightButton method="outgoing.draft" hideIfDenied className="btn btn-primary" onClick={() => show({ name: 'form' })}>
                Soạn văn bản mới
              </RightButton>
            ) : null}
          </div>
        ) : (
          <table className="data-table out-table" aria-label="Danh sách văn bản đi" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Số, ký hiệu</th>
                <th scope="col">Ngày</th>
                <th scope="col">Tên loại và trích yếu nội dung</th>
                <th scope="col">Người ký</th>
                <th scope="col">Đơn vị soạn</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <Row key={r.id} rec={r} onOpen={open} />
              ))}
            </tbody>
          </table>
        )}
        {nextCursor && !filters.query.trim() ? (
          <div className="table-foot">
            <button type="button" className="btn btn-small" onClick={() => void loadMore()}>
              Xem thêm
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

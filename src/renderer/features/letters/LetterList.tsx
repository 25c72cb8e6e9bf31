/**
 * The letters register ("sổ tiếp nhận, xử lý đơn"): a page of letters, newest first, with
 * filters by year, kind, channel, status and overdue, and a search in subjects. A letter past
 * its processing or resolution limit and still open is marked «Quá hạn». Enter or a click on
 * a row's number opens the letter.
 */
import {
  LETTER_CHANNELS,
  LETTER_CHANNEL_LABELS,
  LETTER_KINDS,
  LETTER_KIND_LABELS,
  LETTER_STATUSES,
  LETTER_STATUS_LABELS,
} from '../../../shared/domain/letters';
import { readsOnlyOwnUnit } from '../../../shared/domain/accounts';
import { formatVnDate } from '../../lib/dates';
import { useSession } from '../accounts/sessionStore';
import { RightButton } from '../accounts/RightButton';
import { letterNo, senderCell } from './letterText';
import { useLetters } from './lettersStore';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => String(thisYear - i));

export function LetterList() {
  const { items, filters, loading, error, more } = useLetters();
  const { setFilters, show, loadMore } = useLetters.getState();
  const session = useSession((s) => s.session);
  // A specialist reads only the letters assigned to their unit: the register says so.
  const ownUnit = session && readsOnlyOwnUnit(session.roles) ? (session.unitName ?? 'chưa thuộc đơn vị nào') : null;
  return (
    <section className="letters-list" aria-label="Sổ tiếp nhận, xử lý đơn">
      <div className="fu-toolbar letters-toolbar">
        <label className="filter">
          Năm
          <select value={filters.year} onChange={(e) => setFilters({ year: e.target.value })} aria-label="Năm">
            <option value="">Tất cả các năm</option>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          Loại đơn
          <select value={filters.kind} onChange={(e) => setFilters({ kind: e.target.value })} aria-label="Loại đơn">
            <option value="">Tất cả</option>
            {LETTER_KINDS.map((k) => (
              <option key={k} value={k}>
                {LETTER_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          Nguồn đơn
          <select value={filters.channel} onChange={(e) => setFilters({ channel: e.target.value })} aria-label="Nguồn đơn">
            <option value="">Tất cả</option>
            {LETTER_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {LETTER_CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          Trạng thái
          <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value })} aria-label="Trạng thái">
            <option value="">Tất cả</option>
            {LETTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {LETTER_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter filter-wide">
          Tìm trong nội dung
          <input
            id="letters-query"
            type="text"
            value={filters.query}
            placeholder="Ctrl+F"
            onChange={(e) => setFilters({ query: e.target.value })}
          />
        </label>
        <label className="filter-check letters-overdue">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ overdue: e.target.checked })} />
          Chỉ đơn quá hạn
        </label>
        <span className="spacer" />
        {ownUnit ? (
          <span className="muted small" data-testid="letters-own-unit">
            Đơn giao cho {ownUnit}
          </span>
        ) : null}
        <span className="muted small" data-testid="letters-count">
          {loading ? 'Đang tải…' : `${items.length}${more ? '+' : ''} đơn`}
        </span>
        <RightButton method="letter.add" className="btn btn-primary" onClick={() => show({ name: 'form' })} title="Ctrl+N">
          Tiếp nhận đơn
        </RightButton>
      </div>
      {error ? (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="letters-table-wrap">
        <table className="data-table letters-table" data-testid="letters-rows" data-loading={loading ? 'true' : 'false'}>
          <thead>
            <tr>
              <th>Số đơn</th>
              <th>Ngày nhận</th>
              <th>Nguồn</th>
              <th>Loại</th>
              <th>Người đứng đơn</th>
              <th>Nội dung</th>
              <th>Cơ quan, người bị KN/TC</th>
              <th>Trạng thái</th>
              <th>Hạn</th>
            </tr>
          </thead>
          <tbody>
            {items.map((l) => (
              <tr
                key={l.id}
                className={l.overdue ? 'letter-overdue' : undefined}
                data-letter={l.id}
                onDoubleClick={() => show({ name: 'detail', id: l.id })}
              >
                <td className="nowrap">
                  <button type="button" className="link-btn num-link" onClick={() => show({ name: 'detail', id: l.id })}>
                    {letterNo(l)}
                  </button>
                  {l.earlierCount ? (
                    <span className="badge letter-dup" title={`Trùng với ${l.earlierCount} đơn trước`}>
                      Trùng
                    </span>
                  ) : null}
                </td>
                <td className="nowrap">{formatVnDate(l.receivedDate)}</td>
                <td>{LETTER_CHANNEL_LABELS[l.channel]}</td>
                <td>{LETTER_KIND_LABELS[l.kind]}</td>
                <td className={l.senderName || l.anonymous ? undefined : 'muted'}>{senderCell(l)}</td>
                <td className="letter-subject">{l.subject}</td>
                <td>{l.concernedBody ?? ''}</td>
                <td>{LETTER_STATUS_LABELS[l.status]}</td>
                <td className="nowrap">
                  {formatVnDate(l.resolutionDue ?? l.processingDue)}
                  {l.overdue ? <span className="badge letter-late">Quá hạn</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && !items.length && !error ? <p className="muted letters-empty">Không có đơn nào theo điều kiện lọc.</p> : null}
        {more ? (
          <button type="button" className="btn btn-small letters-more" onClick={() => void loadMore()} disabled={loading}>
            Xem thêm {100} đơn
          </button>
        ) : null}
      </div>
    </section>
  );
}

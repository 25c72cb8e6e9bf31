/** The bottom line: how many documents, what the current search shows, who is working, which organisation and database. */
import { useState } from 'react';
import { ConnectionSettings } from '../features/connection/ConnectionSettings';
import { roleList } from '../../shared/domain/accounts';
import { formatCount } from '../lib/format';
import { useSession } from '../features/accounts/sessionStore';
import { useRights } from '../features/accounts/rights';
import { useApp } from '../stores/appStore';
import { hasActiveFilters, useRegisterList } from '../stores/registerListStore';

export function StatusBar() {
  const info = useApp((s) => s.info);
  const total = useRegisterList((s) => s.total);
  const totalCapped = useRegisterList((s) => s.totalCapped);
  const filters = useRegisterList((s) => s.filters);
  const loading = useRegisterList((s) => s.loading);
  const lastQueryMs = useRegisterList((s) => s.lastQueryMs);
  const filtered = hasActiveFilters(filters);
  const [dbOpen, setDbOpen] = useState(false);
  const session = useSession((s) => s.session);
  // Who reads no register (an administrator only) is shown no counts of it.
  const readsRegister = useRights().can('incoming.list');
  return (
    <footer className="status-bar" aria-label="Thanh trạng thái">
      {readsRegister ? (
        <>
          <span data-testid="status-total">
            Tổng số văn bản đến: <strong>{info ? formatCount(info.totalIncoming) : '…'}</strong>
          </span>
          <span className="sep" aria-hidden="true" />
          <span data-testid="status-shown">
            {total === null ? (
              'Đang tải…'
            ) : filtered ? (
              <>
                Kết quả tìm kiếm: <strong>{totalCapped ? `hơn ${formatCount(total)}` : formatCount(total)}</strong> /{' '}
                {info ? formatCount(info.totalIncoming) : '…'}
              </>
            ) : (
              <>Đang xem: {totalCapped ? `hơn ${formatCount(total)}` : formatCount(total)} văn bản</>
            )}
            {loading ? ' · đang tìm…' : lastQueryMs !== null ? <span className="muted"> · {lastQueryMs} ms</span> : null}
          </span>
        </>
      ) : null}
      <span className="spacer" />
      {session ? (
        <>
          <span data-testid="status-user" title={`${session.username}${session.unitName ? ` — ${session.unitName}` : ''}`}>
            Người làm việc: <strong>{session.fullName}</strong>
            <span className="status-roles" data-testid="status-roles">
              {' '}
              ({roleList(session.roles, 'và')})
            </span>
          </span>
          <span className="sep" aria-hidden="true" />
        </>
      ) : null}
      <span>{info?.orgName ? info.orgName : <span className="muted">Chưa đặt tên cơ quan</span>}</span>
      <span className="sep" aria-hidden="true" />
      <span className="muted">
        <button type="button" className="status-db" title="Cơ sở dữ liệu đang dùng và máy chủ của cơ quan" onClick={() => setDbOpen(true)}>
          CSDL lược đồ {info?.schemaVersion ?? '…'}
        </button>{' '}
        · {info?.shell === 'electron' ? 'Ứng dụng máy tính' : 'Chế độ trình duyệt'}
      </span>
      {dbOpen ? <ConnectionSettings onClose={() => setDbOpen(false)} /> : null}
    </footer>
  );
}

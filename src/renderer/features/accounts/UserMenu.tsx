/**
 * Who is working, in the header: their name opens "Đổi mật khẩu…" and "Đăng xuất" (also in
 * the desktop app's Tài khoản menu). Keyboard: Enter/Space opens, arrows move, Esc closes.
 */
import { useEffect, useRef, useState } from 'react';
import { roleList } from '../../../shared/domain/accounts';
import { Modal } from '../../components/Modal';
import { ChangePasswordForm } from './SessionOverlays';
import { useSession } from './sessionStore';

export function useAccountDialogs() {
  const [changing, setChanging] = useState(false);
  return {
    changing,
    openChange: () => setChanging(true),
    dialog: changing ? (
      <Modal title="Đổi mật khẩu" onClose={() => setChanging(false)}>
        <ChangePasswordForm forced={false} onDone={() => setChanging(false)} />
      </Modal>
    ) : null,
  };
}

export function UserMenu({ onChangePassword }: { onChangePassword(): void }) {
  const session = useSession((s) => s.session);
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  if (!session) return null;
  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') setOpen(false);
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  };
  return (
    <div className="user-menu">
      <button
        type="button"
        className="btn btn-small btn-header user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={`${session.fullName} (${session.username}) — ${roleList(session.roles, 'và')}`}
        onClick={() => setOpen((o) => !o)}
      >
        {session.fullName} ▾
      </button>
      {open ? (
        <div className="user-menu-list" role="menu" ref={menuRef} onKeyDown={onMenuKey}>
          <div className="user-menu-who">
            <strong>{session.fullName}</strong>
            <span className="muted">
              {session.username} · {roleList(session.roles, 'và')}
              {session.unitName ? ` · ${session.unitName}` : ''}
            </span>
          </div>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              onChangePassword();
            }}
          >
            Đổi mật khẩu…
          </button>
          <button type="button" role="menuitem" onClick={() => void useSession.getState().signOut()}>
            Đăng xuất
          </button>
        </div>
      ) : null}
    </div>
  );
}

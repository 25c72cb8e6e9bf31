/**
 * The application menu, in Vietnamese. Items that act on the page only send a typed
 * MenuEvent; the page decides what to show. Built as a plain template so tests can read it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuEvent } from '../../shared/menuEvents.js';

export interface MenuActions {
  send(event: MenuEvent): void;
  about(): void;
  /** Development builds only: DevTools and a forced reload. */
  dev?: boolean;
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: 'Tải lại' },
    ...(actions.dev ? ([{ role: 'toggleDevTools', label: 'Công cụ phát triển' }] as MenuItemConstructorOptions[]) : []),
    { type: 'separator' },
    { role: 'zoomIn', label: 'Phóng to' },
    { role: 'zoomOut', label: 'Thu nhỏ' },
    { role: 'resetZoom', label: 'Kích thước thật' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Toàn màn hình' },
  ];
  return [
    {
      label: 'Tệp',
      submenu: [
        { label: 'Vào sổ văn bản đến', accelerator: 'CmdOrCtrl+N', click: () => actions.send('menu:new-incoming') },
        { type: 'separator' },
        { label: 'In sổ đăng ký…', accelerator: 'CmdOrCtrl+P', click: () => actions.send('menu:print-register') },
        { label: 'Nhập sổ từ tệp…', click: () => actions.send('menu:import-register') },
        { type: 'separator' },
        { role: 'quit', label: 'Thoát', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { type: 'separator' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    { label: 'Xem', submenu: view },
    {
      label: 'Tài khoản',
      submenu: [
        { label: 'Đổi mật khẩu…', click: () => actions.send('menu:change-password') },
        { type: 'separator' },
        { label: 'Đăng xuất', click: () => actions.send('menu:logout') },
      ],
    },
    {
      label: 'Trợ giúp',
      submenu: [{ label: 'Giới thiệu VănThư', click: () => actions.about() }],
    },
  ];
}

/**
 * Messages the desktop app's menu sends to the page. The main process only says *what* the
 * clerk asked for; the renderer decides how to do it (open the form, the print dialog...).
 * Pure TypeScript: imported by the Electron main process, the preload and the renderer.
 */
export const MENU_EVENTS = [
  /** Tệp → Vào sổ văn bản đến (Ctrl+N): open an empty incoming-document form. */
  'menu:new-incoming',
  /** Tệp → In sổ đăng ký…: open the register printing dialog. */
  'menu:print-register',
  /** Tệp → Nhập sổ từ tệp…: open the import dialog. */
  'menu:import-register',
  /** Tài khoản → Đổi mật khẩu…: the password change dialog. */
  'menu:change-password',
  /** Tài khoản → Đăng xuất: sign out (the page reloads onto the sign-in screen). */
  'menu:logout',
] as const;

export type MenuEvent = (typeof MENU_EVENTS)[number];

export function isMenuEvent(value: unknown): value is MenuEvent {
  return typeof value === 'string' && (MENU_EVENTS as readonly string[]).includes(value);
}

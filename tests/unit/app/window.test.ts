/**
 * The window's security settings, its navigation rules and the Vietnamese menu, read
 * from the functions that build them.
 */
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions, WebContents } from 'electron';

vi.mock('electron', () => ({}));

import { buildMenuTemplate } from '../../../src/main/app/menu.js';
import {
  buildWebPreferences,
  buildWindowOptions,
  hardenWebContents,
  isAllowedNavigation,
  MIN_SIZE,
  shouldMaximize,
} from '../../../src/main/app/window.js';
import { MENU_EVENTS } from '../../../src/shared/menuEvents.js';

describe('window options', () => {
  it('locks the page down: isolation, sandbox, no Node, no webview, no spellcheck service', () => {
    const opts = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    const wp = opts.webPreferences!;
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(buildWebPreferences('/p.cjs', true).devTools).toBe(true);
  });

  it('is titled VănThư, fits a 1366×768 screen and has a minimum size', () => {
    const big = buildWindowOptions({ preloadPath: '/p', workArea: { width: 1920, height: 1040 } });
    expect(big).toMatchObject({
      title: 'VănThư',
      width: 1366,
      height: 768,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
    });
    // A 1366×768 laptop: the task bar takes some height; never larger than the usable area.
    const laptop = buildWindowOptions({ preloadPath: '/p', workArea: { width: 1366, height: 728 } });
    expect(laptop.width).toBe(1366);
    expect(laptop.height).toBe(728);
    expect(shouldMaximize({ width: 1366, height: 728 })).toBe(true);
    expect(shouldMaximize({ width: 1920, height: 1040 })).toBe(false);
    expect(MIN_SIZE.width).toBeGreaterThanOrEqual(1024);
    expect(MIN_SIZE.height).toBeGreaterThanOrEqual(640);
  });
});

describe('navigation', () => {
  it('allows only our app:// pages (and the dev server in development)', () => {
    expect(isAllowedNavigation('app://vanthu/index.html')).toBe(true);
    expect(isAllowedNavigation('app://vanthu/index.html#/search')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://evil/index.html',
      '',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });

  it('hardens every web contents: navigation, redirects, pop-ups, webviews', () => {
    const listeners = new Map<string, (e: { preventDefault(): void; url: string }) => void>();
    let openHandler: ((d: { url: string }) => unknown) | null = null;
    const contents = {
      on: (name: string, fn: (e: { preventDefault(): void; url: string }) => void) => void listeners.set(name, fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => void (openHandler = fn),
    } as unknown as WebContents;
    hardenWebContents(contents);

    const attempt = (name: string, url: string) => {
      const e = { url, preventDefault: vi.fn() };
      listeners.get(name)!(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'file:///C:/Windows/System32/cmd.exe')).toBe(true);
    expect(attempt('will-navigate', 'app://vanthu/index.html')).toBe(false);
    expect(attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(attempt('will-attach-webview', 'app://vanthu/index.html')).toBe(true);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'app://vanthu/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('menu', () => {
  const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label).filter(Boolean);
  const sub = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];

  it('has the Vietnamese menus and items', () => {
    const menu = buildMenuTemplate({ send: () => undefined, about: () => undefined });
    expect(labels(menu)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Tài khoản', 'Trợ giúp']);
    expect(labels(sub(menu[0]!))).toEqual(['Vào sổ văn bản đến', 'In sổ đăng ký…', 'Nhập sổ từ tệp…', 'Thoát']);
    expect(labels(sub(menu[1]!))).toEqual(['Hoàn tác', 'Làm lại', 'Cắt', 'Sao chép', 'Dán', 'Chọn tất cả']);
    expect(labels(sub(menu[2]!))).toEqual(['Tải lại', 'Phóng to', 'Thu nhỏ', 'Kích thước thật', 'Toàn màn hình']);
    expect(labels(sub(menu[3]!))).toEqual(['Đổi mật khẩu…', 'Đăng xuất']);
    expect(labels(sub(menu[4]!))).toEqual(['Giới thiệu VănThư']);
    expect(sub(menu[0]!)[0]!.accelerator).toBe('CmdOrCtrl+N');
    // DevTools only in development builds
    const dev = buildMenuTemplate({ send: () => undefined, about: () => undefined, dev: true });
    expect(labels(sub(dev[2]!))).toContain('Công cụ phát triển');
  });

  it('page actions send typed menu events; About stays native', () => {
    const send = vi.fn();
    const about = vi.fn();
    const menu = buildMenuTemplate({ send, about });
    const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();
    for (const item of [...sub(menu[0]!), ...sub(menu[3]!)].filter((i) => i.click)) click(item);
    click(sub(menu[4]!)[0]!);
    expect(send.mock.calls.map((c) => c[0])).toEqual([
      'menu:new-incoming',
      'menu:print-register',
      'menu:import-register',
      'menu:change-password',
      'menu:logout',
    ]);
    for (const [event] of send.mock.calls) expect(MENU_EVENTS).toContain(event);
    expect(about).toHaveBeenCalledOnce();
  });
});

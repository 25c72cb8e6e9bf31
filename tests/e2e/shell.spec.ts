/** The page itself: icon, token handling, security headers, keyboard shortcuts, empty state. */
import { test, expect, openApp, screenshot } from './fixtures.js';

test('the favicon is linked and served, and the token leaves the address bar', async ({ page, webApp, request }) => {
  await openApp(page, webApp);
  expect(page.url()).not.toContain('token=');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('./icon.png');
  const icon = await request.get(`${webApp.origin}/icon.png`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/png');
  const body = await icon.body();
  expect(body.subarray(1, 4).toString('latin1')).toBe('PNG');
  const ico = await request.get(`${webApp.origin}/favicon.ico`);
  expect(ico.status()).toBe(200);
  // The page is served with the strict CSP and still works under it (the fixture fails on any console error).
  const doc = await request.get(`${webApp.origin}/`);
  expect(doc.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByText('Ủy ban nhân dân tỉnh Quảng Ngãi').first()).toBeVisible();
});

test.describe('without the token', () => {
  // The refused requests are logged by Chromium as failed loads (HTTP 403): expected here.
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test('the API refuses, and the page says so in Vietnamese', async ({ page, webApp }) => {
    await page.goto(webApp.origin + '/');
    const blocked = page.getByRole('alert').filter({ hasText: 'Không có quyền truy cập' });
    await expect(blocked).toBeVisible();
    await expect(blocked).toContainText('VANTHU_WEB_URL');
    await screenshot(page, '15-no-token');
  });
});

test('empty register, status bar and keyboard shortcuts', async ({ page, webApp }) => {
  await openApp(page, webApp);
  await expect(page.getByText('Chưa có văn bản nào. Nhấn Ctrl+N để vào sổ văn bản đầu tiên.')).toBeVisible();
  await expect(page.getByTestId('status-total')).toHaveText('Tổng số văn bản đến: 0');
  await expect(page.getByLabel('Thanh trạng thái')).toContainText('Ủy ban nhân dân tỉnh Quảng Ngãi');
  await page.keyboard.press('Control+f');
  await expect(page.getByLabel('Tìm kiếm', { exact: true })).toBeFocused();
  await page.keyboard.press('Alt+n');
  await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toBeFocused();
  // Collapsing the form gives the register the whole width.
  await page.getByRole('button', { name: '« Thu gọn' }).click();
  await expect(page.getByRole('form', { name: 'Vào sổ văn bản đến' })).toBeHidden();
  await page.keyboard.press('Control+n');
  await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toBeFocused();
});

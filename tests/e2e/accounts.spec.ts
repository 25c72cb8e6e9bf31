/**
 * Signing in and out, the lock after idle minutes (the unsaved form survives it), changing
 * one's password, and a wrong password — as a clerk meets them at the keyboard.
 */
import { test, expect, FIXTURE_PASSWORD, OFFICE_FULL_NAME, OFFICE_USER, openApp, screenshot, signIn } from './fixtures.js';

test('the sign-in screen: a wrong password is said in Vietnamese; Enter signs in; the status bar names who works', async ({
  page,
  webApp,
}) => {
  await page.goto(webApp.url);
  await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
  await expect(page.getByText('Ủy ban nhân dân tỉnh Quảng Ngãi')).toBeVisible();
  await screenshot(page, 'accounts-01-sign-in');
  await page.keyboard.type(OFFICE_USER);
  await page.keyboard.press('Tab');
  await page.keyboard.type('mật khẩu sai rồi');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
  await expect(page.getByLabel('Mật khẩu')).toBeFocused();
  await expect(page.getByLabel('Mật khẩu')).toHaveValue('');
  await screenshot(page, 'accounts-02-wrong-password');
  await page.keyboard.type(FIXTURE_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('status-user')).toHaveText(`Người làm việc: ${OFFICE_FULL_NAME} (Văn thư, Lãnh đạo, Lưu trữ và Quản trị)`);
  // Nothing secret in the address bar or in storage the page can read.
  expect(page.url()).not.toContain(FIXTURE_PASSWORD);
  expect(await page.evaluate('document.cookie')).toBe('');
  expect(await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).toBe('{}{}');
});

test('idle minutes lock the window; the password opens it again and the unsaved form is still there', async ({ page, webApp }) => {
  await page.clock.install();
  await openApp(page, webApp);
  await page.getByLabel('Cơ quan ban hành', { exact: true }).fill('Sở Nội vụ tỉnh Quảng Ngãi');
  await page.getByLabel('Trích yếu', { exact: true }).fill('Về việc chưa kịp lưu');
  await page.clock.fastForward('16:00');
  const lock = page.getByRole('dialog', { name: 'Phiên làm việc đã tạm khóa' });
  await expect(lock).toBeVisible();
  await expect(lock).toContainText(OFFICE_FULL_NAME);
  await screenshot(page, 'accounts-03-locked');
  await page.keyboard.type('không phải mật khẩu');
  await page.keyboard.press('Enter');
  await expect(lock.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
  await page.keyboard.type(FIXTURE_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();
  await expect(page.getByLabel('Trích yếu', { exact: true })).toHaveValue('Về việc chưa kịp lưu');
  await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toHaveValue('Sở Nội vụ tỉnh Quảng Ngãi');
});

test('Đổi mật khẩu and Đăng xuất from the account menu; the new password signs in', async ({ page, webApp }) => {
  await openApp(page, webApp);
  await page.getByRole('button', { name: `${OFFICE_FULL_NAME} ▾` }).click();
  await expect(page.getByRole('menuitem', { name: 'Đổi mật khẩu…' })).toBeFocused();
  await screenshot(page, 'accounts-04-menu');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
  await expect(dialog.getByLabel('Mật khẩu hiện tại', { exact: true })).toBeFocused();
  await dialog.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(FIXTURE_PASSWORD);
  await dialog.getByLabel('Mật khẩu mới', { exact: true }).fill('ngắn');
  await dialog.getByLabel('Nhập lại mật khẩu mới').fill('ngắn');
  await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Mật khẩu chưa đủ mạnh: cần ít nhất 10 ký tự');
  const next = 'Mật khẩu mới của tôi 2026';
  await dialog.getByLabel('Mật khẩu mới', { exact: true }).fill(next);
  await dialog.getByLabel('Nhập lại mật khẩu mới').fill(next);
  await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: `${OFFICE_FULL_NAME} ▾` }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập VănThư' })).toBeVisible();
  await signIn(page, OFFICE_USER, next);
  await expect(page.getByTestId('status-user')).toContainText(OFFICE_FULL_NAME);
});

/**
 * Settings › database: which database this PC works on, as an administrator points a new PC
 * at the office's server — no password field, a mistake said in Vietnamese on its field, the
 * choice kept in this PC's settings folder for the next start.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, initDatabase, screenshot, signIn, startWebHost, stopWebHost } from './fixtures.js';

test('the database settings: the file in use, a server chosen for the next start, a wrong server name refused', async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-conn-'));
  // This PC's settings folder: the test's own, never the real user's.
  const env = { XDG_CONFIG_HOME: path.join(dir, 'config') };
  const dbPath = path.join(dir, 'vanthu.sqlite');
  initDatabase(dbPath, env);
  const { child, url } = await startWebHost(dbPath, env);
  try {
    await page.goto(url);
    await signIn(page);
    await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
    await page.getByRole('button', { name: /CSDL lược đồ/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Cơ sở dữ liệu' });
    await expect(dialog.getByTestId('connection-current')).toContainText('Tệp trên máy này');
    await expect(dialog.getByTestId('connection-current')).toContainText('vanthu.sqlite');
    await dialog.getByLabel('Máy chủ PostgreSQL của cơ quan (nhiều máy)').check();
    await expect(dialog.getByLabel('Máy chủ', { exact: true })).toBeFocused();
    // No password is asked or shown here: each person signs in as themselves.
    await expect(dialog.locator('input[type=password]')).toHaveCount(0);
    await dialog.getByLabel('Máy chủ', { exact: true }).fill('csdl ubnd');
    await dialog.getByLabel('Cơ sở dữ liệu', { exact: true }).fill('vanthu');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog.getByText(/tên máy chủ chỉ gồm chữ cái không dấu/)).toBeVisible();
    await expect(dialog.getByLabel('Máy chủ', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, 'connection-01-bad-server');
    await dialog.getByLabel('Máy chủ', { exact: true }).fill('csdl.ubnd.local');
    await dialog.getByLabel('Cổng').fill('54x');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog.getByText('Cổng là số từ 1 đến 65535.')).toBeVisible();
    await dialog.getByLabel('Cổng').fill('5432');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog.getByTestId('connection-saved')).toHaveText(
      'Đã lưu. Khởi động lại VănThư để làm việc với postgres://csdl.ubnd.local:5432/vanthu.',
    );
    await screenshot(page, 'connection-02-saved');
    const saved = readFileSync(path.join(env.XDG_CONFIG_HOME, 'VanThu', 'connection.json'), 'utf8');
    expect(JSON.parse(saved)).toEqual({ kind: 'server', host: 'csdl.ubnd.local', port: 5432, database: 'vanthu' });
    // Reopened, the dialog shows the choice saved beside the database in use.
    await dialog.getByRole('button', { name: 'Đóng' }).last().click();
    await page.getByRole('button', { name: /CSDL lược đồ/ }).click();
    await expect(dialog.getByLabel('Máy chủ', { exact: true })).toHaveValue('csdl.ubnd.local');
  } finally {
    await stopWebHost(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

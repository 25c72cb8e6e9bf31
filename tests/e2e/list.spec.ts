/** A register longer than a page: rows are fetched as they scroll into view, through the server's cursors. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, openApp, screenshot } from './fixtures.js';
import { ROOT } from './fixtures.js';
import { importDocuments } from './testData.js';

test('a 3,000-document register scrolls to its last row, loading pages as they come into view', async ({ page, webApp }) => {
  await importDocuments(webApp, 3000);
  await openApp(page, webApp);
  const body = page.getByTestId('register-rows');
  await expect(body).toHaveAttribute('data-total', '3000');
  await expect(page.getByTestId('status-shown')).toContainText('3.000 văn bản');
  // Only the rows on screen are in the DOM.
  expect(await body.locator('[role="row"]').count()).toBeLessThan(60);
  await expect(body.locator('[data-number="3000"]')).toBeVisible();

  // Keyboard: into the list, End jumps to the last (oldest) row: số đến 1.
  await body.focus();
  await page.keyboard.press('End');
  const last = body.locator('[role="row"][data-number="1"]');
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', '3001');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(body.locator('.grid-row.placeholder')).toHaveCount(0);
  await screenshot(page, '16-list-bottom');

  // Back up with the wheel: earlier pages come back.
  await body.hover();
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -4000);
  await expect(body.locator('.grid-row.placeholder')).toHaveCount(0);
  await page.keyboard.press('Home');
  await expect(body.locator('[data-number="3000"]')).toHaveAttribute('aria-selected', 'true');

  // Enter opens the current row.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Văn bản đến số 3000/2025' })).toBeVisible();
});

test('a document registered with an attachment chosen in the form shows it in its detail', async ({ page, webApp }) => {
  await openApp(page, webApp);
  const form = page.getByRole('form', { name: 'Vào sổ văn bản đến' });
  await form.getByLabel('Cơ quan ban hành', { exact: true }).fill('Sở Thông tin và Truyền thông');
  await form.getByLabel('Ngày văn bản', { exact: true }).fill('02/01/2026');
  await form.getByLabel('Loại văn bản', { exact: true }).fill('Báo cáo');
  await form.getByLabel('Trích yếu', { exact: true }).fill('Kết quả chuyển đổi số năm 2025');
  await form.getByLabel('Tệp đính kèm').setInputFiles(path.join(ROOT, 'out/renderer/icon.png'));
  await expect(form.getByRole('list', { name: 'Tệp đính kèm' })).toContainText('icon.png');
  await form.getByRole('button', { name: 'Vào sổ' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã vào sổ số đến 1' })).toBeVisible();
  await expect(form.getByRole('list', { name: 'Tệp đính kèm' })).toHaveCount(0);

  await page.getByTestId('register-rows').locator('[data-number="1"]').dblclick();
  await expect(page.getByRole('heading', { name: 'Tệp đính kèm (1)' })).toBeVisible();
  const img = page.getByRole('img', { name: 'Ảnh đính kèm: icon.png' });
  await expect(img).toBeVisible();
  // The bytes made the round trip intact: stored as chosen, drawn at the PNG's own size.
  const original = readFileSync(path.join(ROOT, 'out/renderer/icon.png'));
  const doc = await webApp.api('incoming.get', { id: 1 });
  const attachmentId = doc.ok ? doc.value.attachments[0]!.id : -1;
  const stored = await webApp.api('incoming.attachment', { id: 1, attachmentId });
  expect(stored.ok && Buffer.from(stored.value.bytes).equals(original)).toBe(true);
  const size = await img.evaluate((el) => {
    const i = el as unknown as { naturalWidth: number; naturalHeight: number };
    return [i.naturalWidth, i.naturalHeight];
  });
  expect(size).toEqual([original.readUInt32BE(16), original.readUInt32BE(20)]);
  await expect(page.getByRole('list', { name: 'Lịch sử thay đổi' })).toContainText('Đính kèm tệp');
});

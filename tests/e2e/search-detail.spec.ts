/**
 * Finding a document the way clerks type (no diacritics), opening it, previewing its
 * attachments, correcting it and voiding it.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, screenshot } from './fixtures.js';
import { SENDERS, addIncoming, samplePdf, samplePng } from './testData.js';

/** The bits of a canvas the check reads (this file is compiled without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

const list = (page: Page) => page.getByTestId('register-rows');
const rows = (page: Page) => list(page).locator('[role="row"][data-number]');

test('typing "so tai chinh" finds "Sở Tài chính", highlights it, and opens its detail with a PDF preview', async ({ page, webApp }) => {
  const pdf = await samplePdf('Công văn số 215/STC-QLNS — bổ sung kinh phí');
  const first = await addIncoming(webApp, { ...SENDERS[0] }, [
    { fileName: 'cong-van-215.pdf', bytes: pdf },
    { fileName: 'phong-bi.png', bytes: samplePng() },
  ]);
  for (const s of SENDERS.slice(1)) await addIncoming(webApp, { ...s });

  await openApp(page, webApp);
  await expect(rows(page)).toHaveCount(4);
  // The secret document is in its own register, shown with a dark-red mark.
  await expect(rows(page).filter({ hasText: 'Kết quả quan trắc' }).locator('.badge')).toHaveText('Mật');

  await page.keyboard.press('Control+f');
  const search = page.getByLabel('Tìm kiếm', { exact: true });
  await expect(search).toBeFocused();
  await page.keyboard.type('so tai chinh');
  await expect(list(page)).toHaveAttribute('data-query', 'so tai chinh');
  await expect(rows(page)).toHaveCount(1);
  const row = rows(page).first();
  await expect(row).toContainText('Sở Tài chính');
  // Matched words are marked in the row, compared without diacritics.
  const marks = await row.locator('mark').allTextContents();
  expect(marks).toEqual(expect.arrayContaining(['Sở', 'Tài', 'chính']));
  await expect(page.getByTestId('status-shown')).toContainText('Kết quả tìm kiếm: 1 / 4');
  await screenshot(page, '07-search-results');

  // Keyboard into the list and open the document.
  await page.keyboard.press('ArrowDown');
  await expect(list(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Văn bản đến số ${first.arrivalNumber}/${first.year}` })).toBeVisible();
  const fields = page.getByRole('definition');
  await expect(fields.filter({ hasText: '215/STC-QLNS' })).toBeVisible();
  await expect(fields.filter({ hasText: 'Phạm Quốc Huy' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lịch sử thay đổi' })).toContainText('Tạo');

  // The PDF is drawn by pdf.js inside the page: two pages, each a painted canvas.
  const preview = page.getByTestId('pdf-preview');
  await expect(preview).toHaveAttribute('data-pages', '2');
  await expect(preview.locator('canvas[data-done]')).toHaveCount(2);
  const painted = await preview
    .locator('canvas[data-done]')
    .first()
    .evaluate((el) => {
      const c = el as unknown as CanvasLike;
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
      return dark;
    });
  expect(painted, 'the PDF page shows text').toBeGreaterThan(200);
  await screenshot(page, '08-detail-pdf');

  // The image attachment is shown directly from a blob: URL.
  await page
    .getByRole('option', { name: /phong-bi\.png/ })
    .getByRole('button')
    .click();
  const img = page.getByRole('img', { name: 'Ảnh đính kèm: phong-bi.png' });
  await expect(img).toBeVisible();
  expect(await img.getAttribute('src')).toMatch(/^blob:/);
  expect(await img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

  // Esc goes back to the register, the search still applied.
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByLabel('Tìm kiếm', { exact: true })).toHaveValue('so tai chinh');
});

test('advanced filters: issue dates, sender without diacritics, urgency, and clearing them', async ({ page, webApp }) => {
  for (const s of SENDERS) await addIncoming(webApp, { ...s });
  await openApp(page, webApp);
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Lọc nâng cao' }).click();
  const panel = page.getByRole('group', { name: 'Lọc nâng cao' });
  await panel.getByLabel('Ngày VB từ').fill('6/1/2026');
  await panel.getByLabel('Ngày VB từ').press('Enter');
  await expect(panel.getByLabel('Ngày VB từ')).toHaveValue('06/01/2026');
  await expect(rows(page)).toHaveCount(3);
  await panel.getByLabel('Cơ quan ban hành (lọc)').fill('so noi vu');
  await panel.getByLabel('Cơ quan ban hành (lọc)').press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('Sở Nội vụ');
  await screenshot(page, '17-advanced-filters');
  // A date that does not exist is refused where it was typed, without a search.
  await panel.getByLabel('Ngày VB tới').fill('31/4/2026');
  await panel.getByLabel('Ngày VB tới').press('Enter');
  await expect(panel.getByText('Ngày không hợp lệ')).toBeVisible();
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Xóa lọc' }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(panel.getByLabel('Ngày VB từ')).toHaveValue('');
  await expect(panel.getByLabel('Cơ quan ban hành (lọc)')).toHaveValue('');
  await expect(panel.getByText('Ngày không hợp lệ')).toBeHidden();
  await page.getByLabel('Độ khẩn (lọc)').selectOption('flash');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first().locator('.badge')).toHaveText('Hỏa tốc');
  await expect(page.getByTestId('status-shown')).toContainText('Kết quả tìm kiếm: 1 / 4');
});

test('a document is corrected in the same form and the history shows old → new', async ({ page, webApp }) => {
  const doc = await addIncoming(webApp, { ...SENDERS[1] });
  await openApp(page, webApp);
  await rows(page).first().dblclick();
  await page.getByRole('button', { name: 'Sửa' }).click();
  const form = page.getByRole('form', { name: 'Sửa văn bản đến' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Cơ quan ban hành', { exact: true })).toBeFocused();
  // Register, number and year are shown but cannot be edited.
  await expect(form.locator('.readonly-ids')).toContainText(`Số đến ${doc.arrivalNumber}`);
  await form.getByLabel('Trích yếu', { exact: true }).fill('Tuyển dụng công chức cấp xã năm 2026 (đợt 2)');
  await form.getByLabel('Số trang', { exact: true }).fill('4');
  await screenshot(page, '09-detail-edit');
  await form.getByLabel('Số trang', { exact: true }).press('Control+Enter');
  await expect(form).toBeHidden();
  await expect(page.getByRole('definition').filter({ hasText: '(đợt 2)' })).toBeVisible();
  const history = page.getByRole('list', { name: 'Lịch sử thay đổi' });
  await expect(history).toContainText('Sửa');
  await expect(history).toContainText('Trích yếu:');
  await expect(history).toContainText('Tuyển dụng công chức cấp xã năm 2026 → Tuyển dụng công chức cấp xã năm 2026 (đợt 2)');
  await expect(history).toContainText('Số trang: (trống) → 4');
});

test('voiding asks for a reason and the document is marked in the detail and in the list', async ({ page, webApp }) => {
  await addIncoming(webApp, { ...SENDERS[0] });
  const target = await addIncoming(webApp, { ...SENDERS[3] });
  await openApp(page, webApp);
  await rows(page).filter({ hasText: '1024/CAT-PC08' }).dblclick();
  await page.getByRole('button', { name: 'Hủy văn bản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hủy văn bản' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Lý do hủy')).toBeFocused();
  await dialog.getByRole('button', { name: 'Hủy văn bản' }).click();
  await expect(dialog.getByText('Lý do: chưa nhập.')).toBeVisible();
  await dialog.getByLabel('Lý do hủy').fill('Vào sổ nhầm: văn bản gửi nhầm địa chỉ, đã trả lại');
  await screenshot(page, '10-void-dialog');
  await dialog.getByRole('button', { name: 'Hủy văn bản' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('note')).toContainText('Đã hủy — lý do: Vào sổ nhầm: văn bản gửi nhầm địa chỉ, đã trả lại');
  const history = page.getByRole('list', { name: 'Lịch sử thay đổi' });
  await expect(history.locator('.audit-void')).toContainText('Hủy');
  await expect(history.locator('.audit-void')).toContainText('Lý do: Vào sổ nhầm');
  await expect(page.getByRole('button', { name: 'Sửa' })).toBeDisabled();
  await screenshot(page, '11-detail-voided');

  await page.getByRole('button', { name: '← Sổ văn bản đến' }).click();
  const voidedRow = rows(page).and(page.locator(`[data-id="${target.id}"]`));
  await expect(voidedRow).toHaveClass(/voided/);
  await expect(voidedRow.locator('.badge-voided')).toHaveText('Đã hủy');
  await expect(voidedRow).toContainText('Hủy: Vào sổ nhầm');

  // Filter by status: only the voided one.
  await page.getByLabel('Trạng thái (lọc)').selectOption('voided');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute('data-id', String(target.id));
  await screenshot(page, '12-list-voided-filter');
});

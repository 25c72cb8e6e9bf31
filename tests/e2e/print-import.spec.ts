/** The register book as a PDF, and importing an existing register from a spreadsheet. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, openApp, screenshot } from './fixtures.js';
import { SENDERS, addIncoming } from './testData.js';

test('printing the register book downloads a PDF', async ({ page, webApp }) => {
  for (const s of SENDERS.slice(0, 2)) await addIncoming(webApp, { ...s });
  await openApp(page, webApp);
  await page.keyboard.press('Control+p');
  const dialog = page.getByRole('dialog', { name: 'In sổ đăng ký văn bản đến' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Sổ văn bản')).toHaveValue('DEN');
  const year = await dialog.getByLabel('Năm').inputValue();
  expect(year).toMatch(/^\d{4}$/);
  await screenshot(page, '13-print-dialog');

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Tạo tệp PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = path.join(webApp.dir, download.suggestedFilename());
  await download.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(1000);
  await expect(dialog.getByRole('status')).toContainText(`Đã tạo sổ DEN năm ${year} (2 văn bản)`);

  // An impossible year is refused before asking the server.
  await dialog.getByLabel('Năm').fill('20266');
  await dialog.getByRole('button', { name: 'Tạo tệp PDF' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Năm: phải là số nguyên từ 1900 đến 2999.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

const CSV = [
  'Số đến,Ngày đến,Tác giả,Số ký hiệu văn bản,Ngày tháng văn bản,Tên loại và trích yếu nội dung,Đơn vị hoặc người nhận,Ghi chú',
  '1,06/01/2025 08:15,Sở Tài chính,12/STC-NS,03/01/2025,Công văn Về việc quyết toán ngân sách năm 2024,Phòng Tổng hợp,',
  '2,07/01/2025 09:00,Sở Xây dựng,34/SXD-QLN,30/02/2025,Công văn Về việc cấp giấy phép xây dựng,Phòng Kinh tế,Ngày văn bản sai',
  '3,08/01/2025 10:30,Sở Y tế,56/KH-SYT,05/01/2025,Kế hoạch Tiêm chủng mở rộng năm 2025,Phòng Văn xã,',
].join('\n');

test('importing a CSV register with a bad row lists the rejected row; "bỏ qua dòng lỗi" keeps the good ones', async ({ page, webApp }) => {
  const file = path.join(webApp.dir, 'so-den-2025.csv');
  writeFileSync(file, '\uFEFF' + CSV + '\n');
  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Nhập sổ cũ' }).click();
  await expect(page.getByRole('heading', { name: 'Nhập sổ văn bản đến có sẵn' })).toBeVisible();
  await page.getByLabel('Tệp sổ cần nhập').setInputFiles(file);
  await expect(page.getByTestId('import-file')).toContainText('so-den-2025.csv');

  // All or nothing by default: the bad row refuses the whole file.
  await page.getByRole('button', { name: 'Bắt đầu nhập' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tệp nhập có 1 dòng lỗi; không dòng nào được nhập.' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Các dòng bị từ chối' });
  await expect(table.getByRole('row')).toHaveCount(2);
  const cells = table.getByRole('row').nth(1).getByRole('cell');
  await expect(cells.nth(0)).toHaveText('3');
  await expect(cells.nth(1)).toHaveText('Ngày văn bản');
  await expect(cells.nth(2)).toContainText('ngày không hợp lệ');
  let r = await webApp.api('search.incoming', { includeVoided: true });
  expect(r.ok && r.value.total).toBe(0);

  // Skipping bad rows: the two good rows are imported, the bad one still listed.
  await page.getByLabel('Bỏ qua dòng lỗi').check();
  await page.getByRole('button', { name: 'Bắt đầu nhập' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã nhập 2 văn bản; bỏ qua 1 dòng lỗi.' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('progressbar', { name: 'Tiến độ nhập' })).toBeVisible();
  await screenshot(page, '14-import-result');
  r = await webApp.api('search.incoming', { includeVoided: true });
  expect(r.ok && r.value.total).toBe(2);

  // The imported rows keep their historic numbers and show in the register.
  await page.getByRole('tab', { name: 'Văn bản đến' }).click();
  const rows = page.getByTestId('register-rows').locator('[role="row"][data-number]');
  await expect(rows).toHaveCount(2);
  await expect(rows.and(page.locator('[data-number="3"]'))).toContainText('Tiêm chủng mở rộng năm 2025');
  await expect(page.getByTestId('status-total')).toContainText('2');

  // Book order (số đến) needs one register and one year.
  const byNumber = page.getByRole('columnheader', { name: 'Số đến' }).getByRole('button');
  await expect(byNumber).toBeDisabled();
  await page.getByLabel('Sổ (lọc)').selectOption('DEN');
  await page.getByLabel('Năm (lọc)').selectOption('2025');
  await expect(byNumber).toBeEnabled();
  await byNumber.click();
  await expect(page.getByRole('columnheader', { name: 'Số đến' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByLabel('Sắp xếp')).toHaveValue('number');
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')))).toEqual(['3', '1']);
});

test('an import can be cancelled while it runs', async ({ page, webApp }) => {
  // Large enough to still be running when Cancel is pressed.
  const lines = ['organName,symbol,issuedDate,typeName,subject,arrivalDate'];
  for (let i = 1; i <= 60_000; i++) {
    lines.push(`Sở Công Thương,${i}/SCT-QLTM,2024-03-01,Công văn,Về việc bình ổn giá hàng hóa đợt ${i},2024-03-02T08:00:00+07:00`);
  }
  const file = path.join(webApp.dir, 'lon.csv');
  writeFileSync(file, lines.join('\n'));
  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Nhập sổ cũ' }).click();
  await page.getByLabel('Tệp sổ cần nhập').setInputFiles(file);
  await page.getByRole('button', { name: 'Bắt đầu nhập' }).click();
  await expect(page.getByText(/Đang nhập… đã đọc/)).toBeVisible();
  await page.getByRole('button', { name: 'Dừng nhập' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã dừng nhập; không có gì được ghi.' })).toBeVisible({ timeout: 30_000 });
  const r = await webApp.api('search.incoming', { includeVoided: true });
  expect(r.ok && r.value.total).toBe(0);
});

/**
 * "Văn bản đi": drafting a công văn with the live preview, approving, numbering and issuing
 * it on paper; signing with .p12 files (a wrong password first) for the official and the
 * organisation; and the signature check on an unsigned and on the signed PDF.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createTestPki } from '../support/signing/testPki.js';
import { test, expect, openApp, screenshot, type WebApp } from './fixtures.js';
import { samplePdf, samplePng } from './testData.js';

/** The bits of a canvas the check reads (this file is compiled without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

async function darkPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as unknown as CanvasLike;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
    return dark;
  });
}

async function openOutgoing(page: Page, webApp: WebApp): Promise<void> {
  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Văn bản đi' }).click();
  await expect(page.getByRole('heading', { name: 'Sổ văn bản đi' })).toBeVisible();
}

const DRAFT = {
  typeName: 'Công văn',
  subject: 'V/v triển khai kế hoạch chuyển đổi số năm 2026',
  kinhGui: ['Sở Thông tin và Truyền thông', 'Ủy ban nhân dân các huyện, thị xã, thành phố'],
  body: [
    'Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh;',
    'Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện, báo cáo kết quả trước ngày 30/6/2026./.',
  ],
  recipients: ['Như trên', 'Chủ tịch UBND tỉnh'],
  signerAuthority: 'KT. CHỦ TỊCH',
  signerPosition: 'Phó Chủ tịch',
  signerName: 'Nguyễn Văn An',
  draftingUnit: 'VX',
};

test('a công văn is drafted with a live preview, approved, numbered 01/… and issued on paper', async ({ page, webApp }) => {
  await openOutgoing(page, webApp);
  await expect(page.getByText('Chưa có văn bản đi nào.')).toBeVisible();
  await page.keyboard.press('Control+n');
  const form = page.getByRole('form', { name: 'Soạn văn bản đi' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Loại văn bản', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Loại văn bản', { exact: true })).toHaveValue('Công văn');

  // The preview of the empty draft already renders (blanks where nothing is typed yet).
  const preview = page.getByTestId('outgoing-preview');
  await expect(preview.locator('canvas[data-done]').first()).toBeVisible({ timeout: 20_000 });
  const firstVersion = Number(await preview.getAttribute('data-version'));

  await form.getByLabel('Đơn vị soạn thảo', { exact: true }).fill('VX');
  await form.getByLabel('Trích yếu', { exact: true }).fill(DRAFT.subject);
  await form.getByLabel('Kính gửi', { exact: true }).fill(DRAFT.kinhGui.join('\n'));
  await form.getByLabel('Nội dung', { exact: true }).fill(DRAFT.body.join('\n\n'));
  await form.getByLabel('Nơi nhận', { exact: true }).fill(DRAFT.recipients.join('\n'));
  // A wrong signing authority is refused inline with the shared rule's message.
  await form.getByLabel('Thẩm quyền ký', { exact: true }).fill('Chủ tịch');
  await expect(form.getByText('Thẩm quyền ký phải bắt đầu bằng TM., KT., TL., TUQ. hoặc Q.')).toBeVisible();
  await form.getByLabel('Thẩm quyền ký', { exact: true }).fill('KT. CHỦ TỊCH');
  await expect(form.getByText('Thẩm quyền ký phải bắt đầu bằng')).toBeHidden();
  await form.getByLabel('Chức vụ', { exact: true }).fill('Phó Chủ tịch');
  await form.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
  await form.getByLabel('Số bản', { exact: true }).fill('abc');
  await expect(form.getByText('Số bản: phải là số nguyên từ 1 đến 999.')).toBeVisible();
  await form.getByLabel('Số bản', { exact: true }).fill('5');
  await page.keyboard.press('Tab');

  // The live preview follows the typing: a newer version, painted with text.
  await expect.poll(async () => Number(await preview.getAttribute('data-version')), { timeout: 20_000 }).toBeGreaterThan(firstVersion);
  await expect(page.getByTestId('preview-status')).toContainText('Dự thảo · 1 trang');
  const canvas = preview.locator('canvas[data-done]').first();
  await expect(canvas).toBeVisible();
  expect(await darkPixels(canvas), 'the preview shows the document').toBeGreaterThan(2000);
  await screenshot(page, '20-outgoing-form-preview');

  await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
  await expect(page.getByRole('heading', { name: /Dự thảo #1/ })).toBeVisible();
  const status = page.locator('.detail-head .ostatus');
  await expect(status).toHaveText('Dự thảo');
  await expect(page.getByTestId('pdf-preview').locator('canvas[data-done]').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Lịch sử xử lý văn bản đi' })).toContainText('Tạo dự thảo');

  await page.getByRole('button', { name: 'Duyệt' }).click();
  await expect(status).toHaveText('Đã duyệt');
  await page.getByRole('button', { name: 'Cấp số', exact: true }).click();
  await expect(status).toHaveText('Đã cấp số');
  await expect(page.getByTestId('out-symbol')).toHaveText('01/UBND-VX');
  await expect(page.getByRole('heading', { name: /Văn bản đi số 01\/UBND-VX/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lịch sử xử lý văn bản đi' })).toContainText('Số, ký hiệu 01/UBND-VX');
  await expect(page.getByTestId('pdf-preview').locator('canvas[data-done]').first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, '21-outgoing-detail-numbered');

  await page.getByRole('button', { name: 'Ban hành bản giấy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ban hành bản giấy' });
  await expect(dialog.getByLabel('Số bản phát hành')).toHaveValue('5');
  await dialog.getByRole('button', { name: 'Ban hành' }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText('Đã ban hành (giấy)');
  await expect(page.getByRole('note')).toContainText('Đã ban hành bản giấy: số 01/UBND-VX');
  await expect(page.getByRole('list', { name: 'Lịch sử xử lý văn bản đi' })).toContainText('Số bản: 5');
  const r = await webApp.api('outgoing.get', { id: 1 });
  expect(r.ok && r.value.status).toBe('issued_paper');

  // Back in the list, searched without diacritics.
  await page.keyboard.press('Escape');
  const table = page.getByRole('table', { name: 'Danh sách văn bản đi' });
  await expect(table.locator('tr.out-row')).toHaveCount(1);
  await expect(table.locator('tr.out-row')).toContainText('01/UBND-VX');
  await expect(table.locator('tr.out-row .ostatus')).toHaveText('Đã ban hành (giấy)');
  await webApp.api('outgoing.draft', { data: { ...DRAFT, subject: 'V/v tổng kết công tác văn thư, lưu trữ năm 2026' } });
  await page.keyboard.press('Control+f');
  await expect(page.getByLabel('Tìm văn bản đi')).toBeFocused();
  await page.keyboard.type('chuyen doi so');
  await expect(table.locator('tr.out-row')).toHaveCount(1);
  await expect(page.getByText('Tìm thấy 1 văn bản')).toBeVisible();
  await page.getByLabel('Tìm văn bản đi').fill('');
  await expect(table.locator('tr.out-row')).toHaveCount(2);
  await page.getByLabel('Trạng thái văn bản đi').selectOption('draft');
  await expect(table.locator('tr.out-row')).toHaveCount(1);
  await expect(table.locator('tr.out-row')).toContainText('tổng kết công tác văn thư');
  await page.getByLabel('Trạng thái văn bản đi').selectOption('');
  await screenshot(page, '22-outgoing-list');

  // The outgoing register book.
  await page.keyboard.press('Control+p');
  const print = page.getByRole('dialog', { name: 'In sổ đăng ký văn bản đi' });
  await expect(print).toBeVisible();
  const downloading = page.waitForEvent('download');
  await print.getByRole('button', { name: 'Tạo tệp PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await expect(print.getByRole('status')).toContainText('(1 văn bản)');
});

test('the signature check says "Không có chữ ký" for an unsigned PDF', async ({ page, webApp }) => {
  const file = path.join(webApp.dir, 'cong-van-chua-ky.pdf');
  writeFileSync(file, await samplePdf('Công văn chưa ký số'));
  await openOutgoing(page, webApp);
  await page.getByRole('navigation', { name: 'Văn bản đi' }).getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
  await expect(page.getByRole('heading', { name: 'Kiểm tra chữ ký số' })).toBeVisible();
  await expect(page.getByText('Chưa có chứng thư gốc nào.')).toBeVisible();
  await page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles(file);
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-verdict', 'unsigned');
  await expect(result.locator('.verdict-label')).toHaveText('Không có chữ ký');
  await expect(result).toContainText('Tệp PDF này không mang chữ ký số nào.');
  await expect(page.getByTestId('verify-file')).toHaveText('cong-van-chua-ky.pdf');
  await screenshot(page, '23-verify-unsigned');
});

test('signing with .p12 files: a wrong password is refused, then the official and the organisation sign; two valid signatures once the root is trusted', async ({
  page,
  webApp,
}) => {
  const pki = createTestPki();
  const officialP12 = path.join(webApp.dir, 'nguyen-van-an.p12');
  const orgP12 = path.join(webApp.dir, 'ubnd-tinh.p12');
  const rootPem = path.join(webApp.dir, 'root.pem');
  const png = path.join(webApp.dir, 'chu-ky.png');
  writeFileSync(officialP12, pki.official.p12);
  writeFileSync(orgP12, pki.organisation.p12);
  writeFileSync(rootPem, pki.rootPem);
  writeFileSync(png, samplePng());
  const drafted = await webApp.api('outgoing.draft', { data: DRAFT });
  if (!drafted.ok) throw new Error(drafted.error.message);
  const approved = await webApp.api('outgoing.approve', { id: drafted.value.id });
  expect(approved.ok).toBe(true);

  await openOutgoing(page, webApp);
  await page.locator('tr.out-row').first().dblclick();
  const status = page.locator('.detail-head .ostatus');
  await expect(status).toHaveText('Đã duyệt');

  // The official signs (before numbering: the clerk's organisation signature fills number and date).
  await page.getByRole('button', { name: 'Ký số (người có thẩm quyền)' }).click();
  let dialog = page.getByRole('dialog', { name: 'Ký số của người có thẩm quyền' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Tệp chứng thư số (.p12)').setInputFiles(officialP12);
  await expect(dialog.getByTestId('p12-name')).toContainText('nguyen-van-an.p12');
  const password = dialog.getByLabel('Mật khẩu', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await password.fill('sai-mat-khau');
  await dialog.getByLabel('Ảnh chữ ký (PNG)').setInputFiles(png);
  await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(dialog.getByText('Mật khẩu không đúng. Hãy nhập lại mật khẩu của tệp chứng thư số.')).toBeVisible();
  // The typed password is wiped after the attempt.
  await expect(password).toHaveValue('');
  await expect(password).toBeFocused();
  await screenshot(page, '24-sign-dialog-wrong-password');
  await password.fill(pki.official.p12Password);
  await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(status).toHaveText('Đã ký');
  await expect(page.getByRole('list', { name: 'Lịch sử xử lý văn bản đi' })).toContainText('Ký số (người có thẩm quyền)');

  // The clerk signs for the organisation: number and date are given, the document is issued.
  await page.getByRole('button', { name: 'Ký số của cơ quan' }).click();
  dialog = page.getByRole('dialog', { name: 'Ký số của cơ quan (ban hành điện tử)' });
  await dialog.getByLabel('Tệp chứng thư số (.p12)').setInputFiles(orgP12);
  await dialog.getByLabel('Mật khẩu', { exact: true }).fill(pki.organisation.p12Password);
  await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(status).toHaveText('Đã ban hành (điện tử)');
  await expect(page.getByTestId('out-symbol')).toHaveText('01/UBND-VX');
  await expect(page.getByRole('note')).toContainText('Đã ban hành điện tử');
  await expect(page.getByRole('list', { name: 'Lịch sử xử lý văn bản đi' })).toContainText('Ký số của cơ quan — ban hành điện tử');
  await expect(page.getByTestId('pdf-preview').locator('canvas[data-done]').first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, '25-outgoing-issued');

  // The signed file in the check: intact, but the chain is unknown until the root is trusted.
  await page.locator('.detail-side').getByRole('button', { name: 'Kiểm tra chữ ký số' }).click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-verdict', 'indeterminate');
  await expect(result.getByTestId('signature')).toHaveCount(2);
  await expect(result.getByTestId('signature').first()).toContainText('Không tin cậy');

  await page.getByLabel('Tệp chứng thư (.pem, .p7b)').setInputFiles(rootPem);
  await expect(page.getByRole('list', { name: 'Danh sách chứng thư gốc tin cậy' })).toContainText('VănThư Test Root CA');
  await expect(result).toHaveAttribute('data-verdict', 'valid');
  await expect(result.locator('.verdict-label')).toHaveText('Hợp lệ');
  const sigs = result.getByTestId('signature');
  await expect(sigs).toHaveCount(2);
  await expect(sigs.nth(0)).toHaveAttribute('data-status', 'valid');
  await expect(sigs.nth(1)).toHaveAttribute('data-status', 'valid');
  await expect(sigs.nth(0).getByTestId('sig-signer')).toHaveText('Nguyễn Văn An');
  await expect(sigs.nth(1).getByTestId('sig-signer')).toHaveText('Ủy ban nhân dân tỉnh Quảng Ngãi');
  await expect(sigs.nth(0)).toContainText('Tin cậy');
  // The official's signature was followed by the organisation's: it does not cover the whole file, the last one does.
  await expect(sigs.nth(0)).toContainText('Không — phần sau là của chữ ký tiếp theo');
  await expect(sigs.nth(1)).toContainText('Phủ toàn bộ tài liệu✓ Có');
  await expect(sigs.nth(1)).toContainText(/Thời điểm ký\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
  await expect(result).not.toContainText('Có nội dung được thêm sau chữ ký cuối');
  await screenshot(page, '26-verify-two-signatures');
});

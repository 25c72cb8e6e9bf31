/**
 * "Liên thông": the organ directory (a wrong identifier answered under its field), an edXML
 * message taken by hand, shown pre-filled, registered; a malicious one refused with its
 * reason and nothing listed.
 */
import { buildDocumentMessage } from '../../src/main/interchange/edxml.js';
import { badMessages, sampleDocument } from '../unit/interchange/messages.js';
import { minimalPdf } from '../unit/fixtures/minimalPdf.js';
import { test, expect, openApp, screenshot } from './fixtures.js';

test('the organ directory, then an edXML message received, checked and registered; a malicious one refused', async ({ page, webApp }) => {
  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Liên thông' }).click();
  const organs = page.getByRole('form', { name: 'Thêm cơ quan' });
  await organs.getByLabel('Mã định danh').fill('H4');
  await organs.getByLabel('Tên cơ quan').fill('Sở Nội vụ tỉnh Quảng Ngãi');
  await organs.getByRole('button', { name: 'Thêm cơ quan' }).click();
  await expect(organs.getByText('Mã định danh «H4» không đúng dạng (ví dụ 000.00.00.H48 hoặc H48.01.02).')).toBeVisible();
  await organs.getByLabel('Mã định danh').fill('000.00.00.H48');
  await organs.getByLabel('Tên cơ quan').fill('Ủy ban nhân dân tỉnh Quảng Ngãi');
  await organs.getByLabel('Thư điện tử').fill('vanthu@quangngai.gov.vn');
  await organs.getByRole('button', { name: 'Thêm cơ quan' }).click();
  await expect(page.getByRole('table', { name: 'Danh sách cơ quan' })).toContainText('Ủy ban nhân dân tỉnh Quảng Ngãi');

  const message = buildDocumentMessage(
    sampleDocument({
      attachments: [{ contentId: 'a1', name: '1234-UBND-NC.signed.pdf', contentType: 'application/pdf', bytes: minimalPdf() }],
    }),
  );
  await page.getByLabel('Chọn gói tin edXML').setInputFiles({ name: 'cong-van-1234.edxml', mimeType: 'application/xml', buffer: message });
  const preview = page.getByRole('region', { name: 'Văn bản chờ vào sổ' });
  await expect(preview).toContainText('Công văn 1234/UBND-NC — UBND tỉnh Quảng Ngãi');
  await expect(preview).toContainText('1234-UBND-NC.signed.pdf');
  await expect(page.getByRole('table', { name: 'Danh sách văn bản nhận qua liên thông' })).toContainText('Chờ vào sổ');
  await screenshot(page, '60-interchange-pending');
  await preview.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
  await expect(page.getByText('Đã vào sổ văn bản đến số 1.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Danh sách văn bản nhận qua liên thông' })).toContainText('Đã vào sổ');

  await page
    .getByLabel('Chọn gói tin edXML')
    .setInputFiles({ name: 'xxe.edxml', mimeType: 'application/xml', buffer: badMessages()[0]!.bytes });
  await expect(page.getByText(/«xxe\.edxml» bị từ chối: Gói tin có khai báo DOCTYPE\/DTD/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Danh sách văn bản nhận qua liên thông' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('status-total')).toHaveText('Tổng số văn bản đến: 1');
  await screenshot(page, '61-interchange-registered-and-refused');
});

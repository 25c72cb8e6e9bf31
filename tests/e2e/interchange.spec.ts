/**
 * "Liên thông": the organ directory (a wrong identifier answered under its field), an edXML
 * message taken by hand, shown pre-filled, registered; a malicious one refused with its
 * reason and nothing listed.
 */
import { buildDocumentMessage } from '../../src/main/interchange/edxml.js';
import { badMessages, sampleDocument } from '../unit/interchange/messages.js';
import { minimalPdf } from '../unit/fixtures/minimalPdf.js';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildStatusMessage } from '../../src/main/interchange/edxml.js';
import { createTestPki } from '../support/signing/testPki.js';
import { cli } from '../unit/cliHelpers.js';
import { DRAFT } from '../unit/outgoing/fixtures.js';
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

test("an outgoing document sent as edXML shows each recipient's delivery status as their answers arrive", async ({ page, webApp }) => {
  const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const pki = createTestPki();
  const doc = await ok(webApp.api('outgoing.draft', { data: DRAFT }));
  await ok(webApp.api('outgoing.approve', { id: doc.id }));
  await ok(
    webApp.api('outgoing.sign', {
      id: doc.id,
      as: 'official',
      p12: { bytes: new Uint8Array(pki.official.p12), password: pki.official.p12Password },
    }),
  );
  const issued = await ok(
    webApp.api('outgoing.sign', {
      id: doc.id,
      as: 'organization',
      p12: { bytes: new Uint8Array(pki.organisation.p12), password: pki.organisation.p12Password },
    }),
  );
  // The administrator's exchange folders (the same account is the office's clerk here).
  const out = path.join(webApp.dir, 'hop-thu-di');
  const inbox = path.join(webApp.dir, 'hop-thu-den');
  mkdirSync(out);
  mkdirSync(inbox);
  await ok(webApp.api('exchange.setFolders', { inbox, outbox: out }));
  // The office's identifier and directory (the CLI on the same database).
  const run = (args: string[]) => {
    const r = cli(webApp.dbPath, [...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  run(['init', '--organ-id', '000.00.00.H48']);
  run(['organ', 'add', '--id', '000.00.01.H48', '--name', 'Sở Nội vụ tỉnh Quảng Ngãi']);
  run(['organ', 'add', '--id', '000.00.02.H48', '--name', 'Sở Tài chính tỉnh Quảng Ngãi']);
  // Sở Nội vụ answers 01 then 03; its status messages are taken in on the Liên thông screen.
  const documentId = `000.00.00.H48,${issued.issuedDate!.replaceAll('-', '/')},${issued.symbol}`;
  const status = (code: '01' | '03', at: string) =>
    buildStatusMessage({
      from: { organId: '000.00.01.H48', organName: 'Sở Nội vụ tỉnh Quảng Ngãi' },
      responseFor: { organId: '000.00.00.H48', code: issued.symbol!, documentId },
      statusCode: code,
      timestamp: at,
    });
  await openApp(page, webApp);
  // «Gửi liên thông…» in the outgoing detail: the recipients picked from the directory.
  await page.getByRole('tab', { name: 'Văn bản đi' }).click();
  await page.getByText(DRAFT.subject).first().click();
  await page.getByRole('button', { name: 'Gửi liên thông…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi liên thông' });
  await dialog.getByRole('button', { name: 'Gửi' }).click();
  await expect(dialog.getByText('Chưa chọn cơ quan nhận.')).toBeVisible();
  await dialog.getByLabel('Tìm cơ quan nhận').fill('sở');
  await dialog.getByRole('checkbox', { name: /Sở Nội vụ/ }).check();
  await dialog.getByRole('checkbox', { name: /Sở Tài chính/ }).check();
  await expect(dialog.getByText(`Gói tin được ghi vào thư mục gửi: ${out}`)).toBeVisible();
  await screenshot(page, '62a-send-dialog');
  await dialog.getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByText('Văn bản mới: đã ghi 2 gói tin vào thư mục gửi liên thông.')).toBeVisible();
  expect(readdirSync(out).filter((f) => f.endsWith('.edxml'))).toHaveLength(2);
  await expect(page.getByRole('table', { name: 'Tình trạng gửi liên thông' }).locator('tr[data-status="sent"]')).toHaveCount(2);
  await page.getByRole('tab', { name: 'Liên thông' }).click();
  await expect(page.getByRole('region', { name: 'Thư mục liên thông' }).getByLabel('Thư mục gửi')).toHaveValue(out);
  const today = issued.issuedDate!;
  await page
    .getByLabel('Chọn gói tin edXML')
    .setInputFiles({ name: 'tt-01.edxml', mimeType: 'application/xml', buffer: status('01', `${today}T10:00:00+07:00`) });
  await expect(page.getByText(/Đã cập nhật trạng thái văn bản .* \(mã 01\)/)).toBeVisible();
  await page
    .getByLabel('Chọn gói tin edXML')
    .setInputFiles({ name: 'tt-03.edxml', mimeType: 'application/xml', buffer: status('03', `${today}T10:05:00+07:00`) });
  await expect(page.getByText(/Đã cập nhật trạng thái văn bản .* \(mã 03\)/)).toBeVisible();
  await page.getByRole('tab', { name: 'Văn bản đi' }).click();
  await page.getByText(DRAFT.subject).first().click();
  const table = page.getByRole('table', { name: 'Tình trạng gửi liên thông' });
  await expect(table.locator('tr[data-status="accepted"]')).toContainText('Sở Nội vụ tỉnh Quảng Ngãi');
  await expect(table.locator('tr[data-status="accepted"]')).toContainText('Đã tiếp nhận');
  await expect(table.locator('tr[data-status="sent"]')).toContainText('Sở Tài chính tỉnh Quảng Ngãi');
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, '62-outgoing-deliveries');
});

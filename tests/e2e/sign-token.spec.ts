/**
 * Signing with a token device in the sign dialog: the page offers only the devices the
 * administrator configured on this PC (by name; it never types or sends a library path), says
 * so when there are none, and signs with SoftHSM2 through the token process — a wrong PIN
 * first, refused on the PIN field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestPki } from '../support/signing/testPki.js';
import { HAS_SOFTHSM, SOFTHSM, setupSoftHsm } from '../unit/security/softhsm.js';
import { test, expect, openApp, screenshot, vanthu } from './fixtures.js';

const LABEL = 'VANTHU-E2E';
const PIN = '112233';
// Set up before any web host starts: the host (and its token processes) inherit SOFTHSM2_CONF.
const hsmDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-hsm-'));
if (HAS_SOFTHSM) setupSoftHsm({ dir: hsmDir, pki: createTestPki(hsmDir) }, LABEL, PIN);
test.afterAll(() => rmSync(hsmDir, { recursive: true, force: true }));

const DRAFT = {
  typeName: 'Công văn',
  subject: 'V/v thử ký số bằng thiết bị',
  kinhGui: ['Sở Nội vụ'],
  body: ['Nội dung thử.'],
  recipients: ['Như trên', 'Lưu: VT'],
  signerPosition: 'Chủ tịch',
  signerName: 'Nguyễn Văn An',
  draftingUnit: 'VX',
};

// A real token is needed: npm test installs softhsm2 where apt can (Debian/Ubuntu as root, and CI),
// so this runs there; on any other machine it is skipped with the reason rather than faked.
test.skip(!HAS_SOFTHSM, 'SoftHSM2 is not installed (Debian softhsm2)');

test('the sign dialog offers the configured token devices only, and signs with one (SoftHSM2)', async ({ page, webApp }) => {
  const drafted = await webApp.api('outgoing.draft', { data: DRAFT });
  if (!drafted.ok) throw new Error(drafted.error.message);
  expect((await webApp.api('outgoing.approve', { id: drafted.value.id })).ok).toBe(true);

  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Văn bản đi' }).click();
  await page.locator('tr.out-row').first().dblclick();
  await page.getByRole('button', { name: 'Ký số (người có thẩm quyền)' }).click();
  let dialog = page.getByRole('dialog', { name: 'Ký số của người có thẩm quyền' });
  await dialog.getByLabel('Thiết bị ký số (token USB)').check();
  // Nothing configured yet: said plainly, and there is no field to type a library into.
  await expect(dialog.getByText('Chưa có thiết bị ký số nào được cấu hình trên máy này.', { exact: false })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /thư viện/i })).toHaveCount(0);
  await screenshot(page, '40-sign-token-none');
  await dialog.getByRole('button', { name: 'Thôi' }).click();

  // The administrator configures the device on this PC.
  // (The built CLI, as the office's administrator: tests/e2e/fixtures.ts.)
  vanthu(webApp.dbPath, ['token', 'add', '--library', SOFTHSM, '--label', 'Token của Văn phòng (SoftHSM)']);

  await page.getByRole('button', { name: 'Ký số (người có thẩm quyền)' }).click();
  dialog = page.getByRole('dialog', { name: 'Ký số của người có thẩm quyền' });
  await dialog.getByLabel('Thiết bị ký số (token USB)').check();
  const device = dialog.getByLabel('Thiết bị ký số', { exact: true });
  await expect(device).toHaveValue(/^tk_[0-9a-f]{12}$/);
  await expect(device.locator('option:checked')).toHaveText('Token của Văn phòng (SoftHSM)');
  await dialog.getByLabel('Nhãn token').fill(LABEL);
  await dialog.getByLabel('Mã khóa (key id)').fill('01');
  const pin = dialog.getByLabel('Mã PIN');
  await pin.fill('000000');
  await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(dialog.getByText('Mã PIN không đúng.', { exact: false })).toBeVisible({ timeout: 30_000 });
  await expect(pin).toHaveValue('');
  await screenshot(page, '41-sign-token-wrong-pin');
  await pin.fill(PIN);
  await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('.detail-head .ostatus')).toHaveText('Đã ký');
  await screenshot(page, '42-sign-token-signed');
});

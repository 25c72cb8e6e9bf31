/**
 * «Chứng thư tin cậy» in Chromium (issue 12): the administrator imports the real public
 * certificates of ../shared/vn-trust/ (read from there, never copied into the project) — a PEM
 * file and a PKCS#7 bundle (.p7b, made here from those PEMs by openssl) — and is told how many
 * anchors and intermediates came in; a file that is not a certificate is refused in
 * Vietnamese; the Vietnamese roots are listed apart from the intermediates with their full
 * SHA-256 fingerprints (checked against openssl's); the Government CA G1 root is marked
 * legacy and the SHA-1 warning shows; one certificate is removed after confirming. A clerk
 * has no such tab. Screenshots in test-results/screens.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, FIXTURE_PASSWORD, ROOT, screenshot, signIn, OFFICE_USER } from './fixtures.js';

const TEMP_PASSWORD = 'Tạm-thời-2026-ab';

function trustDir(): string | null {
  for (const c of [process.env.VANTHU_SHARED_DIR, path.resolve(ROOT, '..', 'shared'), '/work/shared']) {
    if (c && existsSync(path.join(c, 'vn-trust'))) return path.join(c, 'vn-trust');
  }
  return null;
}
const TRUST = trustDir();

/** openssl's SHA-256 fingerprint of a PEM certificate ("AB:CD:…"), to compare with the screen's. */
function fingerprint(pem: string): string {
  return execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).split('=')[1]!.trim();
}

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Màn hình' }).getByRole('tab', { name, exact: true });

test.skip(!TRUST, 'no shared/vn-trust folder beside the repository (set VANTHU_SHARED_DIR)');

test('the administrator imports the Vietnamese roots, marks the G1 chain legacy and removes a certificate; a clerk has no such screen', async ({
  page,
  webApp,
}) => {
  const p7b = path.join(webApp.dir, 'goc-va-trung-gian.p7b');
  const pems = ['vnrca-g2.pem', 'vnpt-ca-sha2.pem', 'vgca-rootca-g2.pem', 'vgca-cpcag2.pem'].map((f) => path.join(TRUST!, f));
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', ...pems.flatMap((f) => ['-certfile', f]), '-outform', 'DER', '-out', p7b]);
  const junk = path.join(webApp.dir, 'khong-phai-chung-thu.pem');
  writeFileSync(junk, 'Đây là một tệp văn bản, không phải chứng thư số.\n');

  await page.goto(webApp.url);
  await signIn(page, OFFICE_USER);
  await tab(page, 'Chứng thư tin cậy').click();
  const screen = page.getByLabel('Quản lý chứng thư tin cậy');
  await expect(screen.getByText('Chưa có chứng thư gốc nào.')).toBeVisible();
  const input = page.getByLabel('Tệp chứng thư (.pem, .crt, .cer, .p7b, .p7c)');

  // Not a certificate: refused in Vietnamese, nothing kept.
  await input.setInputFiles(junk);
  await expect(screen.getByRole('alert')).toContainText('Không nhập được tệp khong-phai-chung-thu.pem');
  await expect(screen.getByRole('alert')).toContainText('không phải chứng thư số');
  await expect(page.getByTestId('trust-counts')).toHaveText('0 chứng thư gốc · 0 CA trung gian');

  // A PKCS#7 bundle: two roots become anchors, two CA certificates stay intermediates.
  await input.setInputFiles(p7b);
  await expect(page.getByTestId('trust-import-result')).toContainText('2 chứng thư gốc, 2 chứng thư CA trung gian — thêm mới 4');
  // The G1 root (SHA-1) and its CA from PEM files.
  await input.setInputFiles(path.join(TRUST!, 'vgca-rootca-g1.pem'));
  await expect(page.getByTestId('trust-import-result')).toContainText('là gốc SHA-1');
  await input.setInputFiles(path.join(TRUST!, 'vgca-cp-g1.pem'));
  await expect(page.getByTestId('trust-import-result')).toContainText('0 chứng thư gốc, 1 chứng thư CA trung gian — thêm mới 1');
  await expect(page.getByTestId('trust-counts')).toHaveText('3 chứng thư gốc · 3 CA trung gian');

  const anchors = screen.getByRole('table', { name: 'Danh sách chứng thư gốc tin cậy' });
  const intermediates = screen.getByRole('table', { name: 'Danh sách chứng thư CA trung gian' });
  await expect(anchors).toContainText('RootCA chuyên dùng Chính phủ G2');
  await expect(anchors).toContainText('Vietnam National Root CA');
  await expect(anchors).toContainText('Co quan chung thuc so chuyen dung Chinh phu (RootCA)');
  await expect(intermediates).toContainText('CA phục vụ các cơ quan Nhà nước G2');
  await expect(intermediates).toContainText('VNPT-CA SHA2');
  await expect(anchors).not.toContainText('VNPT-CA SHA2');
  // Full fingerprints, as openssl prints them.
  const g2 = anchors.locator('tr', { hasText: 'RootCA chuyên dùng Chính phủ G2' });
  await expect(g2.getByTestId('trust-fp')).toHaveText(fingerprint(path.join(TRUST!, 'vgca-rootca-g2.pem')));
  await expect(intermediates.locator('tr', { hasText: 'VNPT-CA SHA2' }).getByTestId('trust-fp')).toHaveText(
    fingerprint(path.join(TRUST!, 'vnpt-ca-sha2.pem')),
  );
  await expect(g2).toContainText('2018');
  await expect(g2).toContainText('2048');
  await screenshot(page, 'trust-01-imported');

  // The G1 chain is SHA-1 and valid until 2030: marked legacy, with the warning in sight.
  const g1Name = 'Co quan chung thuc so chuyen dung Chinh phu (RootCA)';
  await expect(page.getByTestId('trust-legacy-warning')).toHaveCount(0);
  // The box follows the store: it turns checked once the server has recorded the change.
  const legacyBox = anchors.getByLabel(`Gốc cũ, chấp nhận chữ ký SHA-1: ${g1Name}`);
  await legacyBox.click();
  await expect(legacyBox).toBeChecked();
  await expect(page.getByTestId('trust-legacy-warning')).toContainText('Đang chấp nhận chữ ký SHA-1');
  await expect(page.getByTestId('trust-legacy-warning')).toContainText(g1Name);
  await expect(anchors.locator('tr', { hasText: g1Name })).toContainText('Chấp nhận SHA-1');
  await screenshot(page, 'trust-02-legacy');
  const listed = await webApp.api('trust.list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  expect(listed.value.filter((c) => c.legacy).map((c) => c.subject)).toEqual([expect.stringContaining(g1Name)]);

  // Removing the national root, after confirming.
  await anchors.getByRole('button', { name: 'Xóa chứng thư Vietnam National Root CA' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xóa chứng thư tin cậy' });
  await expect(dialog).toContainText('Vietnam National Root CA');
  await expect(dialog).toContainText(fingerprint(path.join(TRUST!, 'vnrca-g2.pem')));
  await screenshot(page, 'trust-03-remove-confirm');
  await dialog.getByRole('button', { name: 'Xóa chứng thư' }).click();
  await expect(dialog).toBeHidden();
  await expect(anchors).not.toContainText('Vietnam National Root CA');
  await expect(page.getByTestId('trust-counts')).toHaveText('2 chứng thư gốc · 3 CA trung gian');
  await screenshot(page, 'trust-04-removed');

  // A clerk: no such tab (the verify panel shows the list read-only).
  await webApp.api('account.add', {
    username: 'vt.clerk',
    fullName: 'Trần Văn Thư',
    roles: ['clerk'],
    confidential: false,
    password: TEMP_PASSWORD,
  });
  const own = await webApp.apiAs('vt.clerk', TEMP_PASSWORD);
  await own('auth.changePassword', { current: TEMP_PASSWORD, next: FIXTURE_PASSWORD });
  await page.locator('.app-header').getByRole('button', { name: / ▾$/ }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await signIn(page, 'vt.clerk');
  await expect(page.getByTestId('status-user')).toContainText('Trần Văn Thư');
  await expect(tab(page, 'Văn bản đến')).toBeVisible();
  await expect(tab(page, 'Chứng thư tin cậy')).toHaveCount(0);
  const refused = await own('trust.remove', { id: listed.value[0]!.id });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await screenshot(page, 'trust-05-clerk');
});

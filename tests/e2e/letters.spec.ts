/**
 * The «Tiếp công dân» tab in Chromium (issue 15): a clerk registers a letter through the form
 * (a bad identity number is refused beside its field and nothing is saved); a leader classifies
 * it and accepts it (thụ lý) for a unit; a specialist of that unit sees it and records the
 * answer, while a specialist of another unit does not see it; another letter is transferred
 * and its «phiếu chuyển đơn» PDF opens; a denunciation's author reads «Được giữ bí mật» for
 * the clerk (no confidential grant) and is shown to the leader (who holds it). The hotline,
 * the statistics and the report form are looked at too. Screenshots in test-results/screens.
 */
import type { Page } from '@playwright/test';
import type { Role } from '../../src/shared/domain/accounts.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, FIXTURE_PASSWORD, screenshot, signIn, type WebApp } from './fixtures.js';
import { samplePdf } from './testData.js';

const TEMP_PASSWORD = 'Tạm-thời-2026-ab';

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const PEOPLE: Record<string, { username: string; fullName: string; roles: Role[]; confidential: boolean; unit?: string }> = {
  clerk: { username: 'vt.tcd', fullName: 'Trần Tiếp Dân', roles: ['clerk'], confidential: false },
  leader: { username: 'ld.tcd', fullName: 'Lê Lãnh Đạo', roles: ['leader'], confidential: true },
  stnmt: { username: 'cv.stnmt', fullName: 'Phạm Tài Nguyên', roles: ['specialist'], confidential: false, unit: 'STNMT' },
  sxd: { username: 'cv.sxd', fullName: 'Đỗ Xây Dựng', roles: ['specialist'], confidential: false, unit: 'SXD' },
};

async function office(webApp: WebApp) {
  await ok(webApp.api('unit.add', { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường' }));
  await ok(webApp.api('unit.add', { code: 'SXD', name: 'Sở Xây dựng' }));
  await ok(webApp.api('organ.add', { organId: '000.00.31.H48', name: 'Ủy ban nhân dân huyện Sơn Tịnh' }));
  for (const u of Object.values(PEOPLE)) {
    await ok(webApp.api('account.add', { ...u, password: TEMP_PASSWORD }));
    const own = await webApp.apiAs(u.username, TEMP_PASSWORD);
    await ok(own('auth.changePassword', { current: TEMP_PASSWORD, next: FIXTURE_PASSWORD }));
  }
}

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Màn hình' }).getByRole('tab', { name, exact: true });
const part = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Tiếp công dân' }).getByRole('button', { name, exact: true });

async function as(page: Page, webApp: WebApp, who: keyof typeof PEOPLE | null) {
  const current = page.getByTestId('status-user');
  if (await current.isVisible().catch(() => false)) {
    await page.locator('.app-header').getByRole('button', { name: / ▾$/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  } else await page.goto(webApp.url);
  if (who) {
    await signIn(page, PEOPLE[who]!.username);
    await expect(page.getByTestId('status-user')).toContainText(PEOPLE[who]!.fullName);
  }
  await tab(page, 'Tiếp công dân').click();
}

const rows = (page: Page) => page.getByTestId('letters-rows');

test('a letter from the form to its answer, under each role; a transfer slip; a hidden denouncer', async ({ page, webApp }) => {
  test.setTimeout(180_000);
  await office(webApp);

  // The clerk registers a complaint signed by two people; a bad identity number is refused first.
  await as(page, webApp, 'clerk');
  await expect(rows(page)).toHaveAttribute('data-loading', 'false');
  await part(page, 'Tiếp nhận đơn').click();
  const form = page.getByRole('form', { name: 'Tiếp nhận đơn' });
  await form.getByLabel('Nguồn đơn').selectOption({ label: 'Trực tiếp' });
  await form.getByLabel('Loại đơn').selectOption({ label: 'Khiếu nại' });
  await expect(form.getByLabel('Đơn nặc danh (không có người đứng đơn)')).toBeDisabled();
  await form.getByLabel('Họ tên (1)').fill('Nguyễn Văn Bình');
  await form.getByLabel('Địa chỉ (1)').fill('Thôn Phú Lộc, xã Tịnh Hà, tỉnh Quảng Ngãi');
  await form.getByLabel('Số CCCD/CMND/Hộ chiếu (1)').fill('0512');
  await form.getByLabel('Điện thoại (1)').fill('0912 345 678');
  await form.getByRole('button', { name: '+ Thêm người cùng đứng đơn' }).click();
  await form.getByLabel('Họ tên (2)').fill('Trần Thị Hoa');
  await form.getByLabel('Địa chỉ (2)').fill('Thôn Phú Lộc, xã Tịnh Hà');
  await form.getByLabel('Nội dung chính (trích yếu)').fill('Khiếu nại quyết định thu hồi đất tại thôn Phú Lộc');
  await form.getByLabel('Tóm tắt nội dung đơn').fill('Ông Bình và bà Hoa không đồng ý mức bồi thường khi thu hồi 300 m² đất ở.');
  await form.getByLabel('Cơ quan, người bị khiếu nại, tố cáo').fill('Ủy ban nhân dân xã Tịnh Hà');
  // The scanned letter goes with it: read after registration, its words searchable in the register.
  const scan = path.join(webApp.dir, 'don-khieu-nai-quet.pdf');
  writeFileSync(scan, await samplePdf('Đề nghị xem xét lại đơn giá bồi thường cây keo lai'));
  await form.getByLabel('Ảnh quét đơn hoặc tài liệu kèm theo (PDF, PNG, JPEG, TIFF)').setInputFiles(scan);
  await expect(form.getByRole('list', { name: 'Tệp sẽ kèm theo đơn' })).toContainText('don-khieu-nai-quet.pdf');
  await form.getByRole('button', { name: 'Vào sổ đơn' }).click();
  const idError = form.locator('#sender-1-id-error');
  await expect(idError).toContainText('Số định danh của người đứng đơn thứ 1 không đúng dạng');
  await expect(form.getByLabel('Số CCCD/CMND/Hộ chiếu (1)')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'letters-01-form-error');
  expect(await ok(webApp.api('letter.list', {}))).toHaveLength(0);
  await form.getByLabel('Số CCCD/CMND/Hộ chiếu (1)').fill('051090001234');
  await form.getByLabel('Số CCCD/CMND/Hộ chiếu (1)').press('Control+Enter');
  const detail = page.getByTestId('letter-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(/^Đơn số 1\/\d{4} — Khiếu nại$/);
  await expect(detail.getByTestId('letter-status')).toHaveText('Chưa phân loại');
  // Ctrl+Enter in a field registers one letter, not two (the key and the form's own submit).
  expect(await ok(webApp.api('letter.list', {}))).toHaveLength(1);
  await expect(detail.getByTestId('senders')).toContainText('051090001234');
  await expect(detail.getByTestId('senders')).toContainText('Trần Thị Hoa');
  // The limit counts working days (the office's calendar), and says so.
  await expect(detail.getByTestId('letter-due-left').first()).toHaveText(/còn \d+ ngày làm việc|hạn cuối là hôm nay/);
  // The form's scan was attached and read: listed, its text shown page by page.
  const files = detail.getByRole('region', { name: 'Tệp đơn' });
  await expect(files.getByTestId('letter-file')).toHaveCount(1, { timeout: 60_000 });
  await expect(files.getByTestId('letter-file')).toContainText('don-khieu-nai-quet.pdf');
  await expect(files.getByTestId('letter-file')).toContainText('2 trang');
  await expect(files.getByTestId('letter-page-text').first()).toContainText('đơn giá bồi thường cây keo lai');
  await screenshot(page, 'letters-02b-detail-files');
  // The clerk classifies within competence, but thụ lý is the leader's decision here: the clerk leaves it.
  await screenshot(page, 'letters-02-detail-received');

  // A denunciation and a petition the clerk registers through the API (the form was shown above).
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  const denunciation = await ok(
    webApp.api('letter.add', {
      data: {
        receivedDate: today,
        channel: 'post',
        kind: 'denunciation',
        subject: 'Tố cáo cán bộ địa chính xã nhận tiền khi cấp giấy chứng nhận',
        concernedBody: 'Ủy ban nhân dân xã Tịnh Hà',
        senders: [{ fullName: 'Lê Văn Tố', address: 'Xã Tịnh Hà', idNumber: '051085004321' }],
      },
    }),
  );
  const petition = await ok(
    webApp.api('letter.add', {
      data: {
        receivedDate: today,
        channel: 'forwarded',
        forwardedBy: 'Báo Quảng Ngãi',
        kind: 'petition',
        subject: 'Kiến nghị sửa chữa đường liên thôn bị sạt lở',
        senders: [{ fullName: 'Võ Thị Kiến', address: 'Xã Sơn Tịnh' }],
      },
    }),
  );
  await part(page, 'Sổ tiếp nhận đơn').click();
  await expect(rows(page)).toHaveAttribute('data-loading', 'false');
  await expect(rows(page).locator('tbody tr')).toHaveCount(3);
  // The register never names a denunciation's author.
  await expect(rows(page).locator(`tr[data-letter="${denunciation.id}"]`)).toContainText('Được giữ bí mật (đơn tố cáo)');
  await expect(rows(page)).toContainText('Nguyễn Văn Bình và 1 người khác');
  await screenshot(page, 'letters-03-register-clerk');
  // Words found only in the scan find the letter.
  await page.getByLabel('Tìm trong nội dung').fill('cây keo lai');
  await expect(rows(page).locator('tbody tr')).toHaveCount(1);
  await expect(rows(page)).toContainText('Khiếu nại quyết định thu hồi đất tại thôn Phú Lộc');
  await page.getByLabel('Tìm trong nội dung').fill('');
  await expect(rows(page).locator('tbody tr')).toHaveCount(3);
  // Filters: by kind.
  await page.getByLabel('Loại đơn').selectOption({ label: 'Tố cáo' });
  await expect(rows(page).locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Loại đơn').selectOption({ label: 'Tất cả' });
  await expect(rows(page).locator('tbody tr')).toHaveCount(3);
  // The clerk (no confidential grant) opens the denunciation: its author is hidden.
  await rows(page).locator(`tr[data-letter="${denunciation.id}"]`).getByRole('button').first().click();
  await expect(detail.getByTestId('senders-hidden')).toHaveText('Được giữ bí mật (đơn tố cáo) — 1 người đứng đơn');
  await expect(detail).not.toContainText('Lê Văn Tố');
  await screenshot(page, 'letters-04-denunciation-hidden');
  // The clerk transfers the petition to the competent body and opens the slip.
  await part(page, 'Sổ tiếp nhận đơn').click();
  await rows(page).locator(`tr[data-letter="${petition.id}"]`).getByRole('button').first().click();
  const classify = page.getByRole('region', { name: 'Phân loại đơn' });
  await classify.getByLabel('Đủ điều kiện xử lý', { exact: true }).check();
  await classify.getByLabel('Không thuộc thẩm quyền').check();
  await classify.getByRole('button', { name: 'Ghi phân loại' }).click();
  await expect(detail.getByTestId('letter-status')).toHaveText('Đã phân loại, chờ xử lý');
  const handle = page.getByRole('region', { name: 'Hướng xử lý' });
  await expect(handle.getByLabel('Thụ lý (giao đơn vị giải quyết)')).toBeDisabled();
  await handle.getByLabel('Chuyển đơn đến cơ quan có thẩm quyền').check();
  // Without a body chosen the service refuses, beside the field.
  await handle.getByRole('button', { name: 'Ghi hướng xử lý' }).click();
  await expect(handle.locator('#transfer-organ-error')).toContainText('Cơ quan có thẩm quyền: chưa nhập.');
  await handle.getByLabel('Cơ quan có thẩm quyền (danh bạ)').selectOption({ label: 'Ủy ban nhân dân huyện Sơn Tịnh' });
  await handle.getByLabel('Số, ký hiệu phiếu chuyển').fill('15/PC-BTCD');
  await screenshot(page, 'letters-05-transfer');
  await handle.getByRole('button', { name: 'Ghi hướng xử lý' }).click();
  await expect(detail.getByTestId('letter-status')).toHaveText('Đã chuyển đơn');
  await detail.getByRole('button', { name: 'Phiếu chuyển đơn (PDF)' }).click();
  const slip = page.getByRole('dialog', { name: 'Phiếu chuyển đơn' });
  await expect(slip.getByTestId('pdf-preview').locator('canvas[data-done]').first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'letters-06-transfer-slip');
  await slip.getByRole('button', { name: 'Đóng' }).click();

  // The leader (who holds the grant) sees the denouncer, and accepts the complaint for STNMT.
  await as(page, webApp, 'leader');
  await expect(rows(page)).toHaveAttribute('data-loading', 'false');
  await rows(page).locator(`tr[data-letter="${denunciation.id}"]`).getByRole('button').first().click();
  await expect(detail.getByTestId('senders')).toContainText('Lê Văn Tố');
  await part(page, 'Sổ tiếp nhận đơn').click();
  await rows(page).locator('tr', { hasText: 'Khiếu nại quyết định thu hồi đất' }).getByRole('button').first().click();
  await classify.getByLabel('Đủ điều kiện xử lý', { exact: true }).check();
  await classify.getByLabel('Thuộc thẩm quyền', { exact: true }).check();
  await classify.getByRole('button', { name: 'Ghi phân loại' }).click();
  await expect(detail.getByTestId('letter-status')).toHaveText('Đã phân loại, chờ xử lý');
  await handle.getByLabel('Thụ lý (giao đơn vị giải quyết)').check();
  await handle.getByLabel('Đơn vị chủ trì giải quyết').selectOption({ label: 'STNMT — Sở Tài nguyên và Môi trường' });
  await handle.getByLabel('Ý kiến chỉ đạo').fill('Kiểm tra, giải quyết theo quy định; báo cáo kết quả.');
  await screenshot(page, 'letters-07-accept');
  await handle.getByRole('button', { name: 'Ghi hướng xử lý' }).click();
  await expect(detail.getByTestId('letter-status')).toHaveText('Đã thụ lý, đang giải quyết');
  await expect(detail).toContainText('Sở Tài nguyên và Môi trường');
  await screenshot(page, 'letters-08-accepted');

  // A specialist of another unit does not see it (nor anything else: nothing is theirs).
  await as(page, webApp, 'sxd');
  await expect(rows(page)).toHaveAttribute('data-loading', 'false');
  await expect(rows(page).locator('tbody tr')).toHaveCount(0);
  await expect(part(page, 'Tiếp nhận đơn')).toBeDisabled();
  await expect(part(page, 'Tiếp nhận đơn')).toHaveAttribute('title', /Cần vai trò Văn thư hoặc Lãnh đạo/);
  await expect(page.getByTestId('letters-own-unit')).toHaveText('Đơn giao cho Sở Xây dựng');
  await screenshot(page, 'letters-09-other-unit');

  // The specialist of STNMT sees it and records the answer.
  await as(page, webApp, 'stnmt');
  await expect(rows(page)).toHaveAttribute('data-loading', 'false');
  await expect(rows(page).locator('tbody tr')).toHaveCount(1);
  await rows(page).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Phân loại đơn' })).toHaveCount(0);
  const answer = page.getByRole('region', { name: 'Kết quả giải quyết' });
  await answer.getByRole('button', { name: 'Ghi kết quả' }).click();
  await expect(answer.locator('#letter-answer-error')).toContainText('Kết quả giải quyết: chưa nhập.');
  await answer.getByLabel('Kết quả').fill('Đã đối thoại với công dân; giữ nguyên mức bồi thường theo quy định, công dân đồng ý.');
  await answer.getByLabel('Số, ký hiệu văn bản trả lời').fill('245/STNMT-TTr');
  await answer.getByRole('button', { name: 'Ghi kết quả' }).click();
  await expect(detail.getByTestId('letter-status')).toHaveText('Đã có kết quả');
  await expect(detail).toContainText('245/STNMT-TTr');
  await screenshot(page, 'letters-10-answered');
});

test('hotline, statistics and the periodic report form', async ({ page, webApp }) => {
  await office(webApp);
  await as(page, webApp, 'leader');
  await part(page, 'Đường dây nóng').click();
  await page.getByRole('button', { name: 'Tiếp nhận phản ánh' }).click();
  const add = page.getByRole('form', { name: 'Tiếp nhận phản ánh qua đường dây nóng' });
  await add.getByLabel('Họ tên người phản ánh').fill('Đặng Văn Gọi');
  await add.getByLabel('Điện thoại').fill('0935 111 222');
  await add.getByLabel('Thủ tục hành chính').fill('Cấp giấy chứng nhận quyền sử dụng đất lần đầu');
  await add.getByLabel('Nguyên nhân').selectOption({ label: 'Chậm trả hồ sơ, kết quả' });
  await add.getByLabel('Nội dung phản ánh (ghi trung thực)').fill('Hồ sơ nộp từ tháng trước, quá hẹn 10 ngày chưa trả kết quả.');
  await add.getByRole('button', { name: 'Ghi phản ánh' }).click();
  await expect(add.locator('#hl-unit-error')).toBeVisible();
  await add.getByLabel('Đơn vị bị phản ánh').selectOption({ label: 'STNMT — Sở Tài nguyên và Môi trường' });
  await add.getByRole('button', { name: 'Ghi phản ánh' }).click();
  const item = page.getByTestId('hotline-item');
  await expect(item).toContainText('Mới tiếp nhận');
  await item.getByRole('button', { name: 'Chuyển đơn vị xử lý' }).click();
  await expect(item).toContainText('Đã chuyển đơn vị');
  await item.getByLabel('Trả lời của đơn vị').fill('Đã trả kết quả cho công dân ngày hôm sau.');
  await item.getByRole('button', { name: 'Ghi trả lời' }).click();
  await expect(item).toContainText('Đã có trả lời');
  // Answered: the recorded answer is shown instead of the box, and only what may follow (closing, or a letter).
  await expect(item.getByTestId('hotline-answer')).toContainText('Đã trả kết quả cho công dân ngày hôm sau.');
  await expect(item.getByLabel('Trả lời của đơn vị')).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Ghi trả lời' })).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Chuyển đơn vị xử lý' })).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Kết thúc' })).toHaveCount(1);
  await screenshot(page, 'letters-11-hotline');
  // The call was really a petition: it goes into the letters' track, the item closes.
  await item.getByLabel('Thực chất là đơn').selectOption({ label: 'Kiến nghị' });
  await item.getByRole('button', { name: 'Chuyển thành đơn' }).click();
  const detail = page.getByTestId('letter-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(/^Đơn số 1\/\d{4} — Kiến nghị$/);
  await expect(detail).toContainText('Đường dây nóng');
  await expect(detail.getByTestId('senders')).toContainText('Đặng Văn Gọi');
  await screenshot(page, 'letters-12-hotline-letter');
  await part(page, 'Đường dây nóng').click();
  await expect(page.getByTestId('hotline-rows')).toContainText('Đã kết thúc');

  await part(page, 'Thống kê').click();
  await page.getByRole('button', { name: 'Xem thống kê' }).click();
  await expect(page.getByTestId('stats-hotline')).toContainText('Nguyên nhân: Chậm trả hồ sơ, kết quả1');
  await screenshot(page, 'letters-13-stats');

  await part(page, 'Báo cáo định kỳ').click();
  await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption({ label: 'Năm' });
  await page.getByLabel('Hồ sơ TTHC tiếp nhận (*)').fill('52.398');
  await page.getByLabel('Hồ sơ đã giải quyết (*)').fill('50788');
  await page.getByLabel('Trong đó đúng hạn và trước hạn (*)').fill('60000');
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  await expect(page.locator('#report-dossiers-onTime-error')).toBeVisible();
  await page.getByLabel('Trong đó đúng hạn và trước hạn (*)').fill('48604');
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  const preview = page.getByTestId('report-preview');
  await expect(preview).toContainText('Tiếp nhận 52.398 hồ sơ thủ tục hành chính, đã giải quyết 50.788 hồ sơ');
  await expect(preview).toContainText('Đã tiếp nhận, xử lý 1 phản ánh');
  await screenshot(page, 'letters-14-report');
  await page.getByRole('button', { name: 'Soạn dự thảo báo cáo' }).click();
  await expect(tab(page, 'Văn bản đi')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/Kết quả thực hiện nhiệm vụ năm \d{4}/).first()).toBeVisible();
  await screenshot(page, 'letters-15-report-draft');
});

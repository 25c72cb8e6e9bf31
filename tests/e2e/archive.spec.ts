/**
 * The archivist's screens in Chromium: a year's file plan built and approved, a dossier
 * opened from it, a registered letter found and filed, the dossier closed and handed over
 * to the agency archive (record accepted, package downloaded); an expired dossier destroyed
 * by a council's decision. Screenshots of each screen go to test-results/screens/.
 */
import { test, expect, openApp, screenshot, type WebApp } from './fixtures.js';
import { SENDERS, addIncoming } from './testData.js';

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function thisYear(webApp: WebApp): Promise<number> {
  return Number((await ok(webApp.api('app.info', {}))).today.slice(0, 4));
}

test('a dossier from the file plan to the agency archive, and an expired one destroyed', async ({ page, webApp }) => {
  const year = await thisYear(webApp);
  const letter = await addIncoming(webApp, { ...SENDERS[0]!, arrivalDate: `${year}-01-06T08:30:00+07:00`, issuedDate: `${year}-01-05` });
  // An old dossier whose two years ran out, closed long ago (arranged as a clerk catching up would).
  const old = await ok(
    webApp.api('dossier.open', { title: 'Hồ sơ hội nghị giao ban năm 2022', code: '09.VP', retention: 2, startDate: '2022-01-10' }),
  );
  await ok(webApp.api('dossier.addDoc', { id: old.id, kind: 'incoming', docId: letter.id }));
  await ok(webApp.api('dossier.close', { id: old.id, title: old.title, retention: 2, endDate: '2022-12-30' }));

  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Lưu trữ' }).click();
  await page.getByLabel('Năm của danh mục').fill(String(year));

  const heading = page.getByRole('form', { name: 'Thêm đề mục' });
  await heading.getByLabel('Tên đề mục').fill('Tổ chức, cán bộ');
  await heading.getByLabel('Ký hiệu đề mục lớn (ví dụ TCCB)').fill('tccb');
  await heading.getByRole('button', { name: 'Thêm đề mục' }).click();
  await expect(page.getByRole('table', { name: `Danh mục hồ sơ năm ${year}` })).toContainText('I. TỔ CHỨC, CÁN BỘ');
  await heading.getByLabel('Tên đề mục').fill('Công tác quy hoạch cán bộ');
  await heading.getByLabel('Thuộc đề mục lớn (để trống nếu là đề mục lớn)').selectOption('TCCB');
  await heading.getByRole('button', { name: 'Thêm đề mục' }).click();
  await expect(page.getByRole('table', { name: `Danh mục hồ sơ năm ${year}` })).toContainText('1. Công tác quy hoạch cán bộ');

  const add = page.getByRole('form', { name: 'Thêm hồ sơ vào danh mục' });
  await add.getByLabel('Đề mục').selectOption('TCCB.1');
  await add.getByLabel('Tiêu đề hồ sơ').fill('Hồ sơ quy hoạch cán bộ lãnh đạo, quản lý');
  await add.getByLabel('Thời hạn bảo quản («Vĩnh viễn» hoặc số năm)').fill('Vĩnh viễn');
  await add.getByLabel('Người lập hồ sơ').fill('Trần Thị Bình');
  await add.getByRole('button', { name: 'Thêm hồ sơ' }).click();
  const row = page.locator('tr[data-dossier="01.TCCB"]');
  await expect(row).toContainText('Vĩnh viễn');
  // A mistake: a retention that is no retention — refused in Vietnamese, nothing added.
  await add.getByLabel('Tiêu đề hồ sơ').fill('Hồ sơ sai thời hạn');
  await add.getByLabel('Thời hạn bảo quản («Vĩnh viễn» hoặc số năm)').fill('mãi mãi');
  await add.getByRole('button', { name: 'Thêm hồ sơ' }).click();
  await expect(page.getByText('Thời hạn bảo quản: ghi «Vĩnh viễn» hoặc số năm từ 1 đến 100.')).toBeVisible();
  await expect(page.locator('tr[data-dossier]')).toHaveCount(1);

  const approve = page.getByRole('form', { name: 'Phê duyệt danh mục' });
  await approve.getByLabel('Số quyết định').fill('15/QĐ-UBND');
  await approve.getByLabel('Ngày quyết định (dd/mm/yyyy)').fill(`05/01/${year}`);
  await approve.getByRole('button', { name: 'Ghi nhận phê duyệt' }).click();
  await expect(page.getByText(`Đã phê duyệt: QĐ số 15/QĐ-UBND ngày 05/01/${year}`)).toBeVisible();
  await expect(
    page.getByText('Danh mục hồ sơ này có 1 hồ sơ, bao gồm: 1 hồ sơ bảo quản vĩnh viễn; 0 hồ sơ bảo quản có thời hạn.'),
  ).toBeVisible();
  await screenshot(page, 'archive-file-plan');

  // Open it, find the letter, file it, close it.
  await row.getByRole('button', { name: 'Mở hồ sơ' }).click();
  const dossier = page.getByLabel('Hồ sơ 01.TCCB');
  await expect(dossier.getByRole('heading', { name: /01\.TCCB — Hồ sơ quy hoạch cán bộ/ })).toBeVisible();
  await dossier.getByLabel('Tìm văn bản để đưa vào hồ sơ').fill('215/STC');
  await dossier.getByRole('button', { name: 'Tìm' }).click();
  await dossier.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
  await expect(dossier.getByRole('table', { name: 'Văn bản trong hồ sơ' })).toContainText('215/STC-QLNS');
  await screenshot(page, 'archive-dossier');
  await dossier.getByRole('form', { name: 'Kết thúc hồ sơ' }).getByRole('button', { name: 'Kết thúc hồ sơ' }).click();
  await expect(dossier.getByText('Đã kết thúc', { exact: true })).toBeVisible();
  await expect(dossier.getByText(`31/12/${year + 1}`)).toBeVisible();

  // Hand it over: the due list, the record, the archive's acceptance, the package.
  await page.getByRole('button', { name: 'Nộp lưu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'hồ sơ phải nộp lưu' })).toContainText('1 hồ sơ phải nộp lưu');
  await page.getByLabel('Chọn hồ sơ 01.TCCB').check();
  const form = page.getByRole('form', { name: 'Lập biên bản giao nhận' });
  await form.getByLabel('Đơn vị giao nộp').fill('Phòng Tổ chức - Hành chính');
  await form.getByLabel('Người giao', { exact: true }).fill('Trần Thị Bình');
  await form.getByLabel('Chức vụ người giao').fill('Chuyên viên');
  await form.getByRole('button', { name: 'Lập biên bản' }).click();
  const record = page.getByRole('region', { name: /Biên bản giao nhận số/ });
  await expect(record).toContainText('chờ Lưu trữ cơ quan nhận');
  await record.getByLabel('Người nhận', { exact: true }).fill('Lê Văn Cường');
  await record.getByRole('button', { name: 'Tiếp nhận vào lưu trữ' }).click();
  await expect(record).toContainText('Lưu trữ cơ quan đã nhận');
  const download = page.waitForEvent('download');
  await record.getByRole('button', { name: 'Tải gói nộp lưu điện tử' }).click();
  expect((await download).suggestedFilename()).toMatch(/^nop-luu-\d{4}-\d+\.zip$/);
  await screenshot(page, 'archive-handover');

  // Destroy the expired one, by decision.
  await page.getByRole('button', { name: 'Hủy tài liệu' }).click();
  await page.getByLabel('Năm hết hạn').fill(String(year));
  await page.getByLabel('Chọn hồ sơ 09.VP').check();
  const propose = page.getByRole('form', { name: 'Đề nghị hủy' });
  await propose.getByLabel('Tên danh mục').fill(`Danh mục tài liệu hết thời hạn lưu trữ năm ${year}`);
  await propose.getByRole('button', { name: 'Lập danh mục' }).click();
  const x = page.getByRole('region', { name: /Hồ sơ hủy số/ });
  await x.getByLabel('Quyết định thành lập Hội đồng xét hủy').fill('3/QĐ-UBND');
  await x.getByLabel('Biên bản họp Hội đồng').fill('Biên bản họp ngày 10/01');
  await x.getByLabel('Quyết định hủy (số)').fill('9/QĐ-UBND');
  await x.getByLabel('Ngày quyết định').fill(`20/01/${year}`);
  await x.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await x.getByLabel('Biên bản về việc hủy').fill('Biên bản hủy ngày 25/01');
  await x.getByRole('button', { name: 'Hủy tài liệu' }).click();
  await expect(x).toContainText('Đã hủy ngày');
  await screenshot(page, 'archive-destruction');

  const h = await ok(webApp.api('dossier.get', { id: old.id }));
  expect(h.state).toBe('destroyed');
});

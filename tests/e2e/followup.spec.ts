/**
 * "Theo dõi xử lý": units, the leader's direction of an incoming document with a deadline
 * in working days, progress reported done, the routing slip; the overdue and due-soon
 * lists with the reminder công văn and the follow-up book; the task board; the statistics.
 * Past work is entered through the API with its real times (`at`), as a clerk catching up
 * would, so the overdue items exist before the page loads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addDays } from '../../src/shared/text/dates.js';
import { test, expect, openApp, screenshot, type WebApp } from './fixtures.js';
import { SENDERS, addIncoming } from './testData.js';

const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function serverToday(webApp: WebApp): Promise<string> {
  const r = await webApp.api('app.info', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.today;
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function addUnits(webApp: WebApp): Promise<void> {
  await ok(webApp.api('unit.add', { code: 'VX', name: 'Phòng Văn hóa - Xã hội' }));
  await ok(webApp.api('unit.add', { code: 'KTTH', name: 'Phòng Kinh tế tổng hợp' }));
}

/**
 * Five documents handled over the last weeks: one done on time today, one done late, one
 * done early, one overdue (VX leads all four), and one of KTTH due in three days.
 */
async function arrangeHistory(webApp: WebApp): Promise<{ today: string; overdueId: number }> {
  const today = await serverToday(webApp);
  const d = (n: number) => addDays(today, n);
  await addUnits(webApp);
  const a = await addIncoming(webApp, { ...SENDERS[0] });
  await ok(webApp.api('incoming.assign', { id: a.id, lead: 'VX', dueWorkingDays: 5 }));
  await ok(webApp.api('incoming.progress', { id: a.id, unit: 'VX', status: 'done', reply: '101/UBND-VX' }));

  const b = await addIncoming(webApp, { ...SENDERS[1], issuedDate: d(-41), arrivalDate: `${d(-40)}T08:00` });
  await ok(
    webApp.api('incoming.assign', { id: b.id, lead: 'VX', due: d(-35), at: `${d(-40)}T09:00`, direction: 'Giao Phòng VX tham mưu.' }),
  );
  await ok(webApp.api('incoming.progress', { id: b.id, unit: 'VX', status: 'done', at: `${d(-30)}T10:00` }));

  const c = await addIncoming(webApp, { ...SENDERS[2], issuedDate: d(-31), arrivalDate: `${d(-30)}T08:00` });
  await ok(webApp.api('incoming.assign', { id: c.id, lead: 'VX', due: d(-20), at: `${d(-30)}T09:00` }));
  await ok(webApp.api('incoming.progress', { id: c.id, unit: 'VX', status: 'done', at: `${d(-25)}T10:00` }));

  const overdue = await addIncoming(webApp, {
    organName: 'Sở Y tế',
    symbol: '88/SYT-NV',
    issuedDate: d(-21),
    typeName: 'Báo cáo',
    subject: 'Tình hình phòng, chống dịch bệnh mùa mưa',
    arrivalDate: `${d(-20)}T08:00`,
  });
  await ok(webApp.api('incoming.assign', { id: overdue.id, lead: 'VX', support: ['KTTH'], due: d(-10), at: `${d(-20)}T09:00` }));

  const e = await addIncoming(webApp, {
    organName: 'Sở Kế hoạch và Đầu tư',
    symbol: '12/SKHĐT-TH',
    issuedDate: d(-2),
    typeName: 'Công văn',
    subject: 'Về việc rà soát danh mục dự án đầu tư công',
    arrivalDate: `${d(-1)}T08:00`,
  });
  await ok(webApp.api('incoming.assign', { id: e.id, lead: 'KTTH', due: d(3), at: `${d(-1)}T09:00` }));
  return { today, overdueId: overdue.id };
}

async function openFollowup(page: Page, webApp: WebApp): Promise<void> {
  await openApp(page, webApp);
  await page.getByRole('tab', { name: 'Theo dõi xử lý' }).click();
  await expect(page.getByRole('navigation', { name: 'Theo dõi xử lý' })).toBeVisible();
}

test('a unit is added, a document is directed to it with N working days, its progress is marked done, and the routing slip prints', async ({
  page,
  webApp,
}) => {
  const doc = await addIncoming(webApp, { ...SENDERS[0] });
  await openFollowup(page, webApp);
  await page.getByRole('button', { name: 'Đơn vị xử lý' }).click();
  const form = page.getByRole('form', { name: 'Thêm đơn vị' });
  await form.getByLabel('Mã đơn vị').fill('vx');
  await form.getByLabel('Tên đơn vị').fill('Phòng Văn hóa - Xã hội');
  await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const table = page.getByRole('table', { name: 'Danh sách đơn vị' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Phòng Văn hóa - Xã hội');
  await expect(form.getByLabel('Mã đơn vị')).toBeFocused();
  await page.keyboard.type('KTTH');
  await form.getByLabel('Tên đơn vị').fill('Phòng Kinh tế tổng hợp');
  await page.keyboard.press('Enter');
  await expect(table.getByRole('row')).toHaveCount(3);
  // A code already used is refused under the field.
  await form.getByLabel('Mã đơn vị').fill('VX');
  await form.getByLabel('Tên đơn vị').fill('Trùng mã');
  await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(form.getByText('Đã có đơn vị mã «VX».')).toBeVisible();
  await screenshot(page, '30-units');

  // The leader's direction, from the incoming document's detail.
  await page.getByRole('tab', { name: 'Văn bản đến' }).click();
  await page.getByTestId('register-rows').locator('[role="row"][data-number]').first().dblclick();
  await page.getByRole('button', { name: 'Chỉ đạo, giao xử lý' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chỉ đạo, giao xử lý văn bản đến' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Văn bản chưa được giao cho đơn vị nào.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Giao xử lý' }).click();
  await expect(dialog.getByText('Đơn vị chủ trì: chưa chọn.')).toBeVisible();
  await dialog.getByLabel('Đơn vị chủ trì').selectOption('VX');
  await dialog.getByLabel('KTTH — Phòng Kinh tế tổng hợp').check();
  await dialog.getByLabel('Số ngày làm việc', { exact: true }).fill('5');
  const expected = await ok(webApp.api('calendar.workingDays', { from: doc.arrivalDate.slice(0, 10), days: 5 }));
  await expect(dialog.getByTestId('computed-due')).toContainText(vn(expected.date));
  await dialog.getByLabel('Ý kiến chỉ đạo').fill('Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp Phòng Kinh tế tổng hợp tham mưu, báo cáo.');
  await dialog.getByRole('button', { name: 'Giao xử lý' }).click();
  const current = dialog.getByRole('table', { name: 'Phân công hiện tại' });
  await expect(current.locator('tbody tr')).toHaveCount(2);
  const vxRow = current.locator('tr[data-unit="VX"]');
  await expect(vxRow).toContainText('Chủ trì');
  await expect(vxRow).toContainText(vn(expected.date));
  await expect(vxRow).toContainText('Đã giao');
  await expect(current.locator('tr[data-unit="KTTH"]')).toContainText('Phối hợp');

  // The lead unit reports it done, with the number of its reply.
  await dialog.getByLabel('Đơn vị báo cáo').selectOption('VX');
  await dialog.getByLabel('Tiến độ', { exact: true }).selectOption('done');
  await dialog.getByLabel('Số, ký hiệu VB trả lời').fill('45/UBND-VX');
  await dialog.getByLabel('Ghi chú').fill('Đã trình UBND tỉnh ban hành công văn trả lời.');
  await dialog.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
  await expect(vxRow).toContainText('Hoàn thành');
  await expect(vxRow).toContainText('45/UBND-VX');
  await screenshot(page, '31-direction-dialog');
  const a = await ok(webApp.api('incoming.assignments', { id: doc.id }));
  expect(a.current.find((x) => x.unit === 'VX')?.status).toBe('done');

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'In phiếu giải quyết' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^phieu-giai-quyet-.*\.pdf$/);
  const file = path.join(webApp.dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Esc closes the dialog, not the document.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Chỉ đạo, giao xử lý' })).toBeVisible();
});

test('the dashboard shows the period figures, a bar per unit and the breakdown by type, and exports PDF and XLSX', async ({
  page,
  webApp,
}) => {
  const { today } = await arrangeHistory(webApp);
  await openFollowup(page, webApp);
  await page.getByRole('button', { name: 'Thống kê' }).click();
  await expect(page.getByLabel('Từ ngày', { exact: true })).toHaveValue(`01/01/${today.slice(0, 4)}`);
  await expect(page.getByLabel('Đến ngày', { exact: true })).toHaveValue(vn(today));
  await expect(page.getByTestId('dashboard')).toBeVisible();
  // The history reaches back 40 days (maybe into last year): widen the period.
  await page.getByLabel('Từ ngày', { exact: true }).fill(vn(addDays(today, -60)));
  await page.getByRole('button', { name: 'Xem thống kê' }).click();
  await expect(page.getByTestId('fig-received').locator('.figure-value')).toHaveText('5');
  await expect(page.getByTestId('fig-assigned').locator('.figure-value')).toHaveText('5');
  await expect(page.getByTestId('fig-completed').locator('.figure-value')).toHaveText('3');
  await expect(page.getByTestId('fig-ontime').locator('.figure-value')).toHaveText('2');
  await expect(page.getByTestId('fig-overdue').locator('.figure-value')).toHaveText('1');
  await expect(page.getByTestId('fig-rate').locator('.figure-value')).toHaveText('66,7%');
  await expect(page.getByTestId('fig-rate')).toContainText('Tỷ lệ đúng hạn');
  const chart = page.getByTestId('unit-chart');
  await expect(chart.locator('g[data-unit="VX"]')).toHaveCount(1);
  await expect(chart.locator('g[data-unit="KTTH"]')).toHaveCount(1);
  await expect(chart.locator('g[data-unit="VX"] rect')).toHaveCount(4); // background, on time, late, overdue
  await expect(page.getByRole('table', { name: 'Số liệu theo đơn vị' })).toContainText('66,7%');
  await expect(page.getByRole('table', { name: 'Theo loại văn bản' })).toContainText('Báo cáo');
  await screenshot(page, '32-dashboard');

  // One unit only.
  await page.getByLabel('Đơn vị', { exact: true }).selectOption('KTTH');
  await page.getByRole('button', { name: 'Xem thống kê' }).click();
  await expect(page.getByTestId('fig-assigned').locator('.figure-value')).toHaveText('1');
  await expect(page.getByTestId('fig-rate').locator('.figure-value')).toHaveText('—');

  for (const [button, ext, magic] of [
    ['Xuất PDF', 'pdf', '%PDF-'],
    ['Xuất Excel (XLSX)', 'xlsx', 'PK'],
  ] as const) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^bao-cao-.*\\.${ext}$`));
    const file = path.join(webApp.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, magic.length).toString('latin1')).toBe(magic);
  }
});

test('the overdue list shows the late document in red, due soon in amber; the reminder công văn opens as a draft; the follow-up book prints', async ({
  page,
  webApp,
}) => {
  const { today, overdueId } = await arrangeHistory(webApp);
  await openFollowup(page, webApp);
  const overdue = page.getByRole('table', { name: 'Văn bản quá hạn' });
  const soon = page.getByRole('table', { name: 'Văn bản sắp đến hạn' });
  await expect(overdue.locator('tbody tr')).toHaveCount(2); // the lead VX and the supporting KTTH
  const late = overdue.locator(`tr[data-document="${overdueId}"][data-unit="VX"]`);
  await expect(late).toHaveClass(/fu-overdue/);
  await expect(late).toContainText('Quá hạn 10 ngày');
  await expect(late).toContainText('Tình hình phòng, chống dịch bệnh mùa mưa');
  await expect(late).toContainText(vn(addDays(today, -10)));
  await expect(soon.locator('tbody tr')).toHaveCount(1);
  await expect(soon.locator('tbody tr')).toHaveClass(/fu-soon/);
  await expect(soon.locator('tbody tr')).toContainText('Còn 3 ngày');
  await screenshot(page, '33-followup-lists');

  await page.getByLabel('Lọc theo đơn vị').selectOption('KTTH');
  await expect(overdue.locator('tbody tr')).toHaveCount(1);
  await expect(overdue.locator('tbody tr')).toContainText('(phối hợp)');
  await page.getByLabel('Lọc theo đơn vị').selectOption('VX');
  await expect(overdue.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByText('Không có văn bản nào đến hạn trong 3 ngày tới.')).toBeVisible();

  // The follow-up book for this year.
  await page.getByRole('button', { name: 'In sổ theo dõi…' }).click();
  const book = page.getByRole('dialog', { name: 'In sổ theo dõi giải quyết văn bản đến' });
  await expect(book.getByLabel('Từ ngày', { exact: true })).toHaveValue(`01/01/${today.slice(0, 4)}`);
  const downloading = page.waitForEvent('download');
  await book.getByRole('button', { name: 'Tạo tệp PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await expect(book.getByRole('status')).toContainText('Đã tạo sổ theo dõi');
  await page.keyboard.press('Escape');
  await expect(book).toBeHidden();

  // The reminder to the late unit: a draft công văn, opened in the drafting form with its preview.
  await page.getByRole('button', { name: 'Soạn văn bản nhắc nhở' }).click();
  const remind = page.getByRole('dialog', { name: 'Soạn văn bản nhắc nhở' });
  await expect(remind.getByLabel('Đơn vị được nhắc')).toHaveValue('VX');
  await remind.getByRole('button', { name: 'Soạn dự thảo' }).click();
  await expect(remind.getByText('Người ký: chưa nhập.')).toBeVisible();
  await remind.getByLabel('Người ký').fill('Trần Văn Bình');
  await remind.getByRole('button', { name: 'Soạn dự thảo' }).click();
  await expect(remind).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Văn bản đi' })).toHaveAttribute('aria-selected', 'true');
  const form = page.getByRole('form', { name: 'Sửa dự thảo văn bản đi' });
  await expect(form.getByLabel('Trích yếu', { exact: true })).toHaveValue('V/v đôn đốc giải quyết văn bản quá hạn');
  await expect(form.getByLabel('Kính gửi', { exact: true })).toHaveValue('Phòng Văn hóa - Xã hội');
  await expect(form.getByLabel('Nội dung', { exact: true })).toHaveValue(/Tình hình phòng, chống dịch bệnh mùa mưa/);
  await expect(form.getByLabel('Người ký', { exact: true })).toHaveValue('Trần Văn Bình');
  await expect(page.getByTestId('outgoing-preview').locator('canvas[data-done]').first()).toBeVisible({ timeout: 20_000 });
  await screenshot(page, '34-reminder-draft');
});

test('the task board: tasks in columns by status, added in the dialog and moved between columns', async ({ page, webApp }) => {
  const today = await serverToday(webApp);
  await addUnits(webApp);
  const late = await ok(
    webApp.api('task.add', {
      data: { title: 'Tổng hợp báo cáo kinh tế - xã hội quý III', leadUnit: 'KTTH', deadline: addDays(today, -5), status: 'in_progress' },
    }),
  );
  await ok(
    webApp.api('task.add', {
      data: { title: 'Rà soát quy chế làm việc', leadUnit: 'VX', deadline: addDays(today, 20), source: 'Kết luận giao ban tuần 47' },
    }),
  );
  await openFollowup(page, webApp);
  await page.getByRole('button', { name: 'Bảng nhiệm vụ' }).click();
  const col = (name: string) => page.getByRole('region', { name, exact: true });
  await expect(col('Quá hạn').locator('.task-card')).toHaveCount(1);
  await expect(col('Quá hạn')).toContainText('quá 5 ngày');
  await expect(col('Mới giao').locator('.task-card')).toHaveCount(1);

  await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm nhiệm vụ' });
  await dialog.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await expect(dialog.getByText('Nội dung nhiệm vụ: chưa nhập.')).toBeVisible();
  await dialog.getByLabel('Nội dung nhiệm vụ').fill('Chuẩn bị hội nghị tổng kết công tác văn thư năm 2026');
  await dialog.getByLabel('Đơn vị chủ trì').selectOption('VX');
  await dialog.getByLabel('KTTH').check();
  await dialog.getByLabel('Thời hạn', { exact: true }).fill(vn(addDays(today, 10)));
  await dialog.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
  await expect(dialog).toBeHidden();
  const card = col('Mới giao').locator('.task-card').filter({ hasText: 'Chuẩn bị hội nghị tổng kết' });
  await expect(card).toContainText('VX');
  await expect(card).toContainText('+ KTTH');
  const id = await card.getAttribute('data-task');

  await card.getByLabel(`Chuyển trạng thái nhiệm vụ ${id}`).selectOption('in_progress');
  await expect(col('Đang thực hiện').locator(`[data-task="${id}"]`)).toBeVisible();
  await col('Đang thực hiện').locator(`[data-task="${id}"]`).getByLabel(`Chuyển trạng thái nhiệm vụ ${id}`).selectOption('done');
  await expect(col('Hoàn thành').locator(`[data-task="${id}"]`)).toBeVisible();
  // Done after its deadline: "Hoàn thành quá hạn".
  await col('Quá hạn').getByLabel(`Chuyển trạng thái nhiệm vụ ${late.id}`).selectOption('done');
  await expect(col('Hoàn thành quá hạn').locator(`[data-task="${late.id}"]`)).toBeVisible();
  await expect(col('Quá hạn').locator('.task-card')).toHaveCount(0);

  // Editing a card.
  await col('Mới giao').getByRole('button', { name: 'Rà soát quy chế làm việc' }).click();
  const edit = page.getByRole('dialog', { name: 'Sửa nhiệm vụ' });
  await edit.getByLabel('Trạng thái').selectOption('cancelled');
  await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(col('Đã hủy').locator('.task-card')).toHaveCount(1);
  await screenshot(page, '35-task-board');
});

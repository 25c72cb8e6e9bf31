/**
 * The archive through its screens, each step by the person whose role it is (issue 14): the
 * archivist builds the year's file plan and the leader approves it; the archivist opens a
 * dossier from it, files an incoming and an outgoing document, closes it, makes the hand-over
 * record and accepts it into the agency archive. Separately an expired dossier goes to the
 * council: the archivist proposes, the leader records the decision, the archivist destroys.
 * Past hand-overs and destructions are listed (by status) and opened from their lists.
 * A specialist sees neither the plan's forms nor the hand-over, destruction, hold and usage
 * parts. Screenshots go to test-results/screens/, and the PDFs printed on the way beside them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ROLE_USERS, SPECIALIST_UNIT } from '../support/accounts.js';
import type { Role } from '../../src/shared/domain/accounts.js';
import { test, expect, FIXTURE_PASSWORD, ORG_NAME, SCREENS_DIR, screenshot, signIn, type WebApp } from './fixtures.js';
import { SENDERS, addIncoming } from './testData.js';

const TEMP_PASSWORD = 'Tạm-thời-2026-ab';

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function thisYear(webApp: WebApp): Promise<number> {
  return Number((await ok(webApp.api('app.info', {}))).today.slice(0, 4));
}

/** The fixture accounts of these roles, made by the office administrator, each with its own password set. */
async function addRoleUsers(webApp: WebApp, ...roles: Role[]): Promise<void> {
  for (const role of roles) {
    const u = ROLE_USERS[role];
    if (u.unit) await ok(webApp.api('unit.add', { code: SPECIALIST_UNIT.code, name: SPECIALIST_UNIT.name }));
    await ok(webApp.api('account.add', { ...u, password: TEMP_PASSWORD }));
    const own = await webApp.apiAs(u.username, TEMP_PASSWORD);
    await ok(own('auth.changePassword', { current: TEMP_PASSWORD, next: FIXTURE_PASSWORD }));
  }
}

/** Signs out whoever works on this page and signs in as the role's fixture account, then opens «Lưu trữ». */
async function workAs(page: Page, webApp: WebApp, role: Role): Promise<void> {
  const u = ROLE_USERS[role];
  await page.context().clearCookies();
  await page.goto(webApp.url);
  await signIn(page, u.username);
  await expect(page.getByTestId('status-user')).toContainText(u.fullName);
  await page.getByRole('tablist', { name: 'Màn hình' }).getByRole('tab', { name: 'Lưu trữ' }).click();
}

/** Clicks a button that saves a PDF and keeps the file beside the screenshots (to be read as pages). */
async function keepPdf(page: Page, button: ReturnType<Page['getByRole']>, name: string): Promise<void> {
  const download = page.waitForEvent('download');
  await button.click();
  const d = await download;
  const file = path.join(SCREENS_DIR, `${name}.pdf`);
  await d.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

const subnav = (page: Page) => page.getByRole('navigation', { name: 'Lưu trữ' });

test('the archivist plans, the leader approves, a dossier of incoming and outgoing documents goes to the agency archive', async ({
  page,
  webApp,
}) => {
  const year = await thisYear(webApp);
  await addRoleUsers(webApp, 'archivist', 'leader');
  await addIncoming(webApp, { ...SENDERS[0]!, arrivalDate: `${year}-01-06T08:30:00+07:00`, issuedDate: `${year}-01-05` });
  // An outgoing document issued on paper by the office (drafted, approved, numbered, issued).
  const draft = await ok(
    webApp.api('outgoing.draft', {
      data: {
        typeName: 'Công văn',
        subject: 'V/v rà soát quy hoạch cán bộ lãnh đạo, quản lý',
        kinhGui: ['Sở Nội vụ'],
        body: ['Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ rà soát, báo cáo trước ngày 30/6./.'],
        recipients: ['Như trên', 'Lưu: VT'],
        signerAuthority: 'KT. CHỦ TỊCH',
        signerPosition: 'Phó Chủ tịch',
        signerName: 'Nguyễn Văn An',
        draftingUnit: 'TCCB',
      },
    }),
  );
  await ok(webApp.api('outgoing.approve', { id: draft.id }));
  const numbered = await ok(webApp.api('outgoing.number', { id: draft.id }));
  await ok(webApp.api('outgoing.issuePaper', { id: draft.id }));

  // The archivist builds the plan: headings and a dossier; approving it is not theirs.
  await workAs(page, webApp, 'archivist');
  await page.getByLabel('Năm của danh mục').fill(String(year));
  const heading = page.getByRole('form', { name: 'Thêm đề mục' });
  await heading.getByLabel('Tên đề mục').fill('Tổ chức, cán bộ');
  await heading.getByLabel('Ký hiệu đề mục lớn (ví dụ TCCB)').fill('tccb');
  await heading.getByRole('button', { name: 'Thêm đề mục' }).click();
  const plan = page.getByRole('table', { name: `Danh mục hồ sơ năm ${year}` });
  await expect(plan).toContainText('I. TỔ CHỨC, CÁN BỘ');
  await heading.getByLabel('Tên đề mục').fill('Công tác quy hoạch cán bộ');
  await heading.getByLabel('Thuộc đề mục lớn (để trống nếu là đề mục lớn)').selectOption('TCCB');
  await heading.getByRole('button', { name: 'Thêm đề mục' }).click();
  await expect(plan).toContainText('1. Công tác quy hoạch cán bộ');
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
  await add.getByLabel('Tiêu đề hồ sơ').fill('Tập lưu công văn đi về tổ chức cán bộ');
  await add.getByLabel('Thời hạn bảo quản («Vĩnh viễn» hoặc số năm)').fill('20');
  await add.getByRole('button', { name: 'Thêm hồ sơ' }).click();
  await expect(page.locator('tr[data-dossier="02.TCCB"]')).toContainText('20 năm');
  await expect(page.getByRole('form', { name: 'Phê duyệt danh mục' })).toHaveCount(0);
  await screenshot(page, 'archive-01-plan-archivist');
  await keepPdf(page, page.getByRole('button', { name: 'In danh mục' }), 'archive-plan');

  // The leader approves it (and builds nothing).
  await workAs(page, webApp, 'leader');
  await page.getByLabel('Năm của danh mục').fill(String(year));
  await expect(page.getByRole('form', { name: 'Thêm đề mục' })).toHaveCount(0);
  const approve = page.getByRole('form', { name: 'Phê duyệt danh mục' });
  await approve.getByLabel('Số quyết định').fill('15/QĐ-UBND');
  await approve.getByLabel('Ngày quyết định (dd/mm/yyyy)').fill(`05/01/${year}`);
  await screenshot(page, 'archive-02-plan-leader');
  await approve.getByRole('button', { name: 'Ghi nhận phê duyệt' }).click();
  await expect(page.getByText(`Đã phê duyệt: QĐ số 15/QĐ-UBND ngày 05/01/${year}`)).toBeVisible();
  await expect(
    page.getByText('Danh mục hồ sơ này có 2 hồ sơ, bao gồm: 1 hồ sơ bảo quản vĩnh viễn; 1 hồ sơ bảo quản có thời hạn.'),
  ).toBeVisible();
  // Hand-over and destruction's lists are the archivist's: the leader's parts say which role they need.
  await expect(subnav(page).getByRole('button', { name: 'Nộp lưu' })).toBeDisabled();
  await expect(subnav(page).getByRole('button', { name: 'Nộp lưu' })).toHaveAttribute('title', /Cần vai trò .*Lưu trữ/);

  // The archivist opens the dossier, files the letter and the công văn, closes it.
  await workAs(page, webApp, 'archivist');
  await page.getByLabel('Năm của danh mục').fill(String(year));
  await row.getByRole('button', { name: 'Mở hồ sơ' }).click();
  const dossier = page.getByLabel('Hồ sơ 01.TCCB');
  await expect(dossier.getByRole('heading', { name: /01\.TCCB — Hồ sơ quy hoạch cán bộ/ })).toBeVisible();
  const filing = dossier.getByRole('form', { name: 'Đưa văn bản vào hồ sơ' });
  await filing.getByLabel('Tìm văn bản để đưa vào hồ sơ').fill('215/STC');
  await filing.getByRole('button', { name: 'Tìm' }).click();
  await filing.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
  const items = dossier.getByRole('table', { name: 'Văn bản trong hồ sơ' });
  await expect(items).toContainText('215/STC-QLNS');
  await filing.getByLabel('Loại văn bản').selectOption('outgoing');
  await filing.getByLabel('Tìm văn bản để đưa vào hồ sơ').fill('quy hoạch cán bộ');
  await filing.getByRole('button', { name: 'Tìm' }).click();
  await filing.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
  await expect(items).toContainText(numbered.symbol!);
  await expect(items.locator('tbody tr')).toHaveCount(2);
  // The công văn's «Tác giả» is the office itself (as the Mục lục prints it), not an empty cell.
  await expect(items.locator('tbody tr').nth(1)).toContainText(ORG_NAME);
  await screenshot(page, 'archive-03-dossier');
  await dossier.getByRole('form', { name: 'Kết thúc hồ sơ' }).getByRole('button', { name: 'Kết thúc hồ sơ' }).click();
  await expect(dossier.getByText('Đã kết thúc', { exact: true })).toBeVisible();
  await expect(dossier.getByText(`31/12/${year + 1}`)).toBeVisible();
  await expect(dossier.getByRole('form', { name: 'Đưa văn bản vào hồ sơ' })).toHaveCount(0);
  await keepPdf(page, dossier.getByRole('button', { name: 'In mục lục văn bản' }), 'archive-index');
  await screenshot(page, 'archive-04-dossier-closed');

  // The hand-over: the due list, the record, the archive's acceptance, its PDF and package.
  await subnav(page).getByRole('button', { name: 'Nộp lưu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'hồ sơ phải nộp lưu' })).toContainText('1 hồ sơ phải nộp lưu');
  await page.getByLabel('Chọn hồ sơ 01.TCCB').check();
  const form = page.getByRole('form', { name: 'Lập biên bản giao nhận' });
  await form.getByLabel('Đơn vị giao nộp').fill('Phòng Tổ chức - Hành chính');
  await form.getByLabel('Người giao', { exact: true }).fill('Trần Thị Bình');
  await form.getByLabel('Chức vụ người giao').fill('Chuyên viên');
  await form.getByLabel('Số hộp (cặp) tài liệu giấy').fill('2');
  await form.getByLabel('Số mét giá').fill('0,25');
  await form.getByRole('button', { name: 'Lập biên bản' }).click();
  const record = page.getByRole('region', { name: /Biên bản giao nhận số/ });
  await expect(record).toContainText('chờ Lưu trữ cơ quan nhận');
  await expect(record).toContainText('2 hộp (cặp); 0,25 mét giá');
  // The record is in the list of hand-overs, from which it opens again later.
  const handovers = page.getByRole('table', { name: 'Danh sách biên bản giao nhận' });
  await expect(handovers.locator('tbody tr')).toHaveCount(1);
  await expect(handovers.locator('tbody tr').first()).toContainText('Phòng Tổ chức - Hành chính');
  await expect(handovers.locator('tbody tr').first()).toContainText('Chờ Lưu trữ cơ quan nhận');
  await record.getByLabel('Người nhận', { exact: true }).fill('Lê Văn Cường');
  await record.getByLabel('Chức vụ người nhận').fill('Viên chức lưu trữ');
  await record.getByRole('button', { name: 'Tiếp nhận vào lưu trữ' }).click();
  await expect(record).toContainText('Lưu trữ cơ quan đã nhận');
  await expect(handovers.locator('tbody tr').first()).toContainText('Lưu trữ cơ quan đã nhận');
  await page.getByLabel('Lọc theo trạng thái').selectOption('submitted');
  await expect(handovers).toContainText('Chưa lập biên bản giao nhận nào.');
  await page.getByLabel('Lọc theo trạng thái').selectOption({ label: 'Tất cả' });
  await handovers.getByRole('button', { name: /Mở biên bản số/ }).click();
  await expect(record).toContainText('Lưu trữ cơ quan đã nhận');
  await keepPdf(page, record.getByRole('button', { name: 'In biên bản và mục lục' }), 'archive-handover');
  const download = page.waitForEvent('download');
  await record.getByRole('button', { name: 'Tải gói nộp lưu điện tử' }).click();
  expect((await download).suggestedFilename()).toMatch(/^nop-luu-\d{4}-\d+\.zip$/);
  await screenshot(page, 'archive-05-handover');

  // The accepted dossier: declared, nothing to file or remove; its export as PDF + XML.
  await subnav(page).getByRole('button', { name: 'Hồ sơ', exact: true }).click();
  await page.locator('tr[data-dossier="01.TCCB"]').click();
  await expect(dossier.getByText('Hồ sơ lưu trữ (không sửa được)')).toBeVisible();
  await expect(dossier.getByRole('button', { name: 'Bỏ ra' })).toHaveCount(0);
  await keepPdf(page, dossier.getByRole('button', { name: 'Xuất hồ sơ (PDF + XML)' }), 'archive-export');
  await screenshot(page, 'archive-06-accepted');

  // The archive lends the dossier (usage register) and a hold freezes it.
  await subnav(page).getByRole('button', { name: 'Sổ sử dụng' }).click();
  const lend = page.getByRole('form', { name: 'Ghi sổ sử dụng' });
  await lend.getByLabel('Số, ký hiệu hồ sơ').fill('01.TCCB');
  await lend.getByLabel('Năm', { exact: true }).fill(String(year));
  await lend.getByLabel('Người sử dụng').fill('Nguyễn Thị Mượn');
  await lend.getByLabel('Người cho phép sử dụng').fill('Chánh Văn phòng');
  await lend.getByRole('button', { name: 'Ghi sổ' }).click();
  await expect(page.getByRole('table', { name: 'Sổ sử dụng bản lưu' })).toContainText('Nguyễn Thị Mượn');
  // Written: the form is emptied (a second Enter must not lend it twice), the year stays.
  await expect(lend.getByLabel('Người sử dụng')).toHaveValue('');
  await expect(lend.getByLabel('Số, ký hiệu hồ sơ')).toHaveValue('');
  await expect(lend.getByLabel('Năm', { exact: true })).toHaveValue(String(year));
  // A mistyped code is refused and keeps what was typed, to be corrected.
  await lend.getByLabel('Số, ký hiệu hồ sơ').fill('01.TCCBX');
  await lend.getByLabel('Người sử dụng').fill('Lê Văn Đọc');
  await lend.getByRole('button', { name: 'Ghi sổ' }).click();
  await expect(page.getByText(`Không có hồ sơ 01.TCCBX năm ${year}.`)).toBeVisible();
  await expect(lend.getByLabel('Người sử dụng')).toHaveValue('Lê Văn Đọc');
  await expect(page.getByRole('table', { name: 'Sổ sử dụng bản lưu' })).not.toContainText('Lê Văn Đọc');
  await screenshot(page, 'archive-16-usage');
  await subnav(page).getByRole('button', { name: 'Đóng băng' }).click();
  const freeze = page.getByRole('form', { name: 'Đóng băng hồ sơ' });
  await freeze.getByLabel('Số, ký hiệu hồ sơ').fill('01.TCCB');
  await freeze.getByLabel('Năm', { exact: true }).fill(String(year));
  await freeze.getByLabel('Người có thẩm quyền ra lệnh').fill('Chánh Thanh tra tỉnh');
  await freeze.getByLabel('Văn bản yêu cầu (số, ngày)').fill('12/TTr ngày 02/02');
  await freeze.getByLabel('Lý do').fill('Thanh tra việc quy hoạch cán bộ');
  await freeze.getByRole('button', { name: 'Đóng băng' }).click();
  await expect(page.getByRole('table', { name: 'Lệnh đóng băng' })).toContainText('Chánh Thanh tra tỉnh');
  await expect(freeze.getByLabel('Lý do')).toHaveValue('');
  await expect(freeze.getByLabel('Người có thẩm quyền ra lệnh')).toHaveValue('');
  await screenshot(page, 'archive-17-holds');
});

test('an expired dossier goes through the council: the archivist proposes, the leader decides, the archivist destroys', async ({
  page,
  webApp,
}) => {
  const year = await thisYear(webApp);
  await addRoleUsers(webApp, 'archivist', 'leader');
  const letter = await addIncoming(webApp, { ...SENDERS[1]!, arrivalDate: '2022-01-06T08:30:00+07:00', issuedDate: '2022-01-05' });
  // An old dossier whose two years ran out, closed long ago (arranged as a clerk catching up would).
  const old = await ok(
    webApp.api('dossier.open', { title: 'Hồ sơ hội nghị giao ban năm 2022', code: '09.VP', retention: 2, startDate: '2022-01-10' }),
  );
  await ok(webApp.api('dossier.addDoc', { id: old.id, kind: 'incoming', docId: letter.id }));
  await ok(webApp.api('dossier.close', { id: old.id, title: old.title, retention: 2, endDate: '2022-12-30' }));

  await workAs(page, webApp, 'archivist');
  await subnav(page).getByRole('button', { name: 'Hủy tài liệu' }).click();
  await page.getByLabel('Năm hết hạn').fill(String(year));
  await page.getByLabel('Chọn hồ sơ 09.VP').check();
  const propose = page.getByRole('form', { name: 'Đề nghị hủy' });
  await propose.getByLabel('Tên danh mục').fill(`Danh mục tài liệu hết thời hạn lưu trữ năm ${year}`);
  await propose.getByRole('button', { name: 'Lập danh mục' }).click();
  const x = page.getByRole('region', { name: /Hồ sơ hủy số/ });
  await expect(x).toContainText('chờ Hội đồng xét hủy');
  await expect(x).toContainText('Chờ Lãnh đạo ghi nhận quyết định hủy');
  const number = (await x.getAttribute('aria-label'))!.replace(/\D/g, '');
  await screenshot(page, 'archive-07-destruction-proposed');

  await workAs(page, webApp, 'leader');
  await subnav(page).getByRole('button', { name: 'Hủy tài liệu' }).click();
  // The expired list is the archivist's; the leader finds the proposal in the list of destructions.
  await expect(page.getByRole('table', { name: 'Danh mục tài liệu hết thời hạn bảo quản' })).toHaveCount(0);
  const past = page.getByRole('table', { name: 'Danh sách danh mục hủy' });
  const row = past.locator(`tr[data-destruction="${number}"]`);
  await expect(row).toContainText(`Danh mục tài liệu hết thời hạn lưu trữ năm ${year}`);
  await expect(row).toContainText('Chờ Hội đồng xét hủy');
  await page.getByLabel('Lọc theo trạng thái').selectOption('proposed');
  await expect(past.locator('tbody tr')).toHaveCount(1);
  await row.getByRole('button', { name: `Mở danh mục hủy số ${number}` }).click();
  await x.getByLabel('Quyết định thành lập Hội đồng xét hủy').fill('3/QĐ-UBND');
  await x.getByLabel('Biên bản họp Hội đồng').fill('Biên bản họp ngày 10/01');
  await x.getByLabel('Quyết định hủy (số)').fill('9/QĐ-UBND');
  await x.getByLabel('Ngày quyết định').fill(`20/01/${year}`);
  await screenshot(page, 'archive-08-destruction-leader');
  await x.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
  await expect(x).toContainText('đã có quyết định 9/QĐ-UBND');
  await expect(x.getByRole('button', { name: 'Hủy tài liệu' })).toHaveCount(0);

  // Decided, it leaves the list of proposals waiting for the council.
  await expect(past).toContainText('Chưa lập danh mục hủy nào.');
  await page.getByLabel('Lọc theo trạng thái').selectOption({ label: 'Tất cả' });
  await expect(row).toContainText('Đã có quyết định hủy');
  await expect(row).toContainText(`9/QĐ-UBND ngày 20/01/${year}`);

  await workAs(page, webApp, 'archivist');
  await subnav(page).getByRole('button', { name: 'Hủy tài liệu' }).click();
  await row.getByRole('button', { name: `Mở danh mục hủy số ${number}` }).click();
  await x.getByLabel('Biên bản về việc hủy').fill('Biên bản hủy ngày 25/01');
  await x.getByRole('button', { name: 'Hủy tài liệu' }).click();
  await expect(x).toContainText('Đã hủy ngày');
  await expect(row).toContainText('Đã hủy');
  await screenshot(page, 'archive-09-destroyed');
  expect((await ok(webApp.api('dossier.get', { id: old.id }))).state).toBe('destroyed');
});

test('a specialist sees the plan and dossiers but none of the archivist’s or leader’s buttons', async ({ page, webApp }) => {
  const year = await thisYear(webApp);
  await addRoleUsers(webApp, 'specialist');
  await ok(webApp.api('fileplan.addHeading', { year, title: 'Văn phòng', abbreviation: 'VP' }));
  await ok(webApp.api('fileplan.addDossier', { year, heading: 'VP', title: 'Tập lưu công văn đi', retention: 50 }));

  await workAs(page, webApp, 'specialist');
  await page.getByLabel('Năm của danh mục').fill(String(year));
  await expect(page.locator('tr[data-dossier="01.VP"]')).toContainText('Tập lưu công văn đi');
  await expect(page.getByRole('form', { name: 'Thêm đề mục' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Thêm hồ sơ vào danh mục' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Phê duyệt danh mục' })).toHaveCount(0);
  for (const part of ['Nộp lưu', 'Hủy tài liệu', 'Đóng băng', 'Sổ sử dụng']) {
    await expect(subnav(page).getByRole('button', { name: part })).toBeDisabled();
  }
  await expect(subnav(page).getByRole('button', { name: 'Sổ sử dụng' })).toHaveAttribute('title', 'Cần vai trò Lưu trữ');
  await screenshot(page, 'archive-10-specialist');
});

test('a specialist files a document of their unit from its detail, offered only the dossiers they may file into', async ({
  page,
  webApp,
}) => {
  const year = await thisYear(webApp);
  await addRoleUsers(webApp, 'specialist');
  await ok(webApp.api('unit.add', { code: 'TCHC', name: 'Phòng Tổ chức - Hành chính' }));
  const letter = await addIncoming(webApp, { ...SENDERS[0]!, arrivalDate: `${year}-01-06T08:30:00+07:00`, issuedDate: `${year}-01-05` });
  await ok(webApp.api('incoming.assign', { id: letter.id, lead: SPECIALIST_UNIT.code, due: `${year}-12-30` }));
  const specialist = await webApp.apiAs(ROLE_USERS.specialist.username, FIXTURE_PASSWORD);
  const startDate = `${year}-01-02`;
  const mine = await ok(specialist('dossier.open', { title: 'Hồ sơ kế hoạch đầu tư công', code: '21.KHDT', retention: 10, startDate }));
  // Opened by the office for no unit: not the specialist's to file into.
  await ok(webApp.api('dossier.open', { title: 'Hồ sơ tuyển dụng công chức', code: '22.TCHC', retention: 10, startDate }));

  await page.goto(webApp.url);
  await signIn(page, ROLE_USERS.specialist.username);
  await page.getByRole('tab', { name: 'Văn bản đến' }).click();
  await page.getByTestId('register-rows').locator('[role="row"][data-number]').first().dblclick();
  const section = page.getByRole('region', { name: 'Hồ sơ của văn bản' });
  await expect(section).toContainText('Văn bản chưa được đưa vào hồ sơ nào.');
  await section.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Đưa vào hồ sơ' });
  const offered = dialog.getByRole('listbox', { name: 'Hồ sơ đang mở' }).getByRole('option');
  await expect(offered).toHaveCount(1);
  await expect(offered.first()).toContainText('21.KHDT');
  await expect(dialog).not.toContainText('22.TCHC');
  await screenshot(page, 'archive-11-specialist-file');
  await dialog.getByLabel('Tìm hồ sơ theo số, ký hiệu hoặc tiêu đề').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(section).toContainText('21.KHDT');
  expect((await ok(specialist('dossier.get', { id: mine.id }))).items.map((i) => i.docId)).toEqual([letter.id]);
});

test('a specialist’s plan and dossiers show their unit’s and the plan’s unopened ones, not another unit’s', async ({ page, webApp }) => {
  const year = await thisYear(webApp);
  await addRoleUsers(webApp, 'specialist');
  // A specialist of another unit, who opens one of the plan's dossiers and one of their own.
  await ok(webApp.api('unit.add', { code: 'TCHC', name: 'Phòng Tổ chức - Hành chính' }));
  const colleague = { username: 'cv.tchc', fullName: 'Hoàng Thị Tổ Chức', roles: ['specialist' as const], confidential: false };
  await ok(webApp.api('account.add', { ...colleague, unit: 'TCHC', password: TEMP_PASSWORD }));
  const own = await webApp.apiAs(colleague.username, TEMP_PASSWORD);
  await ok(own('auth.changePassword', { current: TEMP_PASSWORD, next: FIXTURE_PASSWORD }));
  const other = await webApp.apiAs(colleague.username, FIXTURE_PASSWORD);
  const specialist = await webApp.apiAs(ROLE_USERS.specialist.username, FIXTURE_PASSWORD);

  await ok(webApp.api('fileplan.addHeading', { year, title: 'Văn phòng', abbreviation: 'VP' }));
  const plan = async (title: string) =>
    (await ok(webApp.api('fileplan.addDossier', { year, heading: 'VP', title, retention: 10 }))).dossiers.find((d) => d.title === title)!;
  const unopened = await plan('Tập lưu công văn đi');
  const theirsPlanned = await plan('Hồ sơ tuyển dụng công chức');
  const minePlanned = await plan('Hồ sơ kế hoạch đầu tư công trung hạn');
  const startDate = `${year}-01-02`;
  await ok(other('dossier.open', { id: theirsPlanned.id, startDate }));
  await ok(other('dossier.open', { title: 'Hồ sơ sắp xếp tổ chức bộ máy', code: '22.TCHC', retention: 10, startDate }));
  await ok(specialist('dossier.open', { id: minePlanned.id, startDate }));
  const appraisal = await ok(
    specialist('dossier.open', { title: 'Hồ sơ thẩm định dự án đầu tư', code: '21.KHDT', retention: 10, startDate }),
  );

  await workAs(page, webApp, 'specialist');
  await page.getByLabel('Năm của danh mục').fill(String(year));
  const tree = page.getByRole('table', { name: `Danh mục hồ sơ năm ${year}` });
  await expect(tree.locator(`tr[data-dossier="${unopened.code}"]`)).toContainText('Tập lưu công văn đi');
  await expect(tree.locator(`tr[data-dossier="${minePlanned.code}"]`)).toContainText('Hồ sơ kế hoạch đầu tư công trung hạn');
  await expect(tree.locator(`tr[data-dossier="${theirsPlanned.code}"]`)).toHaveCount(0);
  await expect(tree).not.toContainText('tuyển dụng');
  // The closing line counts what they are shown and says the plan holds one more.
  await expect(tree.locator('.plan-total')).toHaveText(
    'Danh mục hồ sơ này có 2 hồ sơ, bao gồm: 0 hồ sơ bảo quản vĩnh viễn; 2 hồ sơ bảo quản có thời hạn. Ngoài ra danh mục còn 1 hồ sơ bạn không được xem (của đơn vị khác hoặc hồ sơ mật).',
  );
  await expect(page.getByRole('button', { name: 'In danh mục' })).toBeDisabled();
  await screenshot(page, 'archive-12-specialist-plan');

  await subnav(page).getByRole('button', { name: 'Hồ sơ', exact: true }).click();
  const list = page.getByRole('table', { name: 'Hồ sơ', exact: true });
  await expect(list.locator('tr[data-dossier="21.KHDT"]')).toContainText('Hồ sơ thẩm định dự án đầu tư');
  await expect(list.locator(`tr[data-dossier="${minePlanned.code}"]`)).toContainText('Hồ sơ kế hoạch đầu tư công trung hạn');
  await expect(list).not.toContainText('22.TCHC');
  await expect(list).not.toContainText('tuyển dụng');
  await expect(list).not.toContainText('sắp xếp tổ chức');
  await screenshot(page, 'archive-13-specialist-dossiers');

  // Closing judges the whole dossier: the office filed a second registration of their letter,
  // handled by the other unit, into it — counted for them, never shown.
  const letter = { ...SENDERS[0]!, arrivalDate: `${year}-01-06T08:30:00+07:00`, issuedDate: `${year}-01-05` };
  const first = await addIncoming(webApp, letter);
  const second = await ok(webApp.api('incoming.add', { data: { ...letter, arrivalDate: `${year}-01-07T08:30:00+07:00` }, force: true }));
  await ok(webApp.api('incoming.assign', { id: first.id, lead: SPECIALIST_UNIT.code, due: `${year}-12-30` }));
  await ok(webApp.api('incoming.assign', { id: second.id, lead: 'TCHC', due: `${year}-12-30` }));
  await ok(specialist('dossier.addDoc', { id: appraisal.id, kind: 'incoming', docId: first.id }));
  await ok(webApp.api('dossier.addDoc', { id: appraisal.id, kind: 'incoming', docId: second.id }));
  await list.locator('tr[data-dossier="21.KHDT"]').click();
  const dossier = page.getByLabel('Hồ sơ 21.KHDT');
  const docs = dossier.getByRole('table', { name: 'Văn bản trong hồ sơ' });
  await expect(docs.locator('tbody tr')).toHaveCount(1);
  // One row shown, and the dossier says it holds one more they may not see; its Mục lục and
  // export would be partial: their buttons are disabled with the reason. The creator is a name.
  await expect(docs.locator('.plan-total')).toHaveText(
    'Bạn được xem 1 văn bản của hồ sơ. Ngoài ra hồ sơ còn 1 văn bản bạn không được xem (của đơn vị khác hoặc văn bản mật).',
  );
  for (const name of ['In mục lục văn bản', 'Xuất hồ sơ (PDF + XML)']) {
    await expect(dossier.getByRole('button', { name })).toBeDisabled();
    await expect(dossier.getByRole('button', { name })).toHaveAttribute('title', /văn bản bạn không được xem/);
  }
  await expect(dossier.locator('.dossier-fields')).toContainText(`Người lập hồ sơ${ROLE_USERS.specialist.fullName}`);
  await screenshot(page, 'archive-15-specialist-dossier-unseen');
  const closing = dossier.getByRole('form', { name: 'Kết thúc hồ sơ' });
  await expect(closing.getByRole('checkbox')).toHaveCount(0);
  await closing.getByRole('button', { name: 'Kết thúc hồ sơ' }).click();
  await expect(page.locator('.toast-error')).toContainText(
    'Hồ sơ còn 1 văn bản trùng hoặc dự thảo; hãy loại bỏ hoặc xác nhận giữ lại. Trong đó 1 văn bản bạn không được xem',
  );
  const keep = closing.getByRole('checkbox', { name: 'Vẫn giữ 1 văn bản trùng hoặc dự thảo' });
  await expect(keep).toBeVisible();
  await screenshot(page, 'archive-14-specialist-close-unseen');
  await keep.check();
  await closing.getByRole('button', { name: 'Kết thúc hồ sơ' }).click();
  await expect(dossier.getByText('Đã kết thúc', { exact: true })).toBeVisible();
  expect((await ok(webApp.api('dossier.get', { id: appraisal.id }))).docTotal).toBe(2);
});

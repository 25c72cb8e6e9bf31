/**
 * Each role at its own screen (issue 10, items 5 and 6): a clerk, a specialist, a leader and an
 * administrator sign in and see the tabs, buttons and shortcuts their role allows — what they
 * cannot use is disabled with a Vietnamese tooltip naming the role it needs, or absent — and a
 * refusal that still reaches the page names the role. The administrator adds an account,
 * resets a password, and the person must change it at the first sign-in; five wrong passwords
 * lock an account, which the administrator's list shows with the time left.
 */
import type { Page } from '@playwright/test';
import { ROLE_USERS, SPECIALIST_UNIT } from '../support/accounts.js';
import type { Role } from '../../src/shared/domain/accounts.js';
import { test, expect, FIXTURE_PASSWORD, OFFICE_FULL_NAME, screenshot, signIn, type WebApp } from './fixtures.js';
import { SENDERS, addIncoming } from './testData.js';

const TEMP_PASSWORD = 'Tạm-thời-2026-ab';

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The fixture account of a role, made by the office administrator and ready to work (its own password set). */
async function addRoleUser(webApp: WebApp, role: Role): Promise<(typeof ROLE_USERS)[Role]> {
  const u = ROLE_USERS[role];
  if (u.unit) {
    const units = await ok(webApp.api('unit.list', {}));
    if (!units.some((x) => x.code === u.unit)) await ok(webApp.api('unit.add', { code: SPECIALIST_UNIT.code, name: SPECIALIST_UNIT.name }));
  }
  await ok(webApp.api('account.add', { ...u, password: TEMP_PASSWORD }));
  const own = await webApp.apiAs(u.username, TEMP_PASSWORD);
  await ok(own('auth.changePassword', { current: TEMP_PASSWORD, next: FIXTURE_PASSWORD }));
  return u;
}

async function signInAs(page: Page, webApp: WebApp, role: Role): Promise<void> {
  const u = await addRoleUser(webApp, role);
  await page.goto(webApp.url);
  await signIn(page, u.username);
  await expect(page.getByTestId('status-user')).toContainText(u.fullName);
}

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Màn hình' });
const tab = (page: Page, name: string) => tabs(page).getByRole('tab', { name, exact: true });

test('a clerk registers, prints and imports; the accounts tab is not there', async ({ page, webApp }) => {
  await addIncoming(webApp, SENDERS[0]!);
  await signInAs(page, webApp, 'clerk');
  await expect(page.getByTestId('status-user')).toHaveText('Người làm việc: Trần Văn Thư (Văn thư)');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByRole('complementary', { name: 'Vào sổ văn bản đến' })).toBeVisible();
  for (const name of ['Văn bản đến', 'Quét hàng loạt', 'Văn bản đi', 'Theo dõi xử lý', 'Liên thông', 'Lưu trữ', 'Nhập sổ cũ']) {
    await expect(tab(page, name)).toBeEnabled();
  }
  await expect(tab(page, 'Tài khoản')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'In sổ', exact: true })).toBeEnabled();
  await screenshot(page, 'roles-01-clerk');
  // A clerk does not approve drafts: the outgoing tab's «Soạn văn bản mới» is a drafter's.
  await tab(page, 'Văn bản đi').click();
  const draft = page.getByRole('navigation', { name: 'Văn bản đi' }).getByRole('button', { name: 'Soạn văn bản mới' });
  await expect(draft).toBeDisabled();
  await expect(draft).toHaveAttribute('title', /Cần vai trò Lãnh đạo hoặc Chuyên viên/);
});

test('a specialist reads and reports: no registering, importing, printing or accounts, each said why', async ({ page, webApp }) => {
  await signInAs(page, webApp, 'specialist');
  await expect(page.getByTestId('status-user')).toHaveText('Người làm việc: Phạm Chuyên Viên (Chuyên viên)');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByRole('complementary', { name: 'Vào sổ văn bản đến' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '» Vào sổ' })).toHaveCount(0);
  await expect(page.getByTestId('own-unit-note')).toHaveText('Văn bản giao cho Sở Kế hoạch và Đầu tư');
  await expect(tab(page, 'Nhập sổ cũ')).toBeDisabled();
  await expect(tab(page, 'Nhập sổ cũ')).toHaveAttribute('title', 'Cần vai trò Văn thư');
  // Scanning makes pending registrations: the clerk's.
  await expect(tab(page, 'Quét hàng loạt')).toBeDisabled();
  await expect(tab(page, 'Quét hàng loạt')).toHaveAttribute('title', 'Cần vai trò Văn thư');
  await expect(tab(page, 'Liên thông')).toBeDisabled();
  await expect(tab(page, 'Liên thông')).toHaveAttribute('title', 'Cần vai trò Văn thư hoặc Quản trị');
  await expect(tab(page, 'Tài khoản')).toHaveCount(0);
  const print = page.getByRole('button', { name: 'In sổ', exact: true });
  await expect(print).toBeDisabled();
  await expect(print).toHaveAttribute('title', 'In sổ (Ctrl+P) — Cần vai trò Văn thư hoặc Lưu trữ');
  // The shortcuts of what the role cannot do do nothing.
  await page.keyboard.press('Alt+N');
  await page.keyboard.press('Control+P');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Vào sổ văn bản đến' })).toHaveCount(0);
  await screenshot(page, 'roles-02-specialist');
  // Drafting is theirs.
  await tab(page, 'Văn bản đi').click();
  await expect(page.getByRole('navigation', { name: 'Văn bản đi' }).getByRole('button', { name: 'Soạn văn bản mới' })).toBeEnabled();
});

test('a leader directs and follows up; registering and importing are the clerk’s', async ({ page, webApp }) => {
  await signInAs(page, webApp, 'leader');
  await expect(page.getByTestId('status-user')).toHaveText('Người làm việc: Lê Lãnh Đạo (Lãnh đạo)');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByRole('complementary', { name: 'Vào sổ văn bản đến' })).toHaveCount(0);
  await expect(tab(page, 'Theo dõi xử lý')).toBeEnabled();
  await expect(tab(page, 'Nhập sổ cũ')).toBeDisabled();
  await expect(tab(page, 'Tài khoản')).toHaveCount(0);
  await screenshot(page, 'roles-03-leader');
});

test('a refusal that still reaches the page names the role needed', async ({ page, webApp }) => {
  await signInAs(page, webApp, 'clerk');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
  const form = page.getByRole('complementary', { name: 'Vào sổ văn bản đến' });
  await form.getByLabel('Cơ quan ban hành', { exact: true }).fill('Sở Tài chính');
  await form.getByLabel('Số, ký hiệu', { exact: true }).fill('88/STC-QLNS');
  const today = (await ok(webApp.api('app.info', {}))).today;
  await form.getByLabel('Ngày văn bản', { exact: true }).fill(`${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
  await form.getByLabel('Loại văn bản', { exact: true }).fill('Công văn');
  await form.getByLabel('Trích yếu', { exact: true }).fill('Về việc kiểm tra quyền');
  // Meanwhile the administrator takes the clerk's role away.
  await ok(webApp.api('account.update', { username: ROLE_USERS.clerk.username, roles: ['archivist'] }));
  await form.getByLabel('Trích yếu', { exact: true }).press('Control+Enter');
  await expect(page.getByText(/Tài khoản của bạn không được làm việc này: cần vai trò Văn thư\./).first()).toBeVisible();
  // …and the page now follows the roles the person has: no more registering form or import tab.
  await expect(page.getByRole('complementary', { name: 'Vào sổ văn bản đến' })).toHaveCount(0);
  await expect(tab(page, 'Nhập sổ cũ')).toBeDisabled();
  const total = await ok(webApp.api('incoming.list', { limit: 5 }));
  expect(total.items.filter((d) => d.subject === 'Về việc kiểm tra quyền')).toHaveLength(0);
});

test('the administrator adds an account, resets its password; the person must change it at first sign-in', async ({ page, webApp }) => {
  await ok(webApp.api('unit.add', { code: 'TCKH', name: 'Phòng Tài chính - Kế hoạch' }));
  await signInAs(page, webApp, 'admin');
  // An administrator reads no register: the app opens on the accounts screen.
  await expect(tab(page, 'Tài khoản')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(page, 'Văn bản đến')).toBeDisabled();
  await expect(tab(page, 'Văn bản đến')).toHaveAttribute('title', 'Cần vai trò Văn thư, Lãnh đạo, Chuyên viên hoặc Lưu trữ');
  const list = page.getByRole('table', { name: 'Danh sách tài khoản' });
  await expect(list.locator('tr[data-username="vanthu"]')).toContainText(OFFICE_FULL_NAME);

  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm tài khoản' });
  await expect(dialog.getByLabel('Tên đăng nhập', { exact: true })).toBeFocused();
  await page.keyboard.type('cv.tckh');
  await dialog.getByLabel('Họ và tên', { exact: true }).fill('Hoàng Thị Chuyên');
  await dialog.getByLabel('Đơn vị', { exact: true }).selectOption('TCKH');
  await dialog.getByRole('checkbox', { name: /Chuyên viên/ }).check();
  await dialog.getByLabel('Mật khẩu ban đầu', { exact: true }).fill('ngắn');
  await dialog.getByLabel('Nhập lại mật khẩu ban đầu').fill('ngắn');
  await dialog.getByRole('button', { name: 'Thêm tài khoản' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Mật khẩu chưa đủ mạnh: cần ít nhất 10 ký tự');
  // The refused password is not kept in the form.
  await expect(dialog.getByLabel('Mật khẩu ban đầu', { exact: true })).toHaveValue('');
  await dialog.getByLabel('Mật khẩu ban đầu', { exact: true }).fill(TEMP_PASSWORD);
  await dialog.getByLabel('Nhập lại mật khẩu ban đầu').fill(`${TEMP_PASSWORD}x`);
  await dialog.getByRole('button', { name: 'Thêm tài khoản' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Hai lần nhập mật khẩu không khớp.');
  await dialog.getByLabel('Mật khẩu ban đầu', { exact: true }).fill(TEMP_PASSWORD);
  await dialog.getByLabel('Nhập lại mật khẩu ban đầu').fill(TEMP_PASSWORD);
  await screenshot(page, 'roles-04-admin-add');
  await dialog.getByLabel('Nhập lại mật khẩu ban đầu').press('Enter');
  await expect(dialog).toBeHidden();
  const row = list.locator('tr[data-username="cv.tckh"]');
  await expect(row).toContainText('Hoàng Thị Chuyên');
  await expect(row).toContainText('Phòng Tài chính - Kế hoạch');
  await expect(row).toContainText('Chuyên viên');
  await expect(row).toContainText('Chờ đổi mật khẩu');

  // The same username again is refused with its message.
  await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
  await page.keyboard.type('cv.tckh');
  await dialog.getByLabel('Họ và tên', { exact: true }).fill('Người khác');
  await dialog.getByRole('checkbox', { name: /Lưu trữ/ }).check();
  await dialog.getByLabel('Mật khẩu ban đầu', { exact: true }).fill(TEMP_PASSWORD);
  await dialog.getByLabel('Nhập lại mật khẩu ban đầu').fill(TEMP_PASSWORD);
  await dialog.getByRole('button', { name: 'Thêm tài khoản' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Tên đăng nhập «cv.tckh» đã có.');
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  // The last administrator keeps the role: the office's first admin and qt.admin are two, so
  // demoting qt.admin's own admin role works only while another one is left — try the grant instead.
  await row.getByRole('button', { name: 'Sửa tài khoản cv.tckh' }).click();
  const edit = page.getByRole('dialog', { name: 'Sửa tài khoản cv.tckh' });
  await edit.getByRole('checkbox', { name: /Được xem văn bản mật/ }).check();
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('Được xem');

  await row.getByRole('button', { name: 'Đặt lại mật khẩu của cv.tckh' }).click();
  const reset = page.getByRole('dialog', { name: 'Đặt lại mật khẩu của Hoàng Thị Chuyên' });
  const next = 'Mật-khẩu-mới-2026-xy';
  await reset.getByLabel('Mật khẩu tạm', { exact: true }).fill(next);
  await reset.getByLabel('Nhập lại mật khẩu tạm').fill(next);
  await reset.getByLabel('Nhập lại mật khẩu tạm').press('Enter');
  await expect(reset).toBeHidden();
  // Never shown again anywhere on the page.
  await expect(page.locator('body')).not.toContainText(next);
  await screenshot(page, 'roles-05-admin');

  // The person signs in with it and must choose their own before anything else.
  await page.getByRole('button', { name: `${ROLE_USERS.admin.fullName} ▾` }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await signIn(page, 'cv.tckh', next);
  const forced = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
  await expect(forced).toContainText('Mật khẩu của bạn vừa được người quản trị đặt lại');
  await screenshot(page, 'roles-06-forced-change');
  await forced.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(next);
  await forced.getByLabel('Mật khẩu mới', { exact: true }).fill('Mật khẩu của Chuyên 2026');
  await forced.getByLabel('Nhập lại mật khẩu mới').fill('Mật khẩu của Chuyên 2026');
  await forced.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(forced).toBeHidden();
  await expect(page.getByTestId('status-user')).toHaveText('Người làm việc: Hoàng Thị Chuyên (Chuyên viên)');
});

test('five wrong passwords lock the account, said in Vietnamese; the administrator sees the time left', async ({ page, webApp }) => {
  const u = await addRoleUser(webApp, 'archivist');
  await page.goto(webApp.url);
  for (let i = 1; i <= 5; i++) {
    await signIn(page, u.username, `sai mật khẩu lần ${i}`);
    await expect(page.getByRole('alert')).toHaveText(
      i < 5 ? 'Sai tên đăng nhập hoặc mật khẩu.' : /Tài khoản tạm khóa vì nhập sai mật khẩu 5 lần liên tiếp/,
    );
  }
  // Even the right password waits now.
  await signIn(page, u.username, FIXTURE_PASSWORD);
  await expect(page.getByRole('alert')).toContainText('Tài khoản tạm khóa vì nhập sai mật khẩu 5 lần liên tiếp; hãy thử lại sau');
  await screenshot(page, 'roles-07-locked-out');
  const accounts = await ok(webApp.api('account.list', {}));
  expect(accounts.find((a) => a.username === u.username)?.lockedUntil).toBeTruthy();

  await signIn(page, 'vanthu', FIXTURE_PASSWORD);
  await tab(page, 'Tài khoản').click();
  const row = page.locator('tr[data-username="lt.archive"]');
  await expect(row).toContainText(/Tạm khóa đến \d\d:\d\d \(còn 1[45] phút\)/);
  // Resetting the password unlocks it.
  await row.getByRole('button', { name: 'Đặt lại mật khẩu của lt.archive' }).click();
  const reset = page.getByRole('dialog', { name: `Đặt lại mật khẩu của ${u.fullName}` });
  await reset.getByLabel('Mật khẩu tạm', { exact: true }).fill(TEMP_PASSWORD);
  await reset.getByLabel('Nhập lại mật khẩu tạm').fill(TEMP_PASSWORD);
  await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(reset).toBeHidden();
  await expect(row).toContainText('Chờ đổi mật khẩu');
});

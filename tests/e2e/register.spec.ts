/**
 * Registering incoming documents at the keyboard, as a clerk does all day: type, Enter to
 * the next field, Ctrl+Enter to save; and what the clerk sees when something is wrong.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, screenshot } from './fixtures.js';

/** Today in Vietnam as the clerk types it (d/m) and as the form completes it (dd/mm/yyyy). */
function today(): { dm: string; full: string; year: number } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  const d = Number(p.day);
  const m = Number(p.month);
  const y = Number(p.year);
  return { dm: `${d}/${m}`, full: `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`, year: y };
}

const rows = (page: Page) => page.getByTestId('register-rows').locator('[role="row"][data-number]');

/** Types into the focused field, checks focus is where the clerk expects, then presses Enter. */
async function typeAndNext(page: Page, label: string, text: string | null): Promise<void> {
  await expect(page.getByLabel(label, { exact: true })).toBeFocused();
  if (text !== null) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

interface Doc {
  organ: string;
  symbol: string;
  type: string;
  signer: string;
  subject: string;
  pages: string;
  urgencyDowns?: number;
  toPlaces: string;
}

async function registerWithKeyboard(page: Page, doc: Doc): Promise<void> {
  const t = today();
  await typeAndNext(page, 'Cơ quan ban hành', doc.organ);
  await typeAndNext(page, 'Số, ký hiệu', doc.symbol);
  await typeAndNext(page, 'Ngày văn bản', t.dm);
  // The short date was completed with the current year when the field was left.
  await expect(page.getByLabel('Ngày văn bản', { exact: true })).toHaveValue(t.full);
  await typeAndNext(page, 'Loại văn bản', doc.type);
  await typeAndNext(page, 'Người ký', doc.signer);
  await typeAndNext(page, 'Trích yếu', doc.subject);
  await typeAndNext(page, 'Ngày đến', null); // defaults to now
  await typeAndNext(page, 'Số trang', doc.pages);
  await expect(page.getByLabel('Độ khẩn', { exact: true })).toBeFocused();
  for (let i = 0; i < (doc.urgencyDowns ?? 0); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await typeAndNext(page, 'Độ mật', null);
  await typeAndNext(page, 'Hình thức', null);
  await typeAndNext(page, 'Hạn giải quyết', null);
  await typeAndNext(page, 'Đơn vị, người nhận', doc.toPlaces);
  await expect(page.getByLabel('Ghi chú', { exact: true })).toBeFocused();
  await page.keyboard.press('Control+Enter');
}

test('three documents registered with the keyboard only get số đến 1, 2, 3', async ({ page, webApp }) => {
  await openApp(page, webApp);
  await expect(page.getByText('Chưa có văn bản nào. Nhấn Ctrl+N để vào sổ văn bản đầu tiên.')).toBeVisible();
  await screenshot(page, '01-register-empty');

  await page.keyboard.press('Control+n');
  await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toBeFocused();
  await expect(page.getByTestId('next-number')).toHaveText('1');

  const docs: Doc[] = [
    {
      organ: 'Sở Tài chính',
      symbol: '123/STC-NS',
      type: 'cong van',
      signer: 'Nguyễn Văn An',
      subject: 'Về việc phân bổ kinh phí sự nghiệp giáo dục năm 2026',
      pages: '3',
      toPlaces: 'Phòng Kinh tế',
    },
    {
      organ: 'Sở Nội vụ',
      symbol: '45/QĐ-SNV',
      type: 'Quyết định',
      signer: 'Trần Thị Bích',
      subject: 'Về việc tuyển dụng viên chức ngành y tế',
      pages: '2',
      urgencyDowns: 1,
      toPlaces: 'Văn phòng UBND tỉnh',
    },
    {
      organ: 'Công an tỉnh',
      symbol: '789/CAT-PV01',
      type: 'kh',
      signer: 'Lê Văn Cường',
      subject: 'Triển khai bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán',
      pages: '5',
      urgencyDowns: 3,
      toPlaces: 'Phó Chủ tịch Đặng Văn Dũng',
    },
  ];

  for (const [i, doc] of docs.entries()) {
    await registerWithKeyboard(page, doc);
    // The note, the cleared form with focus back on the first field, and the new row.
    await expect(page.getByRole('status').filter({ hasText: `Đã vào sổ số đến ${i + 1}` })).toBeVisible();
    await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Trích yếu', { exact: true })).toHaveValue('');
    await expect(rows(page).and(page.locator(`[data-number="${i + 1}"]`))).toContainText(doc.subject);
    await expect(page.getByTestId('next-number')).toHaveText(String(i + 2));
  }

  await expect(rows(page)).toHaveCount(3);
  const numbers = await rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-number'))).sort());
  expect(numbers).toEqual([1, 2, 3]);
  // What was typed loosely was stored properly: type names from "cong van" and "kh".
  await expect(rows(page).and(page.locator('[data-number="1"]'))).toContainText('Công văn');
  await expect(rows(page).and(page.locator('[data-number="3"]'))).toContainText('Kế hoạch');
  // Urgency shown as a badge: doc 2 Khẩn, doc 3 Hỏa tốc.
  await expect(rows(page).and(page.locator('[data-number="2"]')).locator('.badge')).toHaveText('Khẩn');
  await expect(rows(page).and(page.locator('[data-number="3"]')).locator('.badge')).toHaveText('Hỏa tốc');
  await expect(page.getByTestId('status-total')).toContainText('3');
  await screenshot(page, '02-register-three-rows');

  // Sender autocomplete from history, diacritic-insensitive.
  await page.keyboard.type('so t');
  const option = page.getByRole('option', { name: 'Sở Tài chính' });
  await expect(option).toBeVisible();
  await screenshot(page, '03-organ-autocomplete');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Cơ quan ban hành', { exact: true })).toHaveValue('Sở Tài chính');
  await expect(page.getByLabel('Số, ký hiệu', { exact: true })).toBeFocused();

  // A secret document goes to the secret register with its own numbering.
  await page.getByLabel('Độ mật', { exact: true }).selectOption('confidential');
  await expect(page.locator('.next-number')).toContainText('sổ DEN-MAT');
  await expect(page.getByTestId('next-number')).toHaveText('1');
});

test('an impossible date shows the Vietnamese message under the field and nothing is saved', async ({ page, webApp }) => {
  await openApp(page, webApp);
  const form = page.getByRole('form', { name: 'Vào sổ văn bản đến' });
  await form.getByLabel('Cơ quan ban hành', { exact: true }).fill('Sở Tài chính');
  await form.getByLabel('Ngày văn bản', { exact: true }).fill('30/02/2026');
  await form.getByLabel('Loại văn bản', { exact: true }).fill('Công văn');
  await form.getByLabel('Trích yếu', { exact: true }).fill('Về việc kiểm tra ngày không hợp lệ');
  await form.getByLabel('Trích yếu', { exact: true }).press('Control+Enter');

  const message = 'Ngày văn bản: ngày không hợp lệ (nhập ngày/tháng/năm, ví dụ 05/01/2026).';
  await expect(form.getByText(message)).toBeVisible();
  const field = form.getByLabel('Ngày văn bản', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Đã vào sổ' })).toHaveCount(0);
  await screenshot(page, '04-form-invalid-date');

  // Nothing reached the database.
  const r = await webApp.api('search.incoming', { includeVoided: true });
  expect(r.ok && r.value.total).toBe(0);
  await expect(page.getByText('Chưa có văn bản nào.', { exact: false })).toBeVisible();

  // Missing required fields are named too, once the clerk tries to save.
  await form.getByLabel('Trích yếu', { exact: true }).fill('');
  await form.getByLabel('Ngày văn bản', { exact: true }).fill('05/01/2026');
  await form.getByRole('button', { name: 'Vào sổ' }).click();
  await expect(form.getByText('Trích yếu: chưa nhập.')).toBeVisible();
  await expect(form.getByText(message)).toHaveCount(0);
});

test('a duplicate shows the existing number and can still be registered with "Vẫn vào sổ"', async ({ page, webApp }) => {
  const first = await webApp.api('incoming.add', {
    data: {
      organName: 'Sở Y tế',
      symbol: '88/SYT-NVY',
      issuedDate: '2026-01-05',
      typeName: 'Công văn',
      subject: 'Về việc phòng, chống dịch sốt xuất huyết',
    },
  });
  expect(first.ok).toBe(true);
  await openApp(page, webApp);
  const form = page.getByRole('form', { name: 'Vào sổ văn bản đến' });
  await form.getByLabel('Cơ quan ban hành', { exact: true }).fill('Sở Y tế');
  await form.getByLabel('Số, ký hiệu', { exact: true }).fill('88/SYT-NVY');
  await form.getByLabel('Ngày văn bản', { exact: true }).fill('05/01/2026');
  await form.getByLabel('Loại văn bản', { exact: true }).fill('Công văn');
  await form.getByLabel('Trích yếu', { exact: true }).fill('Về việc phòng, chống dịch sốt xuất huyết (bản gửi lại)');
  await form.getByLabel('Trích yếu', { exact: true }).press('Control+Enter');

  const banner = form.getByRole('alert').filter({ hasText: 'Văn bản này đã được vào sổ' });
  // Arrival defaults to now: the number is in this year's book, whatever year the test runs in.
  await expect(banner).toContainText(`số đến 1/${today().year} sổ DEN`);
  await screenshot(page, '05-form-duplicate');
  await expect(page.getByRole('button', { name: 'Vẫn vào sổ' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Đã vào sổ số đến 2' })).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
});

test('the calendar beside a date field is keyboard operable and in Vietnamese', async ({ page, webApp }) => {
  await openApp(page, webApp);
  const field = page.getByLabel('Ngày văn bản', { exact: true });
  await field.fill('15/03/2026');
  await field.press('Alt+ArrowDown');
  const calendar = page.getByRole('dialog', { name: 'Chọn ngày: Ngày văn bản' });
  await expect(calendar).toBeVisible();
  await expect(calendar).toContainText('Tháng Ba năm 2026');
  await expect(calendar.getByRole('columnheader', { name: 'Thứ Hai' })).toBeVisible();
  await expect(calendar.getByRole('button', { name: 'Chủ Nhật, ngày 15 tháng ba năm 2026' })).toBeFocused();
  await screenshot(page, '06-calendar');
  await page.keyboard.press('ArrowLeft'); // 14
  await page.keyboard.press('ArrowUp'); // 7
  await page.keyboard.press('PageDown'); // 7 April
  await expect(calendar).toContainText('Tháng Tư năm 2026');
  await page.keyboard.press('Enter');
  await expect(calendar).toBeHidden();
  await expect(field).toHaveValue('07/04/2026');
  await expect(field).toBeFocused();
  // Esc closes without changing the value.
  await field.press('F4');
  await expect(calendar).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(calendar).toBeHidden();
  await expect(field).toHaveValue('07/04/2026');
});

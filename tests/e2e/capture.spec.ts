/**
 * Capture in the browser (issue 13): a clerk drops two scans on the register form; each
 * becomes a pending registration in «Quét hàng loạt». The first is read (real Tesseract OCR
 * of a rendered, degraded scan), its fields arrive marked «gợi ý», the clerk corrects one,
 * confirms the rest with Enter and registers with Ctrl+Enter; the second, a long scan, is
 * stopped mid-reading and left for typing by hand. Then content search finds the first by a
 * phrase only its body holds, showing the page and line, and the document's «Đóng dấu ĐẾN»
 * downloads a stamped copy that poppler reads back.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { specs } from '../fixtures/capture/testSet.js';
import type { DocSpec } from '../support/capture/corpus.js';
import { renderSpec } from '../support/capture/render.js';
import { scanToPdf } from '../support/capture/scan.js';
import { test, expect, openApp, screenshot } from './fixtures.js';

const BODY_ONLY = 'kè chắn sóng cửa biển Sa Kỳ';

async function scans(): Promise<{ short: { spec: DocSpec; bytes: Uint8Array }; long: Uint8Array }> {
  const all = specs(12);
  const base = all.find((s) => s.layout === 'decree30' && s.body.length <= 4) ?? all[0]!;
  const spec: DocSpec = { ...base, body: [{ text: `Ưu tiên bố trí vốn cho dự án ${BODY_ONLY} trong năm nay.` }] };
  const short = await scanToPdf(await renderSpec(spec), { dpi: 200, angle: 0.6, noise: 6, jpegQuality: 75, gray: true, seed: 11 });
  const long = all.find((s) => s.body.length > 8) ?? all[1]!;
  const longSpec: DocSpec = { ...long, body: [...long.body, ...long.body, ...long.body] };
  const longScan = await scanToPdf(await renderSpec(longSpec), { dpi: 200, angle: -0.8, noise: 7, jpegQuality: 70, gray: true, seed: 12 });
  return { short: { spec, bytes: short }, long: longScan };
}

/** Drops files on an element as the browser would (a DataTransfer built in the page). */
async function dropFiles(page: Page, selector: string, files: { name: string; bytes: Uint8Array; type: string }[]) {
  const payload = files.map((f) => ({ name: f.name, type: f.type, b64: Buffer.from(f.bytes).toString('base64') }));
  const dt = await page.evaluateHandle((list) => {
    // This file is compiled without the DOM library: the page's classes, typed by hand.
    const w = globalThis as unknown as {
      DataTransfer: new () => { items: { add(f: unknown): void } };
      File: new (parts: Uint8Array[], name: string, o: { type: string }) => unknown;
    };
    const t = new w.DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      t.items.add(new w.File([bytes], f.name, { type: f.type }));
    }
    return t;
  }, payload);
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer: dt });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer: dt });
}

test('dropped scans become a queue: fields pre-filled «gợi ý», corrected, registered by keyboard; content search and the ĐẾN stamp', async ({
  page,
  webApp,
}, testInfo) => {
  test.setTimeout(600_000);
  const { short, long } = await scans();
  const truth = short.spec.truth;
  await openApp(page, webApp);

  await dropFiles(page, '.form-panel', [
    { name: 'cong-van-den.pdf', bytes: short.bytes, type: 'application/pdf' },
    { name: 'to-trinh-dai.pdf', bytes: long, type: 'application/pdf' },
    { name: 'ghi-chu.txt', bytes: new TextEncoder().encode('không phải bản quét'), type: 'text/plain' },
  ]);
  const queue = page.getByRole('complementary', { name: 'Hàng đợi bản quét' });
  await expect(queue).toBeVisible();
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText(/Bỏ qua 1 tệp không phải bản quét/)).toBeVisible();
  const first = queue.getByRole('listitem').nth(0);
  const second = queue.getByRole('listitem').nth(1);
  // The first scan is read page by page, then its fields arrive marked «gợi ý».
  await expect(first.getByTestId('capture-state')).toHaveText(/Đang (mở tệp|đọc trang 1\/1)/);
  await expect(first.getByTestId('capture-state')).toHaveText(/Đã đọc — \d+ trường gợi ý/, { timeout: 240_000 });
  const form = page.getByRole('form', { name: 'Vào sổ văn bản đến' });
  await expect(form.getByTestId('suggested-symbol')).toBeVisible();
  await expect(form.getByLabel('Số, ký hiệu')).toHaveValue(truth.symbol);
  await expect(form.getByLabel('Trích yếu')).toHaveValue(truth.subject);
  await expect(form.getByTestId('suggested-subject')).toHaveText('gợi ý');
  await expect(
    page
      .getByRole('region', { name: /Bản quét cong-van-den\.pdf/ })
      .locator('canvas[data-done="1"]')
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'capture-queue-prefilled');
  // Nothing is saved while the clerk reads.
  expect((await webApp.api('incoming.list', { limit: 5 })).ok && (await webApp.api('incoming.list', { limit: 5 }))).toMatchObject({
    value: { items: [] },
  });

  // The second (long) scan is being read now: stop it; it stays in the queue for typing by hand.
  await expect(second.getByTestId('capture-state')).toHaveText(/Đang đọc trang \d+\/[2-9]/, { timeout: 120_000 });
  await second.getByRole('button', { name: 'Dừng' }).click();
  await expect(second.getByTestId('capture-state')).toHaveText('Đã dừng đọc — nhập tay');

  // The clerk walks the form with Enter: each Enter confirms the field it leaves.
  const organ = form.getByRole('combobox', { name: 'Cơ quan ban hành' });
  await organ.focus();
  const suggestedBefore = await form.locator('.suggest-badge').count();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('suggested-organName')).toHaveCount(0);
  expect(await form.locator('.suggest-badge').count()).toBe(suggestedBefore - 1);
  // A correction: the symbol cleared and typed again confirms it too.
  await form.getByLabel('Số, ký hiệu').fill('');
  await form.getByLabel('Số, ký hiệu').fill(truth.symbol);
  await expect(form.getByTestId('suggested-symbol')).toHaveCount(0);
  await form.getByLabel('Trích yếu').fill(`${truth.subject} (bản quét)`);
  await page.keyboard.press('Control+Enter');
  await expect(first.getByTestId('capture-state')).toHaveText(/Đã vào sổ số đến 1/);
  await expect(second).toHaveAttribute('aria-current', 'true');
  await screenshot(page, 'capture-queue-registered');

  const listed = await webApp.api('incoming.list', { limit: 5 });
  if (!listed.ok) throw new Error(listed.error.code);
  expect(listed.value.items).toHaveLength(1);
  const rec = listed.value.items[0]!;
  expect(rec).toMatchObject({ symbol: truth.symbol, subject: `${truth.subject} (bản quét)`, typeName: truth.typeName });
  expect(rec.attachments.map((a) => a.fileName)).toEqual(['cong-van-den.pdf']);

  // Content search: a phrase of the body only (not in any field) finds it, with its page and line.
  await page.getByRole('tab', { name: 'Văn bản đến' }).click();
  await page.getByLabel('Tìm trong (lọc)').selectOption('content');
  await page.getByLabel('Tìm kiếm', { exact: true }).fill('ke chan song');
  const rows = page.getByTestId('register-rows').locator('[role="row"][data-number]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('content-hit')).toContainText('Trang 1');
  await expect(rows.first().getByTestId('content-hit')).toContainText(/chắn sóng/);
  await screenshot(page, 'capture-content-search');
  await page.getByLabel('Tìm trong (lọc)').selectOption('');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-loading', 'false');
  await expect(rows).toHaveCount(0);

  // The ĐẾN stamp: a stamped copy downloaded; poppler reads the number and "ĐẾN" on page 1.
  await page.getByRole('tab', { name: 'Văn bản đến' }).click();
  await page.getByLabel('Tìm kiếm', { exact: true }).fill('');
  await rows.first().dblclick();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Đóng dấu ĐẾN' }).click();
  const file = path.join(testInfo.outputDir, 'stamped.pdf');
  await (await download).saveAs(file);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('ĐẾN');
  expect(text).toMatch(/Số:?\s*1\b/);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, path.join(testInfo.outputDir, 'stamped')]);
  writeFileSync(path.join(testInfo.outputDir, 'stamped-text.txt'), text);
  await screenshot(page, 'capture-stamp');
});

/**
 * A search with more hits than a page counts (10,000): the screen says "hơn 10.000 kết quả"
 * at once, then the exact number when the separate count (search.count) arrives.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, screenshot } from './fixtures.js';
import { importDocuments } from './testData.js';

const count = (page: Page) => page.getByTestId('result-count');

test('more than 10,000 hits: "hơn 10.000 kết quả" first, then the exact number', async ({ page, webApp }) => {
  test.setTimeout(180_000);
  await importDocuments(webApp, 12_000);
  // Hold every exact count back until released, to see the screen before it arrives.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/search.count', async (route) => {
    await held;
    await route.continue();
  });
  await openApp(page, webApp);
  // The whole register is counted by its outline, exactly.
  await expect(page.getByTestId('status-shown')).toContainText('Đang xem: 12.000 văn bản');

  await page.getByLabel('Tìm kiếm', { exact: true }).fill('cuon so');
  await expect(page.getByTestId('register-rows')).toHaveAttribute('data-query', 'cuon so');
  await expect(count(page)).toHaveText('hơn 10.000 kết quả');
  await expect(count(page)).toHaveAttribute('data-capped', 'true');
  await expect(page.getByTestId('status-shown')).toContainText('Kết quả tìm kiếm: hơn 10.000');
  await screenshot(page, 'search-count-capped');

  release();
  await expect(count(page)).toHaveText('12.000 kết quả');
  await expect(count(page)).toHaveAttribute('data-capped', 'false');
  await expect(page.getByTestId('status-shown')).toContainText('Kết quả tìm kiếm: 12.000');
  await screenshot(page, 'search-count-exact');

  // A narrower search is counted exactly on its first page: no "more than", no second call needed.
  await page.getByLabel('Tìm kiếm', { exact: true }).fill('van ban thu 11999');
  await expect(count(page)).toHaveText('1 kết quả');
});

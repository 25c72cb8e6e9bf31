/**
 * A register taller than the browser can lay out scrolls to its last row. A million rows take
 * minutes to build, so this test lowers the list's scroll-space cap through its test hook
 * (window.__VANTHU_LIST_MAX_SPACE__) until 12,000 rows are "too tall" — the same scaled
 * mapping as at a million, exercised by keys, wheel and the scrollbar thumb. (bench/browser.ts
 * does it at a million rows with the real cap.)
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp, screenshot } from './fixtures.js';
import { importDocuments } from './testData.js';

const ROWS = 12_000;
/** Scroll space for 12,000 48-px rows (576,000 px): about a sixth. */
const MAX_SPACE = 100_000;
/** The list's own scrollbar (app.css): no arrow buttons, thumb at least 32 px. */
const MIN_THUMB = 32;

// Playwright hides scrollbars in headless Chromium; this test drags one.
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    ignoreDefaultArgs: ['--hide-scrollbars'],
  },
});

interface Shown {
  /** aria-rowindex and số đến of every row wholly in view, top to bottom. */
  rows: [number, number | null][];
  scrollTop: number;
  scrollHeight: number;
}

function shown(body: Locator): Promise<Shown> {
  return body.evaluate((el) => {
    const b = el.getBoundingClientRect();
    const rows = [...el.querySelectorAll('[role="row"]')].filter((r) => {
      const rr = r.getBoundingClientRect();
      return rr.top >= b.top - 0.5 && rr.bottom <= b.bottom + 0.5;
    });
    return {
      rows: rows.map((r): [number, number | null] => {
        const n = r.getAttribute('data-number');
        return [Number(r.getAttribute('aria-rowindex')), n === null ? null : Number(n)];
      }),
      scrollTop: el.scrollTop,
      scrollHeight: el.scrollHeight,
    };
  });
}

/**
 * The rows on screen are loaded, consecutive and where they belong: số đến k arrived k-th,
 * so the row at aria-rowindex r (header = 1) is số ROWS + 2 − r.
 */
async function expectConsistent(body: Locator): Promise<Shown> {
  await expect(body.locator('.grid-row.placeholder')).toHaveCount(0);
  const s = await shown(body);
  expect(s.rows.length).toBeGreaterThan(5);
  for (const [i, [index, number]] of s.rows.entries()) {
    expect(index).toBe(s.rows[0]![0] + i);
    expect(number).toBe(ROWS + 2 - index);
  }
  return s;
}

/** Drags the scrollbar thumb from where it is to `fraction` of the track (past 1: beyond its end). */
async function dragThumb(page: Page, body: Locator, fraction: number): Promise<void> {
  const box = (await body.boundingBox())!;
  const m = await body.evaluate((el) => ({
    top: el.scrollTop,
    max: el.scrollHeight - el.clientHeight,
    bar: el.offsetWidth - el.clientWidth,
  }));
  expect(m.bar).toBeGreaterThan(0);
  const thumb = Math.max(MIN_THUMB, (box.height * box.height) / (m.max + box.height));
  const x = box.x + box.width - m.bar / 2;
  const from = box.y + (m.top / m.max) * (box.height - thumb) + thumb / 2;
  await page.mouse.move(x, from);
  await page.mouse.down();
  await page.mouse.move(x, box.y + fraction * (box.height - thumb) + thumb / 2, { steps: 8 });
  await page.mouse.up();
}

test('a register taller than the browser allows reaches its last row by End and by the scrollbar', async ({ page, webApp }) => {
  test.setTimeout(180_000);
  await importDocuments(webApp, ROWS);
  await page.addInitScript(`window.__VANTHU_LIST_MAX_SPACE__ = ${MAX_SPACE};`);
  await openApp(page, webApp);
  const body = page.getByTestId('register-rows');
  await expect(body).toHaveAttribute('data-total', String(ROWS));
  await expect(body).toHaveAttribute('data-scaled', 'true');
  const top = await expectConsistent(body);
  expect(top.scrollHeight).toBeLessThanOrEqual(MAX_SPACE);
  expect(top.rows[0]).toEqual([2, ROWS]);

  // End: the last row, số 1, selected at the bottom.
  await body.focus();
  await page.keyboard.press('End');
  const last = body.locator('[role="row"][data-number="1"]');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-rowindex', String(ROWS + 1));
  const atEnd = await expectConsistent(body);
  expect(atEnd.rows.at(-1)).toEqual([ROWS + 1, 1]);
  expect(atEnd.scrollTop + (await body.evaluate((el) => el.clientHeight))).toBeGreaterThanOrEqual(atEnd.scrollHeight - 1);
  await screenshot(page, '17-scaled-list-end');

  // Up a page and back: the keys move by rows, not by scaled pixels.
  const perPage = Math.floor((await body.evaluate((el) => el.clientHeight)) / 48) - 1;
  await page.keyboard.press('PageUp');
  await expect(body.locator(`[role="row"][data-number="${1 + perPage}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(body.locator(`[role="row"][data-number="${2 + perPage}"]`)).toHaveAttribute('aria-selected', 'true');
  await expectConsistent(body);
  await page.keyboard.press('Home');
  await expect(body.locator(`[role="row"][data-number="${ROWS}"]`)).toHaveAttribute('aria-selected', 'true');
  expect((await expectConsistent(body)).rows[0]).toEqual([2, ROWS]);

  // The thumb to the middle: rows from the middle of the register, nothing read before them.
  await dragThumb(page, body, 0.5);
  const middle = await expectConsistent(body);
  const midIndex = middle.rows[0]![0] - 2;
  expect(midIndex).toBeGreaterThan(ROWS * 0.45);
  expect(midIndex).toBeLessThan(ROWS * 0.55);
  await screenshot(page, '18-scaled-list-middle');

  // The wheel reads on from there, 240 px at a time: five rows, not five scaled screens.
  await page.mouse.move((await body.boundingBox())!.x + 300, (await body.boundingBox())!.y + 100);
  await page.mouse.wheel(0, 240);
  await expect.poll(async () => (await shown(body)).rows[0]?.[0]).toBe(middle.rows[0]![0] + 5);
  await expectConsistent(body);

  // The thumb dragged past the end of its track: the last row.
  await dragThumb(page, body, 1.2);
  await expect(body.locator('[role="row"][data-number="1"]')).toBeVisible();
  expect((await expectConsistent(body)).rows.at(-1)).toEqual([ROWS + 1, 1]);

  // A year of the register, by date, is reached the same way…
  await page.getByLabel('Năm (lọc)').selectOption('2025');
  await expect(body).toHaveAttribute('data-loading', 'false');
  await expect(body).toHaveAttribute('data-total', String(ROWS));
  await body.focus();
  await page.keyboard.press('End');
  await expect(body.locator('[role="row"][data-number="1"]')).toHaveAttribute('aria-selected', 'true');
  await expectConsistent(body);

  // … and so is the register in book order (one register-year, by số đến).
  await page.getByLabel('Sổ (lọc)').selectOption('DEN');
  await page.locator('#f-sort').selectOption('number');
  await expect(body).toHaveAttribute('data-loading', 'false');
  await expect(body).toHaveAttribute('data-total', String(ROWS));
  await body.focus();
  await page.keyboard.press('End');
  await expect(body.locator('[role="row"][data-number="1"]')).toHaveAttribute('aria-selected', 'true');
  await expectConsistent(body);
  await dragThumb(page, body, 0.25);
  const quarter = await expectConsistent(body);
  expect(quarter.rows[0]![0] - 2).toBeGreaterThan(ROWS * 0.2);
  expect(quarter.rows[0]![0] - 2).toBeLessThan(ROWS * 0.3);
});

/**
 * The app's top bar at the screen sizes offices have (1366×768 laptops, 1280-wide projectors,
 * 1920×1080 monitors): signed in as the office's all-rounder, who has every tab (the accounts
 * and trust tabs too), the tabs stay on one line each, inside the bar, none overlapping
 * another or the buttons, and the organisation's name is shown whole (its full name is the
 * tooltip where it must be shortened). Screenshots header-1280/1366/1920.
 */
import type { Page } from '@playwright/test';
import { test, expect, ORG_NAME, openApp, screenshot } from './fixtures.js';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The boxes of the bar's parts, and whether any text is cut or wrapped. */
async function measure(page: Page) {
  return page.locator('.app-header').evaluate((header) => {
    type Part = typeof header;
    const box = (el: Part) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const all = (selector: string) => [...header.querySelectorAll(selector)] as Part[];
    const tabs = all('[role="tab"]');
    const org = all('.brand-org')[0];
    // The lines a text is laid on: the distinct tops of its characters' boxes.
    const lines = (el: Part) => {
      const range = header.ownerDocument.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    return {
      header: box(header),
      tabs: tabs.map((t) => ({ text: t.textContent ?? '', ...box(t), lines: lines(t), cut: t.scrollWidth > t.clientWidth + 1 })),
      org: org ? { text: org.textContent ?? '', cut: org.scrollWidth > org.clientWidth + 1, ...box(org) } : null,
      others: all('.brand-name, .btn-header').map((e) => ({ text: e.textContent ?? '', ...box(e) })),
      scrolls: header.scrollWidth > header.clientWidth + 1,
    };
  });
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

for (const [width, height] of [
  [1280, 720],
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`the top bar fits at ${width}×${height}: tabs on one line, the organisation's name whole`, async ({ page, webApp }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, webApp);
    const m = await measure(page);
    await screenshot(page, `header-${width}`);
    expect(m.tabs.length).toBe(10);
    expect(m.scrolls).toBe(false);
    expect(m.header.w).toBeLessThanOrEqual(width);
    for (const part of [...m.tabs, ...m.others, ...(m.org ? [m.org] : [])]) {
      expect(part.x, part.text).toBeGreaterThanOrEqual(0);
      expect(part.x + part.w, part.text).toBeLessThanOrEqual(width);
    }
    for (const t of m.tabs) {
      // Inside the bar, on one line, not cut.
      expect(t.y, t.text).toBeGreaterThanOrEqual(m.header.y - 0.5);
      expect(t.y + t.h, t.text).toBeLessThanOrEqual(m.header.y + m.header.h + 0.5);
      expect(t.cut, t.text).toBe(false);
      expect(t.lines, t.text).toBe(1);
    }
    const parts = [...m.tabs, ...m.others, ...(m.org ? [m.org] : [])];
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++) expect(overlap(parts[i]!, parts[j]!), `${parts[i]!.text} / ${parts[j]!.text}`).toBe(false);
    expect(m.org?.text).toBe(ORG_NAME);
    expect(m.org?.cut).toBe(false);
  });
}

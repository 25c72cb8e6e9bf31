/**
 * End-to-end tests of the real desktop window (Playwright's Electron driver). Separate
 * from the browser-mode suite (playwright.config.ts, tests/e2e) because they need
 * Electron's binary, which cannot be downloaded on every machine; the spec skips itself
 * when the binary is missing.
 *   npx playwright test -c tests/e2e-electron/playwright.config.ts
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  // One Electron at a time: each test owns a data folder, but start-up is heavy.
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: '../../test-results/e2e-electron',
});

/**
 * Makes the page (out/renderer) and the built web host (out/node) fresh once for the whole run,
 * rebuilding only what is older than its sources — the same check as `npm run web`.
 */
import { ensureRenderer } from '../../scripts/web.mjs';
import { build } from '../../scripts/build.mjs';

export default async function globalSetup(): Promise<void> {
  if (process.env.VANTHU_E2E_SKIP_BUILD === '1') return;
  ensureRenderer();
  await build({ ifStale: true, quiet: true });
}

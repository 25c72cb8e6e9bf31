#!/usr/bin/env node
// `vanthu` (package.json "bin"; `npx vanthu …`, `npm run -s cli -- …`): runs the CLI built in
// out/node. The build is made at install (`prepare`); in a checkout whose sources changed since
// (or where it was never made) it is rebuilt here first, so the command never runs stale code.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const cli = new URL('out/node/cli.js', root);
const hasSources = existsSync(new URL('src/main/cli/index.ts', root));
if (hasSources || !existsSync(cli)) {
  const { staleReason } = await import('../scripts/lib/stale.mjs');
  if (staleReason(fileURLToPath(root))) {
    const { build } = await import('../scripts/build.mjs');
    await build({ quiet: true });
  }
}
await import(cli.href);

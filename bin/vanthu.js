#!/usr/bin/env node
// `vanthu` (package.json "bin"; `npx vanthu …`, `npm run -s cli -- …`): runs the CLI built in
// out/node. The build is made at install (`prepare`); in a checkout whose sources changed since
// (or where it was never made) it is rebuilt here first, so the command never runs stale code.
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const cli = new URL('out/node/cli.js', root);
const hasSources = existsSync(new URL('src/main/cli/index.ts', root));
if (hasSources || !existsSync(cli)) {
  const { build, staleReason } = await import('../scripts/build.mjs');
  if (staleReason()) await build({ quiet: true });
}
await import(cli.href);

/**
 * Builds the Node programs once before the unit tests when a source changed since the last
 * build: tests that run the CLI run the built out/node/cli.js, as `npx vanthu` does.
 */
import { build } from '../../scripts/build.mjs';

export default async function globalSetup(): Promise<void> {
  await build({ ifStale: true, quiet: true });
}

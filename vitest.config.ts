import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The user's settings folder for every test process: a fresh one, so no test reads or
 * writes the real user's VanThu folder (saved database choice, sessions, token settings).
 */
const CONFIG_HOME = mkdtempSync(path.join(os.tmpdir(), 'vanthu-test-home-'));

/**
 * Two projects, one conformance suite: every test runs on SQLite; the store and service
 * tests (and the PostgreSQL-only ones in tests/unit/postgres/) run again on a throwaway
 * PostgreSQL cluster started once for the run (tests/unit/helpers/pgGlobalSetup.ts).
 */
const POSTGRES_SUITE = [
  'tests/unit/incoming.test.ts',
  'tests/unit/listOutline.test.ts',
  'tests/unit/search.test.ts',
  'tests/unit/search/senderTags.test.ts',
  'tests/unit/import.test.ts',
  'tests/unit/importLarge.test.ts',
  'tests/unit/incomingVerification.test.ts',
  'tests/unit/registerBook.test.ts',
  'tests/unit/outgoing/outgoing.test.ts',
  'tests/unit/outgoing/triggers.test.ts',
  'tests/unit/api/contract.test.ts',
  'tests/unit/workflow/workflow.test.ts',
  'tests/unit/workflow/heldAssignments.test.ts',
  'tests/unit/workflow/exports.test.ts',
  'tests/unit/interchange/vnTrust.test.ts',
  'tests/unit/archive/**/*.test.ts',
  'tests/unit/letters/**/*.test.ts',
  'tests/unit/interchange/roundTrip.test.ts',
  'tests/unit/interchange/sendFromApp.test.ts',
  'tests/unit/interchange/officeAttachments.test.ts',
  'tests/unit/capture/contentSearch.test.ts',
  'tests/unit/postgres/**/*.test.ts',
  'tests/unit/accounts/visibility.test.ts',
];

export default defineConfig({
  test: {
    // Builds out/node when stale: the CLI tests run the built CLI, as `npx vanthu` does.
    globalSetup: ['tests/unit/global-setup.ts'],
    // Password hashing at a test cost (see the file): the product's cost is in npm run bench.
    setupFiles: ['tests/support/test-kdf.mjs'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { XDG_CONFIG_HOME: CONFIG_HOME },
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/postgres/**'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_SUITE,
          // CLI children here each open a pooled, TLS connection to the cluster: slower than a file.
          testTimeout: 180_000,
          env: { VANTHU_TEST_STORE: 'postgres', XDG_CONFIG_HOME: CONFIG_HOME },
          globalSetup: ['tests/unit/global-setup.ts', 'tests/unit/helpers/pgGlobalSetup.ts'],
        },
      },
    ],
  },
});

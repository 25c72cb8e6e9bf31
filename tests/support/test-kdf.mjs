/**
 * Test-only password hashing cost, for the test processes: vitest's workers (setupFiles in
 * vitest.config.ts) and the programs the tests start (node --import ./tests/support/test-kdf.mjs
 * <program> …, see tests/unit/cliHelpers.ts and tests/e2e/fixtures.ts).
 *
 * VănThư hashes passwords with scrypt at N = 2^15 (src/main/accounts/password.ts): about
 * 170 ms of CPU per sign-in, which is the point — and which would make every one of the
 * suite's thousands of CLI calls and sign-ins that much slower. This preload makes
 * crypto.scrypt run at N = 2^10 whatever it is asked for; the stored hash still names the
 * product's parameters, so a database made under it only works under it.
 *
 * Why a preload and not a setting: the product has no way to be told a lower cost (no flag,
 * no variable, no option), so nobody can weaken the hashes of a real office. This file lives
 * in tests/, is not built or packaged, and acts only when a test names it with --import —
 * like fixed-now.mjs for the clock. The benchmark (npm run bench -- --only accounts) runs
 * without it and measures the real cost.
 */
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

const TEST_N = 1024;
const realScrypt = crypto.scrypt;
const realScryptSync = crypto.scryptSync;

crypto.scrypt = function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') return realScrypt.call(this, password, salt, keylen, { N: TEST_N }, options);
  return realScrypt.call(this, password, salt, keylen, { ...options, N: TEST_N }, callback);
};
crypto.scryptSync = function scryptSync(password, salt, keylen, options) {
  return realScryptSync.call(this, password, salt, keylen, { ...options, N: TEST_N });
};
syncBuiltinESMExports();

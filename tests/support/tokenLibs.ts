import os from 'node:os';
import path from 'node:path';

/**
 * Where tests put the PKCS#11 libraries they configure: outside the temp and data folders,
 * where the token registry refuses a library. Under the repository's out/ (ignored by git),
 * unless the clone itself sits in the temp folder (a clone in /tmp): then under the user's
 * cache folder.
 */
export function tokenLibsDir(name: string): string {
  const root = path.resolve('.');
  const tmp = path.resolve(os.tmpdir());
  const inTemp = root === tmp || root.startsWith(tmp + path.sep);
  const base = inTemp ? path.join(os.homedir(), '.cache', 'vanthu-tests') : path.join(root, 'out');
  return path.join(base, 'test-token-libs', name);
}

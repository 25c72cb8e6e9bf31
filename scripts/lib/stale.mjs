// Is out/node older than its sources? Kept apart from scripts/build.mjs (and free of anything but
// node:fs and node:path) because bin/vanthu.js asks it on every call: a fresh build costs a
// JSON read and a stat per source file, nothing more.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files whose change invalidates the build besides the sources esbuild read (the entry list lives in build.mjs). */
export const CONFIG_FILES = ['scripts/build.mjs', 'package.json', 'tsconfig.node.json'];

/**
 * Why the build in <root>/out/node must be redone, or null when it is fresh: every input esbuild
 * read last time and the build configuration are older than the build, and its programs and
 * chunks are there. Where there is no src/ (a packaged copy), a present build is fresh.
 */
export function staleReason(root) {
  const out = path.join(root, 'out', 'node');
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(out, 'build-info.json'), 'utf8'));
  } catch {
    return 'no build yet';
  }
  for (const file of info.outputs ?? []) if (file.endsWith('.js') && !existsSync(path.join(out, file))) return `missing ${file}`;
  if (!existsSync(path.join(root, 'src'))) return null;
  for (const rel of [...CONFIG_FILES, ...(info.inputs ?? [])]) {
    const st = statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (!st) return `${rel} was removed`;
    if (st.mtimeMs > info.builtAt) return `${rel} changed`;
  }
  return null;
}

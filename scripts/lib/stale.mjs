// Is out/node older than its sources? Kept apart from scripts/build.mjs (and free of anything but
// node:fs and node:path) because bin/vanthu.js asks it on every call: a fresh build costs a
// JSON read and a stat per source file, nothing more.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

/** Files whose change invalidates the build besides the sources esbuild read (the entry list lives in build.mjs). */
export const CONFIG_FILES = ['scripts/build.mjs', 'package.json', 'tsconfig.node.json'];

/**
 * Why the build in <root>/out/node must be redone, or null when it is fresh: every input esbuild
 * read last time and the build configuration are older than the build, and its programs and
 * chunks are there. Where there is no src/ (a packaged copy), a present build is fresh.
 *
 * Asked before every command, so kept to the system calls it needs: the outputs are looked up in
 * a listing of their folders (one call per folder, not one per file), and paths are joined as
 * strings (fs takes "/" on every platform; path.join's normalising cost as much as the stats).
 */
export function staleReason(root) {
  const out = `${root}/out/node`;
  let info;
  try {
    info = JSON.parse(readFileSync(`${out}/build-info.json`, 'utf8'));
  } catch {
    return 'no build yet';
  }
  const outputs = (info.outputs ?? []).filter((f) => f.endsWith('.js'));
  const listed = new Map();
  for (const file of outputs) {
    const slash = file.lastIndexOf('/');
    const dir = slash < 0 ? '' : file.slice(0, slash);
    let names = listed.get(dir);
    if (!names) {
      try {
        names = new Set(readdirSync(dir ? `${out}/${dir}` : out));
      } catch {
        names = new Set();
      }
      listed.set(dir, names);
    }
    if (!names.has(file.slice(slash + 1))) return `missing ${file}`;
  }
  if (!existsSync(`${root}/src`)) return null;
  for (const rel of [...CONFIG_FILES, ...(info.inputs ?? [])]) {
    const st = statSync(`${root}/${rel}`, { throwIfNoEntry: false });
    if (!st) return `${rel} was removed`;
    if (st.mtimeMs > info.builtAt) return `${rel} changed`;
  }
  return null;
}

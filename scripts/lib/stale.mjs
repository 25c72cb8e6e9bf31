// Is out/node older than its sources? Kept apart from scripts/build.mjs (and free of anything but
// node:fs) because bin/vanthu.js asks it on every call: a fresh build costs a JSON read and a
// stat per source file, nothing more.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Beside build-info.json: `{ builtAt, files: { path: sha256 } }` of the sources and configuration the build read. */
export const HASHES_FILE = 'build-hashes.json';

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
  let hashes;
  for (const rel of [...CONFIG_FILES, ...(info.inputs ?? [])]) {
    const st = statSync(`${root}/${rel}`, { throwIfNoEntry: false });
    if (!st) return `${rel} was removed`;
    if (st.mtimeMs <= info.builtAt) continue;
    // A newer file whose bytes are those the build read is not a change: git writes the files it
    // checks out, rebases or stashes with the time of writing, also when their content ends up
    // as it was, and a copy without -p does the same. Only such files are read and hashed, and
    // the build's hashes are read only then (a file of their own: the common call never parses them).
    hashes ??= buildHashes(out, info.builtAt);
    if (!(rel in hashes && sha256(`${root}/${rel}`) === hashes[rel])) return `${rel} changed`;
  }
  return null;
}

/** The SHA-256 of each input as the build read it (build-hashes.json, written with the build of `builtAt`), or none. */
function buildHashes(out, builtAt) {
  try {
    const h = JSON.parse(readFileSync(`${out}/${HASHES_FILE}`, 'utf8'));
    return h.builtAt === builtAt && h.files && typeof h.files === 'object' ? h.files : {};
  } catch {
    return {};
  }
}

/** SHA-256 (hex) of a file, as build.mjs records the inputs it read; node:crypto is loaded only here. */
export function sha256(file) {
  const { createHash } = createRequire(import.meta.url)('node:crypto');
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

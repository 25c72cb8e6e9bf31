// Is a build output newer than everything it is made from? Used to skip rebuilding the renderer
// (`npm run web`, `npm start`, the browser tests) and the Electron bundles when nothing changed.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The newest modification time under the given files and folders (folders walked recursively). */
export function newestMtime(paths) {
  let newest = 0;
  let newestFile = null;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(p, name));
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
      newestFile = p;
    }
  };
  for (const p of paths) visit(p);
  return { mtime: newest, file: newestFile };
}

/**
 * Why `output` must be rebuilt from `inputs`, or null when it is newer than all of them.
 * `root` makes the reason's file name relative for messages.
 */
export function staleBecause(output, inputs, root = process.cwd()) {
  const built = mtime(output);
  if (built === null) return `${path.relative(root, output)} does not exist`;
  const { mtime: newest, file } = newestMtime(inputs);
  return newest > built ? `${path.relative(root, file)} changed` : null;
}

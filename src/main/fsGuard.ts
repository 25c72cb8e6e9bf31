/**
 * Path-traversal guard shared by every face that serves the built renderer from disk: the
 * loopback web host (HTTP) and the desktop app's app:// protocol. One implementation, so a
 * fix to one is a fix to both.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Resolves a URL path inside root, or null if it would escape it. */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rootAbs = path.resolve(root);
  return full === rootAbs || full.startsWith(rootAbs + path.sep) ? full : null;
}

/**
 * `file` (already inside root by safeJoin) as a regular file whose real path, links
 * resolved, is still inside root's real path; null otherwise (missing, a folder, or a
 * symbolic link pointing out of the served folder: a planted link, a careless build step).
 */
export async function realFileInside(root: string, file: string): Promise<{ file: string; size: number } | null> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { file: real, size: info.size } : null;
  } catch {
    return null;
  }
}

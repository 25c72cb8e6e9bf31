/**
 * Path-traversal guard shared by every face that serves the built renderer from disk: the
 * loopback web host (HTTP) and the desktop app's app:// protocol. One implementation, so a
 * fix to one is a fix to both.
 */
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

/** The server's own client tools (pg_dump, pg_restore): on PATH, or in Debian's versioned folders. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function findPgTool(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  const root = '/usr/lib/postgresql';
  try {
    // Newest first: pg_dump must be at least as new as the server.
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      const p = path.join(root, v, 'bin', name);
      if (existsSync(p)) return p;
    }
  } catch {
    /* not installed */
  }
  return name;
}

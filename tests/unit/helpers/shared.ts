/**
 * The workplace's shared folder (public Vietnamese CA certificates, real signed PDFs, the
 * domain notes): read by tests at run time, never copied into the project. It sits beside
 * the repository (`../shared`, where CI lays a copy), or where VANTHU_SHARED_DIR says;
 * /work/shared on the developers' machines. Tests that need it skip, saying why, when it is
 * absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function sharedDir(sub: string): string | null {
  const candidates = [process.env.VANTHU_SHARED_DIR, path.resolve(ROOT, '..', 'shared'), '/work/shared'];
  for (const c of candidates) if (c && existsSync(path.join(c, sub))) return path.join(c, sub);
  return null;
}

export const SHARED_MISSING = 'skipped: no shared/ folder beside the repository (set VANTHU_SHARED_DIR)';

/**
 * Writes a file so that the destination is either the old content or the complete new
 * content, never half a PDF: write a hidden temp file beside it, flush, rename over.
 * On Windows a rename fails while another program (a PDF viewer, an antivirus scan) holds
 * the destination open: retry a few times before giving up, as Actual Budget does.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);

export async function writeFileAtomic(target: string, bytes: Uint8Array, opts: { retries?: number; delayMs?: number } = {}): Promise<void> {
  const retries = opts.retries ?? 6;
  const delayMs = opts.delayMs ?? 50;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(tmp, target);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (!RETRYABLE.has(code) || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, delayMs * 2 ** attempt));
      }
    }
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

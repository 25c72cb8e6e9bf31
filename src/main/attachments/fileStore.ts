/**
 * Content-addressed file store beside the database: `<db>.files/ab/cd/<sha256>`.
 * Originals are stored byte for byte; the same content is stored once. Files are written
 * to a temporary name, flushed and renamed, so a crash never leaves a half file under a
 * real hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { BlobStore, StagedFile } from '../store/ports.js';

export class FileStore implements BlobStore {
  constructor(readonly root: string) {}

  static besideDatabase(dbPath: string): FileStore {
    return new FileStore(`${path.resolve(dbPath)}.files`);
  }

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Stores bytes under their hash (no-op when present). Returns the hash. */
  async put(bytes: Uint8Array): Promise<string> {
    return this.putSync(bytes);
  }

  putSync(bytes: Uint8Array): string {
    const sha = FileStore.hash(bytes);
    const dest = this.pathOf(sha);
    if (existsSync(dest)) return sha;
    mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(tmp, dest);
    } catch (e) {
      rmSync(tmp, { force: true });
      if (!existsSync(dest)) throw e;
    }
    return sha;
  }

  /**
   * Stores a file by streaming it through the hash and copying it, never holding it in
   * memory: import files can be hundreds of megabytes (or over Node's 2 GiB buffer limit).
   */
  async putFile(file: string): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    const fd = openSync(file, 'r');
    const buf = Buffer.allocUnsafe(1 << 20);
    let size = 0;
    try {
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; size += n) hash.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    const sha = hash.digest('hex');
    const dest = this.pathOf(sha);
    if (!existsSync(dest)) {
      mkdirSync(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
      copyFileSync(file, tmp);
      const out = openSync(tmp, 'r+');
      try {
        fsyncSync(out);
      } finally {
        closeSync(out);
      }
      renameSync(tmp, dest);
    }
    return { sha256: sha, size };
  }

  /**
   * A copy written by its reader (an import's reading thread, which flushes it to disk when the
   * last byte is written) into the store's folder, renamed under its hash when kept: the same
   * temporary-name-then-rename as putFile, so a crash never leaves a half file under a real
   * hash (at most a stray temporary file).
   */
  stage(): StagedFile {
    mkdirSync(this.root, { recursive: true });
    this.removeOrphanedCopies();
    const tmp = path.join(this.root, `staged.${process.pid}.${Date.now()}.${randomBytes(4).toString('hex')}.tmp`);
    return {
      path: tmp,
      keep: (sha256) => {
        const dest = this.pathOf(sha256);
        if (existsSync(dest)) return rmSync(tmp, { force: true });
        mkdirSync(path.dirname(dest), { recursive: true });
        renameSync(tmp, dest);
      },
      discard: () => rmSync(tmp, { force: true }),
    };
  }

  /** Copies staged by a process that no longer runs (an import killed meanwhile): never to be kept. */
  private removeOrphanedCopies(): void {
    for (const name of readdirSync(this.root)) {
      const pid = /^staged\.(\d+)\..*\.tmp$/.exec(name)?.[1];
      if (pid !== undefined && !processRuns(Number(pid))) rmSync(path.join(this.root, name), { force: true });
    }
  }

  async read(sha256: string): Promise<Buffer> {
    return readFileSync(this.pathOf(sha256));
  }

  async *stream(sha256: string): AsyncIterable<Buffer> {
    for await (const chunk of createReadStream(this.pathOf(sha256), { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  }

  /** Re-hashes a stored file, streamed: 'ok', 'missing' or 'corrupt'. */
  /** Removes the bytes (only a destruction does, once its rows are committed). */
  async remove(sha256: string): Promise<void> {
    rmSync(this.pathOf(sha256), { force: true });
  }

  async verify(sha256: string): Promise<'ok' | 'missing' | 'corrupt'> {
    const p = this.pathOf(sha256);
    if (!existsSync(p)) return 'missing';
    const hash = createHash('sha256');
    for await (const chunk of this.stream(sha256)) hash.update(chunk);
    return hash.digest('hex') === sha256 ? 'ok' : 'corrupt';
  }
}

/** Whether a process with this id runs (signal 0 checks without signalling; EPERM: it runs, as another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface CopyReport {
  copied: number;
  /** Already in the target with the right content (a repeated backup copies only what is new). */
  present: number;
  missing: string[];
  corrupt: string[];
}

/** Copies stored files into another store (a backup's folder), each re-hashed on the way. */
export async function copyBlobs(from: FileStore, to: FileStore, sha256s: Iterable<string>): Promise<CopyReport> {
  const report: CopyReport = { copied: 0, present: 0, missing: [], corrupt: [] };
  for (const sha of sha256s) {
    if ((await to.verify(sha)) === 'ok') {
      report.present++;
      continue;
    }
    const src = from.pathOf(sha);
    if (!existsSync(src)) {
      report.missing.push(sha);
      continue;
    }
    const dest = to.pathOf(sha);
    mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
    copyFileSync(src, tmp);
    if (sha256OfFile(tmp) !== sha) {
      rmSync(tmp, { force: true });
      report.corrupt.push(sha);
      continue;
    }
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, dest);
    report.copied++;
  }
  return report;
}

/** SHA-256 of a file, streamed (never the whole file in memory); the same for every blob store. */
export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

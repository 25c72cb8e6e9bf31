/**
 * File contents in the database, by SHA-256: every PC reads them, and a `pg_dump`
 * contains them. Stored as bytea in chunks of 1 MiB (blob_chunks) rather than as large
 * objects: chunks are ordinary rows, so they are dumped, restored, replicated and — in the
 * accounts phase — guarded by GRANTs like every other table (large objects have their own
 * permission system and need vacuumlo for orphans), and a file is written and read one
 * chunk at a time, never held whole (a 1 GiB file costs 1 MiB of memory).
 *
 * A content is stored in its own short transaction before the document's transaction
 * names it (blobs.sha256 references blob_contents), as the SQLite store writes its file
 * before the row: a committed row always finds its bytes.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type pg from 'pg';
import type { BlobStore } from '../../store/ports.js';

export const CHUNK_BYTES = 1 << 20;

export class PgBlobStore implements BlobStore {
  constructor(private readonly withClient: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>) {}

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Present with its bytes (a content a destruction removed keeps its row, without chunks: absent). */
  private async exists(c: pg.PoolClient, sha256: string): Promise<boolean> {
    const r = await c.query('SELECT chunks, size FROM blob_contents WHERE sha256 = $1', [sha256]);
    return r.rowCount! > 0 && !removedRow(sha256, r.rows[0]);
  }

  /** Writes the chunks from `next()` under `sha256` in one transaction (no-op when present). */
  private async store(sha256: string, size: number, chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    await this.withClient(async (c) => {
      if (await this.exists(c, sha256)) return;
      await c.query('BEGIN');
      try {
        // Two PCs storing the same new content: the second waits on the first's key, then skips.
        await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [sha256]);
        if (await this.exists(c, sha256)) {
          await c.query('ROLLBACK');
          return;
        }
        let n = 0;
        for await (const chunk of chunks) {
          await c.query({
            name: 'vt_blob_chunk',
            text: 'INSERT INTO blob_chunks (sha256, n, data) VALUES ($1, $2, $3)',
            values: [sha256, n++, chunk],
          });
        }
        // A content a destruction removed may come back with a new document: its row is refilled.
        await c.query(
          `INSERT INTO blob_contents (sha256, size, chunks) VALUES ($1, $2, $3)
           ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, chunks = excluded.chunks`,
          [sha256, size, n],
        );
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha = PgBlobStore.hash(bytes);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const pieces: Buffer[] = [];
    for (let i = 0; i < buf.length; i += CHUNK_BYTES) pieces.push(buf.subarray(i, i + CHUNK_BYTES));
    await this.store(sha, buf.length, pieces);
    return sha;
  }

  /** Two passes over the file (hash, then copy), 1 MiB at a time, as FileStore.putFile does. */
  async putFile(file: string): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for (const chunk of readChunks(file)) {
      hash.update(chunk);
      size += chunk.length;
    }
    const sha256 = hash.digest('hex');
    await this.store(sha256, size, readChunks(file));
    return { sha256, size };
  }

  async read(sha256: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.stream(sha256)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /** One chunk per query, each on a pooled connection: a slow reader never holds a transaction open. */
  async *stream(sha256: string): AsyncIterable<Buffer> {
    const head = await this.withClient((c) => c.query('SELECT chunks, size FROM blob_contents WHERE sha256 = $1', [sha256]));
    if (head.rowCount === 0 || removedRow(sha256, head.rows[0]))
      throw Object.assign(new Error(`stored file ${sha256} is missing`), { code: 'ENOENT' });
    const chunks = Number(head.rows[0].chunks);
    for (let n = 0; n < chunks; n++) {
      const r = await this.withClient((c) =>
        c.query({ name: 'vt_blob_read', text: 'SELECT data FROM blob_chunks WHERE sha256 = $1 AND n = $2', values: [sha256, n] }),
      );
      if (r.rowCount === 0) throw Object.assign(new Error(`stored file ${sha256}: chunk ${n} is missing`), { code: 'ENOENT' });
      yield r.rows[0].data as Buffer;
    }
  }

  /** Removes the bytes (a destruction listed the content in removed_blobs first; the guard checks it). */
  async remove(sha256: string): Promise<void> {
    await this.withClient(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query('DELETE FROM blob_chunks WHERE sha256 = $1', [sha256]);
        await c.query('UPDATE blob_contents SET chunks = 0, size = 0 WHERE sha256 = $1', [sha256]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }

  async verify(sha256: string): Promise<'ok' | 'missing' | 'corrupt'> {
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of this.stream(sha256)) {
        hash.update(chunk);
        size += chunk.length;
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return 'missing';
      throw e;
    }
    const row = await this.withClient((c) => c.query('SELECT size FROM blob_contents WHERE sha256 = $1', [sha256]));
    return hash.digest('hex') === sha256 && Number(row.rows[0]?.size) === size ? 'ok' : 'corrupt';
  }
}

function* readChunks(file: string): Generator<Buffer> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
      if (n <= 0) break;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** A row left by a destruction: no chunks, no size, yet not the empty content's hash. */
function removedRow(sha256: string, row: { chunks: unknown; size: unknown }): boolean {
  return Number(row.chunks) === 0 && Number(row.size) === 0 && sha256 !== EMPTY_SHA256;
}

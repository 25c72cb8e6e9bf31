/** Registers and counters, meta, attachments' rows, trust anchors: small tables, plain SQL. */
import type { StoredPage } from '../../../shared/domain/capture.js';
import type { AttachmentInfo } from '../../../shared/domain/incoming.js';
import type {
  AttachmentRepository,
  BlobRow,
  Direction,
  MetaRepository,
  RegisterRepository,
  RegisterRow,
  TrustAnchorRow,
  TrustRepository,
} from '../../store/ports.js';
import type { Tx } from './tx.js';

export class PgRegisterRepository implements RegisterRepository {
  constructor(private readonly tx: Tx) {}

  async list(direction?: Direction): Promise<RegisterRow[]> {
    return direction
      ? this.tx.q.rows<RegisterRow>('SELECT id, code, name, direction, confidential FROM registers WHERE direction = $1 ORDER BY id', [
          direction,
        ])
      : this.tx.q.rows<RegisterRow>('SELECT id, code, name, direction, confidential FROM registers ORDER BY id');
  }

  async byCode(code: string): Promise<RegisterRow | null> {
    return (
      (await this.tx.q.one<RegisterRow>('SELECT id, code, name, direction, confidential FROM registers WHERE code = $1', [code])) ?? null
    );
  }

  async create(r: Omit<RegisterRow, 'id'>, at: string): Promise<RegisterRow> {
    const row = await this.tx.q.one<{ id: number }>(
      'INSERT INTO registers (code, name, direction, confidential, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [r.code, r.name, r.direction, r.confidential, at],
    );
    return { ...r, id: row!.id };
  }

  /**
   * The upsert takes the counter row's lock until the transaction ends: another PC
   * allocating in the same register-year waits, then sees this number as used (or, if
   * this transaction rolls back, gets it itself). So numbers are unique and gap-free.
   */
  async allocateNumber(registerId: number, year: number): Promise<number> {
    if (this.tx.bulk) return this.tx.bulk.allocate(registerId, year);
    const row = await this.tx.q.one<{ last_number: number }>(
      `INSERT INTO register_counters AS c (register_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (register_id, year) DO UPDATE SET last_number = c.last_number + 1
       RETURNING last_number`,
      [registerId, year],
    );
    return row!.last_number;
  }

  async reserveNumber(registerId: number, year: number, n: number): Promise<void> {
    if (this.tx.bulk) return this.tx.bulk.reserve(registerId, year, n);
    await this.tx.q.run(
      `INSERT INTO register_counters AS c (register_id, year, last_number) VALUES ($1, $2, $3)
       ON CONFLICT (register_id, year) DO UPDATE SET last_number = greatest(c.last_number, excluded.last_number)`,
      [registerId, year, n],
    );
  }

  async peekNextNumber(registerId: number, year: number): Promise<number> {
    const row = await this.tx.q.one<{ last_number: number }>(
      'SELECT last_number FROM register_counters WHERE register_id = $1 AND year = $2',
      [registerId, year],
    );
    return (row?.last_number ?? 0) + 1;
  }
}

export class PgMetaRepository implements MetaRepository {
  constructor(private readonly tx: Tx) {}

  async get(key: string): Promise<string | null> {
    return (await this.tx.q.one<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.tx.q.run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      value,
    ]);
  }
}

export class PgAttachmentRepository implements AttachmentRepository {
  constructor(private readonly tx: Tx) {}

  async ensureBlob(b: BlobRow, at: string): Promise<void> {
    await this.tx.q.run('INSERT INTO blobs (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [
      b.sha256,
      b.size,
      b.mime,
      at,
    ]);
  }

  async link(documentId: number, sha256: string, fileName: string, at: string, verification?: unknown): Promise<number> {
    const row = await this.tx.q.one<{ id: number }>(
      'INSERT INTO incoming_attachments (document_id, sha256, file_name, created_at, verification) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [documentId, sha256, fileName, at, verification === undefined || verification === null ? null : JSON.stringify(verification)],
    );
    return row!.id;
  }

  async listFor(documentId: number): Promise<AttachmentInfo[]> {
    const rows = await this.tx.q.rows<Omit<AttachmentInfo, 'verification'> & { verification: string | null }>(
      `SELECT a.id, a.file_name AS "fileName", a.sha256, b.size, b.mime, a.verification
       FROM incoming_attachments a JOIN blobs b USING (sha256) WHERE a.document_id = $1 ORDER BY a.id`,
      [documentId],
    );
    return rows.map((r) => ({ ...r, verification: r.verification ? JSON.parse(r.verification) : null }));
  }

  async allBlobs(): Promise<BlobRow[]> {
    return this.tx.q.rows<BlobRow>('SELECT sha256, size, mime FROM blobs ORDER BY sha256');
  }

  async putText(sha256: string, pages: StoredPage[]): Promise<void> {
    if (!pages.length) return;
    await this.tx.q.run(
      `INSERT INTO blob_pages (sha256, page, method, confidence, text)
       SELECT $1::text, * FROM unnest($2::int[], $3::text[], $4::int[], $5::text[])
       ON CONFLICT (sha256, page) DO NOTHING`,
      [sha256, pages.map((p) => p.page), pages.map((p) => p.method), pages.map((p) => p.confidence), pages.map((p) => p.text)],
    );
  }

  async hasText(sha256: string): Promise<boolean> {
    return (await this.tx.q.rows('SELECT 1 FROM blob_pages WHERE sha256 = $1 LIMIT 1', [sha256])).length > 0;
  }
}

export class PgTrustRepository implements TrustRepository {
  constructor(private readonly tx: Tx) {}

  async add(a: Omit<TrustAnchorRow, 'id'>, at: string): Promise<{ id: number; added: boolean }> {
    const existing = await this.tx.q.one<{ id: number }>('SELECT id FROM trust_anchors WHERE sha256 = $1', [a.sha256]);
    if (existing) return { id: existing.id, added: false };
    const row = await this.tx.q.one<{ id: number }>(
      'INSERT INTO trust_anchors (subject, sha256, pem, not_after, created_at, kind, legacy) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [a.subject, a.sha256, a.pem, a.notAfter, at, a.kind, a.legacy],
    );
    return { id: row!.id, added: true };
  }

  async list(): Promise<TrustAnchorRow[]> {
    return this.tx.q.rows<TrustAnchorRow>(
      'SELECT id, subject, sha256, pem, not_after AS "notAfter", kind, legacy FROM trust_anchors ORDER BY id',
    );
  }

  async setLegacy(id: number, legacy: boolean): Promise<void> {
    await this.tx.q.run('UPDATE trust_anchors SET legacy = $1 WHERE id = $2', [legacy, id]);
  }

  async remove(id: number): Promise<void> {
    await this.tx.q.run('DELETE FROM trust_anchors WHERE id = $1', [id]);
  }
}

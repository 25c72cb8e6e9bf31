import type { StoredPage } from '../../../shared/domain/capture.js';
import type { AttachmentInfo } from '../../../shared/domain/incoming.js';
import type { AttachmentRepository, BlobRow } from '../../store/ports.js';
import type { Statements } from './statements.js';

export class SqliteAttachmentRepository implements AttachmentRepository {
  constructor(private readonly s: Statements) {}

  async ensureBlob(b: BlobRow, at: string): Promise<void> {
    this.s
      .get('INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING')
      .run(b.sha256, b.size, b.mime, at);
  }

  async link(documentId: number, sha256: string, fileName: string, at: string, verification?: unknown): Promise<number> {
    const info = this.s
      .get('INSERT INTO incoming_attachments (document_id, sha256, file_name, created_at, verification) VALUES (?, ?, ?, ?, ?)')
      .run(documentId, sha256, fileName, at, verification === undefined || verification === null ? null : JSON.stringify(verification));
    return Number(info.lastInsertRowid);
  }

  async listFor(documentId: number): Promise<AttachmentInfo[]> {
    return this.s
      .get(
        `SELECT a.id, a.file_name AS fileName, a.sha256, b.size, b.mime, a.verification
         FROM incoming_attachments a JOIN blobs b USING (sha256) WHERE a.document_id = ? ORDER BY a.id`,
      )
      .all(documentId)
      .map((r) => {
        const row = r as AttachmentInfo & { verification: string | null };
        return { ...row, verification: row.verification ? JSON.parse(row.verification) : null };
      });
  }

  async allBlobs(): Promise<BlobRow[]> {
    return this.s.get('SELECT sha256, size, mime FROM blobs ORDER BY sha256').all() as BlobRow[];
  }

  async putText(sha256: string, pages: StoredPage[]): Promise<void> {
    const insert = this.s.get(
      'INSERT INTO blob_pages (sha256, page, method, confidence, text) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256, page) DO NOTHING',
    );
    for (const p of pages) insert.run(sha256, p.page, p.method, p.confidence, p.text);
  }

  async hasText(sha256: string): Promise<boolean> {
    return this.s.get('SELECT 1 FROM blob_pages WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
  }
}

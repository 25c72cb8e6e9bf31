/** The organ directory and edXML messages in and out: PostgreSQL twin of sqlite/interchangeRepo.ts. */
import type { Organ } from '../../../shared/domain/interchange.js';
import type { InterchangeRepository, ReceivedRow, SentRow, StatusRow } from '../../store/ports.js';
import type { Tx } from './tx.js';

const ORGAN = `organ_id AS "organId", name, in_charge AS "inCharge", address, email, phone, fax, website, parent_id AS "parentId"`;
const RECEIVED = `id, message_sha256 AS "messageSha256", document_id AS "documentId", from_organ AS "fromOrgan", from_name AS "fromName",
  business_type AS "businessType", subject, symbol, state, incoming_id AS "incomingId", linked_to AS "linkedTo", recalled,
  refuse_reason AS "refuseReason", last_status AS "lastStatus", received_at AS "receivedAt", header`;
const SENT = `id, outgoing_id AS "outgoingId", organ_id AS "organId", organ_name AS "organName", business_type AS "businessType",
  document_id AS "documentId", status, status_at AS "statusAt", note, file_name AS "fileName", created_at AS "createdAt"`;
const STATUS = `id, direction, document_id AS "documentId", organ_id AS "organId", code, description, at, message_sha256 AS "messageSha256"`;

const RECEIVED_PATCH = {
  state: 'state',
  incomingId: 'incoming_id',
  recalled: 'recalled',
  refuseReason: 'refuse_reason',
  lastStatus: 'last_status',
} as const;

export class PgInterchangeRepository implements InterchangeRepository {
  constructor(private readonly tx: Tx) {}

  async putOrgan(o: Organ, at: string): Promise<boolean> {
    const r = await this.tx.q.one<{ inserted: boolean }>(
      `INSERT INTO organs (organ_id, name, in_charge, address, email, phone, fax, website, parent_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (organ_id) DO UPDATE SET name = excluded.name, in_charge = excluded.in_charge, address = excluded.address,
         email = excluded.email, phone = excluded.phone, fax = excluded.fax, website = excluded.website,
         parent_id = excluded.parent_id, updated_at = excluded.updated_at
       RETURNING (xmax = 0) AS inserted`,
      [o.organId, o.name, o.inCharge, o.address, o.email, o.phone, o.fax, o.website, o.parentId, at],
    );
    return r!.inserted;
  }

  async organ(organId: string): Promise<Organ | null> {
    return (await this.tx.q.one<Organ>(`SELECT ${ORGAN} FROM organs WHERE organ_id = $1`, [organId])) ?? null;
  }

  async organs(): Promise<Organ[]> {
    return this.tx.q.rows<Organ>(`SELECT ${ORGAN} FROM organs ORDER BY organ_id`);
  }

  async insertReceived(r: Omit<ReceivedRow, 'id'>): Promise<number> {
    const row = await this.tx.q.one<{ id: number }>(
      `INSERT INTO edxml_received (message_sha256, document_id, from_organ, from_name, business_type, subject, symbol, state,
         incoming_id, linked_to, recalled, refuse_reason, last_status, received_at, header)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        r.messageSha256,
        r.documentId,
        r.fromOrgan,
        r.fromName,
        r.businessType,
        r.subject,
        r.symbol,
        r.state,
        r.incomingId,
        r.linkedTo,
        r.recalled,
        r.refuseReason,
        r.lastStatus,
        r.receivedAt,
        r.header,
      ],
    );
    return row!.id;
  }

  async linkReceivedFile(receivedId: number, sha256: string, kind: 'message' | 'attachment'): Promise<void> {
    await this.tx.q.run('INSERT INTO edxml_received_files (received_id, sha256, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      receivedId,
      sha256,
      kind,
    ]);
  }

  async received(id: number): Promise<ReceivedRow | null> {
    return (await this.tx.q.one<ReceivedRow>(`SELECT ${RECEIVED} FROM edxml_received WHERE id = $1`, [id])) ?? null;
  }

  async receivedBySha(sha256: string): Promise<ReceivedRow | null> {
    return (await this.tx.q.one<ReceivedRow>(`SELECT ${RECEIVED} FROM edxml_received WHERE message_sha256 = $1`, [sha256])) ?? null;
  }

  async receivedNew(documentId: string): Promise<ReceivedRow | null> {
    return (
      (await this.tx.q.one<ReceivedRow>(
        `SELECT ${RECEIVED} FROM edxml_received WHERE document_id = $1 AND business_type = 0 AND state <> 'refused'`,
        [documentId],
      )) ?? null
    );
  }

  async listReceived(limit: number): Promise<ReceivedRow[]> {
    return this.tx.q.rows<ReceivedRow>(`SELECT ${RECEIVED} FROM edxml_received ORDER BY id DESC LIMIT $1`, [limit]);
  }

  async receivedOpen(): Promise<ReceivedRow[]> {
    return this.tx.q.rows<ReceivedRow>(
      `SELECT ${RECEIVED} FROM edxml_received WHERE state = 'registered' AND incoming_id IS NOT NULL
         AND (last_status IS NULL OR last_status NOT IN ('06', '02')) ORDER BY id`,
    );
  }

  async updateReceived(id: number, patch: Parameters<InterchangeRepository['updateReceived']>[1]): Promise<void> {
    const keys = Object.keys(patch) as (keyof typeof RECEIVED_PATCH)[];
    if (!keys.length) return;
    await this.tx.q.run(
      `UPDATE edxml_received SET ${keys.map((k, i) => `${RECEIVED_PATCH[k]} = $${i + 1}`).join(', ')} WHERE id = $${keys.length + 1}`,
      [...keys.map((k) => patch[k]), id],
    );
  }

  async insertSent(r: Omit<SentRow, 'id'>): Promise<number> {
    const row = await this.tx.q.one<{ id: number }>(
      `INSERT INTO edxml_sent (outgoing_id, organ_id, organ_name, business_type, document_id, status, status_at, note, file_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [r.outgoingId, r.organId, r.organName, r.businessType, r.documentId, r.status, r.statusAt, r.note, r.fileName, r.createdAt],
    );
    return row!.id;
  }

  async sentFor(outgoingId: number): Promise<SentRow[]> {
    return this.tx.q.rows<SentRow>(`SELECT ${SENT} FROM edxml_sent WHERE outgoing_id = $1 ORDER BY id`, [outgoingId]);
  }

  async sentByDocument(documentId: string, organId: string): Promise<SentRow[]> {
    return this.tx.q.rows<SentRow>(`SELECT ${SENT} FROM edxml_sent WHERE document_id = $1 AND organ_id = $2 ORDER BY id`, [
      documentId,
      organId,
    ]);
  }

  async updateSent(id: number, status: SentRow['status'], at: string, note: string | null): Promise<void> {
    await this.tx.q.run('UPDATE edxml_sent SET status = $1, status_at = $2, note = $3 WHERE id = $4', [status, at, note, id]);
  }

  async insertStatus(r: Omit<StatusRow, 'id'>): Promise<boolean> {
    const n = await this.tx.q.run(
      `INSERT INTO edxml_status (direction, document_id, organ_id, code, description, at, message_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (message_sha256) DO NOTHING`,
      [r.direction, r.documentId, r.organId, r.code, r.description, r.at, r.messageSha256],
    );
    return n === 1;
  }

  async statusBySha(sha256: string): Promise<boolean> {
    return (await this.tx.q.one('SELECT 1 FROM edxml_status WHERE message_sha256 = $1', [sha256])) !== undefined;
  }

  async statuses(documentId: string): Promise<StatusRow[]> {
    return this.tx.q.rows<StatusRow>(`SELECT ${STATUS} FROM edxml_status WHERE document_id = $1 ORDER BY id`, [documentId]);
  }

  async unsentStatuses(): Promise<StatusRow[]> {
    return this.tx.q.rows<StatusRow>(`SELECT ${STATUS} FROM edxml_status WHERE direction = 'out' AND message_sha256 IS NULL ORDER BY id`);
  }

  async markStatusWritten(id: number, sha256: string): Promise<void> {
    await this.tx.q.run('UPDATE edxml_status SET message_sha256 = $1 WHERE id = $2', [sha256, id]);
  }
}

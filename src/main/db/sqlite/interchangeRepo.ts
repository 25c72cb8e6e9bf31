/** The organ directory and edXML messages in and out (see migration 0061). */
import type { Organ } from '../../../shared/domain/interchange.js';
import type { InterchangeRepository, ReceivedRow, SentRow, StatusRow } from '../../store/ports.js';
import type { Statements } from './statements.js';

const ORGAN = `organ_id AS organId, name, in_charge AS inCharge, address, email, phone, fax, website, parent_id AS parentId`;
const RECEIVED = `id, message_sha256 AS messageSha256, document_id AS documentId, from_organ AS fromOrgan, from_name AS fromName,
  business_type AS businessType, subject, symbol, state, incoming_id AS incomingId, linked_to AS linkedTo, recalled,
  refuse_reason AS refuseReason, last_status AS lastStatus, received_at AS receivedAt, header`;
const SENT = `id, outgoing_id AS outgoingId, organ_id AS organId, organ_name AS organName, business_type AS businessType,
  document_id AS documentId, status, status_at AS statusAt, note, file_name AS fileName, created_at AS createdAt`;
const STATUS = `id, direction, document_id AS documentId, organ_id AS organId, code, description, at, message_sha256 AS messageSha256`;

type RawReceived = Omit<ReceivedRow, 'recalled'> & { recalled: number };
const received = (r: RawReceived | undefined): ReceivedRow | null => (r ? { ...r, recalled: r.recalled === 1 } : null);

const RECEIVED_PATCH = {
  state: 'state',
  incomingId: 'incoming_id',
  recalled: 'recalled',
  refuseReason: 'refuse_reason',
  lastStatus: 'last_status',
} as const;

export class SqliteInterchangeRepository implements InterchangeRepository {
  constructor(private readonly s: Statements) {}

  async putOrgan(o: Organ, at: string): Promise<boolean> {
    const existed = this.s.get('SELECT 1 FROM organs WHERE organ_id = ?').get(o.organId) !== undefined;
    this.s
      .get(
        `INSERT INTO organs (organ_id, name, in_charge, address, email, phone, fax, website, parent_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (organ_id) DO UPDATE SET name = excluded.name, in_charge = excluded.in_charge, address = excluded.address,
           email = excluded.email, phone = excluded.phone, fax = excluded.fax, website = excluded.website,
           parent_id = excluded.parent_id, updated_at = excluded.updated_at`,
      )
      .run(o.organId, o.name, o.inCharge, o.address, o.email, o.phone, o.fax, o.website, o.parentId, at, at);
    return !existed;
  }

  async organ(organId: string): Promise<Organ | null> {
    return (this.s.get(`SELECT ${ORGAN} FROM organs WHERE organ_id = ?`).get(organId) as Organ | undefined) ?? null;
  }

  async organs(): Promise<Organ[]> {
    return this.s.get(`SELECT ${ORGAN} FROM organs ORDER BY organ_id`).all() as Organ[];
  }

  async insertReceived(r: Omit<ReceivedRow, 'id'>): Promise<number> {
    const row = this.s
      .get(
        `INSERT INTO edxml_received (message_sha256, document_id, from_organ, from_name, business_type, subject, symbol, state,
           incoming_id, linked_to, recalled, refuse_reason, last_status, received_at, header)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
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
        r.recalled ? 1 : 0,
        r.refuseReason,
        r.lastStatus,
        r.receivedAt,
        r.header,
      ) as { id: number };
    return row.id;
  }

  async linkReceivedFile(receivedId: number, sha256: string, kind: 'message' | 'attachment'): Promise<void> {
    this.s
      .get('INSERT INTO edxml_received_files (received_id, sha256, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(receivedId, sha256, kind);
  }

  async received(id: number): Promise<ReceivedRow | null> {
    return received(this.s.get(`SELECT ${RECEIVED} FROM edxml_received WHERE id = ?`).get(id) as RawReceived | undefined);
  }

  async receivedBySha(sha256: string): Promise<ReceivedRow | null> {
    return received(this.s.get(`SELECT ${RECEIVED} FROM edxml_received WHERE message_sha256 = ?`).get(sha256) as RawReceived | undefined);
  }

  async receivedNew(documentId: string): Promise<ReceivedRow | null> {
    return received(
      this.s
        .get(`SELECT ${RECEIVED} FROM edxml_received WHERE document_id = ? AND business_type = 0 AND state <> 'refused'`)
        .get(documentId) as RawReceived | undefined,
    );
  }

  async listReceived(limit: number): Promise<ReceivedRow[]> {
    return (this.s.get(`SELECT ${RECEIVED} FROM edxml_received ORDER BY id DESC LIMIT ?`).all(limit) as RawReceived[]).map((r) =>
      received(r)!,
    );
  }

  async receivedOpen(): Promise<ReceivedRow[]> {
    return (
      this.s
        .get(
          `SELECT ${RECEIVED} FROM edxml_received WHERE state = 'registered' AND incoming_id IS NOT NULL
             AND (last_status IS NULL OR last_status NOT IN ('06', '02')) ORDER BY id`,
        )
        .all() as RawReceived[]
    ).map((r) => received(r)!);
  }

  async updateReceived(id: number, patch: Parameters<InterchangeRepository['updateReceived']>[1]): Promise<void> {
    const keys = Object.keys(patch) as (keyof typeof RECEIVED_PATCH)[];
    if (!keys.length) return;
    const values = keys.map((k) => (k === 'recalled' ? (patch.recalled ? 1 : 0) : patch[k]));
    this.s.get(`UPDATE edxml_received SET ${keys.map((k) => `${RECEIVED_PATCH[k]} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
  }

  async insertSent(r: Omit<SentRow, 'id'>): Promise<number> {
    const row = this.s
      .get(
        `INSERT INTO edxml_sent (outgoing_id, organ_id, organ_name, business_type, document_id, status, status_at, note, file_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(r.outgoingId, r.organId, r.organName, r.businessType, r.documentId, r.status, r.statusAt, r.note, r.fileName, r.createdAt) as {
      id: number;
    };
    return row.id;
  }

  async sentFor(outgoingId: number): Promise<SentRow[]> {
    return this.s.get(`SELECT ${SENT} FROM edxml_sent WHERE outgoing_id = ? ORDER BY id`).all(outgoingId) as SentRow[];
  }

  async sentByDocument(documentId: string, organId: string): Promise<SentRow[]> {
    return this.s
      .get(`SELECT ${SENT} FROM edxml_sent WHERE document_id = ? AND organ_id = ? ORDER BY id`)
      .all(documentId, organId) as SentRow[];
  }

  async updateSent(id: number, status: SentRow['status'], at: string, note: string | null): Promise<void> {
    this.s.get('UPDATE edxml_sent SET status = ?, status_at = ?, note = ? WHERE id = ?').run(status, at, note, id);
  }

  async insertStatus(r: Omit<StatusRow, 'id'>): Promise<boolean> {
    const info = this.s
      .get(
        `INSERT INTO edxml_status (direction, document_id, organ_id, code, description, at, message_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_sha256) DO NOTHING`,
      )
      .run(r.direction, r.documentId, r.organId, r.code, r.description, r.at, r.messageSha256);
    return info.changes === 1;
  }

  async statusBySha(sha256: string): Promise<boolean> {
    return this.s.get('SELECT 1 FROM edxml_status WHERE message_sha256 = ?').get(sha256) !== undefined;
  }

  async statuses(documentId: string): Promise<StatusRow[]> {
    return this.s.get(`SELECT ${STATUS} FROM edxml_status WHERE document_id = ? ORDER BY id`).all(documentId) as StatusRow[];
  }

  async unsentStatuses(): Promise<StatusRow[]> {
    return this.s
      .get(`SELECT ${STATUS} FROM edxml_status WHERE direction = 'out' AND message_sha256 IS NULL ORDER BY id`)
      .all() as StatusRow[];
  }

  async markStatusWritten(id: number, sha256: string): Promise<void> {
    this.s.get('UPDATE edxml_status SET message_sha256 = ? WHERE id = ?').run(sha256, id);
  }
}

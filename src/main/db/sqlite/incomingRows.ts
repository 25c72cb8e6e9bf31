/** Row ↔ record mapping for incoming documents. */
import type { Channel, IncomingStatus, Secrecy, Urgency } from '../../../shared/domain/enums.js';
import type { AttachmentInfo, IncomingRecord } from '../../../shared/domain/incoming.js';

export interface IncomingRow {
  id: number;
  register_code: string;
  year: number;
  arrival_number: number;
  sort_key: number;
  arrival_date: string;
  organ_name: string;
  symbol: string | null;
  code_number: string | null;
  code_notation: string | null;
  issued_date: string;
  type_name: string;
  subject: string;
  signer_name: string | null;
  signer_position: string | null;
  page_amount: number | null;
  urgency: Urgency;
  secrecy: Secrecy;
  channel: Channel;
  to_places: string | null;
  due_date: string | null;
  description: string | null;
  status: IncomingStatus;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
}

export const SELECT_INCOMING = `SELECT d.*, r.code AS register_code FROM incoming_documents d JOIN registers r ON r.id = d.register_id`;

/**
 * SELECT_INCOMING for lists, which walk an index of the documents: CROSS JOIN keeps the
 * documents as the outer loop. (With ANALYZE statistics, written by PRAGMA optimize when a
 * database closes, SQLite otherwise starts from the few registers and sorts every row:
 * seconds at a million documents instead of a millisecond.)
 */
export const SELECT_INCOMING_LISTED = `SELECT d.*, r.code AS register_code FROM incoming_documents d CROSS JOIN registers r ON r.id = d.register_id`;

export function toRecord(r: IncomingRow, attachments: AttachmentInfo[] = []): IncomingRecord {
  return {
    id: r.id,
    register: r.register_code,
    year: r.year,
    arrivalNumber: r.arrival_number,
    arrivalDate: r.arrival_date,
    organName: r.organ_name,
    symbol: r.symbol,
    codeNumber: r.code_number,
    codeNotation: r.code_notation,
    issuedDate: r.issued_date,
    typeName: r.type_name,
    subject: r.subject,
    signerName: r.signer_name,
    signerPosition: r.signer_position,
    pageAmount: r.page_amount,
    urgency: r.urgency,
    secrecy: r.secrecy,
    channel: r.channel,
    toPlaces: r.to_places,
    dueDate: r.due_date,
    description: r.description,
    status: r.status,
    voidReason: r.void_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    attachments,
  };
}

/** camelCase field → column, for updates. */
export const COLUMN_OF: Record<string, string> = {
  organName: 'organ_name',
  symbol: 'symbol',
  codeNumber: 'code_number',
  codeNotation: 'code_notation',
  issuedDate: 'issued_date',
  typeName: 'type_name',
  subject: 'subject',
  arrivalDate: 'arrival_date',
  signerName: 'signer_name',
  signerPosition: 'signer_position',
  pageAmount: 'page_amount',
  urgency: 'urgency',
  secrecy: 'secrecy',
  channel: 'channel',
  toPlaces: 'to_places',
  dueDate: 'due_date',
  description: 'description',
  dupKey: 'dup_key',
};

import type { Channel, IncomingStatus, Secrecy, Urgency } from './enums.js';

/** Field limits from Decree 30 Appendix VI (incoming metadata). */
export const LIMITS = {
  organName: 200,
  symbol: 42,
  codeNumber: 11,
  codeNotation: 30,
  typeName: 100,
  subject: 500,
  signerName: 50,
  signerPosition: 100,
  toPlaces: 1000,
  description: 500,
  voidReason: 500,
  pageAmountMax: 999,
} as const;

/** What a clerk (or an import, or another tool) submits. */
export interface IncomingInput {
  organName: string;
  symbol?: string | null;
  issuedDate: string;
  typeName: string;
  subject: string;
  arrivalDate?: string | null;
  signerName?: string | null;
  signerPosition?: string | null;
  pageAmount?: number | null;
  urgency?: Urgency;
  secrecy?: Secrecy;
  channel?: Channel;
  toPlaces?: string | null;
  dueDate?: string | null;
  description?: string | null;
  /** Historic arrival number (imports only); normally allocated. */
  arrivalNumber?: number | null;
  /** Register code; by default DEN, or DEN-MAT when secrecy is not normal. */
  register?: string | null;
}

/** The validated, normalised form the services store. */
export interface IncomingFields {
  organName: string;
  symbol: string | null;
  codeNumber: string | null;
  codeNotation: string | null;
  issuedDate: string;
  typeName: string;
  subject: string;
  /** ISO 8601 with +07:00. */
  arrivalDate: string;
  signerName: string | null;
  signerPosition: string | null;
  pageAmount: number | null;
  urgency: Urgency;
  secrecy: Secrecy;
  channel: Channel;
  toPlaces: string | null;
  dueDate: string | null;
  description: string | null;
}

export interface AttachmentInfo {
  id: number;
  fileName: string;
  sha256: string;
  size: number;
  mime: string;
  /** For PDFs of electronic documents: the signature check made at registration. */
  verification?: AttachmentVerification | null;
}

export interface AttachmentVerification {
  verdict: 'valid' | 'invalid' | 'indeterminate' | 'unsigned';
  checkedAt: string;
  signatures: { signer: string | null; signedAt: string | null; intact: boolean; chain: string }[];
  modifiedAfterLastSignature: boolean;
}

export interface IncomingRecord extends IncomingFields {
  id: number;
  register: string;
  year: number;
  arrivalNumber: number;
  status: IncomingStatus;
  voidReason: string | null;
  createdAt: string;
  updatedAt: string;
  attachments: AttachmentInfo[];
}

/** Fields a clerk may correct after registration; register, year and number never change. */
export const EDITABLE_FIELDS = [
  'organName',
  'symbol',
  'issuedDate',
  'typeName',
  'subject',
  'arrivalDate',
  'signerName',
  'signerPosition',
  'pageAmount',
  'urgency',
  'secrecy',
  'channel',
  'toPlaces',
  'dueDate',
  'description',
] as const satisfies readonly (keyof IncomingFields)[];

export const IMMUTABLE_FIELDS = ['id', 'register', 'year', 'arrivalNumber', 'status', 'createdAt'] as const;

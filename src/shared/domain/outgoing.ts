import type { Secrecy, Urgency } from './enums.js';

/**
 * Outgoing document lifecycle (Decree 30 Art. 10–19): drafted, approved by the signer,
 * numbered by the clerk, signed by the competent official, then issued electronically
 * (organisation signature) or on paper. Once numbered, a document changes only through
 * these steps.
 */
export const OUTGOING_STATUSES = ['draft', 'approved', 'numbered', 'signed', 'issued', 'issued_paper'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];
export const OUTGOING_STATUS_LABELS: Record<OutgoingStatus, string> = {
  draft: 'Dự thảo',
  approved: 'Đã duyệt',
  numbered: 'Đã cấp số',
  signed: 'Đã ký',
  issued: 'Đã ban hành (điện tử)',
  issued_paper: 'Đã ban hành (giấy)',
};

export const SIGNER_AUTHORITIES = ['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'] as const;

export const OUTGOING_LIMITS = {
  subject: 500,
  paragraph: 5000,
  paragraphs: 400,
  line: 300,
  lines: 60,
  signerAuthority: 120,
  signerPosition: 100,
  signerName: 50,
  draftingUnit: 20,
  copiesMax: 999,
} as const;

export interface BodyParagraph {
  text: string;
  italic?: boolean;
  bold?: boolean;
  align?: 'justify' | 'center' | 'left';
}

export interface OutgoingFields {
  typeName: string;
  subject: string;
  body: BodyParagraph[];
  kinhGui: string[];
  recipients: string[];
  signerAuthority: string | null;
  signerPosition: string;
  signerName: string;
  draftingUnit: string;
  urgency: Urgency;
  secrecy: Secrecy;
  copies: number | null;
  dueDate: string | null;
  /** Incoming documents this one answers (their ids). */
  replyTo: number[];
}

export interface OutgoingRecord extends OutgoingFields {
  id: number;
  register: string;
  year: number | null;
  codeNumber: number | null;
  /** "05/QĐ-UBND" once numbered. */
  symbol: string | null;
  /** YYYY-MM-DD once numbered. */
  issuedDate: string | null;
  status: OutgoingStatus;
  /** Hashes of the stored PDF versions, newest last. */
  files: { kind: string; sha256: string; createdAt: string }[];
  /** Appendices issued as separate PDF files; `signedSha256` once the organisation signed them. */
  attachments: { id: number; fileName: string; sha256: string; signedSha256: string | null }[];
  createdAt: string;
  updatedAt: string;
}

/**
 * Capture: the text of an attachment (its PDF text layer, or Vietnamese OCR of a scan),
 * page by page, and the registration fields suggested from it. Pure types, shared by the
 * services, the contract and the capture screen.
 */
import type { Secrecy, Urgency } from './enums.js';

/** How a page's text was obtained: the PDF's own text layer, OCR of its image, or nothing usable. */
export type TextMethod = 'text' | 'ocr' | 'none';

/**
 * One line of a page as read, with its box in page fractions (0..1, origin top-left), so
 * a layout (columns, the header, the signature block) can be reasoned about whatever the
 * page size or resolution. OCR lines carry their mean word confidence (0..100).
 */
export interface TextLine {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence?: number;
  /** The PDF's font is bold (text layer only; OCR does not tell). */
  bold?: boolean;
}

export interface PageText {
  /** 1-based page number in the file. */
  page: number;
  method: TextMethod;
  /** Mean word confidence 0..100 for OCR; 100 for a text layer; 0 when nothing was read. */
  confidence: number;
  /** The page's text, lines separated by "\n" (NFC). */
  text: string;
  lines: TextLine[];
  /** Why nothing (or little) was read: `blank`, `page_too_large`, `page_failed`. */
  note?: string;
}

export interface Extraction {
  mime: string;
  /** Pages of the file (even those not read: see `pages`). */
  pageCount: number;
  pages: PageText[];
  /** Pages were left out by a page limit or range. */
  truncated: boolean;
  /** Mean confidence over the pages read (0..100). */
  confidence: number;
  /** True when the result should not be trusted: OCR confidence under LOW_CONFIDENCE, or no text at all. */
  lowConfidence: boolean;
  /** Vietnamese notes for the clerk (pages skipped, limits applied). */
  warnings: string[];
  /** Milliseconds spent (for the bench and the log). */
  ms: number;
}

/** Below this mean OCR confidence a result is flagged for the clerk to read the page themself. */
export const LOW_CONFIDENCE = 60;

/** A value read from the page: offered to the clerk, never saved until they register. */
export interface Suggestion<T> {
  value: T;
  /** 0..100: how sure the reading is (OCR confidence of the words used, lowered by guesses). */
  confidence: number;
  /** Where it came from: the page itself, or a name already in the register / organ directory. */
  source: 'page' | 'register' | 'directory';
}

/** The registration fields a capture can suggest (IncomingInput's names). */
export interface SuggestedFields {
  organName?: Suggestion<string>;
  symbol?: Suggestion<string>;
  issuedDate?: Suggestion<string>;
  typeName?: Suggestion<string>;
  subject?: Suggestion<string>;
  signerName?: Suggestion<string>;
  signerPosition?: Suggestion<string>;
  pageAmount?: Suggestion<number>;
  urgency?: Suggestion<Urgency>;
  secrecy?: Suggestion<Secrecy>;
}

export const SUGGESTED_FIELD_NAMES = [
  'organName',
  'symbol',
  'issuedDate',
  'typeName',
  'subject',
  'signerName',
  'signerPosition',
  'pageAmount',
  'urgency',
  'secrecy',
] as const satisfies readonly (keyof SuggestedFields)[];

/** What a capture gives back: the file's text and the suggested fields. */
export interface CaptureResult {
  fileName: string;
  sha256: string;
  extraction: Extraction;
  fields: SuggestedFields;
}

/** A page's text as kept with a stored file (blob_pages). */
export interface StoredPage {
  page: number;
  method: TextMethod;
  confidence: number;
  text: string;
}

/** A kept page of one of a document's files. */
export interface ContentPage {
  documentId: number;
  attachmentId: number;
  fileName: string;
  page: number;
  text: string;
}

/** A content hit shown under a search result: the matching line, on which page of which file. */
export interface ContentHit {
  documentId: number;
  attachmentId: number;
  fileName: string;
  page: number;
  line: string;
}

/** Where a search looks: the register's fields, the attachments' text, or both. */
export const SEARCH_SCOPES = ['fields', 'content', 'all'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

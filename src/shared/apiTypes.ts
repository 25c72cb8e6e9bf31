/** Plain result types carried over the contract (no classes, structured-clone safe). */
import type { IncomingRecord } from './domain/incoming.js';

export interface RegisterView {
  id: number;
  code: string;
  name: string;
  direction: 'incoming' | 'outgoing';
  confidential: boolean;
}

export interface AppInfo {
  orgName: string | null;
  orgCode: string | null;
  schemaVersion: number;
  registers: RegisterView[];
  totalIncoming: number;
  /** "web" in browser mode, "electron" in the desktop app. */
  shell: 'web' | 'electron';
  today: string;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  /** The account's username as recorded (older entries: the name they recorded then). */
  actor: string;
  /** The account's full name, when the actor is an account; else null. */
  actorName: string | null;
  action: string;
  data: unknown;
}

export interface RejectedRowView {
  line: number;
  field?: string;
  code: string;
  message: string;
}

export interface ImportResultView {
  imported: number;
  rejected: RejectedRowView[];
}

export interface JobView<T> {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Rows read so far (imports); the page being read (capture). */
  progress: number;
  /** How many there are in all, when known (capture: the file's pages to read). */
  total?: number;
  result?: T;
  error?: { code: string; field?: string; message: string };
}

/**
 * Advice `check` gives beside its verdict: the set-up makes the app slow, nothing is wrong
 * with the data (it never turns `ok` false). One kind so far: the office PostgreSQL server's
 * shared_buffers smaller than the searched relations (sizes in MB, the value to set).
 */
export interface CheckAdvice {
  code: 'server_memory_small';
  message: string;
  setting: 'shared_buffers';
  currentMB: number;
  hotMB: number;
  recommendedMB: number;
}

export interface CheckReportView {
  ok: boolean;
  advice: CheckAdvice[];
  integrity: { ok: boolean; problems: string[] };
  audit: { ok: boolean; entries: number; problems: { seq: number; problem: string }[] };
  attachments: { ok: boolean; files: number; missing: string[]; corrupt: string[] };
}

export type { IncomingRecord };

/** A signature as the verification panel shows it (same fields as `verify --json`). */
export interface SignatureView {
  field: string | null;
  signer: string | null;
  signedAt: string | null;
  intact: boolean;
  coversWholeDocument: boolean;
  essMatches: boolean;
  chain: 'trusted' | 'untrusted' | 'incomplete' | 'expired' | 'not_yet_valid' | 'weak_algorithm';
  [k: string]: unknown;
}

export interface VerifyView {
  verdict: 'valid' | 'invalid' | 'indeterminate' | 'unsigned';
  signatures: SignatureView[];
  modifiedAfterLastSignature: boolean;
  warnings: unknown[];
}

/** A certificate of the office's trust store, as the administrator's screen lists it. */
export interface TrustAnchorView {
  id: number;
  /** anchor: trusted root; intermediate: only completes chains. */
  kind: 'anchor' | 'intermediate';
  /** SHA-1 chains accepted under this anchor. */
  legacy: boolean;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 fingerprint of the certificate (hex). */
  sha256: string;
  signatureAlgorithm: string;
  /** The certificate itself is signed with SHA-1. */
  sha1: boolean;
  expired: boolean;
}

export interface TrustImportView {
  /** Certificates new to the store. */
  added: number;
  /** Anchors already kept, now marked legacy. */
  markedLegacy: number;
  anchors: number;
  intermediates: number;
  /** Every certificate of the file, as kept. */
  certificates: TrustAnchorView[];
  warnings: string[];
}

/** A token device configured on this PC, as the sign dialog offers it (no library path). */
export interface TokenChoiceView {
  id: string;
  label: string;
}

/** This PC's choice of database (settings screen): its own file, or the office's server. No password, ever. */
export type SavedConnection = { kind: 'local' } | { kind: 'server'; host: string; port: number; database: string };

/** The settings screen's database section. */
export interface ConnectionView {
  /** The database in use now (a file by its name only). `user` is the role connected (a person's own, or the owner's). */
  current:
    | { kind: 'local'; display: string }
    | { kind: 'server'; display: string; host: string; port: number; database: string; user: string | null; tls: boolean };
  saved: SavedConnection;
  /** The saved server as a locator (null for this PC's file). */
  savedDisplay: string | null;
  /** The saved choice is not the database in use: it takes effect when the app starts again. */
  restartNeeded: boolean;
  /** An environment variable that chooses the database whatever is saved. */
  overriddenBy: string | null;
}

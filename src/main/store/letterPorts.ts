/**
 * The letters' part of the store (citizens' letters, hotline feedback, the figures of the
 * office's periodic report), implemented by db/sqlite/letterRepo.ts and db/postgres/letterRepo.ts.
 *
 * Protection of the people who write is enforced HERE as well as in the service: every read
 * that can return a sender's personal data takes a LetterAccess and the SQL itself selects
 * the senders (and the scans, which show handwriting) only when it allows them — a
 * denunciation's only with `identity`, any other letter's only with `personal` — so no face
 * that forgets a check can receive them.
 */
import type {
  Competence,
  HotlineCause,
  HotlineRecord,
  HotlineStatus,
  LetterAssignment,
  LetterChannel,
  LetterFileText,
  LetterFollowUpItem,
  LetterKind,
  LetterListItem,
  LetterOutcome,
  LetterRecord,
  LetterSender,
  LetterStatus,
} from '../../shared/domain/letters.js';

export interface LetterAccess {
  /** Senders' personal data of letters other than denunciations, hotline callers (roles that handle letters). */
  personal: boolean;
  /** A denunciation's author (the account's `confidential` grant; see letters/access.ts). */
  identity: boolean;
  /**
   * Which rows at all: absent = every letter and hotline item; `{ unitId }` = a specialist's
   * view, only the letters currently assigned to that unit and the hotline items concerning
   * it (unitId null: a specialist without a unit sees none).
   */
  only?: { unitId: number | null };
}

export const NO_ACCESS: LetterAccess = { personal: false, identity: false };

export interface NewLetterRow {
  year: number;
  number: number;
  receivedDate: string;
  channel: LetterChannel;
  forwardedBy: string | null;
  kind: LetterKind;
  subject: string;
  summary: string | null;
  concernedBody: string | null;
  concernedOrganId: string | null;
  anonymous: boolean;
  processingDue: string;
  subjectFold: string;
  bodyFold: string | null;
  createdAt: string;
  createdBy: string;
}

/** Columns a service may change; camelCase names of the letters table's columns. */
export interface LetterPatch {
  receivedDate?: string;
  channel?: LetterChannel;
  forwardedBy?: string | null;
  kind?: LetterKind;
  subject?: string;
  summary?: string | null;
  concernedBody?: string | null;
  concernedOrganId?: string | null;
  anonymous?: boolean;
  processingDue?: string;
  subjectFold?: string;
  bodyFold?: string | null;
  status?: LetterStatus;
  eligible?: boolean | null;
  competence?: Competence | null;
  classificationNote?: string | null;
  classifiedAt?: string | null;
  classifiedBy?: string | null;
  outcome?: LetterOutcome | null;
  outcomeAt?: string | null;
  outcomeBy?: string | null;
  outcomeNote?: string | null;
  transferOrganId?: string | null;
  transferOrganName?: string | null;
  guidedTo?: string | null;
  outcomeRef?: string | null;
  resolutionDue?: string | null;
  answer?: string | null;
  answerRef?: string | null;
  answeredAt?: string | null;
  answeredBy?: string | null;
}

export interface LetterListQuery {
  from?: string;
  to?: string;
  kind?: LetterKind;
  channel?: LetterChannel;
  status?: LetterStatus;
  /** Only letters past a deadline on `asOf` and still open. */
  overdue?: boolean;
  /** Folded words that must all appear in the subject or the body concerned. */
  words?: string[];
  /** The day overdue is judged on (today). */
  asOf: string;
  limit: number;
  /** Keyset: the previous page's last row (newest first). */
  after?: { receivedDate: string; id: number };
}

/** A letter sharing a sender with a new one: what matching the matter needs, no personal data. */
export interface SenderMatch {
  id: number;
  year: number;
  number: number;
  receivedDate: string;
  kind: LetterKind;
  subject: string;
  status: LetterStatus;
  subjectFold: string;
  bodyFold: string | null;
  concernedOrganId: string | null;
}

export interface NewLetterAssignment {
  letterId: number;
  unitId: number;
  role: 'lead' | 'support';
  dueDate: string;
  direction: string | null;
  directedBy: string;
  assignedAt: string;
}

/** Counts of the letters received in a period, grouped; the service adds them up. */
export interface LetterFigureRow {
  kind: LetterKind;
  channel: LetterChannel;
  /** The outcome given by the end of the period, else null. */
  outcome: LetterOutcome | null;
  /** Answered by the end of the period. */
  answered: boolean;
  anonymous: boolean;
  duplicate: boolean;
  overdueProcessing: boolean;
  overdueResolution: boolean;
  n: number;
}

export interface HotlineFigureRow {
  cause: HotlineCause;
  unit: string;
  unitName: string;
  forwarded: boolean;
  answered: boolean;
  closed: boolean;
  overdue: boolean;
  n: number;
}

/** Bounds of a period: dates [from, to], `dayAfter` = to + 1 day (done "by the end" = before it), overdue judged on `asOf`. */
export interface PeriodQuery {
  from: string;
  to: string;
  dayAfter: string;
  asOf: string;
}

/** An open letter or hotline item for the follow-up lists (no personal data). */
export type LetterFollowUpRow = LetterFollowUpItem;

export interface NewHotlineRow {
  year: number;
  number: number;
  receivedAt: string;
  receivedDate: string;
  callerName: string | null;
  callerPhone: string | null;
  callerAddress: string | null;
  procedure: string;
  unitId: number;
  cause: HotlineCause;
  content: string;
  createdAt: string;
  createdBy: string;
}

export interface HotlinePatch {
  unitId?: number;
  status?: HotlineStatus;
  forwardedAt?: string | null;
  forwardedBy?: string | null;
  dueDate?: string | null;
  forwardNote?: string | null;
  answer?: string | null;
  answeredAt?: string | null;
  answeredBy?: string | null;
  closedAt?: string | null;
  closedBy?: string | null;
  closeNote?: string | null;
}

export interface HotlineListQuery {
  from?: string;
  to?: string;
  status?: HotlineStatus;
  cause?: HotlineCause;
  unitId?: number;
  overdue?: boolean;
  asOf: string;
  limit: number;
  after?: { receivedDate: string; id: number };
}

/** Who attached a letter's file, and its text folded for the register's word search (null: none read). */
export interface NewLetterFileExtra {
  createdBy: string;
  textFold: string | null;
}

export interface LetterRepository {
  /** Bumps and returns the yearly counter of a series: 1 for the first letter of a year. */
  allocateNumber(series: 'letter' | 'hotline', year: number): Promise<number>;
  insert(row: NewLetterRow): Promise<number>;
  update(id: number, patch: LetterPatch, at: string): Promise<void>;
  /** Replaces the senders (personal data) and the duplicate-detection keys; sets sender_count. */
  setSenders(id: number, senders: LetterSender[], keys: string[]): Promise<void>;
  /** The whole record; senders and scans only as `access` allows (see the file comment). */
  get(id: number, access: LetterAccess, asOf: string): Promise<LetterRecord | null>;
  list(q: LetterListQuery, access: LetterAccess): Promise<LetterListItem[]>;
  /** Letters (other than `excludeId`) carrying any of these sender keys, newest first. */
  bySenderKeys(keys: string[], excludeId: number | null, limit: number, access?: LetterAccess): Promise<SenderMatch[]>;
  /** Replaces the confirmed links to earlier letters. */
  setLinks(id: number, earlierIds: number[], at: string, by: string): Promise<void>;
  exists(ids: number[]): Promise<number[]>;
  /** Links a stored file to a letter; `textFold` is its read text folded for the register's search. */
  addAttachment(letterId: number, sha256: string, fileName: string, at: string, extra?: NewLetterFileExtra): Promise<number>;
  /** The read text of the letter's files (blob_pages), only as `access` allows (same rule as the files). */
  fileTexts(letterId: number, access: LetterAccess): Promise<LetterFileText[]>;
  /** One scan of a letter, only as `access` allows; null when absent or hidden. */
  attachment(
    letterId: number,
    attachmentId: number,
    access: LetterAccess,
  ): Promise<{ sha256: string; fileName: string; mime: string } | null>;
  currentAssignments(letterId: number): Promise<LetterAssignment[]>;
  /** Closes the current direction (a new one follows). */
  replaceAssignments(letterId: number, at: string): Promise<void>;
  insertAssignment(a: NewLetterAssignment): Promise<number>;
  /** The units' work on the letter is done (the answer is recorded). */
  completeAssignments(letterId: number, at: string): Promise<void>;
  figures(q: PeriodQuery, access?: LetterAccess): Promise<LetterFigureRow[]>;
  /** Open letters and hotline items due before `before` (overdue) or in [from, to] (due soon), by deadline. */
  followUp(q: { before?: string; from?: string; to?: string; limit: number }, access?: LetterAccess): Promise<LetterFollowUpRow[]>;
  /** Letters received in [from, to] for an export, with senders only as `access` allows. */
  exportRows(from: string, to: string, access: LetterAccess, asOf: string): Promise<LetterRecord[]>;

  insertHotline(row: NewHotlineRow): Promise<number>;
  updateHotline(id: number, patch: HotlinePatch, at: string): Promise<void>;
  getHotline(id: number, access: LetterAccess, asOf: string): Promise<HotlineRecord | null>;
  listHotline(q: HotlineListQuery, access: LetterAccess): Promise<HotlineRecord[]>;
  hotlineFigures(q: PeriodQuery, access?: LetterAccess): Promise<HotlineFigureRow[]>;

  /** Outgoing documents issued with an issue date in [from, to]: electronically (signed) and on paper. */
  issuedOutgoing(from: string, to: string): Promise<{ electronic: number; paper: number }>;
}

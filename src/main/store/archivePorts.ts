/**
 * The archive's repository (file plan, dossiers, hand-overs, holds, destructions, usage):
 * rows in, rows out; the rules live in archive/archiveService.ts and, for what makes a
 * record a record, in the database's own guards (migrations 0070). Rows use the API's
 * camelCase names; a `table` is one of the archive's tables, never a user's text.
 */
import type { AuditEntry } from './ports.js';

export type ArchiveTable =
  | 'file_plans'
  | 'plan_headings'
  | 'dossiers'
  | 'holds'
  | 'handovers'
  | 'handover_packages'
  | 'destructions'
  | 'destruction_tombstones'
  | 'removed_blobs'
  | 'keep_backs'
  | 'archive_corrections'
  | 'usage_register';

export type Row = Record<string, string | number | null>;

/** What filing a document reads before it writes (ArchiveRepository.filingRead). */
export interface FilingRead {
  /** The dossier; null: not there for this connection. */
  dossier: DossierRow | null;
  /** Whether the dossier needs the confidential grant. */
  secret: boolean;
  /** The document's facts and whether it is filed in the dossier already; null: no such document. */
  doc: (DocFacts & { filed: boolean }) | null;
  /**
   * The audit chain's head, locked to the commit, where the store reads it in the same
   * statement (the office database: one round trip fewer); undefined: the caller asks the
   * audit trail (AuditWriter.begin).
   */
  auditHead?: { seq: number; hash: string } | null;
}

/** A dossier's figures written with a filing, in the same step (ArchiveRepository.fileItem). */
export interface DossierAfterFiling {
  docTotal: number;
  searchText: string;
}

/** A document placed in a dossier (the ordinal is the store's to decide). */
export interface FileItemInput {
  dossierId: number;
  kind: string;
  docId: number;
  eventAt: string;
  note: string | null;
  addedAt: string;
  addedBy: string;
}

export interface PlanRow {
  id: number;
  year: number;
  numbering: 'continuous' | 'per_heading';
  status: 'draft' | 'approved';
  decisionNumber: string | null;
  decisionDate: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  copiedFrom: number | null;
  createdAt: string;
  createdBy: string;
}

export interface HeadingRow {
  id: number;
  planId: number;
  parentId: number | null;
  position: number;
  title: string;
  abbreviation: string | null;
}

export interface DossierRow {
  id: number;
  year: number;
  code: string;
  ordinal: number | null;
  planId: number | null;
  headingId: number | null;
  bigHeadingId: number | null;
  position: number;
  title: string;
  retentionYears: number | null;
  creator: string | null;
  note: string | null;
  description: string | null;
  language: string;
  rights: '01' | '02' | '03';
  basicConstruction: number;
  state: 'planned' | 'open' | 'closed' | 'submitted' | 'accepted' | 'destroyed';
  startDate: string | null;
  endDate: string | null;
  pageTotal: number | null;
  docTotal: number;
  dueDate: string | null;
  keepBackUntil: string | null;
  expiryYear: number | null;
  handoverId: number | null;
  destructionId: number | null;
  searchText: string;
  openedAt: string | null;
  openedBy: string | null;
  /** The unit of the person who opened it (migration 0177); null before that version. */
  unitId: number | null;
  closedAt: string | null;
  closedBy: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** A document filed in a dossier, with what the dossier's lists show of it. */
export interface ItemRow {
  dossierId: number;
  kind: 'incoming' | 'outgoing';
  docId: number;
  ordinal: number;
  eventAt: string;
  note: string | null;
  addedAt: string;
  addedBy: string;
  symbol: string | null;
  issuedDate: string | null;
  typeName: string;
  subject: string;
  /** Incoming: the sending body; outgoing: null (the office itself). */
  author: string | null;
  pages: number | null;
  secrecy: string;
  /** Incoming: registered | voided; outgoing: its status. */
  docStatus: string;
  /** Incoming: the duplicate key of the register. */
  dupKey: string | null;
}

/** What filing needs to know of a document: whether it exists, when it happened, its text. */
/** An item's flags as closing judges them: a draft, or a duplicate of the item at `duplicateOf`. */
export interface ItemFlag {
  ordinal: number;
  draft: boolean;
  duplicateOf: number | null;
}

export interface DocFacts {
  kind: 'incoming' | 'outgoing';
  id: number;
  eventAt: string;
  symbol: string | null;
  subject: string;
  secrecy: string;
  status: string;
  /** Confidential by the documents' rule (secrecy other than normal, or a confidential register). */
  secret: boolean;
  /** The register's code (the documents' visibility rule reads it). */
  register: string;
  /** Outgoing: the drafting unit's code (a specialist sees their unit's drafts); incoming: null. */
  draftingUnit: string | null;
}

export interface DocFile {
  kind: 'incoming' | 'outgoing';
  docId: number;
  name: string;
  sha256: string;
  size: number;
  mime: string;
}

export interface DossierQuery {
  year?: number;
  state?: string;
  code?: string;
  /** Folded words, every one a substring of the dossier's search text. */
  words?: string[];
  /** Leave out the dossiers that need the confidential grant (marked "Mật", or holding a confidential document). */
  publicOnly?: boolean;
  /** A specialist's: only their unit's dossiers (unitId null: none) and those they opened. */
  own?: OwnDossiers;
  limit: number;
  /** Keyset: the previous page's last id (newest first). */
  before?: number;
}

/** Whose dossiers a specialist works on (Decree 30 Art. 29): their unit's, or those they opened. */
export interface OwnDossiers {
  unitId: number | null;
  actor: string;
}

/**
 * The documents a specialist may see among a dossier's items (accounts/visibility.ts): the
 * incoming ones assigned now to their unit, the outgoing ones their unit drafts or they drafted.
 */
export interface ItemsSeenBy {
  unitId: number;
  unitCode: string | null;
  username: string;
}

/** A row of the due list: what it shows, no more (the dossier rows carry their search text). */
export interface DueRow {
  id: number;
  code: string;
  year: number;
  title: string;
  retentionYears: number | null;
  endDate: string | null;
  dueDate: string;
  keepBackUntil: string | null;
  /** The later of the due date and the keep-back's end. */
  handoverDue: string;
}

export interface HoldItemRow {
  holdId: number;
  targetKind: 'incoming' | 'outgoing' | 'dossier';
  targetId: number;
}

export interface ArchiveRepository {
  /** Inserts a row of an archive table that has an id; returns the id. */
  insert(table: ArchiveTable, row: Row): Promise<number>;
  /** Updates the row `id` of an archive table; returns the number of rows changed. */
  update(table: ArchiveTable, id: number, patch: Row): Promise<number>;
  byId<T>(table: ArchiveTable, id: number): Promise<T | null>;

  planOfYear(year: number): Promise<PlanRow | null>;
  headings(planId: number): Promise<HeadingRow[]>;
  planDossiers(planId: number): Promise<DossierRow[]>;
  dossierByCode(year: number, code: string): Promise<DossierRow | null>;
  /*
   * The next three answer for EVERY dossier, also those the connected person may not see (on
   * the office database a confidential dossier's row is hidden from someone without the
   * confidential group: migration 0176), so numbering and the checks of whole lists stay right.
   */
  /** The largest ordinal of the plan's dossiers (of one big heading when given). */
  maxOrdinal(planId: number, bigHeadingId: number | null): Promise<number>;
  /** Whether a dossier of that year already has that code. */
  codeTaken(year: number, code: string): Promise<boolean>;
  /** How many dossiers a plan, a hand-over or a destruction list holds. */
  dossierCount(of: 'plan' | 'handover' | 'destruction', id: number): Promise<number>;
  deleteDossier(id: number): Promise<void>;
  listDossiers(q: DossierQuery): Promise<DossierRow[]>;
  countDossiers(q: Omit<DossierQuery, 'limit' | 'before'>): Promise<number>;

  /**
   * How many items the dossier holds, ALL of them, also those the connected person may not see
   * (the office database counts them as the owner: migration 0216), so a person's view can say
   * how many it does not show. A number only; null where the person may not see the dossier.
   */
  itemCount(dossierId: number): Promise<number | null>;
  /** A dossier's items in order; `seenBy`: only those that person may see (all of them otherwise). */
  items(dossierId: number, seenBy?: ItemsSeenBy): Promise<ItemRow[]>;
  /**
   * Files a document: its place follows the order of events (after every item of the dossier
   * that happened at or before it), the later items move down one, and the new item's
   * ordinal is returned. EVERY item counts, also those the connected person may not see: on
   * the office database the database itself places and shifts (migration 0184), on SQLite
   * the statements here. One item per ordinal (a unique constraint on both stores). The
   * dossier's new total and words (and updated_at = addedAt) are written in the same step.
   */
  fileItem(i: FileItemInput, dossier: DossierAfterFiling): Promise<number>;
  /**
   * The office database: fileItem and the filing's audit entry ('dossier_file', data
   * {kind, docId, ordinal}, continuing the head read by filingRead) with the chain's head
   * record, in one statement; the entry comes back as written, for the application to check
   * its hash (AuditWriter.after). Absent where separate steps cost nothing (SQLite).
   * `commit`: it is the write's last statement, sent with COMMIT in the same round trip — what
   * the caller checks of the answer is then checked after the commit.
   */
  fileItemAudited?(
    i: FileItemInput,
    dossier: DossierAfterFiling,
    audit: { seq: number; prevHash: string; actor: string },
    opts?: { commit?: boolean },
  ): Promise<{ ordinal: number; entry: AuditEntry }>;
  /** What filing reads (see FilingRead), in as few statements as the store can. */
  filingRead(dossierId: number, kind: 'incoming' | 'outgoing', docId: number): Promise<FilingRead>;
  /** Takes a document out of a dossier and moves every later item up one; false: it was not filed there. */
  unfileItem(dossierId: number, kind: string, docId: number): Promise<boolean>;
  docFacts(kind: 'incoming' | 'outgoing', id: number): Promise<DocFacts | null>;
  /**
   * What filing a document into a dossier needs, in one statement: the document's facts and
   * whether it is already filed there. Null: no such document.
   */
  filingFacts(dossierId: number, kind: 'incoming' | 'outgoing', docId: number): Promise<(DocFacts & { filed: boolean }) | null>;
  /** Settings rows of `meta`, in one statement (missing keys absent). */
  metaValues(keys: readonly string[]): Promise<Record<string, string>>;
  /** Whether a dossier is under an active hold and whether it needs the confidential grant, in one statement. */
  dossierFlags(id: number): Promise<{ held: boolean; secret: boolean }>;
  /** Every file of the documents (incoming attachments; outgoing current version and appendices). */
  docFiles(docs: { kind: 'incoming' | 'outgoing'; id: number }[]): Promise<DocFile[]>;
  dossiersOfDoc(kind: 'incoming' | 'outgoing', docId: number): Promise<DossierRow[]>;

  /** Active holds naming the target itself, or (documents) a dossier that holds it. */
  activeHoldsOn(kind: 'incoming' | 'outgoing' | 'dossier', id: number): Promise<number[]>;
  insertHoldItem(i: HoldItemRow): Promise<void>;
  holdItems(holdId: number): Promise<HoldItemRow[]>;
  /** Holds newest first; `before` is the previous page's last id. */
  listHolds(q: { activeOnly: boolean; limit: number; before?: number }): Promise<Row[]>;
  /** The usage register in the order of its entries; `after` is the previous page's last id. */
  listUsage(q: { from?: string; to?: string; limit: number; after?: number }): Promise<Row[]>;

  /**
   * Closed dossiers waiting to be handed over whose due date (a keep-back counted) is on or
   * before `until`, by that date then id; `after` is the previous page's last (keyset).
   */
  dueDossiers(q: { until: string; limit: number; after?: { due: string; id: number }; publicOnly?: boolean }): Promise<DueRow[]>;
  /** Dossiers kept for a term whose expiry year is ≤ year, not destroyed, by expiry year, year, code; keyset `after`. */
  expiredDossiers(q: {
    year: number;
    limit: number;
    after?: { expiryYear: number; year: number; code: string };
    publicOnly?: boolean;
  }): Promise<DossierRow[]>;
  countExpired(year: number, publicOnly: boolean): Promise<number>;
  /** Every file of a dossier's documents, in one pass (see docFiles). */
  dossierFiles(dossierId: number): Promise<DocFile[]>;
  /** Which of these dossiers are under an active hold. */
  heldDossiers(ids: number[]): Promise<Set<number>>;
  /** Whether the dossier needs the confidential grant (marked "Mật", or holding a confidential document). */
  isSecret(dossierId: number): Promise<boolean>;
  /** Which of these dossiers need the confidential grant. */
  secretDossiers(ids: number[]): Promise<Set<number>>;
  /**
   * Why a dossier that the connection did not read is hidden from it: 'unit' (a specialist,
   * another unit's), 'confidential', or null (no such dossier). Only the office database hides
   * rows from a person (migration 0189); one PC reads every row, so always null there.
   */
  dossierHiddenReason(dossierId: number): Promise<'unit' | 'confidential' | null>;
  /**
   * The flagged items (drafts, duplicates) of the WHOLE dossier, judged where every item is
   * read — for a person whose own connection reads only some of them (the office database,
   * migration 0204): ordinals and flags only. Absent (one PC): the service reads every item.
   */
  wholeItemFlags?(dossierId: number): Promise<ItemFlag[]>;

  insertHandoverItem(handoverId: number, dossierId: number, ordinal: number): Promise<void>;
  handoverDossiers(handoverId: number): Promise<DossierRow[]>;
  insertDestructionItem(destructionId: number, dossierId: number): Promise<void>;
  destructionDossiers(destructionId: number): Promise<DossierRow[]>;
  /** Whether any document outside `exceptDossiers` still uses the content, or a held or declared one does. */
  blobStillNeeded(sha256: string, exceptDossiers: number[]): Promise<boolean>;
  tombstones(destructionId: number): Promise<Row[]>;
  listRows(
    table: 'destructions' | 'handovers' | 'handover_packages' | 'usage_register' | 'keep_backs' | 'archive_corrections' | 'removed_blobs',
    where?: Row,
    limit?: number,
  ): Promise<Row[]>;
  /**
   * Hand-overs (or destructions) newest first, `before` the previous page's last id, each with
   * `dossierCount` (those the reader sees: without the grant, confidential ones are not counted)
   * and `secretCount` (how many need the grant).
   */
  listBatches(
    t: 'handovers' | 'destructions',
    q: { status?: string; limit: number; before?: number; publicOnly?: boolean },
  ): Promise<Row[]>;
  countBatches(t: 'handovers' | 'destructions', status?: string): Promise<number>;
  /** The due list's figures: closed dossiers with a due date; of them overdue (< asOf) and within the reminder (≤ remindUntil). */
  dueCounts(asOf: string, remindUntil: string, publicOnly?: boolean): Promise<{ total: number; overdue: number; reminders: number }>;
}

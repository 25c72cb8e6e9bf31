/**
 * The store seen by the services: async repository interfaces and a unit of work.
 * Nothing here knows SQL; the SQLite implementation lives in `db/sqlite/`, and a
 * PostgreSQL one can be added beside it without touching the services.
 */
import type { IncomingStatus, Secrecy, Urgency } from '../../shared/domain/enums.js';
import type { AttachmentInfo, IncomingFields, IncomingRecord } from '../../shared/domain/incoming.js';
import type { OutgoingFields, OutgoingRecord, OutgoingStatus } from '../../shared/domain/outgoing.js';
import type { ContentPage, SearchScope, StoredPage } from '../../shared/domain/capture.js';
import type { ParsedQuery } from '../search/parseQuery.js';
import type { SearchText } from '../search/searchText.js';
import type { Assignment, TaskStatus, Unit } from '../../shared/domain/workflow.js';
import type { ArchiveRepository } from './archivePorts.js';

export type { ArchiveRepository } from './archivePorts.js';
import type { LetterRepository } from './letterPorts.js';
import type { BusinessDocType, DeliveryStatus, Organ } from '../../shared/domain/interchange.js';
import type { Role } from '../../shared/domain/accounts.js';
import type { CheckAdvice } from '../../shared/apiTypes.js';

export type Direction = 'incoming' | 'outgoing';

export interface RegisterRow {
  id: number;
  code: string;
  name: string;
  direction: Direction;
  confidential: boolean;
}

export interface RegisterRepository {
  list(direction?: Direction): Promise<RegisterRow[]>;
  byCode(code: string): Promise<RegisterRow | null>;
  create(r: Omit<RegisterRow, 'id'>, at: string): Promise<RegisterRow>;
  /** Bumps and returns the counter of (register, year): 1 for the first document. */
  allocateNumber(registerId: number, year: number): Promise<number>;
  /** Records a historic number so the counter never hands it out again. */
  reserveNumber(registerId: number, year: number, n: number): Promise<void>;
  /** The number the next allocation would return (for display before saving). */
  peekNextNumber(registerId: number, year: number): Promise<number>;
}

export interface NewIncomingRow extends IncomingFields {
  registerId: number;
  year: number;
  arrivalNumber: number;
  dupKey: string | null;
  createdAt: string;
  createdBy: string;
  /** The folded search text, when already computed (an import's reading thread does it); else the store computes it. */
  searchText?: SearchText;
  /** arrivalDate as epoch milliseconds, when already parsed. */
  arrivalMs?: number;
}

export interface ExistingRef {
  id: number;
  register: string;
  year: number;
  arrivalNumber: number;
}

/**
 * What of the incoming register a caller may see, applied INSIDE the store's own query so
 * that hidden documents are absent from pages, counts, outlines and books alike (never
 * filtered after the fact). Made by the services from the signed-in account
 * (src/main/accounts/visibility.ts); absent = everything (the services' own work).
 */
export interface Visibility {
  /** Nothing at all (an account that reads no documents: an administrator alone). */
  none?: boolean;
  /**
   * Leave out confidential documents (secrecy ≠ 'normal'; a register marked confidential
   * holds only those — registers/registerService.ts refuses anything else).
   */
  hideConfidential?: boolean;
  /** Only documents currently assigned to this unit (assignments not replaced); 0 = none. */
  unitId?: number;
}

export interface ListQuery {
  registerId?: number;
  /** See Visibility. */
  visible?: Visibility;
  year?: number;
  includeVoided?: boolean;
  /**
   * Arrival dates (YYYY-MM-DD), inclusive, of the arrival instant in UTC+7 — as SearchQuery's
   * arrivalFrom/To: a range of the arrival-time key, so a year or a month of the register is
   * listed, outlined and counted from the key's index alone.
   */
  arrivalFrom?: string;
  arrivalTo?: string;
  limit: number;
  /**
   * Keyset position from the previous page's `lastKey`: the arrival number when one
   * register-year is listed (book order), else the arrival-time key.
   */
  after?: number;
  /**
   * Rows to pass over (after `after`, or from the start) before the page begins: how a list
   * reaches a row in the middle of an outline bucket (see countListKeys) without reading the
   * rows before it. The service keeps it ≤ LIST_MAX_SKIP (10,000), so walking the list's
   * index for it is cheap; it is never used to skip through a whole list.
   */
  skip?: number;
}

/**
 * The rows a list selects (ListQuery without its paging): with `registerId` and `year` the
 * book of one register-year, keyed by arrival number; otherwise keyed by the arrival-time key.
 * Keys are the numbers ListQuery.after and `lastKey` carry; a list runs from its largest key down.
 */
export type ListScope = Pick<ListQuery, 'registerId' | 'year' | 'includeVoided' | 'arrivalFrom' | 'arrivalTo' | 'visible'>;

/**
 * Search over the incoming register — the semantics every store gives exactly (the
 * SQLite store with FTS5 in db/sqlite/incomingSearch.ts; tests/unit/search*.test.ts hold them):
 *
 * Text. `text` is what the user typed, parsed (search/parseQuery.ts) into terms of folded
 * words (lower case, tone marks removed, Đ→d; a word is a run of letters and digits).
 * Every term must match (AND), each on its own:
 * - a term of several words is a phrase: the words consecutive, within one field;
 * - a term matches in any of the text fields: subject, sender (organ_name), symbol,
 *   signer name, description — compared as folded words, never across two fields;
 * - when `prefix` is set, the term's last word matches any word starting with it;
 * - a symbol term (`isSymbolTerm` in search/rank.ts: `123/QĐ`, `qd-ubnd`, 3+ characters
 *   besides separators) matches instead as a substring of the symbol's key (`symbolKey`:
 *   folded, spaces dropped, `/ - . _` runs unified to `/`) — not as words.
 * `organName` (the sender filter) is parsed the same way; all its terms must match in the
 * sender field alone.
 *
 * Filters. typeName, urgency, secrecy, registerId and status are equalities; arrivalFrom/To
 * are dates, inclusive, of the arrival instant in UTC+7; issuedFrom/To compare the issued
 * date (YYYY-MM-DD), inclusive. Voided documents are left out unless `includeVoided` or
 * status = 'voided'.
 *
 * Order. 'date': newest arrival first (the arrival-time sort key, unique per document).
 * 'relevance' (only when some text term is matched as words; otherwise date order): the
 * newest `candidateLimit` (RELEVANCE_CANDIDATES = 1000) hits are scored by
 * `rankCandidates` (search/rank.ts — call it, do not re-implement it) and come first,
 * higher score first, newest first on ties; every other hit follows, newest first.
 *
 * Paging. `after` is the previous page's `last`: {key} in date order; {key, rank} by
 * relevance, where rank = -1 marks a position among the hits beyond the candidates.
 *
 * Count. A page counts the hits exactly up to `countCap` (SEARCH_COUNT_CAP = 10,000):
 * `total` is the number of hits and `totalCapped` false; with more hits than that,
 * `total` = countCap and `totalCapped` = true ("more than 10,000"). `searchCount`
 * gives the exact number for the same text and filters (sort, limit, after ignored).
 */
export interface SearchQuery {
  /** Parsed user text (see search/parseQuery). Empty = filters only. */
  text: ParsedQuery;
  arrivalFrom?: string;
  arrivalTo?: string;
  issuedFrom?: string;
  issuedTo?: string;
  typeName?: string;
  organName?: ParsedQuery;
  urgency?: Urgency;
  secrecy?: Secrecy;
  registerId?: number;
  status?: IncomingStatus;
  includeVoided: boolean;
  /** See Visibility: hidden documents are neither found nor counted. */
  visible?: Visibility;
  sort: 'relevance' | 'date';
  limit: number;
  after?: { key: number; rank?: number };
  /** How many of the newest hits relevance ranks (tests use a small number). */
  candidateLimit?: number;
  /** Counted exactly up to this many hits (default SEARCH_COUNT_CAP; tests use a small number). */
  countCap?: number;
  /**
   * Where text terms are matched (default 'fields'): the register's fields as above; 'content':
   * the text of the document's files (every term a phrase of folded words there, a symbol term
   * by its words, the last word a prefix when typed so); 'all': each term in the fields or in
   * the files' text. Filters, order, paging and count are the same in every scope.
   */
  scope?: SearchScope;
}

/** A search page counts its hits exactly up to this many; beyond, see SearchPage.totalCapped. */
export const SEARCH_COUNT_CAP = 10_000;

export interface SearchPage {
  /** The number of hits; when totalCapped, the cap: there are more. */
  total: number;
  /** True when there are more than `total` hits (ask searchCount for the exact number). */
  totalCapped: boolean;
  items: IncomingRecord[];
  /** Sort position of the last item, for the next page's keyset. */
  last?: { key: number; rank?: number };
}

/** Why a document is hidden from a reader (src/main/accounts/visibility.ts decides it in the application). */
export type HiddenReason = 'confidential' | 'unit' | 'not_reader';

/** A registration handed to IncomingRepository.registerAtOnce: the row without its register id and number. */
export interface AtOnceRegistration {
  /** The register's code, and whether the document is confidential (it must match the register's kind). */
  register: string;
  confidential: boolean;
  row: Omit<NewIncomingRow, 'registerId' | 'arrivalNumber'>;
  /** The 'create' audit entry: its time, actor, and its data's JSON text around the number (head + n + tail). */
  audit: { at: string; actor: string; dataHead: string; dataTail: string };
}

export type AtOnceResult =
  | { refused: 'unknown_register' | 'register_mismatch' }
  | { duplicate: ExistingRef }
  | { record: IncomingRecord; audit: { seq: number; prevHash: string; hash: string; data: string } };

export interface IncomingRepository {
  /**
   * What an import's reading thread prepares for each row besides its folded text: the new
   * words of the file (the SQLite store's vocabulary; the default), or the row's PostgreSQL
   * search vector (tsvector.ts), built from the one split of its words there instead of a
   * second split in the writing thread — and no word list, which that store does not keep.
   */
  readonly importSearchText?: 'words' | 'pgVector';
  insert(row: NewIncomingRow): Promise<number>;
  /**
   * A store whose writers from many PCs queue on one lock (PostgreSQL) registers a document
   * in one call: the lock, the register, the duplicate check, the next number, the row and its
   * 'create' audit entry (see db/postgres/migrations/0188). Used in a write opened with
   * `lateLock`. Absent where a registration is cheap as separate steps (SQLite).
   */
  registerAtOnce?(r: AtOnceRegistration): Promise<AtOnceResult>;
  get(id: number): Promise<IncomingRecord | null>;
  /**
   * After get(id) found nothing: why the store's own rules hide a document of that id from the
   * connected person, or null when there is none. PostgreSQL's row policies hide rows from a
   * person connected as themselves (migration 0175 tells why, never what); SQLite has no such
   * rules — a row get() did not return does not exist — and answers null.
   */
  whyHidden(id: number): Promise<HiddenReason | null>;
  getMany(ids: number[]): Promise<IncomingRecord[]>;
  findDuplicate(dupKey: string, excludeId?: number): Promise<ExistingRef | null>;
  numberTaken(registerId: number, year: number, n: number): Promise<boolean>;
  update(id: number, fields: Partial<IncomingFields> & { dupKey?: string | null }, updatedAt: string): Promise<void>;
  setVoided(id: number, reason: string, at: string): Promise<void>;
  list(q: ListQuery): Promise<{ items: IncomingRecord[]; lastKey: number | null }>;
  /**
   * The keys of the first and the last row of the list `scope` selects, in list order
   * (`first` ≥ `last`: the list runs from its largest key down); null when it selects no row.
   */
  listKeyRange(scope: ListScope): Promise<{ first: number; last: number } | null>;
  /**
   * Row counts of the list `scope` selects between keys: `bounds` strictly decreasing, and
   * counts[k] = the number of its rows with bounds[k] > key ≥ bounds[k + 1] (so bounds.length
   * − 1 counts). Together with `skip` this lets a list reach any position exactly: the service
   * splits a list into buckets of ≤ LIST_MAX_SKIP rows once per question (one pass over the
   * list's index, the cost of counting it) and then seeks into a bucket. Must count from an
   * index on the list's key (sort key; register, year, arrival number), not read the rows.
   */
  countListKeys(scope: ListScope, bounds: number[]): Promise<number[]>;
  search(q: SearchQuery): Promise<SearchPage>;
  /** The exact number of hits of a search (its text and filters; see SearchQuery). */
  searchCount(q: SearchQuery): Promise<number>;
  /** Every document of a register-year in number order, for the printed book (only those `visible` shows). */
  forBook(registerId: number, year: number, visible?: Visibility): Promise<IncomingRecord[]>;
  /** Distinct sender names starting with a folded prefix, most used first (autocomplete). */
  organNames(foldedPrefix: string, limit: number): Promise<string[]>;
  /** Documents in the register (only those `visible` lets the caller see). */
  count(visible?: Visibility): Promise<number>;
  /** Rebuilds a document's content index from the stored text of its files (blob_pages). */
  indexContent(documentId: number): Promise<void>;
  /** The stored text pages of the documents' files, in attachment and page order (where a content hit is). */
  contentPages(documentIds: number[]): Promise<ContentPage[]>;
  /** Bulk imports: index new rows the way one long transaction does best (this connection only)… */
  setBulkIndexing(on: boolean): Promise<void>;
  /** …and finish indexing the rows with ids in [fromId, toId], in the same transaction. */
  indexRange(fromId: number, toId: number): Promise<void>;
}

export interface BlobRow {
  sha256: string;
  size: number;
  mime: string;
}

export interface AttachmentRepository {
  ensureBlob(b: BlobRow, at: string): Promise<void>;
  link(documentId: number, sha256: string, fileName: string, at: string, verification?: unknown): Promise<number>;
  listFor(documentId: number): Promise<AttachmentInfo[]>;
  allBlobs(): Promise<BlobRow[]>;
  /** Keeps the text of a stored file's pages; a content already read keeps its first text. */
  putText(sha256: string, pages: StoredPage[]): Promise<void>;
  /** Whether a stored file's text is kept. */
  hasText(sha256: string): Promise<boolean>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  /** JSON text: {old?, new?, reason?, ...}. Kept as text so the hash covers exact bytes. */
  data: string;
  prevHash: string;
  hash: string;
}

export interface AuditRepository {
  append(e: AuditEntry): Promise<void>;
  last(): Promise<AuditEntry | null>;
  forEntity(entity: string, entityId: number): Promise<AuditEntry[]>;
  /** The entries recording a whole import (action 'import', entityId null) of an entity kind, in order. */
  imports(entity: string): Promise<AuditEntry[]>;
  /** All entries in order, in chunks, for verification. */
  scan(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

export interface MetaRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface NewOutgoingRow extends OutgoingFields {
  registerId: number;
  status: OutgoingStatus;
  createdAt: string;
  createdBy: string;
}

/** What of the outgoing documents a caller may see (see Visibility): made by the services. */
export interface OutgoingVisibility {
  /** Nothing at all (an account that reads no documents). */
  none?: boolean;
  /** Leave out confidential documents (secrecy ≠ 'normal'). */
  hideConfidential?: boolean;
  /** Only the documents this person drafted (created_by) or this unit drafts (drafting_unit): a specialist's. */
  own?: { username: string; unitCode: string | null };
}

export interface OutgoingListQuery {
  registerId?: number;
  visible?: OutgoingVisibility;
  year?: number;
  status?: OutgoingStatus;
  limit: number;
  /** Keyset: the id of the previous page's last row (newest first). */
  after?: number;
}

export interface OutgoingRepository {
  insert(row: NewOutgoingRow): Promise<number>;
  get(id: number): Promise<OutgoingRecord | null>;
  /** As IncomingRepository.whyHidden, for outgoing documents. */
  whyHidden(id: number): Promise<HiddenReason | null>;
  updateFields(id: number, fields: OutgoingFields, registerId: number, at: string): Promise<void>;
  setStatus(id: number, status: OutgoingStatus, at: string): Promise<void>;
  setNumber(
    id: number,
    n: { registerId: number; year: number; codeNumber: number; symbol: string; issuedDate: string },
    at: string,
  ): Promise<void>;
  addFile(id: number, kind: string, sha256: string, at: string, layout?: unknown): Promise<void>;
  addAttachment(id: number, sha256: string, fileName: string, at: string): Promise<number>;
  setAttachmentSigned(attachmentId: number, signedSha256: string): Promise<void>;
  /** The layout JSON stored with the newest file of that kind. */
  fileLayout(id: number, kind: string): Promise<unknown>;
  list(q: OutgoingListQuery): Promise<OutgoingRecord[]>;
  forBook(registerId: number, year: number, visible?: OutgoingVisibility): Promise<OutgoingRecord[]>;
  /** Who drafted a document (an account's username; before accounts, the name recorded then). */
  createdBy(id: number): Promise<string | null>;
  search(text: ParsedQuery, limit: number, visible?: OutgoingVisibility): Promise<{ total: number; items: OutgoingRecord[] }>;
  incomingExists(ids: number[]): Promise<number[]>;
}

export interface TrustAnchorRow {
  id: number;
  subject: string;
  sha256: string;
  pem: string;
  notAfter: string;
  /** An anchor is trusted; an intermediate only completes chains (never trusted by itself). */
  kind: 'anchor' | 'intermediate';
  /** An anchor under which SHA-1 chains are accepted (set by the administrator). */
  legacy: boolean;
}

export interface TrustRepository {
  add(a: Omit<TrustAnchorRow, 'id'>, at: string): Promise<{ id: number; added: boolean }>;
  list(): Promise<TrustAnchorRow[]>;
  setLegacy(id: number, legacy: boolean): Promise<void>;
  /** Forgets a certificate (the administrator's removal); the audit entry keeps what it was. */
  remove(id: number): Promise<void>;
}

export interface NewAssignmentRow {
  documentId: number;
  unitId: number;
  role: 'lead' | 'support';
  dueDate: string;
  direction: string | null;
  directedBy: string;
  assignedAt: string;
}

export interface TaskRow {
  title: string;
  source: string | null;
  documentId: number | null;
  leadUnitId: number;
  supportUnitIds: number[];
  deadline: string;
  status: TaskStatus;
  note: string | null;
  replySymbol: string | null;
  doneAt: string | null;
}

export interface FollowUpRow extends Assignment {
  arrivalNumber: number;
  year: number;
  register: string;
  organName: string;
  symbol: string | null;
  issuedDate: string;
  typeName: string;
  subject: string;
  arrivalDate: string;
}

export interface WorkflowRepository {
  addUnit(code: string, name: string, at: string): Promise<Unit>;
  unitByCode(code: string): Promise<Unit | null>;
  listUnits(): Promise<Unit[]>;
  addPerson(p: { fullName: string; unitId: number | null; role: string | null }, at: string): Promise<number>;
  listPeople(): Promise<{ id: number; fullName: string; unit: string | null; role: string | null }[]>;
  currentAssignments(documentId: number): Promise<Assignment[]>;
  assignmentHistory(documentId: number): Promise<Assignment[]>;
  replaceCurrent(documentId: number, at: string): Promise<void>;
  insertAssignment(a: NewAssignmentRow): Promise<number>;
  setProgress(assignmentId: number, status: string, doneAt: string | null, replySymbol: string | null): Promise<void>;
  addProgressNote(n: {
    assignmentId: number;
    at: string;
    actor: string;
    status: string;
    note: string | null;
    replySymbol: string | null;
  }): Promise<void>;
  /** Open assignments (current, not done) due before `before`, optionally of one unit: the overdue list. */
  openDueBefore(before: string, unitId: number | undefined, limit: number, visible?: Visibility): Promise<FollowUpRow[]>;
  /** Open assignments due in [from, to]: the due-soon list. */
  openDueBetween(from: string, to: string, unitId: number | undefined, limit: number, visible?: Visibility): Promise<FollowUpRow[]>;
  /** Every current assignment of documents that arrived in [from, to], for the follow-up book. */
  followUp(fromKey: number, toKey: number, unitId: number | undefined, visible?: Visibility): Promise<FollowUpRow[]>;
  insertTask(t: TaskRow, at: string): Promise<number>;
  updateTask(id: number, t: TaskRow, at: string): Promise<void>;
  getTask(
    id: number,
  ): Promise<(TaskRow & { id: number; createdAt: string; updatedAt: string; leadUnit: string; supportUnits: string[] }) | null>;
  listTasks(q: {
    status?: string;
    unitId?: number;
    limit: number;
  }): Promise<(TaskRow & { id: number; createdAt: string; updatedAt: string; leadUnit: string; supportUnits: string[] })[]>;
  calendarAdjustments(year: number): Promise<unknown>;
  setCalendarAdjustments(year: number, data: unknown): Promise<void>;
  /** Raw figures for a report; see ReportService for the definitions. Documents `visible` hides are not counted. */
  reportFigures(q: {
    fromKey: number;
    toKey: number;
    toEnd: string;
    asOf: string;
    unitId?: number;
    from: string;
    to: string;
    visible?: Visibility;
  }): Promise<{
    byDim: { dim: string; key: string; n: number }[];
    units: {
      unit: string;
      name: string;
      assigned: number;
      completed: number;
      completedOnTime: number;
      overdue: number;
      inProgress: number;
    }[];
    tasks: { status: string; n: number }[];
  }>;
}

/** A received edXML document message (interchange/interchangeService.ts). */
export interface ReceivedRow {
  id: number;
  messageSha256: string;
  documentId: string;
  fromOrgan: string;
  fromName: string | null;
  businessType: BusinessDocType;
  subject: string;
  symbol: string;
  state: 'pending' | 'registered' | 'refused';
  incomingId: number | null;
  linkedTo: number | null;
  recalled: boolean;
  refuseReason: string | null;
  lastStatus: string | null;
  receivedAt: string;
  /** JSON: the parsed header, business part, traces and attachments' names (no bytes). */
  header: string;
}

/** One recipient of one sent message. */
export interface SentRow {
  id: number;
  outgoingId: number;
  organId: string;
  organName: string | null;
  businessType: BusinessDocType;
  documentId: string;
  status: DeliveryStatus;
  statusAt: string;
  note: string | null;
  fileName: string;
  createdAt: string;
}

export interface StatusRow {
  id: number;
  direction: 'in' | 'out';
  documentId: string;
  /** The other office. */
  organId: string;
  code: string;
  description: string | null;
  at: string;
  messageSha256: string | null;
}

export interface InterchangeRepository {
  /** Adds or replaces an organ of the directory; true when it was new. */
  putOrgan(o: Organ, at: string): Promise<boolean>;
  organ(organId: string): Promise<Organ | null>;
  organs(): Promise<Organ[]>;
  insertReceived(r: Omit<ReceivedRow, 'id'>): Promise<number>;
  /** Links a stored file to a received message (the message as it arrived, or a file taken out of it). */
  linkReceivedFile(receivedId: number, sha256: string, kind: 'message' | 'attachment'): Promise<void>;
  received(id: number): Promise<ReceivedRow | null>;
  receivedBySha(sha256: string): Promise<ReceivedRow | null>;
  /** The live (not refused) new-document message of a DocumentId. */
  receivedNew(documentId: string): Promise<ReceivedRow | null>;
  listReceived(limit: number): Promise<ReceivedRow[]>;
  /** Registered messages whose last status sent is not final (06, 02), for the automatic answers. */
  receivedOpen(): Promise<ReceivedRow[]>;
  updateReceived(
    id: number,
    patch: Partial<Pick<ReceivedRow, 'state' | 'incomingId' | 'recalled' | 'refuseReason' | 'lastStatus'>>,
  ): Promise<void>;
  insertSent(r: Omit<SentRow, 'id'>): Promise<number>;
  sentFor(outgoingId: number): Promise<SentRow[]>;
  sentByDocument(documentId: string, organId: string): Promise<SentRow[]>;
  updateSent(id: number, status: DeliveryStatus, at: string, note: string | null): Promise<void>;
  /** Records a status message; false when a message with that hash was recorded already. */
  insertStatus(r: Omit<StatusRow, 'id'>): Promise<boolean>;
  statusBySha(sha256: string): Promise<boolean>;
  statuses(documentId: string): Promise<StatusRow[]>;
  /** Status messages this office must still write to its outbox (no file hash yet). */
  unsentStatuses(): Promise<StatusRow[]>;
  markStatusWritten(id: number, sha256: string): Promise<void>;
}

export interface AccountRow {
  id: number;
  username: string;
  fullName: string;
  unitId: number | null;
  /** The unit's code and name from the directory. */
  unit: string | null;
  unitName: string | null;
  roles: Role[];
  confidential: boolean;
  active: boolean;
  /** `scrypt$N$r$p$salt$hash`; never leaves the accounts service. */
  passwordHash: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  /**
   * The store's own login (PostgreSQL's login role) has no password the person could know: made
   * by migrate-to, which cannot turn a scrypt hash into one, or found so at a sign-in. The
   * administrator's reset clears it. Always false on SQLite (no login of its own).
   */
  dbPasswordResetNeeded: boolean;
}

export type AccountChanges = Partial<
  Pick<
    AccountRow,
    | 'fullName'
    | 'unitId'
    | 'confidential'
    | 'active'
    | 'passwordHash'
    | 'mustChangePassword'
    | 'failedLogins'
    | 'lockedUntil'
    | 'lastLoginAt'
    | 'passwordChangedAt'
  >
>;

export interface SessionRow {
  accountId: number;
  createdAt: string;
  lastSeenAt: string;
}

export interface AccountRepository {
  count(): Promise<number>;
  byUsername(username: string): Promise<AccountRow | null>;
  byId(id: number): Promise<AccountRow | null>;
  list(): Promise<AccountRow[]>;
  insert(a: Omit<AccountRow, 'id' | 'unit' | 'unitName' | 'roles' | 'updatedAt' | 'dbPasswordResetNeeded'>): Promise<number>;
  update(id: number, changes: AccountChanges, at: string): Promise<void>;
  setRoles(id: number, roles: readonly Role[]): Promise<void>;
  /** Active accounts that hold the admin role. */
  countActiveAdmins(): Promise<number>;
  /** Full names of these usernames (those that are accounts). */
  fullNames(usernames: readonly string[]): Promise<Map<string, string>>;
  /** Command-line sessions, by the SHA-256 of their token. */
  insertSession(tokenHash: string, accountId: number, at: string): Promise<void>;
  session(tokenHash: string): Promise<SessionRow | null>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(accountId: number): Promise<void>;
  /**
   * The store's own login for this account, where it has one: on PostgreSQL a login role of
   * the same name with the account's group roles (db/postgres/loginRoles.ts), changed in the
   * same transaction; SQLite has none. `password` only when it changes; `self` when a person
   * changes their own password (nothing else is touched, and no CREATEROLE is needed).
   */
  syncLogin?(spec: LoginSync): Promise<void>;
  /** Flags the account's store login as having no password the person knows (see AccountRow.dbPasswordResetNeeded). */
  markDbPasswordResetNeeded?(username: string): Promise<void>;
}

export interface LoginSync {
  username: string;
  roles: readonly Role[];
  confidential: boolean;
  active: boolean;
  password?: string;
  self?: boolean;
}

export interface Repositories {
  accounts: AccountRepository;
  archive: ArchiveRepository;
  interchange: InterchangeRepository;
  workflow: WorkflowRepository;
  /** Citizens' letters, hotline feedback, the periodic report's figures (store/letterPorts.ts). */
  letters: LetterRepository;
  outgoing: OutgoingRepository;
  trust: TrustRepository;
  registers: RegisterRepository;
  incoming: IncomingRepository;
  attachments: AttachmentRepository;
  audit: AuditRepository;
  meta: MetaRepository;
}

export interface StoreInfo {
  path: string;
  schemaVersion: number;
  journalMode: string;
  warnings: string[];
}

export interface WriteOptions {
  /**
   * The store's write lock (PostgreSQL's, see db/postgres/store.ts) is taken by the
   * transaction's first call that takes it itself (IncomingRepository.registerAtOnce) instead of
   * at the start; any other statement before it takes the lock first. Stores without such a lock ignore it.
   */
  lateLock?: boolean;
  /**
   * The transaction's start and the store's write lock may travel with fn's first statement
   * (PostgreSQL: in one round trip with a statement sent as such, ArchiveRepository.filingRead)
   * instead of being taken before fn runs: fn must do nothing before its first statement that
   * needs the lock. A write that then sends no statement begins no transaction. Ignored elsewhere.
   */
  lockWithFirst?: boolean;
  /**
   * With lateLock: the whole write is that one call (nothing before or after it writes). A
   * store that can (PostgreSQL) sends it without BEGIN and COMMIT: the server commits it as
   * the statement ends, so the lock is not held while the answer travels back and the COMMIT
   * comes. What fn checks of the answer is then checked after the commit. Ignored elsewhere.
   */
  alone?: boolean;
  /**
   * A write of very many rows (a bulk import). A store may write it more cheaply while nobody
   * else has the database open: SQLite then uses a rollback journal for that one transaction,
   * so the new pages are written into the file once instead of into the WAL and again by the
   * checkpoint that follows the commit (some 1.3 GB at a million documents). Stores without
   * such a choice ignore it.
   */
  bulk?: boolean;
}

export interface Store {
  readonly info: StoreInfo;
  /** Runs fn with a consistent view; no writes. */
  read<T>(fn: (r: Repositories) => Promise<T>): Promise<T>;
  /** Runs fn in one write transaction: all of it commits, or none of it. */
  write<T>(fn: (r: Repositories) => Promise<T>, opts?: WriteOptions): Promise<T>;
  integrityCheck(): Promise<string[]>;
  /**
   * `check`'s advice on the server's set-up: things that make the app slow, not wrong (an
   * office server's shared_buffers smaller than the searched relations). None for SQLite.
   */
  serverAdvice(): Promise<CheckAdvice[]>;
  /** Online backup to dest, then verified by opening the copy. */
  backup(dest: string): Promise<{ bytes: number; schemaVersion: number }>;
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The bytes of stored files, by SHA-256: content-addressed, each content once. The SQLite
 * store keeps them in a folder beside its file (attachments/fileStore.ts); the PostgreSQL
 * store keeps them in the database, where every PC reads them and a backup holds them.
 * A put is committed before the rows that name it, so a committed row always finds its
 * bytes; an unused content is harmless.
 */
/** A copy being written into a file store (BlobStore.stage). */
export interface StagedFile {
  /** Where to write the bytes (a new file in the store's folder, on its file system). */
  readonly path: string;
  /**
   * Keeps the written file (flushed to disk by its writer) as the content with this hash; when
   * that content is there already the copy is removed.
   */
  keep(sha256: string): void;
  /** Removes the copy (the import failed or was cancelled); nothing when it is gone already. */
  discard(): void;
}

export interface BlobStore {
  /** Stores bytes under their hash (no-op when present). Returns the hash. */
  put(bytes: Uint8Array): Promise<string>;
  /** Stores a file, streamed: never held in memory whole. */
  putFile(file: string): Promise<{ sha256: string; size: number }>;
  /**
   * A place to copy a file into while it is read anyway (an import's reading thread writes
   * every chunk it reads there), then kept under the hash of what was read — instead of
   * putFile reading, hashing and copying the whole file again at the end. Absent where the
   * content is not a file (the office database keeps it in the database: putFile).
   */
  stage?(): StagedFile;
  read(sha256: string): Promise<Buffer>;
  /** The bytes in pieces, for large files. */
  stream(sha256: string): AsyncIterable<Buffer>;
  /** Re-hashes a stored content (streamed): 'ok', 'missing' or 'corrupt'. */
  verify(sha256: string): Promise<'ok' | 'missing' | 'corrupt'>;
  /**
   * Removes a content's bytes: only a destruction does, after its rows listed the content in
   * removed_blobs (archive/dispositionService.ts). A later put of the same bytes stores them again.
   */
  remove(sha256: string): Promise<void>;
}

/**
 * The one API contract between the renderer and the domain core: every method's name,
 * input schema (zod, validated in main for every call) and result type. The Electron
 * preload, the IPC binding, the loopback web host and the renderer's client are all
 * derived from this table, so a method cannot exist on one side only.
 */
import { z } from 'zod';
import { LIST_MAX_SKIP, type ListOutline } from './domain/list.js';
import type {
  AuditEntryView,
  CheckReportView,
  ImportResultView,
  JobView,
  RegisterView,
  AppInfo,
  ConnectionView,
  TokenChoiceView,
  TrustAnchorView,
  TrustImportView,
  VerifyView,
} from './apiTypes.js';
import type { OutgoingRecord } from './domain/outgoing.js';
import type { Assignment, Report, Task, Unit } from './domain/workflow.js';
import type { IncomingRecord } from './domain/incoming.js';
import type {
  DestructionList,
  DestructionView,
  DossierDetail,
  DossierFiling,
  DossierList,
  DossierView,
  DueList,
  ExpiredList,
  FilePlanView,
  HandoverList,
  HandoverView,
  HoldList,
  HoldView,
  UsageEntry,
  UsageList,
} from './domain/archive.js';
import { SEARCH_SCOPES, type CaptureResult, type ContentHit, type Extraction } from './domain/capture.js';
import { SEND_KINDS, type DeliveryView, type ExchangeFolders, type Organ, type ReceivedView } from './domain/interchange.js';
import type {
  DuplicateCandidate,
  HotlineRecord,
  LetterFileText,
  LetterListItem,
  LetterRecord,
  LetterSettings,
  LetterStats,
  OfficeReport,
  LetterFollowUpItem,
} from './domain/letters.js';
import type { AccountView, AuthStatus, SessionView } from './domain/accounts.js';

const id = z.number().int().positive();
const shortText = z.string().max(2000);
const date = z.string().max(40);
/** Figures entered by hand from another system (counts; checked again by the service). */
const dossierFigures = z
  .object({
    received: z.number().int().min(0).max(100_000_000).optional(),
    resolved: z.number().int().min(0).max(100_000_000).optional(),
    onTime: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict();
const year = z.number().int().min(1900).max(2999);
/** "Vĩnh viễn" (text or null) or a number of years. */
const retention = z.union([z.string().max(20), z.number().int(), z.null()]);
const docKind = z.enum(['incoming', 'outgoing']);
/** Upload: bytes from the renderer (a File read in the page); at most 200 MiB each. */
const upload = z
  .object({
    fileName: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 200 * 1024 * 1024, 'tệp quá lớn (tối đa 200 MB)'),
  })
  .strict();
/** Document fields are checked by the domain validation (with Vietnamese messages), not here. */
const documentData = z.record(z.string(), z.unknown());

export const searchInput = z
  .object({
    query: z.string().max(500).optional(),
    from: date.optional(),
    to: date.optional(),
    issuedFrom: date.optional(),
    issuedTo: date.optional(),
    type: z.string().max(100).optional(),
    org: z.string().max(200).optional(),
    urgency: z.string().max(20).optional(),
    secrecy: z.string().max(20).optional(),
    register: z.string().max(20).optional(),
    status: z.string().max(20).optional(),
    includeVoided: z.boolean().optional(),
    sort: z.enum(['relevance', 'date']).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).nullable().optional(),
    in: z.enum(SEARCH_SCOPES).optional(),
  })
  .strict();

export type SearchInput = z.infer<typeof searchInput>;

export interface SearchOutput {
  /** The number of hits; when totalCapped, the cap (10,000): there are more — `search.count` says how many. */
  total: number;
  totalCapped: boolean;
  items: IncomingRecord[];
  nextCursor: string | null;
  /** With `in: content|all`: the first matching line of a file's text, and its page, per document found. */
  contentHits?: ContentHit[];
}

export interface ListOutput {
  items: IncomingRecord[];
  nextCursor: string | null;
}

// Defined beside the domain types so the services use them without loading the contract (zod).
export { LIST_MAX_SKIP, type ListOutline };

/** A pending edXML message: the registration pre-filled from its header, its attachments. */
export interface EdxmlPreviewView {
  received: ReceivedView;
  registration: Record<string, unknown>;
  attachments: { name: string; contentType: string; size: number }[];
}

export type ReceiveOutcomeView =
  | { kind: 'already_processed' }
  | ({ kind: 'document' } & EdxmlPreviewView)
  | { kind: 'recall'; received: ReceivedView; original: ReceivedView }
  | { kind: 'status'; documentId: string; from: string; code: string; deliveries: number };

/** The exchange folders and what the app's watcher last did. */
export interface ExchangeFoldersView extends ExchangeFolders {
  /** Whether this app (the process that answers) looks into the inbox on its own. */
  watching: boolean;
  lastPass: ExchangePassView | null;
}

/** One pass over the inbox: messages in, status answers out. */
export interface ExchangePassView {
  at: string;
  received: { file: string; outcome: string }[];
  refused: { file: string; code: string; message: string }[];
  retried: { file: string; message: string }[];
  statusesSent: number;
}

/** A send: the DocumentId and the files written to the outbox. */
export interface EdxmlSendView {
  documentId: string;
  files: string[];
  deliveries: DeliveryView[];
}

/** `method<Result>()(inputSchema)`: the input type is inferred from the schema. */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });

const empty = z.object({}).strict();
/** Checked by the accounts service (coded errors: weak_password, invalid_username, unknown_role…). */
const username = z.string().max(64);
const password = z.string().max(200);
const roles = z.array(z.string().max(20)).max(10);

export const contract = {
  // Sessions (who is working) and accounts; who may call what: src/shared/permissions.ts.
  'auth.status': method<AuthStatus>()(empty),
  /** Creates the first administrator of a database without accounts, and signs them in. */
  'auth.setup': method<SessionView>()(z.object({ username, fullName: z.string().max(100), password }).strict()),
  'auth.login': method<SessionView>()(z.object({ username, password }).strict()),
  'auth.logout': method<{ signedOut: boolean }>()(empty),
  /** Opens a session locked after idle minutes, with the same person's password. */
  'auth.unlock': method<SessionView>()(z.object({ password }).strict()),
  'auth.changePassword': method<SessionView>()(z.object({ current: password, next: password }).strict()),
  /** The person is active in the page (typing a form): the session does not lock meanwhile. */
  'auth.ping': method<{ locked: boolean }>()(empty),
  'account.list': method<AccountView[]>()(empty),
  'account.add': method<AccountView>()(
    z
      .object({
        username,
        fullName: z.string().max(100),
        unit: z.string().max(20).nullable().optional(),
        roles,
        confidential: z.boolean().optional(),
        password,
      })
      .strict(),
  ),
  'account.update': method<AccountView>()(
    z
      .object({
        username,
        fullName: z.string().max(100).optional(),
        unit: z.string().max(20).nullable().optional(),
        roles: roles.optional(),
        confidential: z.boolean().optional(),
      })
      .strict(),
  ),
  'account.disable': method<AccountView>()(z.object({ username }).strict()),
  'account.enable': method<AccountView>()(z.object({ username }).strict()),
  /** Sets a new password the person must change at their next sign-in; clears a lock-out. */
  'account.resetPassword': method<AccountView>()(z.object({ username, password }).strict()),
  'settings.get': method<{ idleLockMinutes: number }>()(empty),
  'settings.update': method<{ idleLockMinutes: number }>()(z.object({ idleLockMinutes: z.number().int() }).strict()),

  'app.info': method<AppInfo>()(empty),
  'incoming.add': method<IncomingRecord>()(
    z
      .object({
        data: documentData,
        attachments: z.array(upload).max(50).optional(),
        force: z.boolean().optional(),
        ocr: z.boolean().optional(),
      })
      .strict(),
  ),
  'incoming.get': method<IncomingRecord>()(z.object({ id }).strict()),
  'incoming.update': method<IncomingRecord>()(z.object({ id, data: documentData, force: z.boolean().optional() }).strict()),
  'incoming.void': method<IncomingRecord>()(z.object({ id, reason: shortText }).strict()),
  'incoming.list': method<ListOutput>()(
    z
      .object({
        register: z.string().max(20).optional(),
        year: z.number().int().min(1900).max(2999).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        cursor: z.string().max(500).nullable().optional(),
        /** Arrival dates, inclusive: a year or a month of the register (newest first). */
        from: date.optional(),
        to: date.optional(),
        /** Rows to pass over after `cursor` before the page: reaching a row inside an outline mark. */
        skip: z.number().int().min(0).max(LIST_MAX_SKIP).optional(),
      })
      .strict(),
  ),
  /** Where each run of ≤ LIST_MAX_SKIP rows of a list starts: any row is then one request away. */
  'incoming.outline': method<ListOutline>()(
    z
      .object({
        register: z.string().max(20).optional(),
        year: z.number().int().min(1900).max(2999).optional(),
        from: date.optional(),
        to: date.optional(),
      })
      .strict(),
  ),
  'incoming.nextNumber': method<{ register: string; year: number; arrivalNumber: number }>()(
    z
      .object({
        register: z.string().max(20).nullable().optional(),
        secrecy: z.enum(['normal', 'confidential', 'secret', 'top_secret']).optional(),
        arrivalDate: date.nullable().optional(),
      })
      .strict(),
  ),
  'incoming.organNames': method<string[]>()(
    z.object({ prefix: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }).strict(),
  ),
  'incoming.audit': method<AuditEntryView[]>()(z.object({ id }).strict()),
  'incoming.attachment': method<{ fileName: string; mime: string; bytes: Uint8Array }>()(z.object({ id, attachmentId: id }).strict()),
  'search.incoming': method<SearchOutput>()(searchInput),
  /** The exact number of hits of the same question (sort, limit and cursor are ignored). */
  'search.count': method<{ total: number }>()(searchInput),
  'register.list': method<RegisterView[]>()(empty),
  'register.print': method<{ fileName: string; bytes: Uint8Array; documents: number }>()(
    z.object({ register: z.string().max(20), year: z.number().int().min(1900).max(2999) }).strict(),
  ),
  /** Starts an import in the background; poll job.status, stop with job.cancel. */
  'import.start': method<JobView<ImportResultView>>()(
    z.object({ fileName: upload.shape.fileName, bytes: upload.shape.bytes, skipInvalid: z.boolean().optional() }).strict(),
  ),
  'job.status': method<JobView<ImportResultView>>()(z.object({ jobId: z.string().max(64) }).strict()),
  'job.cancel': method<JobView<ImportResultView>>()(z.object({ jobId: z.string().max(64) }).strict()),
  'maintenance.check': method<CheckReportView>()(empty),

  // Outgoing documents (văn bản đi)
  'outgoing.draft': method<OutgoingRecord>()(z.object({ data: documentData }).strict()),
  'outgoing.update': method<OutgoingRecord>()(z.object({ id, data: documentData }).strict()),
  'outgoing.approve': method<OutgoingRecord>()(z.object({ id }).strict()),
  'outgoing.number': method<OutgoingRecord>()(z.object({ id, register: z.string().max(20).optional() }).strict()),
  'outgoing.get': method<OutgoingRecord>()(z.object({ id }).strict()),
  'outgoing.list': method<{ items: OutgoingRecord[]; nextCursor: string | null }>()(
    z
      .object({
        register: z.string().max(20).optional(),
        year: z.number().int().min(1900).max(2999).optional(),
        status: z.string().max(20).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        cursor: z.string().max(500).nullable().optional(),
      })
      .strict(),
  ),
  'outgoing.search': method<{ total: number; items: OutgoingRecord[] }>()(
    z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(500).optional() }).strict(),
  ),
  /** Live preview of unsaved draft data (nothing stored). */
  'outgoing.preview': method<{ bytes: Uint8Array; pageCount: number }>()(z.object({ data: documentData }).strict()),
  /** The current version: a rendered draft, or the stored signed/issued file. */
  'outgoing.pdf': method<{ bytes: Uint8Array; kind: string; fileName: string }>()(z.object({ id }).strict()),
  /**
   * Signs with a PKCS#12 file (bytes chosen by the user, password typed) or a PKCS#11
   * token configured on this PC (by id); neither the password nor the PIN is stored anywhere.
   */
  'outgoing.sign': method<OutgoingRecord>()(
    z
      .object({
        id,
        as: z.enum(['official', 'organization']),
        p12: z
          .object({ bytes: upload.shape.bytes, password: z.string().max(200) })
          .strict()
          .optional(),
        /**
         * A token configured on this PC by the administrator, chosen by its opaque id
         * (token.list): the page never names a library or any path for main to load.
         */
        pkcs11: z
          .object({
            token: z.string().regex(/^tk_[0-9a-f]{12}$/, 'mã thiết bị ký số không hợp lệ'),
            tokenLabel: z.string().max(100),
            pin: z.string().max(100),
            keyIdHex: z.string().regex(/^[0-9a-fA-F:\s]{1,200}$/),
          })
          .strict()
          .optional(),
        image: upload.shape.bytes.optional(),
      })
      .strict()
      .refine((v) => !!v.p12 !== !!v.pkcs11, 'chọn một cách ký: tệp .p12 hoặc thiết bị ký số (token)'),
  ),
  /** The token (PKCS#11) devices configured on this PC: id and label only. */
  'token.list': method<TokenChoiceView[]>()(empty),
  // This PC's database (settings screen): readable and settable before anyone signs in, since
  // a PC that cannot reach its server must be pointed at it first (no secret is involved).
  'connection.get': method<ConnectionView>()(empty),
  'connection.set': method<ConnectionView>()(
    z
      .object({
        kind: z.enum(['local', 'server']),
        host: z.string().max(253).optional(),
        port: z.number().int().optional(),
        database: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'outgoing.issuePaper': method<OutgoingRecord>()(z.object({ id, copies: z.number().int().min(1).max(999).optional() }).strict()),
  'outgoing.registerPrint': method<{ fileName: string; bytes: Uint8Array; documents: number }>()(
    z.object({ register: z.string().max(20), year: z.number().int().min(1900).max(2999) }).strict(),
  ),
  'outgoing.audit': method<AuditEntryView[]>()(z.object({ id }).strict()),
  'signature.verify': method<VerifyView>()(z.object({ bytes: upload.shape.bytes }).strict()),
  'trust.add': method<{ added: number; anchors: TrustAnchorView[] }>()(z.object({ pem: z.string().max(200_000) }).strict()),
  'trust.list': method<TrustAnchorView[]>()(empty),
  /** A PEM bundle or a PKCS#7 (.p7b/.p7c, DER or PEM) file: roots become anchors, other CA certificates intermediates. */
  'trust.import': method<TrustImportView>()(
    z
      .object({
        fileName: upload.shape.fileName,
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 5 * 1024 * 1024, 'tệp quá lớn (tối đa 5 MB)'),
        legacy: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Marks an anchor legacy (SHA-1 chains accepted under it) or not. */
  'trust.setLegacy': method<TrustAnchorView>()(z.object({ id, legacy: z.boolean() }).strict()),
  /** Removes an anchor or an intermediate (the administrator's; audited with what it was). */
  'trust.remove': method<TrustAnchorView>()(z.object({ id }).strict()),

  // Interchange with other offices (edXML, QCVN 102:2016): values are checked by the
  // interchange service (coded Vietnamese messages); here only their shapes.
  'organ.list': method<Organ[]>()(empty),
  'organ.add': method<Organ & { added: boolean }>()(
    z
      .object({
        organId: z.string().max(35),
        name: z.string().max(300),
        inCharge: z.string().max(300).optional(),
        address: z.string().max(500).optional(),
        email: z.string().max(200).optional(),
        phone: z.string().max(50).optional(),
        fax: z.string().max(50).optional(),
        website: z.string().max(200).optional(),
        parentId: z.string().max(35).optional(),
      })
      .strict(),
  ),
  'organ.import': method<{ added: number; updated: number }>()(
    z
      .object({
        fileName: upload.shape.fileName,
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 5 * 1024 * 1024, 'tệp quá lớn (tối đa 5 MB)'),
      })
      .strict(),
  ),
  /** A message file taken by hand (the folder exchange does the same on its own). */
  'edxml.receive': method<ReceiveOutcomeView>()(
    z
      .object({
        fileName: upload.shape.fileName,
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 64 * 1024 * 1024, 'gói tin quá lớn (tối đa 64 MB)'),
      })
      .strict(),
  ),
  'edxml.received': method<ReceivedView[]>()(empty),
  'edxml.preview': method<EdxmlPreviewView>()(z.object({ id }).strict()),
  'edxml.register': method<{ received: ReceivedView; incoming: IncomingRecord }>()(
    z.object({ id, fields: documentData.optional(), force: z.boolean().optional() }).strict(),
  ),
  'edxml.refuse': method<ReceivedView>()(z.object({ id, reason: z.string().max(500) }).strict()),
  'edxml.deliveries': method<DeliveryView[]>()(z.object({ id }).strict()),
  /**
   * An issued electronic outgoing document to organs of the directory, as edXML written to
   * the outbox of the exchange folders; or a recall / update / replacement of one sent
   * (`replaces`: the outgoing document a replacement stands for).
   */
  'edxml.send': method<EdxmlSendView>()(
    z
      .object({
        id,
        to: z.array(z.string().max(35)).min(1).max(500),
        kind: z.enum(SEND_KINDS).optional(),
        reason: z.string().max(500).optional(),
        replaces: id.optional(),
      })
      .strict(),
  ),
  'exchange.folders': method<ExchangeFoldersView>()(empty),
  'exchange.setFolders': method<ExchangeFoldersView>()(
    z
      .object({
        inbox: z.string().max(1000).nullable(),
        outbox: z.string().max(1000).nullable(),
        errors: z.string().max(1000).nullable().optional(),
        intervalSeconds: z.number().int().optional(),
      })
      .strict(),
  ),
  /** Looks into the inbox now (the app also does so on its own, every intervalSeconds). */
  'exchange.run': method<ExchangePassView>()(empty),

  // Processing and follow-up
  'unit.list': method<Unit[]>()(empty),
  'unit.add': method<Unit>()(z.object({ code: z.string().max(20), name: z.string().max(200) }).strict()),
  'incoming.assign': method<Assignment[]>()(
    z
      .object({
        id,
        lead: z.string().max(20),
        support: z
          .array(z.union([z.string().max(20), z.object({ unit: z.string().max(20), due: date.optional() }).strict()]))
          .max(50)
          .optional(),
        due: date.optional(),
        dueWorkingDays: z.number().int().min(1).max(365).optional(),
        direction: z.string().max(2000).optional(),
        at: date.optional(),
      })
      .strict(),
  ),
  'incoming.progress': method<Assignment[]>()(
    z
      .object({
        id,
        unit: z.string().max(20),
        status: z.enum(['in_progress', 'done']),
        reply: z.string().max(42).optional(),
        note: z.string().max(2000).optional(),
        at: date.optional(),
      })
      .strict(),
  ),
  'incoming.assignments': method<{ current: Assignment[]; history: Assignment[] }>()(z.object({ id }).strict()),
  'incoming.routingSlip': method<{ fileName: string; bytes: Uint8Array }>()(z.object({ id }).strict()),
  /** The "ĐẾN" stamp: a stamped copy of the document's PDF (the original unchanged), or the stamp alone. */
  'incoming.stamp': method<{ fileName: string; bytes: Uint8Array; stampedFile: string | null }>()(
    z.object({ id, alone: z.boolean().optional() }).strict(),
  ),
  /** The text of a file page by page (text layer or OCR), with confidences; nothing saved. */
  'capture.read': method<Extraction>()(
    z.object({ fileName: upload.shape.fileName, bytes: upload.shape.bytes, pages: z.string().max(20).optional() }).strict(),
  ),
  /** The registration fields suggested from a scan or PDF (each with its confidence); nothing saved. */
  'capture.fields': method<CaptureResult>()(z.object({ fileName: upload.shape.fileName, bytes: upload.shape.bytes }).strict()),
  /**
   * capture.fields in the background, for the scanning queue: the job's progress is the page
   * being read (of `total`), capture.cancel stops it; nothing saved either way.
   */
  'capture.start': method<JobView<CaptureResult>>()(z.object({ fileName: upload.shape.fileName, bytes: upload.shape.bytes }).strict()),
  'capture.status': method<JobView<CaptureResult>>()(z.object({ jobId: z.string().max(64) }).strict()),
  'capture.cancel': method<JobView<CaptureResult>>()(z.object({ jobId: z.string().max(64) }).strict()),
  'task.list': method<Task[]>()(z.object({ status: z.string().max(20).optional(), unit: z.string().max(20).optional() }).strict()),
  'task.add': method<Task>()(z.object({ data: documentData }).strict()),
  'task.update': method<Task>()(z.object({ id, data: documentData }).strict()),
  'followup.overdue': method<
    (Assignment & {
      arrivalNumber: number;
      symbol: string | null;
      organName: string;
      subject: string;
      typeName: string;
      arrivalDate: string;
    })[]
  >()(z.object({ unit: z.string().max(20).optional() }).strict()),
  'followup.dueSoon': method<
    (Assignment & {
      arrivalNumber: number;
      symbol: string | null;
      organName: string;
      subject: string;
      typeName: string;
      arrivalDate: string;
    })[]
  >()(z.object({ unit: z.string().max(20).optional(), days: z.number().int().min(0).max(365).optional() }).strict()),
  'followup.book': method<{ fileName: string; bytes: Uint8Array }>()(
    z.object({ from: date, to: date, unit: z.string().max(20).optional() }).strict(),
  ),
  'followup.remind': method<OutgoingRecord>()(
    z
      .object({
        unit: z.string().max(20),
        signerName: z.string().max(50),
        signerPosition: z.string().max(100),
        signerAuthority: z.string().max(120).optional(),
        draftingUnit: z.string().max(20).optional(),
      })
      .strict(),
  ),
  'calendar.holidays': method<{ year: number; days: { date: string; name: string; kind: string }[] }>()(
    z.object({ year: z.number().int().min(1900).max(2199) }).strict(),
  ),
  'calendar.workingDays': method<{ from: string; days: number; date: string }>()(
    z.object({ from: date, days: z.number().int().min(0).max(1000) }).strict(),
  ),
  'report.get': method<Report>()(z.object({ from: date, to: date, unit: z.string().max(20).optional() }).strict()),
  'report.export': method<{ fileName: string; bytes: Uint8Array }>()(
    z.object({ from: date, to: date, unit: z.string().max(20).optional(), format: z.enum(['pdf', 'xlsx']) }).strict(),
  ),

  // The archive (lưu trữ): file plan, dossiers. Values are checked by the archive service
  // (coded Vietnamese messages per field); here only their shapes.
  'fileplan.get': method<FilePlanView>()(z.object({ year }).strict()),
  'fileplan.create': method<FilePlanView>()(z.object({ year, numbering: z.enum(['continuous', 'per_heading']).optional() }).strict()),
  'fileplan.addHeading': method<FilePlanView>()(
    z.object({ year, title: shortText, abbreviation: z.string().max(20).optional(), parent: z.string().max(20).optional() }).strict(),
  ),
  'fileplan.addDossier': method<FilePlanView>()(
    z
      .object({
        year,
        heading: z.string().max(20),
        title: shortText,
        retention,
        creator: z.string().max(200).optional(),
        note: shortText.optional(),
        rights: z.enum(['01', '02', '03']).optional(),
      })
      .strict(),
  ),
  'fileplan.approve': method<FilePlanView>()(z.object({ year, decisionNumber: z.string().max(200), decisionDate: date }).strict()),
  'fileplan.copy': method<FilePlanView>()(z.object({ from: year, year }).strict()),
  'dossier.open': method<DossierView>()(
    z
      .object({
        id: id.optional(),
        year: year.optional(),
        code: z.string().max(20).optional(),
        title: shortText.optional(),
        retention: retention.optional(),
        creator: z.string().max(200).optional(),
        startDate: date.optional(),
        rights: z.enum(['01', '02', '03']).optional(),
        description: shortText.optional(),
        basicConstruction: z.boolean().optional(),
      })
      .strict(),
  ),
  'dossier.addDoc': method<DossierFiling>()(z.object({ id, kind: docKind, docId: id, note: shortText.optional() }).strict()),
  'dossier.removeDoc': method<DossierDetail>()(z.object({ id, kind: docKind, docId: id, reason: shortText.optional() }).strict()),
  'dossier.close': method<DossierDetail>()(
    z
      .object({
        id,
        title: shortText.optional(),
        retention: retention.optional(),
        endDate: date.optional(),
        pageTotal: z.number().int().min(0).max(1_000_000).optional(),
        keepFlagged: z.boolean().optional(),
      })
      .strict(),
  ),
  'dossier.get': method<DossierDetail>()(z.object({ id }).strict()),
  'dossier.list': method<DossierList>()(
    z
      .object({
        year: year.optional(),
        state: z.string().max(20).optional(),
        code: z.string().max(20).optional(),
        query: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        after: z.string().max(200).optional(),
      })
      .strict(),
  ),
  /** The dossiers a document is filed in. */
  'dossier.ofDocument': method<DossierView[]>()(z.object({ kind: docKind, docId: id }).strict()),
  'fileplan.print': method<{ fileName: string; bytes: Uint8Array }>()(z.object({ year }).strict()),
  'dossier.index': method<{ fileName: string; bytes: Uint8Array }>()(z.object({ id }).strict()),
  /** The archivist's correction of an accepted dossier's metadata (old → new, audited; the only change a declared record allows). */
  'dossier.correct': method<DossierDetail>()(
    z
      .object({
        id,
        reason: z.string().max(2000),
        title: z.string().max(1000).optional(),
        description: z.string().max(2000).nullable().optional(),
        creator: z.string().max(200).nullable().optional(),
        note: z.string().max(2000).nullable().optional(),
        language: z.string().max(50).nullable().optional(),
        rights: z.enum(['01', '02', '03']).optional(),
        startDate: date.optional(),
        endDate: date.optional(),
        pageTotal: z.number().int().min(0).max(1_000_000).nullable().optional(),
      })
      .strict(),
  ),
  /** The dossier's documents and metadata as PDF + XML in chronological order (App. VI I.III.4). */
  'dossier.export': method<{ pdf: { fileName: string; bytes: Uint8Array }; xml: { fileName: string; bytes: Uint8Array }; pages: number }>()(
    z.object({ id }).strict(),
  ),
  'hold.add': method<HoldView>()(
    z
      .object({
        targets: z
          .array(z.object({ kind: z.enum(['incoming', 'outgoing', 'dossier']), id }).strict())
          .min(1)
          .max(1000),
        orderedBy: z.string().max(200),
        orderRef: z.string().max(200),
        reason: shortText,
        groupName: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'hold.lift': method<HoldView>()(z.object({ id, liftRef: z.string().max(200), reason: shortText }).strict()),
  'hold.list': method<HoldList>()(
    z
      .object({ all: z.boolean().optional(), limit: z.number().int().min(1).max(1000).optional(), after: z.string().max(200).optional() })
      .strict(),
  ),
  'handover.due': method<DueList>()(
    z
      .object({
        asOf: date.optional(),
        withinDays: z.number().int().min(0).max(36500).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
        after: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'handover.keepBack': method<DueList>()(
    z.object({ id, decisionRef: z.string().max(200), decidedBy: z.string().max(200), reason: shortText, until: date }).strict(),
  ),
  'handover.create': method<HandoverView>()(
    z
      .object({
        dossiers: z.array(id).min(1).max(5000),
        unitName: z.string().max(200),
        blockName: shortText.optional(),
        giverName: z.string().max(200),
        giverPosition: z.string().max(200).optional(),
        receiverName: z.string().max(200).optional(),
        receiverPosition: z.string().max(200).optional(),
        basis: shortText.optional(),
        condition: shortText.optional(),
        boxes: z.number().int().min(0).max(1_000_000).optional(),
        /** Metres, two decimals at most (the service refuses more). */
        shelfMeters: z.number().min(0).max(1_000_000).optional(),
      })
      .strict(),
  ),
  /** Hand-overs newest first, a page at a time (`after` ← `next`). */
  'handover.list': method<HandoverList>()(
    z
      .object({
        status: z.enum(['submitted', 'accepted']).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        after: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'handover.accept': method<HandoverView>()(
    z.object({ id, receiverName: z.string().max(200).optional(), receiverPosition: z.string().max(200).optional() }).strict(),
  ),
  'handover.get': method<HandoverView>()(z.object({ id }).strict()),
  'handover.print': method<{ fileName: string; bytes: Uint8Array }>()(z.object({ id }).strict()),
  'handover.package': method<{ fileName: string; bytes: Uint8Array; sha256: string }>()(z.object({ id }).strict()),
  'handover.verifyPackage': method<{
    ok: boolean;
    sha256: string;
    files: number;
    dossiers: number;
    known: { handoverId: number; madeAt: string } | null;
  }>()(z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 2 * 1024 ** 3, 'tệp quá lớn') }).strict()),
  'retention.expired': method<ExpiredList>()(
    z
      .object({ year: year.optional(), limit: z.number().int().min(1).max(5000).optional(), after: z.string().max(200).optional() })
      .strict(),
  ),
  'destruction.propose': method<DestructionView>()(
    z.object({ dossiers: z.array(id).min(1).max(5000), title: shortText, note: shortText.optional() }).strict(),
  ),
  'destruction.approve': method<DestructionView>()(
    z
      .object({
        id,
        councilRef: z.string().max(200),
        minutesRef: z.string().max(200),
        appraisalRef: z.string().max(200).optional(),
        decisionRef: z.string().max(200),
        decisionDate: date,
      })
      .strict(),
  ),
  'destruction.execute': method<DestructionView>()(z.object({ id, minutesRef: z.string().max(200) }).strict()),
  'destruction.get': method<DestructionView>()(z.object({ id }).strict()),
  /** Destructions newest first, a page at a time (`after` ← `next`). */
  'destruction.list': method<DestructionList>()(
    z
      .object({
        status: z.enum(['proposed', 'approved', 'executed']).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        after: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'usage.add': method<UsageEntry>()(
    z
      .object({
        kind: z.enum(['incoming', 'outgoing', 'dossier']),
        targetId: id,
        userName: z.string().max(200),
        approvedBy: z.string().max(200),
        usedOn: date.optional(),
        note: shortText.optional(),
      })
      .strict(),
  ),
  'usage.return': method<UsageEntry>()(z.object({ id, returnedOn: date.optional() }).strict()),
  'usage.list': method<UsageList>()(
    z
      .object({
        from: date.optional(),
        to: date.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        after: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'usage.print': method<{ fileName: string; bytes: Uint8Array }>()(z.object({ year: year.optional() }).strict()),
  // Citizens' letters and hotline feedback (đơn thư, đường dây nóng). Values are checked by
  // the letters' services (coded Vietnamese messages, never repeating personal data).
  'letter.add': method<LetterRecord & { duplicates: DuplicateCandidate[] }>()(z.object({ data: documentData }).strict()),
  'letter.get': method<LetterRecord>()(z.object({ id }).strict()),
  /**
   * A scan or an enclosure added to a letter (at reception or later), read in the background
   * by the capture worker (its text layer; with `ocr` also scanned pages): the job's progress
   * is the page being read; letter.attachCancel stops it and nothing is written. Errors of the
   * file or the letter come back at once.
   */
  'letter.attach': method<JobView<LetterRecord>>()(
    z.object({ id, fileName: upload.shape.fileName, bytes: upload.shape.bytes, ocr: z.boolean().optional() }).strict(),
  ),
  'letter.attachStatus': method<JobView<LetterRecord>>()(z.object({ jobId: z.string().max(64) }).strict()),
  'letter.attachCancel': method<JobView<LetterRecord>>()(z.object({ jobId: z.string().max(64) }).strict()),
  /** The text read from the letter's files the reader may see, page by page. */
  'letter.text': method<LetterFileText[]>()(z.object({ id }).strict()),
  /** One of the letter's files (a denunciation's only with the confidential grant; its opening audited). */
  'letter.attachment': method<{ fileName: string; mime: string; bytes: Uint8Array }>()(z.object({ id, attachmentId: id }).strict()),
  'letter.update': method<LetterRecord>()(z.object({ id, data: documentData }).strict()),
  'letter.list': method<LetterListItem[]>()(
    z
      .object({
        from: date.optional(),
        to: date.optional(),
        kind: z.string().max(20).optional(),
        channel: z.string().max(20).optional(),
        status: z.string().max(20).optional(),
        overdue: z.boolean().optional(),
        query: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        after: z.object({ receivedDate: date, id }).strict().optional(),
      })
      .strict(),
  ),
  /** Earlier letters of the same person on the same matter, not yet linked. */
  'letter.duplicates': method<DuplicateCandidate[]>()(z.object({ id }).strict()),
  'letter.link': method<LetterRecord>()(z.object({ id, earlier: z.array(id).max(100) }).strict()),
  'letter.classify': method<LetterRecord>()(
    z
      .object({
        id,
        eligible: z.boolean(),
        competence: z.enum(['within', 'outside']),
        kind: z.string().max(20).optional(),
        note: shortText.optional(),
        at: date.optional(),
      })
      .strict(),
  ),
  /** The one outcome: thụ lý (accept), chuyển đơn (transfer), hướng dẫn (guide), lưu đơn (file), trả lại (return). */
  'letter.handle': method<LetterRecord>()(
    z.discriminatedUnion('action', [
      z
        .object({
          id,
          action: z.literal('accept'),
          lead: z.string().max(20),
          support: z.array(z.string().max(20)).max(20).optional(),
          due: date.optional(),
          dueWorkingDays: z.number().int().min(1).max(365).optional(),
          direction: shortText.optional(),
          note: shortText.optional(),
          at: date.optional(),
        })
        .strict(),
      z
        .object({
          id,
          action: z.literal('transfer'),
          organId: z.string().max(40),
          note: shortText.optional(),
          ref: z.string().max(60).optional(),
          at: date.optional(),
        })
        .strict(),
      z
        .object({
          id,
          action: z.literal('guide'),
          guidedTo: z.string().max(500),
          note: z.string().max(4000).optional(),
          ref: z.string().max(60).optional(),
          at: date.optional(),
        })
        .strict(),
      z.object({ id, action: z.literal('file'), reason: shortText, at: date.optional() }).strict(),
      z.object({ id, action: z.literal('return'), reason: shortText, ref: z.string().max(60).optional(), at: date.optional() }).strict(),
    ]),
  ),
  'letter.answer': method<LetterRecord>()(
    z.object({ id, answer: z.string().max(10_000), ref: z.string().max(60).optional(), at: date.optional() }).strict(),
  ),
  /** Open letters and hotline items past their limit (overdue) or due within `days`. */
  'letter.followUp': method<LetterFollowUpItem[]>()(
    z.object({ overdue: z.boolean().optional(), days: z.number().int().min(0).max(365).optional() }).strict(),
  ),
  'letter.stats': method<LetterStats>()(z.object({ from: date, to: date }).strict()),
  /** The office's periodic report for a period; dossier figures come from another system, entered by hand. */
  'report.office': method<OfficeReport>()(z.object({ from: date, to: date, dossiers: dossierFigures.optional() }).strict()),
  /** The same, drafted as an outgoing «Báo cáo» with its table as an attached appendix. */
  'report.officeDraft': method<{ report: OfficeReport; draft: OutgoingRecord }>()(
    z
      .object({
        from: date,
        to: date,
        dossiers: dossierFigures.optional(),
        signer: z
          .object({
            authority: z.string().max(120).nullable().optional(),
            position: z.string().max(100).optional(),
            name: z.string().max(50).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  /** The letters received in a period as CSV; personal data only if asked and allowed. */
  'letter.export': method<{ fileName: string; bytes: Uint8Array }>()(
    z.object({ from: date, to: date, personal: z.boolean().optional() }).strict(),
  ),
  /** Phiếu chuyển đơn / phiếu hướng dẫn as a PDF (a denunciation's author never on a slip). */
  'letter.slip': method<{ fileName: string; bytes: Uint8Array }>()(z.object({ id, kind: z.enum(['transfer', 'guidance']) }).strict()),
  'letter.settings': method<LetterSettings>()(z.object({ patch: documentData.optional() }).strict()),
  'hotline.add': method<HotlineRecord>()(
    z
      .object({
        callerName: z.string().max(200).optional(),
        callerPhone: z.string().max(30).optional(),
        callerAddress: z.string().max(500).optional(),
        procedure: z.string().max(500),
        unit: z.string().max(20),
        cause: z.string().max(20),
        content: z.string().max(10_000),
        receivedAt: date.optional(),
      })
      .strict(),
  ),
  'hotline.get': method<HotlineRecord>()(z.object({ id }).strict()),
  'hotline.list': method<HotlineRecord[]>()(
    z
      .object({
        from: date.optional(),
        to: date.optional(),
        status: z.string().max(20).optional(),
        cause: z.string().max(20).optional(),
        unit: z.string().max(20).optional(),
        overdue: z.boolean().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  /** A hotline item that is really a complaint, denunciation or petition: registered as a letter, the item closed. */
  'hotline.toLetter': method<LetterRecord>()(z.object({ id, kind: z.string().max(20), subject: z.string().max(1000).optional() }).strict()),
  /** Forward to the unit (with a deadline), record its answer, or close. */
  'hotline.handle': method<HotlineRecord>()(
    z.discriminatedUnion('action', [
      z
        .object({
          id,
          action: z.literal('forward'),
          unit: z.string().max(20).optional(),
          due: date.optional(),
          dueWorkingDays: z.number().int().min(1).max(365).optional(),
          note: shortText.optional(),
          at: date.optional(),
        })
        .strict(),
      z.object({ id, action: z.literal('answer'), answer: z.string().max(10_000), at: date.optional() }).strict(),
      z.object({ id, action: z.literal('close'), note: shortText.optional(), at: date.optional() }).strict(),
    ]),
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Contract[M]['output'];
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Rows of the letters tables → records, the same for both stores (SQLite gives 0/1 and
 * numbers, PostgreSQL booleans and bigint counts as strings). The only SQL here is the row
 * scope (scopeSql) and a file's columns (ATTACHMENT_COLUMNS), written in the part of SQL both
 * dialects share.
 */
import type {
  HotlineCause,
  HotlineRecord,
  HotlineStatus,
  LetterAssignment,
  LetterAttachment,
  LetterFileText,
  LetterLink,
  LetterListItem,
  LetterRecord,
  LetterSender,
} from '../../shared/domain/letters.js';
import type { LetterAccess, LetterFollowUpRow, LetterPatch, SenderMatch } from '../store/letterPorts.js';

export type Bool = boolean | number | null;
export const bool = (v: Bool | undefined): boolean => v === true || v === 1;
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** camelCase patch keys → columns of `letters`. */
export const LETTER_COLUMNS: Record<keyof LetterPatch, string> = {
  receivedDate: 'received_date',
  channel: 'channel',
  forwardedBy: 'forwarded_by',
  kind: 'kind',
  subject: 'subject',
  summary: 'summary',
  concernedBody: 'concerned_body',
  concernedOrganId: 'concerned_organ_id',
  anonymous: 'anonymous',
  processingDue: 'processing_due',
  subjectFold: 'subject_fold',
  bodyFold: 'body_fold',
  status: 'status',
  eligible: 'eligible',
  competence: 'competence',
  classificationNote: 'classification_note',
  classifiedAt: 'classified_at',
  classifiedBy: 'classified_by',
  outcome: 'outcome',
  outcomeAt: 'outcome_at',
  outcomeBy: 'outcome_by',
  outcomeNote: 'outcome_note',
  transferOrganId: 'transfer_organ_id',
  transferOrganName: 'transfer_organ_name',
  guidedTo: 'guided_to',
  outcomeRef: 'outcome_ref',
  resolutionDue: 'resolution_due',
  answer: 'answer',
  answerRef: 'answer_ref',
  answeredAt: 'answered_at',
  answeredBy: 'answered_by',
};

export const HOTLINE_COLUMNS = {
  unitId: 'unit_id',
  status: 'status',
  forwardedAt: 'forwarded_at',
  forwardedBy: 'forwarded_by',
  dueDate: 'due_date',
  forwardNote: 'forward_note',
  answer: 'answer',
  answeredAt: 'answered_at',
  answeredBy: 'answered_by',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  closeNote: 'close_note',
} as const;

export interface LetterDbRow {
  id: number;
  year: number;
  number: number;
  received_date: string;
  channel: LetterRecord['channel'];
  forwarded_by: string | null;
  kind: LetterRecord['kind'];
  subject: string;
  summary: string | null;
  concerned_body: string | null;
  concerned_organ_id: string | null;
  anonymous: Bool;
  sender_count: number;
  status: LetterRecord['status'];
  eligible: Bool;
  competence: LetterRecord['competence'];
  classification_note: string | null;
  classified_at: string | null;
  classified_by: string | null;
  processing_due: string;
  outcome: LetterRecord['outcome'];
  outcome_at: string | null;
  outcome_by: string | null;
  outcome_note: string | null;
  transfer_organ_id: string | null;
  transfer_organ_name: string | null;
  guided_to: string | null;
  outcome_ref: string | null;
  resolution_due: string | null;
  answer: string | null;
  answer_ref: string | null;
  answered_at: string | null;
  answered_by: string | null;
  subject_fold: string;
  body_fold: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** Whether a letter's people (senders, scans) may be shown: a denunciation's with the grant, others' to handlers. */
export function mayShowPeople(kind: LetterRecord['kind'], access: { personal: boolean; identity: boolean }): boolean {
  return kind === 'denunciation' ? access.identity : access.personal;
}

/**
 * The rows a reader may see at all, as a condition to AND into a query on letters (`alias`
 * of \`letters\`) or hotline items (of \`hotline_items\`): nothing for an office-wide reader; for
 * a specialist (access.only) the letters currently assigned to their unit, the hotline items
 * concerning it. The unit id is checked to be an integer and written as a literal, so both
 * dialects' placeholders stay as they are. The same rule as the database's own policies on
 * these tables in the office-network mode.
 */
export function scopeSql(table: 'letters' | 'hotline', alias: string, access: LetterAccess | undefined): string {
  if (!access?.only) return 'TRUE';
  const unit = access.only.unitId;
  if (unit === null || !Number.isSafeInteger(unit)) return 'FALSE';
  return table === 'letters'
    ? `EXISTS (SELECT 1 FROM letter_assignments sa WHERE sa.letter_id = ${alias}.id AND sa.replaced_at IS NULL AND sa.unit_id = ${unit})`
    : `${alias}.unit_id = ${unit}`;
}

/** Open and past the processing limit, or accepted and past the unit's deadline, on `asOf`. */
export function isOverdue(r: Pick<LetterDbRow, 'outcome' | 'status' | 'processing_due' | 'resolution_due'>, asOf: string): boolean {
  return (
    (r.outcome === null && r.processing_due < asOf) || (r.status === 'accepted' && r.resolution_due !== null && r.resolution_due < asOf)
  );
}

export interface SenderDbRow {
  full_name: string;
  address: string | null;
  id_number: string | null;
  phone: string | null;
  representative: Bool;
}

export const toSender = (s: SenderDbRow): LetterSender => ({
  fullName: s.full_name,
  address: s.address,
  idNumber: s.id_number,
  phone: s.phone,
  representative: bool(s.representative),
});

export interface AttachmentDbRow {
  id: number;
  file_name: string;
  sha256: string;
  size: number | string;
  mime: string;
  created_at: string;
  created_by: string | null;
  text_pages: number | string;
}

/** The columns of a letter's file as toAttachment reads them (a = letter_attachments, b = blobs). */
export const ATTACHMENT_COLUMNS = `a.id, a.file_name, a.sha256, b.size, b.mime, a.created_at, a.created_by,
  (SELECT count(*) FROM blob_pages p WHERE p.sha256 = a.sha256) AS text_pages`;

export const toAttachment = (a: AttachmentDbRow): LetterAttachment => ({
  id: a.id,
  fileName: a.file_name,
  sha256: a.sha256,
  size: num(a.size),
  mime: a.mime,
  createdAt: a.created_at,
  createdBy: a.created_by,
  textPages: num(a.text_pages),
});

export interface FileTextDbRow {
  id: number;
  file_name: string;
  page: number;
  method: 'text' | 'ocr' | 'none';
  confidence: number;
  text: string;
}

/** Page rows (in file, page order) grouped by file. */
export function groupFileTexts(rows: readonly FileTextDbRow[]): LetterFileText[] {
  const out: LetterFileText[] = [];
  for (const r of rows) {
    let last = out[out.length - 1];
    if (!last || last.attachmentId !== r.id) out.push((last = { attachmentId: r.id, fileName: r.file_name, pages: [] }));
    last.pages.push({ page: num(r.page), method: r.method, confidence: num(r.confidence), text: r.text });
  }
  return out;
}

export interface AssignmentDbRow {
  id: number;
  letter_id: number;
  unit: string;
  unit_name: string;
  role: 'lead' | 'support';
  due_date: string;
  direction: string | null;
  directed_by: string;
  assigned_at: string;
  status: 'assigned' | 'done';
  done_at: string | null;
  replaced_at: string | null;
}

export const toAssignment = (a: AssignmentDbRow): LetterAssignment => ({
  id: a.id,
  letterId: a.letter_id,
  unit: a.unit,
  unitName: a.unit_name,
  role: a.role,
  dueDate: a.due_date,
  direction: a.direction,
  directedBy: a.directed_by,
  assignedAt: a.assigned_at,
  status: a.status,
  doneAt: a.done_at,
  replacedAt: a.replaced_at,
});

export interface LinkDbRow {
  id: number;
  year: number;
  number: number;
  received_date: string;
  kind: LetterLink['kind'];
  subject: string;
  status: LetterLink['status'];
}

export const toLink = (l: LinkDbRow): LetterLink => ({
  id: l.id,
  year: l.year,
  number: l.number,
  receivedDate: l.received_date,
  kind: l.kind,
  subject: l.subject,
  status: l.status,
});

export function toLetter(
  r: LetterDbRow,
  parts: {
    senders: LetterSender[] | null;
    attachments: LetterAttachment[];
    attachmentCount: number;
    assignments: LetterAssignment[];
    earlier: LetterLink[];
  },
): LetterRecord {
  const hidden = parts.senders === null && r.sender_count > 0;
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    receivedDate: r.received_date,
    channel: r.channel,
    forwardedBy: r.forwarded_by,
    kind: r.kind,
    subject: r.subject,
    summary: r.summary,
    concernedBody: r.concerned_body,
    concernedOrganId: r.concerned_organ_id,
    anonymous: bool(r.anonymous),
    senderCount: num(r.sender_count),
    senders: hidden ? null : (parts.senders ?? []),
    sendersHidden: hidden ? (r.kind === 'denunciation' ? 'identity' : 'personal') : null,
    status: r.status,
    eligible: r.eligible === null ? null : bool(r.eligible),
    competence: r.competence,
    classificationNote: r.classification_note,
    classifiedAt: r.classified_at,
    classifiedBy: r.classified_by,
    processingDue: r.processing_due,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
    outcomeBy: r.outcome_by,
    outcomeNote: r.outcome_note,
    transferOrganId: r.transfer_organ_id,
    transferOrganName: r.transfer_organ_name,
    guidedTo: r.guided_to,
    outcomeRef: r.outcome_ref,
    resolutionDue: r.resolution_due,
    assignments: parts.assignments,
    answer: r.answer,
    answerRef: r.answer_ref,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
    earlier: parts.earlier,
    attachments: parts.attachments,
    attachmentsHidden: parts.attachmentCount > parts.attachments.length,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}

export type ListDbRow = LetterDbRow & { earlier_count: number | string; sender_name: string | null };

export const toListItem = (r: ListDbRow, asOf: string): LetterListItem => ({
  id: r.id,
  year: r.year,
  number: r.number,
  receivedDate: r.received_date,
  channel: r.channel,
  kind: r.kind,
  subject: r.subject,
  concernedBody: r.concerned_body,
  anonymous: bool(r.anonymous),
  senderCount: num(r.sender_count),
  // The query names a sender only for letters other than denunciations, and only to handlers.
  senderName: r.kind === 'denunciation' ? null : r.sender_name,
  status: r.status,
  outcome: r.outcome,
  processingDue: r.processing_due,
  resolutionDue: r.resolution_due,
  overdue: isOverdue(r, asOf),
  earlierCount: num(r.earlier_count),
});

export const toMatch = (r: LetterDbRow): SenderMatch => ({
  id: r.id,
  year: r.year,
  number: r.number,
  receivedDate: r.received_date,
  kind: r.kind,
  subject: r.subject,
  status: r.status,
  subjectFold: r.subject_fold,
  bodyFold: r.body_fold,
  concernedOrganId: r.concerned_organ_id,
});

export interface HotlineDbRow {
  id: number;
  year: number;
  number: number;
  received_at: string;
  received_date: string;
  caller_name: string | null;
  caller_phone: string | null;
  caller_address: string | null;
  /** Whether the row had any caller data (the repository selects the data itself only with access). */
  has_caller: Bool;
  procedure: string;
  unit: string;
  unit_name: string;
  cause: HotlineCause;
  content: string;
  status: HotlineStatus;
  forwarded_at: string | null;
  forwarded_by: string | null;
  due_date: string | null;
  forward_note: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  created_at: string;
  created_by: string;
}

export function toHotline(r: HotlineDbRow, shown: boolean, asOf: string): HotlineRecord {
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    receivedAt: r.received_at,
    caller: shown ? { name: r.caller_name, phone: r.caller_phone, address: r.caller_address } : null,
    callerHidden: !shown && bool(r.has_caller),
    procedure: r.procedure,
    unit: r.unit,
    unitName: r.unit_name,
    cause: r.cause,
    content: r.content,
    status: r.status,
    forwardedAt: r.forwarded_at,
    forwardedBy: r.forwarded_by,
    dueDate: r.due_date,
    forwardNote: r.forward_note,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    closeNote: r.close_note,
    overdue: r.status === 'forwarded' && r.due_date !== null && r.due_date < asOf,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export interface FollowUpDbRow {
  kind: 'letter' | 'hotline';
  id: number;
  year: number;
  number: number;
  received_date: string;
  letter_kind: LetterFollowUpRow['letterKind'];
  cause: LetterFollowUpRow['cause'];
  subject: string;
  stage: LetterFollowUpRow['stage'];
  unit: string | null;
  unit_name: string | null;
  due_date: string;
}

export const toFollowUp = (r: FollowUpDbRow): LetterFollowUpRow => ({
  kind: r.kind,
  id: r.id,
  year: r.year,
  number: r.number,
  receivedDate: r.received_date,
  letterKind: r.letter_kind,
  cause: r.cause,
  subject: r.subject,
  stage: r.stage,
  unit: r.unit,
  unitName: r.unit_name,
  dueDate: r.due_date,
});

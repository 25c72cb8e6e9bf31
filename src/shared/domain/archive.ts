/**
 * The archive ("lưu trữ"): the yearly file plan ("Danh mục hồ sơ", Decree 30 Art. 28 and
 * Appendix V), dossiers ("hồ sơ") and the documents filed in them, hand-over to the agency
 * archive ("nộp lưu", Art. 30–31), declared records, holds ("đóng băng", App. VI IV.1.g),
 * retention and destruction, and the usage register ("Sổ sử dụng bản lưu", App. IV).
 * Pure types, labels and rules shared by the services (src/main/archive/), the contract and
 * the screens (src/renderer/features/archive/). Facts and their sources:
 * shared/domain/archive.md; what is marked UNCONFIRMED there is a setting here, never a rule.
 */

/** The life of a dossier (archive.md §1.2): planned in the Danh mục, opened, closed, handed over, accepted; or destroyed. */
export const DOSSIER_STATES = ['planned', 'open', 'closed', 'submitted', 'accepted', 'destroyed'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];
export const DOSSIER_STATE_LABELS: Record<DossierState, string> = {
  planned: 'Trong danh mục',
  open: 'Đang lập',
  closed: 'Đã kết thúc',
  submitted: 'Đã nộp lưu, chờ nhận',
  accepted: 'Đã vào lưu trữ',
  destroyed: 'Đã hủy',
};

/** "Chế độ sử dụng" (App. VI Part II.III field Rights; TT 05/2025 `mode`). */
export const DOSSIER_RIGHTS = ['01', '02', '03'] as const;
export type DossierRights = (typeof DOSSIER_RIGHTS)[number];
export const DOSSIER_RIGHTS_LABELS: Record<DossierRights, string> = {
  '01': 'Công khai',
  '02': 'Sử dụng có điều kiện',
  '03': 'Mật',
};

export const FILE_PLAN_NUMBERING = ['continuous', 'per_heading'] as const;
/** Dossier ordinals run over the whole plan from 01, or restart at 01 in each big heading (App. V I.2: the body's choice). */
export type FilePlanNumbering = (typeof FILE_PLAN_NUMBERING)[number];
export const FILE_PLAN_NUMBERING_LABELS: Record<FilePlanNumbering, string> = {
  continuous: 'Đánh số liên tục trong toàn danh mục',
  per_heading: 'Đánh số lại từ 01 trong mỗi đề mục lớn',
};

/**
 * How the hand-over due date is counted (archive.md §1.3, §3.1 — an interpretation,
 * UNCONFIRMED, so a setting): `year_end` = 31/12 of the year after the work ended (Luật
 * Lưu trữ 2024: within one year counted from the year the work ended); `one_year` = one
 * year from the end date (Decree 30 Art. 30.2, the stricter reading).
 */
export const HANDOVER_DUE_RULES = ['year_end', 'one_year'] as const;
export type HandoverDueRule = (typeof HANDOVER_DUE_RULES)[number];

/** Retention: a number of years, or null for "Vĩnh viễn" (Decree 30 App. V I.4). */
export type Retention = number | null;

export const RETENTION_MIN_YEARS = 1;
export const RETENTION_MAX_YEARS = 100;
/** Only dossiers kept this long or longer are handed over to the agency archive (Decree 30 Art. 31.3.c). */
export const HANDOVER_MIN_RETENTION_YEARS = 5;
/** A kept-back dossier goes at most this long past its due date (Decree 30 Art. 31.3.d). */
export const KEEP_BACK_MAX_YEARS = 2;

export function retentionLabel(r: Retention): string {
  return r === null ? 'Vĩnh viễn' : `${r} năm`;
}

/** Parses "Vĩnh viễn", "permanent", "20", "20 năm". Undefined when not a retention. */
export function parseRetention(v: unknown): Retention | undefined {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) && v >= RETENTION_MIN_YEARS && v <= RETENTION_MAX_YEARS ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.normalize('NFC').trim().toLocaleLowerCase('vi');
  if (s === 'vĩnh viễn' || s === 'vinh vien' || s === 'permanent' || s === 'vv') return null;
  const m = /^(\d{1,3})(\s*năm|\s*nam)?$/.exec(s);
  if (!m) return undefined;
  return parseRetention(Number(m[1]));
}

/** TT 05/2025 `maintenance` code list (archive.md §2): 5-year and other periods travel as 07. */
export function maintenanceCode(r: Retention): string {
  if (r === null) return '01';
  return { 70: '02', 50: '03', 30: '04', 20: '05', 10: '06' }[r] ?? '07';
}

/** Whether a dossier of this retention is handed over to the agency archive. */
export function mustHandOver(r: Retention): boolean {
  return r === null || r >= HANDOVER_MIN_RETENTION_YEARS;
}

/** The year after which a dossier may be destroyed (retention counts from the year the work ended); null = never. */
export function expiryYear(r: Retention, endDate: string | null): number | null {
  if (r === null || !endDate) return null;
  return Number(endDate.slice(0, 4)) + r;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Big headings are numbered with Roman numerals (App. V I.2). */
export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** `01.TCCB`: the ordinal (two digits at least) and the big heading's abbreviation. */
export function dossierCode(ordinal: number, abbreviation: string | null): string {
  const n = String(ordinal).padStart(2, '0');
  return abbreviation ? `${n}.${abbreviation}` : n;
}

/** Dossier number and symbol: digits, then optionally "." and letters/digits/"-" (FileNotation S20). */
export const DOSSIER_CODE_RE = /^\d{1,4}(\.[\p{Lu}\p{N}][\p{Lu}\p{N}-]{0,14})?$/u;
/** A big heading's abbreviation: capitals, digits, "-" (e.g. TCCB, VP, KT-NS). */
export const ABBREVIATION_RE = /^[\p{Lu}\p{N}][\p{Lu}\p{N}-]{0,14}$/u;

export const ARCHIVE_LIMITS = {
  title: 500,
  headingTitle: 300,
  creator: 100,
  note: 500,
  description: 500,
  language: 50,
  ref: 200,
  name: 100,
  position: 100,
  reason: 1000,
  organId: 13,
  query: 200,
} as const;

export interface FilePlanHeading {
  id: number;
  /** Null for a big heading; the big heading's id for a small one. */
  parentId: number | null;
  /** "I", "II" for big headings; "1", "2" for small ones (restarting in each big heading). */
  number: string;
  title: string;
  /** Big headings only: the abbreviation that follows the dossier ordinal in codes. */
  abbreviation: string | null;
  position: number;
}

export interface FilePlanDossierRow {
  id: number;
  headingId: number | null;
  code: string;
  title: string;
  retention: Retention;
  creator: string | null;
  note: string | null;
  state: DossierState;
}

export interface FilePlanView {
  id: number;
  year: number;
  numbering: FilePlanNumbering;
  status: 'draft' | 'approved';
  decisionNumber: string | null;
  decisionDate: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  copiedFrom: number | null;
  headings: FilePlanHeading[];
  dossiers: FilePlanDossierRow[];
  /**
   * The Appendix V closing line's figures, of the dossiers shown; `unseen`: the plan's dossiers
   * this person is not shown (another unit's opened ones, confidential ones without the grant).
   */
  totals: { dossiers: number; permanent: number; limited: number; unseen: number };
}

/** The 11 dossier metadata fields of Decree 30 App. VI Part II.III, as the export writes them. */
export interface DossierMetadata {
  fileCode: { organId: string; fileCatalog: number; fileNotation: string };
  title: string;
  maintenance: string;
  rights: string;
  creator: string;
  language: string;
  startDate: string | null;
  endDate: string | null;
  docTotal: number;
  pageTotal: number;
  description: string;
}

export interface DossierView {
  id: number;
  year: number;
  code: string;
  /** Mã hồ sơ: organ id + year + code, joined with "." (App. VI Part II.III field 1). */
  fileCode: string;
  title: string;
  retention: Retention;
  retentionLabel: string;
  creator: string | null;
  note: string | null;
  description: string | null;
  language: string;
  rights: DossierRights;
  confidential: boolean;
  state: DossierState;
  planId: number | null;
  headingId: number | null;
  /** Basic-construction dossier ("xây dựng cơ bản"): due three months after settlement (the end date). */
  basicConstruction: boolean;
  startDate: string | null;
  endDate: string | null;
  docTotal: number;
  pageTotal: number | null;
  openedAt: string | null;
  openedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  acceptedAt: string | null;
  /** Due to the agency archive (for dossiers handed over); null otherwise. */
  dueDate: string | null;
  keepBackUntil: string | null;
  expiryYear: number | null;
  handoverId: number | null;
  destructionId: number | null;
  /** An active hold covers this dossier. */
  held: boolean;
  /** Declared record: accepted by the archive, content frozen. */
  declared: boolean;
}

export type DocKind = 'incoming' | 'outgoing';

export interface DossierItemView {
  ordinal: number;
  kind: DocKind;
  docId: number;
  /** "Số, ký hiệu" of the document (outgoing: its symbol once numbered). */
  symbol: string | null;
  issuedDate: string | null;
  typeName: string;
  subject: string;
  /** Tác giả: the sending body (incoming) or the drafting unit's organisation (outgoing). */
  author: string;
  pages: number | null;
  /** The instant that orders the dossier: arrival (incoming) or issue (outgoing). */
  eventAt: string;
  note: string | null;
  confidential: boolean;
  /** Outgoing not yet issued, or an incoming document that was voided: a draft to remove before closing. */
  draft: boolean;
  /** Another item with the same sender, symbol and date, or the same file: a duplicate to remove before closing. */
  duplicateOf: number | null;
  /** Files: what the export and the package carry (names, hashes); none after destruction. */
  files: { name: string; sha256: string; size: number; mime: string }[];
  addedAt: string;
  addedBy: string;
}

/**
 * What filing a document answers: where it went and the dossier's new total. (The whole
 * dossier read back cost more than the filing itself on an office server; the screens reload
 * what they show, and `dossier.get` gives the rest.)
 */
export interface DossierFiling {
  id: number;
  kind: DocKind;
  docId: number;
  ordinal: number;
  docTotal: number;
}

export interface DossierDetail extends DossierView {
  /** The documents this person may see, in order (the ordinals run over the whole dossier). */
  items: DossierItemView[];
  /**
   * How many of the dossier's documents this person is not shown (another unit's, or
   * confidential without the grant): a count, nothing of what they are.
   */
  unseenItems: number;
  heading: { big: string | null; small: string | null };
  holds: HoldView[];
  corrections: CorrectionView[];
}

export interface DossierListItem extends DossierView {
  /** For an archive search: the numbers of the documents inside that matched. */
  matchedItems?: number[];
}

export interface CorrectionView {
  id: number;
  target: 'dossier' | 'incoming';
  targetId: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  by: string;
  at: string;
}

/** One dossier of the due list (Decree 30 Art. 30.2, 31.3.c; App. VI III.5 reminder). */
export interface DueDossier {
  id: number;
  code: string;
  year: number;
  title: string;
  retentionLabel: string;
  endDate: string;
  dueDate: string;
  /** From this day the reminder is shown (30 days before the due date by default). */
  remindFrom: string;
  daysLeft: number;
  overdue: boolean;
  remind: boolean;
  keptBack: boolean;
}

export interface DueList {
  asOf: string;
  total: number;
  overdue: number;
  reminders: number;
  items: DueDossier[];
  /** The next page's cursor (`after`), or null on the last page. */
  next: string | null;
}

export interface HandoverView {
  id: number;
  year: number;
  unitName: string;
  blockName: string;
  giverName: string;
  giverPosition: string | null;
  receiverName: string | null;
  receiverPosition: string | null;
  basis: string | null;
  condition: string | null;
  status: 'submitted' | 'accepted';
  createdAt: string;
  createdBy: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  packageSha256: string | null;
  dossiers: {
    ordinal: number;
    id: number;
    code: string;
    fileCode: string;
    title: string;
    startDate: string | null;
    endDate: string | null;
    retentionLabel: string;
    pages: number | null;
    docTotal: number;
    files: number;
    note: string | null;
  }[];
  /** "Thời gian của hồ sơ, tài liệu": the span of the dossiers' dates. */
  timeSpan: { from: string | null; to: string | null };
  /** Paper: "Tổng số hộp (cặp)"; null when not entered (the form's blank stays). */
  boxes: number | null;
  /** Paper: "Quy ra mét giá", in metres (two decimals at most); null when not entered. */
  shelfMeters: number | null;
}

export const HANDOVER_STATUSES = ['submitted', 'accepted'] as const;
export const HANDOVER_STATUS_LABELS: Record<(typeof HANDOVER_STATUSES)[number], string> = {
  submitted: 'Chờ Lưu trữ cơ quan nhận',
  accepted: 'Lưu trữ cơ quan đã nhận',
};

/** A hand-over as its list shows it. */
export interface HandoverSummary {
  id: number;
  year: number;
  unitName: string;
  blockName: string;
  giverName: string;
  status: (typeof HANDOVER_STATUSES)[number];
  createdAt: string;
  createdBy: string;
  acceptedAt: string | null;
  /** Its dossiers the reader may see (without the confidential grant, the others are not counted). */
  dossiers: number;
  /** Whether it holds a dossier that needs the confidential grant. */
  confidential: boolean;
}

/** Hand-overs newest first, a page at a time (`total` counts the whole list). */
export interface HandoverList {
  total: number;
  items: HandoverSummary[];
  next: string | null;
}

export const DESTRUCTION_STATUSES = ['proposed', 'approved', 'executed'] as const;
export const DESTRUCTION_STATUS_LABELS: Record<(typeof DESTRUCTION_STATUSES)[number], string> = {
  proposed: 'Chờ Hội đồng xét hủy',
  approved: 'Đã có quyết định hủy',
  executed: 'Đã hủy',
};

/** A destruction as its list shows it. */
export interface DestructionSummary {
  id: number;
  title: string;
  status: (typeof DESTRUCTION_STATUSES)[number];
  proposedAt: string;
  proposedBy: string;
  decisionRef: string | null;
  decisionDate: string | null;
  executedAt: string | null;
  dossiers: number;
  confidential: boolean;
}

/** Destructions newest first, a page at a time. */
export interface DestructionList {
  total: number;
  items: DestructionSummary[];
  next: string | null;
}

export const HOLD_TARGETS = ['incoming', 'outgoing', 'dossier'] as const;
export type HoldTarget = (typeof HOLD_TARGETS)[number];

export interface HoldView {
  id: number;
  groupName: string | null;
  orderedBy: string;
  orderRef: string;
  reason: string;
  placedAt: string;
  placedBy: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftRef: string | null;
  liftReason: string | null;
  targets: { kind: HoldTarget; id: number; label: string }[];
}

export interface DestructionView {
  id: number;
  title: string;
  status: 'proposed' | 'approved' | 'executed';
  councilRef: string | null;
  minutesRef: string | null;
  appraisalRef: string | null;
  decisionRef: string | null;
  decisionDate: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  executionMinutesRef: string | null;
  executedAt: string | null;
  executedBy: string | null;
  proposedAt: string;
  proposedBy: string;
  note: string | null;
  dossiers: {
    id: number;
    code: string;
    year: number;
    title: string;
    retentionLabel: string;
    endDate: string | null;
    expiryYear: number | null;
  }[];
  /** After execution: what was destroyed (metadata and hashes stay; the content is gone). */
  tombstones: {
    dossierId: number;
    kind: DocKind;
    docId: number;
    fileName: string;
    sha256: string;
    size: number;
    contentRemoved: boolean;
  }[];
}

export interface ExpiredDossier {
  id: number;
  code: string;
  year: number;
  title: string;
  retentionLabel: string;
  endDate: string;
  expiryYear: number;
  state: DossierState;
  held: boolean;
  inDestruction: number | null;
}

/** The expired dossiers of a year, a page at a time. */
export interface ExpiredList {
  year: number;
  total: number;
  items: ExpiredDossier[];
  /** The next page's cursor (`after`), or null on the last page. */
  next: string | null;
}

/** Dossiers newest first, a page at a time (`total` counts the whole list). */
export interface DossierList {
  total: number;
  items: DossierView[];
  /** The next page's cursor (`after`), or null on the last page. */
  next: string | null;
}

/** Holds newest first, a page at a time. */
export interface HoldList {
  items: HoldView[];
  next: string | null;
}

/** The usage register in the order of its entries, a page at a time. */
export interface UsageList {
  items: UsageEntry[];
  next: string | null;
}

/** Keyset cursors of the archive's long lists: their sort key, as text the client hands back unchanged. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return parts.map((p) => encodeURIComponent(String(p))).join('~');
}

export function decodeCursor(cursor: string, arity: number): string[] | null {
  const parts = cursor.split('~');
  if (parts.length !== arity) return null;
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

export interface UsageEntry {
  id: number;
  usedOn: string;
  userName: string;
  kind: DocKind | 'dossier';
  targetId: number;
  /** "Số, ký hiệu, ngày tháng văn bản". */
  reference: string;
  /** "Tên loại và trích yếu nội dung". */
  subject: string;
  dossierCode: string | null;
  approvedBy: string;
  returnedOn: string | null;
  note: string | null;
  createdBy: string;
}

export interface ArchiveSettings {
  /** Mã định danh cơ quan (OrganId, S13): the first part of every Mã hồ sơ. */
  organId: string;
  numbering: FilePlanNumbering;
  dueRule: HandoverDueRule;
  /** Days before the due date the reminder starts (App. VI III.5: 30). */
  reminderDays: number;
  /** Suggested retention periods, as data with their source and whether it was verified (archive.md §2). */
  retentionSuggestions: { group: string; retention: Retention; source: string; confirmed: boolean }[];
}

/**
 * Seeds of the retention suggestions: archive.md §2 lists them as recollection of TT 09/2011
 * values to verify against TT 10/2022 Phụ lục I — every one UNCONFIRMED, shown as such and
 * editable, never applied by themselves.
 */
export const DEFAULT_RETENTION_SUGGESTIONS: ArchiveSettings['retentionSuggestions'] = [
  { group: 'Kế hoạch, báo cáo công tác năm / dài hạn', retention: null, source: 'TT 09/2011 (cần đối chiếu TT 10/2022)', confirmed: false },
  { group: 'Kế hoạch, báo cáo 6 tháng, 9 tháng', retention: 20, source: 'TT 09/2011 (cần đối chiếu TT 10/2022)', confirmed: false },
  { group: 'Kế hoạch, báo cáo quý, tháng, tuần', retention: 5, source: 'TT 09/2011 (cần đối chiếu TT 10/2022)', confirmed: false },
  {
    group: 'Hồ sơ xây dựng, ban hành Điều lệ, Quy chế làm việc của cơ quan',
    retention: 20,
    source: 'TT 10/2022 Phụ lục I mục 3 (nguồn thứ cấp)',
    confirmed: false,
  },
  { group: 'Hồ sơ giải quyết khiếu nại, tố cáo (vụ việc khác)', retention: 15, source: 'TT 09/2011 (cần đối chiếu)', confirmed: false },
  { group: 'Hồ sơ về việc hủy tài liệu hết giá trị', retention: 20, source: 'Luật Lưu trữ 2011 (cần đối chiếu)', confirmed: false },
];

export const DEFAULT_ARCHIVE_SETTINGS: Omit<ArchiveSettings, 'organId'> = {
  numbering: 'continuous',
  dueRule: 'year_end',
  reminderDays: 30,
  retentionSuggestions: DEFAULT_RETENTION_SUGGESTIONS,
};

/** Dossier fields an archivist may correct on a declared record (each correction audited old → new). */
export const DOSSIER_CORRECTABLE = [
  'title',
  'description',
  'creator',
  'language',
  'rights',
  'startDate',
  'endDate',
  'pageTotal',
  'note',
] as const;
export type DossierCorrectable = (typeof DOSSIER_CORRECTABLE)[number];

/** Incoming-document fields an archivist may correct on a declared record. */
export const INCOMING_CORRECTABLE = [
  'organName',
  'symbol',
  'issuedDate',
  'typeName',
  'subject',
  'signerName',
  'signerPosition',
  'pageAmount',
  'toPlaces',
  'description',
] as const;
export type IncomingCorrectable = (typeof INCOMING_CORRECTABLE)[number];

/**
 * Citizens' letters ("đơn thư": khiếu nại, tố cáo, kiến nghị, phản ánh), hotline feedback on
 * administrative procedures ("phản ánh qua đường dây nóng") and the office's periodic report.
 * Pure types, labels and rules shared by the services (src/main/letters/), the contract and
 * the screens (src/renderer/features/letters/). Facts and their sources:
 * /work/shared/domain/petitions.md; every value marked UNCONFIRMED there is a setting here
 * (LetterSettings), never a constant presented as law.
 */

export const LETTER_CHANNELS = ['in_person', 'post', 'hotline', 'portal', 'forwarded'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];
export const LETTER_CHANNEL_LABELS: Record<LetterChannel, string> = {
  in_person: 'Trực tiếp',
  post: 'Bưu chính',
  hotline: 'Đường dây nóng',
  portal: 'Cổng thông tin',
  forwarded: 'Chuyển đến từ cơ quan khác',
};

export const LETTER_KINDS = ['complaint', 'denunciation', 'petition', 'feedback'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  petition: 'Kiến nghị',
  feedback: 'Phản ánh',
};

/**
 * Where a letter stands. `received` waits for classification; `classified` for an outcome;
 * the outcome is one of accepted (thụ lý, assigned to a unit), transferred (chuyển đơn),
 * guided (hướng dẫn), filed (lưu đơn), returned (trả lại); `answered` once the result of an
 * accepted or transferred letter is recorded. Once an outcome is given the letter is closed
 * to classification.
 */
export const LETTER_STATUSES = ['received', 'classified', 'accepted', 'transferred', 'guided', 'filed', 'returned', 'answered'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];
export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = {
  received: 'Chưa phân loại',
  classified: 'Đã phân loại, chờ xử lý',
  accepted: 'Đã thụ lý, đang giải quyết',
  transferred: 'Đã chuyển đơn',
  guided: 'Đã hướng dẫn',
  filed: 'Lưu đơn',
  returned: 'Đã trả lại đơn',
  answered: 'Đã có kết quả',
};

export const LETTER_OUTCOMES = ['accepted', 'transferred', 'guided', 'filed', 'returned'] as const;
export type LetterOutcome = (typeof LETTER_OUTCOMES)[number];
export const LETTER_OUTCOME_LABELS: Record<LetterOutcome, string> = {
  accepted: 'Thụ lý',
  transferred: 'Chuyển đơn',
  guided: 'Hướng dẫn',
  filed: 'Lưu đơn',
  returned: 'Trả lại đơn',
};

export const COMPETENCES = ['within', 'outside'] as const;
export type Competence = (typeof COMPETENCES)[number];
export const COMPETENCE_LABELS: Record<Competence, string> = {
  within: 'Thuộc thẩm quyền',
  outside: 'Không thuộc thẩm quyền',
};

/** A person who signed the letter. Personal data: shown only to the roles that handle letters. */
export interface LetterSender {
  fullName: string;
  address: string | null;
  /** CCCD/Căn cước (12 digits), CMND (9 digits) or passport number, as normalised. */
  idNumber: string | null;
  phone: string | null;
  /** The representative of several signers (Luật KN Đ8.4.b, Luật TC Đ23.1). */
  representative: boolean;
}

/**
 * Why the senders of a record are not shown: `identity` — a denunciation's author, seen only
 * with the dedicated grant; `personal` — the viewer's roles do not handle letters.
 */
export type SendersHidden = 'identity' | 'personal' | null;

export interface LetterAttachment {
  id: number;
  fileName: string;
  sha256: string;
  size: number;
  mime: string;
  createdAt: string;
  /** Who attached it (null for files of before migration 0179). */
  createdBy: string | null;
  /** Pages whose text was read (text layer or OCR) and kept: searchable in the register. */
  textPages: number;
}

/** The text read from one of a letter's files, page by page (letter.files), for its detail. */
export interface LetterFileText {
  attachmentId: number;
  fileName: string;
  pages: { page: number; method: 'text' | 'ocr' | 'none'; confidence: number; text: string }[];
}

export interface LetterAssignment {
  id: number;
  letterId: number;
  unit: string;
  unitName: string;
  role: 'lead' | 'support';
  dueDate: string;
  direction: string | null;
  directedBy: string;
  assignedAt: string;
  status: 'assigned' | 'done';
  doneAt: string | null;
  replacedAt: string | null;
}

/** A linked earlier letter on the same matter ("đơn trùng"), as confirmed by the clerk. */
export interface LetterLink {
  id: number;
  year: number;
  number: number;
  receivedDate: string;
  kind: LetterKind;
  subject: string;
  status: LetterStatus;
}

export interface LetterRecord {
  id: number;
  year: number;
  /** Số đơn: the letter's number in its year. */
  number: number;
  receivedDate: string;
  channel: LetterChannel;
  /** Channel `forwarded`: the body that sent it on. */
  forwardedBy: string | null;
  kind: LetterKind;
  subject: string;
  summary: string | null;
  /** The body (or person) the letter is about: complained of, denounced, asked. */
  concernedBody: string | null;
  /** The same body in the organ directory, when chosen from it. */
  concernedOrganId: string | null;
  anonymous: boolean;
  /** Number of signers (the whole list is personal data; the count is not). */
  senderCount: number;
  /** Null when hidden; see `sendersHidden`. */
  senders: LetterSender[] | null;
  sendersHidden: SendersHidden;
  status: LetterStatus;
  /** Classification. */
  eligible: boolean | null;
  competence: Competence | null;
  classificationNote: string | null;
  classifiedAt: string | null;
  classifiedBy: string | null;
  /** The legal time limit to classify and propose an outcome (working days from receipt). */
  processingDue: string;
  /**
   * Working days from today to the processing limit, counted with the office's calendar
   * (petitions.md §3 sets the limits in working days); negative once past. Set by the service.
   */
  processingDaysLeft?: number;
  /** The outcome and its details. */
  outcome: LetterOutcome | null;
  outcomeAt: string | null;
  outcomeBy: string | null;
  /** Lưu đơn / trả lại: why; hướng dẫn: what the citizen was told. */
  outcomeNote: string | null;
  /** Chuyển đơn: the competent body (organ directory) and the slip's reference. */
  transferOrganId: string | null;
  transferOrganName: string | null;
  /** Hướng dẫn: the body the citizen is guided to. */
  guidedTo: string | null;
  /** Number and symbol of the slip or the letter that carried the outcome, if recorded. */
  outcomeRef: string | null;
  /** Thụ lý: the unit's deadline to resolve (lead assignment). */
  resolutionDue: string | null;
  /** The same for the resolution limit of an accepted letter. */
  resolutionDaysLeft?: number | null;
  assignments: LetterAssignment[];
  /** The result: the unit's answer, or the competent body's result reported back. */
  answer: string | null;
  answerRef: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  earlier: LetterLink[];
  attachments: LetterAttachment[];
  /** Attachments of a denunciation may show its author's handwriting: hidden without the grant. */
  attachmentsHidden: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** A row of the register list: never a denunciation author's identity, whoever looks. */
export interface LetterListItem {
  id: number;
  year: number;
  number: number;
  receivedDate: string;
  channel: LetterChannel;
  kind: LetterKind;
  subject: string;
  concernedBody: string | null;
  anonymous: boolean;
  senderCount: number;
  /** First sender's name for the roles that handle letters; null for denunciations and others. */
  senderName: string | null;
  status: LetterStatus;
  outcome: LetterOutcome | null;
  processingDue: string;
  resolutionDue: string | null;
  /** Past its processing or resolution deadline and still open, as of today. */
  overdue: boolean;
  earlierCount: number;
}

/** A possible earlier letter on the same matter, found by sender and matter (never names the sender). */
export interface DuplicateCandidate extends LetterLink {
  /** What matched besides the sender: the same body concerned, and/or a similar subject. */
  sameBody: boolean;
  similarity: number;
}

/** An open letter or hotline item on the follow-up lists (no personal data). */
export interface LetterFollowUpItem {
  kind: 'letter' | 'hotline';
  id: number;
  year: number;
  number: number;
  receivedDate: string;
  letterKind: LetterKind | null;
  cause: HotlineCause | null;
  subject: string;
  /** processing: waiting for an outcome; resolution: accepted, with a unit; answer: hotline, with a unit. */
  stage: 'processing' | 'resolution' | 'answer';
  unit: string | null;
  unitName: string | null;
  dueDate: string;
}

// ---------------------------------------------------------------------------------------
// Hotline feedback on administrative procedures (NĐ 20/2008 Đ5.1, Đ7.2, Đ9.1)

export const HOTLINE_CAUSES = ['late_return', 'refusal', 'harassment', 'other'] as const;
export type HotlineCause = (typeof HOTLINE_CAUSES)[number];
export const HOTLINE_CAUSE_LABELS: Record<HotlineCause, string> = {
  late_return: 'Chậm trả hồ sơ, kết quả',
  refusal: 'Từ chối, không giải quyết thủ tục hành chính',
  harassment: 'Gây phiền hà, yêu cầu thêm giấy tờ',
  other: 'Khác',
};

export const HOTLINE_STATUSES = ['received', 'forwarded', 'answered', 'closed'] as const;
export type HotlineStatus = (typeof HOTLINE_STATUSES)[number];
export const HOTLINE_STATUS_LABELS: Record<HotlineStatus, string> = {
  received: 'Mới tiếp nhận',
  forwarded: 'Đã chuyển đơn vị',
  answered: 'Đã có trả lời',
  closed: 'Đã kết thúc',
};

export interface HotlineCaller {
  name: string | null;
  phone: string | null;
  address: string | null;
}

export interface HotlineRecord {
  id: number;
  year: number;
  number: number;
  receivedAt: string;
  /** Null when the viewer's roles do not handle letters (`callerHidden`). */
  caller: HotlineCaller | null;
  callerHidden: boolean;
  procedure: string;
  unit: string;
  unitName: string;
  cause: HotlineCause;
  content: string;
  status: HotlineStatus;
  forwardedAt: string | null;
  forwardedBy: string | null;
  dueDate: string | null;
  forwardNote: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  overdue: boolean;
  createdAt: string;
  createdBy: string;
}

// ---------------------------------------------------------------------------------------
// Settings: time limits are UNCONFIRMED in the notes (petitions.md §3), so the office keeps them.

export interface LetterSettings {
  /** Working days from receipt to classify and give an outcome, by kind. */
  processingDays: Record<LetterKind, number>;
  /** Working days given to the unit when a letter is accepted, by kind (unless the leader sets another). */
  resolutionDays: Record<LetterKind, number>;
  /** Working days a hotline unit has to answer once forwarded (NĐ 20/2008 Đ9.1.d: forward ≤ 5). */
  hotlineAnswerDays: number;
  /** Working days ahead that count as "due soon" on the follow-up lists. */
  dueSoonDays: number;
  /** Slips and the report are drafted in this unit's name ("Lưu: VT, BTCD."). */
  draftingUnit: string;
  /** Who signs the slips by default. */
  slipSigner: { authority: string | null; position: string; name: string };
}

export const DEFAULT_LETTER_SETTINGS: LetterSettings = {
  processingDays: { complaint: 10, denunciation: 7, petition: 10, feedback: 10 },
  resolutionDays: { complaint: 30, denunciation: 30, petition: 15, feedback: 15 },
  hotlineAnswerDays: 5,
  dueSoonDays: 3,
  draftingUnit: 'BTCD',
  slipSigner: { authority: 'TL. CHỦ TỊCH', position: 'Trưởng Ban Tiếp công dân', name: '' },
};

// ---------------------------------------------------------------------------------------
// Statistics and the periodic report

export interface LetterFigures {
  received: number;
  byKind: Record<LetterKind, number>;
  byChannel: Record<LetterChannel, number>;
  /** Of those received: still waiting for classification or an outcome. */
  pending: number;
  accepted: number;
  transferred: number;
  guided: number;
  filed: number;
  returned: number;
  answered: number;
  anonymous: number;
  /** Letters linked to an earlier one on the same matter. */
  duplicates: number;
  /** Open past the processing limit, or accepted and past the unit's deadline, on `asOf`. */
  overdue: number;
  overdueProcessing: number;
  overdueResolution: number;
}

export interface HotlineFigures {
  received: number;
  forwarded: number;
  answered: number;
  closed: number;
  /** Answered or closed. */
  handled: number;
  overdue: number;
  byCause: Record<HotlineCause, number>;
  byUnit: { unit: string; name: string; n: number }[];
}

export interface LetterStats {
  from: string;
  to: string;
  /** Overdue is judged on this day: the period's end, or today if earlier. */
  asOf: string;
  letters: LetterFigures;
  hotline: HotlineFigures;
}

/** Administrative-procedure dossiers: come from another system, entered by hand for the period. */
// ---------------------------------------------------------------------------------------
// Identity numbers (CCCD/Căn cước 12 digits, CMND 9 digits, passport) and phone numbers

export type IdentityKind = 'cccd' | 'cmnd' | 'passport';

/**
 * Checks and normalises an identity number as the registers' "CCCD/Hộ chiếu" column takes
 * it (petitions.md §5): a 12-digit personal identification number (CCCD, Căn cước; its 4th
 * digit gives the century of birth and sex, its 5th–6th the year — TT 07/2016/TT-BCA Đ7),
 * a 9-digit CMND, or a Vietnamese passport number (one letter and 7 digits). Spaces, dots
 * and dashes typed between the digits are dropped. The first three digits (province or
 * country of birth registration) are not checked: a country code is valid too.
 */
export function checkIdentityNumber(raw: string, currentYear: number): { ok: true; value: string; kind: IdentityKind } | { ok: false } {
  const s = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (/^\d{12}$/.test(s)) {
    const centuryDigit = Number(s[3]);
    const century = 1900 + Math.floor(centuryDigit / 2) * 100;
    const year = century + Number(s.slice(4, 6));
    // Born from 1900 on, not in the future (a 4th digit of 4–9 is the 22nd century or later).
    if (year > currentYear) return { ok: false };
    return { ok: true, value: s, kind: 'cccd' };
  }
  if (/^\d{9}$/.test(s)) return { ok: true, value: s, kind: 'cmnd' };
  if (/^[A-Z]\d{7}$/.test(s)) return { ok: true, value: s, kind: 'passport' };
  return { ok: false };
}

/** A Vietnamese phone number: 0 or +84 then 8–10 digits (mobile 10, landline 11 digits). */
export function checkPhone(raw: string): { ok: true; value: string } | { ok: false } {
  const s = raw.replace(/[\s.\-()]/g, '');
  if (/^(?:0|\+84)\d{8,10}$/.test(s)) return { ok: true, value: s.startsWith('+84') ? '0' + s.slice(3) : s };
  return { ok: false };
}

/** Vietnamese number formatting: 26.954; 95,7. */
export function vnNumber(n: number, decimals = 0): string {
  const fixed = n.toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac ? `${grouped},${frac}` : grouped;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * The name of a reporting period as reports write it: a month, a quarter, the first 6 or 9
 * months, a year; any other span by its dates.
 */
export function periodLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const wholeMonths = fd === 1 && td === lastDay && fy === ty;
  if (wholeMonths) {
    if (fm === tm) return `tháng ${fm} năm ${fy}`;
    if (fm === 1 && tm === 12) return `năm ${fy}`;
    if (fm === 1 && tm === 6) return `6 tháng đầu năm ${fy}`;
    if (fm === 1 && tm === 9) return `9 tháng đầu năm ${fy}`;
    if ((fm - 1) % 3 === 0 && tm === fm + 2) return `quý ${ROMAN[(fm - 1) / 3]} năm ${fy}`;
    if (fm === 1) return `${tm} tháng đầu năm ${fy}`;
  }
  const d = (s: string) => s.split('-').reverse().join('/');
  return `từ ngày ${d(from)} đến ngày ${d(to)}`;
}

/** One row of the periodic report's table; `manual`: a figure entered by hand (from another system). */
export interface OfficeReportRow {
  no: string;
  label: string;
  unit: string;
  value: string;
  group: boolean;
  manual: boolean;
}

/** The office's periodic report ("Báo cáo kết quả thực hiện nhiệm vụ") for a period. */
export interface OfficeReport {
  from: string;
  to: string;
  /** "9 tháng đầu năm 2026", "quý I năm 2026", … or the dates. */
  periodLabel: string;
  orgName: string;
  tasks: { assigned: number; completed: number; inProgress: number; overdue: number };
  incoming: { received: number };
  outgoing: { issued: number; electronic: number; paper: number };
  letters: LetterFigures;
  hotline: HotlineFigures;
  /** Entered by hand for the period (source 'manual'); null when none was given. */
  dossiers: { received: number | null; resolved: number | null; onTime: number | null; source: 'manual' } | null;
  /** The report's sentences, by section, in the office's style. */
  sections: { heading: string; text: string[] }[];
  table: OfficeReportRow[];
  manualNote: string;
}

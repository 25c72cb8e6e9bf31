/**
 * "Văn bản nhắc nhở": the công văn the office sends a unit that is late (Decree 30 Art.
 * 24, "theo dõi, đôn đốc"). It is an ordinary outgoing draft, so it goes through the
 * usual approve → number → sign → issue steps; this only writes its content from the
 * unit's overdue list: one paragraph per document, then a request to report.
 */
import type { OutgoingRecord } from '../../shared/domain/outgoing.js';
import { AppFailure } from '../../shared/result.js';
import { formatDateVN, vnDate } from '../../shared/text/dates.js';
import type { Clock } from '../clock.js';
import type { OutgoingService } from '../outgoing/outgoingService.js';
import type { FollowUpRow, Store } from '../store/ports.js';
import type { AssignmentService } from './assignmentService.js';
import type { CalendarService } from './calendarService.js';

export interface ReminderInput {
  /** The late unit's code. */
  unit: string;
  actor: string;
  signer: { authority?: string | null; position: string; name: string };
  /** Abbreviation of the drafting unit for "Lưu: VT, …" and the symbol (default VP). */
  draftingUnit?: string;
}

export const REMINDER_SUBJECT = 'V/v đôn đốc giải quyết văn bản quá hạn';
/** Days the unit has to report back, counted in working days from today. */
const REPORT_WORKING_DAYS = 3;
/** The draft's paragraph limit is 400; a longer list is summarised after this many. */
const MAX_ITEMS = 300;

const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** Whole calendar days between the deadline and today. */
export function daysOverdue(dueDate: string, today: string): number {
  return dayNumber(today) - dayNumber(dueDate);
}

function itemText(r: FollowUpRow, i: number, today: string): string {
  const doc = `${r.typeName}${r.symbol ? ` số ${r.symbol}` : ''} ngày ${formatDateVN(r.issuedDate)} của ${r.organName}`;
  const role = r.role === 'lead' ? 'chủ trì' : 'phối hợp';
  return (
    `${i + 1}. Văn bản đến số ${r.arrivalNumber} (ngày đến ${formatDateVN(r.arrivalDate.slice(0, 10))}): ${doc}, trích yếu: “${r.subject}”; ` +
    `đơn vị ${role}; hạn giải quyết: ${formatDateVN(r.dueDate)}; đã quá hạn ${daysOverdue(r.dueDate, today)} ngày.`
  );
}

/** The overdue list, the working-day calendar (report-by date), the outgoing drafts, the organisation's name. */
export interface ReminderDeps {
  assignments: Pick<AssignmentService, 'overdue'>;
  calendar: Pick<CalendarService, 'addWorkingDays'>;
  outgoing: Pick<OutgoingService, 'draft'>;
  store: Store;
  clock: Clock;
}

export async function draftReminder(deps: ReminderDeps, input: ReminderInput): Promise<OutgoingRecord> {
  // The reminder is an ordinary (not confidential) document: it never lists a confidential
  // document's number or subject, whoever drafts it.
  const ordinary = { username: input.actor, reader: true, confidential: false, onlyUnitId: null, onlyUnitCode: null };
  const items = await deps.assignments.overdue({ unit: input.unit, limit: 10_000 }, ordinary);
  if (items.length === 0) {
    throw new AppFailure({
      code: 'nothing_overdue',
      field: 'unit',
      message: `Đơn vị «${input.unit}» không có văn bản quá hạn giải quyết.`,
    });
  }
  const today = vnDate(deps.clock());
  const unitName = items[0]!.unitName;
  const orgName = await deps.store.read((r) => r.meta.get('org_name'));
  const reportBy = (await deps.calendar.addWorkingDays(today, REPORT_WORKING_DAYS)).date;

  const listed = items.slice(0, MAX_ITEMS);
  const body: { text: string; align?: 'left' }[] = [
    {
      text:
        `Qua theo dõi tình hình giải quyết văn bản đến, tính đến ngày ${formatDateVN(today)}, ${unitName} còn ${items.length} văn bản ` +
        `được giao giải quyết đã quá thời hạn nhưng chưa hoàn thành, cụ thể như sau:`,
    },
    ...listed.map((r, i) => ({ text: itemText(r, i, today) })),
  ];
  if (items.length > listed.length) body.push({ text: `(Và ${items.length - listed.length} văn bản khác theo danh sách kèm theo.)` });
  body.push({
    text:
      `Đề nghị ${unitName} khẩn trương chỉ đạo giải quyết dứt điểm các văn bản nêu trên; báo cáo kết quả giải quyết ` +
      `(nêu rõ lý do chậm trễ và thời hạn hoàn thành đối với văn bản chưa giải quyết xong) gửi ${orgName ?? 'cơ quan'} ` +
      `trước ngày ${formatDateVN(reportBy)} để tổng hợp, theo dõi./.`,
  });

  return deps.outgoing.draft(
    {
      typeName: 'Công văn',
      subject: REMINDER_SUBJECT,
      kinhGui: [unitName],
      body,
      recipients: [],
      signerAuthority: input.signer.authority ?? null,
      signerPosition: input.signer.position,
      signerName: input.signer.name,
      draftingUnit: input.draftingUnit ?? 'VP',
      replyTo: [...new Set(items.map((r) => r.documentId))],
    },
    { actor: input.actor },
  );
}

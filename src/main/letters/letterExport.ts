/**
 * The letters of a period as a CSV file (UTF-8 with BOM, so a spreadsheet opens the
 * diacritics right): the register's columns (petitions.md §5, NĐ 154/2026 Mẫu 03/TCD) and
 * what became of each letter. By default WITHOUT personal data — for statistics, the
 * national database's staff, a report annex. With `personal`, the senders are added as the
 * reader may see them (LetterAccess): a denunciation's author only with the grant, else the
 * cell says the identity is protected. The export itself is audited (LetterService.exportRows).
 *
 * Written by hand rather than with a CSV library: RFC 4180 quoting is four lines, and a cell
 * a spreadsheet would run as a formula (=, +, -, @ first) must be defused, which the
 * libraries leave to the caller anyway.
 */
import {
  COMPETENCE_LABELS,
  LETTER_CHANNEL_LABELS,
  LETTER_KIND_LABELS,
  LETTER_OUTCOME_LABELS,
  LETTER_STATUS_LABELS,
  type LetterRecord,
} from '../../shared/domain/letters.js';
import { formatDateVN as vnDateLabel } from '../../shared/text/dates.js';

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // A leading formula character would be evaluated by a spreadsheet: keep it as text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BASE_COLUMNS = [
  'Số đơn',
  'Ngày nhận',
  'Nguồn đơn',
  'Cơ quan chuyển đến',
  'Loại đơn',
  'Nội dung chính',
  'Cơ quan, người bị khiếu nại/tố cáo',
  'Số người đứng đơn',
  'Nặc danh',
  'Đủ điều kiện xử lý',
  'Thẩm quyền',
  'Hạn xử lý',
  'Hướng xử lý',
  'Ngày xử lý',
  'Chuyển đến / hướng dẫn đến',
  'Số văn bản',
  'Đơn vị thụ lý',
  'Hạn giải quyết',
  'Trạng thái',
  'Ngày có kết quả',
  'Đơn trùng với',
];
const PERSONAL_COLUMNS = ['Họ tên người đứng đơn', 'Địa chỉ', 'Số định danh', 'Điện thoại'];

/** Shown instead of a denunciation's author to a reader without the grant. */
export const PROTECTED_IDENTITY = 'Được giữ bí mật (đơn tố cáo)';

export function lettersCsv(rows: LetterRecord[], personal: boolean): string {
  const header = personal ? [...BASE_COLUMNS, ...PERSONAL_COLUMNS] : BASE_COLUMNS;
  const lines = [header.map(cell).join(',')];
  for (const l of rows) {
    const lead = l.assignments.filter((a) => a.role === 'lead').map((a) => a.unitName);
    const base = [
      `${l.number}/${l.year}`,
      vnDateLabel(l.receivedDate),
      LETTER_CHANNEL_LABELS[l.channel],
      l.forwardedBy,
      LETTER_KIND_LABELS[l.kind],
      l.subject,
      l.concernedBody,
      l.senderCount,
      l.anonymous ? 'x' : '',
      l.eligible === null ? '' : l.eligible ? 'Đủ' : 'Không đủ',
      l.competence ? COMPETENCE_LABELS[l.competence] : '',
      vnDateLabel(l.processingDue),
      l.outcome ? LETTER_OUTCOME_LABELS[l.outcome] : '',
      l.outcomeAt ? vnDateLabel(l.outcomeAt.slice(0, 10)) : '',
      l.transferOrganName ?? l.guidedTo,
      l.outcomeRef,
      lead.join('; '),
      l.resolutionDue ? vnDateLabel(l.resolutionDue) : '',
      LETTER_STATUS_LABELS[l.status],
      l.answeredAt ? vnDateLabel(l.answeredAt.slice(0, 10)) : '',
      l.earlier.map((e) => `${e.number}/${e.year}`).join('; '),
    ];
    if (personal) {
      if (l.senders === null && l.senderCount > 0) {
        const hidden = l.sendersHidden === 'identity' ? PROTECTED_IDENTITY : 'Không có quyền xem';
        base.push(hidden, '', '', '');
      } else {
        const s = l.senders ?? [];
        base.push(
          s.map((p) => p.fullName).join('; '),
          s.map((p) => p.address ?? '').join('; '),
          s.map((p) => p.idNumber ?? '').join('; '),
          s.map((p) => p.phone ?? '').join('; '),
        );
      }
    }
    lines.push(base.map(cell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

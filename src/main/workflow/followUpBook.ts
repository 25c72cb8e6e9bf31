/**
 * "Sổ theo dõi giải quyết văn bản đến" (Decree 30 Appendix IV) for a period of arrival
 * dates, optionally one unit: every assigned document that arrived in the period, with
 * its units, deadlines, progress and reply, printed through the register-book engine.
 */
import { incomingVisibility, type Viewer } from '../accounts/visibility.js';
import type { FollowUpBookEntry } from '../pdf/registerBook.js';
import { FOLLOW_UP_BOOK, renderRegisterBook } from '../pdf/registerBook.js';
import { AppFailure } from '../../shared/result.js';
import { addDays, parseInstant, toVnIso, vnDate } from '../../shared/text/dates.js';
import { sortKeyBase } from '../db/sqlite/sortKey.js';
import type { Clock } from '../clock.js';
import type { FollowUpRow, Store } from '../store/ports.js';
import { checkDateArg } from './calendarService.js';
import { unitIdOf } from './directoryService.js';

/** Rows of one document (followUp returns one per assignment) → book entries, lead first. */
export function followUpEntries(rows: readonly FollowUpRow[], asOf: string): FollowUpBookEntry[] {
  const byDoc = new Map<number, FollowUpBookEntry>();
  for (const r of rows) {
    let e = byDoc.get(r.documentId);
    if (!e) {
      e = {
        arrivalNumber: r.arrivalNumber,
        arrivalDate: r.arrivalDate,
        register: r.register,
        typeName: r.typeName,
        symbol: r.symbol,
        issuedDate: r.issuedDate,
        organName: r.organName,
        assignments: [],
        asOf,
      };
      byDoc.set(r.documentId, e);
    }
    e.assignments.push({
      unit: r.unit,
      unitName: r.unitName,
      role: r.role,
      dueDate: r.dueDate,
      status: r.status,
      doneAt: r.doneAt,
      replySymbol: r.replySymbol,
    });
  }
  for (const e of byDoc.values())
    e.assignments.sort((a, b) => (a.role === b.role ? a.unit.localeCompare(b.unit) : a.role === 'lead' ? -1 : 1));
  return [...byDoc.values()];
}

export interface FollowUpBookResult {
  bytes: Uint8Array;
  fileName: string;
  from: string;
  to: string;
  unit: string | null;
  documents: number;
  overdue: number;
}

export async function buildFollowUpBook(
  deps: { store: Store; clock: Clock },
  p: { from: unknown; to: unknown; unit?: string },
  /** Who prints it: only the documents they may see are in their book (accounts/visibility.ts). */
  viewer?: Viewer,
): Promise<FollowUpBookResult> {
  const from = checkDateArg('from', p.from);
  const to = checkDateArg('to', p.to);
  if (to < from) throw new AppFailure({ code: 'invalid_range', field: 'to', message: 'Đến ngày không được trước từ ngày.' });
  // Arrival numbers restart every year, so one book covers one year (as the paper one does).
  if (from.slice(0, 4) !== to.slice(0, 4)) {
    throw new AppFailure({
      code: 'invalid_range',
      field: 'to',
      message: 'Sổ theo dõi in theo từng năm: từ ngày và đến ngày phải cùng một năm.',
    });
  }
  const now = deps.clock();
  // Progress is what it is today, so lateness is judged today too.
  const today = vnDate(now);
  const { rows, unit, orgName, parentOrgName } = await deps.store.read(async (repos) => {
    const u = p.unit ? await unitIdOf(repos, p.unit) : undefined;
    const fromKey = sortKeyBase(parseInstant(from)!);
    const toKey = sortKeyBase(parseInstant(addDays(to, 1))!);
    return {
      rows: await repos.workflow.followUp(fromKey, toKey, u?.id, incomingVisibility(viewer)),
      unit: u ?? null,
      orgName: await repos.meta.get('org_name'),
      parentOrgName: await repos.meta.get('parent_org_name'),
    };
  });
  const entries = followUpEntries(rows, today);
  const spec = unit ? { ...FOLLOW_UP_BOOK, title: `${FOLLOW_UP_BOOK.title}\nĐơn vị: ${unit.name}` } : FOLLOW_UP_BOOK;
  const bytes = await renderRegisterBook(spec, {
    orgName,
    parentOrgName,
    register: { code: 'THEO-DOI', name: FOLLOW_UP_BOOK.title },
    year: Number(from.slice(0, 4)),
    documents: entries,
    printedAt: toVnIso(now),
  });
  const overdue = entries.filter((e) => e.assignments.some((a) => a.status !== 'done' && a.dueDate < today)).length;
  return {
    bytes,
    fileName: `so-theo-doi-${from}-${to}${unit ? `-${unit.code.toLowerCase()}` : ''}.pdf`,
    from,
    to,
    unit: unit?.code ?? null,
    documents: entries.length,
    overdue,
  };
}

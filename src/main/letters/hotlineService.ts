/**
 * Hotline feedback on administrative procedures ("phản ánh qua đường dây nóng", NĐ 20/2008
 * Đ5.1, Đ7.2, Đ9.1): the caller and the problem recorded faithfully, forwarded to the unit
 * concerned with a deadline in working days, its answer, closed; counted by cause.
 * The caller's name, phone and address are personal data: shown only to letter handlers,
 * never written to the audit trail.
 */
import { checkPhone, HOTLINE_CAUSES, HOTLINE_STATUSES, type HotlineRecord } from '../../shared/domain/letters.js';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { parseInstant, toVnIso, vnDate } from '../../shared/text/dates.js';
import { AuditWriter } from '../audit/auditLog.js';
import type { Clock } from '../clock.js';
import type { HotlinePatch } from '../store/letterPorts.js';
import type { Repositories, Store } from '../store/ports.js';
import { calendarFor, checkDateArg } from '../workflow/calendarService.js';
import { unitIdOf } from '../workflow/directoryService.js';
import { clearlyBefore, enumArg, optText, reqText, type LetterActor, type LetterService } from './letterService.js';

function fail(code: string, field: string, message: string): never {
  throw new AppFailure({ code, field, message });
}

export class HotlineService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly letters: LetterService,
  ) {}

  private when(at: unknown): string {
    if (at === undefined || at === null || at === '') return toVnIso(this.clock());
    const t = typeof at === 'string' ? parseInstant(at) : null;
    if (t === null) throw new AppFailure(makeError('invalid_datetime', { field: 'at' }));
    if (t > this.clock() + 60_000) throw new AppFailure(makeError('future_date', { field: 'at' }));
    return toVnIso(t);
  }

  /** An item the actor may act on (a specialist: their unit's). */
  private async existing(repos: Repositories, id: number, who: LetterActor): Promise<HotlineRecord> {
    if (!Number.isSafeInteger(id) || id < 1) fail('invalid_id', 'id', 'Mã phản ánh phải là số nguyên dương.');
    const r = await repos.letters.getHotline(id, { personal: true, identity: true, only: who.access.only }, vnDate(this.clock()));
    if (!r) fail('not_found', 'id', `Không có phản ánh mã ${id}.`);
    return r;
  }

  async add(
    input: {
      receivedAt?: unknown;
      callerName?: unknown;
      callerPhone?: unknown;
      callerAddress?: unknown;
      procedure?: unknown;
      unit?: unknown;
      cause?: unknown;
      content?: unknown;
    },
    who: LetterActor,
  ): Promise<HotlineRecord> {
    if (typeof input !== 'object' || input === null) fail('invalid_input', 'data', 'Dữ liệu phản ánh không hợp lệ.');
    const receivedAt = this.when(input.receivedAt);
    const callerName = optText('callerName', input.callerName, 200);
    const rawPhone = optText('callerPhone', input.callerPhone, 30);
    let callerPhone: string | null = null;
    if (rawPhone) {
      const c = checkPhone(rawPhone);
      // The number itself is not repeated: it is personal data.
      if (!c.ok) fail('invalid_phone', 'callerPhone', 'Số điện thoại người phản ánh không đúng dạng (0 hoặc +84 và 9–11 chữ số).');
      callerPhone = c.value;
    }
    const callerAddress = optText('callerAddress', input.callerAddress, 500);
    const procedure = reqText('procedure', input.procedure, 500, 'Thủ tục hành chính');
    const cause = enumArg('cause', input.cause, HOTLINE_CAUSES, 'Nguyên nhân phản ánh');
    const content = reqText('content', input.content, 10_000, 'Nội dung phản ánh');
    const at = toVnIso(this.clock());
    const id = await this.store.write(async (repos) => {
      const unit = await unitIdOf(repos, input.unit, 'unit');
      const receivedDate = receivedAt.slice(0, 10);
      const year = Number(receivedDate.slice(0, 4));
      const number = await repos.letters.allocateNumber('hotline', year);
      const newId = await repos.letters.insertHotline({
        year,
        number,
        receivedAt,
        receivedDate,
        callerName,
        callerPhone,
        callerAddress,
        procedure,
        unitId: unit.id,
        cause,
        content,
        createdAt: at,
        createdBy: who.actor,
      });
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({
        actor: who.actor,
        action: 'create',
        entity: 'hotline',
        entityId: newId,
        data: { year, number, unit: unit.code, cause, caller: !!(callerName || callerPhone || callerAddress) },
      });
      await audit.finish();
      return newId;
    });
    return this.get(id, who);
  }

  async get(id: number, who: LetterActor): Promise<HotlineRecord> {
    if (!Number.isSafeInteger(id) || id < 1) fail('invalid_id', 'id', 'Mã phản ánh phải là số nguyên dương.');
    const r = await this.store.read((repos) => repos.letters.getHotline(id, who.access, vnDate(this.clock())));
    if (!r) fail('not_found', 'id', `Không có phản ánh mã ${id}.`);
    return r;
  }

  private async change(
    id: number,
    who: LetterActor,
    atRaw: unknown,
    action: string,
    build: (repos: Repositories, before: HotlineRecord, at: string) => Promise<{ patch: HotlinePatch; data: Record<string, unknown> }>,
  ): Promise<HotlineRecord> {
    const at = this.when(atRaw);
    await this.store.write(async (repos) => {
      const before = await this.existing(repos, id, who);
      if (before.status === 'closed') fail('hotline_closed', 'id', `Phản ánh số ${before.number}/${before.year} đã kết thúc.`);
      if (clearlyBefore(at, before.receivedAt)) fail('before_received', 'at', 'Thời điểm không được trước khi tiếp nhận phản ánh.');
      const { patch, data } = await build(repos, before, at);
      await repos.letters.updateHotline(id, patch, at);
      const audit = await AuditWriter.begin(repos, at);
      await audit.append({ actor: who.actor, action, entity: 'hotline', entityId: id, data: { old: { status: before.status }, ...data } });
      await audit.finish();
    });
    return this.get(id, who);
  }

  /** Forwards to the unit concerned (or another) with a deadline: working days (default setting) or a date. */
  async forward(
    id: number,
    input: { unit?: unknown; due?: unknown; dueWorkingDays?: unknown; note?: unknown; at?: unknown },
    who: LetterActor,
  ) {
    const note = optText('note', input.note, 2000);
    if (
      input.dueWorkingDays !== undefined &&
      (!Number.isInteger(input.dueWorkingDays) || (input.dueWorkingDays as number) < 1 || (input.dueWorkingDays as number) > 365)
    )
      throw new AppFailure(makeError('invalid_number', { field: 'dueWorkingDays', params: { min: 1, max: 365 } }));
    return this.change(id, who, input.at, 'forward', async (repos, before, at) => {
      if (before.status !== 'received' && before.status !== 'forwarded')
        fail('hotline_answered', 'id', `Phản ánh số ${before.number}/${before.year} đã có trả lời; không chuyển lại được.`);
      const unit = input.unit !== undefined ? await unitIdOf(repos, input.unit, 'unit') : await unitIdOf(repos, before.unit, 'unit');
      const day = at.slice(0, 10);
      let due: string;
      if (input.due !== undefined) due = checkDateArg('due', input.due);
      else {
        const s = await this.letters.settings(repos);
        const y = Number(day.slice(0, 4));
        due = (await calendarFor(repos, [y, y + 1])).addWorkingDays(
          day,
          (input.dueWorkingDays as number | undefined) ?? s.hotlineAnswerDays,
        );
      }
      if (due < day) fail('due_before_forward', 'due', 'Hạn trả lời không được trước ngày chuyển.');
      return {
        patch: { unitId: unit.id, status: 'forwarded', forwardedAt: at, forwardedBy: who.actor, dueDate: due, forwardNote: note },
        data: { new: { status: 'forwarded', unit: unit.code, due }, note },
      };
    });
  }

  async answer(id: number, input: { answer?: unknown; at?: unknown }, who: LetterActor) {
    const answer = reqText('answer', input.answer, 10_000, 'Nội dung trả lời');
    return this.change(id, who, input.at, 'answer', async (_repos, before, at) => {
      if (before.status !== 'forwarded')
        fail('not_forwarded', 'id', `Phản ánh số ${before.number}/${before.year} chưa được chuyển đơn vị xử lý.`);
      if (clearlyBefore(at, before.forwardedAt!)) fail('before_forward', 'at', 'Thời điểm trả lời không được trước khi chuyển.');
      return { patch: { status: 'answered', answer, answeredAt: at, answeredBy: who.actor }, data: { new: { status: 'answered' } } };
    });
  }

  /** Closes the item: once answered, or at once with the reason (not accepted under NĐ 20/2008 Đ9.1, duplicate…). */
  async close(id: number, input: { note?: unknown; at?: unknown }, who: LetterActor) {
    const note = optText('note', input.note, 2000);
    return this.change(id, who, input.at, 'close', async (_repos, before, at) => {
      if (before.status !== 'answered' && !note) fail('required', 'note', 'Phản ánh chưa có trả lời: cần ghi lý do kết thúc.');
      return { patch: { status: 'closed', closedAt: at, closedBy: who.actor, closeNote: note }, data: { new: { status: 'closed' }, note } };
    });
  }

  async list(
    p: {
      from?: unknown;
      to?: unknown;
      status?: unknown;
      cause?: unknown;
      unit?: unknown;
      overdue?: boolean;
      limit?: number;
      after?: { receivedDate: string; id: number };
    },
    who: LetterActor,
  ): Promise<HotlineRecord[]> {
    const from = p.from ? checkDateArg('from', p.from) : undefined;
    const to = p.to ? checkDateArg('to', p.to) : undefined;
    if (from && to && to < from) fail('invalid_range', 'to', 'Đến ngày không được trước từ ngày.');
    return this.store.read(async (repos) =>
      repos.letters.listHotline(
        {
          from,
          to,
          status: p.status ? enumArg('status', p.status, HOTLINE_STATUSES, 'Trạng thái') : undefined,
          cause: p.cause ? enumArg('cause', p.cause, HOTLINE_CAUSES, 'Nguyên nhân') : undefined,
          unitId: p.unit ? (await unitIdOf(repos, p.unit, 'unit')).id : undefined,
          overdue: !!p.overdue,
          asOf: vnDate(this.clock()),
          limit: Math.min(Math.max(p.limit ?? 200, 1), 1000),
          after: p.after,
        },
        who.access,
      ),
    );
  }
}

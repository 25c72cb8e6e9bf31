/**
 * Citizens' letters and hotline feedback on the store of this test project (SQLite, and
 * PostgreSQL in the `postgres` project): the register, handling, duplicates, deadlines in
 * working days, the protection of the people who write, bad input refused with nothing written.
 */
import { describe, expect, it } from 'vitest';
import type { LetterActor } from '../../../src/main/letters/letterService.js';
import type { Services } from '../../../src/main/services.js';
import { letterOffice } from './letterOffice.js';

/** A reception officer: handles letters (personal data) and holds the grant to see denouncers. */
export const OFFICER: LetterActor = { actor: 'can.bo.tcd', access: { personal: true, identity: true } };
/** Handles letters, without the denouncer grant. */
export const HANDLER: LetterActor = { actor: 'chuyen.vien', access: { personal: true, identity: false } };
/** Reads the register (e.g. a leader's statistics) without handling letters. */
export const READER: LetterActor = { actor: 'lanh.dao', access: { personal: false, identity: false } };

const citizen = {
  fullName: 'Nguyễn Văn Ánh',
  address: 'Thôn 3, xã Tịnh Hà, Quảng Ngãi',
  idNumber: '051 085 001 234',
  phone: '0905 123 456',
};

const addLetter = (s: Services, extra: Record<string, unknown> = {}) =>
  s.letters.add(
    {
      receivedDate: '2026-06-01',
      channel: 'post',
      kind: 'complaint',
      subject: 'Khiếu nại việc thu hồi đất tại thôn 3 xã Tịnh Hà',
      concernedOrganId: '000.00.31.H48',
      senders: [citizen],
      ...extra,
    },
    OFFICER,
  );

async function auditCount(s: Services): Promise<number> {
  // A write: PostgreSQL reads the audit head FOR UPDATE.
  return s.store.write(async (r) => (await r.audit.last())?.seq ?? 0);
}

describe('letters register', () => {
  it('numbers letters per year, normalises senders and counts the processing limit in working days', async () => {
    const { services } = await letterOffice();
    const a = await addLetter(services);
    const b = await addLetter(services, { receivedDate: '2026-04-29', kind: 'petition', subject: 'Kiến nghị sửa đường liên thôn' });
    expect([a.year, a.number, b.number]).toEqual([2026, 1, 2]);
    expect(a.senders).toEqual([{ ...citizen, idNumber: '051085001234', phone: '0905123456', representative: false }]);
    // 01/6/2026 is a Monday: 10 working days later is Monday 15/6.
    expect(a.processingDue).toBe('2026-06-15');
    // 29/4/2026 (Wed): 30/4 and 01/5 are holidays, so the 10th working day is 15/5.
    expect(b.processingDue).toBe('2026-05-15');
    expect(a).toMatchObject({
      status: 'received',
      kind: 'complaint',
      channel: 'post',
      concernedBody: 'Ủy ban nhân dân huyện Sơn Tịnh',
      senderCount: 1,
    });
  });

  it('refuses bad input with codes and writes nothing (no number used)', async () => {
    const { services } = await letterOffice();
    const before = await auditCount(services);
    const cases: [Record<string, unknown>, string][] = [
      [{ senders: [] }, 'sender_required'],
      [{ anonymous: true, senders: [] }, 'sender_required'],
      [{ senders: [{ ...citizen, idNumber: '12345' }] }, 'invalid_identity_number'],
      [{ senders: [{ ...citizen, phone: '12' }] }, 'invalid_phone'],
      [{ kind: 'khiếu nại' }, 'invalid_enum'],
      [{ channel: 'email' }, 'invalid_enum'],
      [{ receivedDate: '2026-07-05' }, 'future_date'],
      [{ receivedDate: '31/02/2026' }, 'invalid_date'],
      [{ concernedOrganId: '999.99.99.X00' }, 'unknown_organ'],
      [{ subject: '' }, 'required'],
      [{ channel: 'forwarded' }, 'required'],
      [{ earlier: [999] }, 'not_found'],
      [{ colour: 'red' }, 'unknown_field'],
    ];
    for (const [extra, code] of cases) {
      const e = await addLetter(services, extra).then(
        () => null,
        (x: { error?: { code: string; message: string } }) => x.error ?? null,
      );
      expect(e, JSON.stringify(extra)).toMatchObject({ code });
      // Personal data never comes back in a message.
      expect(e!.message).not.toMatch(/12345|Nguyễn Văn Ánh|0905/);
    }
    expect(await auditCount(services)).toBe(before);
    // The first good letter still gets number 1: nothing was used by the refusals.
    expect((await addLetter(services)).number).toBe(1);
  });

  it('finds an earlier letter of the same person on the same matter; the clerk confirms the link', async () => {
    const { services } = await letterOffice();
    const first = await addLetter(services);
    await addLetter(services, {
      senders: [{ fullName: 'Trần Thị Bình', address: 'Phường Nghĩa Chánh' }],
      subject: 'Khiếu nại thu hồi đất',
    });
    const unrelated = await addLetter(services, { kind: 'petition', subject: 'Kiến nghị về học phí', concernedOrganId: undefined });
    // Same person typed differently (no marks, other spacing), same matter.
    const again = await addLetter(services, {
      senders: [{ fullName: 'NGUYEN VAN ANH', address: 'Thôn 3,  xã Tịnh Hà, Quảng Ngãi' }],
      subject: 'Đơn khiếu nại lần 2 về thu hồi đất thôn 3 Tịnh Hà',
    });
    expect(again.duplicates.map((d) => d.id)).toEqual([first.id, unrelated.id].filter((id) => id === first.id));
    expect(again.duplicates[0]).toMatchObject({ sameBody: true, number: first.number });
    // No name in a candidate.
    expect(JSON.stringify(again.duplicates)).not.toMatch(/Ánh|ANH/);
    const linked = await services.letters.link(again.id, [first.id], OFFICER);
    expect(linked.earlier.map((e) => e.id)).toEqual([first.id]);
    expect(await services.letters.duplicates(again.id, OFFICER)).toEqual([]);
    const e = await services.letters.link(again.id, [again.id], OFFICER).catch((x) => x.error);
    expect(e.code).toBe('invalid_link');
    const list = await services.letters.list({}, OFFICER);
    expect(list.find((l) => l.id === again.id)?.earlierCount).toBe(1);
  });

  it('classifies, then gives exactly one outcome; a closed letter is not classified again', async () => {
    const { services } = await letterOffice();
    const l = await addLetter(services);
    const notYet = await services.letters.transfer(l.id, { organId: '000.00.31.H48' }, OFFICER).catch((x) => x.error);
    expect(notYet.code).toBe('not_classified');
    await services.letters.classify(
      l.id,
      { eligible: true, competence: 'outside', note: 'Thuộc thẩm quyền UBND huyện', at: '2026-06-02T09:00' },
      OFFICER,
    );
    const bad = await services.letters.transfer(l.id, { organId: 'KHONG-CO' }, OFFICER).catch((x) => x.error);
    expect(bad).toMatchObject({ code: 'unknown_organ', field: 'organId' });
    const t = await services.letters.transfer(l.id, { organId: '000.00.31.H48', ref: '15/PC-BTCD', at: '2026-06-03T10:00' }, OFFICER);
    expect(t).toMatchObject({
      status: 'transferred',
      outcome: 'transferred',
      transferOrganName: 'Ủy ban nhân dân huyện Sơn Tịnh',
      outcomeRef: '15/PC-BTCD',
    });
    const again = await services.letters.classify(l.id, { eligible: true, competence: 'within' }, OFFICER).catch((x) => x.error);
    expect(again.code).toBe('letter_closed');
    const twice = await services.letters.guide(l.id, { guidedTo: 'Tòa án' }, OFFICER).catch((x) => x.error);
    expect(twice.code).toBe('letter_closed');
    const done = await services.letters.answer(
      l.id,
      { answer: 'UBND huyện đã giải quyết tại Quyết định 12/QĐ-UBND', at: '2026-06-20T08:00' },
      OFFICER,
    );
    expect(done).toMatchObject({ status: 'answered', answeredAt: '2026-06-20T08:00:00+07:00' });
    const trail = await services.store.read((r) => r.audit.forEntity('letter', l.id));
    expect(trail.map((e) => e.action)).toEqual(['create', 'classify', 'transferred', 'answer']);
    // The trail names no one who wrote.
    expect(JSON.stringify(trail)).not.toMatch(/Ánh|051085001234|0905123456|Tịnh Hà, Quảng Ngãi/);
  });

  it('accepts a letter within competence: assigned to units with a deadline in working days, answered, follow-up lists', async () => {
    const { services, clock } = await letterOffice('2026-06-01T08:00:00+07:00');
    const l = await addLetter(services, { kind: 'petition', subject: 'Kiến nghị cấp giấy chứng nhận quyền sử dụng đất' });
    await services.letters.classify(l.id, { eligible: true, competence: 'within' }, OFFICER);
    const a = await services.letters.accept(
      l.id,
      { lead: 'STNMT', support: ['SXD'], dueWorkingDays: 5, direction: 'Giao Sở TNMT chủ trì' },
      OFFICER,
    );
    expect(a.status).toBe('accepted');
    expect(a.resolutionDue).toBe('2026-06-08');
    expect(a.assignments.map((x) => [x.unit, x.role, x.dueDate])).toEqual([
      ['STNMT', 'lead', '2026-06-08'],
      ['SXD', 'support', '2026-06-08'],
    ]);
    clock.set('2026-06-10T08:00:00+07:00');
    const overdue = await services.letters.followUp({ overdue: true }, OFFICER);
    expect(overdue.map((r) => [r.id, r.stage, r.unit])).toEqual([[l.id, 'resolution', 'STNMT']]);
    expect((await services.letters.list({ overdue: true }, OFFICER)).map((x) => x.id)).toEqual([l.id]);
    const ans = await services.letters.answer(l.id, { answer: 'Đã cấp giấy chứng nhận', ref: '88/STNMT' }, OFFICER);
    expect(ans.assignments.every((x) => x.status === 'done')).toBe(true);
    expect(await services.letters.followUp({ overdue: true }, OFFICER)).toEqual([]);
  });

  it('refuses outcomes that do not fit the classification', async () => {
    const { services } = await letterOffice();
    const l = await addLetter(services);
    await services.letters.classify(l.id, { eligible: true, competence: 'outside' }, OFFICER);
    expect((await services.letters.accept(l.id, { lead: 'STNMT' }, OFFICER).catch((x) => x.error)).code).toBe('not_competent');
    expect((await services.letters.file(l.id, {}, OFFICER).catch((x) => x.error)).code).toBe('required');
    const f = await services.letters.file(l.id, { reason: 'Đơn trùng, đã hướng dẫn' }, OFFICER);
    expect(f).toMatchObject({ status: 'filed', outcomeNote: 'Đơn trùng, đã hướng dẫn' });
    const x = await services.letters.answer(l.id, { answer: 'x' }, OFFICER).catch((e) => e.error);
    expect(x.code).toBe('not_answerable');
  });
});

describe('protection of the people who write', () => {
  it("shows a denunciation's author only with the grant, audits every view, and keeps it out of lists", async () => {
    const { services } = await letterOffice();
    const d = await addLetter(services, {
      kind: 'denunciation',
      subject: 'Tố cáo cán bộ địa chính xã nhận tiền',
      concernedOrganId: '000.00.31.H48',
    });
    const c = await addLetter(services, { kind: 'complaint' });
    const asHandler = await services.letters.get(d.id, HANDLER);
    expect(asHandler).toMatchObject({ senders: null, sendersHidden: 'identity', senderCount: 1 });
    expect(JSON.stringify(asHandler)).not.toMatch(/Ánh|051085001234|0905123456/);
    // Other letters' senders: handlers yes, other roles no.
    expect((await services.letters.get(c.id, HANDLER)).senders?.[0]?.fullName).toBe('Nguyễn Văn Ánh');
    expect(await services.letters.get(c.id, READER)).toMatchObject({ senders: null, sendersHidden: 'personal' });
    const list = await services.letters.list({}, OFFICER);
    expect(list.find((x) => x.id === d.id)?.senderName).toBeNull();
    expect(list.find((x) => x.id === c.id)?.senderName).toBe('Nguyễn Văn Ánh');
    expect((await services.letters.list({}, READER)).every((x) => x.senderName === null)).toBe(true);
    // With the grant: shown, and the view is in the trail.
    const seen = await services.letters.get(d.id, OFFICER);
    expect(seen.senders?.[0]?.idNumber).toBe('051085001234');
    const trail = await services.store.read((r) => r.audit.forEntity('letter', d.id));
    expect(trail.filter((e) => e.action === 'view_identity').map((e) => e.actor)).toEqual(['can.bo.tcd']);
    // Exports leave the author out without the grant.
    const rows = await services.letters.exportRows('2026-01-01', '2026-06-30', HANDLER);
    expect(rows.find((r) => r.id === d.id)?.senders).toBeNull();
    expect(rows.find((r) => r.id === c.id)?.senders).toHaveLength(1);
    // Changing a denunciation's author needs the grant too.
    const e = await services.letters.update(d.id, { senders: [{ fullName: 'X' }] }, HANDLER).catch((x) => x.error);
    expect(e.code).toBe('forbidden');
  });
});

describe('hotline feedback', () => {
  it('records the call, forwards it with a deadline, takes the answer, closes, and hides the caller from non-handlers', async () => {
    const { services, clock } = await letterOffice('2026-06-01T09:00:00+07:00');
    const h = await services.hotline.add(
      {
        callerName: 'Lê Thị Cúc',
        callerPhone: '+84 912 345 678',
        procedure: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
        unit: 'SXD',
        cause: 'late_return',
        content: 'Hồ sơ nộp ngày 10/5 đến nay chưa trả kết quả',
      },
      HANDLER,
    );
    expect(h).toMatchObject({ number: 1, status: 'received', caller: { name: 'Lê Thị Cúc', phone: '0912345678', address: null } });
    expect(await services.hotline.get(h.id, READER)).toMatchObject({ caller: null, callerHidden: true });
    const f = await services.hotline.forward(h.id, {}, HANDLER);
    expect(f).toMatchObject({ status: 'forwarded', dueDate: '2026-06-08', unit: 'SXD' });
    clock.set('2026-06-09T09:00:00+07:00');
    expect((await services.hotline.list({ overdue: true }, HANDLER)).map((x) => x.id)).toEqual([h.id]);
    const a = await services.hotline.answer(h.id, { answer: 'Đã trả kết quả ngày 09/6' }, HANDLER);
    expect(a.status).toBe('answered');
    const c = await services.hotline.close(h.id, {}, HANDLER);
    expect(c.status).toBe('closed');
    expect((await services.hotline.close(h.id, { note: 'x' }, HANDLER).catch((e) => e.error)).code).toBe('hotline_closed');
    const trail = await services.store.read((r) => r.audit.forEntity('hotline', h.id));
    expect(JSON.stringify(trail)).not.toMatch(/Cúc|0912345678/);
  });

  it('refuses bad input with codes, writing nothing', async () => {
    const { services } = await letterOffice();
    const before = await auditCount(services);
    const base = { procedure: 'Cấp phép', unit: 'SXD', cause: 'refusal', content: 'Bị từ chối' };
    for (const [extra, code] of [
      [{ unit: 'KHONG' }, 'unknown_unit'],
      [{ cause: 'slow' }, 'invalid_enum'],
      [{ callerPhone: 'abc' }, 'invalid_phone'],
      [{ content: '' }, 'required'],
    ] as const) {
      expect((await services.hotline.add({ ...base, ...extra }, HANDLER).catch((e) => e.error)).code).toBe(code);
    }
    expect(await auditCount(services)).toBe(before);
    const h = await services.hotline.add(base, HANDLER);
    expect(h.number).toBe(1);
    expect((await services.hotline.answer(h.id, { answer: 'x' }, HANDLER).catch((e) => e.error)).code).toBe('not_forwarded');
    expect((await services.hotline.close(h.id, {}, HANDLER).catch((e) => e.error)).code).toBe('required');
  });

  it('turns a call that is really a petition into a letter, closing the item in the same transaction', async () => {
    const { services } = await letterOffice('2026-06-01T09:00:00+07:00');
    const call = {
      callerName: 'Lê Thị Cúc',
      callerPhone: '0912 345 678',
      callerAddress: 'Xã Tịnh Hà',
      procedure: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      unit: 'SXD',
      cause: 'refusal',
      content: 'Cán bộ từ chối nhận hồ sơ, đề nghị xem xét',
    } as const;
    const named = await services.hotline.add(call, HANDLER);
    const anonymous = await services.hotline.add(
      { ...call, callerName: undefined, callerPhone: undefined, callerAddress: undefined },
      HANDLER,
    );

    // Refused, writing nothing: a complaint needs a name; a bad kind; an unknown item.
    const before = await auditCount(services);
    for (const [id, kind, code] of [
      [anonymous.id, 'complaint', 'sender_required'],
      [named.id, 'letter', 'invalid_enum'],
      [999, 'petition', 'not_found'],
    ] as const)
      expect((await services.letters.fromHotline(id, { kind }, HANDLER).catch((e) => e.error)).code).toBe(code);
    expect(await auditCount(services)).toBe(before);
    expect((await services.hotline.get(anonymous.id, HANDLER)).status).toBe('received');

    const letter = await services.letters.fromHotline(named.id, { kind: 'petition' }, HANDLER);
    expect(letter).toMatchObject({
      number: 1,
      channel: 'hotline',
      kind: 'petition',
      receivedDate: '2026-06-01',
      subject: 'Phản ánh về thủ tục: Cấp giấy phép xây dựng nhà ở riêng lẻ',
      summary: call.content,
      concernedBody: 'Sở Xây dựng',
      anonymous: false,
      senders: [{ fullName: 'Lê Thị Cúc', address: 'Xã Tịnh Hà', phone: '0912345678', idNumber: null, representative: false }],
      status: 'received',
    });
    expect(await services.hotline.get(named.id, HANDLER)).toMatchObject({
      status: 'closed',
      closeNote: 'Chuyển thành đơn kiến nghị số 1/2026.',
    });
    // Closed: not turned into a second letter.
    expect((await services.letters.fromHotline(named.id, { kind: 'petition' }, HANDLER).catch((e) => e.error)).code).toBe('hotline_closed');
    // An anonymous caller becomes an anonymous feedback letter.
    const anon = await services.letters.fromHotline(anonymous.id, { kind: 'feedback', subject: 'Phản ánh cán bộ từ chối hồ sơ' }, HANDLER);
    expect(anon).toMatchObject({ number: 2, anonymous: true, senderCount: 0, subject: 'Phản ánh cán bộ từ chối hồ sơ' });
    const trail = await services.store.read((r) => r.audit.forEntity('hotline', named.id));
    expect(trail.map((e) => e.action)).toContain('to_letter');
    expect(JSON.stringify(trail)).not.toMatch(/Cúc|0912345678/);
  });
});

describe('statistics', () => {
  it('counts letters by kind, channel and outcome as of the period end, and hotline items by cause', async () => {
    const { services, clock } = await letterOffice('2026-03-01T08:00:00+07:00');
    const mk = async (date: string, kind: string, channel: string) =>
      services.letters.add(
        { receivedDate: date, kind, channel, subject: `Đơn ${date} ${kind}`, senders: [{ fullName: `Người ${date}` }] },
        OFFICER,
      );
    clock.set('2026-03-31T08:00:00+07:00');
    const a = await mk('2026-03-02', 'complaint', 'post');
    const b = await mk('2026-03-03', 'denunciation', 'in_person');
    const c = await mk('2026-03-04', 'feedback', 'hotline');
    await mk('2026-02-27', 'petition', 'portal'); // before the period
    await services.letters.classify(a.id, { eligible: true, competence: 'outside', at: '2026-03-05T08:00' }, OFFICER);
    await services.letters.transfer(a.id, { organId: '000.00.15.H48', at: '2026-03-06T08:00' }, OFFICER);
    await services.letters.classify(b.id, { eligible: true, competence: 'outside', at: '2026-03-05T08:00' }, OFFICER);
    await services.letters.guide(b.id, { guidedTo: 'Công an tỉnh', at: '2026-03-20T08:00' }, OFFICER);
    await services.hotline.add(
      { procedure: 'Đăng ký đất đai', unit: 'STNMT', cause: 'late_return', content: 'Chậm', receivedAt: '2026-03-10T08:00' },
      HANDLER,
    );
    await services.hotline.add(
      { procedure: 'Cấp phép', unit: 'SXD', cause: 'refusal', content: 'Từ chối', receivedAt: '2026-03-11T08:00' },
      HANDLER,
    );
    const s = await services.letterStats.stats({ from: '2026-03-01', to: '2026-03-15' });
    expect(s.letters).toMatchObject({
      received: 3,
      transferred: 1,
      guided: 0,
      pending: 2,
      byKind: { complaint: 1, denunciation: 1, feedback: 1, petition: 0 },
    });
    expect(s.letters.byChannel).toMatchObject({ post: 1, in_person: 1, hotline: 1, portal: 0 });
    // The feedback letter of 04/3 was past its 10 working days on 16/3 — overdue at the period's end.
    expect(s.letters.overdueProcessing).toBe(1);
    expect(s.hotline).toMatchObject({ received: 2, byCause: { late_return: 1, refusal: 1, harassment: 0, other: 0 } });
    const all = await services.letterStats.stats({ from: '2026-03-01', to: '2026-03-31' });
    expect(all.letters).toMatchObject({ received: 3, transferred: 1, guided: 1 });
    expect(c.id).toBeGreaterThan(0);
    const e = await services.letterStats.stats({ from: '2026-03-31', to: '2026-03-01' }).catch((x) => x.error);
    expect(e.code).toBe('invalid_range');
  });
});

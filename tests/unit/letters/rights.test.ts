/**
 * Letters under the signed-in account, through the contract (dispatch, as the app and the
 * web host call it) on the store of this test project (SQLite, and PostgreSQL in the
 * `postgres` project): a denouncer's identity only with the `confidential` grant, senders
 * only to the roles that handle letters, a specialist only their unit's letters and hotline
 * items, the CSV export without personal data unless asked and allowed; refusals coded,
 * nothing written.
 */
import { describe, expect, it } from 'vitest';
import type { HotlineRecord, LetterFollowUpItem, LetterListItem, LetterStats } from '../../../src/shared/domain/letters.js';
import { PROTECTED_IDENTITY } from '../../../src/main/letters/letterExport.js';
import { SPECIALIST_UNIT } from '../../support/accounts.js';
import { contractAs } from '../helpers.js';
import { letterOffice } from './letterOffice.js';

const ANH = { fullName: 'Nguyễn Văn Ánh', address: 'Thôn 3, xã Tịnh Hà', idNumber: '051085001234', phone: '0905123456' };
const BINH = { fullName: 'Trần Thị Bình', address: 'Tổ 5, phường Nghĩa Lộ', idNumber: '051190004321', phone: '0912000111' };

/** The trail's last entry, whole (the PostgreSQL store's `last` gives only the chain's head). */
async function lastEntry(s: Awaited<ReturnType<typeof letterOffice>>['services']) {
  const seq = await auditSeq(s);
  return (await s.store.read((r) => r.audit.scan(seq - 1, 1)))[0]!;
}

async function auditSeq(s: Awaited<ReturnType<typeof letterOffice>>['services']): Promise<number> {
  return s.store.write(async (r) => (await r.audit.last())?.seq ?? 0);
}

/** The value of a call that must succeed. */
function ok<T>(r: { ok: boolean; value?: unknown }): T {
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return r.value as T;
}

const csv = (r: { ok: boolean; value?: unknown }) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode((r.value as { bytes: Uint8Array }).bytes);

describe('letters under accounts', () => {
  it('denouncer only with the confidential grant; a specialist sees and answers only their unit’s letters; exports follow', async () => {
    const { services } = await letterOffice();
    const clerk = await contractAs(services, 'clerk'); // no confidential grant
    const leader = await contractAs(services, 'leader'); // confidential grant
    const specialist = await contractAs(services, 'specialist'); // unit KHDT, no grant
    const archivist = await contractAs(services, 'archivist');
    const base = { receivedDate: '2026-06-01', channel: 'post', concernedOrganId: '000.00.31.H48' };
    const add = async (data: Record<string, unknown>) => {
      const r = await clerk.call('letter.add', { data: { ...base, ...data } });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      return (r as { value: { id: number } }).value.id;
    };
    const d = await add({ kind: 'denunciation', subject: 'Tố cáo cán bộ địa chính xã nhận tiền', senders: [BINH] });
    const c = await add({ kind: 'complaint', subject: 'Khiếu nại việc thu hồi đất', senders: [ANH] });
    const e = await add({ kind: 'petition', subject: 'Kiến nghị sửa đường liên thôn', senders: [ANH] });

    // The clerk handles letters without the grant: senders yes, the denouncer no.
    const dClerk = await clerk.call('letter.get', { id: d });
    expect(dClerk).toMatchObject({ ok: true, value: { senders: null, sendersHidden: 'identity', senderCount: 1 } });
    expect(JSON.stringify(dClerk)).not.toMatch(/Bình|051190004321|0912000111/);
    expect(await clerk.call('letter.get', { id: c })).toMatchObject({ ok: true, value: { senders: [{ fullName: ANH.fullName }] } });
    const listed = ok<LetterListItem[]>(await clerk.call('letter.list', {}));
    expect(listed.map((l) => [l.id, l.senderName])).toEqual([
      [e, ANH.fullName],
      [c, ANH.fullName],
      [d, null],
    ]);
    // The leader holds the grant: the author is shown and the view is in the trail under their name.
    expect(await leader.call('letter.get', { id: d })).toMatchObject({ ok: true, value: { senders: [{ idNumber: BINH.idNumber }] } });
    const trail = await services.store.read((r) => r.audit.forEntity('letter', d));
    expect(trail.filter((x) => x.action === 'view_identity').map((x) => x.actor)).toEqual(['ld.leader']);
    // Without the grant, the author cannot be replaced either.
    expect(await clerk.call('letter.update', { id: d, data: { senders: [{ fullName: 'X' }] } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // A specialist sees nothing until a letter is assigned to their unit.
    expect(await specialist.call('letter.list', {})).toEqual({ ok: true, value: [] });
    expect(await specialist.call('letter.get', { id: c })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const id of [d, c, e]) {
      const cl = await leader.call('letter.classify', { id, eligible: true, competence: 'within' });
      expect(cl.ok, JSON.stringify(cl)).toBe(true);
    }
    for (const [id, unit] of [
      [d, SPECIALIST_UNIT.code],
      [c, SPECIALIST_UNIT.code],
      [e, 'STNMT'],
    ] as const) {
      const r = await leader.call('letter.handle', { id, action: 'accept', lead: unit, dueWorkingDays: 30 });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const mine = ok<LetterListItem[]>(await specialist.call('letter.list', {}));
    expect(mine.map((l) => l.id)).toEqual([c, d]);
    expect(await specialist.call('letter.get', { id: c })).toMatchObject({ ok: true, value: { senders: [{ fullName: ANH.fullName }] } });
    expect(await specialist.call('letter.get', { id: d })).toMatchObject({ ok: true, value: { senders: null, sendersHidden: 'identity' } });
    // Another unit's letter: as if it did not exist, and answering it writes nothing.
    const before = await auditSeq(services);
    expect(await specialist.call('letter.get', { id: e })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await specialist.call('letter.answer', { id: e, answer: 'Đã giải quyết' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await specialist.call('letter.duplicates', { id: e })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await auditSeq(services)).toBe(before);
    // Their own: answered.
    expect(await specialist.call('letter.answer', { id: c, answer: 'Đã trả lời công dân bằng văn bản' })).toMatchObject({
      ok: true,
      value: { status: 'answered' },
    });
    // Their figures and follow-up are their unit's; the office's are everyone's.
    const sStats = ok<LetterStats>(await specialist.call('letter.stats', { from: '2026-01-01', to: '2026-06-30' }));
    expect([sStats.letters.received, sStats.letters.answered]).toEqual([2, 1]);
    const oStats = ok<LetterStats>(await leader.call('letter.stats', { from: '2026-01-01', to: '2026-06-30' }));
    expect(oStats.letters.received).toBe(3);
    const follow = ok<LetterFollowUpItem[]>(await specialist.call('letter.followUp', { days: 365 }));
    expect(follow.map((f) => f.id)).toEqual([d]);

    // Hotline: a specialist sees the items concerning their unit, with the caller.
    const h1 = await clerk.call('hotline.add', {
      callerName: 'Lê Thị Cúc',
      procedure: 'Cấp giấy chứng nhận đầu tư',
      unit: SPECIALIST_UNIT.code,
      cause: 'late_return',
      content: 'Hồ sơ quá hạn chưa trả',
    });
    expect(h1.ok, JSON.stringify(h1)).toBe(true);
    const h2 = await clerk.call('hotline.add', { procedure: 'Cấp phép xây dựng', unit: 'SXD', cause: 'refusal', content: 'Bị từ chối' });
    expect(h2.ok).toBe(true);
    const hl = ok<HotlineRecord[]>(await specialist.call('hotline.list', {}));
    expect(hl.map((h) => [h.procedure, h.caller?.name])).toEqual([['Cấp giấy chứng nhận đầu tư', 'Lê Thị Cúc']]);
    expect(await specialist.call('hotline.get', { id: (h2 as { value: { id: number } }).value.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    // Exports: without personal data by default; with it, only what the reader may see.
    const plain = csv(await leader.call('letter.export', { from: '2026-01-01', to: '2026-06-30' }));
    expect(plain.startsWith('\uFEFFSố đơn,Ngày nhận')).toBe(true);
    expect(plain).toContain('Tố cáo cán bộ địa chính xã nhận tiền');
    expect(plain).not.toMatch(/Ánh|Bình|051085001234|051190004321|Họ tên người đứng đơn/);
    const clerkCsv = csv(await clerk.call('letter.export', { from: '2026-01-01', to: '2026-06-30', personal: true }));
    expect(clerkCsv).toContain(ANH.idNumber);
    expect(clerkCsv).toContain(PROTECTED_IDENTITY);
    expect(clerkCsv).not.toMatch(/Bình|051190004321|0912000111/);
    const leaderCsv = csv(await leader.call('letter.export', { from: '2026-01-01', to: '2026-06-30', personal: true }));
    expect(leaderCsv).toContain(BINH.idNumber);
    const exported = await lastEntry(services);
    expect(exported).toMatchObject({ actor: 'ld.leader', action: 'export', entity: 'letters' });
    expect(JSON.parse(String(exported?.data))).toMatchObject({ letters: 3, identity: true, personal: true });
    const specCsv = csv(await specialist.call('letter.export', { from: '2026-01-01', to: '2026-06-30', personal: true }));
    expect(specCsv.trim().split('\r\n')).toHaveLength(3); // header + their two letters
    expect(specCsv).not.toContain('Kiến nghị sửa đường liên thôn');

    // Roles that do not handle letters are refused by the permission table: the refusal is
    // in the trail, nothing else is written.
    const seq = await auditSeq(services);
    for (const m of ['letter.list', 'letter.export'] as const) {
      const r = await archivist.call(m, m === 'letter.list' ? {} : { from: '2026-01-01', to: '2026-06-30' });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await specialist.call('letter.add', { data: { ...base, kind: 'petition', subject: 'x', senders: [ANH] } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await auditSeq(services)).toBe(seq + 3);
    expect(await lastEntry(services)).toMatchObject({ action: 'refused', actor: 'cv.khdt' });
    expect(ok<LetterListItem[]>(await leader.call('letter.list', {}))).toHaveLength(3);
  });
});

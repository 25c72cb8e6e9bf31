/**
 * The file plan and dossiers (issue 14 slice a), on both stores: a year's plan with big and
 * small headings and computed codes, approval, a copy into the next year; dossiers opened
 * from the plan and ad hoc, documents filed in the order of events (one document in two
 * dossiers), closing with its checks; each mistake refused with its code, nothing written.
 */
import { describe, expect, it } from 'vitest';
import { ACTOR, doc, freshServices } from '../helpers.js';
import { rawSql } from '../helpers/stores.js';
import { DRAFT } from '../outgoing/fixtures.js';
import type { Services } from '../../../src/main/services.js';

async function refused(p: Promise<unknown>): Promise<{ code: string; field?: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return (e as { error: { code: string; field?: string; details?: Record<string, unknown> } }).error;
  }
  throw new Error('expected a refusal');
}

async function auditCount(s: Services): Promise<number> {
  // A write that writes nothing: the trail's head is read as a writer reads it (PostgreSQL locks it).
  return s.store.write(async (r) => (await r.audit.last())?.seq ?? 0);
}

async function planned(s: Services) {
  await s.archive.addHeading({ year: 2026, title: 'TỔ CHỨC, CÁN BỘ', abbreviation: 'TCCB' }, ACTOR);
  await s.archive.addHeading({ year: 2026, title: 'Công tác cán bộ', parent: 'TCCB' }, ACTOR);
  await s.archive.addHeading({ year: 2026, title: 'Đào tạo, bồi dưỡng', parent: 'TCCB' }, ACTOR);
  await s.archive.addHeading({ year: 2026, title: 'VĂN PHÒNG', abbreviation: 'VP' }, ACTOR);
  await s.archive.addPlanDossier(
    { year: 2026, heading: 'TCCB.1', title: 'Hồ sơ quy hoạch cán bộ năm 2026', retention: 'Vĩnh viễn', creator: 'Trần Thị Bình' },
    ACTOR,
  );
  await s.archive.addPlanDossier(
    { year: 2026, heading: 'TCCB.2', title: 'Hồ sơ cử cán bộ đi học', retention: '20 năm', creator: 'Trần Thị Bình' },
    ACTOR,
  );
  return s.archive.addPlanDossier({ year: 2026, heading: 'VP', title: 'Tập lưu văn bản đi năm 2026', retention: 50 }, ACTOR);
}

describe('file plan (Danh mục hồ sơ)', () => {
  it('numbers headings I, II and 1, 2 and codes dossiers 01.TCCB…, counts the closing line, approves and copies', async () => {
    const { services: s } = await freshServices({ now: '2026-01-05T09:00:00+07:00' });
    const plan = await planned(s);
    expect(plan.headings.map((h) => `${h.number}. ${h.title}`)).toEqual([
      'I. TỔ CHỨC, CÁN BỘ',
      '1. Công tác cán bộ',
      '2. Đào tạo, bồi dưỡng',
      'II. VĂN PHÒNG',
    ]);
    expect(plan.dossiers.map((d) => d.code)).toEqual(['01.TCCB', '02.TCCB', '03.VP']);
    expect(plan.totals).toEqual({ dossiers: 3, permanent: 1, limited: 2, unseen: 0 });

    // Per-heading numbering restarts at 01 in each big heading.
    await s.archive.createPlan({ year: 2027, numbering: 'per_heading' }, ACTOR);
    await s.archive.addHeading({ year: 2027, title: 'TỔ CHỨC', abbreviation: 'TC' }, ACTOR);
    await s.archive.addHeading({ year: 2027, title: 'VĂN PHÒNG', abbreviation: 'VP' }, ACTOR);
    await s.archive.addPlanDossier({ year: 2027, heading: 'TC', title: 'A', retention: 10 }, ACTOR);
    const p27 = await s.archive.addPlanDossier({ year: 2027, heading: 'VP', title: 'B', retention: 10 }, ACTOR);
    expect(p27.dossiers.map((d) => d.code)).toEqual(['01.TC', '01.VP']);

    const approved = await s.archive.approvePlan({ year: 2026, decisionNumber: '12/QĐ-UBND', decisionDate: '05/01/2026' }, ACTOR);
    expect(approved).toMatchObject({
      status: 'approved',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2026-01-05',
      approvedBy: ACTOR.actor,
    });
    // An approved plan is fixed: by the service, and by the database under raw SQL.
    expect((await refused(s.archive.addHeading({ year: 2026, title: 'X', abbreviation: 'X' }, ACTOR))).code).toBe('plan_approved');
    expect((await refused(s.archive.addPlanDossier({ year: 2026, heading: 'VP', title: 'X', retention: 5 }, ACTOR))).code).toBe(
      'plan_approved',
    );

    const copy = await s.archive.copyPlan({ from: 2026, year: 2028 }, ACTOR);
    expect(copy).toMatchObject({ year: 2028, status: 'draft', copiedFrom: approved.id });
    expect(copy.dossiers.map((d) => [d.code, d.title, d.retention])).toEqual([
      ['01.TCCB', 'Hồ sơ quy hoạch cán bộ năm 2026', null],
      ['02.TCCB', 'Hồ sơ cử cán bộ đi học', 20],
      ['03.VP', 'Tập lưu văn bản đi năm 2026', 50],
    ]);
    expect(copy.headings.map((h) => h.number)).toEqual(['I', '1', '2', 'II']);
  });

  it('refuses bad input with codes and writes nothing', async () => {
    const { services: s } = await freshServices({ now: '2026-01-05T09:00:00+07:00' });
    await planned(s);
    const before = await auditCount(s);
    const cases: [() => Promise<unknown>, string, string?][] = [
      [() => s.archive.addHeading({ year: 2026, title: 'Trùng', abbreviation: 'TCCB' }, ACTOR), 'abbreviation_taken', 'abbreviation'],
      [() => s.archive.addHeading({ year: 2026, title: 'Sai', abbreviation: 'tc cb' }, ACTOR), 'invalid_code', 'abbreviation'],
      [() => s.archive.addHeading({ year: 2026, title: 'Con', parent: 'KHONGCO' }, ACTOR), 'heading_not_found', 'parent'],
      [() => s.archive.addPlanDossier({ year: 2026, heading: 'TCCB.9', title: 'X', retention: 5 }, ACTOR), 'heading_not_found', 'heading'],
      [
        () => s.archive.addPlanDossier({ year: 2026, heading: 'VP', title: 'X', retention: 'mãi mãi' }, ACTOR),
        'invalid_retention',
        'retention',
      ],
      [() => s.archive.addPlanDossier({ year: 2026, heading: 'VP', title: '', retention: 5 }, ACTOR), 'required', 'title'],
      [() => s.archive.addPlanDossier({ year: 2031, heading: 'VP', title: 'X', retention: 5 }, ACTOR), 'plan_not_found', 'year'],
      [
        () => s.archive.approvePlan({ year: 2026, decisionNumber: '1/QĐ', decisionDate: '31/02/2026' }, ACTOR),
        'invalid_date',
        'decisionDate',
      ],
      [() => s.archive.createPlan({ year: 2026 }, ACTOR), 'plan_exists', 'year'],
      [
        () => s.archive.open({ title: 'Hồ sơ trùng mã', code: '01.TCCB', retention: 10, startDate: '2026-02-01' }, ACTOR),
        'code_taken',
        'code',
      ],
      [() => s.archive.open({ title: 'Mã sai', code: '1/TCCB', retention: 10 }, ACTOR), 'invalid_code', 'code'],
    ];
    for (const [p, code, field] of cases) {
      const e = await refused(p());
      expect(e.code, code).toBe(code);
      if (field) expect(e.field, code).toBe(field);
    }
    await s.archive.createPlan({ year: 2029 }, ACTOR);
    expect((await refused(s.archive.approvePlan({ year: 2029, decisionNumber: '1/QĐ', decisionDate: '2029-01-02' }, ACTOR))).code).toBe(
      'plan_empty',
    );
    expect(await auditCount(s)).toBe(before + 1);
    expect((await s.archive.plan(2026)).dossiers).toHaveLength(3);
  });
});

describe('dossiers (hồ sơ)', () => {
  it('opens from the plan and ad hoc, files in the order of events, shares a document, closes with due date and expiry', async () => {
    const { services: s, clock, dbPath } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const plan = await planned(s);
    const a = await s.incoming.add(doc({ arrivalDate: '2026-03-05T08:30:00+07:00' }), ACTOR);
    const b = await s.incoming.add(
      doc({ symbol: '45/BC-SNV', arrivalDate: '2026-03-03T08:30:00+07:00', subject: 'Báo cáo nhân sự quý I' }),
      ACTOR,
    );
    const out = await s.outgoing.draft(DRAFT, ACTOR);
    clock.set('2026-03-10T09:00:00+07:00');
    const d1 = await s.archive.open({ id: plan.dossiers[0]!.id, startDate: '2026-03-01' }, ACTOR);
    expect(d1).toMatchObject({
      state: 'open',
      code: '01.TCCB',
      creator: 'Trần Thị Bình',
      fileCode: 'UBND.2026.01.TCCB',
      retentionLabel: 'Vĩnh viễn',
    });
    const adhoc = await s.archive.open(
      { title: 'Hồ sơ tiếp đoàn công tác', code: '15.VP', retention: '10', startDate: '2026-03-02' },
      ACTOR,
    );
    expect(adhoc).toMatchObject({ state: 'open', year: 2026, planId: null, retention: 10 });

    await s.archive.addDoc({ id: d1.id, kind: 'incoming', docId: a.id }, ACTOR);
    // Filed later, but arrived earlier: takes the first place.
    expect(await s.archive.addDoc({ id: d1.id, kind: 'incoming', docId: b.id, note: 'bản chính' }, ACTOR)).toMatchObject({
      ordinal: 1,
      docTotal: 2,
    });
    let detail = await s.archive.get(d1.id, ACTOR);
    expect(detail.items.map((i) => [i.ordinal, i.docId])).toEqual([
      [1, b.id],
      [2, a.id],
    ]);
    expect(await s.archive.addDoc({ id: d1.id, kind: 'outgoing', docId: out.id }, ACTOR)).toMatchObject({ ordinal: 3, docTotal: 3 });
    detail = await s.archive.get(d1.id, ACTOR);
    expect(detail.items.map((i) => i.ordinal)).toEqual([1, 2, 3]);
    // «Tác giả» of an outgoing document is the office itself, as the Mục lục prints it.
    expect(detail.items[2]).toMatchObject({ kind: 'outgoing', draft: true, author: 'Ủy ban nhân dân tỉnh Quảng Ngãi' });
    // One document in two dossiers, without a copy.
    await s.archive.addDoc({ id: adhoc.id, kind: 'incoming', docId: a.id }, ACTOR);
    expect((await s.archive.dossiersOf('incoming', a.id)).map((d) => d.code).sort()).toEqual(['01.TCCB', '15.VP']);

    expect((await refused(s.archive.addDoc({ id: d1.id, kind: 'incoming', docId: a.id }, ACTOR))).code).toBe('already_filed');
    expect((await refused(s.archive.addDoc({ id: d1.id, kind: 'incoming', docId: 999 }, ACTOR))).code).toBe('not_found');

    // Closing asks to confirm title and retention, and flags the draft.
    expect((await refused(s.archive.close({ id: d1.id }, ACTOR))).code).toBe('confirm_needed');
    const unclean = await refused(s.archive.close({ id: d1.id, title: d1.title, retention: 'Vĩnh viễn' }, ACTOR));
    expect(unclean).toMatchObject({ code: 'dossier_unclean', details: { flagged: [{ ordinal: 3, draft: true }] } });
    detail = await s.archive.removeDoc({ id: d1.id, kind: 'outgoing', docId: out.id, reason: 'dự thảo' }, ACTOR);
    expect(detail.docTotal).toBe(2);
    clock.set('2026-06-30T16:00:00+07:00');
    const closed = await s.archive.close({ id: d1.id, title: 'Hồ sơ quy hoạch cán bộ giai đoạn 2026-2031', retention: 'Vĩnh viễn' }, ACTOR);
    expect(closed).toMatchObject({ state: 'closed', endDate: '2026-06-30', dueDate: '2027-12-31', expiryYear: null, docTotal: 2 });
    expect(closed.title).toBe('Hồ sơ quy hoạch cán bộ giai đoạn 2026-2031');

    // Membership is frozen: by the service and by the database under raw SQL.
    expect((await refused(s.archive.addDoc({ id: d1.id, kind: 'outgoing', docId: out.id }, ACTOR))).code).toBe('dossier_not_open');
    const raw = await rawSql(dbPath);
    try {
      await expect(raw.exec(`DELETE FROM dossier_items WHERE dossier_id = ${d1.id}`)).rejects.toThrow(/vt:dossier_not_open/);
      await expect(
        raw.exec(
          `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by) VALUES (${d1.id}, 'outgoing', ${out.id}, 9, 'x', 'x', 'x')`,
        ),
      ).rejects.toThrow(/vt:dossier_not_open/);
    } finally {
      await raw.close();
    }

    // A dossier kept under five years is not due at the agency archive; its expiry year is set.
    const short = await s.archive.open({ title: 'Hồ sơ hội nghị', code: '20.VP', retention: 3, startDate: '2026-03-01' }, ACTOR);
    expect((await refused(s.archive.close({ id: short.id, title: 'Hồ sơ hội nghị', retention: 3 }, ACTOR))).code).toBe('dossier_empty');
    await s.archive.addDoc({ id: short.id, kind: 'incoming', docId: b.id }, ACTOR);
    const shortClosed = await s.archive.close({ id: short.id, title: 'Hồ sơ hội nghị', retention: 3 }, ACTOR);
    expect(shortClosed).toMatchObject({ dueDate: null, expiryYear: 2029 });

    const found = await s.archive.list({ query: 'quy hoach can bo' });
    expect(found.items.map((d) => d.code)).toEqual(['01.TCCB']);
    expect((await s.archive.list({ query: 'nhan su quy' })).items.map((d) => d.code).sort()).toEqual(['01.TCCB', '20.VP']);
    expect((await s.archive.list({ year: 2026, state: 'closed' })).total).toBe(2);
    expect((await s.archive.list({ code: '15.VP' })).items).toHaveLength(1);
  });
});

describe("a dossier's ordinals", () => {
  it('follow the order of events however late each is filed; taking one out closes the gap; one item per ordinal on both stores', async () => {
    const { services: s, dbPath } = await freshServices({ now: '2026-03-10T09:00:00+07:00' });
    const arrived = async (hour: number) =>
      (
        await s.incoming.add(
          doc({
            symbol: `${hour}/STC`,
            subject: `Đến lúc ${hour} giờ`,
            arrivalDate: `2026-03-05T${String(hour).padStart(2, '0')}:00:00+07:00`,
          }),
          ACTOR,
        )
      ).id;
    const at = { 8: await arrived(8), 9: await arrived(9), 10: await arrived(10), 12: await arrived(12) };
    const d = await s.archive.open({ title: 'Hồ sơ thứ tự', code: '50.VP', retention: 10, startDate: '2026-03-01' }, ACTOR);
    for (const h of [10, 12, 8, 9] as const) await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: at[h] }, ACTOR);
    const order = async () => (await s.archive.get(d.id, ACTOR)).items.map((i) => `${i.ordinal}:${i.symbol}`);
    expect(await order()).toEqual(['1:8/STC', '2:9/STC', '3:10/STC', '4:12/STC']);
    await s.archive.removeDoc({ id: d.id, kind: 'incoming', docId: at[9] }, ACTOR);
    expect(await order()).toEqual(['1:8/STC', '2:10/STC', '3:12/STC']);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: at[9] }, ACTOR);
    expect(await order()).toEqual(['1:8/STC', '2:9/STC', '3:10/STC', '4:12/STC']);
    // Past the application, an ordinal moved onto a taken one is refused by the database.
    const raw = await rawSql(dbPath);
    try {
      await expect(raw.exec(`UPDATE dossier_items SET ordinal = 1 WHERE dossier_id = ${d.id} AND doc_id = ${at[12]}`)).rejects.toThrow(
        /UNIQUE constraint failed: dossier_items|dossier_items_ordinal/,
      );
    } finally {
      await raw.close();
    }
    expect(await order()).toEqual(['1:8/STC', '2:9/STC', '3:10/STC', '4:12/STC']);
  });
});

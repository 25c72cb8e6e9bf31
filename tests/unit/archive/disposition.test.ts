/**
 * The life of a dossier after closing, on both stores: one handed over to the agency archive
 * and declared (then frozen, even under raw SQL), one destroyed by a council's decision
 * (tombstones kept, content removed, a held one refused); holds, the due list with its
 * reminder, keep-back limits and the usage register; each mistake a coded error, nothing written.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ACTOR, doc, freshServices } from '../helpers.js';
import { rawSql } from '../helpers/stores.js';
import type { Services } from '../../../src/main/services.js';

async function refused(p: () => Promise<unknown>): Promise<{ code: string; field?: string }> {
  try {
    await p();
  } catch (e) {
    return (e as { error: { code: string; field?: string } }).error;
  }
  throw new Error('expected a refusal');
}

async function head(s: Services): Promise<number> {
  return s.store.write(async (r) => (await r.audit.last())?.seq ?? 0);
}

/** A closed dossier holding one registered letter with a scan. */
async function closedDossier(s: Services, code: string, retention: number | null, scanText: string, endDate: string) {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText(`Scan ${scanText}`, { x: 72, y: 760, size: 14 });
  pdf.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const scan = await pdf.save();
  const letter = await s.incoming.add(doc({ symbol: `${code}/STC`, subject: `Văn bản của hồ sơ ${code}` }), {
    ...ACTOR,
    attachments: [{ fileName: `${code}.pdf`, bytes: scan }],
  });
  const d = await s.archive.open({ title: `Hồ sơ ${code}`, code, retention: retention ?? 'Vĩnh viễn', startDate: '2026-03-05' }, ACTOR);
  await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: letter.id }, ACTOR);
  await s.archive.close({ id: d.id, title: `Hồ sơ ${code}`, retention: retention ?? 'Vĩnh viễn', endDate }, ACTOR);
  return { dossier: d.id, letter: letter.id, sha: createHash('sha256').update(scan).digest('hex') };
}

describe('hand-over to the agency archive', () => {
  it('lists due dossiers with reminders, hands over ≥ 5-year ones, and the accepted record is frozen', async () => {
    const { services: s, clock, dbPath } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const perm = await closedDossier(s, '01.VP', null, 'a', '2026-06-30');
    const ten = await closedDossier(s, '02.VP', 10, 'b', '2026-09-30');
    const short = await closedDossier(s, '03.VP', 3, 'c', '2026-09-30');

    clock.set('2027-12-05T09:00:00+07:00');
    const due = await s.disposition.due({});
    expect(due).toMatchObject({ asOf: '2027-12-05', total: 2, overdue: 0, reminders: 2 });
    expect(due.items.map((d) => [d.code, d.dueDate, d.remind, d.daysLeft])).toEqual([
      ['01.VP', '2027-12-31', true, 26],
      ['02.VP', '2027-12-31', true, 26],
    ]);

    // A keep-back needs the head's decision and lasts at most two years past the due date.
    expect(
      (
        await refused(() =>
          s.disposition.keepBack(
            { id: ten.dossier, decisionRef: '5/QĐ', decidedBy: 'Chủ tịch', reason: 'còn dùng', until: '2030-01-31' },
            ACTOR,
          ),
        )
      ).code,
    ).toBe('keep_back_too_long');
    const kept = await s.disposition.keepBack(
      { id: ten.dossier, decisionRef: '5/QĐ-UBND', decidedBy: 'Chủ tịch UBND', reason: 'còn dùng', until: '2028-06-30' },
      ACTOR,
    );
    expect(kept.items.find((d) => d.code === '02.VP')).toMatchObject({ keptBack: true, dueDate: '2028-06-30', remind: false });
    // The counts on other days: one overdue and one kept back (not yet in its reminder days); then both overdue.
    expect(await s.disposition.due({ asOf: '2028-01-15' })).toMatchObject({ total: 2, overdue: 1, reminders: 1 });
    expect(await s.disposition.due({ asOf: '2028-07-01' })).toMatchObject({ total: 2, overdue: 2, reminders: 2 });

    const before = await head(s);
    expect(
      (
        await refused(() =>
          s.disposition.createHandover({ dossiers: [short.dossier], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' }, ACTOR),
        )
      ).code,
    ).toBe('retention_too_short');
    expect(
      (await refused(() => s.disposition.createHandover({ dossiers: [perm.dossier], unitName: '', giverName: 'X' }, ACTOR))).field,
    ).toBe('unitName');
    expect(await head(s)).toBe(before);

    const h = await s.disposition.createHandover(
      {
        dossiers: `${perm.dossier},${ten.dossier}`,
        unitName: 'Văn phòng UBND tỉnh',
        giverName: 'Trần Thị Bình',
        giverPosition: 'Chuyên viên',
      },
      ACTOR,
    );
    expect(h).toMatchObject({ status: 'submitted', timeSpan: { from: '2026-03-05', to: '2026-09-30' } });
    expect(h.dossiers.map((d) => [d.ordinal, d.code, d.retentionLabel, d.files])).toEqual([
      [1, '01.VP', 'Vĩnh viễn', 1],
      [2, '02.VP', '10 năm', 1],
    ]);
    expect((await s.archive.get(perm.dossier)).state).toBe('submitted');
    const accepted = await s.disposition.acceptHandover(
      { id: h.id, receiverName: 'Lê Văn Cường', receiverPosition: 'Lưu trữ viên' },
      ACTOR,
    );
    expect(accepted).toMatchObject({ status: 'accepted', receiverName: 'Lê Văn Cường' });
    expect(await s.archive.get(perm.dossier)).toMatchObject({ state: 'accepted', declared: true });
    expect((await refused(() => s.disposition.acceptHandover({ id: h.id }, ACTOR))).code).toBe('handover_state');

    // Declared: the service refuses, and so does the database, whoever goes around the app.
    expect((await refused(() => s.incoming.update(perm.letter, { subject: 'Sửa sau khi lưu' }, ACTOR))).code).toBe('declared_record');
    expect((await refused(() => s.incoming.void(perm.letter, 'hủy', ACTOR))).code).toBe('declared_record');
    const raw = await rawSql(dbPath);
    try {
      await expect(raw.exec(`UPDATE dossiers SET title = 'khác' WHERE id = ${perm.dossier}`)).rejects.toThrow(/vt:declared_record/);
      await expect(raw.exec(`DELETE FROM incoming_attachments WHERE document_id = ${perm.letter}`)).rejects.toThrow(/vt:declared_record/);
      await expect(raw.exec(`UPDATE handovers SET giver_name = 'X' WHERE id = ${h.id}`)).rejects.toThrow(/vt:declared_record/);
    } finally {
      await raw.close();
    }
    expect((await s.archive.get(perm.dossier)).title).toBe('Hồ sơ 01.VP');
  });
});

describe('holds, retention and destruction', () => {
  it('destroys an expired dossier by decision, keeps tombstones, removes its content, and never what is held', async () => {
    const { services: s, clock, dbPath } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const a = await closedDossier(s, '05.VP', 2, 'expired a', '2026-06-30');
    const b = await closedDossier(s, '06.VP', 2, 'expired b', '2026-06-30');
    const young = await closedDossier(s, '07.VP', 20, 'young', '2026-06-30');

    clock.set('2028-02-01T09:00:00+07:00');
    const expired = await s.disposition.expired({ year: 2028 });
    expect(expired.items.map((d) => [d.code, d.expiryYear])).toEqual([
      ['05.VP', 2028],
      ['06.VP', 2028],
    ]);
    expect((await refused(() => s.disposition.proposeDestruction({ dossiers: [young.dossier], title: 'Hủy' }, ACTOR))).code).toBe(
      'not_expired',
    );

    // A hold stops changes, moves and destruction until it is lifted.
    const hold = await s.disposition.placeHold(
      { targets: [{ kind: 'dossier', id: b.dossier }], orderedBy: 'Chánh Thanh tra tỉnh', orderRef: '12/TTr', reason: 'thanh tra' },
      ACTOR,
    );
    expect(hold.targets[0]!.label).toContain('06.VP');
    expect((await s.archive.get(b.dossier)).held).toBe(true);
    expect((await refused(() => s.incoming.update(b.letter, { subject: 'sửa' }, ACTOR))).code).toBe('held');
    expect((await refused(() => s.disposition.proposeDestruction({ dossiers: [a.dossier, b.dossier], title: 'Hủy' }, ACTOR))).code).toBe(
      'held',
    );
    const raw = await rawSql(dbPath);
    try {
      await expect(raw.exec(`UPDATE dossiers SET note = 'x' WHERE id = ${b.dossier}`)).rejects.toThrow(/vt:held/);
      await expect(raw.exec(`DELETE FROM hold_items WHERE hold_id = ${hold.id}`)).rejects.toThrow(/vt:hold_state/);
    } finally {
      await raw.close();
    }

    const x = await s.disposition.proposeDestruction({ dossiers: [a.dossier], title: 'Hủy tài liệu hết thời hạn năm 2028' }, ACTOR);
    expect(x).toMatchObject({ status: 'proposed', dossiers: [{ code: '05.VP' }] });
    expect((await refused(() => s.disposition.executeDestruction({ id: x.id, minutesRef: 'BB 1' }, ACTOR))).code).toBe('destruction_state');
    expect(
      (
        await refused(() =>
          s.disposition.approveDestruction({ id: x.id, councilRef: 'QĐ 3', minutesRef: 'BB họp', decisionRef: '' }, ACTOR),
        )
      ).field,
    ).toBe('decisionRef');
    await s.disposition.approveDestruction(
      {
        id: x.id,
        councilRef: '3/QĐ-UBND',
        minutesRef: 'BB họp Hội đồng 10/1/2028',
        appraisalRef: '45/SNV',
        decisionRef: '9/QĐ-UBND',
        decisionDate: '2028-01-20',
      },
      ACTOR,
    );
    // Placed after approval, a hold still stops the execution.
    const late = await s.disposition.placeHold(
      { targets: `incoming:${a.letter}`, orderedBy: 'Tòa án', orderRef: '7/TA', reason: 'vụ án' },
      ACTOR,
    );
    expect((await refused(() => s.disposition.executeDestruction({ id: x.id, minutesRef: 'BB hủy' }, ACTOR))).code).toBe('held');
    await s.disposition.liftHold({ id: late.id, liftRef: '8/TA', reason: 'xong' }, ACTOR);
    expect((await refused(() => s.disposition.liftHold({ id: late.id, liftRef: '8/TA', reason: 'lại' }, ACTOR))).code).toBe('hold_state');

    const done = await s.disposition.executeDestruction({ id: x.id, minutesRef: 'Biên bản hủy ngày 01/02/2028' }, ACTOR);
    expect(done).toMatchObject({ status: 'executed', tombstones: [{ fileName: '05.VP.pdf', sha256: a.sha, contentRemoved: true }] });
    expect((await s.archive.get(a.dossier)).state).toBe('destroyed');
    expect(await s.files.verify(a.sha)).toBe('missing');
    expect(await s.files.verify(b.sha)).toBe('ok');
    // The check knows the content went on purpose; the trail is whole.
    expect(await s.check()).toMatchObject({ ok: true });
    expect((await refused(() => s.disposition.proposeDestruction({ dossiers: [a.dossier], title: 'Lại' }, ACTOR))).code).toBe(
      'dossier_state',
    );
  });

  it('keeps the usage register: who used what, approved by whom, returned when', async () => {
    const { services: s } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const d = await closedDossier(s, '09.VP', 10, 'u', '2026-03-06');
    const u = await s.disposition.addUsage(
      { kind: 'dossier', targetId: d.dossier, userName: 'Nguyễn Văn Dũng', approvedBy: 'Chánh Văn phòng' },
      ACTOR,
    );
    expect(u).toMatchObject({ usedOn: '2026-03-06', dossierCode: '09.VP', returnedOn: null });
    const w = await s.disposition.addUsage(
      { kind: 'incoming', targetId: d.letter, userName: 'Phạm Thị Em', approvedBy: 'Chánh Văn phòng' },
      ACTOR,
    );
    expect(w).toMatchObject({ reference: '09.VP/STC, 02/03/2026', dossierCode: '09.VP' });
    expect(w.subject).toContain('Quyết định');
    expect(await s.disposition.returnUsage({ id: u.id, returnedOn: '2026-03-06' }, ACTOR)).toMatchObject({ returnedOn: '2026-03-06' });
    expect((await refused(() => s.disposition.returnUsage({ id: u.id }, ACTOR))).code).toBe('usage_returned');
    expect(
      (await refused(() => s.disposition.addUsage({ kind: 'dossier', targetId: 999, userName: 'A', approvedBy: 'B' }, ACTOR))).code,
    ).toBe('dossier_not_found');
    expect((await s.disposition.usage({})).items.map((x) => x.userName)).toEqual(['Nguyễn Văn Dũng', 'Phạm Thị Em']);
    // A page at a time, in the order of entries: the cursor leads to the next page and the last page says so.
    const p1 = await s.disposition.usage({ limit: 1 });
    expect([p1.items.map((x) => x.userName), p1.next]).toEqual([['Nguyễn Văn Dũng'], String(u.id)]);
    const p2 = await s.disposition.usage({ limit: 1, after: p1.next! });
    expect([p2.items.map((x) => x.userName), p2.next]).toEqual([['Phạm Thị Em'], null]);
    expect((await s.disposition.usage({ from: '2026-03-07' })).items).toEqual([]);
    expect((await refused(() => s.disposition.usage({ after: 'x' }))).code).toBe('invalid_input');
  });

  it('pages the dossier list and the holds, newest first, with a cursor to the next page', async () => {
    const { services: s } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++)
      ids.push((await s.archive.open({ title: `Hồ sơ số ${i}`, code: `${i}.VP`, retention: 10, startDate: '2026-03-05' }, ACTOR)).id);
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof s.archive.list>> = await s.archive.list({ limit: 2, ...(after ? { after } : {}) }, ACTOR);
      expect(page.total).toBe(5);
      seen.push(...page.items.map((d) => d.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
    expect((await s.archive.list({ limit: 5 }, ACTOR)).next).toBeNull();
    expect((await refused(() => s.archive.list({ after: '1;DROP' }, ACTOR))).code).toBe('invalid_input');

    const holds: number[] = [];
    for (const id of ids.slice(0, 3))
      holds.push(
        (
          await s.disposition.placeHold(
            { targets: [{ kind: 'dossier', id }], orderedBy: 'Chánh Thanh tra', orderRef: `${id}/TTr`, reason: 'thanh tra' },
            ACTOR,
          )
        ).id,
      );
    const h1 = await s.disposition.holds({ limit: 2 });
    expect(h1.items.map((h) => h.id)).toEqual([holds[2], holds[1]]);
    const h2 = await s.disposition.holds({ limit: 2, after: h1.next! });
    expect([h2.items.map((h) => h.id), h2.next]).toEqual([[holds[0]], null]);
  });
});

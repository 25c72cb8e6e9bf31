/**
 * What a leader and an archivist find again, on both stores: past hand-overs and destructions
 * listed newest first a page at a time (keyset cursor, status filter; a confidential dossier
 * not counted for someone without the grant); the hand-over's paper amounts (boxes, shelf
 * metres) entered at creation and printed with their words; and the specialist's rule for
 * dossiers (Decree 30 Art. 29): they file only documents they may see, into their unit's
 * dossiers or those they opened. Each mistake a coded error, nothing written.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDossierFiles, printDossierIndex, printFilePlan, printHandover } from '../../../src/main/archive/archiveDocuments.js';
import { archiveActorOf } from '../../../src/main/archive/archiveService.js';
import type { Services } from '../../../src/main/services.js';
import type { Principal, Role } from '../../../src/shared/domain/accounts.js';
import { hundredthsInWords } from '../../../src/shared/text/numberWords.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';

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

/** A closed dossier holding one registered letter (secret: a confidential one). */
async function closed(s: Services, code: string, retention: number | null, opts: { secret?: boolean } = {}) {
  const letter = await s.incoming.add(
    doc({ symbol: `${code}/STC`, subject: `Văn bản của hồ sơ ${code}`, ...(opts.secret ? { secrecy: 'confidential' } : {}) }),
    ACTOR,
  );
  const d = await s.archive.open({ title: `Hồ sơ ${code}`, code, retention: retention ?? 'Vĩnh viễn', startDate: '2026-03-05' }, ACTOR);
  await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: letter.id }, ACTOR);
  await s.archive.close({ id: d.id, title: `Hồ sơ ${code}`, retention: retention ?? 'Vĩnh viễn', endDate: '2026-03-20' }, ACTOR);
  return d.id;
}

function principal(username: string, roles: Role[], unit: { code: string; id: number } | null, confidential = false): Principal {
  return { username, fullName: 'Người Thử', roles, confidential, unit: unit?.code ?? null, unitName: null, unitId: unit?.id ?? null };
}

/**
 * A fresh office with two units and the people of these tests: two specialists of KHDT, one of
 * TCHC, and an archivist with the confidential grant.
 */
async function twoUnits() {
  const { services: s } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
  const khdt = await s.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', 'test');
  const tchc = await s.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', 'test');
  return {
    s,
    specialist: archiveActorOf(principal('cv.khdt', ['specialist'], { code: 'KHDT', id: khdt.id }), 'cv.khdt'),
    colleague: archiveActorOf(principal('cv.khdt2', ['specialist'], { code: 'KHDT', id: khdt.id }), 'cv.khdt2'),
    other: archiveActorOf(principal('cv.tchc', ['specialist'], { code: 'TCHC', id: tchc.id }), 'cv.tchc'),
    archivist: archiveActorOf(principal('luu.tru', ['archivist'], null, true), 'luu.tru'),
  };
}

describe('past hand-overs and destructions', () => {
  it('lists them newest first a page at a time, by status, and counts a confidential dossier only with the grant', async () => {
    const { services: s, clock } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const a = await closed(s, '01.VP', 10);
    const b = await closed(s, '02.VP', null, { secret: true });
    const c = await closed(s, '03.VP', 20);
    const expiring = await closed(s, '04.VP', 1);
    const expiring2 = await closed(s, '05.VP', 1);
    const h1 = await s.disposition.createHandover({ dossiers: [a, b], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' }, ACTOR);
    const h2 = await s.disposition.createHandover({ dossiers: [c], unitName: 'Phòng Tổng hợp', giverName: 'Lê Văn Cường' }, ACTOR);
    await s.disposition.acceptHandover({ id: h1.id }, ACTOR);

    const first = await s.disposition.handovers({ limit: 1 });
    expect(first.total).toBe(2);
    expect(first.items.map((h) => [h.id, h.unitName, h.status, h.dossiers])).toEqual([[h2.id, 'Phòng Tổng hợp', 'submitted', 1]]);
    expect(first.next).not.toBeNull();
    const second = await s.disposition.handovers({ limit: 1, after: first.next! });
    expect(second.items.map((h) => [h.id, h.status, h.dossiers, h.confidential])).toEqual([[h1.id, 'accepted', 2, true]]);
    expect(second.next).toBeNull();
    expect((await s.disposition.handovers({ status: 'accepted' })).items.map((h) => h.id)).toEqual([h1.id]);
    // Without the grant the confidential dossier is not counted (the hand-over still shows it holds one).
    const plain = await s.disposition.handovers({}, { actor: 'lưu trữ', confidential: false });
    expect(plain.items.find((h) => h.id === h1.id)).toMatchObject({ dossiers: 1, confidential: true });

    clock.set('2028-02-01T09:00:00+07:00');
    const x1 = await s.disposition.proposeDestruction({ dossiers: [expiring], title: 'Danh mục hủy năm 2028 (1)' }, ACTOR);
    const x2 = await s.disposition.proposeDestruction({ dossiers: [expiring2], title: 'Danh mục hủy năm 2028 (2)' }, ACTOR);
    await s.disposition.approveDestruction(
      { id: x1.id, councilRef: '1/QĐ-HĐ', minutesRef: '2/BB-HĐ', decisionRef: '3/QĐ-UBND', decisionDate: '2028-02-01' },
      ACTOR,
    );
    const xs = await s.disposition.destructions({});
    expect(xs.items.map((x) => [x.id, x.status, x.dossiers, x.decisionRef])).toEqual([
      [x2.id, 'proposed', 1, null],
      [x1.id, 'approved', 1, '3/QĐ-UBND'],
    ]);
    expect((await s.disposition.destructions({ status: 'proposed' })).items.map((x) => x.title)).toEqual(['Danh mục hủy năm 2028 (2)']);
    const page = await s.disposition.destructions({ limit: 1 });
    expect(page).toMatchObject({ total: 2, next: String(x2.id) });

    for (const bad of [{ after: 'abc' }, { status: 'lost' }, { limit: 0 }]) {
      expect((await refused(() => s.disposition.handovers(bad))).code).toMatch(/invalid_(input|enum|number)/);
      expect((await refused(() => s.disposition.destructions(bad))).code).toMatch(/invalid_(input|enum|number)/);
    }
  });
});

describe('the hand-over record paper amounts', () => {
  it('keeps boxes and shelf metres entered at creation and prints them with their words; bad ones write nothing', async () => {
    expect(hundredthsInWords(125)).toEqual({ figure: '1,25', words: 'một phẩy hai mươi lăm' });
    expect(hundredthsInWords(50)).toEqual({ figure: '0,5', words: 'không phẩy năm' });
    expect(hundredthsInWords(105)).toEqual({ figure: '1,05', words: 'một phẩy không năm' });
    expect(hundredthsInWords(300)).toEqual({ figure: '3', words: 'ba' });

    const { services: s } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const a = await closed(s, '01.VP', 10);
    const b = await closed(s, '02.VP', 20);
    const before = await head(s);
    for (const [input, code] of [
      [{ shelfMeters: '1,255' }, 'invalid_shelf_length'],
      [{ shelfMeters: -1 }, 'invalid_shelf_length'],
      [{ shelfMeters: 'một mét' }, 'invalid_shelf_length'],
      [{ boxes: -2 }, 'invalid_number'],
      [{ boxes: '2,5' }, 'invalid_number'],
    ] as const) {
      const e = await refused(() =>
        s.disposition.createHandover({ dossiers: [a, b], unitName: 'Văn phòng', giverName: 'Trần Thị Bình', ...input }, ACTOR),
      );
      expect(e.code).toBe(code);
    }
    expect(await head(s)).toBe(before);
    expect((await s.disposition.handovers({})).total).toBe(0);

    const h = await s.disposition.createHandover(
      { dossiers: [a, b], unitName: 'Văn phòng', giverName: 'Trần Thị Bình', boxes: '3', shelfMeters: '1,25' },
      ACTOR,
    );
    expect(h).toMatchObject({ boxes: 3, shelfMeters: 1.25 });
    const file = path.join(tempDir(), 'bien-ban.pdf');
    writeFileSync(file, (await printHandover(s, h.id, ACTOR)).bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Tổng số hộp (cặp): 3 (ba)');
    expect(text).toContain('Tổng số hồ sơ (đơn vị bảo quản): 2 (hai)');
    expect(text).toContain('Quy ra mét giá: 1,25 (một phẩy hai mươi lăm) mét');

    // Not entered: the form's blanks stay for the hand.
    const c = await closed(s, '03.VP', 10);
    const electronic = await s.disposition.createHandover({ dossiers: [c], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' }, ACTOR);
    expect(electronic).toMatchObject({ boxes: null, shelfMeters: null });
    writeFileSync(file, (await printHandover(s, electronic.id, ACTOR)).bytes);
    const blank = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(blank).toContain('Tổng số hộp (cặp): ……');
    expect(blank).toContain('Quy ra mét giá: …… mét');
  });
});

describe("a specialist's dossiers (Decree 30 Art. 29)", () => {
  it('files only documents they may see, into their unit’s dossiers or those they opened; others refused, nothing written', async () => {
    const { s, specialist, colleague, other, archivist } = await twoUnits();
    const mine = await s.incoming.add(doc({ symbol: '1/KHDT' }), ACTOR);
    const theirs = await s.incoming.add(doc({ symbol: '2/TCHC' }), ACTOR);
    await s.assignments.assign(mine.id, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await s.assignments.assign(theirs.id, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');

    const d = await s.archive.open({ title: 'Hồ sơ kế hoạch', code: '07.KHDT', retention: 10, startDate: '2026-03-05' }, specialist);
    expect(await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: mine.id }, specialist)).toMatchObject({ ordinal: 1, docTotal: 1 });
    expect((await s.archive.get(d.id, specialist)).items.map((i) => i.docId)).toEqual([mine.id]);
    const before = await head(s);
    // A document not assigned to their unit is not there for them.
    expect((await refused(() => s.archive.addDoc({ id: d.id, kind: 'incoming', docId: theirs.id }, specialist))).code).toBe('not_found');
    // Another unit's specialist may not change this unit's dossier.
    expect((await refused(() => s.archive.addDoc({ id: d.id, kind: 'incoming', docId: theirs.id }, other))).code).toBe(
      'dossier_other_unit',
    );
    expect((await refused(() => s.archive.removeDoc({ id: d.id, kind: 'incoming', docId: mine.id }, other))).code).toBe(
      'dossier_other_unit',
    );
    expect(
      (await refused(() => s.archive.close({ id: d.id, title: 'Hồ sơ kế hoạch', retention: 10, endDate: '2026-03-20' }, other))).code,
    ).toBe('dossier_other_unit');
    expect(await head(s)).toBe(before);
    expect((await s.archive.get(d.id)).items).toHaveLength(1);

    // A colleague of the same unit continues the dossier; the archivist may file anything.
    await s.archive.removeDoc({ id: d.id, kind: 'incoming', docId: mine.id }, colleague);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: mine.id }, colleague);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: theirs.id }, archivist);
    const done = await s.archive.close({ id: d.id, title: 'Hồ sơ kế hoạch', retention: 10, endDate: '2026-03-20' }, specialist);
    // The specialist's view holds the dossier's two documents, but shows only the one they may see.
    expect(done.docTotal).toBe(2);
    expect(done.items.map((i) => i.docId)).toEqual([mine.id]);
    expect((await s.archive.get(d.id, archivist)).items.map((i) => i.docId).sort()).toEqual([mine.id, theirs.id].sort());
  });

  it('their view of a dossier says how many documents it does not show, and its Mục lục and export are not made from a part', async () => {
    const { s, specialist, archivist } = await twoUnits();
    const mine = await s.incoming.add(doc({ symbol: '1/KHDT', subject: 'Kế hoạch vốn đầu tư công' }), ACTOR);
    const theirs = await s.incoming.add(doc({ symbol: '2/TCHC', subject: 'Sắp xếp tổ chức bộ máy' }), ACTOR);
    await s.assignments.assign(mine.id, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await s.assignments.assign(theirs.id, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    const d = await s.archive.open({ title: 'Hồ sơ kế hoạch', code: '07.KHDT', retention: 10, startDate: '2026-03-05' }, specialist);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: mine.id }, specialist);
    expect(await s.archive.get(d.id, specialist)).toMatchObject({ docTotal: 1, unseenItems: 0 });
    expect(Buffer.from((await printDossierIndex(s, d.id, specialist)).bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // The office files another unit's document into it: one row shown, one counted, nothing told of it.
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: theirs.id }, archivist);
    const seen = await s.archive.get(d.id, specialist);
    expect(seen.items.map((i) => i.docId)).toEqual([mine.id]);
    expect(seen).toMatchObject({ docTotal: 2, unseenItems: 1 });
    expect(JSON.stringify(seen)).not.toContain('TCHC');
    expect(await s.archive.get(d.id, archivist)).toMatchObject({ docTotal: 2, unseenItems: 0 });
    const before = await head(s);
    for (const made of [() => printDossierIndex(s, d.id, specialist), () => exportDossierFiles(s, d.id, specialist)])
      expect(await refused(made)).toMatchObject({ code: 'forbidden', details: { reason: 'partial_dossier', unseen: 1 } });
    expect(await head(s)).toBe(before);
    expect((await printDossierIndex(s, d.id, archivist)).fileName).toBe('muc-luc-van-ban-2026-07.KHDT.pdf');
  });

  it('lists and opens only their unit’s dossiers and those they opened, the same pages and totals on both stores', async () => {
    const { s, specialist, colleague, other, archivist } = await twoUnits();
    const open = (code: string, who: typeof specialist) =>
      s.archive.open({ title: `Hồ sơ ${code}`, code, retention: 10, startDate: '2026-03-05' }, who);
    const ids: Record<string, number> = {};
    for (const [code, who] of [
      ['01.KHDT', specialist],
      ['02.KHDT', colleague],
      ['03.TCHC', other],
      ['04.LT', archivist],
      ['05.KHDT', specialist],
      ['06.TCHC', other],
    ] as const)
      ids[code] = (await open(code, who)).id;
    // 04.LT was opened by the archivist (no unit): not the specialists'.
    const codes = async (who: typeof specialist, limit = 200) => {
      const out: string[] = [];
      let after: string | undefined;
      let total: number;
      do {
        const page = await s.archive.list({ limit, ...(after ? { after } : {}) }, who);
        total = page.total;
        out.push(...page.items.map((d) => d.code));
        after = page.next ?? undefined;
      } while (after);
      return { total, codes: out };
    };
    expect(await codes(specialist)).toEqual({ total: 3, codes: ['05.KHDT', '02.KHDT', '01.KHDT'] });
    // Two at a time: the same three, the total counted the same.
    expect(await codes(specialist, 2)).toEqual({ total: 3, codes: ['05.KHDT', '02.KHDT', '01.KHDT'] });
    expect((await s.archive.list({ state: 'open', year: 2026, limit: 1 }, specialist)).total).toBe(3);
    expect(await codes(other)).toEqual({ total: 2, codes: ['06.TCHC', '03.TCHC'] });
    expect((await codes(archivist)).total).toBe(6);
    // Another unit's dossier is not there for them, by id either; the document's detail names only theirs.
    expect((await refused(() => s.archive.get(ids['03.TCHC']!, specialist))).code).toBe('dossier_not_found');
    expect((await s.archive.get(ids['02.KHDT']!, specialist)).code).toBe('02.KHDT');
    const letter = await s.incoming.add(doc({ symbol: '9/KHDT' }), ACTOR);
    await s.assignments.assign(letter.id, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await s.archive.addDoc({ id: ids['01.KHDT']!, kind: 'incoming', docId: letter.id }, specialist);
    await s.archive.addDoc({ id: ids['04.LT']!, kind: 'incoming', docId: letter.id }, archivist);
    expect((await s.archive.dossiersOf('incoming', letter.id, specialist)).map((d) => d.code)).toEqual(['01.KHDT']);
    expect((await s.archive.dossiersOf('incoming', letter.id, archivist)).map((d) => d.code)).toEqual(['01.KHDT', '04.LT']);
  });

  it('the plan shows them its unopened and their own dossiers, says how many others it holds, and is not printed from a part', async () => {
    const { s, specialist, other, archivist } = await twoUnits();
    await s.archive.createPlan({ year: 2026 }, ACTOR);
    await s.archive.addHeading({ year: 2026, title: 'VĂN PHÒNG', abbreviation: 'VP' }, ACTOR);
    for (const title of ['Tập lưu công văn đi', 'Hồ sơ tuyển dụng công chức', 'Hồ sơ kế hoạch đầu tư công'])
      await s.archive.addPlanDossier({ year: 2026, heading: 'VP', title, retention: 10 }, ACTOR);
    const planned = (await s.archive.plan(2026)).dossiers;
    await s.archive.open({ id: planned[1]!.id }, other);
    await s.archive.open({ id: planned[2]!.id }, specialist);
    const seen = await s.archive.plan(2026, specialist);
    expect(seen.dossiers.map((d) => d.title)).toEqual(['Tập lưu công văn đi', 'Hồ sơ kế hoạch đầu tư công']);
    expect(seen.totals).toEqual({ dossiers: 2, permanent: 0, limited: 2, unseen: 1 });
    expect(await refused(() => printFilePlan(s, 2026, specialist))).toMatchObject({ code: 'forbidden' });
    expect((await s.archive.plan(2026, archivist)).totals).toEqual({ dossiers: 3, permanent: 0, limited: 3, unseen: 0 });
    expect(
      Buffer.from((await printFilePlan(s, 2026, archivist)).bytes)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('closing judges the whole dossier: a duplicate or draft they may not see is counted, never described', async () => {
    const { s, specialist, archivist } = await twoUnits();
    const mine = await s.incoming.add(doc({ symbol: '1/KHĐT', subject: 'Kế hoạch vốn đầu tư công' }), ACTOR);
    // The same document registered a second time (confirmed), handled by another unit.
    const again = await s.incoming.add(doc({ symbol: '1/KHĐT', subject: 'Kế hoạch vốn đầu tư công' }), { ...ACTOR, force: true });
    await s.assignments.assign(mine.id, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await s.assignments.assign(again.id, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    const d = await s.archive.open({ title: 'Hồ sơ vốn đầu tư', code: '07.KHDT', retention: 10, startDate: '2026-03-05' }, specialist);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: mine.id }, specialist);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: again.id }, archivist);
    const close = (who: typeof specialist, keepFlagged?: boolean) =>
      s.archive.close({ id: d.id, title: 'Hồ sơ vốn đầu tư', retention: 10, endDate: '2026-03-20', keepFlagged }, who);
    // Their view holds one clean document; the dossier holds its duplicate too.
    expect((await s.archive.get(d.id, specialist)).items.map((i) => [i.docId, i.duplicateOf])).toEqual([[mine.id, null]]);
    const before = await head(s);
    const unclean = await refused(() => close(specialist));
    expect(unclean).toMatchObject({ code: 'dossier_unclean', details: { flagged: [], unseen: 1 } });
    expect((unclean as { message?: string }).message).toBe(
      'Hồ sơ còn 1 văn bản trùng hoặc dự thảo; hãy loại bỏ hoặc xác nhận giữ lại. Trong đó 1 văn bản bạn không được xem; hãy nhờ lưu trữ hoặc đơn vị có văn bản kiểm tra.',
    );
    expect(JSON.stringify(unclean)).not.toContain(String(again.id));
    expect(await head(s)).toBe(before);
    // The archivist sees which it is; the specialist may still confirm keeping it.
    expect(await refused(() => close(archivist))).toMatchObject({
      details: { flagged: [{ ordinal: 2, kind: 'incoming', docId: again.id, draft: false, duplicateOf: 1 }], unseen: 0 },
    });
    expect(await close(specialist, true)).toMatchObject({ state: 'closed', docTotal: 2 });
  });

  it('the usage register shows them the uses of their documents and dossiers only, the pages still continuing', async () => {
    const { s, specialist, other, archivist } = await twoUnits();
    const mine = await s.incoming.add(doc({ symbol: '1/KHDT', subject: 'Kế hoạch vốn' }), ACTOR);
    const theirs = await s.incoming.add(doc({ symbol: '2/TCHC', subject: 'Sắp xếp bộ máy' }), ACTOR);
    await s.assignments.assign(mine.id, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await s.assignments.assign(theirs.id, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    const theirDossier = await s.archive.open({ title: 'Hồ sơ bộ máy', code: '03.TCHC', retention: 10, startDate: '2026-03-05' }, other);
    const use = (kind: 'incoming' | 'dossier', targetId: number, note: string) =>
      s.disposition.addUsage({ kind, targetId, userName: 'Lê Thị Mượn', approvedBy: 'Chánh Văn phòng', note }, archivist);
    await use('incoming', theirs.id, 'Văn bản TCHC');
    await use('dossier', theirDossier.id, 'Hồ sơ TCHC');
    await use('incoming', mine.id, 'Văn bản KHDT');
    await use('incoming', theirs.id, 'Văn bản TCHC lần hai');
    const notes = async (who: typeof specialist, limit: number) => {
      const out: (string | null)[] = [];
      let after: string | undefined;
      do {
        const page = await s.disposition.usage({ limit, ...(after ? { after } : {}) }, who);
        out.push(...page.items.map((u) => u.note));
        after = page.next ?? undefined;
      } while (after);
      return out;
    };
    expect(await notes(specialist, 200)).toEqual(['Văn bản KHDT']);
    // One row a page: the pages of rows they may not see are empty, the cursor still moves on.
    expect(await notes(specialist, 1)).toEqual(['Văn bản KHDT']);
    expect(await notes(other, 200)).toEqual(['Văn bản TCHC', 'Hồ sơ TCHC', 'Văn bản TCHC lần hai']);
    expect(await notes(archivist, 200)).toEqual(['Văn bản TCHC', 'Hồ sơ TCHC', 'Văn bản KHDT', 'Văn bản TCHC lần hai']);
  });
});

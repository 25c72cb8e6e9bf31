/**
 * A specialist's dossiers in the office database (migration 0189): connected as themselves
 * (psql with their own password, or the app on their own login role) a specialist of one unit
 * reads their unit's dossiers, those they opened and the file plan's dossiers still to be
 * opened — not another unit's title, items, corrections, keep-backs, tombstones, uses (of its
 * dossiers, and of its documents: migration 0203) or hand-over packages; the archivist reads them all. A hold on another unit's dossier still stops the specialist (the guards look as the
 * owner), and the app answers as on SQLite (dossier_not_found, dossier_other_unit). Runs in
 * the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveActorOf, type ArchiveActor } from '../../../src/main/archive/archiveService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { fold } from '../../../src/shared/text/vietnamese.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const SPEC_A = `cv.khdt.${RUN}`;
const SPEC_B = `cv.tchc.${RUN}`;
const ARCHIVIST = `lt.luutru.${RUN}`;
const CLERK = { actor: 'văn thư', confidential: true };
const CLOCK = fixedClock('2026-03-10T09:00:00+07:00');

let url = '';
let owner: Services;
const opened: Services[] = [];
const ids = { docA: 0, docB: 0, dA: 0, dB: 0, planned: 0, unitA: 0, unitB: 0 };

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);
const one = (user: string, sql: string) => {
  const r = psqlAs(user, sql);
  expect(r.ok, r.err).toBe(true);
  return r.out;
};

/** The app on a specialist's own login role (closed with the others after the file). */
async function appAs(user: string): Promise<Services> {
  const a = await createServices({
    dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(user)}@`),
    password: PASSWORD,
    clock: CLOCK,
  });
  opened.push(a);
  return a;
}

const appAsA = () => appAs(SPEC_A);

function actorOf(user: string, unit: 'KHDT' | 'TCHC'): ArchiveActor {
  return archiveActorOf(
    {
      username: user,
      fullName: 'Người Thử',
      roles: ['specialist'],
      confidential: false,
      unit,
      unitName: null,
      unitId: unit === 'KHDT' ? ids.unitA : ids.unitB,
    },
    user,
  );
}

const actorA = () => actorOf(SPEC_A, 'KHDT');

d("a specialist's dossiers in the database (migration 0189)", () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: CLOCK });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    ids.unitA = (await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN)).id;
    ids.unitB = (await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN)).id;
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(SPEC_A, ['specialist'], { unit: 'KHDT' });
    await add(SPEC_B, ['specialist'], { unit: 'TCHC' });
    await add(ARCHIVIST, ['archivist']);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');

    ids.docA = (await owner.incoming.add(doc({ symbol: '1/KHDT', subject: 'Kế hoạch vốn đầu tư công' }), CLERK)).id;
    ids.docB = (await owner.incoming.add(doc({ symbol: '2/TCHC', subject: 'Sắp xếp tổ chức bộ máy' }), CLERK)).id;
    await owner.assignments.assign(ids.docA, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await owner.assignments.assign(ids.docB, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    const open = (code: string, title: string, unitId: number) =>
      owner.archive.open({ title, code, retention: 10, startDate: '2026-03-05' }, { ...CLERK, unitId }).then((x) => x.id);
    ids.dA = await open('11.KHDT', 'Hồ sơ vốn đầu tư công', ids.unitA);
    ids.dB = await open('12.TCHC', 'Hồ sơ sắp xếp bộ máy', ids.unitB);
    await owner.archive.addDoc({ id: ids.dA, kind: 'incoming', docId: ids.docA }, CLERK);
    await owner.archive.addDoc({ id: ids.dB, kind: 'incoming', docId: ids.docB, note: 'Ghi chú riêng của TCHC' }, CLERK);
    // The same document of unit A also in unit B's dossier (one document, several dossiers).
    await owner.archive.addDoc({ id: ids.dB, kind: 'incoming', docId: ids.docA }, CLERK);
    await pgQuery(
      url,
      `INSERT INTO archive_corrections (target_kind, target_id, field, old_value, new_value, reason, by_actor, at)
       VALUES ('dossier', $1, 'title', 'Hồ sơ sắp xếp bộ máy', 'Hồ sơ sắp xếp bộ máy năm 2026', 'Đính chính', 'lưu trữ', '2026-03-09')`,
      [ids.dB],
    );
    await pgQuery(
      url,
      `INSERT INTO keep_backs (dossier_id, decision_ref, decided_by, reason, until_date, created_at, created_by)
       VALUES ($1, '5/QĐ-TCHC', 'Chánh Văn phòng', 'Giữ lại để giải quyết vụ việc', '2028-12-31', '2026-03-09', 'lưu trữ')`,
      [ids.dB],
    );
    // A hand-over package, a destruction's tombstone and a use of unit B's dossier, as the archive would keep them.
    const [handover] = await pgQuery<{ id: number }>(
      url,
      `INSERT INTO handovers (year, unit_name, block_name, giver_name, status, created_at, created_by)
       VALUES (2026, 'Phòng Tổ chức - Hành chính', 'Tài liệu tổ chức bộ máy', 'Trần Thị Bình', 'submitted', '2026-03-09', 'lưu trữ') RETURNING id`,
    );
    await pgQuery(
      url,
      `INSERT INTO handover_packages (handover_id, sha256, size, made_at, made_by) VALUES ($1, repeat('a', 64), 1, '2026-03-09', 'lưu trữ')`,
      [handover!.id],
    );
    const [destruction] = await pgQuery<{ id: number }>(
      url,
      `INSERT INTO destructions (title, status, proposed_at, proposed_by) VALUES ('Hủy tài liệu hết hạn', 'proposed', '2026-03-09', 'lưu trữ') RETURNING id`,
    );
    await pgQuery(
      url,
      `INSERT INTO destruction_tombstones (destruction_id, dossier_id, doc_kind, doc_id, file_name, sha256, size, content_removed)
       VALUES ($1, $2, 'incoming', $3, 'to-chuc-bo-may.pdf', repeat('b', 64), 1, 0)`,
      [destruction!.id, ids.dB, ids.docB],
    );
    await pgQuery(
      url,
      `INSERT INTO usage_register (used_on, user_name, target_kind, target_id, approved_by, note, created_at, created_by)
       VALUES ('2026-03-09', 'Nguyễn Văn Đọc', 'dossier', $1, 'Chánh Văn phòng', 'Đọc hồ sơ bộ máy', '2026-03-09', 'lưu trữ')`,
      [ids.dB],
    );
    // Uses of single documents (migration 0203): unit A's document and unit B's.
    for (const [docId, note] of [
      [ids.docA, 'Đọc văn bản vốn đầu tư'],
      [ids.docB, 'Đọc văn bản bộ máy'],
    ] as const) {
      await pgQuery(
        url,
        `INSERT INTO usage_register (used_on, user_name, target_kind, target_id, approved_by, note, created_at, created_by)
         VALUES ('2026-03-09', 'Lê Thị Mượn', 'incoming', $1, 'Chánh Văn phòng', $2, '2026-03-09', 'lưu trữ')`,
        [docId, note],
      );
    }
    // The year's file plan: a dossier still to be opened, issued to every unit.
    await owner.archive.createPlan({ year: 2026 }, CLERK);
    await owner.archive.addHeading({ year: 2026, title: 'VĂN PHÒNG', abbreviation: 'VP' }, CLERK);
    const plan = await owner.archive.addPlanDossier({ year: 2026, heading: 'VP', title: 'Tập lưu công văn đi', retention: 10 }, CLERK);
    ids.planned = plan.dossiers.find((x) => x.title === 'Tập lưu công văn đi')!.id;
  }, 180_000);

  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('psql: a specialist reads their unit’s dossiers and the planned ones — no other unit’s title, items, corrections or keep-backs', () => {
    const titles = (who: string) => one(who, `SELECT string_agg(title, ' | ' ORDER BY id) FROM dossiers`);
    expect(titles(SPEC_A)).toBe('Hồ sơ vốn đầu tư công | Tập lưu công văn đi');
    expect(titles(SPEC_B)).toBe('Hồ sơ sắp xếp bộ máy | Tập lưu công văn đi');
    expect(one(SPEC_A, `SELECT count(*) FROM dossiers WHERE search_text LIKE '%bo may%'`)).toBe('0');
    // Items: their own dossier's; of unit B's dossier nothing — not even their own document filed there.
    expect(one(SPEC_A, `SELECT string_agg(dossier_id::text, ',') FROM dossier_items`)).toBe(String(ids.dA));
    expect(one(SPEC_A, `SELECT count(*) FROM dossier_items WHERE dossier_id = ${ids.dB}`)).toBe('0');
    expect(one(SPEC_A, `SELECT count(*) FROM archive_corrections`)).toBe('0');
    expect(one(SPEC_A, `SELECT count(*) FROM keep_backs`)).toBe('0');
    expect(one(SPEC_A, `SELECT count(*) FROM handover_packages`)).toBe('0');
    expect(one(SPEC_A, `SELECT count(*) FROM destruction_tombstones`)).toBe('0');
    // Uses: of their unit's document only — not of unit B's dossier nor of unit B's document (0203).
    const uses = (who: string) => one(who, `SELECT string_agg(note, ' | ' ORDER BY id) FROM usage_register`);
    expect(uses(SPEC_A)).toBe('Đọc văn bản vốn đầu tư');
    expect(uses(SPEC_B)).toBe('Đọc hồ sơ bộ máy | Đọc văn bản bộ máy');
    expect(one(SPEC_A, `SELECT count(*) FROM usage_register WHERE target_kind = 'incoming' AND target_id = ${ids.docB}`)).toBe('0');
    // Unit B's specialist reads their dossier's items (of the documents they may see), correction and keep-back.
    expect(one(SPEC_B, `SELECT string_agg(note, ',') FROM dossier_items WHERE dossier_id = ${ids.dB}`)).toBe('Ghi chú riêng của TCHC');
    expect(one(SPEC_B, `SELECT new_value FROM archive_corrections`)).toBe('Hồ sơ sắp xếp bộ máy năm 2026');
    expect(one(SPEC_B, `SELECT decision_ref FROM keep_backs`)).toBe('5/QĐ-TCHC');
    // The archivist reads every (non-confidential) dossier and all it holds.
    expect(titles(ARCHIVIST)).toBe('Hồ sơ vốn đầu tư công | Hồ sơ sắp xếp bộ máy | Tập lưu công văn đi');
    expect(one(ARCHIVIST, `SELECT count(*) FROM dossier_items WHERE dossier_id = ${ids.dB}`)).toBe('2');
    expect(one(ARCHIVIST, `SELECT count(*) FROM archive_corrections`)).toBe('1');
    expect(one(ARCHIVIST, `SELECT count(*) FROM keep_backs`)).toBe('1');
    expect(one(ARCHIVIST, `SELECT count(*) FROM handover_packages`)).toBe('1');
    expect(one(ARCHIVIST, `SELECT file_name FROM destruction_tombstones`)).toBe('to-chuc-bo-may.pdf');
    expect(uses(ARCHIVIST)).toBe('Đọc hồ sơ bộ máy | Đọc văn bản vốn đầu tư | Đọc văn bản bộ máy');
    expect(one(SPEC_B, `SELECT file_name FROM destruction_tombstones`)).toBe('to-chuc-bo-may.pdf');
    // Why a dossier is hidden, never what it holds; the owner's connection is told nothing.
    expect(one(SPEC_A, `SELECT vt_dossier_hidden_reason(${ids.dB}) || '/' || coalesce(vt_dossier_hidden_reason(${ids.dA}), '-')`)).toBe(
      'unit/-',
    );
    expect(one(SPEC_A, `SELECT coalesce(vt_dossier_hidden_reason(999999), '-')`)).toBe('-');
  });

  it('psql: nothing of another unit’s dossier can be changed, and a hold on it still binds the specialist', async () => {
    const rename = psqlAs(SPEC_A, `UPDATE dossiers SET title = 'Đổi' WHERE id = ${ids.dB}`);
    expect(rename.ok, rename.err).toBe(true);
    const drop = psqlAs(SPEC_A, `DELETE FROM dossier_items WHERE dossier_id = ${ids.dB}`);
    expect(drop.ok, drop.err).toBe(true);
    expect((await pgQuery<{ n: number }>(url, 'SELECT count(*)::int AS n FROM dossier_items WHERE dossier_id = $1', [ids.dB]))[0]!.n).toBe(
      2,
    );
    expect((await owner.archive.get(ids.dB)).title).toBe('Hồ sơ sắp xếp bộ máy');
    // The usage register: another unit's document's use is neither changed nor written about
    // (since 0232 the register is the archivist's alone to write: refused for any row).
    const ret = psqlAs(SPEC_A, `UPDATE usage_register SET returned_on = '2026-03-10', returned_by = 'x' WHERE target_id = ${ids.docB}`);
    expect(ret.ok).toBe(false);
    expect(ret.err).toContain('permission denied');
    const forged = psqlAs(
      SPEC_A,
      `INSERT INTO usage_register (used_on, user_name, target_kind, target_id, approved_by, created_at, created_by)
       VALUES ('2026-03-10', 'x', 'incoming', ${ids.docB}, 'x', '2026-03-10', 'x')`,
    );
    expect(forged.ok).toBe(false);
    expect(forged.err).toContain('permission denied');
    expect(
      (
        await pgQuery<{ n: number }>(
          url,
          `SELECT count(*)::int AS n FROM usage_register WHERE target_id = $1 AND target_kind = 'incoming' AND returned_on IS NULL`,
          [ids.docB],
        )
      )[0]!.n,
    ).toBe(1);
    const hold = await owner.disposition.placeHold(
      { targets: [{ kind: 'dossier', id: ids.dB }], orderedBy: 'Chánh Thanh tra', orderRef: '3/TTr', reason: 'Thanh tra vụ việc' },
      CLERK,
    );
    try {
      // Their document sits in unit B's held dossier, which they cannot see: taking it out of their own is still refused.
      const out = psqlAs(
        SPEC_A,
        `DELETE FROM dossier_items WHERE dossier_id = ${ids.dA} AND doc_kind = 'incoming' AND doc_id = ${ids.docA}`,
      );
      expect(out.ok).toBe(false);
      expect(out.err).toContain('vt:held');
    } finally {
      await owner.disposition.liftHold({ id: hold.id, liftRef: '4/TTr', reason: 'Kết thúc thanh tra' }, CLERK);
    }
  });

  it('the app on the specialist’s own login role answers as on one PC', async () => {
    const a = await appAsA();
    const who = actorA();
    expect((await a.archive.list({}, who)).items.map((x) => x.title)).toEqual(['Hồ sơ vốn đầu tư công']);
    await expect(a.archive.get(ids.dB, who)).rejects.toMatchObject({ error: { code: 'dossier_not_found' } });
    await expect(a.archive.addDoc({ id: ids.dB, kind: 'incoming', docId: ids.docA }, who)).rejects.toMatchObject({
      error: { code: 'dossier_other_unit' },
    });
    await expect(a.archive.close({ id: ids.dB, title: 'x', retention: 10, endDate: '2026-03-09' }, who)).rejects.toMatchObject({
      error: { code: 'dossier_other_unit' },
    });
    await expect(a.archive.addDoc({ id: 999_999, kind: 'incoming', docId: ids.docA }, who)).rejects.toMatchObject({
      error: { code: 'dossier_not_found' },
    });
    expect((await a.archive.dossiersOf('incoming', ids.docA, who)).map((x) => x.id)).toEqual([ids.dA]);
    // The usage register as the app reads it on the specialist's connection, and on the owner's for them: alike.
    const notes = (l: { items: { note: string | null }[] }) => l.items.map((x) => x.note);
    expect(notes(await a.disposition.usage({}, who))).toEqual(['Đọc văn bản vốn đầu tư']);
    expect(notes(await owner.disposition.usage({}, who))).toEqual(['Đọc văn bản vốn đầu tư']);
    // The plan shows the dossier still to be opened; opening it makes it theirs.
    expect((await a.archive.plan(2026, who)).dossiers.map((x) => x.title)).toEqual(['Tập lưu công văn đi']);
    const mine = await a.archive.open({ id: ids.planned }, who);
    expect(mine).toMatchObject({ id: ids.planned, state: 'open' });
    expect(await a.archive.addDoc({ id: ids.planned, kind: 'incoming', docId: ids.docA }, who)).toMatchObject({ ordinal: 1, docTotal: 1 });
    expect(one(SPEC_B, `SELECT string_agg(title, ' | ' ORDER BY id) FROM dossiers`)).toBe('Hồ sơ sắp xếp bộ máy');
  });

  it('a dossier’s documents not shown are counted by the database, never described (migration 0216)', async () => {
    // Unit B's dossier holds B's document and A's: B's specialist reads one item, the database counts two.
    const count = (who: string, id: number) => one(who, `SELECT coalesce(vt_dossier_item_count(${id})::text, '-')`);
    expect(one(SPEC_B, `SELECT count(*) FROM dossier_items WHERE dossier_id = ${ids.dB}`)).toBe('1');
    expect(count(SPEC_B, ids.dB)).toBe('2');
    expect(count(ARCHIVIST, ids.dB)).toBe('2');
    // Of a dossier they may not see, and to an administrator, nothing; a missing dossier counts none.
    expect(count(SPEC_A, ids.dB)).toBe('-');
    expect(count(ADMIN, ids.dB)).toBe('-');
    expect(count(SPEC_A, 999_999)).toBe('0');

    const b = await appAs(SPEC_B);
    const who = actorOf(SPEC_B, 'TCHC');
    const seen = await b.archive.get(ids.dB, who);
    expect(seen.items.map((i) => i.docId)).toEqual([ids.docB]);
    expect(seen.unseenItems).toBe(1);
    expect(JSON.stringify(seen)).not.toContain('1/KHDT');
    // The owner's tools, for the same person, answer alike; the archivist is shown everything.
    expect((await owner.archive.get(ids.dB, who)).unseenItems).toBe(1);
    expect((await owner.archive.get(ids.dB)).unseenItems).toBe(0);
    const { printDossierIndex } = await import('../../../src/main/archive/archiveDocuments.js');
    await expect(printDossierIndex(b, ids.dB, who)).rejects.toMatchObject({
      error: { code: 'forbidden', details: { reason: 'partial_dossier', unseen: 1 } },
    });
  });

  it('closing judges the whole dossier: a duplicate the specialist cannot see is counted by the database, never described (migration 0204)', async () => {
    // Unit A's document registered a second time (confirmed), handled by unit B, filed by the office into A's dossier.
    const again = await owner.incoming.add(doc({ symbol: '1/KHDT', subject: 'Kế hoạch vốn đầu tư công' }), { ...CLERK, force: true });
    await owner.assignments.assign(again.id, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    const { ordinal } = await owner.archive.addDoc({ id: ids.dA, kind: 'incoming', docId: again.id }, CLERK);
    // psql: the flags of the whole dossier, ordinals only; of a dossier they cannot see, nothing.
    const flags = (who: string, id: number) =>
      one(
        who,
        `SELECT coalesce(string_agg(concat_ws(':', ordinal, draft, duplicate_of), ',' ORDER BY ordinal), '-') FROM vt_dossier_item_flags(${id})`,
      );
    expect(flags(SPEC_A, ids.dA)).toBe(`${ordinal}:f:1`);
    expect(flags(SPEC_A, ids.dB)).toBe('-');
    expect(flags(SPEC_B, ids.dB)).toBe('-');
    expect(flags(ARCHIVIST, ids.dA)).toBe(`${ordinal}:f:1`);
    expect(flags(ADMIN, ids.dA)).toBe('-');
    // The database's fold is the application's.
    const words = ['Sở Kế hoạch và Đầu tư', '12/QĐ-UBND', 'ĐẮK LẮK Ưu tiên', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'Hồ sơ ỐNG ỌP'];
    for (const w of words) expect(one(SPEC_A, `SELECT vt_fold('${w}')`)).toBe(fold(w));

    const a = await appAsA();
    const who = actorA();
    const close = (keepFlagged?: boolean) =>
      a.archive.close({ id: ids.dA, title: 'Hồ sơ vốn đầu tư công', retention: 10, endDate: '2026-03-09', keepFlagged }, who);
    expect((await a.archive.get(ids.dA, who)).items.map((i) => i.docId)).toEqual([ids.docA]);
    const unclean = await close().then(
      () => null,
      (e: { error: { code: string; details?: unknown } }) => e.error,
    );
    expect(unclean).toMatchObject({ code: 'dossier_unclean', details: { flagged: [], unseen: 1 } });
    expect(JSON.stringify(unclean)).not.toContain('1/KHDT');
    expect(await close(true)).toMatchObject({ state: 'closed', docTotal: 2 });
  });

  it('psql: the trail’s entries about a use or a dossier are read with that row, as 0203 and 0189 decide (migration 0217)', async () => {
    const lend = (kind: 'incoming' | 'dossier', targetId: number, userName: string) =>
      owner.disposition.addUsage({ kind, targetId, userName, approvedBy: 'Chánh Văn phòng', usedOn: '2026-03-10' }, CLERK);
    await lend('incoming', ids.docA, 'Người Mượn Một');
    await lend('incoming', ids.docB, 'Người Mượn Hai');
    await lend('dossier', ids.dB, 'Người Mượn Ba');
    const lent = (who: string) =>
      one(who, `SELECT coalesce(string_agg(data::text, ' | ' ORDER BY seq), '-') FROM audit_log WHERE action = 'usage_add'`);
    expect(lent(SPEC_A)).toContain('Người Mượn Một');
    expect(lent(SPEC_A)).not.toMatch(/Hai|Ba"/);
    expect(lent(SPEC_B)).not.toContain('Người Mượn Một');
    expect(lent(SPEC_B)).toMatch(/Hai.*Ba/);
    for (const who of [ARCHIVIST, ADMIN]) expect(lent(who)).toMatch(/Một.*Hai.*Ba/);
    // Unit B's dossier: its opening (with its title), its filings, its use — none of them for A.
    const about = (who: string, id: number) => one(who, `SELECT count(*) FROM audit_log WHERE entity = 'dossier' AND entity_id = ${id}`);
    expect(about(SPEC_A, ids.dB)).toBe('0');
    expect(Number(about(SPEC_B, ids.dB))).toBeGreaterThanOrEqual(3);
    expect(about(ARCHIVIST, ids.dB)).toBe(about(SPEC_B, ids.dB));
    expect(Number(about(SPEC_A, ids.dA))).toBeGreaterThanOrEqual(2);
    expect(one(SPEC_A, `SELECT count(*) FROM audit_log WHERE data::text LIKE '%bộ máy%'`)).toBe('0');
    // The administrator, who checks the chain, still reads every entry.
    expect(one(ADMIN, 'SELECT count(*) FROM audit_log')).toBe(String((await pgQuery(url, 'SELECT seq FROM audit_log')).length));
  });
});

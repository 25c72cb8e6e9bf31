/**
 * Confidential dossiers in the office database (migration 0176): a dossier marked «Mật» or
 * holding a confidential document is invisible — its title too — to a person connected as
 * themselves without the confidential group, as the application hides it on SQLite; with the
 * group it is there. psql as an archivist without the grant and one with it; the app as the
 * archivist without it still numbers its plan right and refuses the whole-list actions that
 * would leave the hidden dossier behind. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const ARCHIVIST = `lt.thuong.${RUN}`;
const SECRET_ARCHIVIST = `lt.mat.${RUN}`;
const OWNER = { actor: 'văn thư A', confidential: true };
const WITHOUT = { actor: ARCHIVIST, confidential: false };

let url = '';
let owner: Services;
const opened: Services[] = [];
const ids = { pub: 0, withSecret: 0, marked: 0, planned: 0 };

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);

d('confidential dossiers in the database', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-03-06T09:00:00+07:00') });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    const add = (username: string, extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Lưu Trữ', roles: ['archivist'], password: PASSWORD, ...extra }, ADMIN);
    await add(ARCHIVIST);
    await add(SECRET_ARCHIVIST, { confidential: true });
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');

    const plain = await owner.incoming.add(doc({ symbol: '1/STC', subject: 'Kinh phí sửa chữa trụ sở' }), { actor: ADMIN });
    const secret = await owner.incoming.add(doc({ symbol: '2/CA', subject: 'Bảo vệ bí mật nhà nước', secrecy: 'confidential' }), {
      actor: ADMIN,
    });
    const mk = async (code: string, title: string, docId: number, rights?: '03') => {
      const x = await owner.archive.open({ title, code, retention: 10, startDate: '2026-03-05', ...(rights ? { rights } : {}) }, OWNER);
      await owner.archive.addDoc({ id: x.id, kind: 'incoming', docId }, OWNER);
      return x.id;
    };
    ids.pub = await mk('01.VP', 'Hồ sơ sửa chữa trụ sở', plain.id);
    ids.withSecret = await mk('02.VP', 'Hồ sơ bảo vệ bí mật nhà nước', secret.id);
    ids.marked = await mk('03.VP', 'Hồ sơ nhân sự cấp cao', plain.id, '03');
    // A plan whose highest numbered dossier is marked «Mật».
    await owner.archive.createPlan({ year: 2027 }, OWNER);
    await owner.archive.addHeading({ year: 2027, title: 'VĂN PHÒNG', abbreviation: 'VP' }, OWNER);
    await owner.archive.addPlanDossier({ year: 2027, heading: 'VP', title: 'Tập lưu công văn', retention: 10 }, OWNER);
    await owner.archive.addPlanDossier({ year: 2027, heading: 'VP', title: 'Kế hoạch mật năm 2027', retention: 10, rights: '03' }, OWNER);
  }, 180_000);

  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('psql: the archivist without the grant reads no confidential dossier, nor its title; the one with it reads all', () => {
    const titles = (who: string) => psqlAs(who, `SELECT string_agg(code || ' ' || title, ' | ' ORDER BY id) FROM dossiers`);
    const without = titles(ARCHIVIST);
    expect(without.ok, without.err).toBe(true);
    expect(without.out).toContain('01.VP Hồ sơ sửa chữa trụ sở');
    expect(without.out).toContain('Tập lưu công văn');
    expect(without.out).not.toContain('bí mật');
    expect(without.out).not.toContain('nhân sự cấp cao');
    expect(without.out).not.toContain('Kế hoạch mật');
    expect(psqlAs(ARCHIVIST, `SELECT count(*) FROM dossiers WHERE id IN (${ids.withSecret}, ${ids.marked})`).out).toBe('0');
    expect(psqlAs(ARCHIVIST, `SELECT count(*) FROM dossiers WHERE search_text LIKE '%mat%'`).out).toBe('0');
    // Nor changes one blindly.
    expect(psqlAs(ARCHIVIST, `UPDATE dossiers SET title = 'x' WHERE id = ${ids.marked}`).out).toBe('');
    const withGrant = titles(SECRET_ARCHIVIST);
    expect(withGrant.out).toContain('Hồ sơ bảo vệ bí mật nhà nước');
    expect(withGrant.out).toContain('Hồ sơ nhân sự cấp cao');
    expect(withGrant.out).toContain('Kế hoạch mật năm 2027');
    expect(psqlAs(SECRET_ARCHIVIST, 'SELECT count(*) FROM dossiers').out).toBe('5');
    // The helper functions answer numbers and yes/no, never a title.
    expect(psqlAs(ARCHIVIST, `SELECT vt_dossier_code_taken(2026, '03.VP'), vt_dossier_count('plan', 1)`).out).toBe('t|2');
  });

  it('the app as the archivist without the grant: lists, numbering, and whole-list actions', async () => {
    const u = new URL(url);
    u.username = encodeURIComponent(ARCHIVIST);
    const a = await createServices({ dbPath: u.toString(), password: PASSWORD, clock: fixedClock('2026-03-06T09:00:00+07:00') });
    opened.push(a);
    const titles = (await a.archive.list({}, WITHOUT)).items.map((x) => x.title);
    expect(titles).toContain('Hồ sơ sửa chữa trụ sở');
    expect(titles.filter((t) => /bí mật|nhân sự cấp cao|Kế hoạch mật/.test(t))).toEqual([]);
    await expect(a.archive.get(ids.marked, WITHOUT)).rejects.toMatchObject({ error: { code: 'dossier_not_found' } });
    // The next dossier of the plan takes the next number after the hidden one (02.VP), not a taken one.
    const plan = await a.archive.addPlanDossier({ year: 2027, heading: 'VP', title: 'Hồ sơ hội nghị', retention: 10 }, WITHOUT);
    expect(plan.dossiers.map((x) => `${x.code} ${x.title}`)).toEqual(['01.VP Tập lưu công văn', '03.VP Hồ sơ hội nghị']);
    // A dossier opened outside the plan with a code a hidden one has: refused as taken, not a database error.
    await expect(
      a.archive.open({ title: 'Trùng mã', code: '03.VP', retention: 10, startDate: '2026-03-05' }, WITHOUT),
    ).rejects.toMatchObject({ error: { code: 'code_taken' } });
    // A copy of a plan holding a confidential dossier would be a false plan: refused, nothing written.
    await expect(a.archive.copyPlan({ from: 2027, year: 2028 }, WITHOUT)).rejects.toMatchObject({ error: { code: 'forbidden' } });
    expect(await pgQuery(url, 'SELECT id FROM file_plans WHERE year = 2028')).toEqual([]);
    // A hold naming a hidden dossier says what it is without its title.
    const hold = await owner.disposition.placeHold(
      { targets: [{ kind: 'dossier', id: ids.marked }], orderedBy: 'Chánh Thanh tra', orderRef: '1/TTr', reason: 'Thanh tra' },
      OWNER,
    );
    const seen = await a.disposition.hold(hold.id, WITHOUT);
    expect(seen.targets.map((t) => t.label)).toEqual(['Hồ sơ mật']);
  });
});

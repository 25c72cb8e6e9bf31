/**
 * The trail's entries about a row are read with that row (migration 0218): connected as
 * themselves with psql, a specialist of one unit does not read the entries of another unit's
 * citizens' letters and hotline items, nor anyone's account but their own; an archivist (no
 * letter handler) none of the letters'; the clerk who handles letters all of them; the
 * administrator every entry (the chain check). Entries of rows everyone reads (units, tasks)
 * and a document's entries with the document stay as they were, and the app's document history
 * works on a specialist's own login. There the app names colleagues by full name (migration
 * 0219, vt_full_names: username and full name only, for the names asked), while the accounts
 * table still shows a person only their own row. Runs in the `postgres` project.
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
const CLERK = `vt.clerk.${RUN}`;
const SPEC_A = `cv.khdt.${RUN}`;
const SPEC_B = `cv.tchc.${RUN}`;
const ARCHIVIST = `lt.luutru.${RUN}`;
const FULL_NAME: Record<string, string> = {
  [CLERK]: 'Phạm Thị Văn Thư',
  [SPEC_A]: 'Đỗ Minh Kế Hoạch',
  [SPEC_B]: 'Hoàng Văn Tổ Chức',
  [ARCHIVIST]: 'Lý Thị Lưu Trữ',
};
const CLOCK = fixedClock('2026-03-10T09:00:00+07:00');

let url = '';
let owner: Services;
const opened: Services[] = [];
const ids = { letterA: 0, letterB: 0, hotlineA: 0, hotlineB: 0, docA: 0, docB: 0, task: 0 };
const accountId = new Map<string, number>();

const one = (user: string, sql: string) => {
  const r = psqlAsPerson(url, user, PASSWORD, sql);
  expect(r.ok, r.err).toBe(true);
  return r.out;
};
/** The ids of the rows of `entity` whose entries `user` reads, in order, once each. */
const about = (user: string, entity: string) =>
  one(
    user,
    `SELECT coalesce(string_agg(DISTINCT entity_id::text, ',' ORDER BY entity_id::text), '-') FROM audit_log WHERE entity = '${entity}'`,
  );
const sorted = (...xs: number[]) => xs.map(String).sort().join(',');
/** What the owner (every entry) holds. */
const all = async (where: string) => (await pgQuery<{ n: string }>(url, `SELECT count(*)::text AS n FROM audit_log WHERE ${where}`))[0]!.n;

d('the trail’s entries are read with their rows (migration 0218)', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: CLOCK });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: FULL_NAME[username]!, roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(SPEC_A, ['specialist'], { unit: 'KHDT' });
    await add(SPEC_B, ['specialist'], { unit: 'TCHC' });
    await add(ARCHIVIST, ['archivist']);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    for (const r of await pgQuery<{ id: number; username: string }>(url, 'SELECT id, username FROM accounts')) {
      accountId.set(r.username, r.id);
    }

    const who = { actor: CLERK, access: { personal: true, identity: true } };
    const letter = async (name: string, unit: string) => {
      const { id } = await owner.letters.add(
        { receivedDate: '2026-03-09', kind: 'complaint', channel: 'post', subject: `Đơn của ${name}`, senders: [{ fullName: name }] },
        who,
      );
      await owner.letters.classify(id, { eligible: true, competence: 'within', at: '2026-03-09T10:00' }, who);
      await owner.letters.accept(id, { lead: unit, due: '2026-04-30', at: '2026-03-09T11:00' }, who);
      return id;
    };
    ids.letterA = await letter('Nguyễn Văn Khiếu', 'KHDT');
    ids.letterB = await letter('Trần Thị Nại', 'TCHC');
    const hotline = async (unit: string) =>
      (
        await owner.hotline.add(
          { callerName: 'Lê Thị Cúc', procedure: 'Cấp phép', unit, cause: 'late_return', content: 'Chậm', receivedAt: '2026-03-09T08:00' },
          who,
        )
      ).id;
    ids.hotlineA = await hotline('KHDT');
    ids.hotlineB = await hotline('TCHC');

    ids.docA = (await owner.incoming.add(doc({ symbol: '1/KHDT' }), { actor: CLERK })).id;
    ids.docB = (await owner.incoming.add(doc({ symbol: '2/TCHC' }), { actor: CLERK })).id;
    await owner.assignments.assign(ids.docA, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    await owner.assignments.assign(ids.docB, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    ids.task = (await owner.tasks.add({ title: 'Tổng hợp báo cáo', leadUnit: 'TCHC', deadline: '2026-04-01' }, CLERK)).id;
    // A wrong password of specialist B: their account's entry, B's and the administrator's to read.
    await owner.accounts.authenticate(SPEC_B, 'Sai-mật-khẩu-9999').catch(() => undefined);
  }, 180_000);

  afterAll(async () => {
    for (const s of opened) await s.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it("a letter's and a hotline item's entries: the handlers, a specialist only their unit's, not the archivist", async () => {
    expect(Number(await all(`entity = 'letter' AND entity_id = ${ids.letterB}`))).toBeGreaterThanOrEqual(3);
    expect(about(CLERK, 'letter')).toBe(sorted(ids.letterA, ids.letterB));
    expect(about(SPEC_A, 'letter')).toBe(String(ids.letterA));
    expect(about(SPEC_B, 'letter')).toBe(String(ids.letterB));
    expect(about(ARCHIVIST, 'letter')).toBe('-');
    expect(about(CLERK, 'hotline')).toBe(sorted(ids.hotlineA, ids.hotlineB));
    expect(about(SPEC_A, 'hotline')).toBe(String(ids.hotlineA));
    expect(about(SPEC_B, 'hotline')).toBe(String(ids.hotlineB));
    expect(about(ARCHIVIST, 'hotline')).toBe('-');
    // Nothing of B's letter reaches A by another way of asking (its number, its accepting unit).
    expect(one(SPEC_A, `SELECT count(*) FROM audit_log WHERE data::text LIKE '%TCHC%' AND entity IN ('letter', 'hotline')`)).toBe('0');
    // Each reads as many entries of their letters as there are.
    expect(one(SPEC_B, `SELECT count(*) FROM audit_log WHERE entity = 'letter'`)).toBe(
      await all(`entity = 'letter' AND entity_id = ${ids.letterB}`),
    );
  });

  it('an account’s entries: its holder and the administrator; the other rows as before', async () => {
    for (const u of [CLERK, SPEC_A, SPEC_B, ARCHIVIST]) expect(about(u, 'account')).toBe(String(accountId.get(u)));
    expect(one(SPEC_B, `SELECT count(*) FROM audit_log WHERE entity = 'account' AND action = 'login_failed'`)).toBe('1');
    expect(one(SPEC_A, `SELECT count(*) FROM audit_log WHERE action = 'login_failed'`)).toBe('0');
    // Rows everyone reads: units, tasks (their table has no row policy); a document with its document.
    for (const u of [SPEC_A, ARCHIVIST]) expect(one(u, `SELECT count(*) FROM audit_log WHERE entity = 'unit'`)).toBe('2');
    expect(about(SPEC_A, 'task')).toBe(String(ids.task));
    expect(about(SPEC_A, 'incoming')).toBe(String(ids.docA));
    expect(about(CLERK, 'incoming')).toBe(sorted(ids.docA, ids.docB));
    // The administrator, who checks the chain, reads every entry.
    expect(one(ADMIN, 'SELECT count(*) FROM audit_log')).toBe(await all('true'));
    expect(about(ADMIN, 'letter')).toBe(sorted(ids.letterA, ids.letterB));
  });

  it('entries naming no row: a refusal and a letters export only to their actor and the administrator (migration 0231)', async () => {
    await owner.accounts.recordRefusal(SPEC_A, { method: 'account.list', needed: ['admin'] });
    await owner.accounts.recordRefusal(SPEC_B, { method: 'letter.list', reason: 'unit', unit: 'KHDT' } as never);
    await owner.letters.exportRows('2026-01-01', '2026-12-31', { actor: CLERK, access: { personal: true, identity: true } });
    const refusals = (u: string) =>
      one(u, `SELECT coalesce(string_agg(actor, ',' ORDER BY actor), '-') FROM audit_log WHERE entity = 'access' AND action = 'refused'`);
    expect(refusals(SPEC_A)).toBe(SPEC_A);
    expect(refusals(SPEC_B)).toBe(SPEC_B);
    expect(refusals(CLERK)).toBe('-');
    expect(refusals(ARCHIVIST)).toBe('-');
    expect(refusals(ADMIN)).toBe([SPEC_A, SPEC_B].sort().join(','));
    const exports = (u: string) => one(u, `SELECT count(*) FROM audit_log WHERE entity = 'letters' AND action = 'export'`);
    expect(exports(CLERK)).toBe('1');
    expect(exports(ADMIN)).toBe('1');
    for (const u of [SPEC_A, SPEC_B, ARCHIVIST]) expect(exports(u)).toBe('0');
    // Entries naming no row about the office stay everyone's: the database's set-up, the settings.
    for (const u of [SPEC_A, ARCHIVIST]) expect(one(u, `SELECT count(*) > 0 FROM audit_log WHERE entity = 'database'`)).toBe('t');
  });

  it("the app on a specialist's own login still shows their document's history; the chain check passes", async () => {
    const a = await createServices({
      dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(SPEC_A)}@`),
      password: PASSWORD,
      clock: CLOCK,
    });
    opened.push(a);
    const trail = await a.incoming.auditTrail(ids.docA);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'assign']));
    // `check` runs as the owner (README: restore then check); it reads and re-hashes the whole chain.
    expect((await owner.check()).ok).toBe(true);
  });

  it('colleagues’ full names, and nothing else of their accounts, for a specialist on their own login (migration 0219)', async () => {
    // psql: the names asked, two columns; the accounts table itself still shows only one's own row.
    const asked = `ARRAY['${CLERK}', '${ARCHIVIST}', 'khong.co.ai']`;
    expect(one(SPEC_A, `SELECT username || '=' || full_name FROM vt_full_names(${asked}) ORDER BY 1`)).toBe(
      [`${ARCHIVIST}=${FULL_NAME[ARCHIVIST]}`, `${CLERK}=${FULL_NAME[CLERK]}`].sort().join('\n'),
    );
    expect(one(SPEC_A, `SELECT row_to_json(x)::text FROM vt_full_names(ARRAY['${CLERK}']) x`)).toBe(
      JSON.stringify({ username: CLERK, full_name: FULL_NAME[CLERK] }),
    );
    expect(one(SPEC_A, 'SELECT count(*) FROM accounts')).toBe('1');
    // The app on the specialist's login names the clerk who registered their document.
    const a = await createServices({
      dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(SPEC_A)}@`),
      password: PASSWORD,
      clock: CLOCK,
    });
    opened.push(a);
    const actors = (await a.incoming.auditTrail(ids.docA)).map((e) => e.actor);
    expect(actors).toContain(CLERK);
    const names = await a.accounts.fullNames([...actors, SPEC_B, 'khong.co.ai']);
    expect(names.get(CLERK)).toBe(FULL_NAME[CLERK]);
    expect(names.get(SPEC_B)).toBe(FULL_NAME[SPEC_B]);
    expect(names.has('khong.co.ai')).toBe(false);
  });
});

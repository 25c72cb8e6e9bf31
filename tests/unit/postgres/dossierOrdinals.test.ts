/**
 * A dossier's ordinals in the office database when the person filing cannot see all of it
 * (issue 14): a specialist connected as their own login role sees only the documents assigned
 * to their unit, so a dossier of their unit that also holds another unit's documents shows
 * them part of its items. Filing and taking out must still place and shift EVERY item (the
 * database does it, migration 0184), the ordinals stay 1..n without a duplicate (checked per
 * moving statement under the dossier's row lock, 0199 and 0205), and the person learns nothing
 * of the hidden items but the ordinal of their own. psql as the specialist cannot shift ordinals by hand past the rule.
 * Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveActorOf, type ArchiveActor } from '../../../src/main/archive/archiveService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const SPECIALIST = `cv.khdt.${RUN}`;
const OWNER = { actor: 'văn thư A', confidential: true };

let url = '';
let owner: Services;
let specialist: Services;
let who: ArchiveActor;
const docs = { tchc8: 0, khdt9: 0, tchc10: 0, khdt11: 0 };

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);

/** The dossier's items as the database holds them (as the owner: every row). */
async function held(dossierId: number): Promise<string[]> {
  const rows = await pgQuery<{ doc_id: number; ordinal: number }>(
    url,
    'SELECT doc_id, ordinal FROM dossier_items WHERE dossier_id = $1 ORDER BY ordinal, doc_id',
    [dossierId],
  );
  const name = new Map(Object.entries(docs).map(([k, v]) => [v, k]));
  return rows.map((r) => `${r.ordinal}:${name.get(r.doc_id)}`);
}

d("a dossier's ordinals when the person filing sees only part of it", () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-03-10T09:00:00+07:00') });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    const khdt = await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
    await owner.accounts.add(
      { username: SPECIALIST, fullName: 'Người Thử', roles: ['specialist'], password: PASSWORD, unit: 'KHDT' },
      ADMIN,
    );
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    // Arrived at 08:00, 09:00, 10:00, 11:00; the ones at 9 and 11 assigned to KHDT, the others to TCHC.
    const add = async (hour: number, unit: string) => {
      const x = await owner.incoming.add(
        doc({
          symbol: `${hour}/STC`,
          subject: `Văn bản đến lúc ${hour} giờ`,
          arrivalDate: `2026-03-05T${String(hour).padStart(2, '0')}:00:00+07:00`,
        }),
        OWNER,
      );
      await owner.assignments.assign(x.id, { lead: unit, due: '2026-03-30' }, 'lãnh đạo');
      return x.id;
    };
    docs.tchc8 = await add(8, 'TCHC');
    docs.khdt9 = await add(9, 'KHDT');
    docs.tchc10 = await add(10, 'TCHC');
    docs.khdt11 = await add(11, 'KHDT');
    const u = new URL(url);
    u.username = encodeURIComponent(SPECIALIST);
    specialist = await createServices({ dbPath: u.toString(), password: PASSWORD, clock: fixedClock('2026-03-10T09:00:00+07:00') });
    who = archiveActorOf(
      {
        username: SPECIALIST,
        fullName: 'Người Thử',
        roles: ['specialist'],
        confidential: false,
        unit: 'KHDT',
        unitName: null,
        unitId: khdt.id,
      },
      SPECIALIST,
    );
  }, 180_000);

  afterAll(async () => {
    await specialist?.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('filing between hidden items places and shifts every item; taking out closes the gap; no ordinal twice', async () => {
    // The specialist's unit's dossier; the archivist has filed the other unit's two documents in it.
    const dossier = await specialist.archive.open(
      { title: 'Hồ sơ kế hoạch vốn', code: '41.KHDT', retention: 10, startDate: '2026-03-01' },
      who,
    );
    await owner.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: docs.tchc8 }, OWNER);
    await owner.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: docs.tchc10 }, OWNER);
    expect(await held(dossier.id)).toEqual(['1:tchc8', '2:tchc10']);

    // The 09:00 document goes between the two hidden ones; the 11:00 one after both.
    await specialist.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: docs.khdt9 }, who);
    expect(await held(dossier.id)).toEqual(['1:tchc8', '2:khdt9', '3:tchc10']);
    await specialist.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: docs.khdt11 }, who);
    expect(await held(dossier.id)).toEqual(['1:tchc8', '2:khdt9', '3:tchc10', '4:khdt11']);
    // The specialist's view: their own two, at their true places; the hidden ones are not there.
    const seen = await specialist.archive.get(dossier.id, who);
    expect(seen.items.map((i) => `${i.ordinal}:${i.docId}`)).toEqual([`2:${docs.khdt9}`, `4:${docs.khdt11}`]);
    expect(seen.docTotal).toBe(4);

    // Taken out by the specialist: every later item moves up, hidden or not.
    await specialist.archive.removeDoc({ id: dossier.id, kind: 'incoming', docId: docs.khdt9, reason: 'nhầm hồ sơ' }, who);
    expect(await held(dossier.id)).toEqual(['1:tchc8', '2:tchc10', '3:khdt11']);
    expect((await owner.archive.get(dossier.id)).docTotal).toBe(3);
    // The dossier's search words still hold the hidden documents' (the specialist could not read them).
    const text = await pgQuery<{ search_text: string }>(url, 'SELECT search_text FROM dossiers WHERE id = $1', [dossier.id]);
    expect(text[0]!.search_text).toContain('10/stc');

    // Closed by the specialist with a new title: the hidden documents still count and keep their words.
    const closed = await specialist.archive.close(
      { id: dossier.id, title: 'Hồ sơ kế hoạch vốn năm 2026', retention: 10, endDate: '2026-03-20' },
      who,
    );
    expect(closed).toMatchObject({ state: 'closed', docTotal: 3 });
    const after = (await pgQuery<{ search_text: string }>(url, 'SELECT search_text FROM dossiers WHERE id = $1', [dossier.id]))[0]!;
    expect(after.search_text).toMatch(/^41\.khdt ho so ke hoach von nam 2026 .*8\/stc.*10\/stc.*11\/stc/);
    // Each filing's entry and the chain's head were written in the filing's one statement (0190): the trail checks out.
    const filed = await pgQuery<{ actor: string; data: string }>(
      url,
      `SELECT actor, data FROM audit_log WHERE action = 'dossier_file' AND entity_id = $1 ORDER BY seq`,
      [dossier.id],
    );
    expect(filed).toEqual([
      { actor: 'văn thư A', data: JSON.stringify({ kind: 'incoming', docId: docs.tchc8, ordinal: 1 }) },
      { actor: 'văn thư A', data: JSON.stringify({ kind: 'incoming', docId: docs.tchc10, ordinal: 2 }) },
      { actor: SPECIALIST, data: JSON.stringify({ kind: 'incoming', docId: docs.khdt9, ordinal: 2 }) },
      { actor: SPECIALIST, data: JSON.stringify({ kind: 'incoming', docId: docs.khdt11, ordinal: 4 }) },
    ]);
    expect(await owner.check()).toMatchObject({ ok: true });
  });

  it('the database keeps one item per ordinal, whatever program writes', async () => {
    const dossier = await owner.archive.open(
      { title: 'Hồ sơ thử ràng buộc', code: '42.KHDT', retention: 10, startDate: '2026-03-01' },
      OWNER,
    );
    await owner.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: docs.tchc8 }, OWNER);
    // An item written by hand with a taken ordinal (as the owner: past every policy) is placed by the database.
    await pgQuery(
      url,
      `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by)
       VALUES ($1, 'incoming', $2, 1, '2026-03-05T09:00:00+07:00', '2026-03-10', 'x')`,
      [dossier.id, docs.khdt9],
    );
    expect(await held(dossier.id)).toEqual(['1:tchc8', '2:khdt9']);
    // And an ordinal moved by hand onto a taken one is refused by the constraint.
    await expect(
      pgQuery(url, 'UPDATE dossier_items SET ordinal = 1 WHERE dossier_id = $1 AND doc_id = $2', [dossier.id, docs.khdt9]),
    ).rejects.toThrow(/dossier_items_ordinal/);
    // The specialist by psql cannot move the other unit's items (they are not theirs to see).
    const shift = psqlAs(SPECIALIST, `UPDATE dossier_items SET ordinal = ordinal + 5 WHERE dossier_id = ${dossier.id}`);
    expect(shift.ok).toBe(false);
    expect(shift.err).toContain('permission denied');
    expect(await held(dossier.id)).toEqual(['1:tchc8', '2:khdt9']);
  });

  it('a move is checked once per statement (migration 0190): never in a closed dossier, never to another dossier or document', async () => {
    const [closed] = await pgQuery<{ id: number }>(url, `SELECT id FROM dossiers WHERE code = '41.KHDT'`);
    const [open] = await pgQuery<{ id: number }>(url, `SELECT id FROM dossiers WHERE code = '42.KHDT'`);
    const before = { closed: await held(closed!.id), open: await held(open!.id) };
    // Even the owner, past every policy: the closed dossier's items stay where they are.
    await expect(pgQuery(url, 'UPDATE dossier_items SET ordinal = ordinal + 10 WHERE dossier_id = $1', [closed!.id])).rejects.toThrow(
      /vt:dossier_not_open/,
    );
    await expect(
      pgQuery(url, 'UPDATE dossier_items SET doc_id = $2 WHERE dossier_id = $1 AND doc_id = $3', [open!.id, docs.khdt11, docs.khdt9]),
    ).rejects.toThrow(/vt:dossier_not_open/);
    await expect(
      pgQuery(url, 'UPDATE dossier_items SET dossier_id = $2 WHERE dossier_id = $1 AND doc_id = $3', [open!.id, closed!.id, docs.khdt9]),
    ).rejects.toThrow(/vt:dossier_not_open/);
    // Onto an item the other dossier already holds, the primary key refuses it first (0228: the
    // check runs after the row is written, so that a shift writes no row lock per item).
    await expect(pgQuery(url, 'UPDATE dossier_items SET dossier_id = $2 WHERE dossier_id = $1', [open!.id, closed!.id])).rejects.toThrow(
      /vt:dossier_not_open|dossier_items_pkey/,
    );
    // A move within an open dossier passes (the placement's own shift is one).
    await pgQuery(url, 'UPDATE dossier_items SET ordinal = ordinal + 10 WHERE dossier_id = $1', [open!.id]);
    await pgQuery(url, 'UPDATE dossier_items SET ordinal = ordinal - 10 WHERE dossier_id = $1', [open!.id]);
    expect({ closed: await held(closed!.id), open: await held(open!.id) }).toEqual(before);
  });

  it('two sessions moving items onto one free ordinal take turns; the second is refused (migration 0205)', async () => {
    const [open] = await pgQuery<{ id: number }>(url, `SELECT id FROM dossiers WHERE code = '42.KHDT'`);
    const before = await held(open!.id);
    expect(before).toEqual(['1:tchc8', '2:khdt9']);
    const first = new pg.Client({ connectionString: url });
    const second = new pg.Client({ connectionString: url });
    await first.connect();
    await second.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await first.query('UPDATE dossier_items SET ordinal = 7 WHERE dossier_id = $1 AND doc_id = $2', [open!.id, docs.tchc8]);
      const pid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // Another item onto the same free ordinal while the first move is not committed yet.
      const secondMove = second
        .query('UPDATE dossier_items SET ordinal = 7 WHERE dossier_id = $1 AND doc_id = $2', [open!.id, docs.khdt9])
        .then(
          () => 'moved',
          (e: Error) => e.message,
        );
      // It waits for the dossier's row lock (without 0205 it would not wait, and both would commit).
      let waiting = false;
      for (let i = 0; i < 100 && !waiting; i++) {
        const [row] = await pgQuery<{ wait: string | null }>(url, 'SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1', [
          pid,
        ]);
        waiting = row?.wait === 'Lock';
        if (!waiting) await new Promise((r) => setTimeout(r, 50));
      }
      await first.query('COMMIT');
      expect(await secondMove).toMatch(/dossier_items_ordinal/);
      expect(waiting).toBe(true);
      await second.query('ROLLBACK');
      expect(await held(open!.id)).toEqual(['2:khdt9', '7:tchc8']);
    } finally {
      await first.end();
      await second.end();
    }
    await pgQuery(url, 'UPDATE dossier_items SET ordinal = 1 WHERE dossier_id = $1 AND doc_id = $2', [open!.id, docs.tchc8]);
    expect(await held(open!.id)).toEqual(before);
  });
  it('filing before 40 later items moves each once, without a row lock per item, and keeps the ordinals 1..n (migration 0228)', async () => {
    const dossier = await owner.archive.open({ title: 'Hồ sơ thử dời', code: '43.KHDT', retention: 10, startDate: '2026-03-01' }, OWNER);
    // 40 items written by hand (as the owner), placed by the database in the order of their events.
    for (let k = 0; k < 40; k++)
      await pgQuery(
        url,
        `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by)
         VALUES ($1, 'outgoing', $2, 1, $3, '2026-03-10', 'x')`,
        [
          dossier.id,
          90_000 + k,
          `2026-03-06T${String(8 + Math.floor(k / 6)).padStart(2, '0')}:${String((k % 6) * 10).padStart(2, '0')}:00+07:00`,
        ],
      );
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('BEGIN');
      // One earlier event: every one of the 40 moves down one. A BEFORE UPDATE row trigger made
      // PostgreSQL lock (and log) each moved row first: two WAL records per item instead of one.
      const plan = await c.query<{ 'QUERY PLAN': [{ Plan: { 'WAL Records': number } }] }>(
        `EXPLAIN (ANALYZE, WAL, FORMAT JSON) INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by)
         VALUES ($1, 'outgoing', 89999, 1, '2026-03-06T07:00:00+07:00', '2026-03-10', 'x')`,
        [dossier.id],
      );
      const records = plan.rows[0]!['QUERY PLAN'][0].Plan['WAL Records'];
      expect(records).toBeGreaterThanOrEqual(40);
      expect(records).toBeLessThan(60);
      const rows = await c.query<{ doc_id: number; ordinal: number }>(
        'SELECT doc_id, ordinal FROM dossier_items WHERE dossier_id = $1 ORDER BY ordinal',
        [dossier.id],
      );
      expect(rows.rows.map((r) => r.ordinal)).toEqual(Array.from({ length: 41 }, (_, k) => k + 1));
      expect(rows.rows.map((r) => r.doc_id)).toEqual([89999, ...Array.from({ length: 40 }, (_, k) => 90_000 + k)]);
      await c.query('COMMIT');
    } finally {
      await c.end();
    }
    // A move sent as a statement of its own is still checked (0205): onto a taken ordinal, refused.
    await expect(
      pgQuery(url, 'UPDATE dossier_items SET ordinal = 2 WHERE dossier_id = $1 AND doc_id = $2', [dossier.id, 89999]),
    ).rejects.toThrow(/dossier_items_ordinal/);
  });
});

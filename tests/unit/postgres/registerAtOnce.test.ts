/**
 * A registration's locked part in one statement (migration 0188, issue 11): the same row, the
 * same record, the same audit entry as the separate steps; the same refusals with nothing
 * written; a registration whose later step fails leaves no gap; a clerk connected as their
 * own login role registers under their row policies and is the entry's actor; a write that
 * defers the lock and starts otherwise takes it before its first statement. And an
 * assignment's status change no longer rewrites its document's search vector. Runs in the
 * `postgres` project.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { WRITE_LOCK } from '../../../src/main/db/postgres/writeLock.js';
import { createServices } from '../../../src/main/services.js';
import { FIXTURE_PASSWORD } from '../cliHelpers.js';
import { addFixtureAccounts, doc, fixedClock, freshServices } from '../helpers.js';
import { PG_OWNER_PASSWORD } from '../helpers/pgCluster.js';
import { pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());
const ACTOR = { actor: 'văn thư A' };

async function auditCount(url: string): Promise<number> {
  return Number((await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM audit_log'))[0]!.n);
}

d('a registration in one call', () => {
  it('writes the row the separate steps write, answers it as get() reads it, and audits it in the one chain', async () => {
    const { services: s, dbPath } = await freshServices();
    // No symbol: no duplicate key, so both documents have the same fields.
    const fields = doc({ symbol: undefined, subject: 'Về việc tăng cường phòng, chống sạt lở đất mùa mưa bão' });
    const once = await s.incoming.add(fields, ACTOR);
    // A number typed by the clerk takes the separate steps.
    const steps = await s.incoming.add({ ...fields, arrivalNumber: 50 }, ACTOR);
    expect(once.arrivalNumber).toBe(1);
    expect(steps.arrivalNumber).toBe(50);
    expect(once).toEqual(await s.incoming.get(once.id));
    const rows = await pgQuery<{ id: number; r: unknown }>(
      dbPath,
      `SELECT id, to_jsonb(d) - '{id,arrival_number,sort_key}'::text[] AS r FROM incoming_documents d WHERE id = ANY($1) ORDER BY id`,
      [[once.id, steps.id]],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]!.r).toEqual(rows[1]!.r);
    // Found by its words like any document.
    expect((await s.search.search({ query: 'sạt lở đất' })).items.map((x) => x.id).sort()).toEqual([once.id, steps.id].sort());
    const [created] = await s.store.read((r) => r.audit.forEntity('incoming', once.id));
    expect(created).toMatchObject({ action: 'create', actor: ACTOR.actor });
    expect(JSON.parse(created!.data)).toMatchObject({ new: { register: 'DEN', year: 2026, arrivalNumber: 1, subject: fields.subject } });
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it('refuses a duplicate, an unknown register and a confidential document in an ordinary book: nothing written, no number used', async () => {
    const { services: s, dbPath } = await freshServices();
    const first = await s.incoming.add(doc(), ACTOR);
    const entries = await auditCount(dbPath);
    await expect(s.incoming.add(doc(), ACTOR)).rejects.toMatchObject({
      error: { code: 'duplicate', field: 'symbol', details: { existing: { id: first.id, arrivalNumber: 1, register: 'DEN', year: 2026 } } },
    });
    await expect(s.incoming.add(doc({ symbol: '2/STC', register: 'KHONG-CO' }), ACTOR)).rejects.toMatchObject({
      error: { code: 'unknown_register', field: 'register' },
    });
    await expect(s.incoming.add(doc({ symbol: '3/STC', register: 'DI' }), ACTOR)).rejects.toMatchObject({
      error: { code: 'unknown_register' },
    });
    await expect(s.incoming.add(doc({ symbol: '4/STC', register: 'DEN', secrecy: 'confidential' }), ACTOR)).rejects.toMatchObject({
      error: { code: 'register_mismatch', field: 'register' },
    });
    expect(await auditCount(dbPath)).toBe(entries);
    expect(await pgQuery(dbPath, 'SELECT count(*)::int AS n FROM incoming_documents')).toEqual([{ n: 1 }]);
    // Registered on purpose, the duplicate takes the separate steps and is audited as such.
    const forced = await s.incoming.add(doc(), { ...ACTOR, force: true });
    expect(forced.arrivalNumber).toBe(2);
    expect((await s.store.read((r) => r.audit.forEntity('incoming', forced.id))).map((e) => e.action)).toEqual([
      'create',
      'force_duplicate',
    ]);
    expect((await s.incoming.add(doc({ symbol: '5/STC', secrecy: 'confidential' }), ACTOR)).register).toBe('DEN-MAT');
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it('a registration whose later step fails is rolled back whole: its number is given to the next, the chain goes on', async () => {
    const { services: s, dbPath } = await freshServices();
    await s.incoming.add(doc({ symbol: '1/STC' }), ACTOR);
    const entries = await auditCount(dbPath);
    await expect(
      s.incoming.add(doc({ symbol: '2/STC' }), {
        ...ACTOR,
        within: async () => {
          throw new Error('the edXML receipt could not be recorded');
        },
      }),
    ).rejects.toThrow(/edXML receipt/);
    expect(await auditCount(dbPath)).toBe(entries);
    expect((await s.incoming.add(doc({ symbol: '2/STC' }), ACTOR)).arrivalNumber).toBe(2);
    expect(
      await pgQuery(dbPath, `SELECT last_number FROM register_counters c JOIN registers r ON r.id = c.register_id WHERE r.code = 'DEN'`),
    ).toEqual([{ last_number: 2 }]);
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it('a clerk connected as their own login role registers under their policies and is the audited actor', async () => {
    const { services: owner, dbPath } = await freshServices();
    await addFixtureAccounts(owner);
    const u = new URL(dbPath);
    u.username = 'vt.clerk';
    const clerk = await createServices({
      dbPath: u.toString(),
      password: FIXTURE_PASSWORD,
      clock: fixedClock('2026-03-10T09:00:00+07:00'),
    });
    try {
      const r = await clerk.incoming.add(doc({ symbol: '7/STC' }), { actor: 'vt.clerk' });
      expect(r).toMatchObject({ register: 'DEN', arrivalNumber: 1, createdAt: '2026-03-10T09:00:00+07:00' });
      expect(await pgQuery(dbPath, `SELECT actor, action FROM audit_log WHERE entity = 'incoming' AND entity_id = $1`, [r.id])).toEqual([
        { actor: 'vt.clerk', action: 'create' },
      ]);
      // A name other than the connected role's would not be the entry the database records:
      // refused by the database before anything is written (migration 0200), nothing kept.
      await expect(clerk.incoming.add(doc({ symbol: '8/STC' }), { actor: 'người khác' })).rejects.toMatchObject({
        error: { code: 'db_forbidden' },
      });
      expect((await clerk.incoming.add(doc({ symbol: '8/STC' }), { actor: 'vt.clerk' })).arrivalNumber).toBe(2);
      expect(await owner.check()).toMatchObject({ ok: true });
    } finally {
      await clerk.close();
    }
  });

  it('a write opened with lateLock whose first statement is not a registration takes the write lock before it', async () => {
    const { services: s } = await freshServices();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const a = s.store.write(
      async (r) => {
        await r.meta.get('org_name');
        order.push('a in');
        await held;
        order.push('a out');
      },
      { lateLock: true },
    );
    while (!order.includes('a in')) await new Promise((r) => setTimeout(r, 10));
    const b = s.store.write(async () => {
      order.push('b in');
    });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['a in', 'a out', 'b in']);
  });

  it('a write sent alone is one statement, committed by the server: a second statement is refused before it is sent', async () => {
    const { services: s, dbPath } = await freshServices();
    const plain = await s.incoming.add(doc({ symbol: '1/STC' }), ACTOR);
    expect(plain).toEqual(await s.incoming.get(plain.id));
    await expect(
      s.store.write(
        async (r) => {
          await r.meta.get('org_name');
          await r.meta.set('org_name', 'Đổi tên');
        },
        { lateLock: true, alone: true },
      ),
    ).rejects.toThrow(/one statement/);
    expect(await pgQuery(dbPath, `SELECT value FROM meta WHERE key = 'org_name'`)).toEqual([{ value: 'Ủy ban nhân dân tỉnh Quảng Ngãi' }]);
    expect((await s.incoming.add(doc({ symbol: '2/STC' }), ACTOR)).arrivalNumber).toBe(2);
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it('a write whose lock wait is cut off (BEGIN and the lock are one query) is rolled back; the connection serves the next write', async () => {
    const { services: s, dbPath } = await freshServices();
    await s.incoming.add(doc({ symbol: '1/STC' }), ACTOR);
    const entries = await auditCount(dbPath);
    const holder = new pg.Client({ connectionString: dbPath, password: PG_OWNER_PASSWORD, ssl: false });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      // A typed number takes the separate steps: the lock is taken with BEGIN.
      const waiting = s.incoming.add(doc({ symbol: '2/STC', arrivalNumber: 7 }), ACTOR);
      let pid: number | undefined;
      while (pid === undefined) {
        await new Promise((r) => setTimeout(r, 20));
        const w = await holder.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        pid = w.rows[0]?.pid;
      }
      await holder.query('SELECT pg_cancel_backend($1)', [pid]);
      await expect(waiting).rejects.toMatchObject({ error: { code: 'db_timeout' } });
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    // Nothing of it was kept, no session is left inside a transaction, and the next writes go on.
    expect(await auditCount(dbPath)).toBe(entries);
    expect(
      await pgQuery(
        dbPath,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect((await s.incoming.add(doc({ symbol: '2/STC', arrivalNumber: 7 }), ACTOR)).arrivalNumber).toBe(7);
    expect((await s.incoming.add(doc({ symbol: '3/STC' }), ACTOR)).arrivalNumber).toBe(8);
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it("an assignment's status change leaves its document's search vector alone; a change of unit rewrites it", async () => {
    const { services: s, dbPath } = await freshServices();
    const r = await s.incoming.add(doc(), ACTOR);
    await pgQuery(dbPath, `INSERT INTO units (code, name, created_at) VALUES ('STC', 'Sở Tài chính', 'x'), ('SNV', 'Sở Nội vụ', 'x')`);
    const unit = async (code: string) => (await pgQuery<{ id: number }>(dbPath, 'SELECT id FROM units WHERE code = $1', [code]))[0]!.id;
    const version = async () =>
      (
        await pgQuery<{ v: string; units: string[] }>(
          dbPath,
          `SELECT xmin::text AS v, ARRAY(SELECT l FROM unnest(tsvector_to_array(search_tsv)) l WHERE l LIKE '#u%' ORDER BY l) AS units
           FROM incoming_documents WHERE id = $1`,
          [r.id],
        )
      )[0]!;
    await pgQuery(
      dbPath,
      `INSERT INTO assignments (document_id, unit_id, role, due_date, directed_by, assigned_at) VALUES ($1, $2, 'lead', '2026-03-20', 'ld', 'x')`,
      [r.id, await unit('STC')],
    );
    const assigned = await version();
    expect(assigned.units).toEqual([`#u${await unit('STC')}`]);
    await pgQuery(dbPath, `UPDATE assignments SET status = 'in_progress' WHERE document_id = $1`, [r.id]);
    await pgQuery(dbPath, `UPDATE assignments SET status = 'done', done_at = 'x', reply_symbol = '9/STC' WHERE document_id = $1`, [r.id]);
    expect(await version()).toEqual(assigned);
    await pgQuery(dbPath, 'UPDATE assignments SET unit_id = $2 WHERE document_id = $1', [r.id, await unit('SNV')]);
    expect((await version()).units).toEqual([`#u${await unit('SNV')}`]);
    await pgQuery(dbPath, `UPDATE assignments SET replaced_at = 'x' WHERE document_id = $1`, [r.id]);
    expect((await version()).units).toEqual([]);
  });
});

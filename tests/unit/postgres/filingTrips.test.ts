/**
 * Filing a document on the office database in two round trips (issue 14): BEGIN, the write
 * lock and the filing's read in one simple query, then the write and COMMIT in another (each
 * statement prepared once per connection with SQL PREPARE and run by EXECUTE). The same refusals with nothing written, a
 * lock wait cut off leaves the connection usable, and the trail checks out. Runs in the
 * `postgres` project.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { WRITE_LOCK } from '../../../src/main/db/postgres/writeLock.js';
import { ACTOR, doc, freshServices } from '../helpers.js';
import { PG_OWNER_PASSWORD } from '../helpers/pgCluster.js';
import { pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

/** The statements node-postgres sends while `fn` runs (every client of the process). */
const sent: string[] = [];
const original = pg.Client.prototype.query;
function recording(): void {
  sent.length = 0;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...a: unknown[]) {
    const c = a[0] as string | { text: string };
    sent.push((typeof c === 'string' ? c : c.text).replace(/\s+/g, ' '));
    return (original as (...x: unknown[]) => unknown).apply(this, a);
  };
}
afterEach(() => {
  pg.Client.prototype.query = original;
});

async function idleInTransaction(url: string): Promise<number> {
  const [r] = await pgQuery<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
  );
  return r!.n;
}

d('filing in two round trips', () => {
  it('sends BEGIN, the lock and the read as one query, then the write with COMMIT; prepares each once per connection', async () => {
    const { services: s, dbPath } = await freshServices();
    const a = await s.incoming.add(doc({ symbol: '1/STC', arrivalDate: '2026-03-05T10:00:00+07:00' }), ACTOR);
    const b = await s.incoming.add(doc({ symbol: '2/STC', arrivalDate: '2026-03-05T08:00:00+07:00' }), ACTOR);
    const dossier = await s.archive.open({ title: 'Hồ sơ thử', code: '07.KHDT', retention: 10, startDate: '2026-03-01' }, ACTOR);
    recording();
    expect(await s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: a.id }, ACTOR)).toMatchObject({ ordinal: 1, docTotal: 1 });
    const first = [...sent];
    recording();
    // Earlier event: placed first, the other moves down.
    expect(await s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: b.id }, ACTOR)).toMatchObject({ ordinal: 1, docTotal: 2 });
    const second = [...sent];
    pg.Client.prototype.query = original;
    expect(first).toHaveLength(2);
    expect(first[0]).toMatch(/^PREPARE p\w+ AS SELECT .* BEGIN; SELECT pg_advisory_xact_lock\(\d+\); EXECUTE p\w+\(/);
    expect(first[1]).toMatch(/^PREPARE p\w+ AS WITH d AS \(UPDATE dossiers .*; EXECUTE p\w+\(.*\); COMMIT$/);
    // The connection already holds both statements: no PREPARE again.
    expect(second).toHaveLength(2);
    expect(second[0]).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock\(\d+\); EXECUTE p\w+\(\d+, \d+, \d+, 'incoming', \d+\)$/);
    expect(second[1]).toMatch(/^EXECUTE p\w+\(2, '.*', .*\); COMMIT$/);
    const items = await pgQuery<{ doc_id: number; ordinal: number }>(
      dbPath,
      'SELECT doc_id, ordinal FROM dossier_items WHERE dossier_id = $1 ORDER BY ordinal',
      [dossier.id],
    );
    expect(items).toEqual([
      { doc_id: b.id, ordinal: 1 },
      { doc_id: a.id, ordinal: 2 },
    ]);
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it('a refused filing writes nothing and leaves no open transaction; the next one files', async () => {
    const { services: s, dbPath } = await freshServices();
    const a = await s.incoming.add(doc({ symbol: '1/STC' }), ACTOR);
    const dossier = await s.archive.open({ title: 'Hồ sơ thử', code: '07.KHDT', retention: 10, startDate: '2026-03-01' }, ACTOR);
    await s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: a.id }, ACTOR);
    const entries = (await pgQuery<{ n: number }>(dbPath, 'SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    await expect(s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: a.id }, ACTOR)).rejects.toMatchObject({
      error: { code: 'already_filed' },
    });
    await expect(s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: 999_999 }, ACTOR)).rejects.toMatchObject({
      error: { code: 'not_found', field: 'docId' },
    });
    await expect(s.archive.addDoc({ id: 999_999, kind: 'incoming', docId: a.id }, ACTOR)).rejects.toMatchObject({
      error: { code: 'dossier_not_found' },
    });
    expect((await pgQuery<{ n: number }>(dbPath, 'SELECT count(*)::int AS n FROM audit_log'))[0]!.n).toBe(entries);
    expect(await idleInTransaction(dbPath)).toBe(0);
    const b = await s.incoming.add(doc({ symbol: '2/STC' }), ACTOR);
    expect(await s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: b.id }, ACTOR)).toMatchObject({ docTotal: 2 });
    expect(await s.check()).toMatchObject({ ok: true });
  });

  it('a filing whose lock wait is cut off is rolled back whole; the connection files the next', async () => {
    const { services: s, dbPath } = await freshServices();
    const a = await s.incoming.add(doc({ symbol: '1/STC' }), ACTOR);
    const dossier = await s.archive.open({ title: 'Hồ sơ thử', code: '07.KHDT', retention: 10, startDate: '2026-03-01' }, ACTOR);
    const holder = new pg.Client({ connectionString: dbPath, password: PG_OWNER_PASSWORD, ssl: false });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const waiting = s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: a.id }, ACTOR);
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
    expect(await pgQuery(dbPath, 'SELECT doc_id FROM dossier_items WHERE dossier_id = $1', [dossier.id])).toEqual([]);
    expect(await idleInTransaction(dbPath)).toBe(0);
    // The read was prepared before the lock was asked for: the same connection runs it now.
    expect(await s.archive.addDoc({ id: dossier.id, kind: 'incoming', docId: a.id }, ACTOR)).toMatchObject({ ordinal: 1, docTotal: 1 });
    expect(await s.check()).toMatchObject({ ok: true });
  });
  it('a change with no correction waiting only reads the corrections (migration 0229); one waiting is marked applied', async () => {
    const { services: s, dbPath } = await freshServices();
    const dossier = await s.archive.open({ title: 'Hồ sơ thử', code: '07.KHDT', retention: 10, startDate: '2026-03-01' }, ACTOR);
    const c = new pg.Client({ connectionString: dbPath, password: PG_OWNER_PASSWORD, ssl: false });
    await c.connect();
    const locks = async () =>
      (
        await c.query<{ mode: string }>(
          `SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'archive_corrections'::regclass ORDER BY mode`,
        )
      ).rows.map((r) => r.mode);
    try {
      await c.query('BEGIN');
      await c.query('UPDATE dossiers SET note = $2 WHERE id = $1', [dossier.id, 'ghi chú']);
      // Read, not opened for writing (an UPDATE finding no row took RowExclusiveLock).
      expect(await locks()).toEqual(['AccessShareLock']);
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO archive_corrections (target_kind, target_id, field, old_value, new_value, reason, by_actor, at)
         VALUES ('dossier', $1, 'note', NULL, 'ghi chú', 'thử', 'lưu trữ', '2026-03-10')`,
        [dossier.id],
      );
      await c.query('UPDATE dossiers SET note = $2 WHERE id = $1', [dossier.id, 'ghi chú']);
      expect(
        (await c.query<{ applied: number }>('SELECT applied FROM archive_corrections WHERE target_id = $1', [dossier.id])).rows,
      ).toEqual([{ applied: 1 }]);
      await c.query('ROLLBACK');
    } finally {
      await c.end();
    }
  });
});

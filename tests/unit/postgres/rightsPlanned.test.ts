/**
 * The rights questions planned once (migration 0214): vt_is and the helpers made of it are
 * inlined into the policies and triggers that ask them, and the helpers that read tables keep
 * their plans for the session. What a person may do must still follow their groups as they are
 * when each statement runs — a membership given or taken mid-session counts from the person's
 * next statement, through a prepared statement's cached plan and through a trigger's — and the
 * inlined helpers must not be open to a caller's search_path. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const SPEC_A = `cv.khdt.${RUN}`;
const ARCHIVIST = `lt.luutru.${RUN}`;
const CLERK = { actor: 'văn thư', confidential: true };
const CLOCK = fixedClock('2026-03-10T09:00:00+07:00');

let url = '';
let owner: Services;
const ids = { docB: 0, dB: 0 };

d('rights questions planned once (migration 0214)', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: CLOCK });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    const unitB = (await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN)).id;
    await owner.accounts.add({ username: SPEC_A, fullName: 'Người Thử', roles: ['specialist'], password: PASSWORD, unit: 'KHDT' }, ADMIN);
    await owner.accounts.add({ username: ARCHIVIST, fullName: 'Người Thử', roles: ['archivist'], password: PASSWORD }, ADMIN);
    ids.docB = (await owner.incoming.add(doc({ symbol: '2/TCHC', subject: 'Sắp xếp tổ chức bộ máy' }), CLERK)).id;
    await owner.assignments.assign(ids.docB, { lead: 'TCHC', due: '2026-03-20' }, 'lãnh đạo');
    ids.dB = (
      await owner.archive.open(
        { title: 'Hồ sơ sắp xếp bộ máy', code: '12.TCHC', retention: 10, startDate: '2026-03-05' },
        { ...CLERK, unitId: unitB },
      )
    ).id;
  });

  afterAll(async () => {
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('a group given or taken mid-session counts from the next statement, through cached plans and triggers', async () => {
    const u = new URL(url);
    u.username = encodeURIComponent(SPEC_A);
    u.password = encodeURIComponent(PASSWORD);
    const a = new pg.Client({ connectionString: u.toString(), ssl: false });
    await a.connect();
    try {
      // A prepared statement: after five runs PostgreSQL keeps its plan (policies included).
      const sees = async () => {
        const r = await a.query({
          name: 'sees',
          text: 'SELECT (SELECT count(*) FROM dossiers WHERE id = $1)::int AS dossier, (SELECT count(*) FROM incoming_documents WHERE id = $2)::int AS doc',
          values: [ids.dB, ids.docB],
        });
        return r.rows[0] as { dossier: number; doc: number };
      };
      // Filing into the dossier: the placement trigger asks whether it is the person's (plpgsql, plans kept).
      const files = async (): Promise<string> => {
        await a.query('BEGIN');
        try {
          await a.query(
            `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by)
             VALUES ($1, 'incoming', $2, 1, '2026-03-05T08:00:00+07:00', '2026-03-10T09:00:00+07:00', $3)`,
            [ids.dB, ids.docB, SPEC_A],
          );
          return 'filed';
        } catch (e) {
          return String((e as Error).message);
        } finally {
          await a.query('ROLLBACK');
        }
      };
      for (let i = 0; i < 7; i++) {
        expect(await sees()).toEqual({ dossier: 0, doc: 0 });
        expect(await files()).toContain('vt:dossier_other_unit');
      }
      // The administrator makes them an archivist too (reads every unit's dossiers and documents).
      await owner.accounts.update({ username: SPEC_A, roles: ['specialist', 'archivist'] }, ADMIN);
      expect(await sees()).toEqual({ dossier: 1, doc: 1 });
      expect(await files()).toBe('filed');
      // Inside one transaction too: taken away between two statements.
      await a.query('BEGIN');
      expect((await a.query('SELECT count(*)::int AS n FROM dossiers WHERE id = $1', [ids.dB])).rows[0].n).toBe(1);
      await owner.accounts.update({ username: SPEC_A, roles: ['specialist'] }, ADMIN);
      expect((await a.query('SELECT count(*)::int AS n FROM dossiers WHERE id = $1', [ids.dB])).rows[0].n).toBe(0);
      await a.query('ROLLBACK');
      expect(await sees()).toEqual({ dossier: 0, doc: 0 });
      expect(await files()).toContain('vt:dossier_other_unit');
    } finally {
      await a.end();
    }
  });

  it('vt_is is inlined as pg_has_role of a fixed group, schema-qualified, and no person can create a look-alike', async () => {
    const plan = psqlAs(url, ARCHIVIST, PASSWORD, `EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM dossiers WHERE id = ${ids.dB}`);
    expect(plan.ok, plan.err).toBe(true);
    expect(plan.out).toContain('pg_has_role(SESSION_USER');
    expect(plan.out).not.toMatch(/vt_is\(|vt_unit_only\(/);
    const [f] = await pgQuery<{ definer: boolean; config: string[] | null; body: string }>(
      url,
      `SELECT prosecdef AS definer, proconfig AS config, prosrc AS body FROM pg_proc WHERE oid = 'vt_is(text)'::regprocedure`,
    );
    expect(f!.definer).toBe(false);
    expect(f!.config).toBeNull();
    expect(f!.body).toContain('pg_catalog.pg_has_role(');
    expect(f!.body).toContain('OPERATOR(pg_catalog.||)');
    // Where a caller's search_path could matter, a person has nowhere to put their own function or operator.
    for (const sql of [
      'CREATE FUNCTION public.pg_has_role(name, name, text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$',
      'CREATE TEMP TABLE x (a int)',
      'CREATE SCHEMA mine',
    ]) {
      const r = psqlAs(url, SPEC_A, PASSWORD, sql);
      expect(r.ok, sql).toBe(false);
      expect(r.err).toMatch(/permission denied/);
    }
    // …and a search_path of their choosing changes nothing of what they see.
    const plain = psqlAs(url, SPEC_A, PASSWORD, `SELECT count(*) FROM dossiers WHERE id = ${ids.dB}`);
    const shifted = psqlAs(url, SPEC_A, PASSWORD, `SET search_path = pg_temp, public; SELECT count(*) FROM dossiers WHERE id = ${ids.dB}`);
    expect(plain.out).toBe('0');
    expect(shifted.out).toBe('0');
  });
});

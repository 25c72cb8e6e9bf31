/**
 * A bulk import on the office database sends each batch of rows without waiting for the
 * server's answer (the next batch is prepared meanwhile: db/postgres/query.ts `later`). A batch
 * the server refuses must still stop the import with that batch's own error — not "current
 * transaction is aborted" from a later statement, and never a silent COMMIT — and leave nothing
 * behind. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonl } from '../../../bench/generate.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock, tempDir } from '../helpers.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

let url = '';
let services: Services | null = null;

d('an import’s batches on the office database', () => {
  afterAll(async () => {
    await services?.close();
    if (url) await dropPgDatabase(url);
  });

  it('a batch refused by the server stops the import with its own error and writes nothing', async () => {
    url = await newPgDatabase();
    services = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-11-20T10:00:00+07:00') });
    await services.init({ actor: 'test', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
    // A server-side rule the application does not know (what a constraint added by an
    // administrator, or a full disk, would do): it refuses one row of the third batch.
    await pgQuery(
      url,
      `CREATE FUNCTION t_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'máy chủ từ chối dòng %', NEW.subject USING ERRCODE = 'check_violation'; END $$;
       CREATE TRIGGER t_refuse BEFORE INSERT ON incoming_documents FOR EACH ROW
       WHEN (NEW.subject = 'Dòng bị từ chối') EXECUTE FUNCTION t_refuse();`,
    );
    const lines: string[] = [];
    for (let i = 1; i <= 11_000; i++) {
      const subject = i === 9_500 ? 'Dòng bị từ chối' : `Về việc thứ ${i}`;
      lines.push(JSON.stringify({ ...doc({ symbol: `${i}/LO`, subject }), arrivalDate: '2026-03-05T08:30:00+07:00' }));
    }
    const f = path.join(tempDir(), 'batches.jsonl');
    writeFileSync(f, lines.join('\n'));
    const failed = await importIncomingFile(services, f, { skipInvalid: false, actor: 'test' }).then(
      () => null,
      (e: unknown) => e,
    );
    // The refusal itself (SQLSTATE 23514 and its message), not what a later statement would say.
    expect(failed).toMatchObject({ code: '23514', message: 'máy chủ từ chối dòng Dòng bị từ chối' });
    const [n] = await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM incoming_documents');
    expect(n!.n).toBe('0');
    const [c] = await pgQuery<{ n: string }>(url, 'SELECT coalesce(sum(last_number), 0) AS n FROM register_counters');
    expect(c!.n).toBe('0');

    // Without the refused row the same file goes in whole, numbers gap-free in file order.
    await pgQuery(url, 'DROP TRIGGER t_refuse ON incoming_documents');
    const r = await importIncomingFile(services, f, { skipInvalid: false, actor: 'test' });
    expect(r.imported).toBe(11_000);
    const rows = await pgQuery<{ arrival_number: number; subject: string }>(
      url,
      `SELECT arrival_number, subject FROM incoming_documents ORDER BY sort_key`,
    );
    expect(rows.map((x) => x.arrival_number)).toEqual(Array.from({ length: 11_000 }, (_, i) => i + 1));
    expect(rows[9_499]!.subject).toBe('Dòng bị từ chối');
  });
});

/** Rows whose vector is not what the tag trigger (0182) makes of it: the words, then the row's own filter lexemes. */
const NOT_AS_TRIGGER = `SELECT id FROM incoming_documents
  WHERE search_tsv::text <> (vt_without_tags(search_tsv) || vt_incoming_tags(type_fold, urgency, secrecy, register_id, status))::text
  ORDER BY id`;

d('an import’s filter lexemes (migration 0201)', () => {
  const open: Services[] = [];
  let db = '';
  afterAll(async () => {
    for (const s of open) await s.close();
    if (db) await dropPgDatabase(db);
  });

  it('a clerk imports as their own login role: every row brings exactly the tags the trigger would add, so it is never called', async () => {
    const PASSWORD = 'Mật-khẩu-thử-2026';
    const CLERK = `vt.tags.${randomBytes(3).toString('hex')}`;
    const clock = fixedClock('2026-11-20T10:00:00+07:00');
    db = await newPgDatabase({ empty: true });
    const owner = await createServices({ dbPath: db, migrate: true, clock });
    open.push(owner);
    await owner.init({ actor: 'test', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: `qt.tags.${CLERK.slice(-6)}`, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.accounts.add(
      { username: CLERK, fullName: 'Văn Thư', roles: ['clerk'], confidential: true, password: PASSWORD },
      `qt.tags.${CLERK.slice(-6)}`,
    );
    // Every type, urgency and secrecy of the benchmark's generator (confidential rows go to their own register).
    const file = path.join(tempDir(), 'docs.jsonl');
    writeJsonl(file, 6000, { seed: 77 });
    // The trigger's function refuses: a row it is called for stops the import.
    const [{ def }] = (await pgQuery<{ def: string }>(db, `SELECT pg_get_functiondef('vt_incoming_tags_keep()'::regprocedure) AS def`)) as [
      { def: string },
    ];
    await pgQuery(
      db,
      `CREATE OR REPLACE FUNCTION vt_incoming_tags_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'tag trigger called for %', NEW.search_tsv; END $$`,
    );
    const clerk = await createServices({ dbPath: db.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(CLERK)}@`), password: PASSWORD, clock });
    open.push(clerk);
    const r = await importIncomingFile(clerk, file, { skipInvalid: false, actor: CLERK });
    expect(r).toEqual({ imported: 6000, rejected: [] });
    await pgQuery(db, def);
    expect(await pgQuery(db, NOT_AS_TRIGGER)).toEqual([]);
    const [mix] = await pgQuery<{ registers: string; secrecies: string; urgencies: string; types: string }>(
      db,
      `SELECT count(DISTINCT register_id) AS registers, count(DISTINCT secrecy) AS secrecies,
              count(DISTINCT urgency) AS urgencies, count(DISTINCT type_fold) AS types FROM incoming_documents`,
    );
    expect(mix).toEqual({ registers: '2', secrecies: '4', urgencies: '4', types: '29' });
    // The file's first document registered again alone (on purpose, as a duplicate): the trigger computes its tags, the same.
    const firstLine = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    const again = await owner.incoming.add(firstLine, { actor: 'test', force: true });
    const vectors = await pgQuery<{ v: string }>(
      db,
      `SELECT search_tsv::text AS v FROM incoming_documents WHERE id IN (1, $1) ORDER BY id`,
      [again.id],
    );
    expect(vectors).toHaveLength(2);
    expect(vectors[1]!.v).toBe(vectors[0]!.v);
    expect((await owner.check()).ok).toBe(true);
  });

  it('a vector that does not hold exactly its row’s tags gets them from the trigger', async () => {
    // Written straight, as a tool going around the app would (the owner: no policy in the way).
    const base = `INSERT INTO incoming_documents (id, register_id, year, arrival_number, sort_key, arrival_date, organ_name, issued_date,
        type_name, subject, urgency, secrecy, channel, created_at, created_by, updated_at, search_tsv, type_fold)
      SELECT 900000 + $2::int, register_id, year, 900000 + $2::int, sort_key + 900000 + $2::int, arrival_date, organ_name, issued_date,
        type_name, subject, urgency, secrecy, channel, created_at, created_by, updated_at, $1::tsvector, type_fold
      FROM incoming_documents WHERE urgency = 'normal' AND secrecy = 'normal' AND register_id = 1 AND type_fold = 'congvan' ORDER BY id LIMIT 1`;
    const right = `'#gnormal' '#r1' '#snormal' '#tcongvan' '#vregistered'`;
    const vectors = [
      `'ve':1A 'viec':2A ${right}`, // exactly the row's: let through as it is
      `'ve':1A 'viec':2A '#gflash' '#r1' '#snormal' '#tcongvan' '#vregistered'`, // another urgency
      `'ve':1A 'viec':2A '#gnormal' '#r2' '#snormal' '#tcongvan' '#vregistered'`, // another register
      `'ve':1A 'viec':2A '#x':3 ${right}`, // a lexeme of its own with a position
      `'ve':1A 'viec':2A '#gnormal':4 '#r1' '#snormal' '#tcongvan' '#vregistered'`, // a tag with a position
      `'ve':1A 'viec' '#r1' '#snormal' '#tcongvan' '#vregistered'`, // a word without a position in place of a tag
      `'ve':1A 'viec':2A '#gnormal' '#r1' '#snormal' '#tcongvan' '#vregistered' '#y'`, // one tag too many
      `'ve':1A 'viec':2A`, // none
    ];
    for (const [i, v] of vectors.entries()) await pgQuery(db, base, [v, i]);
    expect(await pgQuery(db, NOT_AS_TRIGGER)).toEqual([]);
    const got = await pgQuery<{ v: string }>(db, 'SELECT search_tsv::text AS v FROM incoming_documents WHERE id >= 900000 ORDER BY id');
    expect(got.map((g) => g.v)).toEqual([
      `${right} 've':1A 'viec':2A`,
      `${right} 've':1A 'viec':2A`,
      `${right} 've':1A 'viec':2A`,
      `${right} 've':1A 'viec':2A`,
      `${right} 've':1A 'viec':2A`,
      `${right} 've':1A 'viec'`,
      `${right} 've':1A 'viec':2A`,
      `${right} 've':1A 'viec':2A`,
    ]);
  });
});

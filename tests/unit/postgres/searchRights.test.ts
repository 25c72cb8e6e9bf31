/**
 * A person's search on the office database (issue 11): the hits come from the database's
 * search functions (migration 0170), which apply the row rule from who is connected. The
 * same documents in a SQLite file and a PostgreSQL database, the same accounts on both: each
 * person's searches give SQLite's answers (totals and first pages) — also when the app's own
 * filter is left out, so the database alone holds the rule. With psql a person cannot make the
 * functions show more (a forged filter, another person's name, SQL in the values), nor read
 * the tables around them. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocGenerator, writeJsonl } from '../../../bench/generate.js';
import { QUERIES } from '../../../bench/queries.js';
import { viewerOf, type Viewer } from '../../../src/main/accounts/visibility.js';
import { letterActorFor } from '../../../src/main/letters/access.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import type { SearchParams } from '../../../src/main/search/searchService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { fixedClock, tempDir } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';
import { DRAFT } from '../outgoing/fixtures.js';

const d = describe.skipIf(!pgAvailable());

const DOCS = 3000;
const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.search.${RUN}`;
const CLERK = `vt.search.${RUN}`;
const SPECIALIST = `cv.search.${RUN}`;
const LEADER = `ld.search.${RUN}`;
const PEOPLE = [
  { username: CLERK, roles: ['clerk'], confidential: false },
  { username: SPECIALIST, roles: ['specialist'], unit: 'KHDT', confidential: false },
  { username: LEADER, roles: ['leader'], confidential: true },
];

let sqlite: Services;
let owner: Services;
let url = '';
const as = new Map<string, Services>();
const viewers = new Map<string, { sqlite: Viewer; postgres: Viewer }>();
let secretCount = 0;

const LETTER_KINDS = ['complaint', 'denunciation', 'petition', 'feedback'] as const;
const OUT_TOPICS = ['chuyển đổi số', 'phòng chống thiên tai', 'kinh phí sự nghiệp', 'voọc chà vá'];

const key = (r: { id: number; register: string; year: number; arrivalNumber: number; subject: string }) =>
  `${r.id}:${r.register}/${r.year}/${r.arrivalNumber}:${r.subject.slice(0, 30)}`;

function urlAs(user: string): string {
  return url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(user)}@`);
}

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);

d('a person searches the office database', () => {
  beforeAll(async () => {
    const dir = tempDir();
    const file = path.join(dir, 'docs.jsonl');
    writeJsonl(file, DOCS, { seed: 11 });
    const clock = fixedClock('2026-11-20T10:00:00+07:00');
    // Its own database, migrated here: its own group roles.
    url = await newPgDatabase({ empty: true });
    sqlite = await createServices({ dbPath: path.join(dir, 'a.sqlite'), migrate: true, clock });
    owner = await createServices({ dbPath: url, migrate: true, clock });
    for (const s of [sqlite, owner]) {
      await s.init({ actor: 'bench', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
      await s.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
      await s.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
      await s.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
      for (const p of PEOPLE) await s.accounts.add({ ...p, fullName: 'Người Thử', password: PASSWORD }, ADMIN);
      expect((await importIncomingFile(s, file, { skipInvalid: false, actor: 'bench' })).imported).toBe(DOCS);
      // The same assignments on both (ids match: both stores were built the same way); some
      // moved to the other unit afterwards, so a replaced assignment no longer shows.
      for (let id = 5; id <= DOCS; id += 11) await s.assignments.assign(id, { lead: 'KHDT', due: '2026-12-20' }, LEADER);
      for (let id = 8; id <= DOCS; id += 13) await s.assignments.assign(id, { lead: 'TCHC', due: '2026-12-20' }, LEADER);
      for (let id = 5; id <= DOCS; id += 55) await s.assignments.assign(id, { lead: 'TCHC', due: '2026-12-21' }, LEADER);
      // A corrected document keeps its unit (the search vector is rewritten: migration 0172 keeps the unit in it).
      await s.incoming.update(16, { subject: 'Về việc bảo tồn voọc chà vá ở Sơn Tịnh' }, { actor: 'bench' });
      const gen = new DocGenerator(99, 1_000_000);
      for (let i = 0; i < 10; i++) {
        const x = gen.doc(Date.parse('2026-11-20T08:00:00+07:00') + i * 1000);
        const rec = await s.incoming.add(
          { ...x, subject: `${x.subject} voọc chà vá`, secrecy: i % 2 ? 'confidential' : 'normal' },
          { actor: 'bench' },
        );
        if (i % 3 === 0) await s.assignments.assign(rec.id, { lead: 'KHDT', due: '2026-12-20' }, LEADER);
      }
      // Outgoing documents of three units, some confidential, some drafted by the specialist,
      // some numbered (a symbol to find by fragment): the same ids on both stores.
      for (let i = 0; i < 36; i++) {
        const doc = await s.outgoing.draft(
          {
            ...DRAFT,
            subject: `Về việc ${OUT_TOPICS[i % OUT_TOPICS.length]} đợt ${i + 1}`,
            draftingUnit: ['KHDT', 'TCHC', 'KGVX'][i % 3],
            secrecy: i % 4 === 0 ? 'confidential' : 'normal',
          },
          { actor: i % 5 === 0 ? SPECIALIST : 'bench' },
        );
        if (i % 2 === 0) {
          await s.outgoing.approve(doc.id, { actor: LEADER });
          await s.outgoing.number(doc.id, { actor: 'bench' });
        }
      }
      // Citizens' letters of every kind, a third accepted and handed to one of the two units.
      const handler = { actor: ADMIN, access: { personal: true, identity: true } };
      for (let i = 0; i < 48; i++) {
        const kind = LETTER_KINDS[i % LETTER_KINDS.length]!;
        const receivedDate = `2026-0${1 + (i % 9)}-1${i % 10}`;
        const l = await s.letters.add(
          {
            receivedDate,
            kind,
            channel: ['post', 'in_person', 'portal'][i % 3],
            subject: `Đơn số ${i + 1} về ${i % 2 ? 'tranh chấp đất đai' : 'ô nhiễm môi trường'}`,
            senders: [{ fullName: `Nguyễn Văn Dân ${i + 1}` }],
          },
          handler,
        );
        if (i % 3 === 0) {
          await s.letters.classify(l.id, { eligible: true, competence: 'within', at: `${receivedDate}T10:00` }, handler);
          await s.letters.accept(l.id, { lead: i % 2 ? 'KHDT' : 'TCHC', due: '2026-10-30', at: `${receivedDate}T11:00` }, handler);
        }
      }
    }
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    for (const p of PEOPLE) {
      const person = await createServices({ dbPath: urlAs(p.username), password: PASSWORD, clock });
      as.set(p.username, person);
      viewers.set(p.username, {
        sqlite: viewerOf((await sqlite.accounts.current(p.username))!.principal)!,
        postgres: viewerOf((await owner.accounts.current(p.username))!.principal)!,
      });
    }
    secretCount = Number(
      (await pgQuery<{ n: string }>(url, `SELECT count(*) AS n FROM incoming_documents WHERE secrecy <> 'normal'`))[0]!.n,
    );
    // The words' frequencies, as autovacuum would have them: migration 0210 judges typed prefixes by them.
    await pgQuery(url, 'ANALYZE incoming_documents');
  }, 600_000);

  afterAll(async () => {
    for (const s of as.values()) await s.close();
    await sqlite?.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  const searches: { id: string; params: SearchParams }[] = [];
  for (const q of QUERIES) {
    searches.push({ id: q.id, params: q.params });
    searches.push({ id: `${q.id} by date`, params: { ...q.params, sort: 'date' } });
  }
  searches.push(
    { id: 'everything', params: {} },
    { id: 'everything with voided', params: { includeVoided: true } },
    { id: 'confidential asked for', params: { secrecy: 'confidential' } },
    { id: 'rare words added last', params: { query: 'voọc chà vá', sort: 'date' } },
  );

  it.each(PEOPLE.flatMap((p) => searches.map((s) => ({ who: p.username, ...s }))))(
    '$who: $id — SQLite’s total and pages, with and without the app’s filter',
    async ({ who, params }) => {
      const person = as.get(who)!;
      const v = viewers.get(who)!;
      let ca: string | null | undefined;
      let cb: string | null | undefined;
      let cc: string | null | undefined;
      for (let page = 0; page < 2; page++) {
        const a = await sqlite.search.search({ ...params, limit: 20, cursor: ca }, v.sqlite);
        const b = await person.search.search({ ...params, limit: 20, cursor: cb }, v.postgres);
        // The app's filter left out: the database's functions alone decide.
        const c = await person.search.search({ ...params, limit: 20, cursor: cc });
        expect(b.total).toBe(a.total);
        expect(c.total).toBe(a.total);
        expect(b.items.map(key)).toEqual(a.items.map(key));
        expect(c.items.map(key)).toEqual(a.items.map(key));
        if (!a.nextCursor) break;
        ca = a.nextCursor;
        cb = b.nextCursor;
        cc = c.nextCursor;
      }
      expect((await person.search.count(params)).total).toBe((await sqlite.search.count(params, v.sqlite)).total);
    },
  );

  const OUT_QUERIES = [
    'chuyển đổi',
    'thiên tai',
    'kinh phí',
    'voọc chà vá',
    'đợt 1',
    'UBND-',
    '/UBND',
    'Quyết định thành lập',
    'không có đâu',
  ];
  it.each(PEOPLE.flatMap((p) => OUT_QUERIES.map((q) => ({ who: p.username, q }))))(
    '$who: outgoing search «$q» — SQLite’s total and page, with and without the app’s filter',
    async ({ who, q }) => {
      const person = as.get(who)!;
      const v = viewers.get(who)!;
      const a = await sqlite.outgoing.search(q, 10, v.sqlite);
      const b = await person.outgoing.search(q, 10, v.postgres);
      // The app's filter left out: the database's functions (migration 0173) alone decide.
      const c = await person.outgoing.search(q, 10);
      const ids = (r: { items: { id: number }[] }) => r.items.map((x) => x.id);
      expect(b.total).toBe(a.total);
      expect(c.total).toBe(a.total);
      expect(ids(b)).toEqual(ids(a));
      expect(ids(c)).toEqual(ids(a));
    },
  );

  it('outgoing: the comparisons are not of empty or equal answers', async () => {
    const found = async (who: string, q: string) => (await as.get(who)!.outgoing.search(q, 50)).total;
    const all = (await owner.outgoing.search('Về việc', 50)).total;
    expect(all).toBe(36);
    expect(await found(LEADER, 'Về việc')).toBe(36);
    expect(await found(CLERK, 'Về việc')).toBe(27);
    // The specialist: KHDT's 12 and their own drafts of other units (i = 5, 10, 20, 25, 35 drafted elsewhere).
    expect(await found(SPECIALIST, 'Về việc')).toBeGreaterThan(12);
    expect(await found(SPECIALIST, 'Về việc')).toBeLessThan(27);
    expect(await found(CLERK, 'UBND-')).toBeGreaterThan(0);
  });

  it('psql: the outgoing functions show a person only their rows, whatever filter they pass', async () => {
    const everything = (vis: string) => `'{"terms":[[{"tsv":"ve <-> viec"}]],"visible":${vis}}'`;
    const count = (who: string, vis = '{}') => psqlAs(who, `SELECT vt_outgoing_search_count(${everything(vis)})`);
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      expect(count(who)).toMatchObject({ ok: true, out: psqlAs(who, 'SELECT count(*) FROM outgoing_documents').out });
    }
    expect(count(CLERK).out).toBe('27');
    expect(count(LEADER).out).toBe('36');
    // A forged filter cannot widen: another unit or another person named as "own".
    expect(Number(count(SPECIALIST, '{"own":{"username":"bench","unitCode":"TCHC"}}').out)).toBeLessThan(Number(count(SPECIALIST).out));
    expect(
      psqlAs(
        CLERK,
        `SELECT count(*) FROM vt_outgoing_search_ids('{"terms":[],"visible":{}}'::jsonb, 1000) i
       JOIN outgoing_documents d ON d.id = i WHERE d.secrecy <> 'normal'`,
      ).out,
    ).toBe('0');
    expect(psqlAs(ADMIN, `SELECT vt_outgoing_search_count('{"terms":[]}')`).out).toBe('0');
    // Values are quoted literals: SQL in them is an error or finds nothing, and nothing changes.
    for (const spec of [
      `{"terms":[[{"tsv":"x'') OR true OR (''"}]]}`,
      `{"terms":[[{"symbol":"%' OR '1'='1"}]]}`,
      `{"terms":[[{"drop":"table"}]]}`,
      `{"terms":[],"visible":{"own":{"username":"x' OR '1'='1","unitCode":"y"}}}`,
    ]) {
      const r = psqlAs(CLERK, `SELECT vt_outgoing_search_count('${spec.replace(/'/g, "''")}')`);
      if (r.ok) expect(Number(r.out)).toBe(0);
      else expect(r.err).toMatch(/syntax error in tsquery|vt_outgoing_search/);
    }
    const acl = await pgQuery<{ name: string; public: boolean; definer: boolean }>(
      url,
      `SELECT p.proname AS name, p.prosecdef AS definer, has_function_privilege('public', p.oid, 'EXECUTE') AS public
       FROM pg_proc p WHERE p.proname IN ('vt_outgoing_search_ids', 'vt_outgoing_search_count', 'vt_sort_keys_after') ORDER BY 1`,
    );
    expect(acl).toEqual([
      { name: 'vt_outgoing_search_count', definer: true, public: false },
      { name: 'vt_outgoing_search_ids', definer: true, public: false },
      { name: 'vt_sort_keys_after', definer: true, public: false },
    ]);
  });

  const LETTER_LISTS = [
    {},
    { kind: 'denunciation' },
    { overdue: true },
    { query: 'đất đai' },
    { from: '2026-03-01', to: '2026-06-30' },
    { status: 'accepted' },
    { limit: 5 },
  ];
  it.each(PEOPLE.map((p) => p.username))('%s: letters — SQLite’s lists, statistics and follow-up', async (who) => {
    const person = as.get(who)!;
    const a = letterActorFor((await sqlite.accounts.current(who))!.principal);
    const b = letterActorFor((await owner.accounts.current(who))!.principal);
    const shown = (l: { id: number; year: number; number: number; senderName?: string | null; overdue?: boolean }) =>
      `${l.id}:${l.number}/${l.year}:${l.senderName ?? '-'}:${l.overdue ? 'late' : ''}`;
    for (const q of LETTER_LISTS) {
      expect((await person.letters.list(q, b)).map(shown)).toEqual((await sqlite.letters.list(q, a)).map(shown));
    }
    const period = { from: '2026-01-01', to: '2026-12-31' };
    expect(await person.letterStats.stats(period, b.access)).toEqual(await sqlite.letterStats.stats(period, a.access));
    expect(await person.letters.followUp({ overdue: true }, b)).toEqual(await sqlite.letters.followUp({ overdue: true }, a));
    expect(await person.letters.followUp({ days: 365 }, b)).toEqual(await sqlite.letters.followUp({ days: 365 }, a));
    // psql as the person: the rows the database lets them read are the ones the app lists.
    const all = await sqlite.letters.list({ limit: 1000 }, a);
    expect(psqlAs(who, 'SELECT count(*) FROM letters').out).toBe(String(all.length));
  });

  it('letters: the comparisons are not of empty or equal answers', async () => {
    const count = async (who: string) =>
      (await as.get(who)!.letters.list({ limit: 1000 }, letterActorFor((await owner.accounts.current(who))!.principal))).length;
    expect(await count(LEADER)).toBe(48);
    expect(await count(CLERK)).toBe(48);
    expect(await count(SPECIALIST)).toBe(8);
    // A denunciation's author: the leader (with the grant) reads it, the clerk without it does not.
    const [den] = await sqlite.letters.list(
      { kind: 'denunciation', limit: 1 },
      letterActorFor((await sqlite.accounts.current(LEADER))!.principal),
    );
    const senders = async (who: string) =>
      (await as.get(who)!.letters.get(den!.id, letterActorFor((await owner.accounts.current(who))!.principal))).senders;
    expect(await senders(LEADER)).toHaveLength(1);
    expect(await senders(CLERK)).toBeNull();
  });

  it('the comparisons are not of empty or equal answers', async () => {
    const all = async (who: string) => (await as.get(who)!.search.search({ includeVoided: true })).total;
    const ownerTotal = (await owner.search.search({ includeVoided: true })).total;
    expect(secretCount).toBeGreaterThan(5);
    expect(await all(LEADER)).toBe(ownerTotal);
    expect(await all(CLERK)).toBe(ownerTotal - secretCount);
    expect(await all(SPECIALIST)).toBeGreaterThan(100);
    expect(await all(SPECIALIST)).toBeLessThan(400);
    expect((await as.get(CLERK)!.search.search({ query: 'voọc chà vá' })).total).toBeGreaterThan(0);
  });

  it('psql: the functions show a person only their rows, whatever filter they pass', async () => {
    const [tchc] = await pgQuery<{ id: number }>(url, `SELECT id FROM units WHERE code = 'TCHC'`);
    const everything = `'{"terms":[],"visible":{}}'`;
    const count = (who: string, spec: string) => psqlAs(who, `SELECT vt_search_count(${spec}, NULL)`);
    const visibleTo = (who: string) => psqlAs(who, 'SELECT count(*) FROM incoming_documents');
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      expect(count(who, everything)).toMatchObject({ ok: true, out: visibleTo(who).out });
    }
    expect(Number(count(CLERK, everything).out)).toBe(DOCS + 10 - secretCount);
    // Asking for the confidential ones finds none; nor do their keys.
    expect(count(CLERK, `'{"terms":[],"secrecy":"confidential"}'`).out).toBe('0');
    expect(psqlAs(CLERK, `SELECT count(*) FROM vt_search_keys('{"terms":[],"secrecy":"confidential"}', NULL, 100000) AS k`).out).toBe('0');
    // The specialist's unit is the database's, not one named in the filter.
    const otherUnit = psqlAs(
      SPECIALIST,
      `SELECT count(*) FROM vt_search_keys('{"terms":[],"visible":{"unitId":${tchc!.id}}}', NULL, 100000) k`,
    );
    expect(otherUnit).toMatchObject({ ok: true, out: '0' });
    // The rows themselves stay hidden too.
    expect(psqlAs(CLERK, `SELECT count(*) FROM incoming_documents WHERE secrecy <> 'normal'`).out).toBe('0');
    expect(psqlAs(CLERK, `SELECT count(*) FROM incoming_content`).ok).toBe(true);
  });

  it('psql: the newest hits, walked or from the index (migration 0186), are the person’s own visible rows', () => {
    // Everything a person may see, newest first, as their own policies show it: a clerk without
    // the grant sees most rows (the walk finds them), a specialist one unit's (the walk's sample
    // is too thin: the GIN index gives the rest, counted on the way).
    const everything = `'{"terms":[],"visible":{}}'`;
    const words = `'{"terms":[[{"tsv":"''uy'' & ''ban''"}]],"visible":{}}'`;
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      const visible = (where: string, limit: number) =>
        psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY k DESC), '') FROM (SELECT sort_key AS k FROM incoming_documents ${where} ORDER BY sort_key DESC LIMIT ${limit}) x`,
        ).out;
      const keys = (spec: string, limit: number) =>
        psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') FROM (SELECT k, row_number() OVER () AS n FROM vt_search_keys(${spec}, NULL, ${limit}) k) x`,
        );
      const candidates = (spec: string) =>
        psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') || ' ' || (count(*) FILTER (WHERE hits IS NULL) + coalesce(max(hits), 0))::text
           FROM (SELECT k, hits, row_number() OVER () AS n FROM vt_search_candidates(${spec}, NULL, 1000)) x`,
        );
      const seen = Number(psqlAs(who, 'SELECT count(*) FROM incoming_documents').out);
      const withWords = `WHERE search_tsv @@ '''uy'' & ''ban'''`;
      const wordHits = Number(psqlAs(who, `SELECT count(*) FROM incoming_documents ${withWords}`).out);
      expect(seen).toBeGreaterThan(100);
      expect(wordHits).toBeGreaterThan(20);
      expect(keys(everything, 20)).toMatchObject({ ok: true, out: visible('', 20) });
      expect(keys(words, 50)).toMatchObject({ ok: true, out: visible(withWords, 50) });
      // The candidates' number of hits is every hit whenever fewer than 1,000 were walked.
      const [all, allHits] = candidates(everything).out.split(' ');
      expect(all).toBe(visible('', 1000));
      if (seen <= 1000 || Number(allHits) > 1000) expect(Number(allHits)).toBe(seen);
      const [found, foundHits] = candidates(words).out.split(' ');
      expect(found).toBe(visible(withWords, 1000));
      if (wordHits <= 1000 || Number(foundHits) > 1000) expect(Number(foundHits)).toBe(wordHits);
    }
  });

  it('psql: the sender filter (migration 0238) finds the rows whose own sender words match, for each person', () => {
    // The sender filter as the search sends it: «Sở Tài ch» (the last word typed: a prefix), and
    // «ngân sách», words of subjects that no sender has.
    const senders = [`('so':B) & ('tai':B) & ('ch':*B)`, `('ngan':B) & ('sach':*B)`, `('ubnd':B) & ('huyen':B)`];
    const sql = (t: string) => t.replace(/'/g, "''");
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      for (const sender of senders) {
        // What the words of weight B in each visible row's own vector say (the filter before 0238).
        const own = `FROM incoming_documents WHERE search_tsv @@ '${sql(sender)}' AND status <> 'voided'`;
        const expected = psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY k DESC), '') FROM (SELECT sort_key AS k ${own} ORDER BY sort_key DESC LIMIT 1000) x`,
        );
        const hits = Number(psqlAs(who, `SELECT count(*) ${own}`).out);
        const spec = sql(JSON.stringify({ terms: [], organ: sender, excludeVoided: true }));
        const first = psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') || ' ' || coalesce(max(hits), 0)::text
           FROM (SELECT k, hits, row_number() OVER () AS n FROM vt_search_first('${spec}', 1000, 10001)) x`,
        );
        expect(first).toMatchObject({ ok: true, out: `${expected.out} ${Math.min(hits, 10001)}`.trimStart() });
        expect(psqlAs(who, `SELECT vt_search_count('${spec}', NULL)`).out).toBe(String(hits));
        // A page above the cap (the sender autocomplete asks 50 rows with a cap of 0): the whole page.
        const fifty = psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') FROM (SELECT k, row_number() OVER () AS n FROM vt_search_first('${spec}', 50, 1)) x`,
        );
        expect(fifty.out).toBe(expected.out.split(',').slice(0, 50).join(','));
        const keys = psqlAs(
          who,
          `SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') FROM (SELECT k, row_number() OVER () AS n FROM vt_search_keys('${spec}', NULL, 1000) k) x`,
        );
        expect(keys.out).toBe(expected.out);
        if (sender.includes('ngan')) {
          // Words in subjects only: no sender has them, nothing is found, though the words are there.
          expect(hits).toBe(0);
          expect(
            Number(psqlAs(who, `SELECT count(*) FROM incoming_documents WHERE search_tsv @@ '''ngan'' & ''sach'':*'`).out),
          ).toBeGreaterThan(0);
        } else expect(hits).toBeGreaterThan(5);
      }
    }
  });

  it('psql: a person cannot become another, nor slip SQL into the search', () => {
    expect(psqlAs(CLERK, `SET ROLE "${LEADER}"`).ok).toBe(false);
    expect(psqlAs(CLERK, `SET SESSION AUTHORIZATION "${LEADER}"`).ok).toBe(false);
    expect(psqlAs(CLERK, `SET ROLE vanthu_owner`).ok).toBe(false);
    // Values are quoted literals or numbers: SQL in them is an error, and nothing changed.
    const before = psqlAs(LEADER, 'SELECT count(*) FROM incoming_documents').out;
    for (const spec of [
      `{"terms":[],"registerId":"1 OR true"}`,
      `{"terms":[],"keyFrom":"0; DELETE FROM incoming_documents"}`,
      `{"terms":[[{"tsv":"x'') OR true OR (''"}]]}`,
      `{"terms":[[{"drop":"table"}]]}`,
      `{"terms":[[{"content":"ke"}]]}`,
      `{"terms":[],"organ":"x'') OR true OR (''"}`,
      `{"terms":[],"organNames":["x') OR true OR ('"]}`,
      `{"terms":[],"organNames":"x') OR true OR ('"}`,
    ]) {
      const r = psqlAs(CLERK, `SELECT vt_search_count('${spec.replace(/'/g, "''")}', NULL)`);
      if (r.ok) expect(Number(r.out)).toBe(0);
      else expect(r.err).toMatch(/invalid input syntax|syntax error in tsquery|vt_search/);
      // The first page (migration 0224, which also plans the search to estimate it) likewise.
      const first = psqlAs(CLERK, `SELECT count(*) FROM vt_search_first('${spec.replace(/'/g, "''")}', 20, 10001)`);
      if (first.ok) expect(Number(first.out)).toBe(0);
      else expect(first.err).toMatch(/invalid input syntax|syntax error in tsquery|vt_search/);
    }
    expect(psqlAs(CLERK, `SELECT count(*) FROM vt_search_first('{"terms":[]}', -1, 10)`).err).toMatch(/vt_search: a limit is needed/);
    expect(psqlAs(CLERK, `SELECT vt_search_count('{"terms":[],"typeFold":"x'' OR ''1''=''1"}', NULL)`).out).toBe('0');
    expect(psqlAs(LEADER, 'SELECT count(*) FROM incoming_documents').out).toBe(before);
  });

  it('the filter lexemes of the search vectors (migration 0182) are the rows’ own: a writer cannot forge or keep one', async () => {
    const wrongTags = async () =>
      Number(
        (
          await pgQuery<{ n: string }>(
            url,
            `SELECT count(*) AS n FROM incoming_documents d
             WHERE ARRAY(SELECT l FROM unnest(tsvector_to_array(d.search_tsv)) l WHERE l LIKE '#%' AND l NOT LIKE '#u%' ORDER BY l)
               <> ARRAY(SELECT l FROM unnest(tsvector_to_array(vt_incoming_tags(d.type_fold, d.urgency, d.secrecy, d.register_id, d.status))) l ORDER BY l)`,
          )
        )[0]!.n,
      );
    expect(await wrongTags()).toBe(0);
    const everything = `'{"terms":[],"visible":{}}'`;
    const clerkSees = psqlAs(CLERK, `SELECT vt_search_count(${everything}, NULL)`).out;
    const [secret] = await pgQuery<{ id: number }>(url, `SELECT id FROM incoming_documents WHERE secrecy <> 'normal' ORDER BY id LIMIT 1`);
    const [plain] = await pgQuery<{ id: number; urgency: string }>(
      url,
      `SELECT id, urgency FROM incoming_documents WHERE secrecy = 'normal' AND urgency <> 'flash' ORDER BY id LIMIT 1`,
    );
    const [saved] = await pgQuery<{ v: string }>(url, 'SELECT search_tsv::text AS v FROM incoming_documents WHERE id = $1', [plain!.id]);
    // A forged «normal» lexeme on a confidential document, and a written vector without its tags: both replaced.
    await pgQuery(url, `UPDATE incoming_documents SET search_tsv = search_tsv || '''#snormal'' ''#gflash'''::tsvector WHERE id = $1`, [
      secret!.id,
    ]);
    await pgQuery(url, `UPDATE incoming_documents SET search_tsv = 'chỉ:1 một:2 từ:3'::tsvector WHERE id = $1`, [plain!.id]);
    expect(await wrongTags()).toBe(0);
    expect(psqlAs(CLERK, `SELECT vt_search_count(${everything}, NULL)`).out).toBe(clerkSees);
    // A corrected urgency moves the document between the filter's answers at once.
    const flash = () => Number(psqlAs(LEADER, `SELECT vt_search_count('{"terms":[],"urgency":"flash"}', NULL)`).out);
    const before = flash();
    await pgQuery(url, `UPDATE incoming_documents SET urgency = 'flash' WHERE id = $1`, [plain!.id]);
    expect(flash()).toBe(before + 1);
    await pgQuery(url, `UPDATE incoming_documents SET urgency = $2 WHERE id = $1`, [plain!.id, plain!.urgency]);
    expect(flash()).toBe(before);
    await pgQuery(url, 'UPDATE incoming_documents SET search_tsv = $2::tsvector WHERE id = $1', [plain!.id, saved!.v]);
    expect(await wrongTags()).toBe(0);
  });

  it('psql: the files’ text is searched under the same rule', async () => {
    // Text for a confidential document and a normal one (what capture would have indexed).
    const [secret] = await pgQuery<{ id: number }>(url, `SELECT id FROM incoming_documents WHERE secrecy <> 'normal' ORDER BY id LIMIT 1`);
    const [normal] = await pgQuery<{ id: number }>(url, `SELECT id FROM incoming_documents WHERE secrecy = 'normal' ORDER BY id LIMIT 1`);
    await pgQuery(url, `INSERT INTO incoming_content (document_id, tsv) VALUES ($1, 'mathieu:1'), ($2, 'mathieu:1')`, [
      secret!.id,
      normal!.id,
    ]);
    const spec = `'{"terms":[[{"contentIn":"mathieu"}]]}'`;
    expect(psqlAs(LEADER, `SELECT vt_search_count(${spec}, NULL)`).out).toBe('2');
    expect(psqlAs(CLERK, `SELECT vt_search_count(${spec}, NULL)`).out).toBe('1');
    // The app's content search walks the text joined to its documents: the same rule there.
    const joined = `'{"content":true,"terms":[[{"content":"mathieu"}]]}'`;
    expect(psqlAs(LEADER, `SELECT vt_search_count(${joined}, NULL)`).out).toBe('2');
    expect(psqlAs(CLERK, `SELECT vt_search_count(${joined}, NULL)`).out).toBe('1');
    expect(psqlAs(CLERK, `SELECT count(*) FROM incoming_content WHERE tsv @@ 'mathieu'`).out).toBe('1');
    expect(psqlAs(CLERK, `SELECT string_agg(k::text, ',') FROM vt_search_keys(${spec}, NULL, 10) k`).out).toBe(
      (await pgQuery<{ k: string }>(url, 'SELECT sort_key::text AS k FROM incoming_documents WHERE id = $1', [normal!.id]))[0]!.k,
    );
    await pgQuery(url, 'DELETE FROM incoming_content WHERE document_id = ANY($1)', [[secret!.id, normal!.id]]);
  });

  it('psql: a capped count is the exact count up to the cap, counted among the newest rows or by the index (migration 0196)', async () => {
    // The 600th newest document's key: a range holding the newest 600 rows, so the walk of the
    // newest rows (dense hits: every row) stops short of a cap above 600 and the rest is counted below it.
    const [edge] = await pgQuery<{ k: string }>(
      url,
      'SELECT sort_key::text AS k FROM incoming_documents ORDER BY sort_key DESC OFFSET 599 LIMIT 1',
    );
    const specs = [
      '{"terms":[],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'quang\' & \'ngai\':*)"}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'ke\' & \'hoach\')"}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'phong\' & \'cho\':*)","gin":"\'phong\'"}]],"excludeVoided":true}',
      `{"terms":[],"keyFrom":${edge!.k}}`,
      `{"terms":[[{"tsv":"('quang')"}]],"keyFrom":${edge!.k}}`,
      '{"terms":[[{"tsv":"(\'vooc\' & \'cha\' & \'va\':*)"}]],"excludeVoided":true}',
      '{"terms":[[{"symbol":"%QD-UBND%"}]],"excludeVoided":true}',
      // The files' text names the id: the walk reads the table, not the covering index (migration 0226).
      '{"terms":[[{"contentIn":"ke"},{"tsv":"(\'ke\' & \'hoach\')"}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'quang\')"}]],"issuedFrom":"2020-01-01","issuedTo":"9999-99-99","status":"registered"}',
    ];
    const caps = [1, 10, 100, 255, 256, 257, 599, 600, 601, 1000, 2000, 5000, 10001];
    const sql = `SELECT s.i, c, vt_search_count(s.p::jsonb, c) AS capped, vt_search_count(s.p::jsonb, NULL) AS exact
      FROM unnest(ARRAY[${specs.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]) WITH ORDINALITY AS s(p, i),
           unnest(ARRAY[${caps.join(',')}]::bigint[]) AS c ORDER BY 1, 2`;
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      const r = psqlAs(who, sql);
      expect(r).toMatchObject({ ok: true });
      const rows = r.out.split('\n').map((l) => l.split('|').map(Number));
      expect(rows).toHaveLength(specs.length * caps.length);
      for (const [, cap, capped, exact] of rows) expect(capped).toBe(Math.min(exact!, cap!));
      // Not empty answers: the dense searches reach the smaller caps, the range holds its 600 rows (fewer for the specialist).
      const exactOf = (i: number) => rows.find((x) => x[0] === i)![3]!;
      expect(exactOf(2)).toBeGreaterThan(who === SPECIALIST ? 10 : 300);
      if (who !== SPECIALIST) expect(exactOf(5)).toBeGreaterThan(500);
      expect(exactOf(7)).toBeGreaterThan(0);
      expect(exactOf(9)).toBeGreaterThan(who === SPECIALIST ? 0 : 100);
      expect(exactOf(10)).toBeGreaterThan(who === SPECIALIST ? 10 : 300);
    }
  });

  it('psql: a capped count of dense hits reads the newest rows from the covering index (migration 0226)', async () => {
    const scans = async () =>
      Number(
        (
          await pgQuery<{ n: string }>(
            url,
            `SELECT idx_scan AS n FROM pg_stat_user_indexes WHERE indexrelname = 'incoming_newest_searched'`,
          )
        )[0]!.n,
      );
    const count = (who: string, spec: string, cap: number) =>
      psqlAs(who, `SELECT vt_search_count('${spec.replace(/'/g, "''")}', ${cap}), vt_search_count('${spec.replace(/'/g, "''")}', NULL)`);
    // The row rule (secrecy, the unit's lexeme), a symbol fragment and a date range are all read from the index.
    for (const [who, spec] of [
      [CLERK, '{"terms":[[{"tsv":"(\'quang\' & \'ngai\':*)"}]],"excludeVoided":true}'],
      [SPECIALIST, '{"terms":[],"excludeVoided":true}'],
      [LEADER, '{"terms":[[{"symbol":"%qd/ubnd%"}]],"excludeVoided":true,"keyFrom":0}'],
    ] as const) {
      const before = await scans();
      const r = count(who, spec, 50);
      expect(r).toMatchObject({ ok: true });
      const [capped, exact] = r.out.split('|').map(Number);
      expect(capped).toBe(Math.min(50, exact!));
      expect(exact).toBeGreaterThan(50);
      // The person's session flushes its statistics as it ends, soon after psql returns.
      await expect.poll(scans, { timeout: 10_000 }).toBeGreaterThan(before);
    }
  });

  it('psql: a capped count proven on a quarter of the documents (migration 0236) is the exact count up to the cap, never "more" from fewer hits', async () => {
    const scans = async () =>
      Number(
        (
          await pgQuery<{ n: string }>(url, `SELECT idx_scan AS n FROM pg_stat_user_indexes WHERE indexrelname = 'incoming_search_quarter'`)
        )[0]!.n,
      );
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const [edge] = await pgQuery<{ k: string }>(
      url,
      'SELECT sort_key::text AS k FROM incoming_documents ORDER BY sort_key DESC OFFSET 299 LIMIT 1',
    );
    // Common words with a typed prefix, sparser than a walk is cheap for: proven among the quarter
    // with the prefix as its most common word («chố» as «chống»: fewer hits than the search's).
    const phongCho = '{"terms":[[{"tsv":"(\'phong\') & (\'cho\':*)","gin":"\'phong\'"}]],"excludeVoided":true}';
    const specs = [
      phongCho,
      '{"terms":[[{"tsv":"(\'ke\') & (\'hoach\':*)","thin":"\'ke\'","prefixes":["hoach"],"words":["ke"]}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'so\') & (\'tai\') & (\'chinh\':*)","thin":"\'so\' & \'tai\'","prefixes":["chinh"],"words":["so","tai"]}]],"excludeVoided":true}',
      // «voọc chà vá» is in the ten newest documents and hardly anywhere else: the sample of the
      // newest rows expects far more hits than there are, so the proof is tried where the total is below the cap.
      '{"terms":[[{"tsv":"(\'vooc\') & (\'cha\') & (\'va\':*)","gin":"\'vooc\' & \'cha\'"}]],"excludeVoided":true}',
      // The newest 300 documents only: the sample (all inside) expects hits across the whole table,
      // the quarter holds many more «phòng chống» outside the range — not tried within a range of
      // dates (migration 0241), and had it been, only the search's own rows could count.
      phongCho.replace('"excludeVoided":true', `"excludeVoided":true,"keyFrom":${edge!.k}`),
    ];
    // What the quarter is asked besides the search: its words, each typed prefix as one common word.
    expect((await pgQuery<{ w: string }>(url, `SELECT vt_search_exact_words(${q(phongCho)}::jsonb) AS w`))[0]!.w).toBe(`'phong' & 'chong'`);
    const caps = Array.from({ length: 40 }, (_, i) => i + 1).concat([45, 50, 60, 80, 100, 200, 10001]);
    const sql = `SELECT s.i, c, vt_search_count(s.p::jsonb, c) AS capped, vt_search_count(s.p::jsonb, NULL) AS exact
      FROM unnest(ARRAY[${specs.map(q).join(',')}]) WITH ORDINALITY AS s(p, i),
           unnest(ARRAY[${caps.join(',')}]::bigint[]) AS c ORDER BY 1, 2`;
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      const before = await scans();
      const r = psqlAs(who, sql);
      expect(r).toMatchObject({ ok: true });
      const rows = r.out.split('\n').map((l) => l.split('|').map(Number));
      expect(rows).toHaveLength(specs.length * caps.length);
      for (const [i, cap, capped, exact] of rows) expect(capped, `${who} spec ${i} cap ${cap}`).toBe(Math.min(exact!, cap!));
      // Not empty answers: the common words are well above the small caps.
      expect(rows.find((x) => x[0] === 1)![3]).toBeGreaterThan(who === SPECIALIST ? 10 : 100);
      // The quarter was asked (its statistics flushed as the person's session ends).
      await expect.poll(scans, { timeout: 10_000 }).toBeGreaterThan(before);
    }
    // Within a range of dates the quarter is not asked (migration 0241): the sample of the newest rows
    // says nothing of the rows outside it. The index scans of this transaction, as the owner.
    const quarterAsked = async (spec: string) =>
      (
        await pgQuery<{ c: string; scans: string }>(
          url,
          `WITH x AS MATERIALIZED (SELECT vt_search_count(${q(spec)}::jsonb, 20) AS c)
           SELECT x.c, pg_stat_get_xact_numscans('incoming_search_quarter'::regclass) AS scans FROM x`,
        )
      )[0]!;
    expect(await quarterAsked(phongCho)).toEqual({ c: '20', scans: '1' });
    expect(await quarterAsked(specs[4]!)).toEqual({ c: '20', scans: '0' });
    // The proof tried and short of the cap, the total at or below it: the exact number, not "more".
    const vooc = specs[3]!;
    const exact = Number(psqlAs(LEADER, `SELECT vt_search_count(${q(vooc)}, NULL)`).out);
    expect(exact).toBeGreaterThanOrEqual(10);
    for (const cap of [exact, exact + 1]) {
      const before = await scans();
      expect(psqlAs(LEADER, `SELECT vt_search_count(${q(vooc)}, ${cap})`).out).toBe(String(Math.min(exact, cap)));
      await expect.poll(scans, { timeout: 10_000 }).toBeGreaterThan(before);
    }
  });

  it('psql: a common typed prefix left out of the index question gives the same rows (migration 0210)', async () => {
    // «kinh t…» typed: the index may be asked «kinh» alone (thin) when «tinh…» (tỉnh) is more common
    // than «kinh», and the whole query is then checked on the rows. «kinh» alone has more hits, so
    // an unchecked row would show.
    const atom = (tsv: string, extra: object) => ({ tsv, ...extra });
    const cases = [
      { terms: atom("('kinh') & ('tinh':*)", { thin: "'kinh'", prefixes: ['tinh'], words: ['kinh'] }), plain: "('kinh') & ('tinh':*)" },
      {
        terms: atom("('xam') & ('nhap') & ('man') & ('quang') & ('ngai':*)", {
          thin: "'xam' & 'nhap' & 'man' & 'quang'",
          prefixes: ['ngai'],
          words: ['xam', 'nhap', 'man', 'quang'],
        }),
        plain: "('xam') & ('nhap') & ('man') & ('quang') & ('ngai':*)",
      },
      // A phrase asked of the index as its words (gin), with a typed prefix beside it.
      {
        terms: atom("('kinh' <-> 'phi') & ('tinh':*)", {
          gin: "'kinh' & 'phi' & 'tinh':*",
          thin: "'kinh' & 'phi'",
          prefixes: ['tinh'],
          words: ['kinh', 'phi'],
        }),
        plain: "('kinh' <-> 'phi') & ('tinh':*)",
      },
      // A rare prefix stays in the index question (it is the operand that narrows).
      {
        terms: atom("('uy') & ('ban') & ('vooc':*)", { thin: "'uy' & 'ban'", prefixes: ['vooc'], words: ['uy', 'ban'] }),
        plain: "('uy') & ('ban') & ('vooc':*)",
      },
    ];
    const spec = (term: object, extra = {}) =>
      `'${JSON.stringify({ terms: [[term]], excludeVoided: true, ...extra }).replace(/'/g, "''")}'`;
    // What the index is asked (as the owner: no row rule, the same term branch).
    const asked = async (term: object) => (await pgQuery<{ f: string }>(url, `SELECT vt_search_from(${spec(term)}::jsonb) AS f`))[0]!.f;
    expect(await asked(cases[0]!.terms)).toContain(`@@ '(''kinh'') & !''#vvoided'''`);
    expect(await asked(cases[1]!.terms)).toContain(`@@ '(''xam'' & ''nhap'' & ''man'' & ''quang'') & !''#vvoided'''`);
    expect(await asked(cases[2]!.terms)).toContain(`@@ '(''kinh'' & ''phi'') & !''#vvoided'''`);
    // (Since 0237 a rare prefix is asked as the words it stands for.)
    expect(await asked(cases[3]!.terms)).toMatch(/''vooc''(:\*)?/);
    // The thin question alone finds more documents than the typed words: the rows' check matters.
    const [kinh] = await pgQuery<{ thin: string; typed: string }>(
      url,
      `SELECT count(*) FILTER (WHERE search_tsv @@ '''kinh'''::tsquery) AS thin,
              count(*) FILTER (WHERE search_tsv @@ '''kinh'' & ''tinh'':*'::tsquery) AS typed FROM incoming_documents`,
    );
    expect(Number(kinh!.thin)).toBeGreaterThan(Number(kinh!.typed));
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      for (const c of cases) {
        for (const sql of [
          (s: string) => `SELECT vt_search_count(${s}, NULL)`,
          (s: string) => `SELECT vt_search_count(${s}, 50)`,
          (s: string) => `SELECT coalesce(string_agg(k::text, ','), '') FROM vt_search_keys(${s}, NULL, 30) k`,
          (s: string) =>
            `SELECT coalesce(string_agg(k::text || ':' || coalesce(hits, -1), ','), '') FROM vt_search_candidates(${s}, NULL, 1000)`,
        ]) {
          const thin = psqlAs(who, sql(spec(c.terms)));
          const plain = psqlAs(who, sql(spec({ tsv: c.plain })));
          expect(thin).toMatchObject({ ok: true });
          expect(thin.out).toBe(plain.out);
        }
      }
      // Not empty answers: the person finds «kinh t…».
      expect(Number(psqlAs(who, `SELECT vt_search_count(${spec({ tsv: cases[0]!.plain })}, NULL)`).out)).toBeGreaterThan(
        who === SPECIALIST ? 5 : 100,
      );
    }
  });

  it('psql: the first page (migration 0224) is the newest visible hits, counted on the way or not, whatever the cap', () => {
    // vt_search_first walks the newest rows, then reads every hit below with their number when the
    // hits expected are not far above the cap, else only the newest (a range of sort keys ANDed with
    // the index, then the rest): the rows must be vt_search_keys' (the person's own visible hits,
    // checked above) and a number, when given, every hit's.
    const specs = [
      '{"terms":[],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'uy\' & \'ban\')"}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'quang\' & \'ngai\':*)","thin":"\'quang\'","prefixes":["ngai"],"words":["quang"]}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'kinh\' & \'phi\')"}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'vooc\' & \'cha\' & \'va\':*)"}]],"excludeVoided":true}',
      '{"terms":[[{"symbol":"%QD-UBND%"}]],"excludeVoided":true}',
      '{"terms":[],"secrecy":"confidential"}',
    ];
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    let counted = 0;
    let uncounted = 0;
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      const sql = specs
        .flatMap((spec, i) =>
          [20, 1000].flatMap((limit) =>
            ['NULL', '1', '10', '100', '10001'].map(
              (upTo) => `SELECT ${i}, ${limit}, ${upTo === 'NULL' ? -1 : upTo},
                (SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') FROM (SELECT k, row_number() OVER () AS n FROM vt_search_first(${q(spec)}, ${limit}, ${upTo}) k) x),
                (SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') FROM (SELECT k, row_number() OVER () AS n FROM vt_search_keys(${q(spec)}, NULL, ${limit}) k) x),
                (SELECT count(*) FILTER (WHERE hits IS NULL) || ':' || coalesce(max(hits)::text, '') FROM vt_search_first(${q(spec)}, ${limit}, ${upTo})),
                vt_search_count(${q(spec)}, NULL)`,
            ),
          ),
        )
        .join(' UNION ALL ');
      const r = psqlAs(who, sql);
      expect(r).toMatchObject({ ok: true });
      const rows = r.out.split('\n').map((l) => l.split('|'));
      expect(rows).toHaveLength(specs.length * 2 * 5);
      for (const [i, limit, upTo, first, keys, hits, exact] of rows) {
        expect(first, `${who} spec ${i} limit ${limit} cap ${upTo}`).toBe(keys);
        const [walked, number] = hits!.split(':');
        if (number === '') {
          uncounted++;
          continue;
        }
        counted++;
        // Counted: every hit (the walked rows and the number below them), exact.
        expect(Number(walked) + Number(number), `${who} spec ${i} limit ${limit} cap ${upTo}`).toBe(Number(exact));
      }
      // Not empty answers: the common words fill a page.
      expect(rows.find((x) => x[0] === '1' && x[1] === '20')![3]!.split(',')).toHaveLength(20);
    }
    // Both ways were taken: numbers on the way (no cap, few hits) and pages alone (far above a small cap).
    expect(counted).toBeGreaterThan(10);
    expect(uncounted).toBeGreaterThan(10);
  });

  it('psql: a first page whose second walk reads the covering index (migration 0242) is the newest visible hits, the same as from the table', () => {
    // 0242 reads a long second walk (40,000 rows and more: a large database's sparse hits) from
    // incoming_newest_searched and the hits' rows by key. This database is small: the session's
    // knob sends every second walk that way, and each page must be the one read from the table
    // (knob above any walk: nor a third walk, 0243) and vt_search_keys' (the person's own visible hits), with the same number.
    const specs = [
      '{"terms":[],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'uy\' & \'ban\')"}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'quang\' & \'ngai\':*)","thin":"\'quang\'","prefixes":["ngai"],"words":["quang"]}]],"excludeVoided":true}',
      '{"terms":[[{"tsv":"(\'kinh\' & \'phi\')"}]],"excludeVoided":true}',
      "{\"terms\":[[{\"tsv\":\"('phong' <-> 'chong' <-> 'thien' <-> 'tai')\",\"gin\":\"'phong' & 'chong' & 'thien' & 'tai'\"}]],\"excludeVoided\":true}",
      '{"terms":[[{"symbol":"%QD-UBND%"}]],"excludeVoided":true}',
      '{"terms":[],"secrecy":"confidential"}',
    ];
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const page = (spec: string, limit: number, upTo: string) =>
      `(SELECT coalesce(string_agg(k::text || '/' || md5(subject || organ || coalesce(symbol, '')) || '/' || coalesce(hits::text, ''), ',' ORDER BY n), '')
          FROM (SELECT *, row_number() OVER () AS n FROM vt_search_first(${q(spec)}, ${limit}, ${upTo})) x)`;
    const answers = (knob: string) => {
      const out = new Map<string, string>();
      for (const who of [CLERK, SPECIALIST, LEADER]) {
        const sql = specs
          .flatMap((spec, i) =>
            [20, 1000].flatMap((limit) =>
              ['NULL', '10', '10001'].map(
                (upTo) => `SELECT '${who} spec ${i} limit ${limit} cap ${upTo}', ${page(spec, limit, upTo)},
                  (SELECT coalesce(string_agg(k::text, ',' ORDER BY n), '') FROM (SELECT k, row_number() OVER () AS n FROM vt_search_keys(${q(spec)}, NULL, ${limit}) k) x)`,
              ),
            ),
          )
          .join(' UNION ALL ');
        const r = psqlAs(who, `SET vanthu.search_narrow_walk_rows = '${knob}'; ${sql}`);
        expect(r).toMatchObject({ ok: true });
        for (const [label, first, keys] of r.out.split('\n').map((l) => l.split('|'))) {
          // The rows are vt_search_keys' rows, in its order.
          expect(
            first!
              .split(',')
              .map((x) => x.split('/')[0])
              .join(','),
            label,
          ).toBe(keys === '' ? '' : keys);
          out.set(label!, first!);
        }
      }
      return out;
    };
    const narrow = answers('0');
    const table = answers('1000000000');
    expect(narrow.size).toBe(3 * specs.length * 2 * 3);
    // The same keys, fields and numbers, whichever way the second walk read the rows.
    for (const [label, first] of table) expect(narrow.get(label), label).toBe(first);
    // Not empty answers: the common words fill a page for each person.
    for (const who of [CLERK, SPECIALIST, LEADER]) expect(narrow.get(`${who} spec 1 limit 20 cap 10001`)!.split(',')).toHaveLength(20);
  });

  it('psql: a typed prefix asked of the index as the words it stands for (migration 0237) gives the same rows and numbers', async () => {
    // Each spec beside the same search in a form the database does not rewrite (a NOT of a word no
    // document holds: the question as before 0237). The words come from incoming_words, which the
    // import's inserts filled (its trigger): a word missing there would lose its documents here.
    const cases = [
      // «phòng chố»: the short prefix left out beside «phòng», now asked as `cho | chon | chong…`.
      { tsv: "('phong') & ('cho':*)", gin: "'phong'" },
      // «bão» alone with a filter: the prefix was asked as a prefix (every «bao…» gathered).
      { tsv: "('bao':*)", urgency: 'flash' },
      { tsv: "('bao':*)" },
      // A phrase, the sender's column and a long prefix asked of the index beside words.
      { tsv: "('phong' <-> 'chong') & ('thie':*)", gin: "'phong' & 'chong' & 'thie':*" },
      { tsv: "('kinh') & ('so':B) & ('tai':B) & ('chin':*B)", gin: "'kinh' & 'so' & 'tai' & 'chin':*" },
      // A prefix no word begins with finds nothing.
      { tsv: "('phong') & ('zzq':*)", gin: "'phong'" },
    ];
    const spec = (atom: { tsv: string; gin?: string; urgency?: string }, plain = false) => {
      const { urgency, ...words } = atom;
      const term = plain ? { tsv: `${words.tsv} & !'zzzqqqx'` } : words;
      return `'${JSON.stringify({ terms: [[term]], excludeVoided: true, ...(urgency ? { urgency } : {}) }).replace(/'/g, "''")}'`;
    };
    // The path is taken: the index is asked the words (as the owner: no row rule, the same term branch).
    const asked = async (atom: (typeof cases)[number], plain = false) => {
      const f = (await pgQuery<{ f: string }>(url, `SELECT vt_search_from(${spec(atom, plain)}::jsonb) AS f`))[0]!.f;
      return f.slice(f.lastIndexOf('d.search_tsv @@'));
    };
    expect(await asked(cases[0]!)).toMatch(/@@ '\(''phong'' & \( ''cho'' \| ''chon''/);
    expect(await asked(cases[0]!, true)).not.toMatch(/''cho'' \|/);
    expect(await asked(cases[1]!)).not.toContain(`''bao'':*`);
    expect(await asked(cases[1]!, true)).toContain(`''bao'':*`);
    expect(await asked(cases[3]!)).toMatch(/''thien'' \|/);
    expect((await pgQuery<{ f: string }>(url, `SELECT vt_search_from(${spec(cases[5]!)}::jsonb) AS f`))[0]!.f).toMatch(/ AND false/);
    let found = 0;
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      for (const c of cases) {
        for (const sql of [
          (s: string) => `SELECT vt_search_count(${s}, NULL)`,
          (s: string) => `SELECT vt_search_count(${s}, 50)`,
          (s: string) => `SELECT coalesce(string_agg(k::text, ','), '') FROM vt_search_keys(${s}, NULL, 30) k`,
          // The first page's rows (whether it counted on the way may differ: the planner's estimate does).
          (s: string) => `SELECT coalesce(string_agg(k::text, ','), '') FROM vt_search_first(${s}, 1000, 10001)`,
          (s: string) => `SELECT coalesce(string_agg(k::text, ','), '') FROM vt_search_first(${s}, 20, 11)`,
        ]) {
          const words = psqlAs(who, sql(spec(c)));
          const plain = psqlAs(who, sql(spec(c, true)));
          expect(words).toMatchObject({ ok: true });
          expect(words.out, `${who} ${c.tsv} ${sql('s')}`).toBe(plain.out);
        }
        // A number given on the way is every hit (the rows walked and the number below them).
        const exact = Number(psqlAs(who, `SELECT vt_search_count(${spec(c, true)}, NULL)`).out);
        for (const [limit, upTo] of [
          [1000, 10001],
          [20, 11],
          [20, 10001],
        ]) {
          const r = psqlAs(
            who,
            `SELECT count(*) FILTER (WHERE hits IS NULL) || ':' || coalesce(max(hits)::text, '') FROM vt_search_first(${spec(c)}, ${limit}, ${upTo})`,
          );
          const [walked, number] = r.out.split(':');
          if (number !== '') expect(Number(walked) + Number(number), `${who} ${c.tsv} ${limit} ${upTo}`).toBe(exact);
        }
        found += Number(psqlAs(who, `SELECT vt_search_count(${spec(c)}, NULL)`).out);
      }
      // Not empty answers: each person finds «phòng chố».
      expect(Number(psqlAs(who, `SELECT vt_search_count(${spec(cases[0]!)}, NULL)`).out)).toBeGreaterThan(who === SPECIALIST ? 2 : 20);
    }
    expect(found).toBeGreaterThan(100);
    // A word written later (an update here; an insert likewise) is kept, and its prefix finds it.
    const [doc] = await pgQuery<{ k: string }>(
      url,
      `UPDATE incoming_documents SET search_tsv = search_tsv || 'zzqwordnew:99'::tsvector
        WHERE id = (SELECT min(id) FROM incoming_documents
                    WHERE secrecy = 'normal' AND status <> 'voided' AND NOT search_tsv @@ '''phong''') RETURNING sort_key AS k`,
    );
    expect(psqlAs(LEADER, `SELECT string_agg(k::text, ',') FROM vt_search_keys(${spec(cases[5]!)}, NULL, 30) k`).out).toBe('');
    expect(psqlAs(LEADER, `SELECT string_agg(k::text, ',') FROM vt_search_keys(${spec({ tsv: "('zzqw':*)" })}, NULL, 30) k`).out).toBe(
      doc!.k,
    );
    // Every word of every document is kept (the import's inserts, this update), the '#…' lexemes not.
    const [kept] = await pgQuery<{ missing: string; tags: string; word: string }>(
      url,
      `SELECT (SELECT count(*) FROM (SELECT DISTINCT l FROM incoming_documents, unnest(tsvector_to_array(search_tsv)) l
                WHERE left(l, 1) <> '#' EXCEPT SELECT word FROM incoming_words) x) AS missing,
              (SELECT count(*) FROM incoming_words WHERE left(word, 1) = '#') AS tags,
              (SELECT count(*) FROM incoming_words WHERE word = 'zzqwordnew') AS word`,
    );
    expect(kept).toEqual({ missing: '0', tags: '0', word: '1' });
    // The words are the owner's: no person reads or writes them.
    for (const who of [CLERK, SPECIALIST, LEADER]) {
      expect(psqlAs(who, 'SELECT count(*) FROM incoming_words').err).toMatch(/permission denied/);
      expect(psqlAs(who, `INSERT INTO incoming_words VALUES ('x')`).err).toMatch(/permission denied/);
    }
  });

  it('an administrator alone finds nothing, and the functions are not PUBLIC’s', async () => {
    expect(psqlAs(ADMIN, `SELECT vt_search_count('{"terms":[]}', NULL)`).out).toBe('0');
    const acl = await pgQuery<{ name: string; public: boolean; definer: boolean }>(
      url,
      `SELECT p.proname AS name, p.prosecdef AS definer,
              has_function_privilege('public', p.oid, 'EXECUTE') AS public
       FROM pg_proc p WHERE p.proname IN ('vt_search_keys', 'vt_search_count', 'vt_search_candidates', 'vt_search_first', 'vt_search_exact_words') ORDER BY 1`,
    );
    expect(acl).toEqual([
      { name: 'vt_search_candidates', definer: true, public: false },
      { name: 'vt_search_count', definer: true, public: false },
      // Called by vt_search_count only (migration 0236): neither a definer nor PUBLIC's.
      { name: 'vt_search_exact_words', definer: false, public: false },
      { name: 'vt_search_first', definer: true, public: false },
      { name: 'vt_search_keys', definer: true, public: false },
    ]);
  });
});

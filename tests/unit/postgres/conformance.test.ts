/**
 * The same answers from both stores: the benchmark's synthetic documents imported into a
 * SQLite file and a PostgreSQL database, then the benchmark's 20 searches (and variants:
 * by date, with voided documents, paged by cursor, filters alone) must give identical
 * totals and identical pages; so must the register list, the sender autocomplete and the
 * outgoing search.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocGenerator, writeJsonl } from '../../../bench/generate.js';
import { QUERIES } from '../../../bench/queries.js';
import { CONTENT_QUERIES, fillContent } from '../../../bench/capture/contentText.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import type { SearchParams } from '../../../src/main/search/searchService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { fixedClock, tempDir } from '../helpers.js';
import { dropPgDatabase, newPgDatabase, pgAvailable } from '../helpers/stores.js';

const DOCS = 4000;
/** Documents given a page of text (the newest; the oldest have none, as registered without). */
const CONTENT_DOCS = 3000;
const d = describe.skipIf(!pgAvailable());

let sqlite: Services;
let postgres: Services;
let pgUrl: string;

/** A document as both stores must show it (ids included: both were built the same way). */
const key = (r: { id: number; register: string; year: number; arrivalNumber: number; subject: string }) =>
  `${r.id}:${r.register}/${r.year}/${r.arrivalNumber}:${r.subject.slice(0, 30)}`;

d('both stores answer alike', () => {
  beforeAll(async () => {
    const dir = tempDir();
    const file = path.join(dir, 'docs.jsonl');
    writeJsonl(file, DOCS, { seed: 7 });
    const clock = fixedClock('2026-11-20T10:00:00+07:00');
    pgUrl = await newPgDatabase();
    sqlite = await createServices({ dbPath: path.join(dir, 'a.sqlite'), migrate: true, clock });
    postgres = await createServices({ dbPath: pgUrl, migrate: true, clock });
    for (const s of [sqlite, postgres]) {
      await s.init({ actor: 'bench', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
      const r = await importIncomingFile(s, file, { skipInvalid: false, actor: 'bench' });
      expect(r.imported).toBe(DOCS);
      // A few single adds, corrections and voids after the import, the same on both.
      const gen = new DocGenerator(99, 1_000_000);
      for (let i = 0; i < 30; i++) {
        const x = gen.doc(Date.parse('2026-11-20T08:00:00+07:00') + i * 1000);
        x.issuedDate = '2026-11-19';
        // Senders spelled otherwise than the import's (the sender filter matches what each document says).
        if (i % 6 === 1) x.organName = 'SỞ TÀI CHÍNH - tỉnh Quảng Ngãi';
        if (i % 6 === 3) x.organName = 'Sở Tài-chính Quảng Ngãi (cũ)';
        const rec = await s.incoming.add(x, { actor: 'van.thu' });
        if (i % 8 === 2) await s.incoming.update(rec.id, { organName: 'Sở Tài chánh tỉnh Kon Tum' }, { actor: 'van.thu' });
        if (i % 5 === 0) await s.incoming.update(rec.id, { subject: `${x.subject} (bổ sung Sa Huỳnh)` }, { actor: 'van.thu' });
        if (i % 7 === 0) await s.incoming.void(rec.id, 'nhầm', { actor: 'van.thu' });
      }
      // The files' text of most documents (the same pages on both: the same seed, newest first).
      expect(await fillContent(s, CONTENT_DOCS)).toBe(CONTENT_DOCS);
    }
  }, 600_000);

  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    if (pgUrl) await dropPgDatabase(pgUrl);
  });

  const variants: { id: string; params: SearchParams }[] = [];
  for (const q of QUERIES) {
    variants.push({ id: q.id, params: q.params });
    variants.push({ id: `${q.id} by date`, params: { ...q.params, sort: 'date' } });
    variants.push({ id: `${q.id} with voided`, params: { ...q.params, includeVoided: true } });
  }
  variants.push(
    { id: 'filters only: urgency', params: { urgency: 'flash' } },
    { id: 'filters only: register + type', params: { register: 'DEN', type: 'Công văn' } },
    { id: 'issued range', params: { query: 'kế hoạch', issuedFrom: '2024-01-01', issuedTo: '2024-12-31' } },
    { id: 'voided only', params: { status: 'voided' } },
    { id: 'nothing matches', params: { query: 'zzzqqq' } },
    { id: 'one letter', params: { query: 'a' } },
    { id: 'quotes and syntax', params: { query: '"ủy ban" OR x* : -"' } },
    // The sender filter (PostgreSQL: the names it matches, migration 0238): typed as a prefix,
    // alone, as a phrase, by words that are only ever in subjects (no sender has them), by words no
    // sender has at all, and with SQL in it.
    { id: 'sender typed as a prefix', params: { query: 'kinh phí', org: 'Sở Tài ch' } },
    { id: 'sender alone, by date', params: { org: 'ubnd huyen', sort: 'date' } },
    { id: 'sender as a phrase', params: { org: '"tài chính tỉnh"', includeVoided: true } },
    { id: 'sender words only in subjects', params: { org: 'kinh phí' } },
    { id: 'sender nobody is', params: { query: 'kế hoạch', org: 'zzzqqq' } },
    { id: 'sender with SQL in it', params: { org: "x') OR true OR ('" } },
    { id: 'sender respelled or corrected', params: { org: 'sở tài chính quảng', sort: 'date', includeVoided: true } },
    { id: 'sender corrected to a new name', params: { org: 'tài chánh', sort: 'date' } },
  );
  // The files' text: alone, with each filter, with the fields; all words, folded, the last a prefix.
  for (const [id, params] of Object.entries(CONTENT_QUERIES)) {
    variants.push({ id: `content ${id}`, params }, { id: `content ${id} by date`, params: { ...params, sort: 'date' } });
  }
  variants.push(
    { id: 'content: two common words, by date', params: { query: 'trưởng các', in: 'content', sort: 'date' } },
    { id: 'content: a phrase', params: { query: '"thủy lợi hồ chứa"', in: 'content' } },
    {
      id: 'content: a phrase by date, with voided',
      params: { query: '"ủy ban nhân dân"', in: 'content', sort: 'date', includeVoided: true },
    },
    { id: 'content: words without marks', params: { query: 'truong cac', in: 'content', sort: 'date' } },
  );

  it.each(variants)('search $id: same total, same first three pages', async ({ params }) => {
    let cursorA: string | null | undefined;
    let cursorB: string | null | undefined;
    for (let page = 0; page < 3; page++) {
      const a = await sqlite.search.search({ ...params, limit: 20, cursor: cursorA });
      const b = await postgres.search.search({ ...params, limit: 20, cursor: cursorB });
      expect(b.total).toBe(a.total);
      expect(b.items.map(key)).toEqual(a.items.map(key));
      if (!a.nextCursor) {
        expect(b.nextCursor ?? null).toBe(null);
        break;
      }
      cursorA = a.nextCursor;
      cursorB = b.nextCursor;
    }
  });

  it('the sender filter comparisons are not of empty answers, and each spelling is its own', async () => {
    const search = (params: SearchParams) => postgres.search.search({ ...params, limit: 50 });
    expect((await search({ query: 'kinh phí', org: 'Sở Tài ch' })).total).toBeGreaterThan(0);
    expect((await search({ org: 'tài chánh', sort: 'date' })).total).toBeGreaterThan(0);
    // Words of subjects that no sender has: the words are found, the sender is nobody.
    expect((await search({ query: 'kinh phí' })).total).toBeGreaterThan(0);
    expect((await search({ org: 'kinh phí' })).total).toBe(0);
    const respelled = (await search({ org: 'sở tài chính quảng', sort: 'date', includeVoided: true })).items.map((d) => d.organName);
    expect(respelled).toContain('SỞ TÀI CHÍNH - tỉnh Quảng Ngãi');
    expect(respelled).toContain('Sở Tài-chính Quảng Ngãi (cũ)');
  });

  it('register list pages, sender autocomplete, counts and books agree', async () => {
    for (const base of [{}, { register: 'DEN', year: 2025 }, { includeVoided: true }]) {
      let ca: string | null | undefined;
      let cb: string | null | undefined;
      for (let page = 0; page < 3; page++) {
        const a = await sqlite.incoming.list({ ...base, limit: 50, cursor: ca });
        const b = await postgres.incoming.list({ ...base, limit: 50, cursor: cb });
        expect(b.items.map(key)).toEqual(a.items.map(key));
        ca = a.nextCursor;
        cb = b.nextCursor;
      }
    }
    for (const prefix of ['so', 'ubnd', 'sở tài', 'b', 'xyz']) {
      expect(await postgres.incoming.organNames(prefix, 10)).toEqual(await sqlite.incoming.organNames(prefix, 10));
    }
    expect(await postgres.store.read((r) => r.incoming.count())).toBe(await sqlite.store.read((r) => r.incoming.count()));
    const [ra, rb] = [await sqlite.registers(), await postgres.registers()];
    expect(rb).toEqual(ra);
    const den = ra.find((r) => r.code === 'DEN')!;
    const bookA = await sqlite.store.read((r) => r.incoming.forBook(den.id, 2024));
    const bookB = await postgres.store.read((r) => r.incoming.forBook(den.id, 2024));
    expect(bookB.map(key)).toEqual(bookA.map(key));
    expect(bookA.length).toBeGreaterThan(100);
    expect((await postgres.check()).ok).toBe(true);
    // The comparisons above are not of empty answers.
    for (const query of ['ủy ban', 'qd-ubnd', '"phòng chống thiên tai"', 'phòng chố']) {
      expect((await postgres.search.search({ query })).total, query).toBeGreaterThan(0);
    }
  });
});

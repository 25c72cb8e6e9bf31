/**
 * Today's search against the frozen pre-change implementation (legacyIncomingSearch.ts) on a
 * seeded database: the same hits in the same order on every page, the same cursor positions,
 * and totals that are the old exact total, capped — with searchCount giving it exactly.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeJsonl, Rng } from '../../../bench/generate.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import { SqliteStore } from '../../../src/main/db/sqlite/store.js';
import { Statements } from '../../../src/main/db/sqlite/statements.js';
import { openDatabase } from '../../../src/main/db/sqlite/connection.js';
import { parseQuery } from '../../../src/main/search/parseQuery.js';
import { fold } from '../../../src/shared/text/vietnamese.js';
import type { SearchQuery } from '../../../src/main/store/ports.js';
import type { Services } from '../../../src/main/services.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';
import { searchIncoming as legacySearch } from './legacyIncomingSearch.js';

const DOCS = 4000;

async function seeded(): Promise<{ services: Services; st: Statements }> {
  const { services } = await freshServices({ now: '2026-11-20T10:00:00+07:00' });
  const file = path.join(tempDir(), 'docs.jsonl');
  writeJsonl(file, DOCS, { seed: 7, fromDate: '2024-01-01', toDate: '2026-11-19' });
  const res = await importIncomingFile(services, file, { skipInvalid: false, actor: 'test' });
  expect(res.imported).toBe(DOCS);
  // Edge cases the generator does not produce: quotes and dashes past U+2000 (fold's slow
  // path), Greek, combining marks, astral characters, voided documents, words that tie.
  const extra = [
    { subject: 'Về “kế hoạch” – phòng chống thiên tai năm 2026', organName: 'Sở Nông nghiệp – PTNT' },
    { subject: 'ΑΣ kế hoạch Σ ngân sách', organName: 'Ủy ban ΣΑ' },
    { subject: 'Ke\u0301 hoa\u0323ch ngân sách 𝔸𝔹 xã', organName: 'Sở Tài chính 😀 tỉnh' },
    { subject: 'kế hoạch kế hoạch ngân', symbol: '77/KH-UBND', organName: 'Kế hoạch ngân sách' },
    { subject: 'xkế hoạchy ngân sáchz', organName: 'UBND huyện Bình Sơn' },
    { subject: 'Tiếp công dân định kỳ', organName: 'UBND huyện Bình Sơn', typeName: 'Công văn' },
  ];
  const ids: number[] = [];
  for (const [i, e] of extra.entries()) {
    const r = await services.incoming.add(
      doc({ symbol: `${900 + i}/X-ĐB`, arrivalDate: `2026-11-0${i + 1}T08:00`, issuedDate: '2026-10-30', ...e }),
      ACTOR,
    );
    ids.push(r.id);
  }
  await services.incoming.void(ids[0]!, 'Vào sổ nhầm', ACTOR);
  const store = services.store as SqliteStore;
  return { services, st: new Statements(store.db) };
}

/**
 * The frozen search was written for the fields index as it was before migration 0220, with the
 * filter tags as their text (`xtcongvan`, migration 0100) and 2- and 3-character prefix indexes. It runs on a copy of the database
 * whose fields index is built that way again from the same documents (same keys, same ids).
 */
function legacyLayout(st: Statements): Statements {
  const file = path.join(tempDir(), 'legacy-layout.sqlite');
  st.db.exec(`VACUUM INTO '${file}'`);
  const { db } = openDatabase(file);
  // Also with both prefix indexes, as before migration 0221.
  db.exec(`DROP TABLE incoming_fts;
    CREATE VIRTUAL TABLE incoming_fts USING fts5(subject, organ, symbol, signer, description, tags,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
    INSERT INTO incoming_fts (rowid, subject, organ, symbol, signer, description, tags)
      SELECT d.sort_key, vn_fold(d.subject), vn_fold(d.organ_name), vn_fold(d.symbol), vn_fold(d.signer_name), vn_fold(d.description),
        'xt' || replace(vn_fold(d.type_name), ' ', '') || ' xu' || replace(d.urgency, '_', '') ||
        ' xs' || replace(d.secrecy, '_', '') || ' xr' || d.register_id || ' xst' || d.status ||
        ' xi' || substr(d.issued_date, 1, 4) || substr(d.issued_date, 6, 2) || ' ' || vn_organ_tag(d.organ_name)
      FROM incoming_documents d`);
  return new Statements(db);
}

/** A varied, deterministic set of questions built from the seeded documents' own words. */
function questions(st: Statements): { label: string; q: Omit<SearchQuery, 'limit' | 'sort'> }[] {
  const rng = new Rng(42);
  const rows = st.get('SELECT subject, organ_name AS organ, symbol, type_name AS type FROM incoming_documents').all() as {
    subject: string;
    organ: string;
    symbol: string | null;
    type: string;
  }[];
  const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const base = { includeVoided: false };
  const out: { label: string; q: Omit<SearchQuery, 'limit' | 'sort'> }[] = [];
  const add = (text: string, extra: Partial<SearchQuery> = {}) =>
    out.push({ label: `${text} ${JSON.stringify(extra)}`, q: { ...base, text: parseQuery(text), ...extra } });
  for (const t of [
    'ủy ban',
    'kế hoạch',
    'ngân sách',
    'quang ngai',
    'kế hoạch ngân',
    'phòng chố',
    '"phòng chống thiên tai"',
    'ke',
    'kế hoạch kế',
  ])
    add(t);
  add('', {});
  add('', { includeVoided: true });
  add('kế hoạch', { includeVoided: true });
  add('phòng chống', { status: 'voided' });
  add('123/QĐ');
  add('qd-ubnd');
  add('ub', {});
  add('σ');
  // Two letters still being typed, alone, after a phrase and in the sender (no 2-character prefix index since migration 0221).
  add('ng');
  add('kế hoạch ng');
  add('kinh', { organName: parseQuery('Sở Tài ch') });
  add('th', { typeName: 'Công văn' });
  add('tiếp công dân', { organName: parseQuery('UBND huyện Bình Sơn'), typeName: 'Công văn' });
  for (let i = 0; i < 160; i++) {
    const r = rng.pick(rows);
    const w = words(rng.chance(0.7) ? r.subject : r.organ);
    if (w.length === 0) continue;
    const at = rng.int(0, w.length - 1);
    const n = rng.int(1, Math.min(3, w.length - at));
    let text = w.slice(at, at + n).join(' ');
    const kind = rng.int(0, 5);
    if (kind === 0) text = `"${text}"`;
    if (kind === 1) text = text.slice(0, Math.max(2, text.length - rng.int(1, 3))); // still typing
    if (kind === 2 && r.symbol) text = r.symbol.slice(rng.int(0, 3), rng.int(5, r.symbol.length)); // symbol fragment
    if (kind === 3) text = fold(text); // without diacritics
    const extra: Partial<SearchQuery> = {};
    if (rng.chance(0.15)) extra.typeName = r.type;
    if (rng.chance(0.1)) extra.urgency = 'urgent';
    if (rng.chance(0.1)) extra.registerId = 1;
    if (rng.chance(0.15)) extra.organName = parseQuery(words(r.organ).slice(0, 2).join(' '));
    if (rng.chance(0.15)) Object.assign(extra, { arrivalFrom: '2025-03-01', arrivalTo: '2026-02-15' });
    if (rng.chance(0.1)) Object.assign(extra, { issuedFrom: '2025-01-01', issuedTo: '2025-12-31' });
    if (rng.chance(0.1)) extra.includeVoided = true;
    add(text, extra);
  }
  return out;
}

describe('search equivalence with the implementation before the capped count', () => {
  it('returns the same hits in the same order on every page, and the same total (capped, and exactly by searchCount)', async () => {
    const { services, st } = await seeded();
    const legacySt = legacyLayout(st);
    const idOf = (keys: number[]) =>
      keys.map((k) => (st.get('SELECT id FROM incoming_documents WHERE sort_key = ?').get(k) as { id: number }).id);
    const qs = questions(st);
    expect(qs.length).toBeGreaterThan(150);
    let compared = 0;
    let cappedSeen = 0;
    let countedOn = 0;
    for (const { label, q } of qs) {
      for (const sort of ['relevance', 'date'] as const) {
        // Small limits, candidate sets and caps so paging, the beyond-candidates tail and the
        // capped count are all exercised on a small database; then a cap above the first page's
        // probe of 2,000 keys (the count goes on from the probe's last key); then the real defaults.
        for (const knobs of [{ limit: 7, candidateLimit: 25, countCap: 40 }, { limit: 7, countCap: 2500 }, { limit: 20 }]) {
          let after: SearchQuery['after'];
          for (let page = 0; page < 4; page++) {
            const query: SearchQuery = { ...q, sort, ...knobs, after };
            const old = legacySearch(legacySt, query);
            const now = await services.store.read((r) => r.incoming.search(query));
            const ctx = `${label} ${sort} ${JSON.stringify(knobs)} page ${page}`;
            expect(
              now.items.map((d) => d.id),
              ctx,
            ).toEqual(idOf(old.keys));
            expect(now.last, ctx).toEqual(old.last);
            const cap = knobs.countCap ?? 10_000;
            expect({ total: now.total, capped: now.totalCapped }, ctx).toEqual({
              total: Math.min(old.total, cap),
              capped: old.total > cap,
            });
            if (now.totalCapped) cappedSeen++;
            if (page === 0 && knobs.countCap === 2500 && old.total > 2001) countedOn++;
            if (page === 0) expect(await services.store.read((r) => r.incoming.searchCount(query)), ctx).toBe(old.total);
            compared++;
            if (old.keys.length < knobs.limit || !old.last) break;
            after = old.last;
          }
        }
      }
    }
    legacySt.db.close();
    expect(compared).toBeGreaterThan(800);
    expect(cappedSeen).toBeGreaterThan(50);
    // Questions whose probe was full and whose count went on after it (some of them past the cap).
    expect(countedOn).toBeGreaterThan(5);
  }, 120_000);
});

/**
 * The sender filter with text (issue 8): on SQLite it is answered by the senders' tag tokens in
 * the fields index (migration 0100) — these tests check that it finds exactly what the words of
 * the sender's name find: senders with the filter's words anywhere in their name, the last word
 * still being typed, a sender corrected to a name never seen before, two names that run
 * together into the same letters, a name with letters outside ASCII; and that the tags are
 * really used (else the search silently takes the slow path). Both stores give the same answers.
 */
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/main/db/sqlite/store.js';
import { Statements } from '../../../src/main/db/sqlite/statements.js';
import { prepare, searchIncomingSql } from '../../../src/main/db/sqlite/incomingSearch.js';
import { parseQuery } from '../../../src/main/search/parseQuery.js';
import type { Services } from '../../../src/main/services.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';

const SENDERS = [
  'Sở Tài chính tỉnh Quảng Ngãi',
  'Sở Tài chính tỉnh Bình Định',
  'Sở Tài nguyên và Môi trường',
  'UBND huyện Bình Sơn',
  'UBND huyện Sơn Tịnh',
  'Sởtài chính Hà Nội', // runs together into the letters of "Sở Tài chính Hà Nội"
  'Sở Tài chính Hà Nội',
  'Cục Quản lý công sản (Bộ Tài nguyên) – Ø',
];

async function seeded(): Promise<{ services: Services; ids: Map<string, number[]> }> {
  const { services } = await freshServices({ now: '2026-11-20T10:00:00+07:00' });
  const ids = new Map<string, number[]>();
  let n = 0;
  for (const organName of SENDERS) {
    for (const subject of ['Về kinh phí năm 2026', 'Về tiếp công dân định kỳ', 'Về kế hoạch']) {
      n++;
      const d = await services.incoming.add(
        doc({
          organName,
          subject,
          symbol: `${n}/X-${n}`,
          arrivalDate: `2026-10-${String(1 + (n % 28)).padStart(2, '0')}T08:${String(n % 60).padStart(2, '0')}:00+07:00`,
          typeName: n % 2 ? 'Công văn' : 'Quyết định',
        }),
        ACTOR,
      );
      ids.set(organName, [...(ids.get(organName) ?? []), d.id]);
    }
  }
  return { services, ids };
}

const found = async (services: Services, params: Record<string, unknown>) =>
  (await services.search.search({ sort: 'date', limit: 500, ...params })).items.map((d) => d.id).sort((a, b) => a - b);

describe('sender filter with text', () => {
  it('finds the senders whose name holds the words, as the words of the name do', async () => {
    const { services, ids } = await seeded();
    const of = (...senders: string[]) => senders.map((s) => ids.get(s)![0]!).sort((a, b) => a - b);
    // «kinh phí» is the first subject of each sender.
    expect(await found(services, { query: 'kinh phí', org: 'Sở Tài chính' })).toEqual(
      of('Sở Tài chính tỉnh Quảng Ngãi', 'Sở Tài chính tỉnh Bình Định', 'Sở Tài chính Hà Nội'),
    );
    // The last word still being typed: a prefix ("ngu…" → nguyên).
    expect(await found(services, { query: 'kinh phí', org: 'Sở Tài ngu' })).toEqual(of('Sở Tài nguyên và Môi trường'));
    // Words anywhere, in any order of the terms, without diacritics.
    expect(await found(services, { query: 'kinh phí', org: 'binh dinh so' })).toEqual(of('Sở Tài chính tỉnh Bình Định'));
    // Letters outside ASCII and punctuation in the name.
    expect(await found(services, { query: 'kinh phí', org: 'cục quản lý' })).toEqual(of('Cục Quản lý công sản (Bộ Tài nguyên) – Ø'));
    expect(await found(services, { query: 'kinh phí', org: 'Hà Nội' })).toEqual(of('Sởtài chính Hà Nội', 'Sở Tài chính Hà Nội'));
    // Sender + type + text, by date (the second subject of UBND huyện Bình Sơn is its «Công văn»).
    const binhSon = ids.get('UBND huyện Bình Sơn')![1]!;
    expect(await found(services, { query: 'tiếp công dân', org: 'UBND huyện Bình Sơn', type: 'Công văn' })).toEqual([binhSon]);
    expect(await found(services, { query: 'tiếp công dân', org: 'UBND huyện Bình Sơn', type: 'Quyết định' })).toEqual([]);
  });

  it('a document corrected to a sender never seen before is found by that sender', async () => {
    const { services, ids } = await seeded();
    const id = ids.get('UBND huyện Sơn Tịnh')![0]!;
    await services.incoming.update(id, { organName: 'Ban Quản lý Khu kinh tế Dung Quất' }, ACTOR);
    expect(await found(services, { query: 'kinh phí', org: 'Dung Quất' })).toEqual([id]);
    expect(await found(services, { query: 'kinh phí', org: 'Sơn Tịnh' })).toEqual([]);
  });

  it('an import refused after its rows were written leaves no sender or month behind: the next import tags its own', async () => {
    const { services } = await seeded();
    const row = (i: number, organName: string, issuedDate: string) =>
      JSON.stringify(
        doc({ organName, issuedDate, subject: 'Về kinh phí hoạt động', symbol: `${i}/BDT`, arrivalDate: '2026-11-02T08:00:00+07:00' }),
      );
    const dir = tempDir();
    // Refused by its last row, after more than a batch of rows with a new sender and issue month were written.
    const refused = path.join(dir, 'refused.jsonl');
    const rows = Array.from({ length: 1200 }, (_, i) => row(i, 'Ban Dân tộc tỉnh', '2019-07-01'));
    writeFileSync(refused, [...rows, JSON.stringify(doc({ subject: '' }))].join('\n'));
    await expect(importIncomingFile(services, refused, { skipInvalid: false, actor: 'test' })).rejects.toMatchObject({
      error: { code: 'import_failed' },
    });
    // A second import: first a sender and month no document had, then the refused import's.
    const second = path.join(dir, 'second.jsonl');
    writeFileSync(second, [row(1, 'Ban Tôn giáo tỉnh', '2018-03-01'), row(2, 'Ban Dân tộc tỉnh', '2019-07-01')].join('\n'));
    expect((await importIncomingFile(services, second, { skipInvalid: false, actor: 'test' })).imported).toBe(2);
    const subjects = async (params: Record<string, unknown>) =>
      (await services.search.search({ sort: 'date', limit: 500, query: 'kinh phí hoạt động', ...params })).items.map((d) => d.symbol);
    expect(await subjects({ org: 'Ban Dân tộc' })).toEqual(['2/BDT']);
    expect(await subjects({ org: 'Ban Tôn giáo' })).toEqual(['1/BDT']);
    expect(await subjects({ issuedFrom: '2019-07-01', issuedTo: '2019-07-31' })).toEqual(['2/BDT']);
    expect(await subjects({ issuedFrom: '2018-03-01', issuedTo: '2018-03-31' })).toEqual(['1/BDT']);
  }, 60_000);

  it('SQLite: the sender and the text are one expression of the fields index, with the senders as tags', async () => {
    const { services } = await seeded();
    if (!(services.store instanceof SqliteStore)) return;
    const st = new Statements(services.store.db);
    const q = (org: string) =>
      prepare(st, { text: parseQuery('kinh phí'), organName: parseQuery(org), includeVoided: false, sort: 'date', limit: 20 });
    const prepared = q('Sở Tài chính tỉnh');
    expect(prepared.organTags).toEqual(['xosotaichinhtinhbinhdinh', 'xosotaichinhtinhquangngai']);
    // The index holds each tag as its one-character token (migration 0220).
    const token = (t: string) => st.get('SELECT token FROM search_tags WHERE tag = ?').pluck().get(t) as string;
    const tokens = prepared.organTags!.map(token);
    expect(tokens.every((t) => [...t].length === 1)).toBe(true);
    const sql = searchIncomingSql(prepared);
    expect(sql.probe.params[0]).toContain(`tags : ("${tokens[0]}" OR "${tokens[1]}")`);
    expect(sql.probe.params[0]).not.toContain('organ :');
    // "Sởtài chính Hà Nội" and "Sở Tài chính Hà Nội" share their letters: the filter meaning only
    // one of them cannot be a tag, and the words of the name answer it.
    expect(searchIncomingSql(q('Sở Tài chính Hà Nội')).probe.params[0]).toContain('organ :');
  });
});

import { describe, expect, it } from 'vitest';
import { ACTOR, doc, freshServices } from './helpers.js';
import type { Services } from '../../src/main/services.js';

async function seeded(): Promise<Services> {
  const { services } = await freshServices({ now: '2026-06-30T17:00:00+07:00' });
  const rows = [
    doc({
      organName: 'Sở Tài chính tỉnh Quảng Ngãi',
      symbol: '123/QĐ-UBND',
      subject: 'Về việc phân bổ dự toán ngân sách',
      arrivalDate: '2026-01-10T08:00',
      issuedDate: '2026-01-08',
    }),
    doc({
      organName: 'Đài Phát thanh và Truyền hình',
      symbol: '45/ĐPT-KT',
      typeName: 'Công văn',
      subject: 'Đề nghị hỗ trợ đường truyền',
      arrivalDate: '2026-02-11T09:00',
      issuedDate: '2026-02-01',
      urgency: 'urgent',
    }),
    doc({
      organName: 'Bộ Nội vụ',
      symbol: '1234/QĐ-BNV',
      subject: 'Quy định về công tác văn thư',
      arrivalDate: '2026-03-12T10:00',
      issuedDate: '2026-03-01',
      signerName: 'Nguyễn Văn Đông',
    }),
    doc({
      organName: 'Công an tỉnh',
      symbol: '77/KH-CAT',
      typeName: 'Kế hoạch',
      subject: 'Kế hoạch bảo đảm an ninh trật tự dịp Tết',
      arrivalDate: '2026-04-13T11:00',
      issuedDate: '2026-04-02',
      secrecy: 'confidential',
    }),
    doc({
      organName: 'Sở Tài chính tỉnh Quảng Ngãi',
      symbol: '9/STC-NS',
      typeName: 'Công văn',
      subject: 'Về việc quyết toán ngân sách xã',
      arrivalDate: '2026-05-14T12:00',
      issuedDate: '2026-05-03',
      description: 'Khẩn trương phối hợp',
    }),
  ];
  for (const r of rows) await services.incoming.add(r, ACTOR);
  return services;
}

const symbols = async (s: Services, p: Parameters<Services['search']['search']>[0]) =>
  (await s.search.search(p)).items.map((r) => r.symbol);

describe('search', () => {
  it('ignores case and Vietnamese diacritics, including Đ/đ', async () => {
    const s = await seeded();
    expect(await symbols(s, { query: 'so tai chinh quang ngai', sort: 'date' })).toEqual(['9/STC-NS', '123/QĐ-UBND']);
    expect(await symbols(s, { query: 'DAI PHAT THANH' })).toEqual(['45/ĐPT-KT']);
    expect(await symbols(s, { query: 'duong truyen' })).toEqual(['45/ĐPT-KT']);
    expect(await symbols(s, { query: 'nguyen van dong' })).toEqual(['1234/QĐ-BNV']);
    expect(await symbols(s, { query: 'Đông' })).toEqual(['1234/QĐ-BNV']);
  });

  it('finds symbol fragments as substrings', async () => {
    const s = await seeded();
    expect(await symbols(s, { query: '123/QĐ' })).toEqual(['123/QĐ-UBND']);
    expect(await symbols(s, { query: '123', sort: 'date' })).toEqual(['1234/QĐ-BNV', '123/QĐ-UBND']);
    expect(await symbols(s, { query: 'qd-ubnd' })).toEqual(['123/QĐ-UBND']);
    expect(await symbols(s, { query: 'STC-NS' })).toEqual(['9/STC-NS']);
    expect(await symbols(s, { query: '34/qđ-bn' })).toEqual(['1234/QĐ-BNV']);
  });

  it('needs all words; a quoted phrase keeps its order; the last word may be unfinished', async () => {
    const s = await seeded();
    expect(await symbols(s, { query: 'ngân sách quyết toán' })).toEqual(['9/STC-NS']);
    expect(await symbols(s, { query: '"ngân sách xã"' })).toEqual(['9/STC-NS']);
    expect(await symbols(s, { query: '"xã ngân sách"' })).toEqual([]);
    expect(await symbols(s, { query: 'phân bổ dự to' })).toEqual(['123/QĐ-UBND']);
    expect(await symbols(s, { query: 'phân bổ dự to ' })).toEqual([]);
  });

  it('treats anything typed as text and never fails', async () => {
    const s = await seeded();
    // No word in it: every document (as with an empty box); words: only documents that have them (none here).
    const expected: [string, number][] = [
      ['"', 5],
      ['***', 5],
      ['a:b', 0],
      ['AND', 0],
      ['NOT OR', 0],
      ['- -', 5],
      ["'; DROP TABLE incoming_documents; --", 0],
      ['NEAR(a b)', 0],
      ['{subject}:x', 0],
      ['^', 5],
      ['""""', 5],
      ['\\', 5],
      ['(((', 5],
      ['tags : xstvoided', 0],
      ['%_%', 5],
    ];
    for (const [q, total] of expected) {
      const r = await s.search.search({ query: q });
      expect(r.total, q).toBe(total);
      expect(r.items).toHaveLength(total);
    }
    expect((await s.search.search({ query: 'tags : xstregistered' })).total).toBe(0);
    expect((await s.incoming.list({})).items.length).toBe(5);
  });

  it('filters by dates, type, sender, urgency, secrecy, register and status', async () => {
    const s = await seeded();
    expect(await symbols(s, { from: '2026-02-11', to: '2026-04-13', sort: 'date' })).toEqual(['77/KH-CAT', '1234/QĐ-BNV', '45/ĐPT-KT']);
    expect(await symbols(s, { query: 'ngân sách', issuedFrom: '2026-05-01' })).toEqual(['9/STC-NS']);
    expect(await symbols(s, { query: 'ngân sách', type: 'Công văn' })).toEqual(['9/STC-NS']);
    expect(await symbols(s, { type: 'cong van', sort: 'date' })).toEqual(['9/STC-NS', '45/ĐPT-KT']);
    expect(await symbols(s, { org: 'tai chinh', sort: 'date' })).toEqual(['9/STC-NS', '123/QĐ-UBND']);
    expect(await symbols(s, { urgency: 'urgent' })).toEqual(['45/ĐPT-KT']);
    expect(await symbols(s, { secrecy: 'confidential' })).toEqual(['77/KH-CAT']);
    expect(await symbols(s, { register: 'DEN-MAT' })).toEqual(['77/KH-CAT']);
    expect(await symbols(s, { query: 'an ninh', register: 'DEN' })).toEqual([]);
  });

  it('hides voided documents unless asked', async () => {
    const s = await seeded();
    const target = (await s.search.search({ query: 'quy định văn thư' })).items[0]!;
    await s.incoming.void(target.id, 'trùng', ACTOR);
    expect((await s.search.search({ query: 'van thu' })).total).toBe(0);
    expect((await s.search.search({ query: 'van thu', includeVoided: true })).total).toBe(1);
    expect(await symbols(s, { status: 'voided' })).toEqual(['1234/QĐ-BNV']);
    expect((await s.search.search({})).total).toBe(4);
  });

  it('pages with a cursor through every hit once, with an exact total', async () => {
    const s = await seeded();
    for (const sort of ['date', 'relevance'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<Services['search']['search']>> = await s.search.search({ query: 'tinh', sort, limit: 1, cursor });
        expect(page.total).toBe(3);
        seen.push(...page.items.map((r) => r.symbol!));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(new Set(seen).size).toBe(3);
      expect(seen.length).toBe(3);
    }
    await expect(s.search.search({ query: 'tinh', cursor: 'garbage' })).rejects.toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('ranks the newest candidates by tier, then pages on through every other hit by date', async () => {
    const s = await seeded();
    const { parseQuery } = await import('../../src/main/search/parseQuery.js');
    const run = (after?: { key: number; rank?: number }) =>
      s.store.read((r) =>
        r.incoming.search({ text: parseQuery('ngân sách'), includeVoided: false, sort: 'relevance', limit: 1, after, candidateLimit: 1 }),
      );
    const first = await run();
    expect(first.total).toBe(2);
    const second = await run(first.last);
    expect(second.items).toHaveLength(1);
    expect(new Set([first.items[0]!.symbol, second.items[0]!.symbol])).toEqual(new Set(['9/STC-NS', '123/QĐ-UBND']));
    expect((await run(second.last)).items).toEqual([]);
  });

  it('puts the exact phrase in the subject first with relevance sort', async () => {
    const s = await seeded();
    await s.incoming.add(
      doc({ symbol: 'X/1', subject: 'Ngân sách và dự toán', arrivalDate: '2026-06-01T08:00', issuedDate: '2026-05-30' }),
      ACTOR,
    );
    await s.incoming.add(
      doc({ symbol: 'X/2', subject: 'Về dự toán', description: 'ngân sách', arrivalDate: '2026-06-02T08:00', issuedDate: '2026-05-30' }),
      ACTOR,
    );
    const r = await s.search.search({ query: 'dự toán ngân sách', sort: 'relevance' });
    expect(r.items.map((x) => x.symbol)).toEqual(['123/QĐ-UBND', 'X/1', 'X/2']);
  });

  it('ranks the subject above the sender above a passing mention with relevance sort, newest first on ties', async () => {
    const s = await seeded();
    // Newer than both seeded "ngân sách" documents, but matching outside the subject.
    await s.incoming.add(
      doc({
        organName: 'Ban Kinh tế - Ngân sách HĐND tỉnh',
        symbol: '31/BC-KTNS',
        typeName: 'Báo cáo',
        subject: 'Báo cáo thẩm tra kết quả giám sát',
        arrivalDate: '2026-06-10T08:00',
        issuedDate: '2026-06-05',
      }),
      ACTOR,
    );
    await s.incoming.add(
      doc({
        organName: 'Sở Giáo dục và Đào tạo',
        symbol: '88/SGDĐT-KHTC',
        typeName: 'Công văn',
        subject: 'Về việc mua sắm thiết bị dạy học',
        description: 'Nguồn ngân sách sự nghiệp giáo dục',
        arrivalDate: '2026-06-20T08:00',
        issuedDate: '2026-06-15',
      }),
      ACTOR,
    );
    const byRelevance = await s.search.search({ query: 'ngân sách', sort: 'relevance' });
    expect(byRelevance.total).toBe(4);
    // Phrase in the subject (newer first), then the sender, then the description only.
    expect(byRelevance.items.map((x) => x.symbol)).toEqual(['9/STC-NS', '123/QĐ-UBND', '31/BC-KTNS', '88/SGDĐT-KHTC']);
    const byDate = await s.search.search({ query: 'ngân sách', sort: 'date' });
    expect(byDate.items.map((x) => x.symbol)).toEqual(['88/SGDĐT-KHTC', '31/BC-KTNS', '9/STC-NS', '123/QĐ-UBND']);
    // Paging by relevance one at a time gives the same order.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Services['search']['search']>> = await s.search.search({
        query: 'ngân sách',
        sort: 'relevance',
        limit: 1,
        cursor,
      });
      paged.push(...page.items.map((x) => x.symbol!));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 10);
    expect(paged).toEqual(byRelevance.items.map((x) => x.symbol));
  });

  it('refuses bad filters with a code and the field', async () => {
    const s = await seeded();
    await expect(s.search.search({ from: '2026-02-30' })).rejects.toMatchObject({ error: { code: 'invalid_date', field: 'from' } });
    await expect(s.search.search({ urgency: 'soon' })).rejects.toMatchObject({ error: { code: 'invalid_enum', field: 'urgency' } });
    await expect(s.search.search({ type: 'Luật' })).rejects.toMatchObject({ error: { code: 'unknown_type' } });
    await expect(s.search.search({ register: 'XYZ' })).rejects.toMatchObject({ error: { code: 'unknown_register' } });
    await expect(s.search.search({ limit: 0 })).rejects.toMatchObject({ error: { code: 'invalid_number', field: 'limit' } });
  });

  it('keeps the index in step with corrections', async () => {
    const s = await seeded();
    const r = (await s.search.search({ query: 'đường truyền' })).items[0]!;
    await s.incoming.update(r.id, { subject: 'Đề nghị cấp máy phát điện' }, ACTOR);
    expect((await s.search.search({ query: 'duong truyen' })).total).toBe(0);
    expect(await symbols(s, { query: 'may phat dien' })).toEqual(['45/ĐPT-KT']);
    expect((await s.check()).integrity.ok).toBe(true);
  });

  it('expands a long unfinished word to the words it stands for, also after a refused write', async () => {
    const s = await seeded();
    expect(await symbols(s, { query: 'Truyề' })).toEqual(['45/ĐPT-KT']);
    expect(await symbols(s, { query: 'quyết toá' })).toEqual(['9/STC-NS']);
    // A refused document's words are not remembered; the next document with them is found.
    await expect(s.incoming.add(doc({ subject: 'Chống sạt lở bờ biển', issuedDate: '2026-13-01' }), ACTOR)).rejects.toThrow();
    await expect(
      s.incoming.add(
        doc({ subject: 'Chống sạt lở bờ biển', symbol: '123/QĐ-UBND', arrivalDate: '2026-01-10T08:00', issuedDate: '2026-01-08' }),
        ACTOR,
      ),
    ).rejects.toMatchObject({ error: { code: 'duplicate' } });
    await s.incoming.add(doc({ symbol: 'SL/1', subject: 'Chống sạt lở bờ biển' }), ACTOR);
    expect(await symbols(s, { query: 'sat lo bo bie' })).toEqual(['SL/1']);
    expect(await symbols(s, { query: 'bờ biể' })).toEqual(['SL/1']);
  });

  it('counts up to the cap on a page, says when there are more, and counts exactly on request', async () => {
    const s = await seeded();
    const { parseQuery } = await import('../../src/main/search/parseQuery.js');
    const page = (text: string, countCap: number, sort: 'relevance' | 'date' = 'relevance', after?: { key: number; rank?: number }) =>
      s.store.read((r) => r.incoming.search({ text: parseQuery(text), includeVoided: false, sort, limit: 2, countCap, after }));
    const count = (text: string) =>
      s.store.read((r) => r.incoming.searchCount({ text: parseQuery(text), includeVoided: false, sort: 'date', limit: 1 }));
    // "tỉnh" is in 3 of the 5 documents ("Sở Tài chính tỉnh …" twice, "Công an tỉnh").
    expect(await count('tinh')).toBe(3);
    for (const sort of ['relevance', 'date'] as const) {
      const capped = await page('tinh', 2, sort);
      expect({ total: capped.total, totalCapped: capped.totalCapped }).toEqual({ total: 2, totalCapped: true });
      // The page itself is whole, and so is the next one: only the count stops at the cap.
      expect(capped.items).toHaveLength(2);
      const next = await page('tinh', 2, sort, capped.last);
      expect(next.items).toHaveLength(1);
      expect({ total: next.total, totalCapped: next.totalCapped }).toEqual({ total: 2, totalCapped: true });
      expect(await page('tinh', 3, sort)).toMatchObject({ total: 3, totalCapped: false });
    }
    expect(await page('khong co dau', 2)).toMatchObject({ total: 0, totalCapped: false, items: [] });
    expect(await count('khong co dau')).toBe(0);
    // Through the service: exact below 10,000; the count call takes the same question.
    expect(await s.search.search({ query: 'ngân sách' })).toMatchObject({ total: 2, totalCapped: false });
    expect(await s.search.count({ query: 'ngân sách', sort: 'date', limit: 1 })).toEqual({ total: 2 });
    expect(await s.search.count({ register: 'DEN' })).toEqual({ total: 4 });
    await expect(s.search.count({ type: 'Không có' })).rejects.toMatchObject({ error: { code: 'unknown_type' } });
  });

  it('suggests senders from history for autocomplete', async () => {
    const s = await seeded();
    expect(await s.incoming.organNames('so tai')).toEqual(['Sở Tài chính tỉnh Quảng Ngãi']);
    expect(await s.incoming.organNames('Đài')).toEqual(['Đài Phát thanh và Truyền hình']);
  });
});

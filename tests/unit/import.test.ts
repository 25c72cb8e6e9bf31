import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importIncomingFile } from '../../src/main/incoming/import/importService.js';
import { freshServices, tempDir } from './helpers.js';

const opts = { skipInvalid: false, actor: 'nhập liệu' };

function file(name: string, text: string): string {
  const p = path.join(tempDir(), name);
  writeFileSync(p, text);
  return p;
}

const VN_CSV = [
  '\uFEFFNgày đến,Số đến,Tác giả,"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung,Đơn vị hoặc người nhận,Ngày chuyển,Ký nhận,Ghi chú',
  '05/01/2026,1,Sở Tài chính,12/QĐ-STC,02/01/2026,Quyết định về việc phân bổ ngân sách,Phòng Kinh tế,,,',
  '06/01/2026,2,Bộ Nội vụ,34/BNV-VP,03/01/2026,"Công văn hướng dẫn công tác văn thư, lưu trữ",Văn phòng,,,"Ghi chú, có dấu phẩy"',
  '07/01/2026,5,Công an tỉnh,56/KH-CAT,04/01/2026,Kế hoạch bảo đảm an ninh,Phòng Nội chính,,,',
].join('\r\n');

describe('bulk import', () => {
  it('reads the Vietnamese Appendix IV headings and keeps historic numbers', async () => {
    const { services } = await freshServices();
    const r = await importIncomingFile(services, file('so-den.csv', VN_CSV), opts);
    expect(r).toEqual({ imported: 3, rejected: [] });
    const items = (await services.incoming.list({ register: 'DEN', year: 2026 })).items;
    expect(items.map((d) => [d.arrivalNumber, d.typeName, d.symbol])).toEqual([
      [5, 'Kế hoạch', '56/KH-CAT'],
      [2, 'Công văn', '34/BNV-VP'],
      [1, 'Quyết định', '12/QĐ-STC'],
    ]);
    expect(items[1]).toMatchObject({
      subject: 'hướng dẫn công tác văn thư, lưu trữ',
      description: 'Ghi chú, có dấu phẩy',
      arrivalDate: '2026-01-06T00:00:00+07:00',
    });
    // Numbers after the highest historic one: 3 and 4 are never handed out later.
    expect(await services.incoming.nextNumber({ arrivalDate: '2026-01-08' })).toMatchObject({ arrivalNumber: 6 });
  });

  it('is all-or-nothing by default and lists every bad row with line, field and code', async () => {
    const { services } = await freshServices();
    const jsonl = [
      JSON.stringify({
        organName: 'Sở A',
        issuedDate: '2026-01-02',
        typeName: 'Công văn',
        subject: 'Một',
        arrivalDate: '2026-01-05T08:00',
      }),
      JSON.stringify({
        organName: 'Sở B',
        issuedDate: '2026-02-30',
        typeName: 'Công văn',
        subject: 'Hai',
        arrivalDate: '2026-01-05T08:00',
      }),
      '{not json',
      '',
      JSON.stringify({ organName: 'Sở C', issuedDate: '2026-01-02', typeName: 'Luật', subject: '', arrivalDate: '2026-01-05T08:00' }),
    ].join('\n');
    const f = file('so.jsonl', jsonl);
    const err = await importIncomingFile(services, f, opts).catch((e: unknown) => e);
    expect(err).toMatchObject({ error: { code: 'import_failed' } });
    const result = (err as { result: { imported: number; rejected: unknown[] } }).result;
    expect(result.imported).toBe(0);
    expect(result.rejected).toEqual([
      expect.objectContaining({ line: 2, field: 'issuedDate', code: 'invalid_date' }),
      expect.objectContaining({ line: 3, code: 'invalid_row' }),
      expect.objectContaining({ line: 5, field: 'typeName', code: 'unknown_type' }),
      expect.objectContaining({ line: 5, field: 'subject', code: 'required' }),
    ]);
    expect((await services.incoming.list({})).items).toEqual([]);
    expect(await services.incoming.nextNumber({ arrivalDate: '2026-01-05' })).toMatchObject({ arrivalNumber: 1 });

    const skipped = await importIncomingFile(services, f, { ...opts, skipInvalid: true });
    expect(skipped.imported).toBe(1);
    expect(skipped.rejected).toHaveLength(4);
  });

  it('forgets the words of a rolled-back import, so later documents with them are still found by prefix', async () => {
    const { services } = await freshServices();
    const good = JSON.stringify({
      organName: 'Sở A',
      issuedDate: '2026-01-02',
      typeName: 'Công văn',
      subject: 'Kiểm tra nhà nghiêng',
      arrivalDate: '2026-01-05',
    });
    const bad = JSON.stringify({
      organName: 'Sở B',
      issuedDate: '2026-02-30',
      typeName: 'Công văn',
      subject: 'x',
      arrivalDate: '2026-01-05',
    });
    await expect(importIncomingFile(services, file('r.jsonl', `${good}\n${bad}`), opts)).rejects.toMatchObject({
      error: { code: 'import_failed' },
    });
    const later = await services.incoming.add(
      { organName: 'Sở C', issuedDate: '2026-01-02', typeName: 'Công văn', subject: 'Nhà nghiêng bờ sông', arrivalDate: '2026-01-06' },
      { actor: 'x' },
    );
    expect((await services.search.search({ query: 'nhà nghiê' })).items.map((d) => d.id)).toEqual([later.id]);
  });

  it('refuses a historic number already taken in its register and year, and duplicates within the file', async () => {
    const { services } = await freshServices();
    const row = (n: number, symbol: string) =>
      JSON.stringify({
        organName: 'Sở A',
        symbol,
        issuedDate: '2026-01-02',
        typeName: 'Công văn',
        subject: 'x',
        arrivalDate: '2026-01-05',
        arrivalNumber: n,
      });
    const r = await importIncomingFile(services, file('a.jsonl', [row(1, '1/A'), row(1, '2/A'), row(2, '1/A')].join('\n')), {
      ...opts,
      skipInvalid: true,
    });
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [2, 'number_taken'],
      [3, 'duplicate'],
    ]);
  });

  it('refuses unknown column headings before reading any row', async () => {
    const { services } = await freshServices();
    const err = await importIncomingFile(services, file('x.csv', 'organName,colour\nSở A,đỏ\n'), opts).catch((e: unknown) => e);
    expect((err as { result: { rejected: unknown[] } }).result.rejected).toEqual([
      expect.objectContaining({ line: 1, field: 'colour', code: 'unknown_column' }),
    ]);
  });

  it('audits the import once, and each imported document shows its file and line in its history', async () => {
    const { services } = await freshServices();
    const bad = VN_CSV.replace('06/01/2026,2,Bộ Nội vụ', '06/01/2026,2,'); // line 3 loses its sender
    const r = await importIncomingFile(services, file('so-den.csv', bad), { ...opts, skipInvalid: true });
    expect(r).toMatchObject({ imported: 2, rejected: [{ line: 3, field: 'organName', code: 'required' }] });
    const items = (await services.incoming.list({ register: 'DEN', year: 2026 })).items;
    const [first, second] = [items.at(-1)!, items.at(-2)!];
    const trail = await services.incoming.auditTrail(first.id);
    expect(trail[0]).toMatchObject({
      action: 'create',
      actor: 'nhập liệu',
      data: { new: { register: 'DEN', year: 2026, arrivalNumber: 1 }, source: { file: 'so-den.csv', line: 2 } },
    });
    expect((await services.incoming.auditTrail(second.id))[0]).toMatchObject({
      action: 'create',
      data: { new: { arrivalNumber: 5 }, source: { line: 4 } },
    });
    // One hash-chained entry for the file (it names each document's line), not one per document.
    const chain = await services.store.read((repos) => repos.audit.scan(0, 100));
    expect(chain.filter((e) => e.entity === 'incoming').map((e) => e.action)).toEqual(['import']);
    expect(JSON.parse(chain.find((e) => e.action === 'import')!.data)).toMatchObject({
      imported: 2,
      rejected: 1,
      rows: [
        [first.id, 2, 1],
        [second.id, 4, 1],
      ],
    });
    // A later correction comes after the creation in the document's history.
    await services.incoming.update(first.id, { subject: 'Về việc phân bổ ngân sách năm 2026' }, { actor: 'văn thư A' });
    expect((await services.incoming.auditTrail(first.id)).map((e) => e.action)).toEqual(['create', 'update']);
    expect((await services.check()).ok).toBe(true);
    // The imported file is kept by its hash as the evidence behind that entry.
    const sha = (trail[0]!.data as { source: { sha256: string } }).source.sha256;
    expect((await services.files.read(sha)).toString('utf8')).toContain('Sở Tài chính,12/QĐ-STC');
    expect((await services.check()).ok).toBe(true);
  });

  it('makes imported documents searchable and suggests their senders', async () => {
    const { services } = await freshServices();
    await importIncomingFile(services, file('so-den.csv', VN_CSV), opts);
    expect((await services.search.search({ query: 'van thu luu tru' })).items.map((d) => d.symbol)).toEqual(['34/BNV-VP']);
    expect((await services.search.search({ query: 'KH-CAT' })).total).toBe(1);
    expect(await services.incoming.organNames('bo noi')).toEqual(['Bộ Nội vụ']);
    const later = await services.incoming.add(
      {
        organName: 'Sở Xây dựng',
        issuedDate: '2026-02-01',
        typeName: 'Công văn',
        subject: 'Về quy hoạch',
        arrivalDate: '2026-02-02T08:00',
      },
      { actor: 'x' },
    );
    expect((await services.search.search({ query: 'quy hoach' })).items.map((d) => d.id)).toEqual([later.id]);
    expect((await services.check()).integrity.ok).toBe(true);
  });
});

describe('reading JSON Lines', () => {
  it('numbers lines as they end (\\n, \\r\\n or a lone \\r), also where an end or a letter straddles a 1 MiB read', async () => {
    const { readJsonLines } = await import('../../src/main/incoming/import/readRows.js');
    const MiB = 1 << 20;
    let text = '\uFEFF{"a":1}\r\n\n{"b":"ắ"}\rkhông phải JSON\r\n[1]\n';
    // A line whose \r\n is split between the first and the second read.
    const padTo = (bytes: number) => '{"s":"' + 'x'.repeat(bytes - Buffer.byteLength(text) - 8) + '"}';
    text += padTo(MiB - 1) + '\r\n';
    expect(Buffer.byteLength(text)).toBe(MiB + 1);
    // A line whose three-byte letter is split between the second and the third read.
    const before = 2 * MiB - 1 - Buffer.byteLength(text) - 6;
    text += '{"t":"' + 'y'.repeat(before) + 'ệ"}\n{"last":true}';
    expect(
      Buffer.from(text)
        .subarray(2 * MiB - 1, 2 * MiB + 2)
        .toString(),
    ).toBe('ệ');
    const f = file('lines.jsonl', text);
    const rows: { line: number; keys: string[]; error?: string }[] = [];
    for await (const r of readJsonLines(f))
      rows.push({ line: r.line, keys: Object.keys(r.values), ...(r.parseError ? { error: r.parseError } : {}) });
    expect(rows).toEqual([
      { line: 1, keys: ['a'] },
      { line: 3, keys: ['b'] },
      { line: 4, keys: [], error: 'JSON không hợp lệ' },
      { line: 5, keys: [], error: 'không phải đối tượng JSON' },
      { line: 6, keys: ['s'] },
      { line: 7, keys: ['t'] },
      { line: 8, keys: ['last'] },
    ]);
  });
});

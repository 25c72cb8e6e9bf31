/**
 * Big imports read and check their rows in a worker thread while the main thread writes:
 * the answers must be exactly those of reading in one thread — every bad row with its line,
 * field and code, in file order — and cancelling must still leave nothing behind.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonl } from '../../bench/generate.js';
import { packBatch, unpackBatch } from '../../src/main/incoming/import/batchCodec.js';
import { checkRows, type CheckedBatch } from '../../src/main/incoming/import/checkRows.js';
import { importIncomingFile } from '../../src/main/incoming/import/importService.js';
import type { Services } from '../../src/main/services.js';
import { freshServices, tempDir } from './helpers.js';

/** 2,500 generated documents with bad lines of every kind the reader and the writer refuse. */
function mixedFile(): string {
  const p = path.join(tempDir(), 'mixed.jsonl');
  writeJsonl(p, 2500, { seed: 11, fromDate: '2025-01-01', toDate: '2026-03-01' });
  const lines = readFileSync(p, 'utf8').trimEnd().split('\n');
  lines[10] = '{"organName": broken json';
  lines[700] = JSON.stringify({ ...JSON.parse(lines[700]!), issuedDate: '31/02/2025' });
  lines[1500] = lines[1200]!; // the same document twice: refused by the writer as a duplicate
  lines[2100] = JSON.stringify({ ...JSON.parse(lines[2100]!), organName: '', urgency: 'soon' });
  lines.splice(1800, 0, ''); // a blank line is skipped but still counted in line numbers
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

const docsOf = async (s: Services) => (await s.incoming.list({ limit: 1000 })).items.map((d) => [d.register, d.arrivalNumber, d.symbol]);

describe('import in a worker thread', () => {
  it('gives the same documents and the same refusals as reading in one thread', async () => {
    const f = mixedFile();
    const results = [];
    for (const readMode of ['worker', 'inline'] as const) {
      const { services } = await freshServices({ now: '2026-03-10T09:00:00+07:00' });
      const failed = await importIncomingFile(services, f, { skipInvalid: false, actor: 'test', readMode }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ error: { code: 'import_failed' } });
      expect(await services.store.read((r) => r.incoming.count())).toBe(0);
      const r = await importIncomingFile(services, f, { skipInvalid: true, actor: 'test', readMode });
      results.push({ r, docs: await docsOf(services), rejectedBefore: (failed as { details?: unknown }).details });
    }
    const [worker, inline] = results;
    expect(worker!.r.imported).toBe(2500 - 4);
    expect(worker!.r.rejected.map((x) => [x.line, x.field ?? null, x.code])).toEqual([
      [11, null, 'invalid_row'],
      [701, 'issuedDate', 'invalid_date'],
      [1501, 'symbol', 'duplicate'],
      [2102, 'organName', 'required'],
      [2102, 'urgency', 'invalid_enum'],
    ]);
    expect(worker).toEqual(inline);
  });

  it('hands every field of every row across the threads unchanged', async () => {
    // Every field set (and every optional one left out on the next row): a field the
    // batch encoding dropped or swapped would come out different here.
    const p = path.join(tempDir(), 'fields.jsonl');
    const full = {
      organName: 'Sở Tài chính tỉnh Quảng Ngãi',
      symbol: '123/QĐ-STC',
      issuedDate: '2026-01-05',
      typeName: 'Quyết định',
      subject: 'Về việc phân bổ ngân sách Đợt 2',
      arrivalDate: '2026-01-06T08:15:00+07:00',
      signerName: 'Nguyễn Văn Đức',
      signerPosition: 'Giám đốc',
      pageAmount: 7,
      urgency: 'urgent',
      secrecy: 'confidential',
      channel: 'electronic',
      toPlaces: 'Như trên',
      dueDate: '2026-01-20',
      description: 'Bản sao y',
      arrivalNumber: 42,
      register: 'DEN',
    };
    const bare = { organName: 'Công an tỉnh', issuedDate: '2026-01-02', typeName: 'Công văn', subject: 'Về việc trực Tết' };
    writeFileSync(p, [full, bare, { ...full, symbol: '7/UBND-KT', arrivalNumber: 43 }].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const batches: CheckedBatch[] = [];
    const it = checkRows({ file: p, format: 'jsonl', now: Date.parse('2026-03-10T09:00:00+07:00'), batchSize: 2 });
    for (let n = await it.next(); !n.done; n = await it.next()) batches.push(n.value);
    expect(batches.map((b) => b.rows.length)).toEqual([2, 1]);
    expect(batches[0]!.rows[0]).toMatchObject({ ...full, register: 'DEN', codeNumber: '123', codeNotation: 'QĐ-STC' });
    for (const b of batches) expect(unpackBatch(structuredClone(packBatch(b)))).toEqual(b);
    // Read for the office database, each row carries its search vector (and no word list) across.
    const forPg: CheckedBatch[] = [];
    const pg = checkRows({ file: p, format: 'jsonl', now: Date.parse('2026-03-10T09:00:00+07:00'), batchSize: 2, searchText: 'pgVector' });
    for (let n = await pg.next(); !n.done; n = await pg.next()) forPg.push(n.value);
    expect(forPg[0]!.texts[0]!.vector).toMatch(/'phan':\d+A/);
    expect(forPg[0]!.texts.map((t) => t.words)).toEqual([[], []]);
    for (const b of forPg) expect(unpackBatch(structuredClone(packBatch(b)))).toEqual(b);
  });

  it('stops when cancelled and writes nothing', async () => {
    const { services } = await freshServices({ now: '2026-03-10T09:00:00+07:00' });
    const p = path.join(tempDir(), 'big.jsonl');
    writeJsonl(p, 6000, { seed: 3, fromDate: '2025-01-01', toDate: '2026-03-01' });
    const abort = new AbortController();
    const seen: number[] = [];
    const run = importIncomingFile(services, p, {
      skipInvalid: false,
      actor: 'test',
      readMode: 'worker',
      signal: abort.signal,
      onRows: (n) => (seen.push(n), n >= 2000 && abort.abort()),
    });
    await expect(run).rejects.toMatchObject({ error: { code: 'cancelled' } });
    expect(seen[0]).toBe(1000);
    expect(await services.store.read((r) => r.incoming.count())).toBe(0);
    expect(await services.store.read((r) => r.audit.scan(0, 10))).toHaveLength(1); // the init entry only
    // The same file imports in full afterwards.
    expect(await importIncomingFile(services, p, { skipInvalid: false, actor: 'test', readMode: 'worker' })).toMatchObject({
      imported: 6000,
      rejected: [],
    });
  });
});

/**
 * Big imports read and check their rows in a worker thread while the main thread writes:
 * the answers must be exactly those of reading in one thread — every bad row with its line,
 * field and code, in file order — and cancelling must still leave nothing behind.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonl } from '../../bench/generate.js';
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

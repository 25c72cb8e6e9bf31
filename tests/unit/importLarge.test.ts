/**
 * A large import finds every duplicate: against documents already registered and within
 * the file itself, also past the point where the PostgreSQL store stops asking the
 * database row by row (its prefilter). Runs on both stores.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importIncomingFile } from '../../src/main/incoming/import/importService.js';
import { ACTOR, doc, freshServices, tempDir } from './helpers.js';

describe('a large import', () => {
  it('rejects duplicates of registered documents and of earlier rows, anywhere in 2,500 rows', async () => {
    const { services } = await freshServices();
    await services.incoming.add(doc({ symbol: '77/EXIST' }), ACTOR);
    const row = (i: number, symbol: string) =>
      JSON.stringify({ ...doc({ symbol, subject: `Về việc thứ ${i}` }), arrivalDate: '2026-03-05T08:30:00+07:00' });
    const lines: string[] = [];
    for (let i = 1; i <= 2500; i++) lines.push(row(i, `${i}/BIG`));
    lines[1799] = row(1800, '77/EXIST'); // an existing document, late in the file
    lines[2199] = row(2200, '1500/BIG'); // an earlier row of the same file
    lines[2299] = row(2300, '2250/BIG'); // a row just before it
    const f = path.join(tempDir(), 'big.jsonl');
    writeFileSync(f, lines.join('\n'));
    const r = await importIncomingFile(services, f, { skipInvalid: true, actor: 'test' });
    expect(r.imported).toBe(2497);
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [1800, 'duplicate'],
      [2200, 'duplicate'],
      [2300, 'duplicate'],
    ]);
    expect((await services.check()).ok).toBe(true);
    const next = await services.incoming.add(doc({ symbol: 'after/BIG' }), ACTOR);
    expect(next.arrivalNumber).toBe(2499);
  });

  it('rejects a duplicate of a row written batches earlier, into a database that held no document', async () => {
    // PostgreSQL writes 4,000 rows a batch: rows 10 and 2,000 are in the database (not pending) when rows
    // 4,500 and 4,501 come (the store's prefilter starts after 1,000 rows: one from before it, one after).
    const { services } = await freshServices();
    const row = (i: number, symbol: string) =>
      JSON.stringify({ ...doc({ symbol, subject: `Về việc thứ ${i}` }), arrivalDate: '2026-03-05T08:30:00+07:00' });
    const lines: string[] = [];
    for (let i = 1; i <= 4600; i++) lines.push(row(i, `${i}/ONE`));
    lines[4499] = row(4500, '10/ONE');
    lines[4500] = row(4501, '2000/ONE');
    const f = path.join(tempDir(), 'one.jsonl');
    writeFileSync(f, lines.join('\n'));
    const r = await importIncomingFile(services, f, { skipInvalid: true, actor: 'test' });
    expect(r.imported).toBe(4598);
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [4500, 'duplicate'],
      [4501, 'duplicate'],
    ]);
  });

  it('gives every document its own place in arrival order, in order or not, sharing a second with another or not', async () => {
    const { services } = await freshServices();
    const at = (s: string) => `2026-03-05T08:30:${s}+07:00`;
    const file = (name: string, rows: [string, string][]) => {
      const f = path.join(tempDir(), name);
      writeFileSync(f, rows.map(([symbol, t]) => JSON.stringify({ ...doc({ symbol }), arrivalDate: at(t) })).join('\n'));
      return f;
    };
    // Into the empty table: mostly later seconds (no lookup), then a second already used and an earlier one.
    const first: [string, string][] = [
      ['1/A', '01'],
      ['2/A', '03'],
      ['3/A', '03'],
      ['4/A', '05'],
      ['5/A', '02'],
      ['6/A', '05'],
      ['7/A', '06'],
    ];
    expect((await importIncomingFile(services, file('a.jsonl', first), { skipInvalid: false, actor: 'test' })).imported).toBe(7);
    // Into a table that has them: the same seconds again, and later ones.
    const second: [string, string][] = [
      ['1/B', '03'],
      ['2/B', '07'],
      ['3/B', '06'],
      ['4/B', '07'],
      ['5/B', '08'],
    ];
    expect((await importIncomingFile(services, file('b.jsonl', second), { skipInvalid: false, actor: 'test' })).imported).toBe(5);
    const page = await services.incoming.list({ limit: 50 });
    // Newest first; within a second, the document registered last first.
    expect(page.items.map((d) => d.symbol)).toEqual(['5/B', '4/B', '2/B', '3/B', '7/A', '6/A', '4/A', '1/B', '3/A', '2/A', '5/A', '1/A']);
    expect((await services.check()).ok).toBe(true);
  });
});

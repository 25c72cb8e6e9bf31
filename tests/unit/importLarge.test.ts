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
});

/**
 * A bulk import on the office database sends each batch of rows without waiting for the
 * server's answer (the next batch is prepared meanwhile: db/postgres/query.ts `later`). A batch
 * the server refuses must still stop the import with that batch's own error — not "current
 * transaction is aborted" from a later statement, and never a silent COMMIT — and leave nothing
 * behind. Runs in the `postgres` project.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock, tempDir } from '../helpers.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

let url = '';
let services: Services | null = null;

d('an import’s batches on the office database', () => {
  afterAll(async () => {
    await services?.close();
    if (url) await dropPgDatabase(url);
  });

  it('a batch refused by the server stops the import with its own error and writes nothing', async () => {
    url = await newPgDatabase();
    services = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-11-20T10:00:00+07:00') });
    await services.init({ actor: 'test', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
    // A server-side rule the application does not know (what a constraint added by an
    // administrator, or a full disk, would do): it refuses one row of the third batch.
    await pgQuery(
      url,
      `CREATE FUNCTION t_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'máy chủ từ chối dòng %', NEW.subject USING ERRCODE = 'check_violation'; END $$;
       CREATE TRIGGER t_refuse BEFORE INSERT ON incoming_documents FOR EACH ROW
       WHEN (NEW.subject = 'Dòng bị từ chối') EXECUTE FUNCTION t_refuse();`,
    );
    const lines: string[] = [];
    for (let i = 1; i <= 11_000; i++) {
      const subject = i === 9_500 ? 'Dòng bị từ chối' : `Về việc thứ ${i}`;
      lines.push(JSON.stringify({ ...doc({ symbol: `${i}/LO`, subject }), arrivalDate: '2026-03-05T08:30:00+07:00' }));
    }
    const f = path.join(tempDir(), 'batches.jsonl');
    writeFileSync(f, lines.join('\n'));
    const failed = await importIncomingFile(services, f, { skipInvalid: false, actor: 'test' }).then(
      () => null,
      (e: unknown) => e,
    );
    // The refusal itself (SQLSTATE 23514 and its message), not what a later statement would say.
    expect(failed).toMatchObject({ code: '23514', message: 'máy chủ từ chối dòng Dòng bị từ chối' });
    const [n] = await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM incoming_documents');
    expect(n!.n).toBe('0');
    const [c] = await pgQuery<{ n: string }>(url, 'SELECT coalesce(sum(last_number), 0) AS n FROM register_counters');
    expect(c!.n).toBe('0');

    // Without the refused row the same file goes in whole, numbers gap-free in file order.
    await pgQuery(url, 'DROP TRIGGER t_refuse ON incoming_documents');
    const r = await importIncomingFile(services, f, { skipInvalid: false, actor: 'test' });
    expect(r.imported).toBe(11_000);
    const rows = await pgQuery<{ arrival_number: number; subject: string }>(
      url,
      `SELECT arrival_number, subject FROM incoming_documents ORDER BY sort_key`,
    );
    expect(rows.map((x) => x.arrival_number)).toEqual(Array.from({ length: 11_000 }, (_, i) => i + 1));
    expect(rows[9_499]!.subject).toBe('Dòng bị từ chối');
  });
});

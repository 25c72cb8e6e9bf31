/**
 * `check` on an office server whose shared_buffers cannot hold the searched relations (the
 * incoming documents' table and its indexes) says so — advice with a stable code, the setting
 * and the value to give it — and still reports the data as sound. The threshold is the real
 * one: rather than building a million documents, a cluster of its own runs with 1MB of shared
 * buffers and a few thousand documents; the run's shared cluster (256MB) gets no advice for
 * the same documents. Runs in the `postgres` project.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonl } from '../../../bench/generate.js';
import { memoryAdvice } from '../../../src/main/db/postgres/serverMemory.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { fixedClock, tempDir } from '../helpers.js';
import { PG_OWNER_PASSWORD, startCluster, type PgCluster } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());
const DOCS = 3000;

async function officeWithDocuments(url: string, file: string): Promise<Services> {
  const s = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-11-20T10:00:00+07:00') });
  await s.init({ actor: 'test', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
  expect((await importIncomingFile(s, file, { skipInvalid: false, actor: 'test' })).imported).toBe(DOCS);
  return s;
}

d('check’s advice on the server’s memory', () => {
  const open: Services[] = [];
  let small: PgCluster | null = null;
  let url = '';
  afterAll(async () => {
    for (const s of open) await s.close();
    if (url) await dropPgDatabase(url);
    small?.stop();
  });

  it('advises shared_buffers when the searched relations do not fit, and never fails the check for it', async () => {
    const file = path.join(tempDir(), 'docs.jsonl');
    writeJsonl(file, DOCS, { seed: 7 });

    // The run's cluster (256MB): the same documents fit, no advice.
    url = await newPgDatabase();
    const roomy = await officeWithDocuments(url, file);
    open.push(roomy);
    const fine = await roomy.check();
    expect(fine.ok).toBe(true);
    expect(fine.advice).toEqual([]);

    // A server with 1MB of shared buffers: the documents' table and indexes are several MB.
    small = await startCluster({ durable: false, sharedBuffers: '1MB' });
    small.psql('CREATE DATABASE office OWNER vanthu_owner');
    process.env.PGPASSWORD = PG_OWNER_PASSWORD;
    const tight = await officeWithDocuments(small.url('office'), file);
    open.push(tight);
    const hot = Number(small.psql(`SELECT pg_total_relation_size('incoming_documents')`, 'office'));
    const report = await tight.check();
    expect(report.ok).toBe(true);
    expect(report.advice).toHaveLength(1);
    const [a] = report.advice;
    expect(a).toMatchObject({ code: 'server_memory_small', setting: 'shared_buffers', currentMB: 1, hotMB: Math.ceil(hot / 2 ** 20) });
    // The value to set holds the relations with room to grow, in postgresql.conf's own syntax.
    expect(a!.recommendedMB * 2 ** 20).toBeGreaterThanOrEqual(hot * 1.25);
    expect(a!.recommendedMB % 256).toBe(0);
    expect(a!.message).toContain(`shared_buffers = '${a!.recommendedMB}MB'`);
    expect(a!.message).toContain('Bộ nhớ đệm của máy chủ PostgreSQL');
  });

  it('the threshold: relations larger than the buffers, by a byte', () => {
    const MB = 2 ** 20;
    expect(memoryAdvice(256 * MB, 256 * MB)).toEqual([]);
    expect(memoryAdvice(256 * MB, 256 * MB + 1)[0]).toMatchObject({
      code: 'server_memory_small',
      currentMB: 256,
      hotMB: 257,
      recommendedMB: 512,
    });
    // 1,000,000 documents (1,690MB measured) on the old 256MB: 2,304MB (2.25GB) advised.
    expect(memoryAdvice(256 * MB, 1690 * MB)[0]!.recommendedMB).toBe(2304);
  });
});

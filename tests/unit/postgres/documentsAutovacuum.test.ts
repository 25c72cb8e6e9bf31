/**
 * Migration 0235: the incoming documents' table is vacuumed by autovacuum after 1 % of its rows
 * (plus 1,000) are inserted, not the server's default 20 % — so the pages of a big import become
 * all-visible, and the capped count's index-only walk stops visiting them in the table, within a
 * minute of the import. On a cluster of its own with autovacuum's nap shortened to a second: a
 * 20,000-document office imports 3,000 more, which the default (1,000 + 4,000) would leave
 * unvacuumed and the table's own threshold (1,000 + 200) does not. Runs in the `postgres` project.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonl } from '../../../bench/generate.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { fixedClock, tempDir } from '../helpers.js';
import { PG_OWNER_PASSWORD, startCluster, type PgCluster } from '../helpers/pgCluster.js';
import { pgAvailable } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

d('autovacuum after a big import (migration 0235)', () => {
  let cluster: PgCluster | null = null;
  let services: Services | null = null;
  afterAll(async () => {
    await services?.close();
    cluster?.stop();
  });

  it('vacuums the documents’ table after 1 % of its rows are imported, and its pages become all-visible', async () => {
    cluster = await startCluster({ durable: false, conf: ['autovacuum_naptime = 1'] });
    cluster.psql('CREATE DATABASE office OWNER vanthu_owner');
    process.env.PGPASSWORD = PG_OWNER_PASSWORD;
    const sql = (q: string) => cluster!.psql(q, 'office');
    services = await createServices({ dbPath: cluster.url('office'), migrate: true, clock: fixedClock('2026-11-20T10:00:00+07:00') });
    await services.init({ actor: 'test', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
    expect(sql(`SELECT array_to_string(reloptions, ' ') FROM pg_class WHERE relname = 'incoming_documents'`)).toBe(
      'autovacuum_vacuum_insert_scale_factor=0.01 autovacuum_vacuum_scale_factor=0.01 autovacuum_analyze_scale_factor=0.01',
    );
    const dir = tempDir();
    const base = path.join(dir, 'base.jsonl');
    writeJsonl(base, 20_000, { seed: 3 });
    expect((await importIncomingFile(services, base, { skipInvalid: false, actor: 'test' })).imported).toBe(20_000);
    // When autovacuum last vacuumed the table (epoch seconds, 0: never) and the rows inserted since.
    const stats = (): [number, number] => {
      const [at, pending] = sql(
        `SELECT coalesce(extract(epoch FROM last_autovacuum), 0) || '|' || n_ins_since_vacuum FROM pg_stat_user_tables WHERE relname = 'incoming_documents'`,
      ).split('|');
      return [Number(at), Number(pending)];
    };
    const notVisible = () => Number(sql(`SELECT relpages - relallvisible FROM pg_class WHERE relname = 'incoming_documents'`));
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 60 && !done(); i++) await new Promise((r) => setTimeout(r, 500));
    };
    // The office as it stands before: the 20,000 vacuumed by autovacuum (any threshold takes a
    // first import that size), nothing inserted since. Waiting for it rather than vacuuming by
    // hand: the import's counts reach the statistics up to a second after its commit, and a
    // vacuum before them would leave them to trigger a second one later, whatever the threshold.
    await until(() => stats()[0] > 0 && stats()[1] === 0);
    const [before, pending] = stats();
    expect(before).toBeGreaterThan(0);
    expect(pending).toBe(0);
    const more = path.join(dir, 'more.jsonl');
    writeJsonl(more, 3_000, { seed: 4 });
    expect((await importIncomingFile(services, more, { skipInvalid: true, actor: 'test' })).imported).toBeGreaterThan(2_900);

    // Autovacuum comes within seconds (1 s naps) and leaves every page all-visible.
    await until(() => stats()[0] > before && notVisible() === 0);
    expect(stats()[0]).toBeGreaterThan(before);
    expect(notVisible()).toBe(0);
  }, 90_000);
});

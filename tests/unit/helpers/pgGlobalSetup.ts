/**
 * vitest globalSetup of the `postgres` project: ONE throwaway cluster for the whole run,
 * with a migrated template database every test database is copied from (a copy takes
 * milliseconds; migrating each would take longer). Stopped and removed at the end.
 */
import type { TestProject } from 'vitest/node';
import { findPgBin, PG_OWNER_PASSWORD, startCluster, type PgCluster } from './pgCluster.js';

let cluster: PgCluster | null = null;

export const TEMPLATE_DB = 'vanthu_template';

export default async function setup(project: TestProject) {
  if (!findPgBin()) {
    process.stderr.write('[postgres] PostgreSQL server binaries not found: the PostgreSQL store tests are skipped\n');
    project.provide('pgUrlBase', '');
    return;
  }
  cluster = await startCluster({ ssl: true, durable: false });
  cluster.psql(`CREATE DATABASE ${TEMPLATE_DB} OWNER vanthu_owner`);
  process.env.PGPASSWORD = PG_OWNER_PASSWORD;
  const { PgStore } = await import('../../../src/main/db/postgres/store.js');
  const { parsePgUrl } = await import('../../../src/main/db/postgres/locator.js');
  const { store } = await PgStore.open(parsePgUrl(cluster.url(TEMPLATE_DB)), { migrate: true });
  await store.close();
  project.provide('pgUrlBase', `postgres://vanthu_owner@127.0.0.1:${cluster.port}/`);
  project.provide('pgSocketDir', cluster.dir);
  project.provide('pgBinDir', cluster.binDir);
  return () => {
    cluster?.stop();
    cluster = null;
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrlBase: string;
    pgSocketDir: string;
    pgBinDir: string;
  }
}

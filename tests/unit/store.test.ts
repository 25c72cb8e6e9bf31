import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/main/db/sqlite/store.js';
import { openDatabase } from '../../src/main/db/sqlite/connection.js';
import { migrate } from '../../src/main/db/sqlite/migrate.js';
import { MIGRATIONS, LATEST_VERSION } from '../../src/main/db/migrations/index.js';
import { createServices } from '../../src/main/services.js';
import { isNetworkFsType } from '../../src/main/db/sqlite/filesystem.js';
import { doc, freshServices, tempDir, ACTOR } from './helpers.js';

describe('the database file', () => {
  it('is created with WAL, foreign keys and STRICT tables at the latest schema', async () => {
    const { services, dbPath } = await freshServices();
    expect(services.store.info.journalMode).toBe('wal');
    await services.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'incoming_documents'").get() as { sql: string }).sql;
    expect(sql).toMatch(/\) STRICT$/);
    db.close();
  });

  it('refuses WAL on a network filesystem and says so', async () => {
    const dbPath = path.join(tempDir(), 'net.sqlite');
    const { store } = await SqliteStore.open(dbPath, { migrate: true, fsTypeOverride: 'nfs4' });
    expect(store.info.journalMode).toBe('delete');
    expect(store.info.warnings.join()).toMatch(/network filesystem/);
    await store.close();
    expect(isNetworkFsType('cifs')).toBe(true);
    expect(isNetworkFsType('ext4')).toBe(false);
  });

  it('refuses a database written by a newer version, without touching it', async () => {
    const dbPath = path.join(tempDir(), 'future.sqlite');
    const db = new Database(dbPath);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    await expect(createServices({ dbPath, migrate: true })).rejects.toMatchObject({ error: { code: 'db_newer' } });
    const again = new Database(dbPath);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    again.close();
  });

  it('refuses to work on a database that was never initialised', async () => {
    const dbPath = path.join(tempDir(), 'empty.sqlite');
    await expect(createServices({ dbPath })).rejects.toMatchObject({ error: { code: 'not_initialized' } });
  });

  it('refuses a file that is not a database', async () => {
    const dbPath = path.join(tempDir(), 'junk.sqlite');
    writeFileSync(dbPath, 'this is not sqlite'.repeat(100));
    await expect(createServices({ dbPath, migrate: true })).rejects.toMatchObject({ error: { code: 'db_corrupt' } });
  });

  it('backs up a non-empty database, verified, before migrating it', async () => {
    const { services, dbPath } = await freshServices();
    await services.incoming.add(doc(), ACTOR);
    await services.close();
    const next = [...MIGRATIONS, { version: LATEST_VERSION + 10, name: 'test', up: 'CREATE TABLE test_added (x INTEGER) STRICT;' }];
    const { db } = openDatabase(dbPath);
    const outcome = await migrate(db, dbPath, { migrations: next });
    db.close();
    expect(outcome).toMatchObject({ from: LATEST_VERSION, to: LATEST_VERSION + 10 });
    expect(outcome.backup && existsSync(outcome.backup)).toBe(true);
    const copy = new Database(outcome.backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect((copy.prepare('SELECT count(*) AS n FROM incoming_documents').get() as { n: number }).n).toBe(1);
    copy.close();
  });

  it('applies a failing migration not at all', async () => {
    const { services, dbPath } = await freshServices();
    await services.close();
    const broken = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 10, name: 'broken', up: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM no_such_table;' },
    ];
    const { db } = openDatabase(dbPath);
    await expect(migrate(db, dbPath, { migrations: broken })).rejects.toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('init is idempotent and keeps the organisation', async () => {
    const { services } = await freshServices();
    const again = await services.init({ actor: 'test' });
    expect(again.registers.map((r) => r.code)).toEqual(['DEN', 'DEN-MAT', 'DI', 'DI-MAT']);
    expect(again.orgName).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(again.schemaVersion).toBe(LATEST_VERSION);
  });

  it('makes an online backup that opens and holds the documents', async () => {
    const { services } = await freshServices();
    await services.incoming.add(doc(), ACTOR);
    const dest = path.join(tempDir(), 'copy.sqlite');
    const r = await services.backup(dest);
    expect(r.bytes).toBeGreaterThan(0);
    const copy = new Database(dest, { readonly: true });
    expect((copy.prepare('SELECT subject FROM incoming_documents').get() as { subject: string }).subject).toMatch(/ngân sách/);
    copy.close();
    expect(readdirSync(path.dirname(dest))).toEqual(['copy.sqlite']);
  });
});

describe('migrations that land out of numeric order', () => {
  const m = (version: number, table: string) => ({ version, name: table, up: `CREATE TABLE ${table} (id INTEGER PRIMARY KEY) STRICT;` });

  it('gives a database a lower-numbered migration it lacks, once, and records each one', async () => {
    const dbPath = path.join(tempDir(), 'order.sqlite');
    const db = new Database(dbPath);
    await migrate(db, dbPath, { migrations: [m(10, 'a'), m(30, 'c')] });
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    // A later build lists a migration numbered between the two the database already has.
    const out = await migrate(db, dbPath, { migrations: [m(10, 'a'), m(20, 'b'), m(30, 'c')] });
    expect(out).toMatchObject({ from: 30, to: 30 });
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('a','b','c') ORDER BY name").pluck().all();
    expect(tables).toEqual(['a', 'b', 'c']);
    expect(db.prepare('SELECT version FROM vanthu_schema ORDER BY version').pluck().all()).toEqual([10, 20, 30]);
    // Nothing left to do: not applied twice.
    expect((await migrate(db, dbPath, { migrations: [m(10, 'a'), m(20, 'b'), m(30, 'c')] })).backup).toBeNull();
    db.close();
  });

  it('refuses a database that recorded a migration this build does not know, even a lower-numbered one', async () => {
    const dbPath = path.join(tempDir(), 'unknown.sqlite');
    const db = new Database(dbPath);
    await migrate(db, dbPath, { migrations: [m(10, 'a'), m(20, 'b'), m(30, 'c')] });
    await expect(migrate(db, dbPath, { migrations: [m(10, 'a'), m(30, 'c')] })).rejects.toMatchObject({
      error: { code: 'db_newer' },
    });
    db.close();
  });

  it('reads a database written before the record existed as having every migration up to its version', async () => {
    const { services, dbPath } = await freshServices();
    await services.close();
    const db = new Database(dbPath);
    db.exec('DROP TABLE vanthu_schema');
    db.close();
    const again = await createServices({ dbPath, migrate: true });
    expect(again.store.info.schemaVersion).toBe(LATEST_VERSION);
    await again.close();
    const check = new Database(dbPath, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM vanthu_schema').pluck().get()).toBe(MIGRATIONS.length);
    check.close();
  });

  it('lists every migration once, in increasing order, with the same numbers on both stores', async () => {
    const { PG_MIGRATIONS } = await import('../../src/main/db/postgres/migrations/index.js');
    const versions = MIGRATIONS.map((x) => x.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(PG_MIGRATIONS.map((x) => x.version)).toEqual(versions);
    // What opening a database checks against (no SQL, loaded by every command) is the same list.
    const { MIGRATION_VERSIONS } = await import('../../src/main/db/migrations/versions.js');
    expect(MIGRATION_VERSIONS).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });
});

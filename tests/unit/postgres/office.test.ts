/**
 * What only the office database has: many PCs writing at once, two PCs upgrading at once,
 * a server that goes away, a backend killed mid-transaction, slow statements, passwords,
 * TLS, files stored in the database, pg_dump backups. Runs in the `postgres` project.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/main/attachments/fileStore.js';
import { LATEST_VERSION } from '../../../src/main/db/migrations/index.js';
import { PG_MIGRATIONS } from '../../../src/main/db/postgres/migrations/index.js';
import { PgStore } from '../../../src/main/db/postgres/store.js';
import { migratePg } from '../../../src/main/db/postgres/migrate.js';
import pg from 'pg';
import { parsePgUrl } from '../../../src/main/db/postgres/locator.js';
import { createServices } from '../../../src/main/services.js';
import { cli, cliProcess, FIXTURE_PASSWORD, OFFICE_USER } from '../cliHelpers.js';
import { ACTOR, addFixtureAccounts, doc, freshServices, tempDir } from '../helpers.js';
import { PG_OWNER_PASSWORD } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';

const d = describe.skipIf(!pgAvailable());

function batch(url: string, lines: unknown[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const { argv, env } = cliProcess(['batch', '--database', url]);
    const p = spawn(process.execPath, argv, { cwd: process.cwd(), env });
    let out = '';
    let err = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`batch exited ${code}: ${err}`))));
    for (const l of lines) p.stdin.write(JSON.stringify(l) + '\n');
    p.stdin.end();
  });
}

d('many PCs writing at once', () => {
  it('8 processes registering together get distinct, gap-free numbers and one audit chain', async () => {
    const { services, dbPath } = await freshServices();
    await addFixtureAccounts(services);
    // init and the fixture accounts' entries.
    const arranged = (await services.check()).audit.entries;
    await services.close();
    const PER = 25;
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, p) =>
        batch(
          dbPath,
          Array.from({ length: PER }, (_, i) => ({
            cmd: 'incoming add',
            args: { data: { ...doc({ symbol: `${p * 100 + i}/PC${p}`, arrivalDate: undefined }), issuedDate: '2026-01-02' } },
          })),
        ),
      ),
    );
    const numbers = runs.flat().map((l) => {
      const r = JSON.parse(l) as { arrivalNumber?: number; error?: unknown };
      expect(r.error).toBeUndefined();
      return r.arrivalNumber!;
    });
    expect(numbers).toHaveLength(8 * PER);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 8 * PER }, (_, i) => i + 1));
    const again = await createServices({ dbPath });
    const report = await again.check();
    expect(report.ok).toBe(true);
    expect(report.audit.entries).toBe(8 * PER + arranged);
    await again.close();
  }, 300_000);
});

d('schema', () => {
  it('two PCs upgrading an empty database at once take turns; the schema is applied once', async () => {
    const url = await newPgDatabase({ empty: true });
    try {
      const opened = await Promise.all([0, 1, 2].map(() => PgStore.open(parsePgUrl(url), { migrate: true })));
      const versions = opened.map((o) => o.store.info.schemaVersion);
      expect(versions).toEqual([LATEST_VERSION, LATEST_VERSION, LATEST_VERSION]);
      // Exactly one of them applied the migrations.
      expect(opened.filter((o) => o.migration!.from === 0 && o.migration!.to === LATEST_VERSION).length).toBeGreaterThanOrEqual(1);
      await Promise.all(opened.map((o) => o.store.close()));
      expect(await pgQuery(url, 'SELECT version FROM vanthu_schema ORDER BY version')).toEqual(
        PG_MIGRATIONS.map((m) => ({ version: m.version })),
      );
    } finally {
      await dropPgDatabase(url);
    }
  });

  it('refuses a database from a newer VănThư, and one never initialised', async () => {
    const { services, dbPath } = await freshServices();
    await services.close();
    await pgQuery(dbPath, `INSERT INTO vanthu_schema (version, name) VALUES (${LATEST_VERSION + 10}, 'future')`);
    await expect(createServices({ dbPath, migrate: true })).rejects.toMatchObject({ error: { code: 'db_newer' } });
    const empty = await newPgDatabase({ empty: true });
    try {
      await expect(createServices({ dbPath: empty })).rejects.toMatchObject({ error: { code: 'not_initialized' } });
    } finally {
      await dropPgDatabase(empty);
    }
  });
});

d('migrations that land out of numeric order', () => {
  it('gives a database a lower-numbered migration it lacks, and refuses one that recorded a migration unknown here', async () => {
    const url = await newPgDatabase({ empty: true });
    const m = (version: number, table: string) => ({ version, name: table, up: `CREATE TABLE ${table} (id integer PRIMARY KEY);` });
    const c = new pg.Client({ connectionString: url, password: PG_OWNER_PASSWORD, ssl: false });
    await c.connect();
    try {
      await migratePg(c, [m(10, 'a'), m(30, 'c')]);
      await migratePg(c, [m(10, 'a'), m(20, 'b'), m(30, 'c')]);
      const tables = await c.query(`SELECT tablename FROM pg_tables WHERE tablename IN ('a','b','c') ORDER BY 1`);
      expect(tables.rows.map((r) => r.tablename)).toEqual(['a', 'b', 'c']);
      const recorded = await c.query('SELECT version FROM vanthu_schema ORDER BY version');
      expect(recorded.rows.map((r) => r.version)).toEqual([10, 20, 30]);
      await expect(migratePg(c, [m(10, 'a'), m(30, 'c')])).rejects.toMatchObject({ error: { code: 'db_newer' } });
    } finally {
      await c.end();
      await dropPgDatabase(url);
    }
  });
});

/** A TCP relay in front of the server that a test can cut, like a network that drops. */
async function relay(target: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    const up = net.connect(target, '127.0.0.1');
    sockets.add(s).add(up);
    s.pipe(up).pipe(s);
    const end = () => (s.destroy(), up.destroy());
    s.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
    stop: () => new Promise<void>((r) => (server.close(() => r()), [...sockets].forEach((s) => s.destroy()))),
  };
}

d('faults', () => {
  it('a lost server answers db_unavailable (in Vietnamese) and the next call reconnects; nothing half-written', async () => {
    const { services, dbPath } = await freshServices();
    await services.close();
    const serverPort = Number(new URL(dbPath).port);
    let r = await relay(serverPort);
    const viaRelay = dbPath.replace(`:${serverPort}/`, `:${r.port}/`);
    const s = await createServices({ dbPath: viaRelay });
    await s.incoming.add(doc({ symbol: '1/A' }), ACTOR);
    r.cut();
    await r.stop();
    const failure = await s.incoming.add(doc({ symbol: '2/A' }), ACTOR).catch((e: unknown) => e);
    expect(failure).toMatchObject({ error: { code: 'db_unavailable' } });
    expect((failure as { error: { message: string } }).error.message).toMatch(/Không kết nối được máy chủ/);
    // The server is back (same address): the next call works on a fresh connection.
    r = await new Promise((res) => {
      const srv = net.createServer((c) => {
        const up = net.connect(serverPort, '127.0.0.1');
        c.pipe(up).pipe(c);
        c.on('error', () => up.destroy());
        up.on('error', () => c.destroy());
      });
      srv.listen(Number(new URL(viaRelay).port), '127.0.0.1', () =>
        res({
          port: 0,
          cut: () => {},
          close: () => new Promise((x) => srv.close(() => x())),
          stop: () => new Promise((x) => srv.close(() => x())),
        }),
      );
    });
    const b = await s.incoming.add(doc({ symbol: '2/A' }), ACTOR);
    expect(b.arrivalNumber).toBe(2);
    expect((await s.check()).ok).toBe(true);
    await s.close();
    await r.close();
  });

  it('a backend killed mid-transaction leaves nothing behind, and the client recovers', async () => {
    const { services, dbPath } = await freshServices();
    await services.incoming.add(doc({ symbol: '1/A' }), ACTOR);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pending = services.store
      .write(async (repos) => {
        const reg = (await repos.registers.byCode('DEN'))!;
        await repos.registers.allocateNumber(reg.id, 2026);
        await repos.meta.set('half', 'written');
        await gate;
        await repos.meta.set('after', 'kill');
      })
      .catch((e: unknown) => e);
    // Wait for the writer to sit in its transaction, then kill its backend.
    let killed = 0;
    for (let i = 0; i < 100 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = await pgQuery<{ n: number }>(
        dbPath,
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'idle in transaction' AND application_name = 'vanthu'`,
      );
      killed = rows[0]!.n;
    }
    expect(killed).toBe(1);
    release();
    expect(await pending).toMatchObject({ error: { code: 'db_unavailable' } });
    expect(await pgQuery(dbPath, `SELECT key FROM meta WHERE key IN ('half', 'after')`)).toEqual([]);
    // The number taken by the killed transaction was never used: the next one is 2.
    expect((await services.incoming.add(doc({ symbol: '2/A' }), ACTOR)).arrivalNumber).toBe(2);
    expect((await services.check()).ok).toBe(true);
  });

  it('a statement that waits too long is stopped with db_timeout, and the app goes on', async () => {
    const { services, dbPath } = await freshServices();
    await services.close();
    const { store } = await PgStore.open(parsePgUrl(dbPath), { statementTimeoutMs: 300 });
    const pg = await import('pg');
    const blocker = new pg.default.Client({ connectionString: dbPath, password: PG_OWNER_PASSWORD, ssl: false });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE incoming_documents IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    await expect(store.read((r) => r.incoming.count())).rejects.toMatchObject({ error: { code: 'db_timeout' } });
    expect(Date.now() - started).toBeLessThan(5000);
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(await store.read((r) => r.incoming.count())).toBe(0);
    await store.close();
  });
});

d('connection', () => {
  it('uses TLS when the server offers it', async () => {
    const { services } = await freshServices();
    expect(services.store.info.journalMode).toBe('postgresql+tls');
    expect(services.store.info.path).not.toMatch(/secret/);
  });

  it('never prints a password: not on success, not when it is wrong, not when it is in the URL', async () => {
    const url = await newPgDatabase({ empty: true });
    try {
      const ok = cli(url, ['init', '--org-name', 'UBND tỉnh Quảng Ngãi', '--json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.json()).toMatchObject({ schemaVersion: LATEST_VERSION, database: url });
      expect(ok.stdout + ok.stderr).not.toContain(PG_OWNER_PASSWORD);
      const wrong = spawnCli(url, ['incoming', 'list', '--json'], { PGPASSWORD: 'wrong-Password-123' });
      expect(wrong.error().code).toBe('db_auth');
      expect(wrong.stdout + wrong.stderr).not.toContain('wrong-Password-123');
      const inUrl = url.replace('vanthu_owner@', 'vanthu_owner:Secret-In-Url-42@');
      const viaUrl = spawnCli(inUrl, ['incoming', 'list', '--json'], { PGPASSWORD: '' });
      expect(viaUrl.code).toBe(2);
      expect(viaUrl.stdout + viaUrl.stderr).not.toContain('Secret-In-Url-42');
    } finally {
      await dropPgDatabase(url);
    }
  });
});

function spawnCli(url: string, args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return cli(url, args);
  } finally {
    process.env = saved;
  }
}

d('files in the database', () => {
  it('stores a large file in 1 MiB chunks, streams it back, and check re-hashes every chunk', async () => {
    const { services, dbPath } = await freshServices();
    // A real PDF (attachments are checked): one content stream padded to just over 5 MiB.
    const big = minimalPdf(5 * 1024 * 1024 + 123, 7);
    const a = await services.incoming.add(doc(), { ...ACTOR, attachments: [{ fileName: 'lon.pdf', bytes: big }] });
    const sha = a.attachments[0]!.sha256;
    expect(
      await pgQuery(dbPath, 'SELECT count(*)::int AS n, max(length(data))::int AS biggest FROM blob_chunks WHERE sha256 = $1', [sha]),
    ).toEqual([{ n: 6, biggest: 1024 * 1024 }]);
    let pieces = 0;
    for await (const chunk of services.files.stream(sha)) {
      expect(chunk.length).toBeLessThanOrEqual(1024 * 1024);
      pieces++;
    }
    expect(pieces).toBe(6);
    expect((await services.files.read(sha)).equals(big)).toBe(true);
    expect((await services.check()).attachments).toMatchObject({ ok: true, files: 1 });
    // Damage as a disk would: below the guard that keeps stored bytes unchangeable (migration 0070).
    await pgQuery(dbPath, 'ALTER TABLE blob_chunks DISABLE TRIGGER blob_chunks_frozen');
    await pgQuery(dbPath, `UPDATE blob_chunks SET data = overlay(data placing '\\x00'::bytea from 10) WHERE sha256 = $1 AND n = 3`, [sha]);
    await pgQuery(dbPath, 'ALTER TABLE blob_chunks ENABLE TRIGGER blob_chunks_frozen');
    expect((await services.check()).attachments).toMatchObject({ ok: false, corrupt: [sha] });
  });
});

d('backup', () => {
  it('runs pg_dump -Fc and checks the dump with pg_restore --list', async () => {
    const { services } = await freshServices();
    await services.incoming.add(doc(), ACTOR);
    const dest = path.join(tempDir(), 'office.dump');
    const r = await services.backup(dest);
    expect(r.schemaVersion).toBe(LATEST_VERSION);
    expect(r.bytes).toBeGreaterThan(1000);
    expect(existsSync(dest)).toBe(true);
    expect(existsSync(dest + '.partial')).toBe(false);
    // A failed dump leaves nothing under the destination's name.
    const bad = path.join(tempDir(), 'no-such-dir', 'x.dump');
    await expect(services.backup(bad)).rejects.toMatchObject({ error: { code: 'backup_failed' } });
    writeFileSync(path.join(tempDir(), 'marker'), '');
  });
});

d('moving an office from SQLite', () => {
  it('migrate-to copies everything, verifies it, continues the audit chain, and leaves the SQLite file untouched', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const dir = tempDir();
    const file = path.join(dir, 'office.sqlite');
    const src = await createServices({ dbPath: file, migrate: true });
    await src.init({ actor: 'test', orgName: 'UBND tỉnh Quảng Ngãi', orgCode: 'UBND' });
    const PDF = minimalPdf(3 * 1024 * 1024, 1);
    const a = await src.incoming.add(doc({ symbol: '1/A' }), { ...ACTOR, attachments: [{ fileName: 'a.pdf', bytes: PDF }] });
    await src.incoming.add(doc({ symbol: '2/A', secrecy: 'secret' }), ACTOR);
    await src.incoming.void((await src.incoming.add(doc({ symbol: '3/A' }), ACTOR)).id, 'nhầm', ACTOR);
    await src.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ACTOR.actor);
    await src.assignments.assign(a.id, { lead: 'KHDT', due: '2026-03-20' }, ACTOR.actor);
    // A citizen's letter with its sender (personal data travels with the office's database).
    await src.letters.add(
      {
        kind: 'petition',
        channel: 'post',
        subject: 'Kiến nghị sửa đường',
        senders: [{ fullName: 'Phạm Văn Dũng', idNumber: '051085001234' }],
      },
      { actor: 'test', access: { personal: true, identity: true } },
    );
    await addFixtureAccounts(src);
    await src.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    // Migrated and empty, with the test run's group roles (the fixture accounts' login roles,
    // made by other tests on this server, are this office's: another office's would be refused).
    const url = await newPgDatabase();
    try {
      // A file missing from the SQLite folder: refused, and nothing is left in the target.
      const { renameSync } = await import('node:fs');
      const stored = FileStore.besideDatabase(file).pathOf(a.attachments[0]!.sha256);
      renameSync(stored, stored + '.away');
      const broken = cli(url, ['migrate-to', url, '--from', file, '--json']);
      expect(broken.error().code).toBe('migrate_verify_failed');
      expect(await pgQuery(url, 'SELECT (SELECT count(*) FROM registers)::int AS r, (SELECT count(*) FROM blob_chunks)::int AS b')).toEqual(
        [{ r: 0, b: 0 }],
      );
      renameSync(stored + '.away', stored);
      const run = cli(url, ['migrate-to', url, '--from', file, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const out = run.json();
      expect(out.tables).toMatchObject({
        incoming_documents: 3,
        registers: 4,
        blobs: 1,
        units: 1,
        assignments: 1,
        letters: 1,
        letter_senders: 1,
        // The accounts move too (OFFICE_USER and one per role), so the same people sign in.
        accounts: 6,
      });
      expect(out.files).toMatchObject({ count: 1 });
      // Each account a login role; only the administrator who ran the move has its password there.
      expect(out.logins).toMatchObject({ roles: 6, withPassword: [OFFICE_USER] });
      expect(out.logins.passwordResetNeeded).toHaveLength(5);
      expect(run.stdout + run.stderr).not.toContain(PG_OWNER_PASSWORD);
      expect(run.stdout + run.stderr).not.toContain(FIXTURE_PASSWORD);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
      const moved = await createServices({ dbPath: url });
      const report = await moved.check();
      expect(report.ok).toBe(true);
      expect(report.attachments.files).toBe(1);
      const got = await moved.incoming.get(a.id);
      expect(got.arrivalNumber).toBe(1);
      expect((await moved.files.read(got.attachments[0]!.sha256)).equals(PDF)).toBe(true);
      // Numbering and the chain continue where the PC left off.
      expect((await moved.incoming.add(doc({ symbol: '4/A' }), ACTOR)).arrivalNumber).toBe(3);
      expect((await moved.search.search({ query: 'ngân sách' })).total).toBe(3); // 1/A, 2/A (mật), 4/A; 3/A is voided
      expect((await moved.check()).ok).toBe(true);
      await moved.close();
      // A second run into the now non-empty database is refused, and changes nothing.
      const again = cli(url, ['migrate-to', url, '--from', file, '--json']);
      expect(again.code).toBe(2);
      expect(again.error().code).toBe('migrate_target_not_empty');
      expect(await pgQuery(url, 'SELECT count(*)::int AS n FROM incoming_documents')).toEqual([{ n: 4 }]);
    } finally {
      await dropPgDatabase(url);
    }
  }, 180_000);
});

describe('the database locator as shown', () => {
  it('never shows a password given in a postgres:// URL', async () => {
    const { displayLocator } = await import('../../../src/main/paths.js');
    expect(displayLocator('postgres://clerk:S3cret!@db.local:5432/vanthu')).toBe('postgres://clerk@db.local:5432/vanthu');
    expect(displayLocator('postgres://db.local/vanthu')).toBe('postgres://db.local/vanthu');
    expect(displayLocator('/home/a/vanthu.sqlite')).toBe('/home/a/vanthu.sqlite');
    expect(parsePgUrl('postgresql://clerk:S3cret!@db.local/vanthu?sslmode=require').display).toBe(
      'postgres://clerk@db.local:5432/vanthu?sslmode=require',
    );
    expect(() => parsePgUrl('postgres://clerk:S3cret!@/x')).toThrow(/không hợp lệ/);
    expect(
      JSON.stringify(
        (() => {
          try {
            parsePgUrl('postgres://u:S3cret!@h/x?sslmode=bogus');
          } catch (e) {
            return e;
          }
        })(),
      ),
    ).not.toContain('S3cret');
  });
});

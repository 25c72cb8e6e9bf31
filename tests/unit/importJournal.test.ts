/**
 * A large import into a database nobody else has open is written with a rollback journal
 * instead of the WAL (its pages written into the file once, not into the WAL and again by the
 * checkpoint): the database is back in WAL mode afterwards, an import while another
 * connection has the file open goes through the WAL as before, and a process killed in the
 * middle of such an import leaves the database exactly as it was.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeJsonl } from '../../bench/generate.js';
import { openDatabase } from '../../src/main/db/sqlite/connection.js';
import type { SqliteStore } from '../../src/main/db/sqlite/store.js';
import { importIncomingFile } from '../../src/main/incoming/import/importService.js';
import { cli, cliProcess } from './cliHelpers.js';
import { ACTOR, doc, freshServices, tempDir } from './helpers.js';

/** Over 4 MiB (the size from which an import is read in a worker and written as a bulk write). */
function bigFile(n = 12_000): string {
  const f = path.join(tempDir(), 'big.jsonl');
  writeJsonl(f, n, { seed: 5, fromDate: '2025-01-01', toDate: '2026-03-01' });
  expect(statSync(f).size).toBeGreaterThan(4 << 20);
  return f;
}

const journalModeOf = (db: string) => {
  const c = new Database(db, { readonly: true });
  try {
    return String(c.pragma('journal_mode', { simple: true }));
  } finally {
    c.close();
  }
};

/** The duplicate-key index as migration 0010 made it (a bulk import sets it aside and builds it again). */
const DUP_INDEX_SQL = 'CREATE INDEX incoming_dup_key ON incoming_documents(dup_key) WHERE dup_key IS NOT NULL';
const dupIndexOf = (db: string) => {
  const c = new Database(db, { readonly: true });
  try {
    return c.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'incoming_dup_key'").pluck().get();
  } finally {
    c.close();
  }
};

/** Every file under the database's file store (its evidence copies and attachments), relative. */
const storedFiles = (db: string) =>
  existsSync(`${db}.files`)
    ? (readdirSync(`${db}.files`, { recursive: true, withFileTypes: true }) as Dirent[]).filter((d) => d.isFile()).map((d) => d.name)
    : [];

describe('the journal of a large import', () => {
  it('is a rollback journal when nobody else has the database open, and WAL again afterwards', async () => {
    const dbPath = path.join(tempDir(), 'alone.sqlite');
    const { services } = await freshServices({ dbPath });
    await services.incoming.add(doc({ symbol: '1/BEFORE' }), ACTOR);
    const seen: { journal: boolean; wal: boolean }[] = [];
    const f = bigFile();
    const r = await importIncomingFile(services, f, {
      skipInvalid: false,
      actor: 'test',
      onRows: () => seen.push({ journal: existsSync(dbPath + '-journal'), wal: existsSync(dbPath + '-wal') }),
    });
    expect(r).toMatchObject({ imported: 12_000, rejected: [] });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((s) => s.journal && !s.wal)).toBe(true);
    // Back in WAL mode: the next registration goes through the WAL, readers of other processes read beside it.
    await services.incoming.add(doc({ symbol: '2/AFTER' }), ACTOR);
    expect(existsSync(dbPath + '-wal')).toBe(true);
    expect(journalModeOf(dbPath)).toBe('wal');
    expect(await services.store.read((repos) => repos.incoming.count())).toBe(12_002);
    expect((await services.check()).ok).toBe(true);
    expect(dupIndexOf(dbPath)).toBe(DUP_INDEX_SQL);
    // The evidence: the reading thread's copy of the bytes it read, kept under their hash; no
    // staged copy left behind.
    const entry = (await services.store.read((repos) => repos.audit.scan(0, 100))).find((e) => e.action === 'import')!;
    const sha = (JSON.parse(entry.data) as { fileSha256: string }).fileSha256;
    expect((await services.files.read(sha)).equals(readFileSync(f))).toBe(true);
    expect(storedFiles(dbPath)).toEqual([sha]);
  });

  it('finds every duplicate while the duplicate-key index is set aside, and builds the index again', async () => {
    const dbPath = path.join(tempDir(), 'dups.sqlite');
    const { services } = await freshServices({ dbPath });
    await services.incoming.add(doc({ symbol: '1/BEFORE' }), ACTOR);
    // The migrations' temporary tables did not leave the connection's temporary database open
    // (migrate.ts): inside a transaction SQLite lets the sort's temp store change.
    const db = (services.store as SqliteStore).db;
    db.exec('BEGIN');
    expect(() => db.pragma('temp_store = FILE')).not.toThrow();
    db.pragma('temp_store = MEMORY');
    db.exec('ROLLBACK');
    const f = bigFile();
    const first = readFileSync(f, 'utf8').slice(0, readFileSync(f, 'utf8').indexOf('\n'));
    // A copy of the file's first row (line 12,001) and of the document registered before (line 12,002).
    appendFileSync(f, first + '\n' + JSON.stringify(doc({ symbol: '1/BEFORE', arrivalDate: '2026-03-03T08:00:00+07:00' })) + '\n');
    const r = await importIncomingFile(services, f, { skipInvalid: true, actor: 'test' });
    expect(r.imported).toBe(12_000);
    expect(r.rejected.map((x) => [x.line, x.code])).toEqual([
      [12_001, 'duplicate'],
      [12_002, 'duplicate'],
    ]);
    expect(dupIndexOf(dbPath)).toBe(DUP_INDEX_SQL);
    // It was sorted with a file temp store (incomingRepo.ts buildDupIndex), and the connection
    // has its memory temp store back (2): temporary tables and indexes in memory.
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect((await services.check()).ok).toBe(true);
    // The rebuilt index answers the next registration: a copy of an imported row is refused.
    await expect(services.incoming.add(JSON.parse(first), ACTOR)).rejects.toMatchObject({ error: { code: 'duplicate' } });
  });

  it('rolls a refused file back to the rows there before, and the database stays in WAL mode', async () => {
    const dbPath = path.join(tempDir(), 'refused.sqlite');
    const { services } = await freshServices({ dbPath });
    await services.incoming.add(doc({ symbol: '1/BEFORE' }), ACTOR);
    const f = bigFile();
    appendFileSync(f, JSON.stringify({ ...doc({ symbol: '2/BAD' }), issuedDate: '31/02/2025' }) + '\n');
    const seen: boolean[] = [];
    const failed = await importIncomingFile(services, f, {
      skipInvalid: false,
      actor: 'test',
      onRows: () => seen.push(existsSync(dbPath + '-journal')),
    }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ error: { code: 'import_failed' } });
    expect(seen.some((j) => j)).toBe(true);
    expect(existsSync(dbPath + '-journal')).toBe(false);
    expect(journalModeOf(dbPath)).toBe('wal');
    expect((await services.incoming.list({ limit: 10 })).items.map((d) => d.symbol)).toEqual(['1/BEFORE']);
    // Neither the file kept as evidence nor the copy the reading thread wrote of it.
    expect(storedFiles(dbPath)).toEqual([]);
    expect((await services.check()).ok).toBe(true);
    expect(dupIndexOf(dbPath)).toBe(DUP_INDEX_SQL);
  });

  it('stays WAL while another connection has the database open', async () => {
    const dbPath = path.join(tempDir(), 'shared.sqlite');
    const { services } = await freshServices({ dbPath });
    const other = new Database(dbPath);
    try {
      expect(other.prepare('SELECT count(*) AS n FROM incoming_documents').get()).toEqual({ n: 0 });
      const seen: boolean[] = [];
      const r = await importIncomingFile(services, bigFile(), {
        skipInvalid: false,
        actor: 'test',
        onRows: () => seen.push(existsSync(dbPath + '-journal')),
      });
      expect(r.imported).toBe(12_000);
      expect(seen.length).toBeGreaterThan(5);
      expect(seen.some((j) => j)).toBe(false);
      // The other connection reads the committed import.
      expect(other.prepare('SELECT count(*) AS n FROM incoming_documents').get()).toEqual({ n: 12_000 });
      expect(String(other.pragma('journal_mode', { simple: true }))).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('leaves the database exactly as before when the importing process is killed', async () => {
    const db = path.join(tempDir(), 'killed.sqlite');
    expect(cli(db, ['init', '--json']).code).toBe(0);
    expect(cli(db, ['incoming', 'add', '--data', JSON.stringify(doc({ symbol: '1/BEFORE' })), '--json']).code).toBe(0);
    const f = bigFile(30_000);
    const killedWhileWriting = await new Promise<boolean>((resolve) => {
      const child = cliProcess(['import', f, '--db', db, '--json']);
      const p = spawn(process.execPath, child.argv, { cwd: process.cwd(), env: child.env, stdio: 'ignore' });
      let killed = false;
      // Kill hard once the import has written into its rollback journal for a while.
      const poll = setInterval(() => {
        if (!killed && existsSync(db + '-journal') && statSync(db).size > 8 << 20) {
          killed = true;
          p.kill('SIGKILL');
        }
      }, 5);
      p.on('close', () => {
        clearInterval(poll);
        resolve(killed);
      });
    });
    expect(killedWhileWriting).toBe(true);
    expect(existsSync(db + '-journal')).toBe(true); // hot: played back by the next opening
    expect(cli(db, ['check', '--json']).json()).toMatchObject({ ok: true });
    expect(existsSync(db + '-journal')).toBe(false);
    expect(journalModeOf(db)).toBe('wal');
    expect(dupIndexOf(db)).toBe(DUP_INDEX_SQL);
    const list = cli(db, ['incoming', 'list', '--limit', '100', '--json']).json();
    expect((list.items as { symbol: string }[]).map((d) => d.symbol)).toEqual(['1/BEFORE']);
    const next = cli(db, ['incoming', 'add', '--data', JSON.stringify(doc({ symbol: '2/AFTER' })), '--json']).json();
    expect(next.arrivalNumber).toBe(2);
    // The killed import's copy of its file (written as it read) is never kept: the next import removes it.
    expect(storedFiles(db).filter((n) => n.startsWith('staged.'))).toHaveLength(1);
    const small = path.join(tempDir(), 'small.jsonl');
    writeJsonl(small, 3, { seed: 9, fromDate: '2026-03-02', toDate: '2026-03-03' });
    expect(cli(db, ['import', small, '--json']).code).toBe(0);
    expect(storedFiles(db).filter((n) => n.startsWith('staged.'))).toEqual([]);
  });

  it('makes another process opening the database meanwhile wait for it, then answer busy', async () => {
    const db = path.join(tempDir(), 'held.sqlite');
    await (await freshServices({ dbPath: db })).services.close();
    // What a large import holds: the file in rollback-journal mode, written in one transaction.
    const holder = new Database(db);
    holder.pragma('journal_mode = DELETE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const t0 = Date.now();
      expect(() => openDatabase(db, { busyTimeoutMs: 400 })).toThrow(
        expect.objectContaining({ error: expect.objectContaining({ code: 'busy' }) }),
      );
      expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Once it is done, the opening puts the file back in WAL mode.
    const opened = openDatabase(db, { busyTimeoutMs: 400 });
    expect(opened.journalMode).toBe('wal');
    opened.db.close();
  });
});

/**
 * Each migration is tested by migrating a database seeded at the previous version
 * (Signal Desktop's practice): data written by the old schema must survive intact.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/sqlite/connection.js';
import { migrate } from '../../src/main/db/sqlite/migrate.js';
import { MIGRATIONS } from '../../src/main/db/migrations/index.js';
import { createServices } from '../../src/main/services.js';
import { ACTOR, doc, fixedClock, tempDir } from './helpers.js';

describe('migration 0020 (outgoing documents)', () => {
  it('keeps registered documents, numbers and the audit chain across the upgrade', async () => {
    const dbPath = path.join(tempDir(), 'v10.sqlite');
    // Build a v10 database by hand and seed it the way v10 code wrote rows.
    const { db } = openDatabase(dbPath);
    await migrate(db, dbPath, { migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    db.exec(
      `INSERT INTO registers (code, name, direction, confidential, created_at) VALUES ('DEN', 'Sổ đăng ký văn bản đến', 'incoming', 0, '2026-01-01T00:00:00+07:00')`,
    );
    db.exec(`INSERT INTO register_counters VALUES (1, 2026, 7)`);
    db.exec(`INSERT INTO incoming_documents (register_id, year, arrival_number, sort_key, arrival_date, organ_name, issued_date, type_name, subject, urgency, secrecy, channel, created_at, created_by, updated_at)
             VALUES (1, 2026, 7, 1, '2026-01-05T08:00:00+07:00', 'Sở Tài chính', '2026-01-02', 'Công văn', 'Về việc cũ', 'normal', 'normal', 'paper', 'x', 'x', 'x')`);
    db.close();

    const services = await createServices({ dbPath, migrate: true, clock: fixedClock('2026-03-10T09:00:00+07:00') });
    try {
      const init = await services.init(ACTOR);
      expect(init.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
      expect(init.migratedFrom).toBe(10);
      expect(init.backup && existsSync(init.backup)).toBe(true);
      const old = await services.incoming.get(1);
      expect(old).toMatchObject({ arrivalNumber: 7, subject: 'Về việc cũ' });
      const next = await services.incoming.add(doc(), ACTOR);
      expect(next.arrivalNumber).toBe(8);
      expect((await services.search.search({ query: 've viec cu' })).total).toBe(1);
    } finally {
      await services.close();
    }
    const raw = new Database(dbPath, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'outgoing_documents'").get()).toEqual({ n: 1 });
    raw.close();
  });
});

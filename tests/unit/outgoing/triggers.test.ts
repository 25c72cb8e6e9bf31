/**
 * The database itself keeps outgoing documents honest, whatever a tool going around the
 * app tries with raw SQL: a number once given stays with its document, only drafts can be
 * deleted, stored (signed or issued) versions are never changed or removed, and a register
 * counter never goes back. Runs on both stores (the SQL is written for both dialects).
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/sqlite/connection.js';
import { ACTOR, freshServices } from '../helpers.js';
import { rawSql, storeKind } from '../helpers/stores.js';
import { DRAFT } from './fixtures.js';

/**
 * A second connection that goes around the services. On SQLite it has the app's SQL
 * functions (vn_fold…), so that what refuses a change is the guard trigger, not a
 * search-index trigger that cannot run.
 */
async function around(dbPath: string): Promise<{ exec(sql: string): Promise<void>; close(): Promise<void> }> {
  if (storeKind() === 'postgres') return rawSql(dbPath);
  const { db } = openDatabase(dbPath);
  return { exec: async (sql) => void db.exec(sql), close: async () => void db.close() };
}

async function office() {
  const { services, dbPath } = await freshServices({ now: '2026-05-12T09:00:00+07:00' });
  const issued = await services.outgoing.draft(DRAFT, ACTOR);
  await services.outgoing.approve(issued.id, ACTOR);
  await services.outgoing.number(issued.id, ACTOR);
  await services.outgoing.issuePaper(issued.id, { ...ACTOR, copies: 5 });
  const numbered = await services.outgoing.draft({ ...DRAFT, subject: 'Về việc kiện toàn Ban chỉ đạo' }, ACTOR);
  await services.outgoing.approve(numbered.id, ACTOR);
  await services.outgoing.number(numbered.id, ACTOR);
  const draft = await services.outgoing.draft({ ...DRAFT, subject: 'Bản nháp bỏ đi' }, ACTOR);
  return { services, dbPath, issued: issued.id, numbered: numbered.id, draft: draft.id };
}

describe('outgoing documents under raw SQL', () => {
  it('a number, its year, register and symbol cannot be changed once given', async () => {
    const { services, dbPath, issued, numbered } = await office();
    const before = await services.outgoing.get(numbered);
    expect(before).toMatchObject({ codeNumber: 2, symbol: '02/QĐ-UBND', year: 2026, register: 'DI' });
    const raw = await around(dbPath);
    try {
      for (const set of [
        'code_number = 7',
        "symbol = '07/QĐ-UBND'",
        'year = 2025',
        "register_id = (SELECT id FROM registers WHERE code = 'DI-MAT')",
        'code_number = NULL, year = NULL',
      ]) {
        await expect(raw.exec(`UPDATE outgoing_documents SET ${set} WHERE id = ${numbered}`), set).rejects.toThrow(/immutable/);
      }
      // Two numbers swapped in one statement are refused too.
      await expect(
        raw.exec(`UPDATE outgoing_documents SET code_number = 3 - code_number WHERE id IN (${issued}, ${numbered})`),
      ).rejects.toThrow(/immutable/);
    } finally {
      await raw.close();
    }
    expect(await services.outgoing.get(numbered)).toMatchObject({ codeNumber: 2, symbol: '02/QĐ-UBND', year: 2026, register: 'DI' });
    expect(await services.outgoing.get(issued)).toMatchObject({ codeNumber: 1, symbol: '01/QĐ-UBND' });
  });

  it('only drafts can be deleted; numbered and issued documents stay', async () => {
    const { services, dbPath, issued, numbered, draft } = await office();
    const raw = await around(dbPath);
    try {
      await expect(raw.exec(`DELETE FROM outgoing_replies WHERE outgoing_id = ${numbered}`)).resolves.toBeUndefined();
      await expect(raw.exec(`DELETE FROM outgoing_documents WHERE id = ${numbered}`)).rejects.toThrow(/only drafts/);
      await expect(raw.exec(`DELETE FROM outgoing_documents WHERE id IN (${issued}, ${draft})`)).rejects.toThrow(/only drafts/);
      await raw.exec(`DELETE FROM outgoing_documents WHERE id = ${draft}`);
    } finally {
      await raw.close();
    }
    expect((await services.outgoing.list({})).items.map((d) => d.id).sort()).toEqual([issued, numbered].sort());
  });

  it('stored versions (the issued paper copy) are never changed or removed', async () => {
    const { services, dbPath, issued } = await office();
    const stored = await services.outgoing.pdf(issued);
    expect(stored.kind).toBe('paper');
    const raw = await around(dbPath);
    try {
      await expect(raw.exec(`UPDATE outgoing_files SET sha256 = sha256 WHERE outgoing_id = ${issued}`)).rejects.toThrow(/append-only/);
      await expect(raw.exec(`UPDATE outgoing_files SET kind = 'draft' WHERE outgoing_id = ${issued}`)).rejects.toThrow(/append-only/);
      await expect(raw.exec(`DELETE FROM outgoing_files WHERE outgoing_id = ${issued}`)).rejects.toThrow(/append-only/);
    } finally {
      await raw.close();
    }
    const after = await services.outgoing.pdf(issued);
    expect(after.kind).toBe('paper');
    expect(Buffer.from(after.bytes).equals(Buffer.from(stored.bytes))).toBe(true);
    expect((await services.check()).ok).toBe(true);
  });

  it('a register counter never goes back, so no outgoing number is handed out twice', async () => {
    const { services, dbPath } = await office();
    const raw = await around(dbPath);
    try {
      await expect(
        raw.exec("UPDATE register_counters SET last_number = 1 WHERE register_id = (SELECT id FROM registers WHERE code = 'DI')"),
      ).rejects.toThrow(/cannot decrease/);
      // Forward is allowed (numbers reserved on paper, say): the next number follows it.
      await raw.exec("UPDATE register_counters SET last_number = 9 WHERE register_id = (SELECT id FROM registers WHERE code = 'DI')");
    } finally {
      await raw.close();
    }
    const next = await services.outgoing.draft({ ...DRAFT, subject: 'Văn bản tiếp theo' }, ACTOR);
    await services.outgoing.approve(next.id, ACTOR);
    expect((await services.outgoing.number(next.id, ACTOR)).symbol).toBe('10/QĐ-UBND');
  });
});

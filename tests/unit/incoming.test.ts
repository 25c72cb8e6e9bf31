import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTOR, doc, freshServices } from './helpers.js';
import { rawSql, storeKind } from './helpers/stores.js';
import { FileStore } from '../../src/main/attachments/fileStore.js';
import { minimalPdf } from './fixtures/minimalPdf.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d6f50000000049454e44ae426082',
  'hex',
);
const PDF = minimalPdf();

describe('arrival numbers', () => {
  it('run from 1 per register and year, in the order of registration', async () => {
    const { services } = await freshServices();
    const a = await services.incoming.add(doc({ symbol: '1/QĐ-STC' }), ACTOR);
    const b = await services.incoming.add(doc({ symbol: '2/QĐ-STC' }), ACTOR);
    const secret = await services.incoming.add(doc({ symbol: '3/QĐ-STC', secrecy: 'confidential' }), ACTOR);
    expect([a.register, a.arrivalNumber, b.arrivalNumber]).toEqual(['DEN', 1, 2]);
    expect([secret.register, secret.arrivalNumber]).toEqual(['DEN-MAT', 1]);
  });

  it('take the year from the arrival time in Vietnam (UTC+7), not UTC', async () => {
    const { services } = await freshServices({ now: '2026-01-02T10:00:00+07:00' });
    const lastOf2025 = await services.incoming.add(
      doc({ symbol: 'A/1', issuedDate: '2025-12-30', arrivalDate: '2025-12-31T16:59:00Z' }),
      ACTOR,
    );
    const firstOf2026 = await services.incoming.add(
      doc({ symbol: 'A/2', issuedDate: '2025-12-30', arrivalDate: '2025-12-31T17:00:00Z' }),
      ACTOR,
    );
    expect([lastOf2025.year, lastOf2025.arrivalNumber, lastOf2025.arrivalDate]).toEqual([2025, 1, '2025-12-31T23:59:00+07:00']);
    expect([firstOf2026.year, firstOf2026.arrivalNumber, firstOf2026.arrivalDate]).toEqual([2026, 1, '2026-01-01T00:00:00+07:00']);
  });

  it('are never reused: a voided document keeps its number and the next one moves on', async () => {
    const { services } = await freshServices();
    const a = await services.incoming.add(doc({ symbol: '1/X' }), ACTOR);
    const voided = await services.incoming.void(a.id, 'Vào sổ nhầm', ACTOR);
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'Vào sổ nhầm', arrivalNumber: 1 });
    const b = await services.incoming.add(doc({ symbol: '2/X' }), ACTOR);
    expect(b.arrivalNumber).toBe(2);
    await expect(services.incoming.void(a.id, 'lần nữa', ACTOR)).rejects.toMatchObject({ error: { code: 'already_voided' } });
    await expect(services.incoming.void(b.id, '   ', ACTOR)).rejects.toMatchObject({ error: { code: 'required', field: 'reason' } });
  });

  it('show the next number before saving without using it', async () => {
    const { services } = await freshServices();
    expect(await services.incoming.nextNumber({})).toEqual({ register: 'DEN', year: 2026, arrivalNumber: 1 });
    expect(await services.incoming.nextNumber({})).toMatchObject({ arrivalNumber: 1 });
    await services.incoming.add(doc(), ACTOR);
    expect(await services.incoming.nextNumber({})).toMatchObject({ arrivalNumber: 2 });
    expect(await services.incoming.nextNumber({ secrecy: 'secret' })).toMatchObject({ register: 'DEN-MAT', arrivalNumber: 1 });
  });

  it('keep confidential documents out of the ordinary register', async () => {
    const { services } = await freshServices();
    await expect(services.incoming.add(doc({ secrecy: 'secret', register: 'DEN' }), ACTOR)).rejects.toMatchObject({
      error: { code: 'register_mismatch' },
    });
    await expect(services.incoming.add(doc({ register: 'KHONG-CO' }), ACTOR)).rejects.toMatchObject({
      error: { code: 'unknown_register' },
    });
  });
});

describe('a refused input changes nothing', () => {
  it('leaves no row, no number and no audit entry behind', async () => {
    const { services } = await freshServices();
    await expect(services.incoming.add(doc({ issuedDate: '2026-02-30' }), ACTOR)).rejects.toMatchObject({
      error: { code: 'invalid_date', field: 'issuedDate' },
    });
    await expect(services.incoming.add(doc({ subject: 'a\u0000b' }), ACTOR)).rejects.toMatchObject({ error: { code: 'control_chars' } });
    const ok = await services.incoming.add(doc(), ACTOR);
    expect(ok.arrivalNumber).toBe(1);
    expect((await services.check()).audit.entries).toBe(2); // init + create
  });
});

describe('duplicates', () => {
  it('are refused, naming the registered one, unless forced; forcing is audited', async () => {
    const { services } = await freshServices();
    const first = await services.incoming.add(doc(), ACTOR);
    const again = doc({ organName: 'SỞ TÀI CHÍNH TỈNH QUẢNG NGÃI', symbol: '123/qđ-stc', subject: 'khác' });
    await expect(services.incoming.add(again, ACTOR)).rejects.toMatchObject({
      error: { code: 'duplicate', details: { existing: { id: first.id, arrivalNumber: 1 } } },
    });
    const forced = await services.incoming.add(again, { ...ACTOR, force: true });
    expect(forced.arrivalNumber).toBe(2);
    const trail = await services.incoming.auditTrail(forced.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'force_duplicate']);
    expect(trail[1]!.data).toMatchObject({ duplicateOf: { id: first.id, arrivalNumber: 1 } });
  });
});

describe('corrections', () => {
  it('change only the given fields and record old and new values', async () => {
    const { services } = await freshServices();
    const a = await services.incoming.add(doc(), ACTOR);
    const b = await services.incoming.update(a.id, { subject: 'Về việc phân bổ dự toán (bổ sung)', pageAmount: 3 }, ACTOR);
    expect(b).toMatchObject({ subject: 'Về việc phân bổ dự toán (bổ sung)', pageAmount: 3, arrivalNumber: 1, organName: a.organName });
    const trail = await services.incoming.auditTrail(a.id);
    expect(trail.at(-1)).toMatchObject({
      action: 'update',
      actor: 'văn thư A',
      data: { old: { subject: a.subject, pageAmount: null }, new: { subject: b.subject, pageAmount: 3 } },
    });
  });

  it('cannot move a document to another year or register, nor edit a voided one', async () => {
    const { services } = await freshServices();
    const a = await services.incoming.add(doc(), ACTOR);
    await expect(
      services.incoming.update(a.id, { arrivalDate: '2025-12-30T10:00', issuedDate: '2025-12-01' }, ACTOR),
    ).rejects.toMatchObject({
      error: { code: 'year_change' },
    });
    await expect(services.incoming.update(a.id, { secrecy: 'secret' }, ACTOR)).rejects.toMatchObject({
      error: { code: 'register_change' },
    });
    await expect(services.incoming.update(a.id, { arrivalNumber: 7 }, ACTOR)).rejects.toMatchObject({ error: { code: 'immutable_field' } });
    await expect(services.incoming.update(a.id, { issuedDate: '2026-03-06' }, ACTOR)).rejects.toMatchObject({
      error: { code: 'issued_after_arrival' },
    });
    await services.incoming.void(a.id, 'nhầm', ACTOR);
    await expect(services.incoming.update(a.id, { subject: 'x' }, ACTOR)).rejects.toMatchObject({ error: { code: 'voided' } });
    expect((await services.incoming.get(a.id)).subject).toBe(a.subject);
  });

  it('are refused by the database itself for number, register and year, and documents cannot be deleted', async () => {
    const { services, dbPath } = await freshServices();
    const a = await services.incoming.add(doc(), ACTOR);
    await services.close();
    const db = await rawSql(dbPath);
    await expect(db.exec(`UPDATE incoming_documents SET arrival_number = 9 WHERE id = ${a.id}`)).rejects.toThrow(/immutable/);
    await expect(db.exec(`DELETE FROM incoming_documents WHERE id = ${a.id}`)).rejects.toThrow(/never deleted/);
    await expect(db.exec('UPDATE register_counters SET last_number = 0')).rejects.toThrow(/cannot decrease/);
    await db.close();
  });
});

describe('attachments', () => {
  it('are recognised by content, stored once by SHA-256, byte for byte', async () => {
    const { services, dbPath } = await freshServices();
    const a = await services.incoming.add(doc({ symbol: '1/A' }), {
      ...ACTOR,
      attachments: [
        { fileName: 'scan.pdf', bytes: PNG },
        { fileName: 'van-ban.pdf', bytes: PDF },
      ],
    });
    const b = await services.incoming.add(doc({ symbol: '2/A' }), { ...ACTOR, attachments: [{ fileName: 'copy.png', bytes: PNG }] });
    expect(a.attachments.map((x) => [x.fileName, x.mime])).toEqual([
      ['scan.pdf', 'image/png'],
      ['van-ban.pdf', 'application/pdf'],
    ]);
    expect(b.attachments[0]!.sha256).toBe(a.attachments[0]!.sha256);
    expect((await services.files.read(a.attachments[1]!.sha256)).equals(PDF)).toBe(true);
    expect(await services.store.read((r) => r.attachments.allBlobs())).toHaveLength(2); // two distinct contents
    if (storeKind() === 'sqlite') {
      const store = FileStore.besideDatabase(dbPath);
      expect(readFileSync(store.pathOf(a.attachments[1]!.sha256)).equals(PDF)).toBe(true);
      const sub = readdirSync(store.root);
      expect(sub.length).toBe(2); // two distinct contents, two files
    }
  });

  it('of an unknown kind are refused and nothing is registered', async () => {
    const { services } = await freshServices();
    await expect(
      services.incoming.add(doc(), { ...ACTOR, attachments: [{ fileName: 'virus.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') }] }),
    ).rejects.toMatchObject({ error: { code: 'executable_file' } });
    await expect(
      services.incoming.add(doc(), { ...ACTOR, attachments: [{ fileName: 'ghi-chu.pdf', bytes: Buffer.from('chỉ là chữ') }] }),
    ).rejects.toMatchObject({ error: { code: 'unsupported_file' } });
    expect((await services.incoming.list({})).items).toEqual([]);
    expect(await services.incoming.nextNumber({})).toMatchObject({ arrivalNumber: 1 });
  });
});

describe('the audit trail', () => {
  async function tampered(sql: string) {
    const { services, dbPath } = await freshServices();
    const a = await services.incoming.add(doc({ symbol: '1/A' }), ACTOR);
    await services.incoming.add(doc({ symbol: '2/A' }), ACTOR);
    await services.incoming.update(a.id, { subject: 'sửa' }, ACTOR);
    expect((await services.check()).ok).toBe(true);
    const raw = await rawSql(dbPath);
    // An attacker with the file can drop the append-only triggers; the hash chain still tells.
    await raw.dropAuditGuards();
    await raw.exec(sql);
    await raw.close();
    return services.check();
  }

  it('refuses updates and deletes through SQL', async () => {
    const { services, dbPath } = await freshServices();
    await services.incoming.add(doc(), ACTOR);
    const raw = await rawSql(dbPath);
    await expect(raw.exec("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
    await expect(raw.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await raw.close();
  });

  it('detects an edited entry', async () => {
    const report = await tampered("UPDATE audit_log SET actor = 'người khác' WHERE seq = 2");
    expect(report.ok).toBe(false);
    expect(report.audit.problems).toContainEqual({ seq: 2, problem: 'entry content altered' });
  });

  it('detects a deleted entry', async () => {
    const report = await tampered('DELETE FROM audit_log WHERE seq = 3');
    expect(report.audit.ok).toBe(false);
    expect(report.audit.problems.map((p) => p.problem).join()).toMatch(/missing/);
  });

  it('detects a cut-off tail', async () => {
    const report = await tampered('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
    expect(report.audit.ok).toBe(false);
  });
});

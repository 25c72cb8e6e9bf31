/**
 * Two test offices, two databases, one shared folder each way: a document issued and
 * signed by the province (A) is sent as edXML to a department (B), which receives,
 * registers, assigns and completes it; A sees each status arrive (01, 03, 04, 05, 06).
 * Duplicates, recalls, refusals, and a battery of malicious messages through the inbox:
 * refused into «lỗi» with a reason, nothing written. Runs on both stores.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exchangeOnce, FolderTransport, ERROR_DIR, PROCESSED_DIR } from '../../../src/main/interchange/transport.js';
import { parseEdxml } from '../../../src/main/interchange/edxml.js';
import { Pkcs12Signer } from '../../../src/main/signing/pkcs12Signer.js';
import type { Services } from '../../../src/main/services.js';
import type { EdxmlDocumentMessage } from '../../../src/shared/domain/interchange.js';
import { createTestPki, type TestPki } from '../../support/signing/testPki.js';
import { freshServices, tempDir } from '../helpers.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { badMessages } from './messages.js';

const NOW = '2026-05-10T09:00:00+07:00';
const A_ID = '000.00.00.H48';
const B_ID = '000.00.01.H48';
const CLERK = 'văn thư';

let pki: TestPki | null = null;
const testPki = () => (pki ??= createTestPki(undefined, { validAt: [new Date(NOW)] }));

async function issued(a: Services, over: Record<string, unknown> = {}): Promise<number> {
  const { id } = await a.outgoing.draft({ ...DRAFT, ...over }, { actor: CLERK });
  await a.outgoing.approve(id, { actor: 'lãnh đạo' });
  const p = testPki();
  const official = await Pkcs12Signer.open(p.official.p12, p.official.p12Password);
  await a.signing.sign(id, { as: 'official', signer: official, actor: 'lãnh đạo' });
  const org = await Pkcs12Signer.open(p.organisation.p12, p.organisation.p12Password);
  const doc = await a.signing.sign(id, { as: 'organization', signer: org, actor: CLERK });
  expect(doc.status).toBe('issued');
  return id;
}

async function offices() {
  const a = await freshServices({ now: NOW });
  const b = await freshServices({ now: NOW });
  await a.services.init({ actor: 'quản trị', organId: A_ID, place: 'Quảng Ngãi' });
  await b.services.init({ actor: 'quản trị', organId: B_ID, orgName: 'Sở Nội vụ tỉnh Quảng Ngãi', orgCode: 'SNV' });
  await a.services.interchange.addOrgan({ organId: B_ID, name: 'Sở Nội vụ tỉnh Quảng Ngãi', inCharge: 'UBND tỉnh Quảng Ngãi' }, 'quản trị');
  await b.services.interchange.addOrgan({ organId: A_ID, name: 'UBND tỉnh Quảng Ngãi', address: '52 Hùng Vương' }, 'quản trị');
  const aToB = tempDir();
  const bToA = tempDir();
  return {
    a: a.services,
    b: b.services,
    clockA: a.clock,
    aToB,
    bToA,
    // A writes into B's inbox; B answers into A's inbox.
    ta: new FolderTransport(bToA, aToB, 0),
    tb: new FolderTransport(aToB, bToA, 0),
  };
}

describe('a document issued by one office is received, registered, assigned and completed by another', () => {
  it('round trip with every status seen by the sender', async () => {
    const { a, b, ta, tb, aToB, clockA } = await offices();
    const outId = await issued(a);
    const sent = await a.interchange.send(outId, [B_ID], { actor: CLERK });
    expect(sent.messages).toHaveLength(1);
    for (const m of sent.messages) await ta.send(m);
    expect(sent.deliveries).toMatchObject([{ organId: B_ID, status: 'sent', statusLabel: 'Đã gửi' }]);
    // The file written is the message: it parses back with the record's fields.
    const file = readdirSync(aToB).find((f) => f.endsWith('.edxml'))!;
    const m = parseEdxml(readFileSync(path.join(aToB, file))) as EdxmlDocumentMessage;
    const doc = await a.outgoing.get(outId);
    expect(m.header).toMatchObject({
      from: { organId: A_ID, organName: 'Ủy ban nhân dân tỉnh Quảng Ngãi' },
      to: [{ organId: B_ID, organName: 'Sở Nội vụ tỉnh Quảng Ngãi' }],
      documentId: `${A_ID},${doc.issuedDate!.replaceAll('-', '/')},${doc.symbol}`,
      codeNotation: 'QĐ-UBND',
      promulgationDate: doc.issuedDate,
      documentType: { type: 2, typeName: 'Quyết định' },
      subject: DRAFT.subject,
      signer: { competence: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', fullName: 'Nguyễn Văn An' },
      toPlaces: DRAFT.recipients,
    });
    expect(m.attachments).toHaveLength(1);
    const signedPdf = await a.files.read(doc.files.find((f) => f.kind === 'signed_organization')!.sha256);
    expect(Buffer.from(m.attachments[0]!.bytes).equals(signedPdf)).toBe(true);

    // B: the message arrives, pending; 01 goes back.
    const r1 = await exchangeOnce(b.interchange, tb, 'hệ thống');
    expect(r1).toMatchObject({ received: [{ outcome: 'document' }], refused: [], statusesSent: 1 });
    expect(existsSync(path.join(aToB, PROCESSED_DIR, file))).toBe(true);
    const [pending] = await b.interchange.listReceived();
    expect(pending).toMatchObject({ state: 'pending', fromOrganId: A_ID, symbol: doc.symbol, lastStatusSent: '01' });
    expect(await b.incoming.list({})).toMatchObject({ items: [] });
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    expect((await a.interchange.deliveries(outId))[0]).toMatchObject({ status: 'arrived' });

    // B registers it: pre-filled from the header, the signed PDF attached and verified; 03.
    const preview = await b.interchange.preview(pending!.id);
    expect(preview.registration).toMatchObject({
      organName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      symbol: doc.symbol,
      typeName: 'Quyết định',
      channel: 'electronic',
    });
    const reg = await b.interchange.register(pending!.id, { actor: CLERK });
    expect(reg.incoming).toMatchObject({ symbol: doc.symbol, arrivalNumber: 1, channel: 'electronic', subject: DRAFT.subject });
    expect(reg.incoming.attachments).toHaveLength(1);
    expect(reg.incoming.attachments[0]!.verification).toMatchObject({ signatures: [{ intact: true }, { intact: true }] });
    await expect(b.interchange.register(pending!.id, { actor: CLERK })).rejects.toMatchObject({ error: { code: 'edxml_not_pending' } });
    expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).statusesSent).toBe(1);
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    expect((await a.interchange.deliveries(outId))[0]).toMatchObject({ status: 'accepted', statusLabel: 'Đã tiếp nhận' });

    // B's leader assigns it, the unit works on it and completes it: 04, 05, 06.
    await b.directory.addUnit('TCBC', 'Phòng Tổ chức biên chế', CLERK);
    await b.assignments.assign(reg.incoming.id, { lead: 'TCBC', dueWorkingDays: 5, direction: 'Đề nghị xử lý' }, 'lãnh đạo');
    expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).statusesSent).toBe(1);
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    expect((await a.interchange.deliveries(outId))[0]).toMatchObject({ status: 'assigned' });
    await b.assignments.progress(reg.incoming.id, { unit: 'TCBC', status: 'done', reply: '15/SNV-TCBC' }, 'chuyên viên');
    expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).statusesSent).toBe(2);
    expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).statusesSent).toBe(0);
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    const [delivery] = await a.interchange.deliveries(outId);
    expect(delivery).toMatchObject({ status: 'done', statusLabel: 'Hoàn thành' });
    expect(delivery!.history.map((h) => h.code)).toEqual(['01', '03', '04', '05', '06']);

    // The same file again is processed once; the same DocumentId in a new message is a duplicate.
    const before = await b.interchange.listReceived();
    copyFileSync(path.join(aToB, PROCESSED_DIR, file), path.join(aToB, file));
    expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).received).toEqual([{ file, outcome: 'already_processed' }]);
    clockA.set('2026-05-10T10:00:00+07:00');
    for (const mm of (await a.interchange.send(outId, [B_ID], { actor: CLERK })).messages) await ta.send(mm);
    const dup = await exchangeOnce(b.interchange, tb, 'hệ thống');
    expect(dup.refused).toMatchObject([{ code: 'edxml_duplicate' }]);
    expect(await b.interchange.listReceived()).toEqual(before);
    const reason = readdirSync(path.join(aToB, ERROR_DIR)).find((f) => f.endsWith('.lý-do.txt'))!;
    expect(readFileSync(path.join(aToB, ERROR_DIR, reason), 'utf8')).toMatch(/^edxml_duplicate\n/);
    expect((await b.incoming.list({})).items).toHaveLength(1);

    // A sends an update: B applies it to the registered record (no second registration) and answers 15.
    for (const mm of (await a.interchange.send(outId, [B_ID], { actor: CLERK, businessType: 2, reason: 'Bổ sung hạn xử lý' })).messages)
      await ta.send(mm);
    expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).received).toMatchObject([{ outcome: 'document' }]);
    const upd = (await b.interchange.listReceived()).find((r) => r.businessType === 2 && r.state === 'pending')!;
    expect(upd.linkedTo).toBe(pending!.id);
    expect(
      (await b.interchange.register(upd.id, { actor: CLERK, fields: { subject: `${DRAFT.subject} (cập nhật)` } })).incoming,
    ).toMatchObject({
      id: reg.incoming.id,
      arrivalNumber: 1,
      subject: `${DRAFT.subject} (cập nhật)`,
    });
    expect((await b.incoming.list({})).items).toHaveLength(1);
    await exchangeOnce(b.interchange, tb, 'hệ thống');
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    expect((await a.interchange.deliveries(outId)).find((d) => d.businessType === 2)).toMatchObject({ status: 'accepted' });

    // A recalls it: B's document is registered, so B's clerk decides; first refused (16), then agreed (15).
    const recall = async () => {
      for (const mm of (await a.interchange.send(outId, [B_ID], { actor: CLERK, businessType: 1, reason: 'Sai sót nội dung' })).messages)
        await ta.send(mm);
      expect((await exchangeOnce(b.interchange, tb, 'hệ thống')).received).toMatchObject([{ outcome: 'recall' }]);
      return (await b.interchange.listReceived()).find((r) => r.businessType === 1 && r.state === 'pending')!;
    };
    await expect(a.interchange.send(outId, [B_ID], { actor: CLERK, businessType: 1 })).rejects.toMatchObject({
      error: { code: 'required', field: 'reason' },
    });
    const asked = await recall();
    expect(asked).toMatchObject({ incomingId: reg.incoming.id, linkedTo: pending!.id, lastStatusSent: null });
    expect((await b.interchange.preview(asked.id)).attachments).toEqual([]);
    expect((await b.interchange.refuse(asked.id, 'Văn bản đã được xử lý xong', CLERK)).lastStatusSent).toBe('16');
    await exchangeOnce(b.interchange, tb, 'hệ thống');
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    const afterRefusal = await a.interchange.deliveries(outId);
    expect(afterRefusal.find((d) => d.businessType === 1)).toMatchObject({
      status: 'refused',
      note: expect.stringContaining('đã được xử lý xong'),
    });
    expect(afterRefusal.find((d) => d.businessType === 0)).toMatchObject({ status: 'done' });

    clockA.set('2026-05-10T11:00:00+07:00');
    const again = await recall();
    expect((await b.interchange.register(again.id, { actor: CLERK })).incoming.id).toBe(reg.incoming.id);
    expect((await b.interchange.listReceived()).find((r) => r.id === pending!.id)).toMatchObject({
      recalled: true,
      incomingId: reg.incoming.id,
    });
    await exchangeOnce(b.interchange, tb, 'hệ thống');
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    const afterAgree = await a.interchange.deliveries(outId);
    expect(afterAgree.find((d) => d.businessType === 0)).toMatchObject({ status: 'recalled', statusLabel: 'Thu hồi' });
    expect(afterAgree.filter((d) => d.businessType === 1).map((d) => d.status)).toEqual(['refused', 'recalled']);
  }, 300_000); // two offices, two stores' worth of transactions: minutes on a loaded machine

  it('a refusal carries the reason back; a status about an unknown document is refused', async () => {
    const { a, b, ta, tb } = await offices();
    const outId = await issued(a);
    for (const mm of (await a.interchange.send(outId, [B_ID], { actor: CLERK })).messages) await ta.send(mm);
    await exchangeOnce(b.interchange, tb, 'hệ thống');
    const [p] = await b.interchange.listReceived();
    await expect(b.interchange.refuse(p!.id, '  ', CLERK)).rejects.toMatchObject({ error: { code: 'required' } });
    expect(await b.interchange.refuse(p!.id, 'Gửi nhầm cơ quan', CLERK)).toMatchObject({
      state: 'refused',
      refuseReason: 'Gửi nhầm cơ quan',
    });
    await exchangeOnce(b.interchange, tb, 'hệ thống');
    await exchangeOnce(a.interchange, ta, 'hệ thống');
    expect((await a.interchange.deliveries(outId))[0]).toMatchObject({
      status: 'refused',
      note: expect.stringContaining('Gửi nhầm cơ quan'),
    });
    expect((await b.incoming.list({})).items).toHaveLength(0);
    // Sending needs a known organ and an issued document.
    await expect(a.interchange.send(outId, ['000.00.09.H48'], { actor: CLERK })).rejects.toMatchObject({
      error: { code: 'unknown_organ' },
    });
    const { id: draft } = await a.outgoing.draft(DRAFT, { actor: CLERK });
    await expect(a.interchange.send(draft, [B_ID], { actor: CLERK })).rejects.toMatchObject({ error: { code: 'not_issued' } });
  });

  it('malicious and malformed messages in the inbox: each in «lỗi» with its reason, nothing written', async () => {
    const { b, tb, aToB } = await offices();
    const bad = badMessages();
    bad.forEach((m, i) => writeFileSync(path.join(aToB, `${String(i).padStart(2, '0')}.edxml`), m.bytes));
    // A gigabyte claimed by the file's size: refused unread (a sparse file, nothing allocated).
    const { truncateSync } = await import('node:fs');
    writeFileSync(path.join(aToB, 'huge.edxml'), '');
    truncateSync(path.join(aToB, 'huge.edxml'), 1024 * 1024 * 1024);
    const auditBefore = (await b.store.read((r) => r.audit.scan(0, 100_000))).length;
    const r = await exchangeOnce(b.interchange, tb, 'hệ thống');
    expect(r.received).toEqual([]);
    expect(r.refused.map((x) => x.code).sort()).toEqual([...bad.map((m) => m.code)].sort());
    expect(readdirSync(aToB).filter((f) => f.endsWith('.edxml'))).toEqual([]);
    expect(readdirSync(path.join(aToB, ERROR_DIR)).filter((f) => f.endsWith('.lý-do.txt'))).toHaveLength(bad.length + 1);
    expect(readFileSync(path.join(aToB, ERROR_DIR, 'huge.edxml.lý-do.txt'), 'utf8')).toMatch(/^edxml_too_large/);
    expect(await b.interchange.listReceived()).toEqual([]);
    expect((await b.incoming.list({})).items).toEqual([]);
    expect((await b.store.read((x) => x.audit.scan(0, 100_000))).length).toBe(auditBefore);
    expect(r.statusesSent).toBe(0);
  });

  it('the organ directory: both identifier forms, CSV import all or nothing', async () => {
    const { services } = await freshServices({ now: NOW });
    const dir = services.interchange;
    expect(await dir.addOrgan({ organId: 'h37.02.02', name: 'Sở Khoa học và Công nghệ' }, 'quản trị')).toMatchObject({
      organId: 'H37.02.02',
      added: true,
    });
    await expect(dir.addOrgan({ organId: '000.00.H48', name: 'x' }, 'quản trị')).rejects.toMatchObject({
      error: { code: 'invalid_organ_id' },
    });
    await expect(dir.addOrgan({ organId: '000.00.02.H48', name: '' }, 'quản trị')).rejects.toMatchObject({
      error: { code: 'required', field: 'name' },
    });
    const csv =
      'ma_dinh_danh,ten,dia_chi,email,ma_cap_tren\n000.00.02.H48,Sở Tài chính tỉnh Quảng Ngãi,"15 Lê Trung Đình, TP Quảng Ngãi",stc@quangngai.gov.vn,000.00.00.H48\nH37.02.02,Sở KH&CN (đổi tên),,,\n';
    expect(await dir.importOrgans(Buffer.from(csv), 'quản trị')).toEqual({ added: 1, updated: 1 });
    const bad = 'ma_dinh_danh,ten\n000.00.03.H48,Sở Y tế\nkhông-hợp-lệ,Sở X\n';
    await expect(dir.importOrgans(Buffer.from(bad), 'quản trị')).rejects.toMatchObject({ error: { code: 'import_failed' } });
    expect((await dir.listOrgans()).map((o) => [o.organId, o.name, o.parentId])).toEqual([
      ['000.00.02.H48', 'Sở Tài chính tỉnh Quảng Ngãi', '000.00.00.H48'],
      ['H37.02.02', 'Sở KH&CN (đổi tên)', null],
    ]);
    await expect(services.init({ actor: 'x', organId: 'abc' })).rejects.toMatchObject({ error: { code: 'invalid_organ_id' } });
  });
});

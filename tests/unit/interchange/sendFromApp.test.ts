/**
 * Sending and receiving from the app, through the contract as the people who do it: the
 * administrator sets the exchange folders, the clerk sends an issued document to organs of
 * the directory (files in the outbox, one per recipient) and asks for a pass over the inbox;
 * a specialist can do none of it and, refused, writes nothing. The watcher in main picks up
 * what arrives in the inbox on its own. Runs on both stores.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExchangeWatcher } from '../../../src/main/interchange/watcher.js';
import { Pkcs12Signer } from '../../../src/main/signing/pkcs12Signer.js';
import type { Services } from '../../../src/main/services.js';
import type { EdxmlSendView } from '../../../src/shared/contract.js';
import { nullLog } from '../../../src/main/log/localLog.js';
import { toVnIso } from '../../../src/shared/text/dates.js';
import { createTestPki, type TestPki } from '../../support/signing/testPki.js';
import { contractAs, freshServices, tempDir } from '../helpers.js';
import { DRAFT } from '../outgoing/fixtures.js';

const NOW = '2026-05-10T09:00:00+07:00';
const A_ID = '000.00.00.H48';
const B_ID = '000.00.01.H48';

let pki: TestPki | null = null;
const testPki = () => (pki ??= createTestPki(undefined, { validAt: [new Date(NOW)] }));

async function issued(a: Services): Promise<number> {
  const { id } = await a.outgoing.draft(DRAFT, { actor: 'chuyên viên' });
  await a.outgoing.approve(id, { actor: 'lãnh đạo' });
  const p = testPki();
  await a.signing.sign(id, { as: 'official', signer: await Pkcs12Signer.open(p.official.p12, p.official.p12Password), actor: 'lãnh đạo' });
  await a.signing.sign(id, {
    as: 'organization',
    signer: await Pkcs12Signer.open(p.organisation.p12, p.organisation.p12Password),
    actor: 'văn thư',
  });
  return id;
}

describe('sending from the app and watching the inbox, under the permission table', () => {
  it('the administrator sets the folders; the clerk sends and runs the exchange; a specialist is refused and writes nothing', async () => {
    const a = (await freshServices({ now: NOW })).services;
    const b = (await freshServices({ now: NOW })).services;
    await a.init({ actor: 'quản trị', organId: A_ID, place: 'Quảng Ngãi' });
    await b.init({ actor: 'quản trị', organId: B_ID, orgName: 'Sở Nội vụ tỉnh Quảng Ngãi', orgCode: 'SNV' });
    await a.interchange.addOrgan({ organId: B_ID, name: 'Sở Nội vụ tỉnh Quảng Ngãi' }, 'quản trị');
    await b.interchange.addOrgan({ organId: A_ID, name: 'UBND tỉnh Quảng Ngãi' }, 'quản trị');
    const outId = await issued(a);

    const aAdmin = await contractAs(a, 'admin');
    const aClerk = await contractAs(a, 'clerk');
    const aSpecialist = await contractAs(a, 'specialist');
    const aLeader = await contractAs(a, 'leader');
    // A shared folder each way: A's outbox is B's inbox, and the other way round.
    const aToB = tempDir();
    const bToA = tempDir();
    const aErrors = path.join(tempDir(), 'lỗi');
    mkdirSync(aErrors);

    // Before the folders are set, sending is refused with a code and nothing is written.
    expect(await aClerk.call('edxml.send', { id: outId, to: [B_ID] })).toMatchObject({
      ok: false,
      error: { code: 'exchange_not_configured' },
    });
    // Only the administrator sets the folders; bad folders are refused.
    expect(await aClerk.call('exchange.setFolders', { inbox: bToA, outbox: aToB })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const [input, code] of [
      [{ inbox: bToA, outbox: bToA }, 'same_folder'],
      [{ inbox: bToA, outbox: path.join(aToB, 'không-có') }, 'folder_not_found'],
      [{ inbox: 'tuong-doi/nhan', outbox: aToB }, 'invalid_folder'],
      [{ inbox: bToA, outbox: null }, 'required'],
      [{ inbox: bToA, outbox: aToB, intervalSeconds: 1 }, 'invalid_number'],
    ] as const) {
      expect(await aAdmin.call('exchange.setFolders', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await aAdmin.call('exchange.setFolders', { inbox: bToA, outbox: aToB, errors: aErrors, intervalSeconds: 30 })).toMatchObject({
      ok: true,
      value: { inbox: bToA, outbox: aToB, errors: aErrors, intervalSeconds: 30, watching: false, lastPass: null },
    });
    // The clerk sees them; a specialist and a leader do not.
    expect(await aClerk.call('exchange.folders', {})).toMatchObject({ ok: true, value: { inbox: bToA, outbox: aToB } });
    expect(await aSpecialist.call('exchange.folders', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await aLeader.call('exchange.folders', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A specialist may not send, nor run the exchange: nothing in the outbox, no delivery recorded.
    expect(await aSpecialist.call('edxml.send', { id: outId, to: [B_ID] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await aSpecialist.call('exchange.run', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readdirSync(aToB)).toEqual([]);
    expect(await a.interchange.deliveries(outId)).toEqual([]);
    // Coded refusals from the clerk write nothing either.
    expect(await aClerk.call('edxml.send', { id: outId, to: ['000.00.09.H48'] })).toMatchObject({
      ok: false,
      error: { code: 'unknown_organ' },
    });
    expect(await aClerk.call('edxml.send', { id: outId, to: [B_ID], kind: 'recall', reason: 'Gửi nhầm' })).toMatchObject({
      ok: false,
      error: { code: 'not_sent' },
    });
    expect(readdirSync(aToB)).toEqual([]);

    // The clerk sends: one file in the outbox, no temp file left; the delivery «Đã gửi».
    const r = await aClerk.call('edxml.send', { id: outId, to: [B_ID] });
    if (!r.ok) throw new Error(r.error.message);
    const sent = r.value as EdxmlSendView;
    expect(sent.files).toHaveLength(1);
    expect(readdirSync(aToB)).toEqual([path.basename(sent.files[0]!)]);
    expect(sent.deliveries).toMatchObject([{ organId: B_ID, status: 'sent', statusLabel: 'Đã gửi' }]);
    // A leader follows deliveries but does not send.
    expect(await aLeader.call('edxml.deliveries', { id: outId })).toMatchObject({ ok: true, value: [{ status: 'sent' }] });
    expect(await aLeader.call('edxml.send', { id: outId, to: [B_ID], kind: 'update' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // B: its folders set, the watcher in main takes the message on its own (01 goes back).
    const bAdmin = await contractAs(b, 'admin');
    const bClerk = await contractAs(b, 'clerk');
    expect(await bAdmin.call('exchange.setFolders', { inbox: aToB, outbox: bToA })).toMatchObject({ ok: true });
    const watcher = new ExchangeWatcher(b.interchange, () => toVnIso(b.clock()), nullLog, 0);
    watcher.start();
    try {
      const deadline = Date.now() + 60_000;
      while ((await b.interchange.listReceived()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    } finally {
      await watcher.stop();
    }
    const [pending] = await b.interchange.listReceived();
    expect(pending).toMatchObject({ state: 'pending', fromOrganId: A_ID });
    // (A file still settling — younger than 2 s — waits for the next pass; the test waited.)
    const received = await bClerk.call('edxml.received', {});
    expect(received).toMatchObject({ ok: true, value: [{ id: pending!.id }] });
    expect(await bClerk.call('edxml.register', { id: pending!.id })).toMatchObject({
      ok: true,
      value: { received: { state: 'registered' } },
    });
    // The clerk asks for a pass now: the 03 is written (the 01 was written by the watcher).
    const pass = await bClerk.call('exchange.run', {});
    expect(pass).toMatchObject({ ok: true, value: { refused: [], statusesSent: 1 } });
    expect(readdirSync(bToA).filter((f) => f.endsWith('.edxml'))).toHaveLength(2);
    expect(await bClerk.call('exchange.folders', {})).toMatchObject({ ok: true, value: { lastPass: { statusesSent: 1 } } });

    // A's clerk runs A's exchange: the delivery shows B accepted it.
    await new Promise((r) => setTimeout(r, 2100)); // the files B wrote settle
    expect(await aClerk.call('exchange.run', {})).toMatchObject({
      ok: true,
      value: { received: [{ outcome: 'status' }, { outcome: 'status' }] },
    });
    expect(await aClerk.call('edxml.deliveries', { id: outId })).toMatchObject({
      ok: true,
      value: [{ organId: B_ID, status: 'accepted', history: [{ code: '01' }, { code: '03' }] }],
    });
    // The recall from the same place: a reason is required; then it goes out as a message.
    expect(await aClerk.call('edxml.send', { id: outId, to: [B_ID], kind: 'recall' })).toMatchObject({
      ok: false,
      error: { code: 'required', field: 'reason' },
    });
    const recall = await aClerk.call('edxml.send', { id: outId, to: [B_ID], kind: 'recall', reason: 'Sai sót số liệu' });
    expect(recall).toMatchObject({ ok: true, value: { deliveries: [{ businessType: 0 }, { businessType: 1, status: 'sent' }] } });
    expect(readdirSync(aToB).filter((f) => f.endsWith('_1.edxml'))).toHaveLength(1);
  }, 240_000);
});

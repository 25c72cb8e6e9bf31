/**
 * Interchange commands through the real `vanthu` command line: the trust store for
 * Vietnamese CAs (`trust import`, `trust legacy`), the organ directory, edXML export and
 * import, the exchange through folders.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestPki } from '../../support/signing/testPki.js';
import { initOffice, openOffice } from './office.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { badMessages } from '../interchange/messages.js';

describe('trust store on the command line', () => {
  it('imports a PEM bundle: the root as an anchor (legacy when asked), the intermediate kept apart; marks and unmarks legacy', () => {
    const o = initOffice();
    const pki = createTestPki();
    const bundle = o.file('bundle.pem');
    writeFileSync(bundle, pki.rootPem + '\n' + pki.intermediatePem);
    const r = o.vanthu(['trust', 'import', bundle, '--legacy']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ added: 2, anchors: 1, intermediates: 1 });
    const certs = r.json().certificates as { id: number; kind: string; legacy: boolean }[];
    expect(certs.map((c) => [c.kind, c.legacy])).toEqual([
      ['anchor', true],
      ['intermediate', false],
    ]);
    const root = certs.find((c) => c.kind === 'anchor')!;
    const inter = certs.find((c) => c.kind === 'intermediate')!;
    expect(o.vanthu(['trust', 'legacy', String(root.id), '--off']).json()).toMatchObject({ legacy: false });
    o.refused(['trust', 'legacy', String(inter.id)], 'not_an_anchor', 'id');
    const junk = o.file('junk.p7b');
    writeFileSync(junk, Buffer.from([0x30, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04]));
    o.refused(['trust', 'import', junk], 'invalid_certificate', 'file');
    o.refused(['trust', 'import', o.file('missing.pem')], 'file_not_found', 'file');
    expect((o.vanthu(['trust', 'list']).json() as unknown[]).length).toBe(2);
    expect(o.vanthu(['trust', 'remove', String(inter.id)]).json()).toMatchObject({ id: inter.id, kind: 'intermediate' });
    expect((o.vanthu(['trust', 'list']).json() as { id: number }[]).map((c) => c.id)).toEqual([root.id]);
    o.refused(['trust', 'remove', String(inter.id)], 'not_found', 'id');
    o.refused(['trust', 'remove', 'abc'], 'invalid_id', 'id');
  });
});

describe('edXML between two offices on the command line', () => {
  it('organ directory, export, import and register, status answers through the exchange, deliveries seen', () => {
    const NOW = '2026-05-10T09:00:00+07:00';
    const a = openOffice(NOW);
    const b = openOffice(NOW);
    expect(
      a.vanthu([
        'init',
        '--org-name',
        'Ủy ban nhân dân tỉnh Quảng Ngãi',
        '--org-code',
        'UBND',
        '--place',
        'Quảng Ngãi',
        '--organ-id',
        '000.00.00.H48',
      ]).code,
    ).toBe(0);
    expect(b.vanthu(['init', '--org-name', 'Sở Nội vụ tỉnh Quảng Ngãi', '--org-code', 'SNV', '--organ-id', '000.00.01.H48']).code).toBe(0);
    b.refused(['init', '--organ-id', 'H4'], 'invalid_organ_id', 'organId');
    // The directory: a CSV for A, one organ by hand for B; bad identifiers refused.
    const csv = a.file('danh-ba.csv');
    writeFileSync(csv, 'ma_dinh_danh,ten,co_quan_chu_quan\n000.00.01.H48,Sở Nội vụ tỉnh Quảng Ngãi,UBND tỉnh Quảng Ngãi\n');
    expect(a.vanthu(['organ', 'import', csv]).json()).toEqual({ added: 1, updated: 0 });
    expect(a.vanthu(['organ', 'list']).json()).toMatchObject([{ organId: '000.00.01.H48', inCharge: 'UBND tỉnh Quảng Ngãi' }]);
    expect(b.vanthu(['organ', 'add', '--id', '000.00.00.H48', '--name', 'UBND tỉnh Quảng Ngãi']).code).toBe(0);
    b.refused(['organ', 'add', '--id', '00.00.H48', '--name', 'Sai mã'], 'invalid_organ_id', 'organId');

    // A issues a document electronically and exports it for B.
    const pki = createTestPki(a.dir, { validAt: [new Date(NOW)] });
    const env = { VT_OFF_PW: pki.official.p12Password, VT_ORG_PW: pki.organisation.p12Password };
    const id = String(a.vanthu(['outgoing', 'draft', '--data', JSON.stringify(DRAFT)]).json().id);
    a.vanthu(['outgoing', 'approve', id]);
    expect(
      a.vanthu(['outgoing', 'sign', id, '--as', 'official', '--p12', pki.official.p12File!, '--p12-password-env', 'VT_OFF_PW'], { env })
        .code,
    ).toBe(0);
    const issued = a.vanthu(
      ['outgoing', 'sign', id, '--as', 'organization', '--p12', pki.organisation.p12File!, '--p12-password-env', 'VT_ORG_PW'],
      { env },
    );
    expect(issued.json()).toMatchObject({ status: 'issued' });
    const aToB = path.join(a.dir, 'gui-sang-snv');
    const bToA = path.join(b.dir, 'tra-loi-ubnd');
    a.refused(['edxml', 'export', id, '--to', '000.00.09.H48', '--out', aToB], 'unknown_organ', 'to');
    const exported = a.vanthu(['edxml', 'export', id, '--to', '000.00.01.H48', '--out', aToB]).json();
    expect(exported).toMatchObject({ documentId: '000.00.00.H48,2026/05/10,01/QĐ-UBND', deliveries: [{ status: 'sent' }] });
    const file = (exported.files as string[])[0]!;

    // From the folders the administrator set: the clerk's `edxml send`; a specialist is refused.
    const inbox = path.join(a.dir, 'hop-thu-nhan');
    const outbox = path.join(a.dir, 'hop-thu-gui');
    mkdirSync(inbox);
    mkdirSync(outbox);
    a.refused(['edxml', 'send', id, '--to', '000.00.01.H48', '--update'], 'exchange_not_configured', 'outbox');
    a.refused(['exchange', 'set-folders', '--inbox', inbox, '--outbox', inbox], 'same_folder', 'outbox');
    a.refused(['exchange', 'set-folders', '--inbox', inbox, '--outbox', outbox, '--interval', 'x'], 'invalid_number', 'intervalSeconds');
    expect(a.vanthu(['exchange', 'set-folders', '--inbox', inbox, '--outbox', outbox, '--interval', '30']).json()).toMatchObject({
      inbox,
      outbox,
      errors: null,
      intervalSeconds: 30,
    });
    const pw = { SP_TEMP: 'Tạm-thời-2026-cv', SP_OWN: 'Của-riêng-2026-cv' };
    const sp = ['--user', 'cv.thu', '--password-env', 'SP_OWN'];
    a.vanthu(['user', 'add', 'cv.thu', '--full-name', 'Phạm Chuyên Viên', '--role', 'specialist', '--new-password-env', 'SP_TEMP'], {
      env: pw,
    });
    a.vanthu(['passwd', '--user', 'cv.thu', '--password-env', 'SP_TEMP', '--new-password-env', 'SP_OWN'], { env: pw });
    // (Signing in is itself recorded, so the refusal is checked by what it would have written.)
    const deliveries = a.vanthu(['edxml', 'deliveries', id]).stdout;
    const forbidden = (args: string[]) => {
      const r = a.vanthu([...args, ...sp], { env: pw });
      expect(r.code, r.stderr).toBe(2);
      expect(r.error()).toMatchObject({ code: 'forbidden' });
    };
    forbidden(['edxml', 'send', id, '--to', '000.00.01.H48', '--update']);
    forbidden(['exchange', 'folders']);
    forbidden(['exchange', 'set-folders', '--inbox', outbox, '--outbox', inbox]);
    expect(readdirSync(outbox)).toEqual([]);
    expect(a.vanthu(['edxml', 'deliveries', id]).stdout).toBe(deliveries);
    expect(a.vanthu(['exchange', 'folders']).json()).toMatchObject({ inbox, outbox, intervalSeconds: 30 });
    const update = a.vanthu(['edxml', 'send', id, '--to', '000.00.01.H48', '--update']).json();
    expect(update).toMatchObject({ deliveries: [{ businessType: 0 }, { businessType: 2, status: 'sent' }] });
    expect(readdirSync(outbox)).toEqual([path.basename((update.files as string[])[0]!)]);

    // B reads it: a pending registration pre-filled from the header; then registers it.
    b.refused(['edxml', 'status', file], 'edxml_not_status', 'file');
    const got = b.vanthu(['edxml', 'import', file]).json();
    expect(got).toMatchObject({
      kind: 'document',
      received: { state: 'pending', fromOrganId: '000.00.00.H48' },
      registration: { symbol: '01/QĐ-UBND', typeName: 'Quyết định', organName: 'Ủy ban nhân dân tỉnh Quảng Ngãi' },
      attachments: [{ contentType: 'application/pdf' }],
    });
    expect(b.vanthu(['edxml', 'import', file]).json()).toEqual({ kind: 'already_processed' });
    expect(b.vanthu(['edxml', 'received']).json()).toHaveLength(1);
    const receivedId = String((got.received as { id: number }).id);
    expect(b.vanthu(['edxml', 'register', receivedId]).json()).toMatchObject({
      received: { state: 'registered' },
      incoming: { arrivalNumber: 1 },
    });
    b.refused(['edxml', 'refuse', receivedId, '--reason', 'muộn'], 'edxml_not_pending', 'id');
    // Malicious input changes nothing.
    const xxe = b.file('xxe.edxml');
    writeFileSync(xxe, badMessages()[0]!.bytes);
    b.refused(['edxml', 'import', xxe], 'edxml_dtd', 'file');

    // B's exchange writes 01 and 03; A's exchange reads them.
    const empty = path.join(b.dir, 'hop-thu-den');
    expect(b.vanthu(['exchange', 'run', '--inbox', empty, '--outbox', bToA, '--once']).json()).toMatchObject({
      statusesSent: 2,
      refused: [],
    });
    const statuses = readdirSync(bToA).sort();
    expect(a.vanthu(['edxml', 'status', path.join(bToA, statuses[0]!)]).json()).toMatchObject({
      kind: 'status',
      code: '01',
      deliveries: 1,
    });
    const run = a.vanthu(['exchange', 'run', '--inbox', bToA, '--outbox', aToB, '--once']).json();
    expect(run).toMatchObject({ received: [{ outcome: 'already_processed' }, { outcome: 'status' }], refused: [] });
    expect(a.vanthu(['edxml', 'deliveries', id]).json()).toMatchObject([
      { organId: '000.00.01.H48', status: 'accepted', statusLabel: 'Đã tiếp nhận', history: [{ code: '01' }, { code: '03' }] },
      // The update sent from the configured outbox waits for B's answer (15 or 16).
      { organId: '000.00.01.H48', businessType: 2, status: 'sent' },
    ]);
  }, 420_000); // two offices, some 50 CLI processes: minutes on a loaded machine
});

/**
 * Interchange commands through the real `vanthu` command line: the trust store for
 * Vietnamese CAs (`trust import`, `trust legacy`).
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestPki } from '../../support/signing/testPki.js';
import { initOffice } from './office.js';

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
  });
});

/**
 * Vietnamese trust anchors, with the public certificates of ../shared/vn-trust/ and the real
 * PDFs signed by Vietnamese bodies in ../shared/real-signed/ (read from there at run time;
 * see tests/unit/helpers/shared.ts). Every certificate imports — roots as anchors, every
 * other CA certificate as an intermediate — and once they are imported (the SHA-1 roots
 * marked legacy, as an administrator would), each real PDF verifies as its README says a
 * person expects: intact and chained to a Vietnamese root judged at its timestamp or signing
 * time; the one whose intermediate is missing "incomplete", not invalid; the rewritten one
 * flagged; the +7 h and out-of-order times warnings. Runs on both stores.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../../src/main/services.js';
import { parseCertificate, pemToDerList, selfSigned } from '../../../src/main/signing/x509.js';
import { freshServices, tempDir } from '../helpers.js';
import { SHARED_MISSING, sharedDir } from '../helpers/shared.js';

const TRUST = sharedDir('vn-trust');
const SIGNED = sharedDir('real-signed');
const NOW = '2026-11-20T09:00:00+07:00';
/** The SHA-1 roots (Government CA G1, MIC National Root CA): an administrator marks them legacy. */
const LEGACY = ['vgca-rootca-g1.pem', 'mic-nrca-sha1.pem'];

const pems = () => readdirSync(TRUST!).filter((f) => f.endsWith('.pem'));

async function importAll(services: Services, opts: { legacy: boolean }) {
  const results = [];
  for (const f of pems()) {
    results.push({
      f,
      r: await services.trust.import(readFileSync(path.join(TRUST!, f)), { actor: 'quản trị', legacy: opts.legacy && LEGACY.includes(f) }),
    });
  }
  return results;
}

describe.skipIf(!TRUST)(`every certificate of vn-trust imports ${TRUST ? '' : SHARED_MISSING}`, () => {
  it('roots become anchors, every other certificate an intermediate; nothing is lost or doubled', async () => {
    const { services } = await freshServices({ now: NOW });
    const all = new Map<string, boolean>();
    for (const f of pems())
      for (const der of pemToDerList(readFileSync(path.join(TRUST!, f), 'utf8'))) {
        const c = parseCertificate(der);
        all.set(c.sha256.toString('hex'), selfSigned(c));
      }
    const results = await importAll(services, { legacy: true });
    expect(results.reduce((n, x) => n + x.r.added, 0)).toBe(all.size);
    const list = await services.trust.list();
    expect(list).toHaveLength(all.size);
    for (const t of list) expect(t.kind, t.subject).toBe(all.get(t.sha256) ? 'anchor' : 'intermediate');
    expect(list.filter((t) => t.kind === 'anchor').length).toBeGreaterThanOrEqual(8);
    // Only the roots asked for are legacy; the admin screen's columns are all there.
    const legacy = list.filter((t) => t.legacy).map((t) => t.subject);
    expect(legacy).toHaveLength(2);
    expect(legacy).toEqual(
      expect.arrayContaining([expect.stringContaining('Co quan chung thuc so chuyen dung Chinh phu'), expect.stringContaining('MIC')]),
    );
    const g2 = list.find((t) => t.subject.includes('RootCA chuyên dùng Chính phủ G2'))!;
    expect(g2).toMatchObject({ kind: 'anchor', legacy: false, sha1: false });
    expect(g2.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(g2.notBefore)).toBeLessThan(Date.parse(g2.notAfter));
    // Importing again adds nothing.
    expect((await importAll(services, { legacy: true })).reduce((n, x) => n + x.r.added, 0)).toBe(0);
  });

  it('reads PKCS#7 bundles (.p7b in DER, .p7c in PEM) and a DER certificate; junk is refused, nothing kept', async () => {
    const { services } = await freshServices({ now: NOW });
    const dir = tempDir();
    const bundle = path.join(dir, 'vgca.pem');
    writeFileSync(
      bundle,
      ['vgca-rootca-g2.pem', 'vgca-cpcag2.pem', 'vgca-dcscag2.pem'].map((f) => readFileSync(path.join(TRUST!, f), 'utf8')).join('\n'),
    );
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', bundle, '-outform', 'DER', '-out', path.join(dir, 'vgca.p7b')]);
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', bundle, '-outform', 'PEM', '-out', path.join(dir, 'vgca.p7c')]);
    const der = await services.trust.import(readFileSync(path.join(dir, 'vgca.p7b')), { actor: 'quản trị' });
    expect(der).toMatchObject({ added: 3, anchors: 1, intermediates: 2 });
    const pem = await services.trust.import(readFileSync(path.join(dir, 'vgca.p7c')), { actor: 'quản trị' });
    expect(pem).toMatchObject({ added: 0, anchors: 1, intermediates: 2 });
    execFileSync('openssl', ['x509', '-in', path.join(TRUST!, 'vnrca-g2.pem'), '-outform', 'DER', '-out', path.join(dir, 'root.cer')]);
    expect(await services.trust.import(readFileSync(path.join(dir, 'root.cer')), { actor: 'quản trị' })).toMatchObject({
      added: 1,
      anchors: 1,
    });
    const before = await services.trust.list();
    await expect(services.trust.import(Buffer.from('not a certificate'), { actor: 'x' })).rejects.toMatchObject({
      error: { code: 'invalid_certificate' },
    });
    await expect(services.trust.import(Buffer.from([0x30, 0x82, 0x01]), { actor: 'x' })).rejects.toMatchObject({
      error: { code: 'invalid_certificate' },
    });
    expect(await services.trust.list()).toEqual(before);
  });
});

describe.skipIf(!TRUST || !SIGNED)(`real signed PDFs verify as a person expects ${TRUST && SIGNED ? '' : SHARED_MISSING}`, () => {
  const verify = async (services: Services, f: string) => services.verify(readFileSync(path.join(SIGNED!, f)));
  const codes = (r: { warnings: unknown[] }) => r.warnings.map((w) => (w as { code: string }).code);

  it('every signature intact and chained to a Vietnamese root, judged at its timestamp or signing time', async () => {
    const { services } = await freshServices({ now: NOW });
    await importAll(services, { legacy: true });
    const roots = (await services.trust.list()).filter((t) => t.kind === 'anchor').map((t) => t.subject);
    const good = [
      'bhxh-cv1245-2024-9sig.pdf',
      'bhxh-cv1923-2024-16sig.pdf',
      'byt-qd4469-2020-7sig.pdf',
      'chinhphu-nd08-2018-sha1.pdf',
      'contract-2022-easyca-misaca-2sig.pdf',
      'contract-appendix-2021-misaca-cades.pdf',
      'vpqh-vbhn-blhs-2025-4sig.pdf',
    ];
    const counts: Record<string, number> = {};
    for (const f of good) {
      const r = await verify(services, f);
      counts[f] = r.signatures.length;
      expect(r.verdict, f).toBe('valid');
      for (const s of r.signatures) {
        expect(s, `${f} #${s.index}`).toMatchObject({ intact: true, chain: 'trusted', status: 'valid', revocation: 'not_checked' });
        const top = (s.chainPath as string[]).at(-1)!;
        expect(
          roots.some((root) => root.includes(top)),
          `${f} #${s.index} ends at ${top}`,
        ).toBe(true);
      }
    }
    expect(counts).toMatchObject({ 'bhxh-cv1245-2024-9sig.pdf': 9, 'bhxh-cv1923-2024-16sig.pdf': 16, 'byt-qd4469-2020-7sig.pdf': 7 });
    // Timestamped signatures are judged at the TSA's time, and the timestamps themselves verify.
    const byt = await verify(services, 'byt-qd4469-2020-7sig.pdf');
    for (const s of byt.signatures) {
      expect(s.timestamp).toMatchObject({ intact: true, chain: 'trusted' });
      expect(s.judgedAt).toBe((s.timestamp as { time: string }).time);
    }
    // Government chains often embed the signer's certificate only: completed from the known intermediates.
    expect(byt.signatures[0]!.chainPath).toHaveLength(3);
  });

  it('+7 h signing times and out-of-order timestamps are warnings, not verdicts; SHA-1 only under a legacy root, said so', async () => {
    const { services } = await freshServices({ now: NOW });
    await importAll(services, { legacy: true });
    const byt = await verify(services, 'byt-qd4469-2020-7sig.pdf');
    expect(byt.verdict).toBe('valid');
    expect(codes(byt).filter((c) => c === 'signing_time_offset')).toHaveLength(6);
    const bhxh = await verify(services, 'bhxh-cv1923-2024-16sig.pdf');
    expect(bhxh.verdict).toBe('valid');
    expect(codes(bhxh)).toContain('times_out_of_order');
    const sha1 = await verify(services, 'chinhphu-nd08-2018-sha1.pdf');
    expect(sha1.verdict).toBe('valid');
    expect(codes(sha1)).toEqual(expect.arrayContaining(['legacy_sha1', 'sha1_digest']));
  });

  it('without a legacy mark the SHA-1 government chain is not accepted (indeterminate, not invalid)', async () => {
    const { services } = await freshServices({ now: NOW });
    await importAll(services, { legacy: false });
    const r = await verify(services, 'chinhphu-nd08-2018-sha1.pdf');
    expect(r.verdict).toBe('indeterminate');
    expect(r.signatures[0]).toMatchObject({ intact: true, chain: 'weak_algorithm' });
    // The admin marks G1 legacy: accepted.
    const g1 = (await services.trust.list()).find((t) => t.kind === 'anchor' && t.sha1 && t.subject.includes('chuyen dung Chinh phu'))!;
    await services.trust.setLegacy(g1.id, true, 'quản trị');
    expect((await verify(services, 'chinhphu-nd08-2018-sha1.pdf')).verdict).toBe('valid');
  });

  it('a missing intermediate is "incomplete", not invalid; the rewritten file is flagged', async () => {
    const { services } = await freshServices({ now: NOW });
    await importAll(services, { legacy: true });
    const congbao = await verify(services, 'congbao-nd28-2026-cades.pdf');
    expect(congbao.verdict).toBe('indeterminate');
    expect(congbao.signatures[0]).toMatchObject({ intact: true, chain: 'incomplete', problems: ['chain_incomplete'] });
    expect(congbao.signatures[0]!.missingIssuer).toContain('CA phục vụ cho dịch vụ phần mềm G2');
    expect(codes(congbao)).toContain('chain_incomplete');
    const neg = await verify(services, 'neg-byt-qd130-2023-digest-mismatch.pdf');
    expect(neg.verdict).toBe('invalid');
    expect(codes(neg)).toContain('rewritten_after_signing');
    expect(neg.signatures.filter((s) => (s.problems as string[]).includes('digest_mismatch'))).toHaveLength(3);
    expect(neg.signatures.every((s) => !s.intact)).toBe(true);
  });

  it('before any anchor is imported, nothing is called trusted', async () => {
    const { services } = await freshServices({ now: NOW });
    const r = await verify(services, 'vpqh-vbhn-blhs-2025-4sig.pdf');
    expect(r.verdict).toBe('indeterminate');
    expect(r.signatures.every((s) => s.intact && s.chain !== 'trusted')).toBe(true);
  });
});

/**
 * The two signers: a .p12 file (forge's and OpenSSL 3's formats) and a PKCS#11 token
 * (SoftHSM2 in a temporary token folder, key and certificate imported with the Debian
 * tools softhsm2-util and pkcs11-tool), with their error codes.
 */
import { execFileSync } from 'node:child_process';
import { constants, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pkcs11Signer, Pkcs12Signer, signPdf, verifyPdf } from '../../../src/main/signing/index.js';
import { parseCertificate } from '../../../src/main/signing/x509.js';
import { buildSampleDocument } from '../../support/signing/sample.js';
import { AppFailure } from '../../../src/shared/result.js';
import { createFixture, opensslP12, pdfsig, type Fixture } from './helpers.js';

let fx: Fixture;
beforeAll(() => {
  fx = createFixture();
});
afterAll(() => fx?.cleanup());

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return { code: e.error.code, message: e.error.message };
    throw e;
  }
  return { code: 'no error', message: '' };
}

const cnOf = (der: Uint8Array) => parseCertificate(der).subjectCN;

describe('Pkcs12Signer', () => {
  it('opens forge (AES-256, 3DES) and OpenSSL 3 files; chain ordered leaf → root', async () => {
    const files: [string | Uint8Array, string, string][] = [
      [fx.pki.official.p12, fx.pki.official.p12Password, 'Nguyễn Văn An'],
      [fx.pki.organisation.p12File!, fx.pki.organisation.p12Password, 'Ủy ban nhân dân tỉnh Quảng Ngãi'],
      [opensslP12(fx, fx.pki.official, 'mật khẩu có dấu'), 'mật khẩu có dấu', 'Nguyễn Văn An'],
    ];
    for (const [src, pw, cn] of files) {
      const s = await Pkcs12Signer.open(src, pw);
      const chain = await s.certificateChain();
      expect(chain.map(cnOf)).toEqual([cn, 'VănThư Test Sub CA', 'VănThư Test Root CA']);
      const data = Buffer.from('signed attributes');
      const sig = await s.sign(data);
      const key = new X509Certificate(chain[0]!).publicKey;
      expect(cryptoVerify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, sig)).toBe(true);
      expect(sig).toHaveLength(256);
    }
  });

  it('wrong password → wrong_password, and the password appears nowhere', async () => {
    for (const src of [fx.pki.official.p12, fx.pki.organisation.p12, opensslP12(fx, fx.pki.official, 'right')]) {
      const e = await errorOf(Pkcs12Signer.open(src, 'sai-mật-khẩu'));
      expect(e.code).toBe('wrong_password');
      expect(e.message).toMatch(/Mật khẩu/);
      expect(e.message).not.toContain('sai-mật-khẩu');
    }
    const s = await Pkcs12Signer.open(fx.pki.official.p12, fx.pki.official.p12Password);
    expect(JSON.stringify(Object.values(s))).not.toContain(fx.pki.official.p12Password);
  });

  it('a .p12 without a key → no_private_key; not a .p12 → invalid_p12; key without its certificate → no_certificate', async () => {
    expect((await errorOf(Pkcs12Signer.open(opensslP12(fx, fx.pki.official, 'x', { noKeys: true }), 'x'))).code).toBe('no_private_key');
    expect((await errorOf(Pkcs12Signer.open(Buffer.from('definitely not DER'), 'x'))).code).toBe('invalid_p12');
    const key = forge.pki.privateKeyFromPem(fx.pki.organisation.keyPem);
    const wrongCert = forge.pki.certificateFromPem(fx.pki.official.certPem);
    const mismatched = Buffer.from(
      forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [wrongCert], 'p', { algorithm: '3des' })).getBytes(),
      'binary',
    );
    expect((await errorOf(Pkcs12Signer.open(mismatched, 'p'))).code).toBe('no_certificate');
  });

  it('validAt: an expired or not yet valid certificate is refused when opened', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const expired = await errorOf(Pkcs12Signer.open(fx.pki.expired.p12, fx.pki.expired.p12Password, { validAt: now }));
    expect(expired.code).toBe('certificate_expired');
    expect(expired.message).toContain('Trần Thị Bình');
    expect((await errorOf(Pkcs12Signer.open(fx.pki.notYetValid.p12, fx.pki.notYetValid.p12Password, { validAt: now }))).code).toBe(
      'certificate_not_yet_valid',
    );
    await expect(Pkcs12Signer.open(fx.pki.official.p12, fx.pki.official.p12Password, { validAt: now })).resolves.toBeInstanceOf(
      Pkcs12Signer,
    );
  });
});

const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';

// Never skipped: `npm test` installs SoftHSM2 (scripts/lib/tools.mjs) or stops and says how.
// Run without it (plain `npx vitest`), these tests fail with that instruction.
describe('Pkcs11Signer (SoftHSM2)', () => {
  const label = 'VANTHU-TEST';
  const pin = '123456';
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    if (!existsSync(SOFTHSM)) {
      throw new Error(
        `${SOFTHSM} is missing: install SoftHSM2 (Debian: apt-get install softhsm2 opensc), or run \`npm test\`, which does.`,
      );
    }
    const dir = path.join(fx.dir, 'softhsm');
    mkdirSync(path.join(dir, 'tokens'), { recursive: true });
    const conf = path.join(dir, 'softhsm2.conf');
    writeFileSync(conf, `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`);
    // SoftHSM reads its configuration when the library initialises, in this process too.
    process.env.SOFTHSM2_CONF = conf;
    env = { ...process.env, SOFTHSM2_CONF: conf };
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: 'pipe' });
    run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '12345678']);
    run('softhsm2-util', [
      '--import',
      path.join(fx.dir, 'official.key.pem'),
      '--token',
      label,
      '--label',
      'official',
      '--id',
      '01',
      '--pin',
      pin,
    ]);
    const der = (pem: string, name: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(), 'binary');
      return f;
    };
    const p11 = ['--module', SOFTHSM, '--token-label', label, '--login', '--pin', pin];
    run('pkcs11-tool', [
      ...p11,
      '--write-object',
      der(fx.pki.official.certPem, 'official.der'),
      '--type',
      'cert',
      '--id',
      '01',
      '--label',
      'official',
    ]);
    run('pkcs11-tool', [
      ...p11,
      '--write-object',
      der(fx.pki.intermediatePem, 'sub.der'),
      '--type',
      'cert',
      '--id',
      'a1',
      '--label',
      'sub-ca',
    ]);
  });

  it('signs with the key on the token; the chain comes from the token', async () => {
    for (const mechanism of [undefined, 'CKM_RSA_PKCS'] as const) {
      const signer = await Pkcs11Signer.open({ library: SOFTHSM, tokenLabel: label, pin, keyIdHex: '01', mechanism });
      try {
        expect((await signer.certificateChain()).map(cnOf)).toEqual(['Nguyễn Văn An', 'VănThư Test Sub CA']);
        const doc = await buildSampleDocument();
        const signed = await signPdf(doc.bytes, { signer, signedAt: new Date('2026-05-10T07:25:41Z'), field: { page: 0 } });
        const r = await verifyPdf(signed, { trustAnchors: [fx.pki.rootPem], now: new Date('2026-06-01T00:00:00Z') });
        expect(r.verdict).toBe('valid');
        expect(r.signatures[0]!.signer).toBe('Nguyễn Văn An');
        expect(pdfsig(fx, fx.file(`pkcs11-${mechanism ?? 'default'}.pdf`, signed)).out).toContain('Signature is Valid.');
      } finally {
        await signer.close();
      }
    }
  });

  it('concurrent signatures on one session are queued', async () => {
    const signer = await Pkcs11Signer.open({ library: SOFTHSM, tokenLabel: label, pin, keyIdHex: '01' });
    try {
      const sigs = await Promise.all([1, 2, 3, 4].map((i) => signer.sign(Buffer.from(`data ${i}`))));
      const key = new X509Certificate((await signer.certificateChain())[0]!).publicKey;
      sigs.forEach((s, i) =>
        expect(cryptoVerify('sha256', Buffer.from(`data ${i + 1}`), { key, padding: constants.RSA_PKCS1_PADDING }, s)).toBe(true),
      );
    } finally {
      await signer.close();
    }
    await expect(signer.sign(Buffer.from('x'))).rejects.toThrow(/signing_failed/);
  });

  it('wrong PIN, unknown token, unknown key, missing library → stable codes', async () => {
    const base = { library: SOFTHSM, tokenLabel: label, pin, keyIdHex: '01' };
    const wrong = await errorOf(Pkcs11Signer.open({ ...base, pin: '000000' }));
    expect(wrong.code).toBe('wrong_pin');
    expect(wrong.message).not.toContain('000000');
    expect((await errorOf(Pkcs11Signer.open({ ...base, tokenLabel: 'NO-SUCH-TOKEN' }))).code).toBe('token_not_found');
    expect((await errorOf(Pkcs11Signer.open({ ...base, keyIdHex: 'ff' }))).code).toBe('key_not_found');
    expect((await errorOf(Pkcs11Signer.open({ ...base, library: '/nonexistent/libpkcs11.so' }))).code).toBe('pkcs11_library_not_found');
    // …and the token still works afterwards
    const ok = await Pkcs11Signer.open(base);
    await ok.close();
  });
});

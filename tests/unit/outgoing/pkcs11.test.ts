/**
 * An outgoing document issued electronically from a token (PKCS#11, SoftHSM2), the whole way
 * through the real command line: the administrator allows the token's library on this PC,
 * the official signs with the key on the token, the clerk seals with the organisation's key
 * on it and the number is given in that update. Checked by poppler's pdfsig (both signatures
 * valid and trusted) and by our own verify; a wrong PIN is refused, coded, never echoed, and
 * writes nothing. The CLI runs on a fixed clock (tests/support/fixed-now.mjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOffice } from '../cli/office.js';
import { HAS_SOFTHSM, SOFTHSM, setupSoftHsm } from '../security/softhsm.js';
import { createFixture, pdfsigBlocks, type Fixture } from '../signing/helpers.js';
import { DRAFT } from './fixtures.js';

const LABEL = 'VANTHU-CLI';
const PIN = '135790';
let fx: Fixture;

beforeAll(() => {
  fx = createFixture('vanthu-pkcs11-cli-');
  if (!HAS_SOFTHSM) return;
  setupSoftHsm(fx, LABEL, PIN);
  // The organisation's key and certificate on the same token, id 02.
  const env = { ...process.env };
  execFileSync(
    'softhsm2-util',
    ['--import', path.join(fx.dir, 'organisation.key.pem'), '--token', LABEL, '--label', 'organisation', '--id', '02', '--pin', PIN],
    {
      env,
      stdio: 'pipe',
    },
  );
  const der = path.join(fx.dir, 'organisation.der');
  execFileSync('openssl', ['x509', '-in', path.join(fx.dir, 'organisation.cert.pem'), '-outform', 'DER', '-out', der]);
  execFileSync(
    'pkcs11-tool',
    [
      '--module',
      SOFTHSM,
      '--token-label',
      LABEL,
      '--login',
      '--pin',
      PIN,
      '--write-object',
      der,
      '--type',
      'cert',
      '--id',
      '02',
      '--label',
      'organisation',
    ],
    { env, stdio: 'pipe' },
  );
});
afterAll(() => fx?.cleanup());

describe.skipIf(!HAS_SOFTHSM)('outgoing sign with a token (CLI)', () => {
  it('official and organisation sign from the token; pdfsig finds both valid and trusted; a wrong PIN writes nothing', () => {
    const o = initOffice('2026-05-10T09:00:00+07:00');
    const pin = { VT_PIN: PIN, VT_WRONG: '000000' };
    const token = o.vanthu(['token', 'add', '--library', SOFTHSM, '--label', 'SoftHSM văn thư']);
    expect(token.code, token.stderr).toBe(0);
    const tokenId = token.json().id as string;
    const id = String((o.batch([{ cmd: 'outgoing draft', args: { data: DRAFT } }])[0] as { id: number }).id);
    expect(o.vanthu(['outgoing', 'approve', id]).json().status).toBe('approved');

    const sign = (as: string, keyId: string, pinEnv: string, extra: string[] = []) =>
      o.vanthu(
        ['outgoing', 'sign', id, '--as', as, '--token', tokenId, '--token-label', LABEL, '--key-id', keyId, '--pin-env', pinEnv, ...extra],
        {
          env: pin,
        },
      );

    const wrong = o.refused(
      ['outgoing', 'sign', id, '--as', 'official', '--token', tokenId, '--token-label', LABEL, '--key-id', '01', '--pin-env', 'VT_WRONG'],
      'wrong_pin',
      undefined,
      { env: pin },
    );
    expect(wrong.stderr).not.toContain('000000');
    o.refused(
      [
        'outgoing',
        'sign',
        id,
        '--as',
        'official',
        '--token',
        'tk_khong_co',
        '--token-label',
        LABEL,
        '--key-id',
        '01',
        '--pin-env',
        'VT_PIN',
      ],
      'token_not_configured',
      undefined,
      {
        env: pin,
      },
    );

    const official = sign('official', '01', 'VT_PIN', ['--image', path.join('assets', 'signing', 'chu-ky-mau.png')]);
    expect(official.code, official.stderr).toBe(0);
    expect(official.json()).toMatchObject({ status: 'signed', codeNumber: null });
    const issued = sign('organization', '02', 'VT_PIN');
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.json()).toMatchObject({ status: 'issued', codeNumber: 1, symbol: '01/QĐ-UBND', issuedDate: '2026-05-10' });

    const out = o.file('issued.pdf');
    expect(o.vanthu(['outgoing', 'pdf', id, '--out', out]).json()).toMatchObject({ kind: 'signed_organization' });
    const r = spawnSync('pdfsig', ['-nssdir', `sql:${fx.nssDir}`, out], { encoding: 'utf8' });
    const blocks = pdfsigBlocks(r.stdout);
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b).toContain('Signature Validation: Signature is Valid.');
      expect(b).toContain('Certificate Validation: Certificate is Trusted.');
    }
    expect(blocks[0]).toContain('Signer Certificate Common Name: Nguyễn Văn An');
    expect(blocks[1]).toContain('Signer Certificate Common Name: Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(blocks[1]).toMatch(/- Total document signed/);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('ngày 10 tháng 5 năm 2026');
    expect(o.vanthu(['verify', out, '--trust', path.join(fx.dir, 'root.pem')]).json()).toMatchObject({
      verdict: 'valid',
      signatures: [{ chain: 'trusted' }, { chain: 'trusted', coversWholeDocument: true }],
    });
    const trail = o.vanthu(['audit', '--entity', 'outgoing', '--id', id]).json() as { action: string; data: unknown }[];
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['sign_official']));
    expect(JSON.stringify(trail)).not.toContain(PIN);
    expect(o.vanthu(['check']).json().ok).toBe(true);
  }, 300_000);
});

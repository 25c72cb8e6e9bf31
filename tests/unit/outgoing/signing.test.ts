/**
 * The electronic issue of an outgoing document through the real CLI: official signs the
 * approved (unnumbered) document, the clerk seals it and the number and date are filled
 * in that update; checked by poppler's pdfsig and qpdf, and by our own verify.
 *
 * The CLI runs on a fixed clock (10 May 2026, tests/support/fixed-now.mjs), so the number's
 * year and the signing time do not depend on the day the test runs; the test PKI is valid
 * then and now (pdfsig judges certificates at the real time).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../signing/helpers.js';
import { cli as runCli } from '../cliHelpers.js';
import { DRAFT } from './fixtures.js';
import { watermarkPixels } from '../pdfPixels.js';

let fx: Fixture;
beforeAll(() => {
  fx = createFixture('vanthu-outgoing-sign-');
});
afterAll(() => fx.cleanup());

const NOW = '2026-05-10T09:00:00+07:00';
let secrets: Record<string, string> = {};
const cli = (db: string, args: string[]) => runCli(db, args, undefined, secrets, { now: NOW });

describe('outgoing sign and verify (CLI)', () => {
  it('official then organisation: number and date filled in the seal update, both signatures valid', async () => {
    const db = path.join(fx.dir, 'signing.sqlite');
    expect(cli(db, ['init', '--org-name', 'Ủy ban nhân dân tỉnh Quảng Ngãi', '--org-code', 'UBND', '--json']).code).toBe(0);
    const id = String(cli(db, ['outgoing', 'draft', '--data', JSON.stringify(DRAFT), '--json']).json().id);
    const official = ['--p12', fx.pki.official.p12File!, '--p12-password-env', 'VT_OFF_PW'];
    const organisation = ['--p12', fx.pki.organisation.p12File!, '--p12-password-env', 'VT_ORG_PW'];
    secrets = { VT_OFF_PW: fx.pki.official.p12Password, VT_ORG_PW: fx.pki.organisation.p12Password, VT_BAD_PW: 'sai mật khẩu' };

    // Signing a draft, and the organisation before the official, are refused.
    expect(cli(db, ['outgoing', 'sign', id, '--as', 'official', ...official, '--json']).error()).toMatchObject({ code: 'invalid_status' });
    cli(db, ['outgoing', 'approve', id, '--json']);
    // An appendix issued as its own file, signed by the organisation with the document.
    const appendix = await PDFDocument.create();
    appendix.addPage([595.28, 841.89]).drawText('PHU LUC', { x: 80, y: 760, size: 14 });
    const appendixFile = fx.file('phu-luc.pdf', await appendix.save());
    expect(cli(db, ['outgoing', 'attach', id, '--file', appendixFile, '--json']).json().attachments).toMatchObject([
      { fileName: 'phu-luc.pdf', signedSha256: null },
    ]);
    expect(cli(db, ['outgoing', 'attach', id, '--file', path.join('package.json'), '--json']).error().code).toBe('unsupported_file');
    expect(cli(db, ['outgoing', 'sign', id, '--as', 'organization', ...organisation, '--json']).error()).toMatchObject({
      code: 'invalid_status',
    });
    // A wrong password changes nothing.
    const wrong = cli(db, [
      'outgoing',
      'sign',
      id,
      '--as',
      'official',
      '--p12',
      fx.pki.official.p12File!,
      '--p12-password-env',
      'VT_BAD_PW',
      '--json',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.error().code).toBe('wrong_password');
    expect(cli(db, ['outgoing', 'get', id, '--json']).json()).toMatchObject({ status: 'approved', files: [] });

    const signed = cli(db, [
      'outgoing',
      'sign',
      id,
      '--as',
      'official',
      ...official,
      '--image',
      path.join('assets', 'signing', 'chu-ky-mau.png'),
      '--json',
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.json()).toMatchObject({ status: 'signed', codeNumber: null });
    const issued = cli(db, [
      'outgoing',
      'sign',
      id,
      '--as',
      'organization',
      ...organisation,
      '--image',
      path.join('assets', 'signing', 'con-dau-mau.png'),
      '--json',
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.json()).toMatchObject({ status: 'issued', codeNumber: 1, symbol: '01/QĐ-UBND' });

    const out = path.join(fx.dir, 'issued.pdf');
    if (process.env.VANTHU_KEEP_SIGNED) cli(db, ['outgoing', 'pdf', id, '--out', process.env.VANTHU_KEEP_SIGNED, '--json']);
    cli(db, ['outgoing', 'pdf', id, '--out', out, '--json']);
    // The issued, signed copy carries no "DỰ THẢO" (drawn as outlines: seen only in its pixels).
    expect(watermarkPixels(readFileSync(out))).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Số:\s*01\s*\/QĐ-UBND/);
    expect(text).toContain('ngày 10 tháng 5 năm 2026');
    const pdfsig = spawnSync('pdfsig', ['-nssdir', `sql:${fx.nssDir}`, out], { encoding: 'utf8' });
    expect(pdfsig.stdout.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(pdfsig.stdout.match(/Certificate is Trusted\./g)).toHaveLength(2);
    expect(pdfsig.stdout).toContain('ETSI.CAdES.detached');
    expect(pdfsig.stdout.trim().split('Signature #2')[1]).toContain('Total document signed');
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);

    // Our verify: untrusted without anchors, trusted with --trust or a stored anchor.
    const untrusted = cli(db, ['verify', out, '--json']).json();
    expect(untrusted.signatures.map((s: { chain: string }) => s.chain)).toEqual(['untrusted', 'untrusted']);
    const root = path.join(fx.dir, 'root.pem');
    const withFlag = cli(db, ['verify', out, '--trust', root, '--json']).json();
    expect(withFlag).toMatchObject({ verdict: 'valid', modifiedAfterLastSignature: false });
    expect(withFlag.signatures).toMatchObject([
      { intact: true, coversWholeDocument: false, essMatches: true, chain: 'trusted' },
      { intact: true, coversWholeDocument: true, essMatches: true, chain: 'trusted' },
    ]);
    expect(cli(db, ['trust', 'add', root, '--json']).json()).toMatchObject({ added: 1 });
    const signedAppendix = path.join(fx.dir, 'phu-luc-signed.pdf');
    expect(cli(db, ['outgoing', 'attachment', id, '--attachment', '1', '--out', signedAppendix, '--json']).json()).toMatchObject({
      signed: true,
    });
    expect(cli(db, ['verify', signedAppendix, '--json']).json()).toMatchObject({
      verdict: 'valid',
      signatures: [{ coversWholeDocument: true }],
    });
    const top = execFileSync('pdftotext', ['-layout', '-l', '1', signedAppendix, '-'], { encoding: 'utf8' })
      .split('\n')
      .slice(0, 4)
      .join('\n');
    expect(top).toContain('01/QĐ-UBND');
    expect(top).toMatch(/2026-05-10T09:\d\d:\d\d\+07:00/);
    expect(cli(db, ['verify', out, '--json']).json().verdict).toBe('valid');
    expect(cli(db, ['verify', path.join('package.json'), '--json']).code).not.toBe(0);
    expect(cli(db, ['check', '--json']).json().ok).toBe(true);
  }, 300_000); // some twenty CLI runs, each a process start
});

/**
 * The verifier on damaged, altered and unusual files, each case cross-checked with
 * poppler's pdfsig where it has an opinion.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForUpdate, writeIncrementalUpdate } from '../../../src/main/signing/incremental.js';
import { nameKey, officialAppearance, Pkcs12Signer, signPdf, verifyPdf, type Signer } from '../../../src/main/signing/index.js';
import { buildSampleDocument, type SampleDocument } from '../../support/signing/sample.js';
import { AppFailure } from '../../../src/shared/result.js';
import { createFixture, insideValidity, mutoolVerify, pdfsig, pdfsigBlocks, type Fixture } from './helpers.js';

let fx: Fixture;
let official: Pkcs12Signer;
let organisation: Pkcs12Signer;
let sample: SampleDocument;
let once: Uint8Array;
let twice: Uint8Array;
const NOW = new Date('2026-06-01T00:00:00Z');
const AT1 = new Date('2026-05-10T07:25:41Z');
const AT2 = new Date('2026-05-10T07:30:05Z');

const verify = (pdf: Uint8Array, extra: Partial<Parameters<typeof verifyPdf>[1]> = {}) =>
  verifyPdf(pdf, { trustAnchors: [fx.pki.rootPem], now: NOW, ...extra });

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.error.code;
    throw e;
  }
  return 'no error';
}

async function signOnce(pdf: Uint8Array, signer: Signer, extra: Partial<Parameters<typeof signPdf>[1]> = {}): Promise<Uint8Array> {
  return signPdf(pdf, { signer, signedAt: AT1, field: { page: 0 }, ...extra });
}

beforeAll(async () => {
  fx = createFixture();
  official = await Pkcs12Signer.open(fx.pki.official.p12, fx.pki.official.p12Password);
  organisation = await Pkcs12Signer.open(fx.pki.organisation.p12, fx.pki.organisation.p12Password);
  sample = await buildSampleDocument({ pages: 1 });
  const off = officialAppearance({ area: sample.signatureArea, signatureImage: fx.signatureImage });
  once = await signPdf(sample.bytes, {
    signer: official,
    signedAt: AT1,
    field: { name: 'Người ký', page: 0, rect: off.rect, appearance: off.appearance },
  });
  twice = await signPdf(once, {
    signer: organisation,
    signedAt: AT2,
    field: { name: 'Cơ quan', page: 0 },
    overlays: sample.fill('9', '1', '2'),
  });
});

afterAll(() => fx?.cleanup());

describe('tampering', () => {
  it('a flipped byte inside both signed ranges: both not intact, verdict invalid; pdfsig agrees', async () => {
    const bad = Buffer.from(twice);
    bad[11] = bad[11]! ^ 0x01; // inside the binary comment on line 2: still parses
    const r = await verify(bad);
    expect(r.verdict).toBe('invalid');
    expect(r.signatures.map((s) => [s.intact, s.status, s.problems.includes('digest_mismatch')])).toEqual([
      [false, 'invalid', true],
      [false, 'invalid', true],
    ]);
    // pdfsig must have printed both signatures before their verdicts mean anything.
    const blocks = pdfsigBlocks(pdfsig(fx, fx.file('flipped.pdf', bad)).out);
    expect(blocks).toHaveLength(2);
    for (const b of blocks) expect(b).toContain('Signature Validation: Digest Mismatch.');
  });

  it('a flipped byte in the second update breaks only the second signature', async () => {
    const bad = Buffer.from(twice);
    const at = once.length + 40; // inside the organisation update, before its /Contents
    bad[at] = bad[at] === 0x20 ? 0x0a : bad[at]! === 0x30 ? 0x31 : 0x20;
    const r = await verify(bad);
    expect(r.signatures.map((s) => s.intact)).toEqual([true, false]);
    expect(r.verdict).toBe('invalid');
  });

  it('a full re-save by qpdf breaks the signatures', async () => {
    const src = fx.file('twice.pdf', twice);
    const out = `${fx.dir}/resaved-qpdf.pdf`;
    execFileSync('qpdf', [src, out]);
    const r = await verify(readFileSync(out));
    expect(r.verdict).toBe('invalid');
    expect(r.signatures).toHaveLength(2);
    for (const s of r.signatures) expect(s.intact).toBe(false);
    const blocks = pdfsigBlocks(pdfsig(fx, out).out);
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b).toContain('Signature Validation:');
      expect(b).not.toContain('Signature is Valid.');
    }
  });

  it('a full re-save by pdf-lib (object streams) breaks the signatures', async () => {
    const doc = await PDFDocument.load(twice);
    const resaved = await doc.save();
    const r = await verify(resaved);
    expect(r.verdict).toBe('invalid');
    expect(r.signatures.map((s) => [s.field, s.intact])).toEqual([
      ['Người ký', false],
      ['Cơ quan', false],
    ]);
  });

  it('an unsigned incremental update after the last signature is flagged', async () => {
    const loaded = await loadForUpdate(twice);
    const ctx = loaded.doc.context;
    const note = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 30, 30], Contents: 'thêm sau khi ký' as never }));
    loaded.doc.getPage(0).node.set(PDFName.of('Annots'), ctx.obj([note]));
    const appended = writeIncrementalUpdate(loaded).bytes;
    const r = await verify(appended);
    expect(r.modifiedAfterLastSignature).toBe(true);
    expect(r.verdict).toBe('indeterminate');
    expect(r.signatures.map((s) => [s.intact, s.coversWholeDocument])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(r.signatures[1]!.signedRevisionLength).toBe(twice.length);
    expect(r.warnings.map((w) => w.code)).toContain('unsigned_changes');
    // External tools see it only as "not total document signed" / "edits since signing".
    const f = fx.file('appended.pdf', appended);
    const blocks = pdfsigBlocks(pdfsig(fx, f).out);
    expect(blocks).toHaveLength(2);
    expect(blocks[1]).toContain('Signature is Valid.');
    expect(blocks[1]).toContain('Not total document signed');
    expect(mutoolVerify(f).out.split('Verifying signature').pop()).toContain('edits since signing');
  });

  it('a truncated file reports broken signatures, not a crash', async () => {
    const r = await verify(twice.subarray(0, twice.length - 5000));
    expect(r.signatures[1]!.intact).toBe(false);
    expect(r.verdict).toBe('invalid');
  });
});

describe('certificates and ESS', () => {
  it('a wrong ESS certificate hash: intact but essMatches false → indeterminate (pdfsig does not notice)', async () => {
    const bad = await signOnce(sample.bytes, official, { testing: { essCertHash: randomBytes(32) } });
    const r = await verify(bad);
    expect(r.signatures[0]).toMatchObject({ intact: true, essMatches: false, status: 'indeterminate', chain: 'trusted' });
    expect(r.signatures[0]!.problems).toEqual(['ess_mismatch']);
    expect(r.verdict).toBe('indeterminate');
    const blocks = pdfsigBlocks(pdfsig(fx, fx.file('ess-wrong.pdf', bad)).out);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toContain('Signature is Valid.');
  });

  it('no ESS attribute on a CAdES signature → indeterminate', async () => {
    const bad = await signOnce(sample.bytes, official, { testing: { omitEss: true } });
    const r = await verify(bad);
    expect(r.signatures[0]).toMatchObject({ intact: true, essMatches: false, status: 'indeterminate' });
    expect(r.signatures[0]!.problems).toEqual(['ess_missing']);
  });

  it('an unknown root → untrusted, indeterminate', async () => {
    const r = await verifyPdf(twice, { trustAnchors: [], now: NOW });
    expect(r.signatures.map((s) => s.chain)).toEqual(['untrusted', 'untrusted']);
    expect(r.signatures.every((s) => s.intact)).toBe(true);
    expect(r.verdict).toBe('indeterminate');
    // the intermediate alone is a trust anchor too
    const viaSub = await verifyPdf(twice, { trustAnchors: [fx.pki.intermediatePem], now: NOW });
    expect(viaSub.verdict).toBe('valid');
  });

  it('judges the chain at the claimed signing time', async () => {
    const expiredSigner = await Pkcs12Signer.open(fx.pki.expired.p12, fx.pki.expired.p12Password);
    // Signed years ago while valid, verified in 2026 after expiry: still valid, with a note.
    expect(fx.pki.expired.notAfter.getTime()).toBeLessThan(NOW.getTime());
    const old = await signOnce(sample.bytes, expiredSigner, { signedAt: insideValidity(fx.pki.expired) });
    const r1 = await verify(old);
    expect(r1.signatures[0]!.chain).toBe('trusted');
    expect(r1.verdict).toBe('valid');
    expect(r1.warnings.map((w) => w.code)).toEqual(['certificate_expired_since']);
    // Claiming a time after expiry (forced past the signing-time check) → expired.
    const late = await signOnce(sample.bytes, expiredSigner, { signedAt: NOW, testing: { skipCertificateValidityCheck: true } });
    const r2 = await verify(late);
    expect(r2.signatures[0]).toMatchObject({ intact: true, chain: 'expired', status: 'indeterminate' });
    const futureSigner = await Pkcs12Signer.open(fx.pki.notYetValid.p12, fx.pki.notYetValid.p12Password);
    const early = await signOnce(sample.bytes, futureSigner, { signedAt: NOW, testing: { skipCertificateValidityCheck: true } });
    expect((await verify(early)).signatures[0]!.chain).toBe('not_yet_valid');
  });

  it('warns when the certificate holder is not the printed signer', async () => {
    const r = await verify(twice, { expectedSigners: ['Trần Văn Bảy', 'UỶ BAN NHÂN DÂN TỈNH QUẢNG NGÃI'] });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'signer_name_mismatch', signature: 0 })]);
    expect(r.verdict).toBe('valid');
    expect(nameKey('Uỷ ban nhân dân tỉnh Quảng Ngãi')).toBe(nameKey('ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI'));
    expect(nameKey('Hoà')).toBe(nameKey('Hòa'));
    expect(nameKey('Nguyễn Văn An')).not.toBe(nameKey('Nguyễn Văn Ân'));
  });

  it('a signing time in the future is flagged', async () => {
    const r = await verify(twice, { now: new Date('2026-05-01T00:00:00Z') });
    expect(r.warnings.map((w) => w.code)).toContain('signing_time_in_future');
  });
});

describe('unusual input', () => {
  it('an unsigned PDF', async () => {
    const r = await verify(sample.bytes);
    expect(r).toMatchObject({ verdict: 'unsigned', signatures: [], modifiedAfterLastSignature: false });
  });

  it('not a PDF, or garbage after the header → not_a_pdf', async () => {
    expect(await errorCode(verify(Buffer.from('GIF89a not a pdf')))).toBe('not_a_pdf');
    expect(await errorCode(verify(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)])))).toBe('not_a_pdf');
    expect(await errorCode(verify(new Uint8Array(0)))).toBe('not_a_pdf');
  });

  it('an encrypted PDF → encrypted_pdf', async () => {
    const src = fx.file('plain.pdf', sample.bytes);
    const out = `${fx.dir}/enc.pdf`;
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', src, out]);
    expect(await errorCode(verify(readFileSync(out)))).toBe('encrypted_pdf');
  });

  it('an invisible signature on an object-stream file, verified twice in a row (caches)', async () => {
    const doc = await buildSampleDocument({ pages: 1, useObjectStreams: true });
    const signed = await signOnce(doc.bytes, organisation);
    for (let i = 0; i < 2; i++) {
      const r = await verify(signed);
      expect(r.verdict).toBe('valid');
      expect(r.signatures[0]!.field).toBe('Signature1');
    }
  });
});

/**
 * Official first, organisation second, each as an incremental update — checked with our
 * verifier and, independently, with poppler (pdfsig + NSS trust store), qpdf, mupdf and
 * OpenSSL; and rendered, to see the images and text where Decree 30 puts them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { loadForUpdate, writeIncrementalUpdate } from '../../../src/main/signing/incremental.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mm } from '../../../src/main/pdf/layout.js';
import {
  attachmentAppearance,
  formatSigningTime,
  officialAppearance,
  organisationAppearance,
  Pkcs12Signer,
  signPdf,
  verifyPdf,
  type Rect,
} from '../../../src/main/signing/index.js';
import { benchmarkSigning } from '../../../bench/signing.js';
import { buildSampleDocument, type SampleDocument } from '../../support/signing/sample.js';
import { AppFailure } from '../../../src/shared/result.js';
import {
  cmsPrint,
  createFixture,
  insideValidity,
  mutoolVerify,
  opensslP12,
  opensslVerifyAll,
  pdfsig,
  pdfsigBlocks,
  qpdfCheck,
  renderPage,
  tool,
  type Fixture,
} from './helpers.js';

let fx: Fixture;
let official: Pkcs12Signer;
let organisation: Pkcs12Signer;
let sample: SampleDocument;
let once: Uint8Array;
let twice: Uint8Array;
let officialRect: Rect;
let officialImage: Rect;
let sealRect: Rect;
const officialAt = new Date('2026-05-10T07:25:41Z');
const organisationAt = new Date('2026-05-10T07:30:05Z');
const NOW = new Date('2026-06-01T00:00:00Z');

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e.error.code;
    throw e;
  }
  return 'no error';
}

beforeAll(async () => {
  fx = createFixture();
  official = await Pkcs12Signer.open(opensslP12(fx, fx.pki.official, 'pw-1'), 'pw-1');
  organisation = await Pkcs12Signer.open(fx.pki.organisation.p12File!, fx.pki.organisation.p12Password);
  sample = await buildSampleDocument({ pages: 2 });
  const off = officialAppearance({ area: sample.signatureArea, signatureImage: fx.signatureImage });
  officialRect = off.rect;
  officialImage = off.imageBox;
  once = await signPdf(sample.bytes, {
    signer: official,
    signedAt: officialAt,
    field: { name: 'Chữ ký người có thẩm quyền', page: sample.signaturePage, rect: off.rect, appearance: off.appearance },
    reason: 'Ký ban hành',
    location: 'Quảng Ngãi',
  });
  const org = organisationAppearance({
    signatureImageBox: off.imageBox,
    sealImage: fx.sealImage,
    organisationName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    signedAt: organisationAt,
  });
  sealRect = org.sealBox;
  twice = await signPdf(once, {
    signer: organisation,
    signedAt: organisationAt,
    field: { name: 'Chữ ký cơ quan', page: sample.signaturePage, rect: org.rect, appearance: org.appearance },
    overlays: sample.fill('123', '10', '05'),
  });
  fx.file('once.pdf', once);
  fx.file('twice.pdf', twice);
});

afterAll(() => fx?.cleanup());

describe('two signatures as incremental updates', () => {
  it('never rewrites existing bytes', () => {
    expect(Buffer.from(once.subarray(0, sample.bytes.length)).equals(Buffer.from(sample.bytes))).toBe(true);
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
  });

  it('writes a PAdES signature dictionary', () => {
    const text = Buffer.from(twice).toString('latin1');
    const dicts = text.match(
      /\/Type \/Sig\n\/Filter \/Adobe\.PPKLite\n\/SubFilter \/ETSI\.CAdES\.detached\n\/ByteRange \[0 \d+ \d+ \d+\] *\n\/Contents </g,
    );
    expect(dicts).toHaveLength(2);
    expect(text).toContain("/M (D:20260510142541+07'00')");
    expect(text).toContain("/M (D:20260510143005+07'00')");
    expect(text).not.toMatch(/\/DocMDP|\/Perms/);
  });

  it('our verifier: both valid, the first not covering the fill, nothing after the last', async () => {
    const r = await verifyPdf(twice, {
      trustAnchors: [fx.pki.rootPem],
      now: NOW,
      expectedSigners: ['Nguyễn Văn An', 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI'],
    });
    expect(r.verdict).toBe('valid');
    expect(r.modifiedAfterLastSignature).toBe(false);
    expect(r.warnings).toEqual([]);
    expect(r.signatures.map((s) => [s.field, s.signer, s.intact, s.essMatches, s.chain, s.coversWholeDocument, s.status])).toEqual([
      ['Chữ ký người có thẩm quyền', 'Nguyễn Văn An', true, true, 'trusted', false, 'valid'],
      ['Chữ ký cơ quan', 'Ủy ban nhân dân tỉnh Quảng Ngãi', true, true, 'trusted', true, 'valid'],
    ]);
    expect(r.signatures[0]!.signedAt).toEqual(officialAt);
    expect(r.signatures[1]!.signedAt).toEqual(organisationAt);
    expect(r.signatures[0]!.signedRevisionLength).toBe(once.length);
    expect(r.signatures[0]!.reason).toBe('Ký ban hành');
  });

  it('pdfsig (NSS trust store): every signature valid and trusted, CAdES, the last one total', () => {
    const r = pdfsig(fx, fx.file('twice.pdf'));
    expect(r.status).toBe(0);
    const blocks = pdfsigBlocks(r.out);
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b).toContain('Signature Validation: Signature is Valid.');
      expect(b).toContain('Certificate Validation: Certificate is Trusted.');
      expect(b).toContain('Signature Type: ETSI.CAdES.detached');
      expect(b).toContain('Signing Hash Algorithm: SHA-256');
    }
    expect(blocks[0]).toContain('Signature Field Name: Chữ ký người có thẩm quyền');
    expect(blocks[0]).toContain('Signer Certificate Common Name: Nguyễn Văn An');
    expect(blocks[0]).toContain('Not total document signed');
    expect(blocks[1]).toContain('Signer Certificate Common Name: Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(blocks[1]).toMatch(/- Total document signed/);
  });

  it('qpdf --check is clean', () => {
    for (const f of ['once.pdf', 'twice.pdf']) {
      const r = qpdfCheck(fx.file(f));
      expect(r.status, r.out).toBe(0);
      expect(r.out).toContain('No syntax or stream encoding errors found');
      expect(r.out).not.toMatch(/WARNING/i);
    }
  });

  it('mutool: the first edited since signing (the fill and seal), the last unchanged', () => {
    const r = mutoolVerify(fx.file('twice.pdf'));
    const parts = r.out.split(/Verifying signature \d+:/).slice(1);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain('The signature is valid but there have been edits since signing.');
    expect(parts[1]).toContain('The document is unchanged since signing.');
  });

  it('openssl cms -verify succeeds on each signature, with signing-certificate-v2 and no signing-time', () => {
    const results = opensslVerifyAll(fx, fx.file('twice.pdf'));
    expect(results).toHaveLength(2);
    for (const r of results) expect(r.out).toContain('CMS Verification successful');
    for (const i of [0, 1]) {
      const dump = cmsPrint(fx, fx.file('twice.pdf'), i);
      expect(dump).toContain('id-smime-aa-signingCertificateV2');
      expect(dump).toContain('messageDigest');
      expect(dump).not.toContain('signingTime');
      // the signer, intermediate and root certificates travel with the signature
      expect(dump.match(/cert_info:/g)).toHaveLength(3);
    }
  });

  it('the fill is real page text, drawn in the organisation update', () => {
    const page1 = tool('pdftotext', ['-layout', '-f', '1', '-l', '1', fx.file('twice.pdf'), '-']).out;
    expect(page1).toMatch(/Số:\s+123\s+\/QĐ-UBND/);
    expect(page1).toMatch(/ngày\s+10\s+tháng\s+05\s+năm 2026/);
    const before = tool('pdftotext', ['-layout', '-f', '1', '-l', '1', fx.file('once.pdf'), '-']).out;
    expect(before).not.toMatch(/Số:\s+123/);
    const last = tool('pdftotext', ['-f', '2', '-l', '2', fx.file('twice.pdf'), '-']).out;
    expect(last).toContain('Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect(last).toContain(formatSigningTime(organisationAt));
    expect(formatSigningTime(organisationAt)).toBe('2026-05-10T14:30:05+07:00');
    const fonts = tool('pdffonts', [fx.file('twice.pdf')]).out;
    expect(fonts).not.toMatch(/\bno\s+(yes|no)\s+(yes|no)\s+\d+/); // every font embedded
  });

  it('renders: blue signature centred between position and name, red seal over its left third', () => {
    const dpi = 50;
    const { width, height, rgb } = renderPage(fx.file('twice.pdf'), 2, dpi);
    const px = (xPt: number, yPt: number): [number, number, number] => {
      const x = Math.round((xPt / 72) * dpi);
      const y = Math.round(height - (yPt / 72) * dpi);
      const o = (y * width + x) * 3;
      return [rgb[o]!, rgb[o + 1]!, rgb[o + 2]!];
    };
    const count = (r: Rect, test: (c: [number, number, number]) => boolean): number => {
      let n = 0;
      for (let x = r.x; x < r.x + r.width; x += 72 / dpi) for (let y = r.y; y < r.y + r.height; y += 72 / dpi) if (test(px(x, y))) n++;
      return n;
    };
    const blue = ([r, , b]: [number, number, number]) => b > 120 && r < 100 && b - r > 60;
    const red = ([r, g, b]: [number, number, number]) => r > 150 && g < 90 && b < 90;
    const third = officialImage.width / 3;
    const rightPart: Rect = {
      x: officialImage.x + third,
      y: officialImage.y,
      width: officialImage.width - third,
      height: officialImage.height,
    };
    expect(count(rightPart, blue)).toBeGreaterThan(20); // the signature shows right of the seal
    expect(count(sealRect, red)).toBeGreaterThan(50); // the seal is there…
    expect(count({ ...rightPart, x: rightPart.x + 4, width: rightPart.width - 4 }, red)).toBe(0); // …and stays in the left third
    // Centred between position and name: the image box is centred in the area.
    expect(officialImage.x + officialImage.width / 2).toBeCloseTo(officialRect.x + officialRect.width / 2, 3);
    expect(officialImage.y + officialImage.height / 2).toBeCloseTo(officialRect.y + officialRect.height / 2, 3);
    expect(sealRect.width).toBeCloseTo(mm(36), 3);
    expect(sealRect.x + sealRect.width).toBeCloseTo(officialImage.x + third, 3);
  });
});

describe('other documents and options', () => {
  it('accepts a first signature made by poppler (pdfsig -add-signature), then seals it', async () => {
    const nss = `${fx.dir}/nss-signer`;
    execFileSync('mkdir', ['-p', nss]);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'ca', '-t', 'CT,C,C', '-i', `${fx.dir}/root.pem`]);
    execFileSync('pk12util', ['-i', opensslP12(fx, fx.pki.official, 'pk'), '-d', `sql:${nss}`, '-W', 'pk', '-K', '']);
    const input = fx.file('for-poppler.pdf', sample.bytes);
    const popplerOut = `${fx.dir}/poppler-signed.pdf`;
    const add = tool('pdfsig', [
      '-add-signature',
      '-nssdir',
      `sql:${nss}`,
      '-nick',
      fx.pki.official.nick,
      '-new-signature-field-name',
      'Chữ ký người có thẩm quyền',
      input,
      popplerOut,
    ]);
    expect(add.status, add.out).toBe(0);
    const popplerSigned = readFileSync(popplerOut);
    const sealed = await signPdf(popplerSigned, { signer: organisation, signedAt: new Date(), field: { name: 'Chữ ký cơ quan', page: 0 } });
    expect(Buffer.from(sealed.subarray(0, popplerSigned.length)).equals(popplerSigned)).toBe(true);
    const r = await verifyPdf(sealed, { trustAnchors: [fx.pki.rootPem] });
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => [s.subFilter, s.signer, s.intact, s.chain, s.coversWholeDocument])).toEqual([
      ['adbe.pkcs7.detached', 'Nguyễn Văn An', true, 'trusted', false],
      ['ETSI.CAdES.detached', 'Ủy ban nhân dân tỉnh Quảng Ngãi', true, 'trusted', true],
    ]);
    const blocks = pdfsigBlocks(pdfsig(fx, fx.file('poppler-sealed.pdf', sealed)).out);
    expect(blocks).toHaveLength(2);
    for (const b of blocks) expect(b).toContain('Signature is Valid.');
    expect(blocks[1]).toMatch(/- Total document signed/);
    expect(qpdfCheck(fx.file('poppler-sealed.pdf')).out).toContain('No syntax or stream encoding errors found');
  });

  it('signs a file saved with object streams and an xref stream', async () => {
    const doc = await buildSampleDocument({ pages: 1, useObjectStreams: true });
    expect(Buffer.from(doc.bytes).toString('latin1')).toContain('/ObjStm');
    const a = await signPdf(doc.bytes, { signer: official, signedAt: officialAt, field: { page: 0 } });
    const b = await signPdf(a, { signer: organisation, signedAt: organisationAt, field: { page: 0 }, overlays: doc.fill('7', '1', '1') });
    const f = fx.file('objstm.pdf', b);
    expect(qpdfCheck(f).out).toContain('No syntax or stream encoding errors found');
    const blocks = pdfsigBlocks(pdfsig(fx, f).out);
    expect(blocks.filter((x) => x.includes('Signature is Valid.'))).toHaveLength(2);
    const r = await verifyPdf(b, { trustAnchors: [fx.pki.rootPem], now: NOW });
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => s.field)).toEqual(['Signature1', 'Signature2']);
  });

  it('separate attachment: organisation signature as text at the top right of page 1', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595.28, 841.89]);
    const bytes = await doc.save();
    const app = attachmentAppearance({ pageWidth: 595.28, pageHeight: 841.89, documentSymbol: '123/QĐ-UBND', signedAt: organisationAt });
    expect(app.appearance.every((i) => i.type === 'text' && i.size === 10)).toBe(true);
    expect(app.rect.x + app.rect.width).toBeLessThanOrEqual(595.28 - mm(15) + 0.01);
    expect(app.rect.y).toBeGreaterThan(841.89 - mm(30));
    const signed = await signPdf(bytes, {
      signer: organisation,
      signedAt: organisationAt,
      field: { page: 0, rect: app.rect, appearance: app.appearance },
    });
    const f = fx.file('attachment.pdf', signed);
    const text = tool('pdftotext', ['-layout', f, '-']).out;
    expect(text).toContain('123/QĐ-UBND');
    expect(text).toContain('2026-05-10T14:30:05+07:00');
    expect(pdfsig(fx, f).out).toContain('Signature is Valid.');
  });

  it('refuses an expired or not yet valid certificate at the signing time', async () => {
    const expired = await Pkcs12Signer.open(fx.pki.expired.p12, fx.pki.expired.p12Password);
    const future = await Pkcs12Signer.open(fx.pki.notYetValid.p12, fx.pki.notYetValid.p12Password);
    expect(await code(signPdf(sample.bytes, { signer: expired, signedAt: NOW, field: { page: 0 } }))).toBe('certificate_expired');
    expect(await code(signPdf(sample.bytes, { signer: future, signedAt: NOW, field: { page: 0 } }))).toBe('certificate_not_yet_valid');
    // …but signing at a time inside the validity period is fine
    const old = await signPdf(sample.bytes, { signer: expired, signedAt: insideValidity(fx.pki.expired), field: { page: 0 } });
    expect((await verifyPdf(old, { trustAnchors: [fx.pki.rootPem], now: NOW })).verdict).toBe('valid');
  });

  it('reports bad input with stable codes', async () => {
    const base = { signer: official, signedAt: officialAt };
    expect(await code(signPdf(Buffer.from('hello, not a pdf'), { ...base, field: { page: 0 } }))).toBe('not_a_pdf');
    expect(await code(signPdf(sample.bytes, { ...base, field: { page: 5 } }))).toBe('invalid_page');
    expect(await code(signPdf(once, { ...base, field: { page: 0, name: 'Chữ ký người có thẩm quyền' } }))).toBe('invalid_field');
    expect(
      await code(
        signPdf(sample.bytes, {
          ...base,
          field: {
            page: 0,
            rect: { x: 0, y: 0, width: 9, height: 9 },
            appearance: [{ type: 'image', png: Buffer.from('nope'), box: { x: 0, y: 0, width: 9, height: 9 } }],
          },
        }),
      ),
    ).toBe('invalid_image');
    expect(await code(signPdf(sample.bytes, { ...base, field: { page: 0 }, reserveBytes: 1000 }))).toBe('signature_too_large');
    const plain = fx.file('plain.pdf', sample.bytes);
    const enc = `${fx.dir}/encrypted.pdf`;
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', plain, enc]);
    expect(await code(signPdf(readFileSync(enc), { ...base, field: { page: 0 } }))).toBe('encrypted_pdf');
  });
});

describe('certified documents (DocMDP)', () => {
  async function certified(p: number): Promise<Uint8Array> {
    const loaded = await loadForUpdate(sample.bytes);
    const ctx = loaded.doc.context;
    const sig = ctx.register(ctx.obj({ Type: 'Sig', Reference: [{ TransformMethod: 'DocMDP', TransformParams: { P: p } }] }));
    loaded.doc.catalog.set(PDFName.of('Perms'), ctx.obj({ DocMDP: sig }));
    return writeIncrementalUpdate(loaded).bytes;
  }

  it('P=1 forbids another signature; P=2 allows it but not the page fill', async () => {
    const base = { signer: organisation, signedAt: organisationAt, field: { page: 0 } };
    expect(await code(signPdf(await certified(1), base))).toBe('document_locked');
    const p2 = await certified(2);
    await expect(signPdf(p2, base)).resolves.toBeInstanceOf(Uint8Array);
    expect(await code(signPdf(p2, { ...base, overlays: sample.fill('1', '1', '1') }))).toBe('document_locked');
  });
});

describe('benchmark helper', () => {
  // Only that it runs and reports: the speed targets are met in `npm run bench`, not here.
  it('runs with the given signers and reports medians', async () => {
    const r = await benchmarkSigning({ official, organisation, trustAnchors: [fx.pki.rootPem], pages: 10, runs: 3 });
    expect(r.pages).toBe(10);
    expect(r.runs).toBe(3);
    expect(r.signBothMs.median).toBeGreaterThan(0);
    expect(r.verifyBothMs.median).toBeGreaterThan(0);
    expect(r.outputBytes).toBeGreaterThan(r.inputBytes);
  });
});

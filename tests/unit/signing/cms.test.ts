/**
 * The building blocks: CMS structure (checked with OpenSSL's ASN.1 parser), DER set
 * ordering, the BER reader, PNG decoding, time formats and the font cache.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSigningTime, parsePdfDate, pdfDate, sealBox, fitImage } from '../../../src/main/signing/appearance.js';
import { buildCadesSignedData, buildSignedAttributes, checkEss, compareDer, OID, parseSignedData } from '../../../src/main/signing/cms.js';
import { children, readTlv } from '../../../src/main/signing/der.js';
import { embedSignatureFonts } from '../../../src/main/signing/fonts.js';
import { Pkcs12Signer } from '../../../src/main/signing/pkcs12Signer.js';
import { preparePng } from '../../../src/main/signing/png.js';
import { parseCertificate, type CertInfo } from '../../../src/main/signing/x509.js';
import { mm } from '../../../src/main/pdf/layout.js';
import { createFixture, tool, type Fixture } from './helpers.js';

let fx: Fixture;
let chain: CertInfo[];
let signer: Pkcs12Signer;
beforeAll(async () => {
  fx = createFixture();
  signer = await Pkcs12Signer.open(fx.pki.official.p12, fx.pki.official.p12Password);
  chain = (await signer.certificateChain()).map(parseCertificate);
});
afterAll(() => fx?.cleanup());

describe('CMS SignedData', () => {
  it('signed attributes: content-type, message-digest, signing-certificate-v2 in DER order, hashAlgorithm omitted', async () => {
    const digest = createHash('sha256').update('content').digest();
    const attrs = buildSignedAttributes(digest, chain[0]!);
    expect(attrs).toHaveLength(3);
    for (let i = 1; i < attrs.length; i++) expect(compareDer(attrs[i - 1]!, attrs[i]!)).toBeLessThan(0);
    const cms = await buildCadesSignedData({ contentDigest: digest, chain, sign: (d) => signer.sign(d) });
    const file = fx.file('cms.der', cms);
    const dump = tool('openssl', ['asn1parse', '-inform', 'DER', '-in', file, '-i']).out;
    expect(dump).toContain(':pkcs7-signedData');
    expect(dump).toContain(':id-smime-aa-signingCertificateV2');
    expect(dump).not.toContain(':signingTime');
    // ESSCertIDv2 starts straight with the OCTET STRING hash (no sha256 AlgorithmIdentifier).
    const afterEss = dump.slice(dump.indexOf('signingCertificateV2'));
    const hashLine = afterEss.split('\n').find((l) => l.includes('OCTET STRING'))!;
    expect(hashLine).toContain(`[HEX DUMP]:${chain[0]!.sha256.toString('hex').toUpperCase()}`);
    expect(afterEss.split('\n').slice(0, 6).join('\n')).not.toContain(':sha256');

    const parsed = parseSignedData(cms);
    expect(parsed.eContentType).toBe(OID.data);
    expect(parsed.eContent).toBeNull();
    // certificates are embedded byte for byte
    expect(parsed.certificates.map((c) => Buffer.from(c).toString('hex'))).toEqual(chain.map((c) => Buffer.from(c.der).toString('hex')));
    const info = parsed.signerInfos[0]!;
    expect(info.digestOid).toBe(OID.sha256);
    expect(checkEss(info, chain[0]!)).toBe('match');
    expect(checkEss(info, chain[1]!)).toBe('mismatch');
  });

  it('compareDer pads the shorter encoding with zero octets (X.690 §11.6)', () => {
    expect(compareDer(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(0);
    expect(compareDer(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 1))).toBeLessThan(0);
    expect(compareDer(Uint8Array.of(2), Uint8Array.of(1, 9, 9))).toBeGreaterThan(0);
  });

  it('reads BER with indefinite lengths and constructed OCTET STRINGs', () => {
    // SEQUENCE(indef) { OCTET STRING(constructed, indef) { 04 02 'ab', 04 01 'c' }, INTEGER 5 }
    const ber = Buffer.from('30802480040261620401630000020105' + '0000', 'hex');
    const t = readTlv(ber);
    expect(t.indefinite).toBe(true);
    expect(t.end).toBe(ber.length);
    const [os, int] = children(t);
    expect(os!.constructed).toBe(true);
    expect(
      Buffer.from(
        children(os!)
          .map((c) => Buffer.from(c.buf.subarray(c.contentStart, c.contentEnd)).toString())
          .join(''),
      ).toString(),
    ).toBe('abc');
    expect(int!.tag).toBe(0x02);
  });

  it('parses certificate names with Vietnamese diacritics', () => {
    expect(chain[0]!.subjectCN).toBe('Nguyễn Văn An');
    expect(chain[0]!.subject).toBe('CN=Nguyễn Văn An, O=Ủy ban nhân dân tỉnh Quảng Ngãi, ST=Quảng Ngãi, C=VN');
    expect(chain[0]!.issuerCN).toBe('VănThư Test Sub CA');
    const openssl = execFileSync('openssl', ['x509', '-noout', '-serial'], { input: fx.pki.official.certPem }).toString();
    expect(openssl.trim().toLowerCase()).toBe(`serial=${chain[0]!.serialHex}`);
  });
});

describe('PNG decoding', () => {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]); // CRC not checked
  };
  const png = (w: number, h: number, colorType: number, rows: Buffer[], extra: Buffer[] = []): Buffer => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8;
    ihdr[9] = colorType;
    const raw = Buffer.concat(rows.map((r) => Buffer.concat([Buffer.from([0]), r])));
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...extra,
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  };

  it('RGBA → RGB + soft mask; opaque RGB → no mask; palette with tRNS', () => {
    const rgba = preparePng(png(2, 1, 6, [Buffer.from([255, 0, 0, 255, 0, 0, 255, 0])]));
    expect(rgba).toMatchObject({ width: 2, height: 1, colorSpace: 'DeviceRGB' });
    expect(rgba.alpha).not.toBeNull();
    expect(preparePng(png(1, 1, 2, [Buffer.from([1, 2, 3])])).alpha).toBeNull();
    const pal = preparePng(
      png(2, 1, 3, [Buffer.from([0, 1])], [chunk('PLTE', Buffer.from([255, 0, 0, 0, 0, 255])), chunk('tRNS', Buffer.from([0]))]),
    );
    expect(pal.alpha).not.toBeNull();
    expect(pal.colorSpace).toBe('DeviceRGB');
  });

  it('the demo images are 8-bit RGBA with transparency', () => {
    for (const img of [fx.signatureImage, fx.sealImage]) {
      const p = preparePng(img);
      expect(p.alpha).not.toBeNull();
      expect(p.width).toBeGreaterThan(200);
    }
    expect(() => preparePng(Buffer.from('not a png at all'))).toThrow();
  });
});

describe('times and geometry', () => {
  it('formats the signing time in Vietnam time, ISO 8601 and PDF forms', () => {
    const d = new Date('2026-05-10T07:30:05.678Z');
    expect(formatSigningTime(d)).toBe('2026-05-10T14:30:05+07:00');
    expect(formatSigningTime(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01T01:00:00+07:00');
    expect(pdfDate(d)).toBe("D:20260510143005+07'00'");
    expect(parsePdfDate("D:20260510143005+07'00'")).toEqual(new Date('2026-05-10T07:30:05Z'));
    expect(parsePdfDate('D:20261124235235Z')).toEqual(new Date('2026-11-24T23:52:35Z'));
    expect(parsePdfDate("D:20260510143005-03'30")).toEqual(new Date('2026-05-10T18:00:05Z'));
    expect(parsePdfDate('garbage')).toBeNull();
  });

  it('fits the signature image and puts a real-size seal over its left third', () => {
    const box = fitImage({ x: 100, y: 100, width: 200, height: 50 }, fx.signatureImage);
    expect(box.height).toBeCloseTo(50, 5);
    expect(box.x + box.width / 2).toBeCloseTo(200, 5);
    const seal = sealBox(box, 40);
    expect(seal.width).toBeCloseTo(mm(40), 5);
    expect(seal.x + seal.width).toBeCloseTo(box.x + box.width / 3, 5);
    expect(seal.y + seal.height / 2).toBeCloseTo(box.y + box.height / 2, 5);
  });
});

describe('signature fonts', () => {
  it('keep text extractable across documents (shared tables, separate glyph caches)', async () => {
    // "Ủ" is a composite glyph built on "U": a later document drawing "U" must still map it.
    const texts = ['Ủy ban nhân dân', '123/QĐ-UBND', 'Ủ', 'U'];
    for (const [i, text] of texts.entries()) {
      const doc = await PDFDocument.create();
      const f = (await embedSignatureFonts(doc, ['regular'])).regular!;
      doc.addPage([300, 100]).drawText(text, { x: 10, y: 50, size: 12, font: f });
      const file = fx.file(`font-${i}.pdf`, await doc.save());
      expect(tool('pdftotext', [file, '-']).out.trim()).toBe(text);
    }
  });
});

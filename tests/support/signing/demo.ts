/**
 * Demo: a one-page decision signed by the official (blue signature image) and then by the
 * organisation (red seal + name + time), with the clerk's number and date filled in the
 * organisation's update; plus an attachment signed with the text-only organisation
 * signature. Uses a throw-away test PKI. Writes into the given folder:
 *   unsigned.pdf  signed-once.pdf  signed.pdf  attachment-signed.pdf  root.pem
 *
 *   npx tsx tests/support/signing/demo.ts /tmp/vanthu-demo
 * then e.g. `pdftoppm -r 100 -png /tmp/vanthu-demo/signed.pdf /tmp/vanthu-demo/page`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { embedSerifFonts, findAssetsDir } from '../../../src/main/pdf/fonts.js';
import { A4_PORTRAIT, mm, PageWriter } from '../../../src/main/pdf/layout.js';
import { attachmentAppearance, officialAppearance, organisationAppearance } from '../../../src/main/signing/appearance.js';
import { Pkcs12Signer } from '../../../src/main/signing/pkcs12Signer.js';
import { buildSampleDocument } from './sample.js';
import { signPdf } from '../../../src/main/signing/signPdf.js';
import { createTestPki } from './testPki.js';
import { verifyPdf, type VerifyReport } from '../../../src/main/signing/verifyPdf.js';

export interface DemoResult {
  unsigned: Uint8Array;
  signedOnce: Uint8Array;
  signed: Uint8Array;
  attachment: Uint8Array;
  rootPem: string;
  report: VerifyReport;
}

export async function runDemo(outDir?: string): Promise<DemoResult> {
  const officialAt = new Date('2026-05-10T07:25:41Z');
  const organisationAt = new Date('2026-05-10T07:30:05Z');
  const verifiedAt = new Date('2026-06-01T00:00:00Z');
  // In memory: no test keys land in the output folder. Valid at the demo's fixed times and
  // now, so a PDF reader opening the output today sees valid certificates too.
  const pki = createTestPki(undefined, { validAt: [officialAt, verifiedAt, new Date()] });
  const assets = findAssetsDir();
  const [signatureImage, sealImage] = await Promise.all([
    readFile(path.join(assets, 'signing', 'chu-ky-mau.png')),
    readFile(path.join(assets, 'signing', 'con-dau-mau.png')),
  ]);
  const official = await Pkcs12Signer.open(pki.official.p12, pki.official.p12Password);
  const organisation = await Pkcs12Signer.open(pki.organisation.p12, pki.organisation.p12Password);

  const sample = await buildSampleDocument({ pages: 1 });
  const off = officialAppearance({ area: sample.signatureArea, signatureImage });
  const signedOnce = await signPdf(sample.bytes, {
    signer: official,
    signedAt: officialAt,
    field: { name: 'Chữ ký người có thẩm quyền', page: 0, rect: off.rect, appearance: off.appearance },
    reason: 'Ký ban hành văn bản',
    location: 'Quảng Ngãi',
  });
  const org = organisationAppearance({
    signatureImageBox: off.imageBox,
    sealImage,
    organisationName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    signedAt: organisationAt,
  });
  const signed = await signPdf(signedOnce, {
    signer: organisation,
    signedAt: organisationAt,
    field: { name: 'Chữ ký cơ quan', page: 0, rect: org.rect, appearance: org.appearance },
    overlays: sample.fill('123', '10', '05'),
    reason: 'Văn thư ký số cơ quan, cấp số 123/QĐ-UBND',
    location: 'Quảng Ngãi',
  });

  // A separate attachment file: organisation signature as text at the top right of page 1.
  const att = await PDFDocument.create({ updateMetadata: false });
  const f = await embedSerifFonts(att, ['bold', 'regular']);
  const page = att.addPage([A4_PORTRAIT.width, A4_PORTRAIT.height]);
  const w = new PageWriter(att, page);
  w.text(f.bold, 14, mm(30), A4_PORTRAIT.height - mm(40), 'PHỤ LỤC');
  w.text(f.regular, 13, mm(30), A4_PORTRAIT.height - mm(48), 'Danh mục hồ sơ kèm theo Quyết định số 123/QĐ-UBND ngày 10 tháng 5 năm 2026');
  w.finish();
  const attBytes = await att.save({ useObjectStreams: false });
  const attAppearance = attachmentAppearance({
    pageWidth: A4_PORTRAIT.width,
    pageHeight: A4_PORTRAIT.height,
    documentSymbol: '123/QĐ-UBND',
    signedAt: organisationAt,
  });
  const attachment = await signPdf(attBytes, {
    signer: organisation,
    signedAt: organisationAt,
    field: { name: 'Chữ ký cơ quan', page: 0, rect: attAppearance.rect, appearance: attAppearance.appearance },
  });

  const report = await verifyPdf(signed, {
    trustAnchors: [pki.rootPem],
    now: verifiedAt,
    expectedSigners: ['Nguyễn Văn An', 'UỶ BAN NHÂN DÂN TỈNH QUẢNG NGÃI'],
  });
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'unsigned.pdf'), sample.bytes);
    writeFileSync(path.join(outDir, 'signed-once.pdf'), signedOnce);
    writeFileSync(path.join(outDir, 'signed.pdf'), signed);
    writeFileSync(path.join(outDir, 'attachment-signed.pdf'), attachment);
    writeFileSync(path.join(outDir, 'root.pem'), pki.rootPem);
  }
  return { unsigned: sample.bytes, signedOnce, signed, attachment, rootPem: pki.rootPem, report };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = path.resolve(process.argv[2] ?? 'out/signing-demo');
  mkdirSync(out, { recursive: true });
  runDemo(out).then(
    (r) => {
      console.log(`written to ${out}`);
      console.log(JSON.stringify(r.report, null, 2));
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/**
 * Benchmark helper: the official's and the organisation's signatures (PKCS#12) on a
 * 10-page decision, then verification of both. Targets (issue "Outgoing documents"):
 * both signatures ≤ 60 ms, verifying both ≤ 10 ms. Document building, key generation and
 * opening the .p12 files are setup, not measured.
 *
 *   npx tsx bench/signing.ts [pages] [runs]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { findAssetsDir } from '../src/main/pdf/fonts.js';
import { officialAppearance, organisationAppearance } from '../src/main/signing/appearance.js';
import { Pkcs12Signer } from '../src/main/signing/pkcs12Signer.js';
import { buildSampleDocument } from '../tests/support/signing/sample.js';
import { signPdf, warmUpSigning } from '../src/main/signing/signPdf.js';
import type { Signer } from '../src/main/signing/signer.js';
import { createTestPki } from '../tests/support/signing/testPki.js';
import { verifyPdf } from '../src/main/signing/verifyPdf.js';

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export interface SigningBenchmark {
  pages: number;
  runs: number;
  officialMs: Stats;
  organisationMs: Stats;
  /** Official + organisation, per run. */
  signBothMs: Stats;
  verifyBothMs: Stats;
  /** The first run of the process, after `warmUpSigning` (fonts parsed, images decoded; JIT still cold). */
  coldSignBothMs: number;
  inputBytes: number;
  outputBytes: number;
}

const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { median: round(s[Math.floor(s.length / 2)]!), min: round(s[0]!), max: round(s[s.length - 1]!) };
};

export interface BenchmarkOptions {
  pages?: number;
  runs?: number;
  official?: Signer;
  organisation?: Signer;
  trustAnchors?: string[];
}

export async function benchmarkSigning(opts: BenchmarkOptions = {}): Promise<SigningBenchmark> {
  const pages = opts.pages ?? 10;
  const runs = opts.runs ?? 20;
  let { official, organisation, trustAnchors } = opts;
  const signedAt1 = new Date('2026-05-10T07:25:00Z');
  const signedAt2 = new Date('2026-05-10T07:30:05Z');
  const verifiedAt = new Date('2026-06-01T00:00:00Z');
  if (!official || !organisation || !trustAnchors) {
    const pki = createTestPki(undefined, { validAt: [signedAt1, verifiedAt] });
    official = await Pkcs12Signer.open(pki.official.p12, pki.official.p12Password);
    organisation = await Pkcs12Signer.open(pki.organisation.p12, pki.organisation.p12Password);
    trustAnchors = [pki.rootPem];
  }
  const assets = findAssetsDir();
  const [signatureImage, sealImage] = await Promise.all([
    readFile(path.join(assets, 'signing', 'chu-ky-mau.png')),
    readFile(path.join(assets, 'signing', 'con-dau-mau.png')),
  ]);
  const sample = await buildSampleDocument({ pages });
  await warmUpSigning([signatureImage, sealImage]);
  const off = officialAppearance({ area: sample.signatureArea, signatureImage });
  const org = organisationAppearance({
    signatureImageBox: off.imageBox,
    sealImage,
    organisationName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    signedAt: signedAt2,
  });

  const t1: number[] = [];
  const t2: number[] = [];
  const tv: number[] = [];
  let cold = 0;
  let output: Uint8Array = sample.bytes;
  for (let i = 0; i < runs + 2; i++) {
    const a = performance.now();
    const once = await signPdf(sample.bytes, {
      signer: official,
      signedAt: signedAt1,
      field: { name: 'Chữ ký người có thẩm quyền', page: sample.signaturePage, rect: off.rect, appearance: off.appearance },
    });
    const b = performance.now();
    const twice = await signPdf(once, {
      signer: organisation,
      signedAt: signedAt2,
      field: { name: 'Chữ ký cơ quan', page: sample.signaturePage, rect: org.rect, appearance: org.appearance },
      overlays: sample.fill('123', '10', '05'),
    });
    const c = performance.now();
    const report = await verifyPdf(twice, { trustAnchors, now: verifiedAt });
    const d = performance.now();
    if (report.verdict !== 'valid') throw new Error(`benchmark document did not verify: ${JSON.stringify(report)}`);
    if (i === 0) cold = c - a;
    if (i >= 2) {
      t1.push(b - a);
      t2.push(c - b);
      tv.push(d - c);
    }
    output = twice;
  }
  return {
    pages,
    runs,
    officialMs: stats(t1),
    organisationMs: stats(t2),
    signBothMs: stats(t1.map((x, i) => x + t2[i]!)),
    verifyBothMs: stats(tv),
    coldSignBothMs: Math.round(cold * 100) / 100,
    inputBytes: sample.bytes.length,
    outputBytes: output.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [pages, runs] = process.argv.slice(2).map(Number);
  benchmarkSigning({ pages: pages || undefined, runs: runs || undefined }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/**
 * Shared fixtures for the signing tests: a temporary folder with a fresh test PKI, the
 * demo images, and runners for the independent tools (poppler's pdfsig, qpdf, mupdf,
 * OpenSSL) so every claim about a signed file is checked by software we did not write.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findAssetsDir } from '../../../src/main/pdf/fonts.js';
import { createTestPki, type TestIdentity, type TestPki } from '../../support/signing/testPki.js';

export interface Fixture {
  dir: string;
  pki: TestPki;
  signatureImage: Buffer;
  sealImage: Buffer;
  /** NSS database trusting the test root (for pdfsig). */
  nssDir: string;
  cleanup(): void;
  file(name: string, bytes?: Uint8Array): string;
}

/**
 * The fixed instants the signing tests sign and verify at (May–June 2026). The test PKI is
 * valid at these and at the real time, because pdfsig and mutool judge a certificate at
 * their own "now": the tests pass in any year.
 */
export const SIGNING_WINDOW = [new Date('2026-05-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z')] as const;

/** An instant inside a certificate's validity (its middle). */
export function insideValidity(who: TestIdentity): Date {
  return new Date(Math.round((who.notBefore.getTime() + who.notAfter.getTime()) / 2000) * 1000);
}

export function createFixture(prefix = 'vanthu-signing-', validAt: readonly Date[] = []): Fixture {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const pki = createTestPki(dir, { validAt: [...SIGNING_WINDOW, ...validAt, new Date()] });
  const assets = findAssetsDir();
  const nssDir = path.join(dir, 'nss');
  mkdirSync(nssDir);
  execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  // pdfsig checks the signer for e-mail (S/MIME) use: the root needs that trust bit too;
  // "C,," (SSL only) leaves it "Certificate issuer isn't Trusted."
  execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'vanthu-test-root', '-t', 'CT,C,C', '-i', path.join(dir, 'root.pem')]);
  return {
    dir,
    pki,
    signatureImage: readFileSync(path.join(assets, 'signing', 'chu-ky-mau.png')),
    sealImage: readFileSync(path.join(assets, 'signing', 'con-dau-mau.png')),
    nssDir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    file(name, bytes) {
      const p = path.join(dir, name);
      if (bytes) writeFileSync(p, bytes);
      return p;
    },
  };
}

/** A .p12 written by OpenSSL 3 with its defaults (AES-256-CBC, PBKDF2, SHA-256 MAC). */
export function opensslP12(fx: Fixture, who: TestIdentity, password: string, opts: { noKeys?: boolean } = {}): string {
  const out = path.join(fx.dir, `${who.nick}-openssl${opts.noKeys ? '-nokeys' : ''}.p12`);
  const chain = path.join(fx.dir, 'chain.pem');
  writeFileSync(chain, fx.pki.intermediatePem + fx.pki.rootPem);
  const args = [
    'pkcs12',
    '-export',
    '-in',
    path.join(fx.dir, `${who.nick}.cert.pem`),
    '-certfile',
    chain,
    '-name',
    who.nick,
    '-passout',
    `pass:${password}`,
    '-out',
    out,
  ];
  if (opts.noKeys) args.push('-nokeys');
  else args.push('-inkey', path.join(fx.dir, `${who.nick}.key.pem`));
  execFileSync('openssl', args);
  return out;
}

export interface ToolResult {
  status: number | null;
  out: string;
}

export function tool(cmd: string, args: readonly string[]): ToolResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export const pdfsig = (fx: Fixture, file: string): ToolResult => tool('pdfsig', ['-nssdir', `sql:${fx.nssDir}`, file]);
export const qpdfCheck = (file: string): ToolResult => tool('qpdf', ['--check', file]);
export const mutoolVerify = (file: string): ToolResult => tool('mutool', ['sign', '-v', file]);

/** The pdfsig blocks, one per signature. */
export function pdfsigBlocks(out: string): string[] {
  return out.split(/^Signature #\d+:$/m).slice(1);
}

/** For each /ByteRange in the file: the covered bytes and the DER signature, checked by `openssl cms -verify`. */
export function opensslVerifyAll(fx: Fixture, file: string): ToolResult[] {
  const bytes = readFileSync(file);
  const text = bytes.toString('latin1');
  const out: ToolResult[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [b, c, d] = [Number(m[2]), Number(m[3]), Number(m[4])];
    const content = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
    const der = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    const contentFile = fx.file(`part-${++i}.bin`, content);
    const sigFile = fx.file(`sig-${i}.der`, der);
    out.push(
      tool('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        sigFile,
        '-content',
        contentFile,
        '-CAfile',
        path.join(fx.dir, 'root.pem'),
        '-purpose',
        'any',
        '-out',
        path.join(fx.dir, `ok-${i}.bin`),
      ]),
    );
  }
  return out;
}

/** `openssl cms -cmsout -print` of the i-th (0-based) signature in the file. */
export function cmsPrint(fx: Fixture, file: string, index: number): string {
  const text = readFileSync(file).toString('latin1');
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const m = all[index]!;
  const der = Buffer.from(text.slice(Number(m[2]) + 1, Number(m[3]) - 1), 'hex');
  const sigFile = fx.file(`print-${index}.der`, der);
  return tool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sigFile]).out;
}

/** RGB pixels of a PNG rendered by pdftoppm (`-r dpi`), via a PPM so no PNG decoder is needed. */
export function renderPage(file: string, page: number, dpi: number): { width: number; height: number; rgb: Buffer } {
  const r = spawnSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 });
  const buf = r.stdout;
  // P6\n<w> <h>\n255\n<data>
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`pdftoppm failed: ${r.stderr?.toString()}`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: buf.subarray(header[0].length) };
}

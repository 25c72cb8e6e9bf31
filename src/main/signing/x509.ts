/**
 * Certificates as DER bytes plus the few fields signing and verification need. Parsing
 * is our own (der.ts) rather than forge's because forge rejects non-RSA keys (a PDF from
 * another agency may carry an ECDSA chain) and garbles UTF8String names unless decoded by
 * hand; cryptographic checks use Node's native X509Certificate.
 */
import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { bytesOf, children, contentOf, DerError, expectTag, integerHex, readOid, readString, readTime, readTlv, type Tlv } from './der.js';

export const OID_CN = '2.5.4.3';
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.5': 'SERIALNUMBER',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

/** A certificate as accepted at the API: DER bytes, PEM text or a forge certificate. */
export type CertificateInput = Uint8Array | string | forge.pki.Certificate;

export interface CertInfo {
  readonly der: Uint8Array;
  readonly sha256: Buffer;
  readonly serialHex: string;
  /** Raw DER of the issuer and subject Names (for IssuerAndSerialNumber and ESS). */
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  /** "CN=…, O=…, C=VN" with the Vietnamese text decoded. */
  readonly subject: string;
  readonly issuer: string;
  readonly subjectCN: string | null;
  readonly issuerCN: string | null;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKeyOid: string;
  /** Node's view, for signature and issuer checks. Built on first use. */
  readonly x509: X509Certificate;
}

interface NameInfo {
  text: string;
  cn: string | null;
}

function readName(t: Tlv): NameInfo {
  expectTag(t, 0x30, 'Name');
  const parts: string[] = [];
  let cn: string | null = null;
  for (const rdn of children(t)) {
    for (const atv of children(rdn)) {
      const [oidT, valT] = children(atv);
      if (!oidT || !valT) continue;
      const oid = readOid(oidT);
      let value: string;
      try {
        value = readString(valT).normalize('NFC');
      } catch {
        value = Buffer.from(contentOf(valT)).toString('hex');
      }
      if (oid === OID_CN && cn === null) cn = value;
      parts.push(`${SHORT_NAMES[oid] ?? oid}=${value}`);
    }
  }
  // Most specific first, as people read it ("CN=…, O=…, C=VN").
  return { text: parts.reverse().join(', '), cn };
}

// The same few certificates (trust anchors, our chain) come back on every verification;
// building Node's X509Certificate is the costly part, so parsed certificates are kept.
const parsedCache = new Map<string, CertInfo>();
const CACHE_LIMIT = 256;

export function parseCertificate(der: Uint8Array): CertInfo {
  const buf = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  const cert = expectTag(readTlv(buf), 0x30, 'Certificate');
  const whole = Buffer.from(buf.subarray(0, cert.end));
  const sha256 = createHash('sha256').update(whole).digest();
  const key = sha256.toString('hex');
  const hit = parsedCache.get(key);
  if (hit) return hit;
  const info = parseUncached(whole, sha256);
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value!);
  parsedCache.set(key, info);
  return info;
}

function parseUncached(whole: Buffer, sha256: Buffer): CertInfo {
  const cert = readTlv(whole);
  const [tbs] = children(cert);
  const fields = children(expectTag(tbs, 0x30, 'TBSCertificate'));
  let i = 0;
  if (fields[0]?.tag === 0xa0) i++; // [0] EXPLICIT version
  const serial = fields[i++];
  i++; // signature AlgorithmIdentifier
  const issuerT = fields[i++];
  const validity = fields[i++];
  const subjectT = fields[i++];
  const spki = fields[i];
  if (!serial || !issuerT || !validity || !subjectT || !spki) throw new DerError('certificate: missing fields');
  const [nb, na] = children(validity);
  if (!nb || !na) throw new DerError('certificate: bad validity');
  const [algId] = children(spki);
  const [keyOid] = algId ? children(algId) : [];
  if (!keyOid) throw new DerError('certificate: bad public key');
  const issuer = readName(issuerT);
  const subject = readName(subjectT);
  let x509: X509Certificate | undefined;
  return {
    der: whole,
    sha256,
    serialHex: integerHex(serial),
    issuerDer: bytesOf(issuerT),
    subjectDer: bytesOf(subjectT),
    subject: subject.text,
    issuer: issuer.text,
    subjectCN: subject.cn,
    issuerCN: issuer.cn,
    notBefore: readTime(nb),
    notAfter: readTime(na),
    publicKeyOid: readOid(keyOid),
    get x509() {
      x509 ??= new X509Certificate(whole);
      return x509;
    },
  };
}

/** Every certificate in a PEM text (a bundle may hold several). */
export function pemToDerList(pem: string): Buffer[] {
  const out: Buffer[] = [];
  const re = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem)) out.push(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  return out;
}

export function forgeCertToDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

export function certificateInputToDer(input: CertificateInput): Uint8Array[] {
  if (input instanceof Uint8Array) return [input];
  if (typeof input === 'string') return pemToDerList(input);
  return [forgeCertToDer(input)];
}

export function certificatesFrom(inputs: readonly CertificateInput[]): CertInfo[] {
  const out: CertInfo[] = [];
  for (const input of inputs) for (const der of certificateInputToDer(input)) out.push(parseCertificate(der));
  return out;
}

export function sameCert(a: CertInfo, b: CertInfo): boolean {
  return a.sha256.equals(b.sha256);
}

export type ValidityAt = 'valid' | 'expired' | 'not_yet_valid';

export function validityAt(cert: CertInfo, at: Date): ValidityAt {
  if (at.getTime() < cert.notBefore.getTime()) return 'not_yet_valid';
  if (at.getTime() > cert.notAfter.getTime()) return 'expired';
  return 'valid';
}

/** `issuer` issued `cert`: names and key identifiers match, and the signature verifies. */
export function issued(issuer: CertInfo, cert: CertInfo): boolean {
  try {
    return cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

export type ChainStatus = 'trusted' | 'untrusted' | 'expired' | 'not_yet_valid';

export interface ChainResult {
  status: ChainStatus;
  /** Leaf first; ends at the trust anchor when trusted. */
  path: CertInfo[];
}

/**
 * Builds a path from `leaf` through `pool` (the certificates shipped with the signature)
 * to one of `anchors`, and judges every certificate on it at `at` — the time the
 * signature claims — so a document signed while its certificate was valid stays valid
 * after the certificate expires. Revocation (OCSP/CRL) is not checked here.
 */
export function evaluateChain(leaf: CertInfo, pool: readonly CertInfo[], anchors: readonly CertInfo[], at: Date): ChainResult {
  const path: CertInfo[] = [leaf];
  let trusted = false;
  for (let current = leaf; path.length <= 10;) {
    if (anchors.some((a) => sameCert(a, current))) {
      trusted = true;
      break;
    }
    const anchor = anchors.find((a) => issued(a, current));
    if (anchor) {
      path.push(anchor);
      trusted = true;
      break;
    }
    const next = pool.find((c) => !path.some((p) => sameCert(p, c)) && c.x509.ca && issued(c, current));
    if (!next) break;
    path.push(next);
    current = next;
  }
  if (!trusted) return { status: 'untrusted', path };
  for (const c of path) {
    const v = validityAt(c, at);
    if (v !== 'valid') return { status: v, path };
  }
  return { status: 'trusted', path };
}

/** Orders certificates leaf → root starting at `leaf`, dropping ones not on the path. */
export function orderChain(leaf: CertInfo, others: readonly CertInfo[]): CertInfo[] {
  const chain = [leaf];
  for (let current = leaf; chain.length < 10;) {
    if (Buffer.from(current.issuerDer).equals(Buffer.from(current.subjectDer))) break;
    const next = others.find((c) => !chain.some((p) => sameCert(p, c)) && issued(c, current));
    if (!next) break;
    chain.push(next);
    current = next;
  }
  return chain;
}

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
  /** The algorithm the issuer signed this certificate with (sha1WithRSAEncryption, …). */
  readonly signatureOid: string;
  /** Issuer and subject names are equal (a root, or a self-issued certificate). */
  readonly selfIssued: boolean;
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
  const sigAlg = fields[i++];
  const issuerT = fields[i++];
  const validity = fields[i++];
  const subjectT = fields[i++];
  const spki = fields[i];
  if (!serial || !sigAlg || !issuerT || !validity || !subjectT || !spki) throw new DerError('certificate: missing fields');
  const [sigOid] = children(expectTag(sigAlg, 0x30, 'AlgorithmIdentifier'));
  if (!sigOid) throw new DerError('certificate: bad signature algorithm');
  const [nb, na] = children(validity);
  if (!nb || !na) throw new DerError('certificate: bad validity');
  const [algId] = children(spki);
  const [keyOid] = algId ? children(algId) : [];
  if (!keyOid) throw new DerError('certificate: bad public key');
  const issuer = readName(issuerT);
  const subject = readName(subjectT);
  let x509: X509Certificate | undefined;
  const issuerDer = bytesOf(issuerT);
  const subjectDer = bytesOf(subjectT);
  return {
    der: whole,
    sha256,
    serialHex: integerHex(serial),
    issuerDer,
    subjectDer,
    selfIssued: Buffer.from(issuerDer).equals(Buffer.from(subjectDer)),
    signatureOid: readOid(sigOid),
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

/** SHA-1 based signature algorithms: accepted on a chain only under a legacy anchor. */
const SHA1_SIGNATURES = new Set([
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.3.14.3.2.29', // sha1WithRSA (OIW)
  '1.2.840.10045.4.1', // ecdsa-with-SHA1
  '1.2.840.10040.4.3', // dsa-with-sha1
]);

export function signedWithSha1(cert: CertInfo): boolean {
  return SHA1_SIGNATURES.has(cert.signatureOid);
}

// Verifying a certificate's signature is the costly part of building a chain, and the same
// pairs come back for every signature of a file (16 seals by one CA): answers are kept.
const issuedCache = new Map<string, boolean>();

/** `issuer` issued `cert`: names and key identifiers match, and the signature verifies. */
export function issued(issuer: CertInfo, cert: CertInfo): boolean {
  // Names first: comparing bytes is free, Node's checks are not.
  if (!Buffer.from(issuer.subjectDer).equals(Buffer.from(cert.issuerDer)) && !namesMatchLoosely(issuer, cert)) return false;
  const key = `${issuer.sha256.toString('hex')}>${cert.sha256.toString('hex')}`;
  let ok = issuedCache.get(key);
  if (ok === undefined) {
    try {
      ok = cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey);
    } catch {
      ok = false;
    }
    if (issuedCache.size >= 4096) issuedCache.clear();
    issuedCache.set(key, ok);
  }
  return ok;
}

/** Names encoded differently (PrintableString vs UTF8String) still name the same CA. */
function namesMatchLoosely(issuer: CertInfo, cert: CertInfo): boolean {
  return issuer.subject === cert.issuer;
}

/** Self-signed: a root (its own issuer, and its own key verifies it). */
export function selfSigned(cert: CertInfo): boolean {
  return cert.selfIssued && issued(cert, cert);
}

/**
 * - trusted: a path to an anchor, every certificate valid at the time judged;
 * - untrusted: the path ends at a root that is not an anchor;
 * - incomplete: the path stops at a certificate whose issuer is known nowhere (neither in
 *   the signature nor among the known intermediates): not a proof of anything wrong, only
 *   that the chain could not be completed offline;
 * - expired / not_yet_valid: a certificate on a trusted path was not valid at that time;
 * - weak_algorithm: the path uses SHA-1 signatures under an anchor not marked legacy.
 */
export type ChainStatus = 'trusted' | 'untrusted' | 'incomplete' | 'expired' | 'not_yet_valid' | 'weak_algorithm';

export interface ChainResult {
  status: ChainStatus;
  /** Leaf first; ends at the trust anchor when trusted. */
  path: CertInfo[];
  /** The anchor reached (trusted, expired, not_yet_valid, weak_algorithm). */
  anchor: CertInfo | null;
  /** SHA-1 signatures on the path, accepted because the anchor is marked legacy. */
  legacySha1: boolean;
  /** incomplete: the issuer name of the last certificate reached, which no known certificate has. */
  missingIssuer: string | null;
}

export interface ChainOptions {
  /** Known intermediate CA certificates (never anchors): used to complete chains. */
  intermediates?: readonly CertInfo[];
  /** Anchors under which SHA-1 signatures are accepted (the administrator marked them legacy). */
  legacyAnchors?: readonly CertInfo[];
}

/**
 * Builds a path from `leaf` through `pool` (the certificates shipped with the signature)
 * and the known intermediates to one of `anchors`, and judges every certificate on it at
 * `at` — the time of the signature's timestamp or the time it claims — so a document signed
 * while its certificate was valid stays valid after the certificate expires. Where several
 * certificates could be the issuer (a CA re-issued with the same key and name), the one
 * valid at `at` is preferred. Revocation (OCSP/CRL) is not checked here.
 */
export function evaluateChain(
  leaf: CertInfo,
  pool: readonly CertInfo[],
  anchors: readonly CertInfo[],
  at: Date,
  opts: ChainOptions = {},
): ChainResult {
  const legacy = opts.legacyAnchors ?? [];
  const allAnchors = legacy.length ? [...anchors, ...legacy] : anchors;
  const candidatesFor = (current: CertInfo, among: readonly CertInfo[], path: readonly CertInfo[]) =>
    among
      .filter((c) => !path.some((p) => sameCert(p, c)) && issued(c, current))
      .sort((a, b) => Number(validityAt(b, at) === 'valid') - Number(validityAt(a, at) === 'valid'));
  const path: CertInfo[] = [leaf];
  let anchor: CertInfo | null = null;
  for (let current = leaf; path.length <= 10;) {
    const self = allAnchors.find((a) => sameCert(a, current));
    if (self) {
      anchor = self;
      break;
    }
    const byAnchor = candidatesFor(current, allAnchors, path)[0];
    if (byAnchor) {
      path.push(byAnchor);
      anchor = byAnchor;
      break;
    }
    const next = candidatesFor(
      current,
      [...pool, ...(opts.intermediates ?? [])].filter((c) => c.x509.ca),
      path,
    )[0];
    if (!next) break;
    path.push(next);
    current = next;
  }
  const last = path[path.length - 1]!;
  if (!anchor) {
    const root = selfSigned(last);
    return {
      status: root ? 'untrusted' : 'incomplete',
      path,
      anchor: null,
      legacySha1: false,
      missingIssuer: root ? null : last.issuer,
    };
  }
  const result: ChainResult = { status: 'trusted', path, anchor, legacySha1: false, missingIssuer: null };
  for (const c of path) {
    const v = validityAt(c, at);
    if (v !== 'valid') return { ...result, status: v };
  }
  // The anchor's own self-signature proves nothing either way; every other link counts.
  const sha1 = path.some((c) => c !== anchor && signedWithSha1(c));
  if (sha1) {
    if (!legacy.some((a) => sameCert(a, anchor!))) return { ...result, status: 'weak_algorithm' };
    result.legacySha1 = true;
  }
  return result;
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

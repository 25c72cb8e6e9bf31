/**
 * CMS SignedData (RFC 5652) for PAdES baseline B-B (ETSI EN 319 142-1), built with
 * forge.asn1 — forge's pkcs7 module cannot: it emits an empty SET for
 * signing-certificate-v2 and does not DER-sort the signed attributes.
 *
 * The signed attributes are exactly: content-type (id-data), message-digest and
 * ESS signing-certificate-v2. PAdES forbids the CMS signing-time attribute (the time
 * goes in the signature dictionary's /M instead).
 */
import { constants, createHash, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { children, contentOf, derElement, DerError, expectTag, integerValue, octets, readOid, readTime, readTlv, type Tlv } from './der.js';
import type { CertInfo } from './x509.js';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaSha1: '1.2.840.10045.4.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  ecdsaSha512: '1.2.840.10045.4.3.4',
} as const;

export const HASH_BY_OID: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

// ---------------------------------------------------------------------------------------
// Building

const A = forge.asn1;
type Asn1 = forge.asn1.Asn1;
const bin = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('binary');
const seq = (v: Asn1[]): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.SEQUENCE, true, v);
const set = (v: Asn1[]): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.SET, true, v);
const oid = (o: string): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.OID, false, A.oidToDer(o).getBytes());
const nul = (): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.NULL, false, '');
const octetString = (b: Uint8Array): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.OCTETSTRING, false, bin(b));
const integer = (n: number): Asn1 => A.create(A.Class.UNIVERSAL, A.Type.INTEGER, false, A.integerToDer(n).getBytes());
// @types/node-forge types only the old boolean `strict` argument; forge 1.x takes options.
const fromDer = A.fromDer as unknown as (bytes: string, options: { decodeBitStrings: boolean; parseAllBytes: boolean }) => Asn1;
/** Parses DER we already hold (certificates, names) so forge writes it back byte for byte. */
const raw = (der: Uint8Array): Asn1 => fromDer(bin(der), { decodeBitStrings: false, parseAllBytes: true });
const toDer = (a: Asn1): Buffer => Buffer.from(A.toDer(a).getBytes(), 'binary');

/** INTEGER from the certificate's serial hex, re-adding the sign octet when needed. */
function serialInteger(serialHex: string): Asn1 {
  let hex = serialHex.length % 2 ? `0${serialHex}` : serialHex;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return A.create(A.Class.UNIVERSAL, A.Type.INTEGER, false, Buffer.from(hex, 'hex').toString('binary'));
}

/**
 * X.690 §11.6: the components of a SET OF are ordered by their encodings, compared as
 * octet strings with the shorter one padded with trailing zero octets.
 */
export function compareDer(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/** Test-only knobs: produce deliberately wrong signatures for negative tests. */
export interface CmsTestOptions {
  /** Replace the ESS certificate hash (to test `essMatches:false`). */
  essCertHash?: Uint8Array;
  /** Leave out signing-certificate-v2 altogether. */
  omitEss?: boolean;
}

export interface CmsBuildInput {
  /** SHA-256 of the signed byte ranges. */
  contentDigest: Uint8Array;
  /** Signer certificate first, then the rest of its chain. */
  chain: readonly CertInfo[];
  /** RSA PKCS#1 v1.5 SHA-256 over the DER of the signed attributes. */
  sign: (signedAttributesDer: Uint8Array) => Promise<Uint8Array>;
  testing?: CmsTestOptions;
}

/** The DER-sorted signed attributes: returns each attribute's DER in final order. */
export function buildSignedAttributes(contentDigest: Uint8Array, signer: CertInfo, testing: CmsTestOptions = {}): Buffer[] {
  const attrs: Asn1[] = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octetString(contentDigest)])]),
  ];
  if (!testing.omitEss) {
    // ESSCertIDv2 with hashAlgorithm omitted: DEFAULT is SHA-256, and DER forbids
    // encoding a DEFAULT value (RFC 5035 §3).
    const issuerSerial = seq([
      seq([A.create(A.Class.CONTEXT_SPECIFIC, 4, true, [raw(signer.issuerDer)])]),
      serialInteger(signer.serialHex),
    ]);
    const certHash = testing.essCertHash ?? signer.sha256;
    attrs.push(seq([oid(OID.signingCertificateV2), set([seq([seq([seq([octetString(certHash), issuerSerial])])])])]));
  }
  return attrs.map(toDer).sort(compareDer);
}

export async function buildCadesSignedData(input: CmsBuildInput): Promise<Buffer> {
  const signer = input.chain[0];
  if (!signer) throw new Error('empty certificate chain');
  const attrDers = buildSignedAttributes(input.contentDigest, signer, input.testing);
  const attrsContent = Buffer.concat(attrDers);
  const toSign = derElement(0x31, attrsContent);
  const signature = await input.sign(toSign);

  const sha256Alg = seq([oid(OID.sha256)]);
  const signerInfo = seq([
    integer(1),
    seq([raw(signer.issuerDer), serialInteger(signer.serialHex)]),
    sha256Alg,
    A.create(A.Class.CONTEXT_SPECIFIC, 0, true, attrDers.map(raw)),
    seq([oid(OID.rsaEncryption), nul()]),
    octetString(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([seq([oid(OID.sha256)])]),
    seq([oid(OID.data)]),
    A.create(
      A.Class.CONTEXT_SPECIFIC,
      0,
      true,
      input.chain.map((c) => raw(c.der)),
    ),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), A.create(A.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

// ---------------------------------------------------------------------------------------
// Parsing (BER-tolerant, keeps received bytes)

export interface SignerIdentifier {
  issuerDer?: Uint8Array;
  serialHex?: string;
  subjectKeyIdentifier?: Uint8Array;
}

export interface ParsedSignerInfo {
  sid: SignerIdentifier;
  digestOid: string;
  signatureOid: string;
  signatureParams: Tlv | undefined;
  /** Candidate byte strings the signature may cover, most likely first (see parse). */
  signedAttrsCandidates: Uint8Array[];
  attributes: Map<string, Tlv[]>;
  /** Unsigned attributes (a signature timestamp token among them). */
  unsignedAttributes: Map<string, Tlv[]>;
  signature: Uint8Array;
}

export interface ParsedSignedData {
  certificates: Uint8Array[];
  eContentType: string;
  eContent: Uint8Array | null;
  signerInfos: ParsedSignerInfo[];
}

/** Re-encodes a BER element in definite-length form (constructed strings joined). */
function toDefinite(t: Tlv): Buffer {
  if (!t.constructed) return Buffer.from(t.buf.subarray(t.start, t.end));
  if (t.tag === 0x24 || t.tag === 0x23) return Buffer.from(derElement(t.tag & ~0x20, octets(t)));
  if (!t.indefinite) {
    // Fast path: a definite element whose descendants are all definite is already fine.
    const parts = children(t).map(toDefinite);
    const content = Buffer.concat(parts);
    if (content.length === t.contentEnd - t.contentStart) return Buffer.from(t.buf.subarray(t.start, t.end));
    return Buffer.from(derElement(t.tag, content));
  }
  return Buffer.from(derElement(t.tag, Buffer.concat(children(t).map(toDefinite))));
}

export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const buf = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  const ci = expectTag(readTlv(buf), 0x30, 'ContentInfo');
  const [ctype, wrapped] = children(ci);
  if (!ctype || readOid(ctype) !== OID.signedData) throw new DerError('not a CMS SignedData');
  const [sd] = children(expectTag(wrapped, 0xa0, '[0] content'));
  const parts = children(expectTag(sd, 0x30, 'SignedData'));
  let i = 1; // version
  i++; // digestAlgorithms
  const encap = children(expectTag(parts[i++], 0x30, 'EncapsulatedContentInfo'));
  const eContentType = readOid(encap[0]!);
  let eContent: Uint8Array | null = null;
  if (encap[1]) {
    const [oct] = children(encap[1]);
    if (oct) eContent = octets(oct);
  }
  const certificates: Uint8Array[] = [];
  if (parts[i]?.tag === 0xa0) {
    for (const c of children(parts[i]!)) if (c.tag === 0x30) certificates.push(toDefinite(c));
    i++;
  }
  if (parts[i]?.tag === 0xa1) i++; // crls
  const infos = parts[i];
  if (!infos || infos.tag !== 0x31) throw new DerError('SignedData: missing signerInfos');
  return { certificates, eContentType, eContent, signerInfos: children(infos).map(parseSignerInfo) };
}

function parseSignerInfo(si: Tlv): ParsedSignerInfo {
  const f = children(expectTag(si, 0x30, 'SignerInfo'));
  let i = 0;
  integerValue(f[i++]!);
  const sidT = f[i++]!;
  const sid: SignerIdentifier = {};
  if (sidT.tag === 0x30) {
    const [issuer, serial] = children(sidT);
    if (!issuer || !serial) throw new DerError('SignerInfo: bad IssuerAndSerialNumber');
    sid.issuerDer = toDefinite(issuer);
    sid.serialHex =
      Buffer.from(contentOf(serial))
        .toString('hex')
        .replace(/^(00)+/, '') || '00';
  } else if (sidT.tagClass === 2 && sidT.tagNumber === 0) {
    sid.subjectKeyIdentifier = octets(sidT);
  }
  const digestOid = readOid(children(f[i++]!)[0]!);
  const attributes = new Map<string, Tlv[]>();
  const signedAttrsCandidates: Uint8Array[] = [];
  if (f[i]?.tag === 0xa0) {
    const attrsT = f[i++]!;
    const attrs = children(attrsT);
    for (const a of attrs) {
      const [aoid, values] = children(a);
      if (!aoid || !values) continue;
      attributes.set(readOid(aoid), children(values));
    }
    // RFC 5652 §5.4: the signature covers the DER of the attributes with a SET tag. Try the
    // bytes as received first (re-tagged), then a definite-length, DER-sorted re-encoding
    // for BER producers such as NSS, then that re-encoding in received order.
    const received = Buffer.from(attrsT.buf.subarray(attrsT.start, attrsT.end));
    received[0] = 0x31;
    signedAttrsCandidates.push(received);
    const definite = attrs.map(toDefinite);
    const sorted = [...definite].sort(compareDer);
    for (const list of [sorted, definite]) {
      const candidate = derElement(0x31, Buffer.concat(list));
      if (!signedAttrsCandidates.some((c) => Buffer.from(c).equals(candidate))) signedAttrsCandidates.push(candidate);
    }
  }
  const sigAlg = children(f[i++]!);
  const signatureOid = readOid(sigAlg[0]!);
  const signature = octets(expectTag(f[i++], 0x04, 'signature'));
  const unsignedAttributes = new Map<string, Tlv[]>();
  if (f[i]?.tag === 0xa1) {
    for (const a of children(f[i]!)) {
      const [aoid, values] = children(a);
      if (aoid && values) unsignedAttributes.set(readOid(aoid), children(values));
    }
  }
  return { sid, digestOid, signatureOid, signatureParams: sigAlg[1], signedAttrsCandidates, attributes, unsignedAttributes, signature };
}

export function attributeOctets(info: ParsedSignerInfo, attrOid: string): Uint8Array | null {
  const v = info.attributes.get(attrOid)?.[0];
  return v ? octets(v) : null;
}

export function attributeTime(info: ParsedSignerInfo, attrOid: string): Date | null {
  const v = info.attributes.get(attrOid)?.[0];
  if (!v) return null;
  try {
    return readTime(v);
  } catch {
    return null;
  }
}

export type EssResult = 'match' | 'mismatch' | 'absent';

/**
 * ESS signing-certificate(-v2): the signer certificate hash named inside the signed
 * attributes. No external tool here checks it (signing.md pitfall 5), so we do.
 */
export function checkEss(info: ParsedSignerInfo, cert: CertInfo): EssResult {
  try {
    const v2 = info.attributes.get(OID.signingCertificateV2)?.[0];
    const v1 = info.attributes.get(OID.signingCertificate)?.[0];
    const attr = v2 ?? v1;
    if (!attr) return 'absent';
    const [certs] = children(attr);
    const [first] = certs ? children(certs) : [];
    if (!first) return 'mismatch';
    const fields = children(first);
    let hashName = v2 ? 'sha256' : 'sha1';
    let k = 0;
    if (v2 && fields[0]?.tag === 0x30) {
      const algOid = readOid(children(fields[0])[0]!);
      hashName = HASH_BY_OID[algOid] ?? '';
      k = 1;
    }
    const hashT = fields[k];
    if (!hashT || !hashName) return 'mismatch';
    const expected = createHash(hashName).update(cert.der).digest();
    return expected.equals(Buffer.from(octets(hashT))) ? 'match' : 'mismatch';
  } catch {
    return 'mismatch';
  }
}

/** Verifies a CMS signature value with the signer's public key (RSA PKCS#1, RSA-PSS, ECDSA). */
export function verifySignatureValue(key: KeyObject, info: ParsedSignerInfo, data: Uint8Array): boolean {
  const digest = HASH_BY_OID[info.digestOid];
  const byOid: Record<string, string | undefined> = {
    [OID.rsaEncryption]: digest,
    [OID.sha1WithRSA]: 'sha1',
    [OID.sha256WithRSA]: 'sha256',
    [OID.sha384WithRSA]: 'sha384',
    [OID.sha512WithRSA]: 'sha512',
    [OID.ecPublicKey]: digest,
    [OID.ecdsaSha1]: 'sha1',
    [OID.ecdsaSha256]: 'sha256',
    [OID.ecdsaSha384]: 'sha384',
    [OID.ecdsaSha512]: 'sha512',
  };
  try {
    if (info.signatureOid === OID.rsassaPss) {
      const pss = pssParams(info.signatureParams);
      return cryptoVerify(pss.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, info.signature);
    }
    const hash = byOid[info.signatureOid];
    if (!hash) return false;
    if (key.asymmetricKeyType === 'rsa') {
      return cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, info.signature);
    }
    return cryptoVerify(hash, data, key, info.signature);
  } catch {
    return false;
  }
}

function pssParams(t: Tlv | undefined): { hash: string; saltLength: number } {
  let hash = 'sha1';
  let saltLength = 20;
  if (t && t.tag === 0x30) {
    for (const p of children(t)) {
      if (p.tagClass !== 2) continue;
      const [inner] = children(p);
      if (!inner) continue;
      if (p.tagNumber === 0) hash = HASH_BY_OID[readOid(children(inner)[0]!)] ?? hash;
      if (p.tagNumber === 2) saltLength = integerValue(inner);
    }
  }
  return { hash, saltLength };
}

// ---------------------------------------------------------------------------------------
// RFC 3161 timestamp tokens

export interface TimeStampToken {
  /** The token's SignedData (its certificates and signer). */
  signedData: ParsedSignedData;
  /** TSTInfo.genTime: when the TSA saw the imprint. */
  genTime: Date;
  /** messageImprint: the hash algorithm and the hash of what was timestamped. */
  imprintHash: string | null;
  imprint: Uint8Array;
  /** The DER of TSTInfo (what the TSA's message-digest covers). */
  tstInfoDer: Uint8Array;
}

/** Reads a timestamp token (a CMS SignedData over a TSTInfo); throws DerError when it is not one. */
export function parseTimeStampToken(der: Uint8Array): TimeStampToken {
  const signedData = parseSignedData(der);
  if (signedData.eContentType !== OID.tstInfo || !signedData.eContent) throw new DerError('not a timestamp token');
  const tstInfoDer = signedData.eContent;
  const fields = children(expectTag(readTlv(Buffer.from(tstInfoDer)), 0x30, 'TSTInfo'));
  // version, policy, messageImprint, serialNumber, genTime, …
  const imprintT = expectTag(fields[2], 0x30, 'MessageImprint');
  const [alg, hashed] = children(imprintT);
  if (!alg || !hashed) throw new DerError('TSTInfo: bad messageImprint');
  const hashOid = readOid(children(alg)[0]!);
  const genTimeT = fields[4];
  if (!genTimeT) throw new DerError('TSTInfo: missing genTime');
  return { signedData, genTime: readTime(genTimeT), imprintHash: HASH_BY_OID[hashOid] ?? null, imprint: octets(hashed), tstInfoDer };
}

/** The signature timestamp of a signer (unsigned attribute), or null when it carries none. */
export function signatureTimeStampOf(info: ParsedSignerInfo): Uint8Array | null {
  const v = info.unsignedAttributes.get(OID.signatureTimeStampToken)?.[0];
  return v ? Buffer.from(v.buf.subarray(v.start, v.end)) : null;
}

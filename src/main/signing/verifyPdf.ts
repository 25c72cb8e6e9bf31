/**
 * Verifies the signatures of any PDF — ours, or one from another agency (signed with
 * poppler/NSS, Adobe, a VGCA/VNPT tool). Per signature: the byte range frames exactly the
 * /Contents hex; the digest of the covered bytes equals the signed message-digest; the
 * signature over the signed attributes verifies with the signer's key; the ESS
 * signing-certificate(-v2) names that certificate; the chain reaches a trust anchor and
 * every certificate on it was valid at the time the signature claims. For the document:
 * whether unsigned bytes follow the last signature.
 *
 * Signature dictionaries are found by scanning the raw bytes (they are never compressed:
 * their /Contents is patched in place), field names by walking the AcroForm with pdf-lib.
 * A signature timestamp (RFC 3161 token in the unsigned attributes) is checked too: its
 * imprint covers this signature's value, the TSA's signature verifies, and its chain is
 * judged at its own time; a trusted timestamp is then the time the signer's chain is judged
 * at. Chains are completed from the known intermediates (a government PDF often carries the
 * signer's certificate alone). Revocation (OCSP/CRL) is not checked: offline, every report
 * says so (`revocation: 'not_checked'`).
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import { isAppFailure } from '../../shared/result.js';
import { parsePdfDate } from './appearance.js';
import {
  attributeOctets,
  attributeTime,
  parseTimeStampToken,
  signatureTimeStampOf,
  checkEss,
  HASH_BY_OID,
  OID,
  parseSignedData,
  verifySignatureValue,
  type ParsedSignerInfo,
} from './cms.js';
import { MESSAGES, signingFailure } from './errors.js';
import { hasPdfHeader, loadPdf } from './incremental.js';
import {
  certificatesFrom,
  evaluateChain,
  parseCertificate,
  type CertificateInput,
  type CertInfo,
  type ChainOptions,
  type ChainStatus,
} from './x509.js';

export type Verdict = 'valid' | 'invalid' | 'indeterminate' | 'unsigned';
export type SignatureStatus = Exclude<Verdict, 'unsigned'>;

export type SignatureProblem =
  | 'byte_range_invalid'
  | 'cms_unreadable'
  | 'signer_certificate_missing'
  | 'digest_mismatch'
  | 'signature_invalid'
  | 'ess_missing'
  | 'ess_mismatch'
  | 'chain_untrusted'
  | 'chain_incomplete'
  | 'weak_algorithm'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'unsupported_subfilter';

export interface SignerCertificateInfo {
  subject: string;
  issuer: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  sha256Hex: string;
}

export interface TimestampReport {
  /** TSTInfo.genTime. */
  time: Date;
  /** The imprint covers this signature's value and the TSA's signature verifies. */
  intact: boolean;
  /** The TSA's chain, judged at `time`. */
  chain: ChainStatus;
  /** Common name of the timestamping authority's certificate. */
  tsa: string | null;
}

export interface SignatureReport {
  /** Order in the file (revision order), 0-based. */
  index: number;
  /** Fully qualified field name, or null when no form field points at the signature. */
  field: string | null;
  subFilter: string | null;
  /** Common name of the signer's certificate. */
  signer: string | null;
  signerCertificate: SignerCertificateInfo | null;
  /** From the CMS signing-time attribute if present, else /M. */
  signedAt: Date | null;
  signedAtSource: 'signing-time' | 'M' | null;
  /** The signature timestamp, when the signature carries one. */
  timestamp: TimestampReport | null;
  /** The time the chain was judged at: a trusted timestamp's, else the claimed signing time, else now. */
  judgedAt: Date | null;
  reason: string | null;
  location: string | null;
  byteRange: number[];
  /** Digest of the covered bytes matches, and the signature over the signed attributes verifies. */
  intact: boolean;
  /** The byte range runs to the end of the file. */
  coversWholeDocument: boolean;
  /** ESS signing-certificate(-v2) names the signer's certificate; false when absent or wrong. */
  essMatches: boolean;
  /** Judged at `judgedAt`. */
  chain: ChainStatus;
  /** Subjects of the chain, signer first (to the anchor when trusted). */
  chainPath: string[];
  /** incomplete: the issuer whose certificate is missing (neither in the file nor known). */
  missingIssuer: string | null;
  /** SHA-1 on the chain, accepted because its anchor is marked legacy. */
  legacySha1: boolean;
  /** Hash of the signed content (sha1, sha256, …). */
  digestAlgorithm: string | null;
  /** OCSP/CRL: never consulted offline; shown as "chưa kiểm tra thu hồi (ngoại tuyến)". */
  revocation: 'not_checked';
  status: SignatureStatus;
  problems: SignatureProblem[];
  /** Length of the revision this signature signed: the file as it was right after signing. */
  signedRevisionLength: number;
}

export interface VerifyWarning {
  code:
    | 'unsigned_changes'
    | 'signer_name_mismatch'
    | 'signing_time_in_future'
    | 'ess_missing'
    | 'certificate_expired_since'
    | 'legacy_sha1'
    | 'sha1_digest'
    | 'signing_time_offset'
    | 'times_out_of_order'
    | 'timestamp_not_trusted'
    | 'chain_incomplete'
    | 'rewritten_after_signing'
    | 'revocation_not_checked';
  message: string;
  signature?: number;
}

export interface VerifyReport {
  verdict: Verdict;
  signatures: SignatureReport[];
  /** Bytes follow the last signature's byte range that no signature covers. */
  modifiedAfterLastSignature: boolean;
  warnings: VerifyWarning[];
}

export interface VerifyOptions {
  /** Root (or other) certificates trusted for signing: DER, PEM (may hold several) or forge certificates. */
  trustAnchors: readonly CertificateInput[];
  /** Anchors under which SHA-1 certificates are accepted (marked legacy by the administrator). */
  legacyAnchors?: readonly CertificateInput[];
  /** Known intermediate CA certificates: never anchors, used to complete chains. */
  intermediates?: readonly CertificateInput[];
  /** Default: the current time. Used when a signature claims no time, and to spot future times. */
  now?: Date;
  /** Printed signer names, in signature order (null to skip one): warns when a certificate holder differs. */
  expectedSigners?: readonly (string | null | undefined)[];
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

// ---------------------------------------------------------------------------------------
// PDF strings in raw dictionaries

function decodePdfStringBytes(b: Buffer): string {
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const le = Buffer.alloc(b.length - 2);
    for (let i = 2; i + 1 < b.length; i += 2) {
      le[i - 2] = b[i + 1]!;
      le[i - 1] = b[i]!;
    }
    return le.toString('utf16le').normalize('NFC');
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8').normalize('NFC');
  return b.toString('latin1');
}

function decodeLiteral(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out.push(s.charCodeAt(i) & 0xff);
      continue;
    }
    const n = s[++i];
    if (n === undefined) break;
    const map: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (n in map) out.push(map[n]!);
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
      out.push(parseInt(oct, 8) & 0xff);
    } else if (n === '\r') {
      if (s[i + 1] === '\n') i++;
    } else if (n !== '\n') out.push(n.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/** Reads a string value `/Key (…)` or `/Key <…>` from raw dictionary text. */
function rawString(dict: string, key: string): string | null {
  const re = new RegExp(`/${key}\\s*(?:\\(|<(?!<))`, 'g');
  const m = re.exec(dict);
  if (!m) return null;
  const start = m.index + m[0].length;
  if (m[0].endsWith('<')) {
    const end = dict.indexOf('>', start);
    if (end < 0) return null;
    const hex = dict.slice(start, end).replace(/\s+/g, '');
    return decodePdfStringBytes(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
  }
  // Literal string: balanced parentheses, backslash escapes.
  let depth = 1;
  let i = start;
  for (; i < dict.length && depth > 0; i++) {
    const c = dict[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return decodePdfStringBytes(decodeLiteral(dict.slice(start, i - 1)));
}

function rawName(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*/([^\\s/\\[\\]<>()%]+)`).exec(dict);
  return m ? m[1]! : null;
}

// ---------------------------------------------------------------------------------------
// Finding signatures

interface RawSignature {
  byteRange: number[];
  /** Object number of the signature dictionary, when it sits in a plain object. */
  objectNumber: number | null;
  dict: string;
  contents: Buffer | null;
  framed: boolean;
}

function scanSignatures(bytes: Uint8Array, text: string): RawSignature[] {
  const out: RawSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    // The enclosing object: "n g obj" before (skipping "endobj" and "obj" inside strings),
    // "endobj" after.
    let objectNumber: number | null = null;
    let dictStart = Math.max(0, m.index - 2048);
    for (let at = text.lastIndexOf('obj', m.index), tries = 0; at > 0 && tries < 64; at = text.lastIndexOf('obj', at - 1), tries++) {
      if (text.slice(at - 3, at) === 'end') break; // the previous object ended: no header here
      const head = /(?:^|[\s>\]])(\d+)\s+\d+\s+$/.exec(text.slice(Math.max(0, at - 24), at));
      if (head) {
        objectNumber = Number(head[1]);
        dictStart = at + 3;
        break;
      }
    }
    let dictEnd = text.indexOf('endobj', m.index);
    if (dictEnd < 0) dictEnd = Math.min(text.length, m.index + 65536);
    const [a, b, c, d] = br as [number, number, number, number];
    // The gap must hold a hex string, and (when the object is known) lie inside this very
    // dictionary: a byte range pointing at some other hex string is an attack, not a signature.
    let framed =
      a === 0 &&
      b > 0 &&
      c > b &&
      d >= 0 &&
      c + d <= bytes.length &&
      bytes[b] === 0x3c &&
      bytes[c - 1] === 0x3e &&
      objectNumber !== null &&
      b > dictStart &&
      c < dictEnd;
    let contents: Buffer | null = null;
    if (framed) {
      const hex = text.slice(b + 1, c - 1).replace(/\s+/g, '');
      if (/^[0-9A-Fa-f]*$/.test(hex)) contents = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
      else framed = false;
    }
    // The dictionary text without the (long) contents hex, for the other keys.
    let dict = text.slice(dictStart, dictEnd);
    if (framed && b > dictStart && c < dictEnd) dict = text.slice(dictStart, b) + text.slice(c, dictEnd);
    out.push({ byteRange: br, objectNumber, dict, contents, framed });
  }
  return out;
}

interface FieldInfo {
  name: string;
  sigRef: PDFRef | null;
  sigDict: PDFDict | null;
}

function decodeText(o: unknown): string | null {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText().normalize('NFC') : null;
}

function signatureFields(doc: PDFDocument): FieldInfo[] {
  const out: FieldInfo[] = [];
  const acro = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (!(acro instanceof PDFDict)) return out;
  const walk = (arr: unknown, prefix: string, ft: string | null, depth: number): void => {
    if (!(arr instanceof PDFArray) || depth > 20) return;
    for (let i = 0; i < arr.size(); i++) {
      const d = arr.lookup(i);
      if (!(d instanceof PDFDict)) continue;
      const part = decodeText(d.lookup(PDFName.of('T')));
      const name = part === null ? prefix : prefix ? `${prefix}.${part}` : part;
      const ftObj = d.lookup(PDFName.of('FT'));
      const myFt = ftObj instanceof PDFName ? ftObj.asString() : ft;
      const kids = d.lookup(PDFName.of('Kids'));
      if (
        kids instanceof PDFArray &&
        kids.size() > 0 &&
        kids.lookup(0) instanceof PDFDict &&
        (kids.lookup(0) as PDFDict).has(PDFName.of('T'))
      ) {
        walk(kids, name, myFt, depth + 1);
        continue;
      }
      if (myFt !== '/Sig') continue;
      const v = d.get(PDFName.of('V'));
      const sigDict = d.lookup(PDFName.of('V'));
      out.push({ name, sigRef: v instanceof PDFRef ? v : null, sigDict: sigDict instanceof PDFDict ? sigDict : null });
    }
  };
  walk(acro.lookup(PDFName.of('Fields')), '', null, 0);
  return out;
}

function byteRangeOf(d: PDFDict | null): number[] | null {
  const br = d?.lookup(PDFName.of('ByteRange'));
  if (!(br instanceof PDFArray)) return null;
  const out: number[] = [];
  for (let i = 0; i < br.size(); i++) {
    const n = br.lookup(i);
    if (!(n instanceof PDFNumber)) return null;
    out.push(n.asNumber());
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Names

const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/**
 * A comparison key for people's and organisations' names: case-insensitive, spaces
 * collapsed, and indifferent to where the tone mark sits ("Ủy"/"Uỷ", "Hòa"/"Hoà"), since
 * certificates and printed documents use either spelling.
 */
export function nameKey(s: string): string {
  return s
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/đ/g, 'đ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const chars = [...w.normalize('NFD')];
      const tones = chars.filter((c) => TONES.has(c)).sort();
      return chars.filter((c) => !TONES.has(c)).join('') + tones.join('');
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------

function effectiveLength(bytes: Uint8Array): number {
  let n = bytes.length;
  while (
    n > 0 &&
    (bytes[n - 1] === 0x0a || bytes[n - 1] === 0x0d || bytes[n - 1] === 0x20 || bytes[n - 1] === 0x09 || bytes[n - 1] === 0x00)
  )
    n--;
  return n;
}

function findSignerCert(info: ParsedSignerInfo, certs: readonly CertInfo[]): CertInfo | null {
  const { sid } = info;
  if (sid.issuerDer && sid.serialHex) {
    const issuer = Buffer.from(sid.issuerDer);
    const hit = certs.find((c) => c.serialHex === sid.serialHex && Buffer.from(c.issuerDer).equals(issuer));
    if (hit) return hit;
    // Tolerate issuer names re-encoded by the producer (e.g. a different string type).
    return certs.find((c) => c.serialHex === sid.serialHex) ?? null;
  }
  if (sid.subjectKeyIdentifier) {
    const ski = Buffer.from(sid.subjectKeyIdentifier).toString('hex').toUpperCase();
    return certs.find((c) => (c.x509 as { subjectKeyIdentifier?: string }).subjectKeyIdentifier?.replace(/:/g, '') === ski) ?? null;
  }
  return null;
}

function certificateInfo(cert: CertInfo): SignerCertificateInfo {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialHex: cert.serialHex,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    sha256Hex: cert.sha256.toString('hex'),
  };
}

/** The signer of a CMS blob, without judging anything. */
function identify(contents: Uint8Array): Partial<SignatureReport> {
  try {
    const parsed = parseSignedData(contents);
    const info = parsed.signerInfos[0];
    if (!info) return {};
    const cert = findSignerCert(info, parsed.certificates.map(parseCertificate));
    return cert ? { signer: cert.subjectCN, signerCertificate: certificateInfo(cert) } : {};
  } catch {
    return {};
  }
}

interface CheckInput {
  bytes: Uint8Array;
  raw: RawSignature | null;
  byteRange: number[];
  contents: Uint8Array | null;
  subFilter: string | null;
  mDate: Date | null;
  anchors: readonly CertInfo[];
  chainOptions: ChainOptions;
  now: Date;
}

/** Checks a signature's timestamp token against the signature value it claims to cover. */
function checkTimestamp(
  token: Uint8Array,
  signatureValue: Uint8Array,
  anchors: readonly CertInfo[],
  chainOptions: ChainOptions,
): TimestampReport | null {
  let tst;
  try {
    tst = parseTimeStampToken(token);
  } catch {
    return null;
  }
  const info = tst.signedData.signerInfos[0];
  const certs: CertInfo[] = [];
  for (const der of tst.signedData.certificates) {
    try {
      certs.push(parseCertificate(der));
    } catch {
      // skip unreadable certificates
    }
  }
  const cert = info ? findSignerCert(info, [...certs, ...(chainOptions.intermediates ?? [])]) : null;
  let intact = false;
  if (info && cert && tst.imprintHash) {
    const imprintOk = createHash(tst.imprintHash).update(signatureValue).digest().equals(Buffer.from(tst.imprint));
    const hashName = HASH_BY_OID[info.digestOid];
    const md = attributeOctets(info, OID.messageDigest);
    const mdOk = !!hashName && !!md && createHash(hashName).update(tst.tstInfoDer).digest().equals(Buffer.from(md));
    const sigOk = info.signedAttrsCandidates.some((attrs) => verifySignatureValue(cert.x509.publicKey, info, attrs));
    intact = imprintOk && mdOk && sigOk;
  }
  const chain = cert ? evaluateChain(cert, certs, anchors, tst.genTime, chainOptions).status : 'incomplete';
  return { time: tst.genTime, intact, chain, tsa: cert?.subjectCN ?? null };
}

function checkSignature(input: CheckInput): Omit<SignatureReport, 'index' | 'field' | 'reason' | 'location'> {
  const { bytes, byteRange } = input;
  const problems: SignatureProblem[] = [];
  const [, b = 0, c = 0, d = 0] = byteRange;
  const end = c + d;
  const base = {
    subFilter: input.subFilter,
    byteRange,
    coversWholeDocument: end >= effectiveLength(bytes) && end <= bytes.length,
    signedRevisionLength: end,
  };
  let signedAt = input.mDate;
  let signedAtSource: SignatureReport['signedAtSource'] = input.mDate ? 'M' : null;
  const fail = (p: SignatureProblem, extra: Partial<SignatureReport> = {}) => ({
    ...base,
    signer: null,
    signerCertificate: null,
    signedAt,
    signedAtSource,
    timestamp: null,
    judgedAt: null,
    intact: false,
    essMatches: false,
    chain: 'untrusted' as ChainStatus,
    chainPath: [],
    missingIssuer: null,
    legacySha1: false,
    digestAlgorithm: null,
    revocation: 'not_checked' as const,
    status: 'invalid' as SignatureStatus,
    problems: [...problems, p],
    ...extra,
  });
  if (!input.raw?.framed || !input.contents) {
    // Still say who signed, if the signature value can be read from the dictionary; and
    // where the byte range lies inside the file, hash it as other tools do: a file rewritten
    // after signing shows as a digest mismatch there too.
    const extraProblems: SignatureProblem[] = [];
    if (input.contents && end <= bytes.length && b > 0 && c > b) {
      try {
        const parsed = parseSignedData(input.contents);
        const info = parsed.signerInfos[0];
        const hashName = info ? HASH_BY_OID[info.digestOid] : undefined;
        const md = info ? attributeOctets(info, OID.messageDigest) : null;
        if (hashName && md) {
          const content = createHash(hashName).update(bytes.subarray(0, b)).update(bytes.subarray(c, end)).digest();
          if (!content.equals(Buffer.from(md))) extraProblems.push('digest_mismatch');
        }
      } catch {
        // unreadable: byte_range_invalid says enough
      }
    }
    const r = fail('byte_range_invalid', input.contents ? identify(input.contents) : {});
    return { ...r, problems: [...r.problems, ...extraProblems] };
  }

  let parsed;
  try {
    parsed = parseSignedData(input.contents);
  } catch {
    return fail('cms_unreadable');
  }
  const info = parsed.signerInfos[0];
  if (!info) return fail('cms_unreadable');
  const certs: CertInfo[] = [];
  for (const der of parsed.certificates) {
    try {
      certs.push(parseCertificate(der));
    } catch {
      // skip unreadable certificates
    }
  }
  const cert = findSignerCert(info, certs);
  const signingTime = attributeTime(info, OID.signingTime);
  if (signingTime) {
    signedAt = signingTime;
    signedAtSource = 'signing-time';
  }
  if (!cert) return fail('signer_certificate_missing');
  const who = { signer: cert.subjectCN, signerCertificate: certificateInfo(cert) };

  const hashName = HASH_BY_OID[info.digestOid];
  if (!hashName) return fail('cms_unreadable', who);
  const content = createHash(hashName).update(bytes.subarray(0, b)).update(bytes.subarray(c, end)).digest();
  let intact: boolean;
  if (info.signedAttrsCandidates.length > 0) {
    const md = attributeOctets(info, OID.messageDigest);
    if (!md || !content.equals(Buffer.from(md))) problems.push('digest_mismatch');
    const key = cert.x509.publicKey;
    const sigOk = info.signedAttrsCandidates.some((attrs) => verifySignatureValue(key, info, attrs));
    if (!sigOk) problems.push('signature_invalid');
    intact = problems.length === 0;
  } else {
    // No signed attributes: the signature is over the content itself (rare, old tools).
    intact = verifySignatureValue(cert.x509.publicKey, info, Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, end)]));
    if (!intact) problems.push('signature_invalid');
  }

  const ess = checkEss(info, cert);
  const cades = input.subFilter === 'ETSI.CAdES.detached';
  if (ess === 'mismatch') problems.push('ess_mismatch');
  else if (ess === 'absent' && cades) problems.push('ess_missing');

  const token = signatureTimeStampOf(info);
  const timestamp = token ? checkTimestamp(token, info.signature, input.anchors, input.chainOptions) : null;
  const at = timestamp?.intact && timestamp.chain === 'trusted' ? timestamp.time : (signedAt ?? input.now);
  const evaluated = evaluateChain(cert, certs, input.anchors, at, input.chainOptions);
  const chain = evaluated.status;
  if (chain === 'untrusted') problems.push('chain_untrusted');
  else if (chain === 'incomplete') problems.push('chain_incomplete');
  else if (chain === 'weak_algorithm') problems.push('weak_algorithm');
  else if (chain === 'expired') problems.push('certificate_expired');
  else if (chain === 'not_yet_valid') problems.push('certificate_not_yet_valid');

  const supported = input.subFilter === null || ['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'adbe.pkcs7.sha1'].includes(input.subFilter);
  if (!supported) problems.push('unsupported_subfilter');

  // ESS mismatch is "indeterminate", not "invalid": the cryptography holds, but the signing
  // certificate cannot be identified (ETSI EN 319 102-1 §5.2.3, NO_SIGNING_CERTIFICATE_FOUND).
  const status: SignatureStatus = !intact ? 'invalid' : problems.length > 0 ? 'indeterminate' : 'valid';
  return {
    ...base,
    ...who,
    signedAt,
    signedAtSource,
    timestamp,
    judgedAt: at,
    intact,
    essMatches: ess === 'match',
    chain,
    chainPath: evaluated.path.map((c) => c.subjectCN ?? c.subject),
    missingIssuer: evaluated.missingIssuer,
    legacySha1: evaluated.legacySha1,
    digestAlgorithm: hashName,
    revocation: 'not_checked' as const,
    status,
    problems,
  };
}

/**
 * Verifies every signature in `pdf`. Throws `not_a_pdf` or `encrypted_pdf` (AppFailure)
 * for files it cannot read; everything else is reported, never thrown.
 */
export async function verifyPdf(pdf: Uint8Array, options: VerifyOptions): Promise<VerifyReport> {
  if (!hasPdfHeader(pdf)) throw signingFailure('not_a_pdf', MESSAGES.not_a_pdf);
  const now = options.now ?? new Date();
  const text = latin1(pdf);
  const raws = scanSignatures(pdf, text);

  // Encryption: the trailer names an /Encrypt dictionary.
  const tailStart = Math.max(0, text.length - 65536);
  if (/\/Encrypt\s+\d+\s+\d+\s+R/.test(text.slice(tailStart)) || /trailer[\s\S]{0,2000}?\/Encrypt\s/.test(text.slice(tailStart))) {
    throw signingFailure('encrypted_pdf', MESSAGES.encrypted_pdf);
  }

  let fields: FieldInfo[] = [];
  try {
    const doc = await loadPdf(pdf, text);
    if (doc.isEncrypted) throw signingFailure('encrypted_pdf', MESSAGES.encrypted_pdf);
    fields = signatureFields(doc);
  } catch (e) {
    if (isAppFailure(e) && e.error.code === 'encrypted_pdf') throw e;
    // pdf-lib could not read the structure: without a single signature dictionary in
    // the raw bytes either, this is not a usable PDF.
    if (raws.length === 0) throw signingFailure('not_a_pdf', MESSAGES.not_a_pdf);
  }

  const anchors = certificatesFrom(options.trustAnchors);
  const chainOptions: ChainOptions = {
    intermediates: certificatesFrom(options.intermediates ?? []),
    legacyAnchors: certificatesFrom(options.legacyAnchors ?? []),
  };
  interface Entry {
    raw: RawSignature | null;
    field: FieldInfo | null;
  }
  const entries: Entry[] = [];
  const usedRaw = new Set<RawSignature>();
  for (const f of fields) {
    const br = byteRangeOf(f.sigDict);
    const raw =
      (f.sigRef &&
        raws.find((r) => r.objectNumber === f.sigRef!.objectNumber && !usedRaw.has(r) && (!br || br.join() === r.byteRange.join()))) ||
      (br && raws.find((r) => !usedRaw.has(r) && r.byteRange.join() === br.join())) ||
      null;
    if (raw) usedRaw.add(raw);
    if (!raw && !br) continue; // an empty (unsigned) signature field
    entries.push({ raw, field: f });
  }
  // Signature dictionaries no form field points at still count (a stripped AcroForm must
  // not hide a broken signature).
  for (const r of raws) if (!usedRaw.has(r)) entries.push({ raw: r, field: null });

  const reports: SignatureReport[] = entries.map(({ raw, field }) => {
    const dict = field?.sigDict ?? null;
    const byteRange = raw?.byteRange ?? byteRangeOf(dict) ?? [];
    const contentsObj = dict?.lookup(PDFName.of('Contents'));
    const dictContents =
      contentsObj instanceof PDFHexString || contentsObj instanceof PDFString ? Buffer.from(contentsObj.asBytes()) : null;
    const contents = raw?.contents ?? (dictContents && dictContents.length > 0 ? dictContents : null);
    const subFilterObj = dict?.lookup(PDFName.of('SubFilter'));
    const subFilter = raw ? rawName(raw.dict, 'SubFilter') : subFilterObj instanceof PDFName ? subFilterObj.decodeText() : null;
    const m = raw ? rawString(raw.dict, 'M') : decodeText(dict?.lookup(PDFName.of('M')));
    const checked = checkSignature({
      bytes: pdf,
      raw,
      byteRange,
      contents,
      subFilter,
      mDate: m ? parsePdfDate(m) : null,
      anchors,
      chainOptions,
      now,
    });
    return {
      index: 0,
      field: field?.name ?? null,
      ...checked,
      reason: raw ? rawString(raw.dict, 'Reason') : decodeText(dict?.lookup(PDFName.of('Reason'))),
      location: raw ? rawString(raw.dict, 'Location') : decodeText(dict?.lookup(PDFName.of('Location'))),
    };
  });
  // Revision order: a later signature covers more of the file.
  reports.sort((x, y) => x.signedRevisionLength - y.signedRevisionLength);
  reports.forEach((r, i) => (r.index = i));

  const warnings: VerifyWarning[] = [];
  const lastEnd = reports.reduce((m, r) => Math.max(m, r.signedRevisionLength), 0);
  const modifiedAfterLastSignature = reports.length > 0 && lastEnd < effectiveLength(pdf);
  if (modifiedAfterLastSignature) {
    warnings.push({
      code: 'unsigned_changes',
      message: `Tệp đã bị thêm nội dung sau chữ ký số cuối cùng; phần được ký là ${lastEnd} byte đầu của tệp.`,
    });
  }
  reports.forEach((r) => {
    if (r.signedAt && r.signedAt.getTime() > now.getTime() + 5 * 60_000) {
      warnings.push({
        code: 'signing_time_in_future',
        message: `Chữ ký số thứ ${r.index + 1} ghi thời điểm ký ở tương lai.`,
        signature: r.index,
      });
    }
    if (!r.essMatches && !r.problems.includes('ess_mismatch') && !r.problems.includes('ess_missing') && r.signer) {
      warnings.push({
        code: 'ess_missing',
        message: `Chữ ký số thứ ${r.index + 1} không gắn chứng thư số của người ký vào thuộc tính được ký (ESS).`,
        signature: r.index,
      });
    }
    if (r.chain === 'trusted' && r.signerCertificate && r.signerCertificate.notAfter.getTime() < now.getTime()) {
      warnings.push({
        code: 'certificate_expired_since',
        message: `Chứng thư số của chữ ký thứ ${r.index + 1} đã hết hạn sau thời điểm ký; chữ ký vẫn được đánh giá tại thời điểm ký.`,
        signature: r.index,
      });
    }
    const n = r.index + 1;
    if (r.legacySha1) {
      warnings.push({
        code: 'legacy_sha1',
        message: `Chuỗi chứng thư của chữ ký thứ ${n} dùng SHA-1 (thuật toán cũ); được chấp nhận vì gốc tin cậy «${r.chainPath[r.chainPath.length - 1] ?? ''}» được quản trị viên đánh dấu là gốc cũ.`,
        signature: r.index,
      });
    }
    if (r.intact && r.digestAlgorithm === 'sha1') {
      warnings.push({ code: 'sha1_digest', message: `Chữ ký số thứ ${n} dùng hàm băm SHA-1 (thuật toán cũ).`, signature: r.index });
    }
    if (r.chain === 'incomplete') {
      warnings.push({
        code: 'chain_incomplete',
        message: `Chưa đủ chuỗi chứng thư của chữ ký thứ ${n}: thiếu chứng thư của «${r.missingIssuer ?? '?'}». Chữ ký không bị sửa; nhập chứng thư CA trung gian này (trust import) để kiểm tra đầy đủ.`,
        signature: r.index,
      });
    }
    if (r.timestamp && !(r.timestamp.intact && r.timestamp.chain === 'trusted')) {
      warnings.push({
        code: 'timestamp_not_trusted',
        message: r.timestamp.intact
          ? `Dấu thời gian của chữ ký thứ ${n} nguyên vẹn nhưng chưa xác minh được đơn vị cấp dấu thời gian (${r.timestamp.tsa ?? '?'}); chữ ký được đánh giá theo thời điểm ký ghi trong chữ ký.`
          : `Dấu thời gian của chữ ký thứ ${n} không khớp với chữ ký; chữ ký được đánh giá theo thời điểm ký ghi trong chữ ký.`,
        signature: r.index,
      });
    }
    // A signing tool that writes local time (UTC+7) labelled as UTC: the claimed time is
    // 7 hours after the timestamp (or after /M). A clock habit, not a forgery.
    const reference = r.timestamp?.intact ? r.timestamp.time : null;
    if (r.signedAtSource === 'signing-time' && r.signedAt && reference) {
      const offset = r.signedAt.getTime() - reference.getTime();
      if (Math.abs(offset - 7 * 3_600_000) <= 30 * 60_000) {
        warnings.push({
          code: 'signing_time_offset',
          message: `Thời điểm ký ghi trong chữ ký thứ ${n} lệch +7 giờ so với dấu thời gian (phần mềm ký ghi giờ Việt Nam như giờ UTC); chữ ký được đánh giá theo dấu thời gian.`,
          signature: r.index,
        });
      }
    }
    const expected = options.expectedSigners?.[r.index];
    if (expected && r.signer && nameKey(expected) !== nameKey(r.signer)) {
      warnings.push({
        code: 'signer_name_mismatch',
        message: `Người ký trên chứng thư số ("${r.signer}") khác tên in trên văn bản ("${expected}").`,
        signature: r.index,
      });
    }
  });

  // Later signatures (in revision order) should not claim earlier times: out of order by
  // more than a few minutes means a signing PC's or a TSA's clock was off. Worth a warning,
  // not a verdict: every signature is judged on its own.
  let latest: { at: Date; index: number } | null = null;
  for (const r of reports) {
    const at = r.timestamp?.intact ? r.timestamp.time : r.signedAt;
    if (!at) continue;
    if (latest && at.getTime() < latest.at.getTime() - 5 * 60_000) {
      const hours = (latest.at.getTime() - at.getTime()) / 3_600_000;
      warnings.push({
        code: 'times_out_of_order',
        message: `Chữ ký thứ ${r.index + 1} ghi thời điểm sớm hơn chữ ký thứ ${latest.index + 1} (ký trước nó) khoảng ${hours >= 1 ? `${hours.toFixed(1)} giờ` : `${Math.round(hours * 60)} phút`}: đồng hồ của máy ký hoặc của đơn vị cấp dấu thời gian bị lệch; đây không phải dấu hiệu giả mạo.`,
        signature: r.index,
      });
    }
    if (!latest || at.getTime() > latest.at.getTime()) latest = { at, index: r.index };
  }
  const broken = reports.filter((r) => r.problems.includes('byte_range_invalid'));
  if (broken.length) {
    warnings.push({
      code: 'rewritten_after_signing',
      message: `Tệp đã bị ghi lại sau khi ký: vùng dữ liệu được ký của ${broken.length === reports.length ? 'mọi chữ ký' : `chữ ký ${broken.map((r) => r.index + 1).join(', ')}`} không còn khớp với tệp.`,
    });
  }

  let verdict: Verdict;
  if (reports.length === 0) verdict = 'unsigned';
  else if (reports.some((r) => r.status === 'invalid')) verdict = 'invalid';
  else if (reports.some((r) => r.status === 'indeterminate') || modifiedAfterLastSignature) verdict = 'indeterminate';
  else verdict = 'valid';
  return { verdict, signatures: reports, modifiedAfterLastSignature, warnings };
}

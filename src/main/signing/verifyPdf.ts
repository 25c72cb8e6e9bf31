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
 * Revocation (OCSP/CRL) and timestamps (B-T) are not checked yet.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import { isAppFailure } from '../../shared/result.js';
import { parsePdfDate } from './appearance.js';
import {
  attributeOctets,
  attributeTime,
  checkEss,
  HASH_BY_OID,
  OID,
  parseSignedData,
  verifySignatureValue,
  type ParsedSignerInfo,
} from './cms.js';
import { MESSAGES, signingFailure } from './errors.js';
import { hasPdfHeader, loadPdf } from './incremental.js';
import { certificatesFrom, evaluateChain, parseCertificate, type CertificateInput, type CertInfo, type ChainStatus } from './x509.js';

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
  reason: string | null;
  location: string | null;
  byteRange: number[];
  /** Digest of the covered bytes matches, and the signature over the signed attributes verifies. */
  intact: boolean;
  /** The byte range runs to the end of the file. */
  coversWholeDocument: boolean;
  /** ESS signing-certificate(-v2) names the signer's certificate; false when absent or wrong. */
  essMatches: boolean;
  /** Judged at `signedAt` (or `now` when the signature claims no time). */
  chain: ChainStatus;
  status: SignatureStatus;
  problems: SignatureProblem[];
  /** Length of the revision this signature signed: the file as it was right after signing. */
  signedRevisionLength: number;
}

export interface VerifyWarning {
  code: 'unsigned_changes' | 'signer_name_mismatch' | 'signing_time_in_future' | 'ess_missing' | 'certificate_expired_since';
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
  now: Date;
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
    intact: false,
    essMatches: false,
    chain: 'untrusted' as ChainStatus,
    status: 'invalid' as SignatureStatus,
    problems: [...problems, p],
    ...extra,
  });
  if (!input.raw?.framed || !input.contents) {
    // Still say who signed, if the signature value can be read from the dictionary.
    return fail('byte_range_invalid', input.contents ? identify(input.contents) : {});
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

  const at = signedAt ?? input.now;
  const chain = evaluateChain(cert, certs, input.anchors, at).status;
  if (chain === 'untrusted') problems.push('chain_untrusted');
  else if (chain === 'expired') problems.push('certificate_expired');
  else if (chain === 'not_yet_valid') problems.push('certificate_not_yet_valid');

  const supported = input.subFilter === null || ['ETSI.CAdES.detached', 'adbe.pkcs7.detached', 'adbe.pkcs7.sha1'].includes(input.subFilter);
  if (!supported) problems.push('unsupported_subfilter');

  // ESS mismatch is "indeterminate", not "invalid": the cryptography holds, but the signing
  // certificate cannot be identified (ETSI EN 319 102-1 §5.2.3, NO_SIGNING_CERTIFICATE_FOUND).
  const status: SignatureStatus = !intact ? 'invalid' : problems.length > 0 ? 'indeterminate' : 'valid';
  return { ...base, ...who, signedAt, signedAtSource, intact, essMatches: ess === 'match', chain, status, problems };
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
    const checked = checkSignature({ bytes: pdf, raw, byteRange, contents, subFilter, mDate: m ? parsePdfDate(m) : null, anchors, now });
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
    const expected = options.expectedSigners?.[r.index];
    if (expected && r.signer && nameKey(expected) !== nameKey(r.signer)) {
      warnings.push({
        code: 'signer_name_mismatch',
        message: `Người ký trên chứng thư số ("${r.signer}") khác tên in trên văn bản ("${expected}").`,
        signature: r.index,
      });
    }
  });

  let verdict: Verdict;
  if (reports.length === 0) verdict = 'unsigned';
  else if (reports.some((r) => r.status === 'invalid')) verdict = 'invalid';
  else if (reports.some((r) => r.status === 'indeterminate') || modifiedAfterLastSignature) verdict = 'indeterminate';
  else verdict = 'valid';
  return { verdict, signatures: reports, modifiedAfterLastSignature, warnings };
}

/**
 * A small BER/DER reader that keeps byte offsets. Verification needs the exact bytes of
 * some elements as received (signed attributes, certificates, issuer names), and NSS
 * (poppler's `pdfsig`) writes CMS in BER with indefinite lengths, which forge's parser
 * does not hand back byte-for-byte. Building CMS is done with forge.asn1 (cms.ts).
 */

export interface Tlv {
  /** First identifier octet (class + constructed bit + tag number when < 31). */
  readonly tag: number;
  readonly tagClass: number;
  readonly constructed: boolean;
  readonly tagNumber: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  readonly contentStart: number;
  /** End of the contents (exclusive); for indefinite lengths, the start of the 00 00 end marker. */
  readonly contentEnd: number;
  /** End of the whole element (exclusive). */
  readonly end: number;
  readonly indefinite: boolean;
  readonly buf: Uint8Array;
}

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

const MAX_DEPTH = 64;

export function readTlv(buf: Uint8Array, offset = 0, limit = buf.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new DerError('ASN.1 nested too deeply');
  let p = offset;
  if (p >= limit) throw new DerError('ASN.1 truncated (tag)');
  const tag = buf[p++]!;
  const tagClass = tag >> 6;
  const constructed = (tag & 0x20) !== 0;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (p >= limit || i > 4) throw new DerError('ASN.1 bad high tag number');
      const b = buf[p++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= limit) throw new DerError('ASN.1 truncated (length)');
  const first = buf[p++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError('ASN.1 indefinite length on a primitive');
    // Indefinite: walk children until the 00 00 end-of-contents marker.
    const contentStart = p;
    for (;;) {
      if (p + 2 > limit) throw new DerError('ASN.1 truncated (indefinite)');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      p = readTlv(buf, p, limit, depth + 1).end;
    }
    return { tag, tagClass, constructed, tagNumber, start: offset, contentStart, contentEnd: p, end: p + 2, indefinite: true, buf };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 6) throw new DerError('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) throw new DerError('ASN.1 truncated (length)');
      length = length * 256 + buf[p++]!;
    }
  }
  const contentStart = p;
  const contentEnd = p + length;
  if (contentEnd > limit) throw new DerError('ASN.1 truncated (contents)');
  return { tag, tagClass, constructed, tagNumber, start: offset, contentStart, contentEnd, end: contentEnd, indefinite: false, buf };
}

export function children(t: Tlv): Tlv[] {
  if (!t.constructed) throw new DerError('ASN.1 expected a constructed element');
  const out: Tlv[] = [];
  for (let p = t.contentStart; p < t.contentEnd;) {
    const c = readTlv(t.buf, p, t.contentEnd);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function bytesOf(t: Tlv): Uint8Array {
  return t.buf.subarray(t.start, t.end);
}

export function contentOf(t: Tlv): Uint8Array {
  return t.buf.subarray(t.contentStart, t.contentEnd);
}

/** OCTET STRING / BIT STRING contents, joining BER constructed chunks. */
export function octets(t: Tlv): Uint8Array {
  if (!t.constructed) return contentOf(t);
  const parts = children(t).map(octets);
  return Buffer.concat(parts);
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t) throw new DerError(`ASN.1 missing ${what}`);
  // Accept the constructed form of string types (BER) where the primitive one is expected.
  if (t.tag !== tag && !(t.tag === (tag | 0x20) && (tag === 0x04 || tag === 0x03))) {
    throw new DerError(`ASN.1 ${what}: expected tag 0x${tag.toString(16)}, got 0x${t.tag.toString(16)}`);
  }
  return t;
}

export function readOid(t: Tlv): string {
  expectTag(t, 0x06, 'OID');
  const b = contentOf(t);
  if (b.length === 0) throw new DerError('ASN.1 empty OID');
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if ((b[i]! & 0x80) === 0) {
      if (parts.length === 0) {
        const first = v < 80 ? Math.floor(v / 40) : 2;
        parts.push(first, v - first * 40);
      } else {
        parts.push(v);
      }
      v = 0;
    }
  }
  return parts.join('.');
}

/** INTEGER contents as unsigned hex without leading zero octets ("00" for zero). */
export function integerHex(t: Tlv): string {
  expectTag(t, 0x02, 'INTEGER');
  const hex = Buffer.from(contentOf(t))
    .toString('hex')
    .replace(/^(00)+/, '');
  return hex || '00';
}

export function integerValue(t: Tlv): number {
  return parseInt(integerHex(t), 16);
}

/** UTCTime or GeneralizedTime. */
export function readTime(t: Tlv): Date {
  const s = Buffer.from(contentOf(t)).toString('latin1');
  let m: RegExpMatchArray | null;
  if (t.tag === 0x17) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(s);
    if (!m) throw new DerError(`bad UTCTime ${s}`);
    const yy = Number(m[1]);
    return makeDate(yy >= 50 ? 1900 + yy : 2000 + yy, m[2]!, m[3]!, m[4]!, m[5]!, m[6] ?? '00', '', m[7]!);
  }
  if (t.tag === 0x18) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(s);
    if (!m) throw new DerError(`bad GeneralizedTime ${s}`);
    return makeDate(Number(m[1]), m[2]!, m[3]!, m[4]!, m[5] ?? '00', m[6] ?? '00', m[7] ?? '', m[8] ?? 'Z');
  }
  throw new DerError(`expected a time, got tag 0x${t.tag.toString(16)}`);
}

function makeDate(y: number, mo: string, d: string, h: string, mi: string, s: string, frac: string, zone: string): Date {
  let ms = Date.UTC(y, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac) ms += Math.round(Number(`0.${frac}`) * 1000);
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
  }
  return new Date(ms);
}

/** A directory string (UTF8String, PrintableString, BMPString, ...) as a JS string. */
export function readString(t: Tlv): string {
  const b = Buffer.from(contentOf(t));
  switch (t.tag) {
    case 0x1e: {
      // BMPString: UTF-16BE
      const le = Buffer.alloc(b.length);
      for (let i = 0; i + 1 < b.length; i += 2) {
        le[i] = b[i + 1]!;
        le[i + 1] = b[i]!;
      }
      return le.toString('utf16le');
    }
    case 0x1c: {
      // UniversalString: UTF-32BE
      let s = '';
      for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(b.readUInt32BE(i));
      return s;
    }
    case 0x0c:
      return b.toString('utf8');
    default:
      // PrintableString, IA5String, TeletexString (treated as Latin-1), VisibleString
      return b.toString('latin1');
  }
}

// ---------------------------------------------------------------------------------------
// Minimal DER writing, for the few places where raw bytes must be wrapped without a
// round trip through another library (e.g. re-tagging signed attributes).

export function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

export function derElement(tag: number, content: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.of(tag), derLength(content.length), content]);
}

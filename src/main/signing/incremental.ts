/**
 * Incremental updates with pdf-lib (ISO 32000-1 §7.5.6). pdf-lib can only rewrite a whole
 * file, which breaks every earlier signature, so: load, remember how every object looked,
 * let pdf-lib edit, then append only the new and changed objects to the untouched
 * original bytes, with an xref section and a trailer whose /Prev points at the previous
 * one. Existing bytes are never rewritten — not even a missing final newline.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, ParseSpeeds, type PDFObject } from 'pdf-lib';
import { MESSAGES, signingFailure } from './errors.js';

export interface LoadedPdf {
  readonly original: Uint8Array;
  readonly doc: PDFDocument;
  /** Offset of the last xref section (the file's final startxref). */
  readonly prevXref: number;
  readonly snapshot: Map<string, Snapshot>;
}

interface Snapshot {
  obj: PDFObject;
  text: string;
  contents?: Uint8Array;
}

const latin1 = (b: Uint8Array, start = 0, end = b.length): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', start, end);

export function hasPdfHeader(bytes: Uint8Array): boolean {
  return latin1(bytes, 0, Math.min(bytes.length, 1024)).includes('%PDF-');
}

/** The number after the last "startxref", or null. */
export function lastStartXref(bytes: Uint8Array): number | null {
  const tail = latin1(bytes, Math.max(0, bytes.length - 4096));
  const at = tail.lastIndexOf('startxref');
  if (at < 0) return null;
  const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
  return m ? Number(m[1]) : null;
}

/** /Size of the trailer (or xref stream dictionary) at `xref`, or null. */
function trailerSize(bytes: Uint8Array, xref: number): number | null {
  if (xref <= 0 || xref >= bytes.length) return null;
  const head = latin1(bytes, xref, Math.min(bytes.length, xref + 64));
  let dictText: string;
  if (head.startsWith('xref')) {
    const rest = latin1(bytes, xref);
    const t = rest.indexOf('trailer');
    if (t < 0) return null;
    dictText = rest.slice(t, t + 4096);
  } else if (/^\d+\s+\d+\s+obj/.test(head)) {
    dictText = latin1(bytes, xref, Math.min(bytes.length, xref + 4096));
  } else {
    return null;
  }
  const m = /\/Size\s+(\d+)/.exec(dictText);
  return m ? Number(m[1]) : null;
}

function highestObjectNumber(bytes: Uint8Array): number {
  let max = 0;
  const re = /(?:^|[\r\n\s])(\d{1,10})\s+\d{1,5}\s+obj\b/g;
  const text = latin1(bytes);
  for (let m = re.exec(text); m; m = re.exec(text)) max = Math.max(max, Number(m[1]));
  return max;
}

const refKey = (ref: PDFRef): string => `${ref.objectNumber} ${ref.generationNumber}`;

function snapshotOf(obj: PDFObject): Snapshot {
  // Streams: compare the dictionary text and the identity of the contents, not the bytes.
  if (obj instanceof PDFStream) {
    return { obj, text: obj.dict.toString(), contents: (obj as unknown as { contents?: Uint8Array }).contents };
  }
  return { obj, text: obj.toString() };
}

function unchanged(s: Snapshot, obj: PDFObject): boolean {
  if (s.obj !== obj) return false;
  if (obj instanceof PDFStream) {
    return s.text === obj.dict.toString() && s.contents === (obj as unknown as { contents?: Uint8Array }).contents;
  }
  return s.text === obj.toString();
}

/**
 * Loads a PDF for an incremental update. Refuses what is not a PDF (`not_a_pdf`) and
 * encrypted files (`encrypted_pdf`): an update to an encrypted file must be encrypted
 * too, which we do not do.
 */
export async function loadForUpdate(bytes: Uint8Array): Promise<LoadedPdf> {
  const doc = await loadPdf(bytes);
  if (doc.isEncrypted) throw signingFailure('encrypted_pdf', MESSAGES.encrypted_pdf);
  const prevXref = lastStartXref(bytes);
  if (prevXref === null) throw signingFailure('not_a_pdf', MESSAGES.not_a_pdf, { cause: 'no startxref' });
  // pdf-lib does not count the object streams and xref streams it parsed, so new objects
  // could reuse their numbers (signing.md pitfall 2): start above the trailer's /Size.
  const size = trailerSize(bytes, prevXref) ?? highestObjectNumber(bytes) + 1;
  const ctx = doc.context;
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, size - 1);
  const snapshot = new Map<string, Snapshot>();
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) snapshot.set(refKey(ref), snapshotOf(obj));
  return { original: bytes, doc, prevXref, snapshot };
}

function isHexRun(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex && c !== 0x20 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/**
 * The file without the hex digits of signature /Contents (the gaps their /ByteRange
 * frames), for pdf-lib to parse: it reads a 32 KB hex string character by character,
 * which was most of the time spent verifying. pdf-lib parses sequentially and ignores
 * xref offsets, so cutting bytes out changes nothing else it sees.
 */
export function withoutSignatureHex(bytes: Uint8Array, text: string = latin1(bytes)): Uint8Array {
  const gaps: [number, number][] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const b = Number(m[2]);
    const c = Number(m[3]);
    if (c > b + 2 && c <= bytes.length && bytes[b] === 0x3c && bytes[c - 1] === 0x3e && isHexRun(bytes, b + 1, c - 1))
      gaps.push([b + 1, c - 1]);
  }
  if (gaps.length === 0) return bytes;
  gaps.sort((x, y) => x[0] - y[0]);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [from, to] of gaps) {
    if (from < at) continue; // overlapping (bogus) ranges: keep the first
    parts.push(bytes.subarray(at, from));
    at = to;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

export async function loadPdf(bytes: Uint8Array, text?: string): Promise<PDFDocument> {
  if (!hasPdfHeader(bytes)) throw signingFailure('not_a_pdf', MESSAGES.not_a_pdf);
  try {
    return await PDFDocument.load(withoutSignatureHex(bytes, text), {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
      parseSpeed: ParseSpeeds.Fastest,
    });
  } catch (e) {
    throw signingFailure('not_a_pdf', MESSAGES.not_a_pdf, { cause: e instanceof Error ? e.message : String(e) });
  }
}

export interface WrittenUpdate {
  bytes: Buffer;
  /** Byte offset of each written object's first byte after "n g obj\n", by object number. */
  objectOffsets: Map<number, number>;
}

/** Appends the new and changed objects, an xref section and a trailer to the original bytes. */
export function writeIncrementalUpdate(loaded: LoadedPdf): WrittenUpdate {
  const { original, doc, snapshot } = loaded;
  const ctx = doc.context;
  const changed: [PDFRef, PDFObject][] = [];
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    const before = snapshot.get(refKey(ref));
    if (before && unchanged(before, obj)) continue;
    // An existing signature dictionary is parsed without its /Contents (withoutSignatureHex):
    // writing it back would destroy that signature. Nothing we edit should contain one.
    if (before && !(obj instanceof PDFStream) && obj.toString().includes('/ByteRange')) {
      throw signingFailure('signing_failed', 'Thao tác ký sẽ làm thay đổi một chữ ký số đã có trong văn bản; đã dừng lại.');
    }
    changed.push([ref, obj]);
  }
  changed.sort((a, b) => a[0].objectNumber - b[0].objectNumber);

  const chunks: Uint8Array[] = [original];
  let offset = original.length;
  const push = (b: Uint8Array | string): void => {
    const bytes = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(bytes);
    offset += bytes.length;
  };
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) push('\n');

  const xrefEntries: { num: number; gen: number; offset: number }[] = [];
  const objectOffsets = new Map<number, number>();
  for (const [ref, obj] of changed) {
    xrefEntries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset });
    push(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    objectOffsets.set(ref.objectNumber, offset);
    const body = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    push(body);
    push('\nendobj\n');
  }

  const xrefOffset = offset;
  let xref = 'xref\n';
  // Subsections of consecutive object numbers; each entry is exactly 20 bytes.
  for (let i = 0; i < xrefEntries.length;) {
    let j = i + 1;
    while (j < xrefEntries.length && xrefEntries[j]!.num === xrefEntries[j - 1]!.num + 1) j++;
    xref += `${xrefEntries[i]!.num} ${j - i}\n`;
    for (let k = i; k < j; k++) {
      const e = xrefEntries[k]!;
      xref += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    }
    i = j;
  }
  push(xref);

  const info = ctx.trailerInfo;
  const trailer = PDFDict.withContext(ctx);
  trailer.set(PDFName.of('Size'), ctx.obj(ctx.largestObjectNumber + 1));
  if (info.Root) trailer.set(PDFName.of('Root'), info.Root);
  if (info.Info) trailer.set(PDFName.of('Info'), info.Info);
  if (info.ID instanceof PDFArray) trailer.set(PDFName.of('ID'), info.ID);
  trailer.set(PDFName.of('Prev'), ctx.obj(loaded.prevXref));
  push(`trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`);

  return { bytes: Buffer.concat(chunks), objectOffsets };
}

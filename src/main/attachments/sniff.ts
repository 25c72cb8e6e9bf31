/**
 * What an attachment really is, from its bytes (the file name is never trusted), checked
 * far enough that it is what it claims:
 *  - executables (ELF, PE/MZ, Mach-O, Java class, WebAssembly, shebang scripts) are refused
 *    whatever else they contain: a file the OS loader accepts never enters the store;
 *  - a PDF starts with `%PDF-x.y` (after at most 1 KiB of junk, which readers tolerate), ends
 *    with `%%EOF` within its last 1 KiB (where Acrobat looks for it), and parses: pdf-lib
 *    reads its objects (xref table, xref stream, or the objects themselves when the xref is
 *    broken, as readers recover) and finds a catalog with at least one page. An encrypted
 *    PDF that opens without a password (an owner password that only restricts printing or
 *    copying, common between agencies) is accepted: pdf.js opens it as every reader does.
 *    One that asks for a password to open is refused (`encrypted_pdf`): an archive keeps
 *    files readable without a password;
 *  - PNG, JPEG and TIFF are decoded as far as their pixel size (IHDR with its CRC; the SOF
 *    segment; the first IFD's width and length).
 * Every refusal has a stable code and a Vietnamese reason naming the file.
 */
import { crc32 } from 'node:zlib';
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { OfficeFailureCode } from './officeFiles.js';

export type AttachmentMime = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';

export type Inspection =
  | { ok: true; mime: AttachmentMime; pages?: number; width?: number; height?: number }
  | {
      ok: false;
      code: 'executable_file' | 'unsupported_file' | 'invalid_pdf' | 'encrypted_pdf' | 'invalid_image' | OfficeFailureCode;
      reason: string;
    };

/** Junk a PDF reader skips before `%PDF-`. */
export const PDF_HEADER_WINDOW = 1024;
/** Where `%%EOF` must be found, counted from the end (PDF Reference, implementation note 18). */
export const PDF_EOF_WINDOW = 1024;
/** Larger than any scan or photo a clerk attaches; beyond it a "size" is a lie. */
const MAX_PIXELS_PER_SIDE = 1_000_000;

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** The kind of executable the bytes start with, or null. */
export function executableKind(b: Uint8Array): string | null {
  if (starts(b, [0x7f, 0x45, 0x4c, 0x46])) return 'ELF';
  if (starts(b, [0x4d, 0x5a])) return 'PE/MZ';
  for (const m of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
  ]) {
    if (starts(b, m)) return 'Mach-O';
  }
  // Universal Mach-O binaries and Java classes share 0xCAFEBABE: both are code.
  if (starts(b, [0xca, 0xfe, 0xba, 0xbe])) return 'Mach-O/Java';
  if (starts(b, [0x00, 0x61, 0x73, 0x6d])) return 'WebAssembly';
  // "#!" after an optional UTF-8 BOM: a script the system would run with an interpreter.
  if (starts(b, [0x23, 0x21]) || starts(b, [0xef, 0xbb, 0xbf, 0x23, 0x21])) return 'script';
  return null;
}

function pdfHeaderAt(b: Uint8Array): number {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, PDF_HEADER_WINDOW + 8)).toString('latin1');
  const m = /%PDF-\d\.\d/.exec(head);
  return m && m.index <= PDF_HEADER_WINDOW ? m.index : -1;
}

function fail(code: Exclude<Inspection, { ok: true }>['code'], reason: string): Inspection {
  return { ok: false, code, reason };
}

async function inspectPdf(b: Uint8Array): Promise<Inspection> {
  const tail = Buffer.from(b.buffer, b.byteOffset + Math.max(0, b.byteLength - PDF_EOF_WINDOW), Math.min(b.byteLength, PDF_EOF_WINDOW));
  if (!tail.toString('latin1').includes('%%EOF')) return fail('invalid_pdf', 'thiếu dấu kết thúc %%EOF (tệp bị cắt cụt?)');
  const { PDFDocument, PDFDict, PDFName, ParseSpeeds } = await import('pdf-lib');
  let doc;
  // pdf-lib reports each object it recovers from with console.warn: noise on a clerk's
  // terminal for a damaged or encrypted file (whose verdict is ours to give), so quiet
  // while it parses.
  const warn = console.warn;
  console.warn = () => {};
  try {
    doc = await PDFDocument.load(b, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
      parseSpeed: ParseSpeeds.Fastest,
    });
  } catch {
    return fail('invalid_pdf', 'không đọc được cấu trúc tệp');
  } finally {
    console.warn = warn;
  }
  // pdf-lib cannot decrypt: the objects of an encrypted file's object streams (most of a
  // modern file, the page tree included) are unreadable to it, so pdf.js judges those files.
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt) return inspectEncryptedPdf(b);
  const catalog = doc.context.lookup(doc.context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict) || !catalog.get(PDFName.of('Pages'))) return fail('invalid_pdf', 'không có mục lục tài liệu (catalog)');
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    return fail('invalid_pdf', 'cây trang hỏng');
  }
  if (pages < 1) return fail('invalid_pdf', 'không có trang nào');
  return { ok: true, mime: 'application/pdf', pages };
}

/**
 * An encrypted PDF, opened by pdf.js (the reader the app previews with; loaded only for
 * encrypted files) with the empty user password: it opens when only an owner password is
 * set, and says it needs a password when a user password is.
 */
async function inspectEncryptedPdf(b: Uint8Array): Promise<Inspection> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let task: ReturnType<typeof pdfjs.getDocument> | undefined;
  try {
    // A copy as a plain Uint8Array: pdf.js refuses a Buffer and transfers what it is given.
    task = pdfjs.getDocument({ data: new Uint8Array(b), isEvalSupported: false, disableFontFace: true, stopAtErrors: false, verbosity: 0 });
    const doc = await task.promise;
    const pages = doc.numPages;
    if (pages < 1) return fail('invalid_pdf', 'không có trang nào');
    // Reading the first page proves the page tree decrypts and holds together.
    await doc.getPage(1);
    return { ok: true, mime: 'application/pdf', pages };
  } catch (e) {
    if ((e as { name?: string }).name === 'PasswordException') return fail('encrypted_pdf', 'tệp đặt mật khẩu để mở');
    return fail('invalid_pdf', 'cây trang hỏng');
  } finally {
    await task?.destroy().catch(() => {});
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Colour type → allowed bit depths (PNG spec, 11.2.2). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** PNG pixel size from a valid IHDR chunk (checked with its CRC), or the reason it is not one. */
export function inspectPng(b: Uint8Array): Inspection {
  if (!starts(b, PNG_SIGNATURE)) return fail('unsupported_file', 'không phải ảnh PNG');
  if (b.byteLength < 33) return fail('invalid_image', 'ảnh PNG bị cắt cụt');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = Buffer.from(b.buffer, b.byteOffset + 12, 4).toString('latin1');
  if (v.getUint32(8) !== 13 || type !== 'IHDR') return fail('invalid_image', 'ảnh PNG thiếu phần đầu IHDR');
  if (crc32(b.subarray(12, 29)) >>> 0 !== v.getUint32(29)) return fail('invalid_image', 'phần đầu ảnh PNG hỏng (sai CRC)');
  const width = v.getUint32(16);
  const height = v.getUint32(20);
  const depth = b[24]!;
  const colour = b[25]!;
  if (!width || !height || width > MAX_PIXELS_PER_SIDE || height > MAX_PIXELS_PER_SIDE)
    return fail('invalid_image', 'kích thước ảnh PNG không hợp lệ');
  if (!PNG_DEPTHS[colour]?.includes(depth) || b[26] !== 0 || b[27] !== 0 || b[28]! > 1)
    return fail('invalid_image', 'kiểu ảnh PNG không hợp lệ');
  return { ok: true, mime: 'image/png', width, height };
}

/** JPEG pixel size from its first SOF segment, walking the markers before it. */
function inspectJpeg(b: Uint8Array): Inspection {
  let i = 2;
  while (i + 4 <= b.byteLength) {
    if (b[i] !== 0xff) return fail('invalid_image', 'cấu trúc ảnh JPEG hỏng');
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame header
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > b.byteLength) break;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (len < 8) break;
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      if (!width || !height) return fail('invalid_image', 'kích thước ảnh JPEG không hợp lệ');
      return { ok: true, mime: 'image/jpeg', width, height };
    }
    i += 2 + len;
  }
  return fail('invalid_image', 'ảnh JPEG không có phần khung ảnh (SOF)');
}

/** TIFF pixel size from the first IFD's ImageWidth (256) and ImageLength (257) entries. */
function inspectTiff(b: Uint8Array): Inspection {
  const little = b[0] === 0x49;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const big = (little ? v.getUint16(2, true) : v.getUint16(2, false)) === 43;
  const u16 = (at: number) => v.getUint16(at, little);
  const u32 = (at: number) => v.getUint32(at, little);
  const u64 = (at: number) => Number(v.getBigUint64(at, little));
  try {
    const ifd = big ? u64(8) : u32(4);
    const count = big ? u64(ifd) : u16(ifd);
    const entrySize = big ? 20 : 12;
    const first = ifd + (big ? 8 : 2);
    if (!ifd || count < 1 || count > 4096 || first + count * entrySize > b.byteLength)
      return fail('invalid_image', 'ảnh TIFF thiếu thư mục ảnh (IFD)');
    let width = 0;
    let height = 0;
    for (let k = 0; k < count; k++) {
      const e = first + k * entrySize;
      const tag = u16(e);
      if (tag !== 256 && tag !== 257) continue;
      const fieldType = u16(e + 2);
      const valueAt = e + (big ? 12 : 8);
      const value = fieldType === 3 ? u16(valueAt) : fieldType === 4 ? u32(valueAt) : fieldType === 16 ? u64(valueAt) : 0;
      if (tag === 256) width = value;
      else height = value;
    }
    if (!width || !height || width > MAX_PIXELS_PER_SIDE || height > MAX_PIXELS_PER_SIDE)
      return fail('invalid_image', 'ảnh TIFF không ghi kích thước hợp lệ');
    return { ok: true, mime: 'image/tiff', width, height };
  } catch {
    return fail('invalid_image', 'ảnh TIFF bị cắt cụt');
  }
}

/** What the bytes are, checked; never throws. */
export async function inspectAttachment(bytes: Uint8Array): Promise<Inspection> {
  const exe = executableKind(bytes);
  if (exe) return fail('executable_file', `là tệp chương trình (${exe})`);
  if (starts(bytes, PNG_SIGNATURE)) return inspectPng(bytes);
  if (starts(bytes, [0xff, 0xd8, 0xff])) return inspectJpeg(bytes);
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return inspectTiff(bytes);
  if (starts(bytes, [0x49, 0x49, 0x2b, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return inspectTiff(bytes);
  if (pdfHeaderAt(bytes) >= 0) return inspectPdf(bytes);
  return fail('unsupported_file', 'không phải tệp PDF, PNG, JPEG hoặc TIFF');
}

/** The refusal of a file, naming it and why (field `attachments`, or the caller's). */
export function attachmentFailure(fileName: string, r: Exclude<Inspection, { ok: true }>, field = 'attachments'): AppFailure {
  return new AppFailure(
    makeError(r.code, { field, params: { value: fileName, reason: r.reason }, details: { fileName, reason: r.reason } }),
  );
}

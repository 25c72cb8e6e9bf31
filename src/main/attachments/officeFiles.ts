/**
 * Office files that other agencies send beside the signed PDF (edXML attachments declared
 * application/zip, .docx, .xlsx, .doc, .xls): checked far enough to be kept safely, refused
 * with a stable code and a Vietnamese reason when they cannot be trusted. Nothing here
 * opens a document for reading; the checks guard the store and whoever opens the file later.
 *
 * ZIP (and DOCX/XLSX, which are ZIP packages), read with yauzl (already used for the
 * archive's packages: small, no native code, refuses malformed central directories):
 *  - at most MAX_ENTRIES entries (the count from the end record, before reading any);
 *  - no entry name that leaves the folder it is unpacked into (absolute, drive letter, `..`,
 *    backslashes, NUL) — the "zip slip";
 *  - no encrypted entry (an archive keeps what it can read without a password);
 *  - zip bombs: the declared total unpacked size at most MAX_UNPACKED, no entry packed more
 *    than MAX_RATIO to one (beyond a small floor), no two entries sharing packed bytes (the
 *    overlapping-entries bomb), and every entry actually inflated with its size checked
 *    against the declaration (yauzl's validateEntrySizes stops a stream that lies) — so the
 *    work is bounded by MAX_UNPACKED whatever the headers say;
 *  - a DOCX / XLSX holds its main part ([Content_Types].xml and word/document.xml or
 *    xl/workbook.xml) and no VBA project (macros belong to .docm/.xlsm, never to these).
 *    Nested archives are kept as they are and never opened.
 * DOC / XLS (OLE compound files): the header is checked (signature, byte order, version and
 * its sector size, sector counts that fit the file), then the compound file's directory is
 * read with `cfb` (SheetJS's MS-CFB reader: pure JS, no native code, the reader behind their
 * XLS support) and a VBA project refused like a DOCX's: Word keeps it in the «Macros»
 * storage, Excel in «_VBA_PROJECT_CUR», both hold a «VBA» storage (MS-OVBA 2.2.1); a
 * directory cfb cannot read is refused as a broken file.
 */
import type yauzl from 'yauzl';

export type OfficeKind = 'zip' | 'docx' | 'xlsx' | 'ole';

export const OFFICE_MIME: Record<OfficeKind, string> = {
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // A DOC and an XLS are both OLE compound files; the header does not say which.
  ole: 'application/x-ole-storage',
};

export type OfficeFailureCode =
  'zip_invalid' | 'zip_encrypted' | 'zip_unsafe_path' | 'zip_too_many_entries' | 'zip_bomb' | 'office_invalid' | 'office_macros';

export type OfficeInspection =
  { ok: true; kind: OfficeKind; mime: string; entries?: number } | { ok: false; code: OfficeFailureCode; reason: string };

export const ZIP_LIMITS = {
  maxEntries: 2_000,
  maxUnpacked: 256 * 1024 * 1024,
  maxRatio: 100,
  /** Entries smaller than this unpacked are not judged by ratio (a page of spaces packs well). */
  ratioFloor: 1024 * 1024,
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);

/** Whether the bytes are a ZIP or an OLE compound file (the kinds checked here). */
export function officeSignature(b: Uint8Array): 'zip' | 'ole' | null {
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (starts(b, OLE_SIGNATURE)) return 'ole';
  return null;
}

const fail = (code: OfficeFailureCode, reason: string): OfficeInspection => ({ ok: false, code, reason });

/** Checks a ZIP/DOCX/XLSX or DOC/XLS; never throws. */
export async function inspectOfficeFile(bytes: Uint8Array, limits = ZIP_LIMITS): Promise<OfficeInspection> {
  const sig = officeSignature(bytes);
  if (sig === 'ole') return inspectOle(bytes);
  if (sig === 'zip') return inspectZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  return fail('office_invalid', 'không phải tệp ZIP, DOCX, XLSX, DOC hoặc XLS');
}

/** Why an entry name would leave the folder it is unpacked into, or null. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'tên rỗng';
  if (name.includes('\0')) return 'tên có ký tự NUL';
  if (name.includes('\\')) return 'tên có dấu gạch ngược';
  if (name.startsWith('/')) return 'đường dẫn tuyệt đối';
  if (/^[A-Za-z]:/.test(name)) return 'đường dẫn có ổ đĩa';
  if (name.split('/').includes('..')) return 'đường dẫn có «..» (ra ngoài thư mục giải nén)';
  return null;
}

async function inspectZip(buf: Buffer, limits: typeof ZIP_LIMITS): Promise<OfficeInspection> {
  // Loaded when a ZIP is met: registering or searching needs no ZIP reader (CLI start-up).
  const { default: unzip } = await import('yauzl');
  return new Promise((resolve) => {
    // Names are read as bytes (decodeStrings false) and judged here, so the refusal says why.
    unzip.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (err, zip) => {
      if (err || !zip) return resolve(fail('zip_invalid', `tệp ZIP hỏng (${err?.message ?? 'không đọc được'})`));
      let settled = false;
      const done = (r: OfficeInspection) => {
        if (settled) return;
        settled = true;
        zip.close();
        resolve(r);
      };
      if (zip.entryCount > limits.maxEntries) {
        return done(fail('zip_too_many_entries', `có ${zip.entryCount} mục (tối đa ${limits.maxEntries})`));
      }
      const names = new Set<string>();
      const spans: { from: number; to: number }[] = [];
      let declared = 0;
      let unpacked = 0;
      zip.on('error', (e: Error) => done(fail('zip_invalid', `tệp ZIP hỏng (${e.message})`)));
      zip.on('end', () => {
        if (settled) return;
        // Packed data of two entries must not overlap (one deflate stream counted many times).
        spans.sort((a, b) => a.from - b.from);
        for (let i = 1; i < spans.length; i++) {
          if (spans[i]!.from < spans[i - 1]!.to) return done(fail('zip_bomb', 'các mục dùng chung dữ liệu nén (bom nén)'));
        }
        const kind: OfficeKind =
          names.has('[Content_Types].xml') && names.has('word/document.xml')
            ? 'docx'
            : names.has('[Content_Types].xml') && names.has('xl/workbook.xml')
              ? 'xlsx'
              : 'zip';
        if (kind !== 'zip' && [...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) {
          return done(fail('office_macros', 'có macro (vbaProject.bin) trong tệp không được phép chứa macro'));
        }
        done({ ok: true, kind, mime: OFFICE_MIME[kind], entries: names.size });
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        const raw = entry.fileName as unknown as Buffer;
        // Bit 11: the name is UTF-8; else CP437, whose ASCII part is all the checks need.
        const name = (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
        const unsafe = unsafeEntryName(name);
        if (unsafe) return done(fail('zip_unsafe_path', `mục «${name.slice(0, 120)}»: ${unsafe}`));
        if (entry.isEncrypted()) return done(fail('zip_encrypted', `mục «${name.slice(0, 120)}» được mã hóa (đặt mật khẩu)`));
        declared += entry.uncompressedSize;
        if (declared > limits.maxUnpacked) {
          return done(fail('zip_bomb', `giải nén ra hơn ${Math.round(limits.maxUnpacked / 1024 / 1024)} MB`));
        }
        if (entry.uncompressedSize > limits.ratioFloor && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
          return done(fail('zip_bomb', `mục «${name.slice(0, 120)}» nén hơn ${limits.maxRatio} lần (bom nén)`));
        }
        names.add(name);
        spans.push({ from: entry.relativeOffsetOfLocalHeader, to: entry.relativeOffsetOfLocalHeader + 30 + entry.compressedSize });
        if (name.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return done(fail('zip_invalid', `mục «${name.slice(0, 120)}» không đọc được (${e?.message ?? ''})`));
          stream.on('data', (c: Buffer) => {
            unpacked += c.length;
            if (unpacked > limits.maxUnpacked) {
              stream.destroy();
              done(fail('zip_bomb', `giải nén ra hơn ${Math.round(limits.maxUnpacked / 1024 / 1024)} MB`));
            }
          });
          stream.on('error', (se: Error) => done(fail('zip_invalid', `mục «${name.slice(0, 120)}» hỏng (${se.message})`)));
          stream.on('end', () => {
            if (!settled) zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** An OLE compound file header (MS-CFB 2.2) that fits the file. */
async function inspectOle(b: Uint8Array): Promise<OfficeInspection> {
  if (b.byteLength < 512 * 3) return fail('office_invalid', 'tệp DOC/XLS bị cắt cụt');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const major = v.getUint16(26, true);
  const byteOrder = v.getUint16(28, true);
  const sectorShift = v.getUint16(30, true);
  const miniShift = v.getUint16(32, true);
  const fatSectors = v.getUint32(44, true);
  if (byteOrder !== 0xfffe) return fail('office_invalid', 'tệp DOC/XLS có phần đầu hỏng (thứ tự byte)');
  if (!((major === 3 && sectorShift === 9) || (major === 4 && sectorShift === 12)) || miniShift !== 6) {
    return fail('office_invalid', 'tệp DOC/XLS có phiên bản hoặc cỡ khối lạ');
  }
  const sector = 1 << sectorShift;
  const sectors = Math.ceil((b.byteLength - 512) / sector);
  if (fatSectors === 0 || fatSectors > sectors) return fail('office_invalid', 'tệp DOC/XLS có bảng khối không khớp cỡ tệp');
  let names: string[];
  try {
    // Loaded on use, like yauzl: registering a PDF never pays for it.
    // cfb is CommonJS: its exports come as `default`.
    const { default: CFB } = await import('cfb');
    const container = CFB.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength), { type: 'buffer' });
    names = container.FileIndex.map((e) => e.name.normalize('NFC').toUpperCase());
  } catch {
    return fail('office_invalid', 'tệp DOC/XLS có thư mục bên trong bị hỏng');
  }
  if (names.some((n) => VBA_STORAGES.has(n))) {
    return fail('office_macros', 'có macro (dự án VBA) trong tệp DOC/XLS không được phép chứa macro');
  }
  return { ok: true, kind: 'ole', mime: OFFICE_MIME.ole };
}

/** Where Word (Macros), Excel (_VBA_PROJECT_CUR) and both (VBA, _VBA_PROJECT) keep a VBA project. */
const VBA_STORAGES = new Set(['MACROS', '_VBA_PROJECT_CUR', 'VBA', '_VBA_PROJECT']);

/**
 * ZIP, DOCX and DOC attachments of edXML messages (issue 12): what can be trusted is kept
 * and registered like any other file; a zip bomb, a path out of the folder, an encrypted
 * entry, a DOCX, DOC or XLS with macros, a DOCX without its document, a broken DOC are refused with their
 * code and a Vietnamese reason, the message written nowhere. The archives are made with
 * yazl and broken byte by byte as an attacker would. Runs on both stores.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import CFB from 'cfb';
import yazl from 'yazl';
import { inspectOfficeFile, ZIP_LIMITS } from '../../../src/main/attachments/officeFiles.js';
import { buildDocumentMessage } from '../../../src/main/interchange/edxml.js';
import { freshServices } from '../helpers.js';
import { sampleDocument } from './messages.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function zip(entries: [string, Buffer | string][], opts: { compress?: boolean } = {}): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries)
    z.addBuffer(Buffer.from(data), name, { compress: opts.compress ?? true, mtime: new Date(2026, 0, 1) });
  z.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => parts.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(parts)));
    z.outputStream.on('error', reject);
  });
}

const docx = (extra: [string, Buffer | string][] = []) =>
  zip([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body>Báo cáo số liệu</w:body></w:document>'],
    ...extra,
  ]);

/**
 * A real OLE compound file written by cfb: a Word 97 document (WordDocument, 1Table) or an
 * Excel workbook (Workbook), with the VBA project where Word (Macros/VBA) or Excel
 * (_VBA_PROJECT_CUR/VBA) keeps it when `macros` is asked.
 */
function ole(kind: 'doc' | 'xls' = 'doc', opts: { macros?: boolean } = {}): Buffer {
  const c = CFB.utils.cfb_new();
  if (kind === 'doc') {
    CFB.utils.cfb_add(c, '/WordDocument', Buffer.alloc(4096, 0x41));
    CFB.utils.cfb_add(c, '/1Table', Buffer.alloc(1024, 0x42));
  } else CFB.utils.cfb_add(c, '/Workbook', Buffer.alloc(4096, 0x43));
  if (opts.macros) {
    const root = kind === 'doc' ? '/Macros' : '/_VBA_PROJECT_CUR';
    CFB.utils.cfb_add(c, `${root}/PROJECT`, Buffer.from('ID="{00000000-0000-0000-0000-000000000000}"\r\nModule=Module1\r\n'));
    CFB.utils.cfb_add(c, `${root}/VBA/dir`, Buffer.alloc(600, 1));
    CFB.utils.cfb_add(c, `${root}/VBA/_VBA_PROJECT`, Buffer.from([0xcc, 0x61, 0xff, 0xff, 0x00, 0x00, 0x00]));
    CFB.utils.cfb_add(c, `${root}/VBA/Module1`, Buffer.alloc(5000, 2));
  }
  return Buffer.from(CFB.write(c, { type: 'buffer' }) as Uint8Array);
}

/** Every occurrence of one name replaced by another of the same length (local and central headers). */
function rename(z: Buffer, from: string, to: string): Buffer {
  expect(from.length).toBe(to.length);
  const out = Buffer.from(z);
  for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

/** Sets the "encrypted" flag of every entry, in the local and the central headers. */
function encrypted(z: Buffer): Buffer {
  const out = Buffer.from(z);
  for (let at = out.indexOf('PK\x03\x04'); at >= 0; at = out.indexOf('PK\x03\x04', at + 4)) out[at + 6]! |= 1;
  for (let at = out.indexOf('PK\x01\x02'); at >= 0; at = out.indexOf('PK\x01\x02', at + 4)) out[at + 8]! |= 1;
  return out;
}

const codeOf = async (bytes: Buffer, limits = ZIP_LIMITS) => {
  const r = await inspectOfficeFile(bytes, limits);
  return r.ok ? r.kind : r.code;
};

describe('office attachments of received messages', () => {
  it('the inspector: good ZIP, DOCX, XLSX and DOC kept; every kind of untrusted archive refused with its code', async () => {
    expect(await codeOf(await zip([['bao-cao/so-lieu.csv', 'a;b\n1;2\n']]))).toBe('zip');
    expect(await codeOf(await docx())).toBe('docx');
    expect(
      await codeOf(
        await zip([
          ['[Content_Types].xml', '<Types/>'],
          ['xl/workbook.xml', '<workbook/>'],
        ]),
      ),
    ).toBe('xlsx');
    expect(await codeOf(ole())).toBe('ole');
    expect(await codeOf(ole('xls'))).toBe('ole');
    // A DOC or an XLS carrying a VBA project: refused like a DOCX's.
    expect(await codeOf(ole('doc', { macros: true }))).toBe('office_macros');
    expect(await codeOf(ole('xls', { macros: true }))).toBe('office_macros');

    // A zip bomb by ratio: 20 MB of zeros packed into a few kilobytes.
    expect(await codeOf(await zip([['khong.bin', Buffer.alloc(20 * 1024 * 1024)]]))).toBe('zip_bomb');
    // More unpacked than allowed in total (declared), and in fact (the sizes lie: yauzl stops the stream).
    const many = await zip(
      Array.from({ length: 5 }, (_, i): [string, Buffer] => [`p${i}.bin`, Buffer.alloc(64 * 1024, i + 1)]),
      { compress: false },
    );
    expect(await codeOf(many, { ...ZIP_LIMITS, maxUnpacked: 200 * 1024 })).toBe('zip_bomb');
    // Entries over the limit, counted before any is read.
    expect(await codeOf(many, { ...ZIP_LIMITS, maxEntries: 4 })).toBe('zip_too_many_entries');
    // Zip slip: a name that climbs out, an absolute one, a drive letter, a backslash.
    const slip = await zip([['xx/evil.txt', 'x']]);
    expect(await codeOf(rename(slip, 'xx/evil.txt', '../evil.txt'))).toBe('zip_unsafe_path');
    expect(await codeOf(rename(slip, 'xx/evil.txt', '/etc/passwd'))).toBe('zip_unsafe_path');
    expect(await codeOf(rename(slip, 'xx/evil.txt', 'C:/evil.txt'))).toBe('zip_unsafe_path');
    expect(await codeOf(rename(slip, 'xx/evil.txt', 'xx\\evil.txt'))).toBe('zip_unsafe_path');
    // An encrypted entry.
    expect(await codeOf(encrypted(await zip([['mat.txt', 'bí mật']])))).toBe('zip_encrypted');
    // Two entries pointing at the same packed bytes (the overlapping-entries bomb).
    const two = await zip([
      ['a.txt', 'cùng nội dung'],
      ['b.txt', 'cùng nội dung'],
    ]);
    const cd = two.lastIndexOf('PK\x01\x02');
    const overlapped = Buffer.from(two);
    overlapped.writeUInt32LE(two.readUInt32LE(two.indexOf('PK\x01\x02') + 42), cd + 42);
    expect(await codeOf(overlapped)).toBe('zip_bomb');
    // A declared size smaller than the data: the stream is stopped and the file refused.
    const lying = Buffer.from(many);
    lying.writeUInt32LE(10, lying.indexOf('PK\x01\x02') + 24);
    expect(await codeOf(lying)).toBe('zip_invalid');
    // Truncated, and not a ZIP past its signature.
    expect(await codeOf(slip.subarray(0, slip.length - 30))).toBe('zip_invalid');
    // A DOCX carrying a VBA project (macros belong to .docm).
    expect(await codeOf(await docx([['word/vbaProject.bin', Buffer.alloc(600, 7)]]))).toBe('office_macros');
    // A DOC whose header is broken or cut.
    const badOrder = ole();
    badOrder.writeUInt16LE(0xfeff, 28);
    expect(await codeOf(badOrder)).toBe('office_invalid');
    expect(await codeOf(ole().subarray(0, 700))).toBe('office_invalid');
    const badFat = ole();
    badFat.writeUInt32LE(1000, 44);
    expect(await codeOf(badFat)).toBe('office_invalid');
    // A header that fits over a directory that does not: the first directory sector points past the file.
    const badDir = ole();
    badDir.writeUInt32LE(0x00fffff0, 48);
    expect(await codeOf(badDir)).toBe('office_invalid');
  });

  it('received: kept ones are registered with their files; refused ones leave nothing, with a Vietnamese reason', async () => {
    const { services } = await freshServices({ now: '2026-11-21T09:00:00+07:00' });
    await services.init({ actor: 'quản trị', organId: '000.00.01.H48' });
    const base = sampleDocument();
    const message = (n: number, attachments: { name: string; contentType: string; bytes: Buffer }[]) =>
      buildDocumentMessage({
        ...base,
        header: { ...base.header, documentId: `000.00.00.H48,2026/11/20,${n}/UBND-NC`, codeNumber: String(n) },
        attachments: [base.attachments[0]!, ...attachments.map((a, i) => ({ contentId: `o${i}`, ...a }))],
      });
    const report = await docx();
    const archive = await zip([['so-lieu.csv', 'a;b\n1;2\n']]);
    const r = await services.interchange.receive(
      message(1, [
        { name: 'bao-cao.docx', contentType: DOCX, bytes: report },
        { name: 'so-lieu.zip', contentType: 'application/zip', bytes: archive },
        { name: 'cong-van-cu.doc', contentType: 'application/msword', bytes: ole() },
      ]),
      { actor: 'văn thư' },
    );
    expect(r.kind).toBe('document');
    if (r.kind !== 'document') return;
    const { incoming } = await services.interchange.register(r.received.id, { actor: 'văn thư' });
    const byName = Object.fromEntries(incoming.attachments.map((a) => [a.fileName, a]));
    expect(byName['bao-cao.docx']?.mime).toBe(DOCX);
    expect(byName['so-lieu.zip']?.mime).toBe('application/zip');
    expect(byName['cong-van-cu.doc']?.mime).toBe('application/x-ole-storage');
    // The stored file is the bytes sent (content-addressed: its hash is the file's).
    expect(byName['bao-cao.docx']!.sha256).toBe(createHash('sha256').update(report).digest('hex'));
    expect(Buffer.from(await services.files.read(byName['bao-cao.docx']!.sha256)).equals(report)).toBe(true);

    const before = (await services.interchange.listReceived()).length;
    const refusals: [string, { name: string; contentType: string; bytes: Buffer }][] = [
      ['zip_bomb', { name: 'bom.zip', contentType: 'application/zip', bytes: await zip([['khong.bin', Buffer.alloc(20 * 1024 * 1024)]]) }],
      [
        'zip_unsafe_path',
        {
          name: 'slip.zip',
          contentType: 'application/zip',
          bytes: rename(await zip([['xx/evil.txt', 'x']]), 'xx/evil.txt', '../evil.txt'),
        },
      ],
      ['zip_encrypted', { name: 'mat.zip', contentType: 'application/zip', bytes: encrypted(await zip([['mat.txt', 'bí mật']])) }],
      ['office_macros', { name: 'macro.docx', contentType: DOCX, bytes: await docx([['word/vbaProject.bin', Buffer.alloc(600, 7)]]) }],
      ['office_macros', { name: 'macro.xls', contentType: 'application/vnd.ms-excel', bytes: ole('xls', { macros: true }) }],
      ['edxml_attachment_type_mismatch', { name: 'gia.docx', contentType: DOCX, bytes: archive }],
    ];
    let n = 10;
    for (const [code, att] of refusals) {
      const err = await services.interchange.receive(message(n++, [att]), { actor: 'văn thư' }).then(
        () => null,
        (e: { error?: { code: string; message: string } }) => e.error,
      );
      expect(err?.code, att.name).toBe(code);
      expect(err?.message, att.name).toContain(att.name);
      expect(err?.message.normalize('NFC')).toBe(err?.message);
    }
    expect((await services.interchange.listReceived()).length).toBe(before);
  });
});

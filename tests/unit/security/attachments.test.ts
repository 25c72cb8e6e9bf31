/**
 * Attachments are what they claim (issue 9, item 2). The probe's plant — an executable with
 * `%PDF-` in its first KiB — is refused through the contract (web host), the CLI and the
 * outgoing appendix door, naming the file and the reason, with nothing written. PDFs are
 * checked for structure (as a reader would open them), images for their pixel size; the
 * images and the encrypted PDF are made by the Debian tools (poppler, qpdf), not by us.
 */
import { PDFDocument } from 'pdf-lib';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executableKind, inspectAttachment, inspectPng } from '../../../src/main/attachments/sniff.js';
import { cli } from '../cliHelpers.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { doc, tempDir } from '../helpers.js';
import { startHost, storeDigest } from './webHarness.js';

const PDF = minimalPdf();
const ELF_HEAD = readFileSync(process.execPath).subarray(0, 64);

/** Executable headers followed by a whole, valid PDF: the PDF check alone would accept them. */
const POLYGLOTS: [string, Buffer][] = [
  ['ELF', Buffer.concat([ELF_HEAD, PDF])],
  ['PE/MZ', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), PDF])],
  ['Mach-O', Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), PDF])],
  ['Mach-O/Java', Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe]), PDF])],
  ['WebAssembly', Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), PDF])],
  ['script', Buffer.concat([Buffer.from('#!/bin/sh\nrm -rf ~ # '), PDF])],
  ['script', Buffer.concat([Buffer.from('\ufeff#!/usr/bin/env python3\n'), PDF])],
];

function tool(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: 'pipe' });
}

describe('inspectAttachment', () => {
  it('refuses executables whatever they contain, even a whole valid PDF', async () => {
    for (const [kind, bytes] of POLYGLOTS) {
      expect(executableKind(bytes)).toBe(kind);
      expect(await inspectAttachment(bytes)).toMatchObject({ ok: false, code: 'executable_file' });
    }
  });

  it('accepts a PDF after at most 1 KiB of junk (as readers do), not after more', async () => {
    expect(await inspectAttachment(PDF)).toEqual({ ok: true, mime: 'application/pdf', pages: 1 });
    expect(await inspectAttachment(Buffer.concat([Buffer.alloc(1024, 0x20), PDF]))).toMatchObject({ ok: true, mime: 'application/pdf' });
    expect(await inspectAttachment(Buffer.concat([Buffer.alloc(1025, 0x20), PDF]))).toMatchObject({ ok: false, code: 'unsupported_file' });
  });

  it('refuses what only looks like a PDF: no %%EOF, no structure, no pages', async () => {
    const cases: [string, Buffer][] = [
      ['truncated', PDF.subarray(0, PDF.length - 20)],
      ['header only', Buffer.from('%PDF-1.7\n%%EOF\n')],
      ['garbage body', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')])],
      ['no pages', Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')],
      ['%%EOF too far from the end', Buffer.concat([PDF, Buffer.alloc(2048, 0x20)])],
    ];
    for (const [what, bytes] of cases) expect(await inspectAttachment(bytes), what).toMatchObject({ ok: false, code: 'invalid_pdf' });
  });

  it('opens a PDF whose cross-reference table is wrong, as readers recover it (and qpdf agrees)', async () => {
    const broken = Buffer.from(PDF.toString('latin1').replace(/startxref\n\d+/, 'startxref\n999999'), 'latin1');
    const file = path.join(tempDir(), 'broken-xref.pdf');
    writeFileSync(file, broken);
    // qpdf recovers it too (exit 3 = warnings, the file is still readable).
    let qpdfStatus = 0;
    try {
      tool('qpdf', ['--check', file]);
    } catch (e) {
      qpdfStatus = (e as { status: number }).status;
    }
    expect([0, 3]).toContain(qpdfStatus);
    expect(await inspectAttachment(broken)).toMatchObject({ ok: true, mime: 'application/pdf', pages: 1 });
  });

  it('an encrypted PDF (made by qpdf): accepted when it opens without a password, refused when it asks for one', async () => {
    const dir = tempDir();
    const plain = path.join(dir, 'plain.pdf');
    writeFileSync(plain, PDF);
    // And one with object streams (as most writers make today): its page tree is encrypted too.
    const streams = path.join(dir, 'streams.pdf');
    const made = await PDFDocument.create();
    made.addPage();
    made.addPage();
    writeFileSync(streams, await made.save({ useObjectStreams: true }));
    // AES-256, AES-128 and the RC4 of older PDF writers (still common in what agencies send).
    const kinds = [
      ['aes256', [], ['256']],
      ['aes128', [], ['128', '--use-aes=y']],
      ['rc4', ['--allow-weak-crypto'], ['128', '--use-aes=n']],
    ] as const;
    for (const [kind, flags, keyArgs] of kinds)
      for (const [source, pages] of [
        [plain, 1],
        [streams, 2],
      ] as const)
        for (const user of ['', 'bimat']) {
          const expected = user ? { ok: false, code: 'encrypted_pdf' } : { ok: true, mime: 'application/pdf', pages };
          const out = path.join(dir, `${user || 'owner-only'}-${kind}-${pages}.pdf`);
          tool('qpdf', [...flags, '--encrypt', user, 'chu-so-huu', ...keyArgs, '--print=none', '--', source, out]);
          // poppler agrees on which of them opens without a password.
          let popplerOpens = true;
          try {
            tool('pdftotext', [out, path.join(dir, 'text.txt')]);
          } catch {
            popplerOpens = false;
          }
          expect(popplerOpens, out).toBe(expected.ok);
          expect(await inspectAttachment(readFileSync(out)), out).toMatchObject(expected);
        }
  });

  it('decodes PNG, JPEG and TIFF (made by pdftoppm) far enough to know their size', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.pdf'), PDF);
    for (const [flag, mime] of [
      ['-png', 'image/png'],
      ['-jpeg', 'image/jpeg'],
      ['-tiff', 'image/tiff'],
    ] as const) {
      tool('pdftoppm', [flag, '-r', '20', '-singlefile', path.join(dir, 'a.pdf'), path.join(dir, `img${flag}`)]);
      const file = readdirSync(dir).find((f) => f.startsWith(`img${flag}.`))!;
      // A4 at 20 dpi: 595×842 pt → 165×234 px (poppler rounds up).
      expect(await inspectAttachment(readFileSync(path.join(dir, file))), file).toEqual({ ok: true, mime, width: 166, height: 234 });
    }
  });

  it('refuses damaged images with a reason', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.pdf'), PDF);
    tool('pdftoppm', ['-png', '-r', '10', '-singlefile', path.join(dir, 'a.pdf'), path.join(dir, 'p')]);
    const png = readFileSync(path.join(dir, 'p.png'));
    expect(inspectPng(png)).toMatchObject({ ok: true });
    const badCrc = Buffer.from(png);
    badCrc[17] = badCrc[17]! ^ 0xff; // width changed, CRC not
    expect(inspectPng(badCrc)).toMatchObject({ ok: false, code: 'invalid_image' });
    expect(await inspectAttachment(png.subarray(0, 20))).toMatchObject({ ok: false, code: 'invalid_image' });
    expect(await inspectAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))).toMatchObject({
      ok: false,
      code: 'invalid_image',
    });
    expect(await inspectAttachment(Buffer.from('II*\0\xff\xff\xff\x7f', 'latin1'))).toMatchObject({ ok: false, code: 'invalid_image' });
  });
});

describe('the planted executable is refused at every door, nothing written', () => {
  it('contract (web host): incoming.add names the file and the reason', async () => {
    const h = await startHost();
    const before = h.digest();
    for (const [kind, bytes] of POLYGLOTS) {
      const r = await h.post('incoming.add', { data: doc(), attachments: [{ fileName: 'cong-van.pdf', bytes }] });
      expect(r.status).toBe(200);
      expect(r.body?.error, kind).toMatchObject({ code: 'executable_file', field: 'attachments', details: { fileName: 'cong-van.pdf' } });
      expect(r.body!.error!.message).toContain('«cong-van.pdf»');
      expect(r.body!.error!.message).toContain('tệp chương trình');
    }
    expect(h.digest()).toBe(before);
  });

  it('CLI: incoming add --attach and outgoing attach exit 2', async () => {
    const h = await startHost();
    const draft = await h.post('outgoing.draft', { data: DRAFT });
    expect(draft.body?.ok, draft.text).toBe(true);
    await h.services.close();
    const before = storeDigest(h.dbPath);
    const file = path.join(tempDir(), 'thu-vien.pdf');
    writeFileSync(file, POLYGLOTS[0]![1]);
    const added = cli(h.dbPath, ['incoming', 'add', '--data', JSON.stringify(doc()), '--attach', file, '--json']);
    expect(added.code).toBe(2);
    expect(added.error()).toMatchObject({ code: 'executable_file', fileName: 'thu-vien.pdf' });
    const attached = cli(h.dbPath, [
      'outgoing',
      'attach',
      '--id',
      String((draft.body!.value as { id: number }).id),
      '--file',
      file,
      '--json',
    ]);
    expect(attached.code).toBe(2);
    expect(attached.error()).toMatchObject({ code: 'executable_file', field: 'file' });
    expect(storeDigest(h.dbPath)).toBe(before);
  });
});

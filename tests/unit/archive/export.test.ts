/**
 * A dossier's export fills «Tổng số trang của hồ sơ» (PageTotal, Decree 30 App. VI Part II.III)
 * from what the store knows, on both stores: each document's pages from its files (a PDF's
 * pages, an image one page), else the page count registered with it; a document with neither
 * is not guessed — the first page says which one the total leaves out and why, the XML names
 * it. A total declared when the dossier was closed is the dossier's. Read back with pdftotext,
 * the XML with a parser; the first page rendered by pdftoppm.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { exportDossierFiles } from '../../../src/main/archive/archiveDocuments.js';
import type { Services } from '../../../src/main/services.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';

async function pdfOf(pages: number): Promise<Buffer> {
  const p = await PDFDocument.create();
  for (let i = 0; i < pages; i++) p.addPage([595, 842]).drawText(`Trang ${i + 1}`, { x: 72, y: 760, size: 18 });
  return Buffer.from(await p.save());
}

/** The export's PDF first page as text (whitespace folded) and its XML's pageTotal element. */
async function exported(s: Services, id: number) {
  const out = await exportDossierFiles(s, id, ACTOR);
  const dir = tempDir();
  const pdf = path.join(dir, out.pdf.fileName);
  writeFileSync(pdf, out.pdf.bytes);
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  let pageTotal: { attributes: Record<string, string>; text: string } = { attributes: {}, text: '' };
  const numberOfPage: string[] = [];
  const pdfPages: string[] = [];
  let open = '';
  const parser = new SaxesParser();
  parser.on('opentag', (t) => {
    open = t.name;
    if (t.name === 'pageTotal') pageTotal = { attributes: t.attributes as Record<string, string>, text: '' };
    if (t.name === 'numberOfPage') numberOfPage.push('');
    if (t.name === 'pdfPages') pdfPages.push(`${String(t.attributes.from)}-${String(t.attributes.to)}`);
  });
  parser.on('text', (t) => {
    if (open === 'pageTotal') pageTotal.text += t;
    if (open === 'numberOfPage') numberOfPage[numberOfPage.length - 1] += t;
  });
  parser.on('closetag', () => (open = ''));
  parser.write(Buffer.from(out.xml.bytes).toString('utf8')).close();
  return { out, pdf, first, pageTotal, numberOfPage, pdfPages };
}

describe('the export counts the dossier’s pages', () => {
  it('from the files, the registered counts, and says which document it could not count', async () => {
    const { services: s } = await freshServices({ now: '2026-03-10T09:00:00+07:00' });
    const add = async (symbol: string, day: string, extra: Record<string, unknown>, files: { fileName: string; bytes: Buffer }[] = []) =>
      (
        await s.incoming.add(doc({ symbol, issuedDate: '2026-03-01', arrivalDate: `2026-03-0${day}T08:30:00+07:00`, ...extra }), {
          ...ACTOR,
          attachments: files,
        })
      ).id;
    // 1: a three-page scan and a one-page appendix; 2: paper only, two pages registered; 3: nothing known.
    const a = await add('1/STC', '1', {}, [
      { fileName: 'cong-van.pdf', bytes: await pdfOf(3) },
      { fileName: 'phu-luc.pdf', bytes: await pdfOf(1) },
    ]);
    const b = await add('2/STC', '2', { pageAmount: 2 });
    const c = await add('3/STC', '3', {});
    const d = await s.archive.open({ title: 'Hồ sơ phân bổ ngân sách', code: '05.TC', retention: 10, startDate: '2026-03-01' }, ACTOR);
    for (const id of [a, b, c]) await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: id }, ACTOR);

    let x = await exported(s, d.id);
    expect(x.first).toContain('Tổng số trang của hồ sơ 6 (chưa tính văn bản số thứ tự 3 không có tệp trong hệ thống)');
    expect(x.pageTotal).toEqual({ attributes: { source: 'files', uncounted: '3' }, text: '6' });
    expect(x.numberOfPage).toEqual(['4', '2', '']);
    // Each document's pages in the PDF, after the first page and the Mục lục (one page each here):
    // the four file pages, then a notice page for each document without a file.
    expect(x.pdfPages).toEqual(['3-6', '7-7', '8-8']);
    expect(x.out.pages).toBe(8);
    execFileSync('pdftoppm', [
      '-r',
      '100',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      x.pdf,
      path.join(process.env.VT_EXPORT_PNG_DIR ?? path.dirname(x.pdf), 'trang'),
    ]);

    // Every document counted: the plain sum.
    await s.archive.removeDoc({ id: d.id, kind: 'incoming', docId: c, reason: 'nhầm hồ sơ' }, ACTOR);
    x = await exported(s, d.id);
    expect(x.first).toContain('Tổng số trang của hồ sơ 6 Chú giải');
    expect(x.pageTotal).toEqual({ attributes: { source: 'files' }, text: '6' });

    // Closed with a declared total (the paper dossier's count): that is the dossier's.
    await s.archive.close({ id: d.id, title: 'Hồ sơ phân bổ ngân sách', retention: 10, endDate: '2026-03-09', pageTotal: 9 }, ACTOR);
    x = await exported(s, d.id);
    expect(x.first).toContain('Tổng số trang của hồ sơ 9 Chú giải');
    expect(x.pageTotal).toEqual({ attributes: { source: 'declared' }, text: '9' });
  });

  it('a dossier of documents without files has no total, and says why', async () => {
    const { services: s } = await freshServices({ now: '2026-03-10T09:00:00+07:00' });
    const id = (await s.incoming.add(doc({ symbol: '7/STC' }), ACTOR)).id;
    const d = await s.archive.open({ title: 'Hồ sơ giấy', code: '06.TC', retention: 10, startDate: '2026-03-01' }, ACTOR);
    await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: id }, ACTOR);
    const x = await exported(s, d.id);
    expect(x.first).toContain('Tổng số trang của hồ sơ Chưa xác định (văn bản số thứ tự 1 không có tệp trong hệ thống)');
    expect(x.pageTotal).toEqual({ attributes: { source: 'files', uncounted: '1' }, text: '' });
  });
});

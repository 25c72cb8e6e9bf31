/**
 * Content search (issue 13, part 3) on both stores: the text of a registered document's
 * files — a PDF's text layer, a scan's OCR — is indexed with the register's folding and
 * found with `in: content` or `in: all`, the hit showing its line and page; the register's
 * fields alone (`in: fields`, the default) never see it. Runs in the sqlite and postgres projects.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCase, specs } from '../../fixtures/capture/testSet.js';
import { renderSpec } from '../../support/capture/render.js';
import type { DocSpec } from '../../support/capture/corpus.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';

/** A two-page electronic PDF whose second page alone says "kè chống sạt lở bờ sông Trà Khúc". */
async function pdfWithBody(): Promise<Uint8Array> {
  const base = specs(1)[0]!;
  const long = 'Các đơn vị có trách nhiệm phối hợp chặt chẽ trong quá trình tổ chức thực hiện nhiệm vụ được giao. '.repeat(6);
  const spec: DocSpec = {
    ...base,
    layout: 'decree30',
    body: [
      ...Array.from({ length: 12 }, () => ({ text: long })),
      { text: 'Ưu tiên bố trí vốn cho dự án kè chống sạt lở bờ sông Trà Khúc đoạn qua xã Nghĩa Hà.' },
    ],
  };
  return renderSpec(spec);
}

describe('content search', () => {
  it('finds a document by its PDF text (in content or all), never by fields alone; shows the line and page', async () => {
    const { services } = await freshServices();
    const pdf = await pdfWithBody();
    const a = await services.incoming.add(doc({ subject: 'Về việc bố trí vốn đầu tư công năm 2026' }), {
      ...ACTOR,
      attachments: [{ fileName: 'cv-von.pdf', bytes: pdf }],
    });
    const b = await services.incoming.add(doc({ symbol: '77/BC-SXD', subject: 'Báo cáo sạt lở bờ sông' }), ACTOR);

    const fields = await services.search.search({ query: 'Trà Khúc' });
    expect(fields.items).toEqual([]);
    const content = await services.search.search({ query: 'tra khuc', in: 'content' });
    expect(content.items.map((d) => d.id)).toEqual([a.id]);
    expect(content.total).toBe(1);
    const hit = content.contentHits![0]!;
    // The page as poppler reads the file (pages end with a form feed).
    const file = path.join(tempDir(), 'cv.pdf');
    writeFileSync(file, pdf);
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
    const expected = pages.findIndex((t) => t.replace(/\s+/g, ' ').includes('sông Trà Khúc')) + 1;
    expect(expected).toBeGreaterThan(1);
    expect(hit).toMatchObject({ documentId: a.id, fileName: 'cv-von.pdf', page: expected });
    expect(hit.line).toMatch(/sông Trà Khúc/);
    // all: the subject of one, the files' text of the other; each term anywhere.
    const all = await services.search.search({ query: 'sạt lở', in: 'all', sort: 'date' });
    expect(all.items.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(all.contentHits!.map((h) => h.documentId)).toEqual([a.id]);
    expect((await services.search.count({ query: 'sạt lở', in: 'all' })).total).toBe(2);
    expect((await services.search.search({ query: 'sạt lở', in: 'content' })).items.map((d) => d.id)).toEqual([a.id]);
    // A prefix while typing, and a filter with content.
    expect((await services.search.search({ query: 'sông trà kh', in: 'content' })).items).toHaveLength(1);
    expect((await services.search.search({ query: 'trà khúc', in: 'content', type: 'Báo cáo' })).items).toEqual([]);
    expect((await services.search.search({ query: 'trà khúc', in: 'content', type: 'Quyết định' })).items).toHaveLength(1);
    // A corrected arrival time moves the document in the index with its text; a voided one is gone.
    await services.incoming.update(a.id, { arrivalDate: '2026-03-06T10:00:00+07:00' }, ACTOR);
    expect((await services.search.search({ query: 'trà khúc', in: 'content' })).items.map((d) => d.id)).toEqual([a.id]);
    await services.incoming.void(a.id, 'Đăng ký nhầm', ACTOR);
    expect((await services.search.search({ query: 'trà khúc', in: 'content' })).items).toEqual([]);
    expect((await services.search.search({ query: 'trà khúc', in: 'content', includeVoided: true })).items).toHaveLength(1);
  });

  it('finds a word that appears only in the body of a scan registered with OCR', async () => {
    const { services } = await freshServices();
    const c = await makeCase(specs(5)[4]!, 4); // a grey JPEG at 150 dpi
    const plain = await services.incoming.add(doc(), { ...ACTOR, attachments: [{ fileName: 'scan.jpg', bytes: c.scan.bytes }] });
    const word = 'thủ trưởng';
    expect(
      c.spec.body
        .map((p) => p.text)
        .join(' ')
        .toLowerCase(),
    ).toContain(word);
    // Registered without --ocr: an image has no text to keep.
    expect((await services.search.search({ query: word, in: 'content' })).items).toEqual([]);
    const ocr = await services.incoming.add(doc({ symbol: '9/HD-SNV' }), {
      ...ACTOR,
      ocr: true,
      attachments: [{ fileName: 'scan.jpg', bytes: c.scan.bytes }],
    });
    const r = await services.search.search({ query: word, in: 'content' });
    // The same file attached to both: its text is kept once, by content, and both documents… only the OCR'd
    // registration indexed it (the first was registered without text).
    expect(r.items.map((d) => d.id)).toEqual([ocr.id]);
    expect(r.contentHits![0]).toMatchObject({ documentId: ocr.id, fileName: 'scan.jpg', page: 1 });
    expect(plain.id).not.toBe(ocr.id);
  });

  it('refuses an unknown scope with a code', async () => {
    const { services } = await freshServices();
    await expect(services.search.search({ query: 'x', in: 'body' })).rejects.toMatchObject({
      error: { code: 'invalid_enum', field: 'in' },
    });
  });
});

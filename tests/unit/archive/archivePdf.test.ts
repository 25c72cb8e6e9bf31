/**
 * The «Mục lục văn bản» as a reader sees it (pdftotext): column (6) says on which numbered
 * sheets each document lies, counted from the documents' page totals in order.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printDossierIndex } from '../../../src/main/archive/archiveDocuments.js';
import { sheetRanges } from '../../../src/main/archive/archivePdf.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';

describe('Mục lục văn bản', () => {
  it('numbers the sheets: a two-page letter on 01-02, a one-page one on 03, unknown totals left to the hand', async () => {
    expect(sheetRanges([2, 1, 3])).toEqual(['01-02', '03', '04-06']);
    expect(sheetRanges([1, null, 2])).toEqual(['01', '', '']);

    const { services: s } = await freshServices({ now: '2026-03-06T09:00:00+07:00' });
    const a = await s.incoming.add(doc({ symbol: '11/STC', issuedDate: '2026-03-01', pageAmount: 2 }), ACTOR);
    const b = await s.incoming.add(doc({ symbol: '12/STC', issuedDate: '2026-03-02', pageAmount: 1 }), ACTOR);
    const d = await s.archive.open({ title: 'Hồ sơ ngân sách', code: '05.VP', retention: 'Vĩnh viễn', startDate: '2026-03-01' }, ACTOR);
    for (const x of [a, b]) await s.archive.addDoc({ id: d.id, kind: 'incoming', docId: x.id }, ACTOR);
    const pdf = await printDossierIndex(s, d.id, ACTOR);
    const file = path.join(tempDir(), 'muc-luc.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('MỤC LỤC VĂN BẢN, TÀI LIỆU');
    expect(text).toMatch(/11\/STC.*01-02/);
    expect(text).toMatch(/12\/STC.*\b03\b/);
    expect(text).toContain('Hồ sơ gồm 2 (hai) văn bản');
  });
});

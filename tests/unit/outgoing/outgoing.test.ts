import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTOR, freshServices, tempDir } from '../helpers.js';
import { buildOutgoingRegisterPdf } from '../../../src/main/pdf/printRegister.js';
import { DRAFT } from './fixtures.js';
import { watermarkPixels } from '../pdfPixels.js';

const text = (bytes: Uint8Array) => {
  const f = path.join(tempDir(), 'x.pdf');
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
};

describe('outgoing documents', () => {
  it('go from draft to approved to numbered with Decree-30 symbols per register and year', async () => {
    const { services } = await freshServices({ now: '2026-01-05T09:00:00+07:00' });
    const qd = await services.outgoing.draft(DRAFT, ACTOR);
    expect(qd).toMatchObject({ status: 'draft', register: 'DI', symbol: null, signerPosition: 'PHÓ CHỦ TỊCH' });
    expect(qd.body[0]).toEqual({ text: 'Căn cứ Luật Tổ chức chính quyền địa phương;', italic: true });
    await expect(services.outgoing.number(qd.id, ACTOR)).rejects.toMatchObject({ error: { code: 'invalid_status' } });
    await services.outgoing.approve(qd.id, ACTOR);
    const n1 = await services.outgoing.number(qd.id, ACTOR);
    expect(n1).toMatchObject({ status: 'numbered', codeNumber: 1, symbol: '01/QĐ-UBND', issuedDate: '2026-01-05', year: 2026 });
    const cv = await services.outgoing.draft({ ...DRAFT, typeName: 'Công văn', draftingUnit: 'VX', kinhGui: ['Sở Nội vụ'] }, ACTOR);
    await services.outgoing.approve(cv.id, ACTOR);
    expect((await services.outgoing.number(cv.id, ACTOR)).symbol).toBe('02/UBND-VX');
    const secret = await services.outgoing.draft({ ...DRAFT, secrecy: 'confidential' }, ACTOR);
    expect(secret.register).toBe('DI-MAT');
    await services.outgoing.approve(secret.id, ACTOR);
    expect((await services.outgoing.number(secret.id, ACTOR)).symbol).toBe('01/QĐ-UBND');
  });

  it('refuses a bad draft with every problem named, and writes nothing', async () => {
    const { services } = await freshServices();
    const err = await services.outgoing
      .draft({ typeName: 'Nghị định', subject: '', signerAuthority: 'Thay mặt', draftingUnit: 'văn xã', copies: 0 }, ACTOR)
      .catch((e: unknown) => e);
    const codes = (err as { all: { code: string; field?: string }[] }).all.map((e) => `${e.field}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'typeName:unknown_type',
        'subject:required',
        'signerAuthority:invalid_authority',
        'draftingUnit:invalid_unit',
        'copies:invalid_number',
        'signerName:required',
      ]),
    );
    expect((await services.outgoing.list({})).items).toEqual([]);
    await expect(services.outgoing.draft({ ...DRAFT, replyTo: [99] }, ACTOR)).rejects.toMatchObject({
      error: { code: 'not_found', field: 'replyTo' },
    });
  });

  it('sends an approved draft back to the signer when it is changed, and freezes it once numbered', async () => {
    const { services } = await freshServices();
    const d = await services.outgoing.draft(DRAFT, ACTOR);
    await services.outgoing.approve(d.id, ACTOR);
    const changed = await services.outgoing.update(d.id, { subject: 'Về việc kiện toàn Tổ công tác' }, ACTOR);
    expect(changed).toMatchObject({ status: 'draft', subject: 'Về việc kiện toàn Tổ công tác' });
    await services.outgoing.approve(d.id, ACTOR);
    await services.outgoing.number(d.id, ACTOR);
    await expect(services.outgoing.update(d.id, { subject: 'x' }, ACTOR)).rejects.toMatchObject({ error: { code: 'invalid_status' } });
    expect((await services.outgoing.get(d.id)).subject).toBe('Về việc kiện toàn Tổ công tác');
  });

  it('never gives the same number twice, even to concurrent requests', async () => {
    const { services } = await freshServices();
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const d = await services.outgoing.draft({ ...DRAFT, subject: `Văn bản ${i}` }, ACTOR);
      await services.outgoing.approve(d.id, ACTOR);
      ids.push(d.id);
    }
    const numbered = await Promise.all(ids.map((id) => services.outgoing.number(id, ACTOR)));
    expect(numbered.map((d) => d.codeNumber).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(numbered.map((d) => d.symbol)).size).toBe(12);
    expect(numbered.find((d) => d.codeNumber === 10)!.symbol).toBe('10/QĐ-UBND');
  });

  it('prints the draft with "DỰ THẢO" and blanks, then the issued paper copy with its number and date', async () => {
    const { services } = await freshServices({ now: '2026-02-03T09:00:00+07:00' });
    const d = await services.outgoing.draft({ ...DRAFT, copies: 25 }, ACTOR);
    const draftPdf = (await services.outgoing.pdf(d.id)).bytes;
    const draft = text(draftPdf);
    expect(draft).toMatch(/Số:\s+\/QĐ-UBND/);
    expect(draft).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // "DỰ THẢO" is drawn as outlines, not text: seen in the pixels only.
    expect(watermarkPixels(draftPdf)).toBeGreaterThan(200);
    await services.outgoing.approve(d.id, ACTOR);
    expect(watermarkPixels((await services.outgoing.pdf(d.id)).bytes)).toBe(0);
    await services.outgoing.number(d.id, ACTOR);
    const numbered = await services.outgoing.pdf(d.id);
    expect(text(numbered.bytes)).toContain('Số: 01/QĐ-UBND');
    expect(watermarkPixels(numbered.bytes)).toBe(0);
    await expect(services.outgoing.issuePaper(d.id, { ...ACTOR, copies: 0 })).rejects.toMatchObject({ error: { code: 'invalid_number' } });
    const issued = await services.outgoing.issuePaper(d.id, { ...ACTOR, copies: 40 });
    expect(issued.status).toBe('issued_paper');
    expect(issued.files.map((f) => f.kind)).toEqual(['paper']);
    const paper = text((await services.outgoing.pdf(d.id)).bytes);
    expect(paper).toContain('Số: 01/QĐ-UBND');
    expect(paper).toContain('Quảng Ngãi, ngày 03 tháng 02 năm 2026');
    expect(paper).toContain('- Lưu: VT, KGVX.');
    expect(watermarkPixels((await services.outgoing.pdf(d.id)).bytes)).toBe(0);
    await expect(services.outgoing.issuePaper(d.id, ACTOR)).rejects.toMatchObject({ error: { code: 'invalid_status' } });

    const book = text((await buildOutgoingRegisterPdf(services, { register: 'DI', year: 2026 })).bytes);
    expect(book).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(book).toContain('01/QĐ-UBND');
    expect(book).toContain('Bản giấy');
    expect((await services.check()).ok).toBe(true);
  });

  it('finds outgoing documents with the same Vietnamese search rules', async () => {
    const { services } = await freshServices();
    const d = await services.outgoing.draft(DRAFT, ACTOR);
    await services.outgoing.approve(d.id, ACTOR);
    await services.outgoing.number(d.id, ACTOR);
    expect((await services.outgoing.search('chuyen doi so')).total).toBe(1);
    expect((await services.outgoing.search('01/QĐ')).total).toBe(1);
    expect((await services.outgoing.search('nguyen van an')).total).toBe(1);
    expect((await services.outgoing.search('"to cong tac chuyen"')).total).toBe(1);
  });
});

/**
 * Outgoing documents through the real `vanthu` command line, on paper from draft to the
 * register book: update, list, search, number, paper issue, the printed book, trust list;
 * and what each mistake gets (exit 2, a stable code, nothing written).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestPki } from '../../support/signing/testPki.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { watermarkPixels } from '../pdfPixels.js';
import { initOffice } from './office.js';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('vanthu outgoing (paper)', () => {
  it('drafts, updates, approves, numbers and issues on paper; lists, searches and prints the book', () => {
    const o = initOffice('2026-05-12T09:00:00+07:00');
    const [qd, cv] = o.batch([
      { cmd: 'outgoing draft', args: { data: DRAFT } },
      {
        cmd: 'outgoing draft',
        args: {
          data: {
            ...DRAFT,
            typeName: 'Công văn',
            subject: 'V/v báo cáo tình hình tiếp nhận văn bản điện tử',
            kinhGui: ['Sở Nội vụ'],
            draftingUnit: 'VP',
          },
        },
      },
    ]) as { id: number }[];
    const id = String(qd!.id);

    // update: the subject changes, the status stays a draft; bad data is refused and nothing changes.
    const updated = o.vanthu([
      'outgoing',
      'update',
      id,
      '--data',
      JSON.stringify({ subject: 'Về việc kiện toàn Tổ công tác chuyển đổi số' }),
    ]);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.json()).toMatchObject({ id: qd!.id, status: 'draft', subject: 'Về việc kiện toàn Tổ công tác chuyển đổi số' });
    o.refused(['outgoing', 'update', id, '--data', JSON.stringify({ typeName: 'Nghị định' })], 'unknown_type', 'typeName');
    o.refused(['outgoing', 'update', '99', '--data', JSON.stringify({ subject: 'x' })], 'not_found');

    // number: only an approved document gets a number.
    o.refused(['outgoing', 'number', id], 'invalid_status');
    expect(o.vanthu(['outgoing', 'approve', id]).json().status).toBe('approved');
    o.refused(['outgoing', 'number', id, '--register', 'DEN'], 'unknown_register');
    const numbered = o.vanthu(['outgoing', 'number', id]);
    expect(numbered.code, numbered.stderr).toBe(0);
    expect(numbered.json()).toMatchObject({
      status: 'numbered',
      codeNumber: 1,
      symbol: '01/QĐ-UBND',
      issuedDate: '2026-05-12',
      year: 2026,
    });
    // A number, once given, is never taken back or given again.
    o.refused(['outgoing', 'number', id], 'invalid_status');
    o.refused(['outgoing', 'update', id, '--data', JSON.stringify({ subject: 'Sửa sau khi cấp số' })], 'invalid_status');

    // issue on paper: the print-ready copy with number and date, no watermark.
    o.refused(['outgoing', 'issue', id], 'required', 'paper');
    o.refused(['outgoing', 'issue', id, '--paper', '--copies', '0'], 'invalid_number', 'copies');
    o.refused(['outgoing', 'issue', String(cv!.id), '--paper'], 'invalid_status');
    const issued = o.vanthu(['outgoing', 'issue', id, '--paper', '--copies', '12']);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.json()).toMatchObject({ status: 'issued_paper', files: [{ kind: 'paper' }] });
    const paper = o.file('qd-01.pdf');
    expect(o.vanthu(['outgoing', 'pdf', id, '--out', paper]).json()).toMatchObject({ kind: 'paper' });
    const text = pdfText(paper);
    expect(text).toContain('Số: 01/QĐ-UBND');
    expect(text).toContain('Quảng Ngãi, ngày 12 tháng 5 năm 2026');
    expect(watermarkPixels(readFileSync(paper))).toBe(0);
    o.refused(['outgoing', 'issue', id, '--paper'], 'invalid_status');
    const draftPdf = o.file('cv-du-thao.pdf');
    expect(o.vanthu(['outgoing', 'pdf', String(cv!.id), '--out', draftPdf]).json()).toMatchObject({ kind: 'draft' });
    expect(watermarkPixels(readFileSync(draftPdf))).toBeGreaterThan(200);

    // list by status and register; search the Vietnamese way.
    const all = o.vanthu(['outgoing', 'list']).json();
    expect(all.items.map((d: { id: number; status: string }) => [d.id, d.status])).toEqual(
      expect.arrayContaining([
        [qd!.id, 'issued_paper'],
        [cv!.id, 'draft'],
      ]),
    );
    expect(
      o
        .vanthu(['outgoing', 'list', '--status', 'issued_paper'])
        .json()
        .items.map((d: { symbol: string }) => d.symbol),
    ).toEqual(['01/QĐ-UBND']);
    expect(
      o
        .vanthu(['outgoing', 'list', '--register', 'DI', '--status', 'draft'])
        .json()
        .items.map((d: { id: number }) => d.id),
    ).toEqual([cv!.id]);
    // A year is a numbered document's: drafts have none yet.
    expect(
      o
        .vanthu(['outgoing', 'list', '--register', 'DI', '--year', '2026'])
        .json()
        .items.map((d: { id: number }) => d.id),
    ).toEqual([qd!.id]);
    o.refused(['outgoing', 'list', '--status', 'sent'], 'invalid_enum', 'status');
    o.refused(['outgoing', 'list', '--register', 'XYZ'], 'unknown_register');
    expect(o.vanthu(['outgoing', 'search', 'kien toan to cong tac']).json()).toMatchObject({ total: 1, items: [{ symbol: '01/QĐ-UBND' }] });
    expect(
      o
        .vanthu(['outgoing', 'search', 'tiep nhan van ban dien tu'])
        .json()
        .items.map((d: { id: number }) => d.id),
    ).toEqual([cv!.id]);
    expect(o.vanthu(['outgoing', 'search', '01/QĐ']).json().total).toBe(1);
    o.refused(['outgoing', 'search', 'tổ công tác', '--limit', 'nhiều'], 'invalid_number', 'limit');

    // The register book of outgoing documents: numbered documents only.
    const book = o.file('so-di-2026.pdf');
    const printed = o.vanthu(['outgoing', 'register', 'print', '--register', 'DI', '--year', '2026', '--out', book]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.json()).toMatchObject({ register: 'DI', year: 2026, documents: 1 });
    const bookText = pdfText(book);
    expect(bookText).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(bookText).toContain('01/QĐ-UBND');
    expect(bookText).toContain('Bản giấy');
    const nowhere = o.file('khong-ghi.pdf');
    o.refused(['outgoing', 'register', 'print', '--register', 'DI', '--out', nowhere], 'required', 'year');
    o.refused(['outgoing', 'register', 'print', '--register', 'XYZ', '--year', '2026', '--out', nowhere], 'unknown_register');
    o.refused(['outgoing', 'register', 'list'], 'unknown_command');
    expect(existsSync(nowhere)).toBe(false);

    const trail = o
      .vanthu(['audit', '--entity', 'outgoing', '--id', id])
      .json()
      .map((e: { action: string }) => e.action);
    expect(trail).toEqual(['create', 'update', 'approved', 'number', 'issued_paper']);
  }, 300_000);

  it('trust list shows the anchors added; a bad certificate is refused and nothing is added', () => {
    const o = initOffice();
    expect(o.vanthu(['trust', 'list']).json()).toEqual([]);
    const bad = o.file('khong-phai-chung-thu.pem');
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    o.refused(['trust', 'add', bad], 'invalid_certificate');
    o.refused(['trust', 'list', '--bogus'], 'invalid_argument');
    expect(o.vanthu(['trust', 'list']).json()).toEqual([]);
    const pki = createTestPki();
    const root = o.file('root.pem');
    writeFileSync(root, pki.rootPem + pki.intermediatePem);
    expect(o.vanthu(['trust', 'add', root]).json()).toMatchObject({ added: 2 });
    const anchors = o.vanthu(['trust', 'list']).json() as { subject: string; sha256: string; notAfter: string }[];
    expect(anchors.map((a) => a.subject).sort()).toEqual(
      [expect.stringContaining('VănThư Test Root CA'), expect.stringContaining('VănThư Test Sub CA')].sort(),
    );
    for (const a of anchors) {
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(a.notAfter)).toBeGreaterThan(Date.now());
      expect(a).not.toHaveProperty('pem');
    }
    // Adding the same anchors again adds nothing.
    expect(o.vanthu(['trust', 'add', root]).json()).toMatchObject({ added: 0 });
  }, 120_000);
});

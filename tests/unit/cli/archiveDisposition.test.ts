/**
 * Hand-over and destruction through the real `vanthu` command line: the due list, the
 * hand-over record and list printed (checked with pdftotext), the package made, verified,
 * and refused after one changed byte; a hold, the expired list and a destruction by decision;
 * the usage register printed. Mistakes exit 2 with their code and write nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { INCOMING, initOffice } from './office.js';

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('vanthu handover / hold / retention / destroy / usage', () => {
  it('hands over, packages and verifies; holds; prints the forms', async () => {
    const o = initOffice('2026-03-10T09:00:00+07:00');
    const { vanthu, refused } = o;
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]).drawText('Cong van 215/STC-QLNS', { x: 72, y: 760, size: 14 });
    writeFileSync(o.file('cv-215.pdf'), await scan.save({ useObjectStreams: false }));
    const letter = vanthu(['incoming', 'add', '--data', JSON.stringify(INCOMING), '--attach', o.file('cv-215.pdf')]).json() as {
      id: number;
    };
    const [other] = o.batch([
      { cmd: 'incoming add', args: { data: { ...INCOMING, symbol: '99/STC-QLNS', subject: 'Về việc quyết toán kinh phí năm 2025' } } },
    ]) as { id: number }[];
    const opened = o.batch([
      {
        cmd: 'dossier open',
        args: { title: 'Hồ sơ về kinh phí chương trình mục tiêu quốc gia', code: '01.VP', retention: 'Vĩnh viễn', startDate: '2026-03-05' },
      },
      { cmd: 'dossier open', args: { title: 'Hồ sơ hội nghị giao ban', code: '02.VP', retention: '2', startDate: '2026-03-05' } },
    ]) as { id: number }[];
    const [perm, short] = opened.map((d) => d.id);
    o.batch([
      { cmd: 'dossier add-doc', args: { _: [String(perm)], kind: 'incoming', doc: String(letter!.id) } },
      { cmd: 'dossier add-doc', args: { _: [String(short)], kind: 'incoming', doc: String(other!.id) } },
      {
        cmd: 'dossier close',
        args: {
          _: [String(perm)],
          title: 'Hồ sơ về kinh phí chương trình mục tiêu quốc gia',
          retention: 'Vĩnh viễn',
          endDate: '2026-03-10',
        },
      },
      { cmd: 'dossier close', args: { _: [String(short)], title: 'Hồ sơ hội nghị giao ban', retention: '2', endDate: '2026-03-10' } },
    ]);
    expect(vanthu(['handover', 'due']).json()).toMatchObject({ total: 1, items: [{ code: '01.VP', dueDate: '2027-12-31' }] });
    refused(
      [
        'handover',
        'keep-back',
        String(perm),
        '--decision-ref',
        '5/QĐ',
        '--decided-by',
        'Chủ tịch',
        '--reason',
        'còn dùng',
        '--until',
        '2031-01-01',
      ],
      'keep_back_too_long',
      'until',
    );
    expect(
      vanthu([
        'handover',
        'keep-back',
        String(perm),
        '--decision-ref',
        '5/QĐ',
        '--decided-by',
        'Chủ tịch',
        '--reason',
        'còn dùng',
        '--until',
        '2028-01-31',
      ]).json().items[0],
    ).toMatchObject({ keptBack: true });
    refused(
      ['handover', 'create', '--dossiers', String(short), '--unit-name', 'Văn phòng', '--giver-name', 'Trần Thị Bình'],
      'retention_too_short',
      'dossiers',
    );
    let r = vanthu([
      'handover',
      'create',
      '--dossiers',
      String(perm),
      '--unit-name',
      'Văn phòng UBND tỉnh',
      '--giver-name',
      'Trần Thị Bình',
      '--giver-position',
      'Chuyên viên',
      '--boxes',
      '2',
      '--shelf-meters',
      '0,5',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ boxes: 2, shelfMeters: 0.5 });
    const h = r.json().id as number;
    expect(vanthu(['handover', 'list', '--status', 'submitted', '--limit', '5']).json()).toMatchObject({
      total: 1,
      items: [{ id: h, unitName: 'Văn phòng UBND tỉnh', dossiers: 1 }],
      next: null,
    });
    refused(['handover', 'list', '--after', 'x'], 'invalid_input', 'after');
    expect(
      vanthu(['handover', 'accept', String(h), '--receiver-name', 'Lê Văn Cường', '--receiver-position', 'Lưu trữ viên']).json().status,
    ).toBe('accepted');
    expect(vanthu(['handover', 'get', String(h)]).json().dossiers).toHaveLength(1);
    // Accepted: only the archivist's corrections, old → new, are allowed.
    const fixed = vanthu(['dossier', 'correct', String(perm), '--reason', 'Sai tiêu đề', '--title', 'Hồ sơ đã sửa tiêu đề']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.json()).toMatchObject({ title: 'Hồ sơ đã sửa tiêu đề', state: 'accepted' });

    const bb = o.file('bien-ban.pdf');
    expect(vanthu(['handover', 'print', String(h), '--out', bb]).code).toBe(0);
    const t = text(bb);
    for (const s of [
      'BIÊN BẢN',
      'Giao nhận hồ sơ, tài liệu',
      'BÊN GIAO: Văn phòng UBND tỉnh',
      'Ông (bà): Lê Văn Cường',
      'MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU',
      '01.VP',
      'Vĩnh viễn',
      'Mục lục này gồm: 1 hồ sơ',
      'Viết bằng chữ: Một hồ sơ',
    ])
      expect(t).toContain(s);

    const zip = o.file('nop-luu.zip');
    r = vanthu(['handover', 'package', String(h), '--out', zip]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const ok = vanthu(['handover', 'verify-package', zip]);
    expect(ok.json()).toMatchObject({ ok: true, dossiers: 1, known: { handoverId: h } });
    expect(ok.json().files).toBe(5);
    // One byte changed anywhere (here inside the stored, uncompressed PDF) fails the check.
    const bytes = readFileSync(zip);
    const at = bytes.indexOf(Buffer.from('%PDF-')) + 20;
    expect(at).toBeGreaterThan(20);
    bytes[at] = bytes[at]! ^ 0x01;
    const bad = o.file('nop-luu-sua.zip');
    writeFileSync(bad, bytes);
    refused(['handover', 'verify-package', bad], 'package_mismatch');
    refused(['handover', 'verify-package', o.file('khong-co.zip')], 'file_not_found', 'file');

    // A held dossier cannot be destroyed; the expired one can, by decision, once the hold is lifted.
    r = vanthu([
      'hold',
      'add',
      '--target',
      `dossier:${short}`,
      '--ordered-by',
      'Chánh Thanh tra tỉnh',
      '--order-ref',
      '12/TTr',
      '--reason',
      'thanh tra',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const hold = r.json().id as number;
    expect(vanthu(['hold', 'list']).json()).toMatchObject({ items: [{ orderRef: expect.any(String) }], next: null });
    refused(['retention', 'expired', '--year', 'hai'], 'invalid_number', 'year');
    expect(vanthu(['retention', 'expired', '--year', '2028']).json()).toMatchObject({
      year: 2028,
      total: 1,
      items: [{ code: '02.VP', held: true }],
      next: null,
    });
    refused(['destroy', 'propose', '--dossiers', String(short), '--title', 'Hủy'], 'not_expired', 'dossiers');
    expect(vanthu(['hold', 'lift', String(hold), '--lift-ref', '13/TTr', '--reason', 'xong']).json().liftedAt).toBeTruthy();

    // The usage register.
    r = vanthu([
      'usage',
      'add',
      '--kind',
      'dossier',
      '--target-id',
      String(perm),
      '--user-name',
      'Nguyễn Văn Dũng',
      '--approved-by',
      'Chánh Văn phòng',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(vanthu(['usage', 'return', String(r.json().id)]).json().returnedOn).toBe('2026-03-10');
    expect(vanthu(['usage', 'list']).json()).toMatchObject({ items: [{ userName: expect.any(String) }], next: null });
    const so = o.file('so.pdf');
    expect(vanthu(['usage', 'print', '--year', '2026', '--out', so]).code).toBe(0);
    expect(text(so)).toContain('SỔ SỬ DỤNG BẢN LƯU');
    expect(text(so)).toContain('Dũng');
    o.batch([
      { cmd: 'fileplan add-heading', args: { _: ['2026'], title: 'VĂN PHÒNG', abbr: 'VP' } },
      { cmd: 'fileplan add-dossier', args: { _: ['2026'], heading: 'VP', title: 'Tập lưu văn bản đi năm 2026', retention: '50' } },
    ]);
    const dm = o.file('danh-muc.pdf');
    expect(vanthu(['fileplan', 'print', '2026', '--out', dm]).code).toBe(0);
    expect(text(dm)).toContain('Danh mục hồ sơ này có 1 (một) hồ sơ, bao gồm: 0 hồ sơ bảo quản vĩnh viễn; 1 hồ sơ bảo quản có thời hạn.');
    const ml = o.file('muc-luc.pdf');
    expect(vanthu(['dossier', 'index', String(perm), '--out', ml]).code).toBe(0);
    expect(text(ml)).toContain('MỤC LỤC VĂN BẢN, TÀI LIỆU');
    expect(text(ml)).toContain('215/STC-'); // the symbol wraps in its narrow column
    // Dozens of CLI processes, each a cold start: minutes on a loaded two-core machine.
  }, 400_000);

  it('destroys an expired dossier by a council decision', () => {
    const o = initOffice('2029-03-10T09:00:00+07:00');
    const { vanthu, refused } = o;
    const [letter] = o.batch([{ cmd: 'incoming add', args: { data: { ...INCOMING, arrivalDate: '2026-03-05T08:30:00+07:00' } } }]) as {
      id: number;
    }[];
    const [d] = o.batch([
      { cmd: 'dossier open', args: { title: 'Hồ sơ hội nghị', code: '02.VP', retention: '2', startDate: '2026-03-05' } },
    ]) as { id: number }[];
    o.batch([
      { cmd: 'dossier add-doc', args: { _: [String(d!.id)], kind: 'incoming', doc: String(letter!.id) } },
      { cmd: 'dossier close', args: { _: [String(d!.id)], title: 'Hồ sơ hội nghị', retention: '2', endDate: '2026-12-31' } },
    ]);
    let r = vanthu(['destroy', 'propose', '--dossiers', String(d!.id), '--title', 'Hủy tài liệu hết thời hạn năm 2029']);
    expect(r.code, r.stderr).toBe(0);
    const x = r.json().id as number;
    refused(['destroy', 'execute', String(x), '--minutes-ref', 'BB'], 'destruction_state');
    r = vanthu([
      'destroy',
      'approve',
      String(x),
      '--council-ref',
      '3/QĐ-UBND',
      '--minutes-ref',
      'BB họp 10/3/2029',
      '--decision-ref',
      '9/QĐ-UBND',
      '--decision-date',
      '2029-03-10',
    ]);
    expect(r.json().status).toBe('approved');
    r = vanthu(['destroy', 'execute', String(x), '--minutes-ref', 'Biên bản hủy 10/3/2029']);
    expect(r.json()).toMatchObject({ status: 'executed', dossiers: [{ code: '02.VP' }] });
    expect(vanthu(['destroy', 'get', String(x)]).json().status).toBe('executed');
    expect(vanthu(['destroy', 'list', '--status', 'executed']).json().items).toMatchObject([{ id: x, status: 'executed', dossiers: 1 }]);
    expect(vanthu(['dossier', 'get', String(d!.id)]).json().state).toBe('destroyed');
    expect(vanthu(['check']).json().ok).toBe(true);
    // Dozens of CLI processes, each a cold start: minutes on a loaded two-core machine.
  }, 400_000);
});

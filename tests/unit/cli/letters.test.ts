/**
 * Citizens' letters and hotline feedback through the real `vanthu` command line, as the
 * reception office would script its day: what each command prints, what a mistake gets
 * (exit 2, a stable code, nothing written), and that no message repeats a person's data.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { LetterFileText, LetterRecord } from '../../../src/shared/domain/letters.js';
import { cli, PASSWORD_ENV } from '../cliHelpers.js';
import { initOffice } from './office.js';

const SENDER = { fullName: 'Nguyễn Văn Ánh', address: 'Thôn 3, xã Tịnh Hà', idNumber: '051085001234', phone: '0905123456' };
const LETTER = { receivedDate: '2026-03-02', channel: 'post', kind: 'complaint', subject: 'Khiếu nại việc thu hồi đất', senders: [SENDER] };

describe('vanthu letter / hotline / organ', () => {
  it('attaches a scanned letter, prints its text, writes the file back; what is not a scan is refused', async () => {
    const o = initOffice();
    const added = o.vanthu(['letter', 'add', '--data', JSON.stringify(LETTER)]);
    expect(added.code, added.stderr).toBe(0);
    // A PDF with its font embedded, as office software writes them (Liberation Serif: every diacritic kept).
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(readFileSync(path.resolve(import.meta.dirname, '../../../assets/fonts/LiberationSerif-Regular.ttf')), {
      subset: true,
    });
    const page = doc.addPage([595, 842]);
    page.drawText('Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi', { x: 60, y: 740, size: 14, font });
    page.drawText('Tôi khiếu nại về việc thu hồi ao cá của thôn Phú Thọ.', { x: 60, y: 700, size: 14, font });
    const scan = o.file('don.pdf');
    writeFileSync(scan, await doc.save());
    const r = o.vanthu(['letter', 'attach', '1', scan, '--ocr']);
    expect(r.code, r.stderr).toBe(0);
    const attached = r.json() as LetterRecord;
    expect(attached.attachments).toEqual([expect.objectContaining({ fileName: 'don.pdf', mime: 'application/pdf', createdBy: 'vanthu' })]);
    expect(attached.attachments[0]!.textPages).toBe(1);
    // The text the capture worker read, page by page, as the detail shows it; the register finds the letter by it.
    const texts = o.vanthu(['letter', 'text', '1']).json() as LetterFileText[];
    expect(texts[0]!.pages[0]!.text).toContain('ao cá của thôn Phú Thọ');
    expect((o.vanthu(['letter', 'list', '--query', 'ao cá Phú Thọ']).json() as { id: number }[]).map((l) => l.id)).toEqual([1]);
    const out = o.file('ban-sao.pdf');
    const got = o.vanthu(['letter', 'attachment', '1', '--attachment', String(attached.attachments[0]!.id), '--out', out]);
    expect(got.code, got.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(scan))).toBe(true);
    const junk = o.file('ghi-chu.txt');
    writeFileSync(junk, 'khong phai anh quet');
    o.refused(['letter', 'attach', '1', junk], 'unsupported_file', 'file');
    o.refused(['letter', 'attach', '1', o.file('khong-co.pdf')], 'file_not_found', 'file');
    o.refused(['letter', 'attach', '7', scan], 'not_found', 'id');
    o.refused(['letter', 'attachment', '1', '--attachment', '99', '--out', o.file('x.pdf')], 'not_found', 'attachmentId');
  });

  // Each refusal and file output is its own CLI process (slow on a loaded machine); the rest runs as batches.
  it('registers, classifies, transfers with a slip, answers; hotline items forwarded and closed; statistics', () => {
    const o = initOffice();
    const [, , organs] = o.batch([
      { cmd: 'unit add', args: { code: 'SXD', name: 'Sở Xây dựng' } },
      { cmd: 'organ add', args: { id: '000.00.31.H48', name: 'Ủy ban nhân dân huyện Sơn Tịnh' } },
      { cmd: 'organ list' },
    ]) as { organId: string }[][];
    expect(organs!.map((x) => x.organId)).toEqual(['000.00.31.H48']);
    const added = o.vanthu(['letter', 'add', '--data', JSON.stringify(LETTER)]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ id: 1, number: 1, processingDue: '2026-03-16', senders: [{ idNumber: '051085001234' }] });
    const [second, linked, updated, got1] = o.batch([
      { cmd: 'letter add', args: { data: { ...LETTER, receivedDate: '2026-03-09' } } },
      { cmd: 'letter link', args: { id: 2, earlier: ['1'] } },
      { cmd: 'letter update', args: { id: 2, data: { summary: 'Lần 2' } } },
      { cmd: 'letter get', args: { id: 1 } },
    ]) as { duplicates: { id: number }[]; earlier: unknown[]; summary: string; subject: string }[];
    expect(second!.duplicates.map((d) => d.id)).toEqual([1]);
    expect(linked!.earlier).toHaveLength(1);
    expect(updated!.summary).toBe('Lần 2');
    expect(got1!.subject).toBe('Khiếu nại việc thu hồi đất');

    // Bad input: coded, nothing written, no personal data echoed.
    const badId = o.refused(
      ['letter', 'add', '--data', JSON.stringify({ ...LETTER, senders: [{ ...SENDER, idNumber: '0510-85' }] })],
      'invalid_identity_number',
    );
    expect(badId.stderr).not.toMatch(/0510|Ánh/);
    o.refused(['letter', 'add', '--data', JSON.stringify({ ...LETTER, senders: [] })], 'sender_required', 'senders');
    o.refused(['letter', 'transfer', '1', '--organ', '000.00.31.H48'], 'not_classified', 'id');

    const classified = o.vanthu(['letter', 'classify', '1', '--eligible', '--competence', 'outside']);
    expect(classified.json().status).toBe('classified');
    o.refused(['letter', 'transfer', '1', '--organ', 'KHONG-CO'], 'unknown_organ', 'organId');
    const [transferred] = o.batch([{ cmd: 'letter transfer', args: { id: 1, organ: '000.00.31.H48', ref: '12/PC-BTCD' } }]) as {
      status: string;
    }[];
    expect(transferred!.status).toBe('transferred');
    o.refused(['letter', 'classify', '1', '--eligible', '--competence', 'within'], 'letter_closed', 'id');
    const slip = o.vanthu(['letter', 'slip', '1', '--kind', 'transfer', '--out', o.file('phieu.pdf')]);
    expect(slip.code, slip.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', o.file('phieu.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Số: 12/PC-BTCD');
    expect(text).toContain('nhận được đơn khiếu nại của ông (bà) Nguyễn Văn Ánh');

    // Letter 2 accepted and assigned; 3 filed, 4 guided, 5 returned; letter 1 answered.
    const more = o.batch([
      { cmd: 'letter answer', args: { id: 1, answer: 'UBND huyện đã giải quyết' } },
      { cmd: 'letter classify', args: { id: 2, eligible: true, competence: 'within' } },
      { cmd: 'letter accept', args: { id: 2, lead: 'SXD', dueWorkingDays: 10 } },
      { cmd: 'letter add', args: { data: { ...LETTER, kind: 'petition', subject: 'Kiến nghị A' } } },
      { cmd: 'letter add', args: { data: { ...LETTER, kind: 'feedback', subject: 'Phản ánh B' } } },
      {
        cmd: 'letter add',
        args: { data: { ...LETTER, kind: 'petition', subject: 'Kiến nghị C', channel: 'forwarded', forwardedBy: 'Sở Tư pháp' } },
      },
      { cmd: 'letter classify', args: { id: 3, eligible: false, competence: 'within' } },
      { cmd: 'letter classify', args: { id: 4, eligible: true, competence: 'outside' } },
      { cmd: 'letter classify', args: { id: 5, eligible: true, competence: 'outside' } },
      { cmd: 'letter file', args: { id: 3, reason: 'Đơn không ký tên' } },
      { cmd: 'letter guide', args: { id: 4, to: 'Ủy ban nhân dân xã Tịnh Hà' } },
      { cmd: 'letter return', args: { id: 5, reason: 'Chuyển nhầm cơ quan' } },
      { cmd: 'letter list', args: { kind: 'petition' } },
    ]) as Record<string, unknown>[];
    expect(more[0]).toMatchObject({ status: 'answered' });
    expect(more[2]).toMatchObject({ status: 'accepted', resolutionDue: '2026-03-24', assignments: [{ unit: 'SXD', role: 'lead' }] });
    expect(more.slice(9, 12).map((r) => r.status)).toEqual(['filed', 'guided', 'returned']);
    expect((more[12] as unknown as { number: number }[]).map((l) => l.number)).toEqual([5, 3]);
    const guide = o.vanthu(['letter', 'slip', '4', '--kind', 'guidance', '--out', o.file('huong-dan.pdf')]);
    expect(guide.code, guide.stderr).toBe(0);
    o.refused(['letter', 'slip', '4', '--kind', 'transfer', '--out', o.file('x.pdf')], 'wrong_status', 'id');

    const [h, fwd, got, answered, closed, hl, follow, stats] = o.batch([
      {
        cmd: 'hotline add',
        args: { procedure: 'Cấp giấy phép xây dựng', unit: 'SXD', cause: 'late_return', content: 'Chậm trả', callerPhone: '0912 345 678' },
      },
      { cmd: 'hotline forward', args: { id: 1 } },
      { cmd: 'hotline get', args: { id: 1 } },
      { cmd: 'hotline answer', args: { id: 1, answer: 'Đã trả hồ sơ' } },
      { cmd: 'hotline close', args: { id: 1 } },
      { cmd: 'hotline list', args: { cause: 'late_return' } },
      { cmd: 'letter followup', args: { overdue: true } },
      { cmd: 'letter stats', args: { from: '2026-03-01', to: '2026-03-31' } },
    ]) as Record<string, unknown>[];
    expect(h).toMatchObject({ number: 1, caller: { phone: '0912345678' } });
    expect(fwd).toMatchObject({ status: 'forwarded', dueDate: '2026-03-17' });
    expect(got).toMatchObject({ unit: 'SXD' });
    expect([answered!.status, closed!.status]).toEqual(['answered', 'closed']);
    expect(hl).toHaveLength(1);
    expect(follow).toEqual([]);
    expect(stats!.letters).toMatchObject({
      received: 5,
      accepted: 1,
      transferred: 1,
      guided: 1,
      filed: 1,
      returned: 1,
      answered: 1,
      duplicates: 1,
    });
    expect(stats!.hotline).toMatchObject({ received: 1, handled: 1, byCause: { late_return: 1 } });
    o.refused(
      ['hotline', 'add', '--procedure', 'X', '--unit', 'SXD', '--cause', 'late_return', '--content', 'Y', '--caller-phone', '12'],
      'invalid_phone',
      'callerPhone',
    );
    o.refused(['letter', 'stats', '--from', '2026-03-31', '--to', '2026-03-01'], 'invalid_range', 'to');

    // A call that is really feedback on an official's conduct becomes a letter; the item closes.
    const [h2, l2, h2after] = o.batch([
      {
        cmd: 'hotline add',
        args: { procedure: 'Cấp giấy phép xây dựng', unit: 'SXD', cause: 'refusal', content: 'Bị từ chối nhận hồ sơ' },
      },
      { cmd: 'hotline letter', args: { id: 2, kind: 'feedback' } },
      { cmd: 'hotline get', args: { id: 2 } },
    ]) as Record<string, unknown>[];
    expect(h2).toMatchObject({ number: 2, caller: { name: null } });
    expect(l2).toMatchObject({
      channel: 'hotline',
      kind: 'feedback',
      anonymous: true,
      summary: 'Bị từ chối nhận hồ sơ',
      concernedBody: 'Sở Xây dựng',
    });
    expect(h2after).toMatchObject({ status: 'closed' });
    o.refused(['hotline', 'letter', '2', '--kind', 'feedback'], 'hotline_closed', 'id');
  }, 240_000);

  it('follows the signed-in account: a denouncer only with the confidential grant, a specialist only their unit, CSV exports', () => {
    const o = initOffice();
    const DENOUNCER = { fullName: 'Trần Thị Bình', address: 'Tổ 5, phường Nghĩa Lộ', idNumber: '051190004321' };
    const arranged = o.batch([
      { cmd: 'unit add', args: { code: 'KHDT', name: 'Sở Kế hoạch và Đầu tư' } },
      { cmd: 'unit add', args: { code: 'SXD', name: 'Sở Xây dựng' } },
      { cmd: 'user add', args: { username: 'tcd.clerk', fullName: 'Trần Tiếp Dân', role: ['clerk'], newPasswordEnv: PASSWORD_ENV } },
      {
        cmd: 'user add',
        args: { username: 'cv.khdt', fullName: 'Phạm Chuyên Viên', role: ['specialist'], unit: 'KHDT', newPasswordEnv: PASSWORD_ENV },
      },
      { cmd: 'letter add', args: { data: { ...LETTER, kind: 'denunciation', subject: 'Tố cáo cán bộ thu tiền', senders: [DENOUNCER] } } },
      { cmd: 'letter add', args: { data: LETTER } },
      { cmd: 'letter classify', args: { id: 1, eligible: true, competence: 'within' } },
      { cmd: 'letter accept', args: { id: 1, lead: 'KHDT' } },
      { cmd: 'letter classify', args: { id: 2, eligible: true, competence: 'within' } },
      { cmd: 'letter accept', args: { id: 2, lead: 'SXD' } },
    ]) as Record<string, unknown>[];
    expect(arranged.filter((r) => 'error' in r)).toEqual([]);
    // New accounts change their initial password first.
    const env = { NEW_PW: 'Mật-khẩu-mới-2026!' };
    for (const u of ['tcd.clerk', 'cv.khdt']) {
      const r = o.vanthu(['passwd', '--user', u, '--password-env', PASSWORD_ENV, '--new-password-env', 'NEW_PW'], { env });
      expect(r.code, r.stderr).toBe(0);
    }
    const batchAs = (user: string, lines: { cmd: string; args?: Record<string, unknown> }[]) => {
      const r = cli(
        o.db,
        ['batch', '--user', user, '--password-env', 'NEW_PW'],
        lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
        env,
        {
          now: o.now,
        },
      );
      expect(r.code, r.stderr).toBe(0);
      return r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const [dClerk, , complaint] = batchAs('tcd.clerk', [
      { cmd: 'letter get', args: { id: 1 } },
      { cmd: 'letter export', args: { from: '2026-03-01', to: '2026-03-31', personal: true, out: o.file('clerk.csv') } },
      { cmd: 'letter get', args: { id: 2 } },
    ]);
    expect(dClerk).toMatchObject({ senders: null, sendersHidden: 'identity', senderCount: 1 });
    expect(JSON.stringify(dClerk)).not.toMatch(/Bình|051190004321/);
    expect(complaint).toMatchObject({ senders: [{ fullName: SENDER.fullName, idNumber: SENDER.idNumber }] });
    const clerkCsv = readFileSync(o.file('clerk.csv'), 'utf8');
    expect(clerkCsv).toContain('Được giữ bí mật (đơn tố cáo)');
    expect(clerkCsv).toContain(SENDER.idNumber);
    expect(clerkCsv).not.toMatch(/Bình|051190004321/);

    const [mine, other, answered, denied] = batchAs('cv.khdt', [
      { cmd: 'letter list' },
      { cmd: 'letter get', args: { id: 2 } },
      { cmd: 'letter answer', args: { id: 1, answer: 'Đã xác minh, trả lời công dân' } },
      { cmd: 'letter add', args: { data: LETTER } },
      { cmd: 'letter export', args: { from: '2026-03-01', to: '2026-03-31', out: o.file('cv.csv') } },
    ]);
    expect((mine as unknown as { id: number }[]).map((l) => l.id)).toEqual([1]);
    expect(other).toMatchObject({ error: { code: 'not_found' } });
    expect(answered).toMatchObject({ status: 'answered', senders: null });
    expect(denied).toMatchObject({ error: { code: 'forbidden' } });
    const cvCsv = readFileSync(o.file('cv.csv'), 'utf8').trim().split('\r\n');
    expect(cvCsv).toHaveLength(2);
    expect(cvCsv[1]).toMatch(/^1\/2026,02\/03\/2026,Bưu chính,,Tố cáo,Tố cáo cán bộ thu tiền,/);

    // The office user holds the grant: the author is in the personal export.
    const full = o.vanthu(['letter', 'export', '--from', '2026-03-01', '--to', '2026-03-31', '--personal', '--out', o.file('all.csv')]);
    expect(full.code, full.stderr).toBe(0);
    expect(readFileSync(o.file('all.csv'), 'utf8')).toContain('051190004321');
    o.refused(['letter', 'export', '--from', '2026-03-31', '--to', '2026-03-01', '--out', o.file('x.csv')], 'invalid_range', 'to');

    // The periodic report: figures (the dossiers entered by hand, marked), then a draft «Báo cáo».
    const rep = o.vanthu(['report', 'office', '--from', '2026-03-01', '--to', '2026-03-31', '--dossiers-received', '1.200']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.json()).toMatchObject({
      periodLabel: 'tháng 3 năm 2026',
      letters: { received: 2, accepted: 2, answered: 1 },
      dossiers: { received: 1200, source: 'manual' },
    });
    const drafted = o.vanthu(['report', 'office', '--from', '2026-01-01', '--to', '2026-03-31', '--draft']);
    expect(drafted.code, drafted.stderr).toBe(0);
    expect(drafted.json().draft).toMatchObject({
      status: 'draft',
      typeName: 'Báo cáo',
      subject: 'Kết quả thực hiện nhiệm vụ quý I năm 2026',
    });
    const [specialistReport] = batchAs('cv.khdt', [{ cmd: 'report office', args: { from: '2026-03-01', to: '2026-03-31' } }]);
    expect(specialistReport).toMatchObject({ error: { code: 'forbidden' } });
    o.refused(['report', 'office', '--from', '2026-03-31', '--to', '2026-03-01', '--draft'], 'invalid_range', 'to');
    o.refused(
      ['report', 'office', '--from', '2026-03-01', '--to', '2026-03-31', '--dossiers-received', 'nhiều'],
      'invalid_number',
      'dossiers.received',
    );
  }, 240_000);
});

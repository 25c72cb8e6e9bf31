/**
 * A letter's files through the contract as each role calls it (dispatch, as the app and the
 * web host do), on the store of this test project (SQLite; PostgreSQL in the `postgres`
 * project): a scanned letter and an enclosure attached at reception or later, read by the
 * capture worker (a PDF's text layer; a scan by real OCR), found by the register's word
 * search and shown page by page; a denunciation's files only with the confidential grant
 * (opening audited); a specialist only on their unit's letters; a cancelled reading writes
 * nothing; bad files refused with their code, nothing written. Also the working days left
 * to a letter's limits (petitions.md §3 counts working days).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/shared/apiTypes.js';
import type { LetterFileText, LetterListItem, LetterRecord } from '../../../src/shared/domain/letters.js';
import { scanToJpeg } from '../../support/capture/scan.js';
import { ROLE_USERS } from '../../support/accounts.js';
import { contractAs } from '../helpers.js';
import { letterOffice } from './letterOffice.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ANH = { fullName: 'Nguyễn Văn Ánh', address: 'Thôn 3, xã Tịnh Hà', idNumber: '051085001234' };
const BINH = { fullName: 'Trần Thị Bình', address: 'Tổ 5, phường Nghĩa Lộ', idNumber: '051190004321' };

/** A one-page letter as a PDF with a text layer (Liberation Serif embedded: every diacritic kept). */
async function letterPdf(lines: string[], size = 14): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(path.join(ROOT, 'assets/fonts/LiberationSerif-Regular.ttf')), { subset: true });
  const page = doc.addPage([595, 842]);
  page.drawText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { x: 140, y: 780, size: 13, font });
  lines.forEach((t, i) => page.drawText(t, { x: 60, y: 700 - i * 2.2 * size, size, font }));
  return new Uint8Array(await doc.save()) as Uint8Array<ArrayBuffer>;
}

type Caller = Awaited<ReturnType<typeof contractAs>>;

function ok<T>(r: { ok: boolean; value?: unknown }): T {
  expect(r.ok, JSON.stringify(r).slice(0, 500)).toBe(true);
  return r.value as T;
}

/** Attaches through the background job and waits for it (as the detail screen polls). */
async function attach(
  who: Caller,
  id: number,
  fileName: string,
  bytes: Uint8Array<ArrayBuffer>,
  ocr = false,
): Promise<JobView<LetterRecord>> {
  let job = ok<JobView<LetterRecord>>(await who.call('letter.attach', { id, fileName, bytes, ocr }));
  for (let i = 0; i < 1200 && job.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    job = ok<JobView<LetterRecord>>(await who.call('letter.attachStatus', { jobId: job.jobId }));
  }
  return job;
}

const fileCount = async (s: Awaited<ReturnType<typeof letterOffice>>['services']) =>
  s.store.read(async (r) => {
    let n = 0;
    for (const l of await r.letters.list({ asOf: '2026-12-31', limit: 1000 }, { personal: true, identity: true }))
      n += (await r.letters.get(l.id, { personal: true, identity: true }, '2026-12-31'))!.attachments.length;
    return n;
  });

describe('files of a letter', () => {
  it('attached and read, found by the register’s search, shown page by page; a denunciation’s only with the grant', async () => {
    const { services } = await letterOffice();
    const clerk = await contractAs(services, 'clerk'); // no confidential grant
    const leader = await contractAs(services, 'leader'); // confidential grant
    const specialist = await contractAs(services, 'specialist');
    const base = { receivedDate: '2026-06-29', channel: 'post', concernedOrganId: '000.00.31.H48' };
    const c = ok<LetterRecord>(
      await clerk.call('letter.add', { data: { ...base, kind: 'complaint', subject: 'Khiếu nại việc thu hồi đất', senders: [ANH] } }),
    );
    const d = ok<LetterRecord>(
      await clerk.call('letter.add', { data: { ...base, kind: 'denunciation', subject: 'Tố cáo cán bộ địa chính', senders: [BINH] } }),
    );

    // The scanned letter: its words are in no field of the register, only in the file.
    const scan = await letterPdf(['Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi', 'Tôi khiếu nại việc bồi thường đất rẫy tại thôn Phú Thọ.']);
    const done = await attach(clerk, c.id, 'don-khieu-nai.pdf', scan);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.result!.attachments).toEqual([
      expect.objectContaining({
        fileName: 'don-khieu-nai.pdf',
        mime: 'application/pdf',
        size: scan.length,
        createdBy: ROLE_USERS.clerk.username,
        textPages: 1,
      }),
    ]);
    expect(done.result!.attachments[0]!.sha256).toBe(createHash('sha256').update(scan).digest('hex'));
    const found = ok<LetterListItem[]>(await clerk.call('letter.list', { query: 'đất rẫy Phú Thọ' }));
    expect(found.map((l) => l.id)).toEqual([c.id]);
    expect(ok<LetterListItem[]>(await clerk.call('letter.list', { query: 'rẫy không-có-chữ-này' }))).toEqual([]);
    const texts = ok<LetterFileText[]>(await clerk.call('letter.text', { id: c.id }));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.pages[0]).toMatchObject({ page: 1, method: 'text' });
    expect(texts[0]!.pages[0]!.text).toContain('bồi thường đất rẫy tại thôn Phú Thọ');
    const opened = ok<{ fileName: string; bytes: Uint8Array }>(
      await clerk.call('letter.attachment', { id: c.id, attachmentId: done.result!.attachments[0]!.id }),
    );
    expect(Buffer.from(opened.bytes).equals(Buffer.from(scan))).toBe(true);

    // A denunciation's scan: the clerk registers it without the grant, then neither reads it nor finds it by its words.
    const dScan = await letterPdf(['Tôi tố cáo ông Lê Văn Cường nhận tiền khi cấp sổ đỏ ở xóm Bàu Sen.']);
    const dDone = await attach(clerk, d.id, 'to-cao.pdf', dScan);
    expect(dDone.state).toBe('done');
    expect(dDone.result).toMatchObject({ attachments: [], attachmentsHidden: true });
    expect(JSON.stringify(dDone.result)).not.toContain('to-cao.pdf');
    expect(ok<LetterFileText[]>(await clerk.call('letter.text', { id: d.id }))).toEqual([]);
    expect(ok<LetterListItem[]>(await clerk.call('letter.list', { query: 'Bàu Sen' }))).toEqual([]);
    const leaderView = ok<LetterRecord>(await leader.call('letter.get', { id: d.id }));
    const dFile = leaderView.attachments[0]!;
    expect(await clerk.call('letter.attachment', { id: d.id, attachmentId: dFile.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The leader holds the grant: finds it, reads it, and the opening is in the trail (no file name there).
    expect(ok<LetterListItem[]>(await leader.call('letter.list', { query: 'Bàu Sen' })).map((l) => l.id)).toEqual([d.id]);
    expect(ok<LetterFileText[]>(await leader.call('letter.text', { id: d.id }))[0]!.pages[0]!.text).toContain('Lê Văn Cường');
    ok(await leader.call('letter.attachment', { id: d.id, attachmentId: dFile.id }));
    const trail = await services.store.read((r) => r.audit.scan(0, 10_000));
    const views = trail.filter((e) => e.entity === 'letter' && e.entityId === d.id && e.action === 'view_file');
    expect(views.map((e) => e.actor)).toEqual([ROLE_USERS.leader.username]);
    expect(JSON.stringify(trail.filter((e) => e.entity === 'letter'))).not.toMatch(/to-cao\.pdf|Cường|Bàu Sen/);

    // A specialist works only on their unit's letters: this one is not assigned to them.
    const before = await fileCount(services);
    expect(await specialist.call('letter.attach', { id: c.id, fileName: 'x.pdf', bytes: scan })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await specialist.call('letter.text', { id: c.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Bad files and letters: refused at once with their code, nothing written.
    const refused = async (input: { id: number; fileName: string; bytes: Uint8Array<ArrayBuffer> }) => {
      const r = await clerk.call('letter.attach', input);
      expect(r.ok).toBe(false);
      return (r as { error: { code: string; message: string } }).error;
    };
    expect((await refused({ id: c.id, fileName: 'virus.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) })).code).toBe(
      'executable_file',
    );
    const text = await refused({ id: c.id, fileName: 'ghi-chu.txt', bytes: new TextEncoder().encode('không phải ảnh quét') });
    expect(text.code).toBe('unsupported_file');
    expect(text.message).toContain('ghi-chu.txt');
    expect((await refused({ id: c.id, fileName: 'rong.pdf', bytes: new Uint8Array(0) })).code).toBe('empty_file');
    expect((await refused({ id: 99_999, fileName: 'a.pdf', bytes: scan })).code).toBe('not_found');
    expect(await fileCount(services)).toBe(before);
  }, 120_000);

  it('a scan read by OCR is found by its words; a reading cancelled writes nothing', async () => {
    const { services } = await letterOffice();
    const clerk = await contractAs(services, 'clerk');
    const l = ok<LetterRecord>(
      await clerk.call('letter.add', {
        data: { receivedDate: '2026-06-29', channel: 'in_person', kind: 'petition', subject: 'Kiến nghị về giao thông', senders: [ANH] },
      }),
    );
    const printed = await letterPdf(['KIẾN NGHỊ', 'Đề nghị sửa chữa mương thủy lợi', 'qua cánh đồng Gò Vàng'], 22);
    const jpeg = new Uint8Array(await scanToJpeg(printed, { dpi: 200, angle: 0.4, noise: 4, jpegQuality: 85, gray: true, seed: 7 }));
    // Cancelled at once: the job says so and the letter has no file.
    const started = ok<JobView<LetterRecord>>(
      await clerk.call('letter.attach', { id: l.id, fileName: 'quet.jpg', bytes: jpeg, ocr: true }),
    );
    const cancelled = ok<JobView<LetterRecord>>(await clerk.call('letter.attachCancel', { jobId: started.jobId }));
    let job = cancelled;
    for (let i = 0; i < 300 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = ok<JobView<LetterRecord>>(await clerk.call('letter.attachStatus', { jobId: started.jobId }));
    }
    expect(job.state).toBe('cancelled');
    expect(ok<LetterRecord>(await clerk.call('letter.get', { id: l.id })).attachments).toEqual([]);

    const done = await attach(clerk, l.id, 'quet.jpg', jpeg, true);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.total).toBe(1);
    expect(done.result!.attachments[0]).toMatchObject({ mime: 'image/jpeg', textPages: 1 });
    const texts = ok<LetterFileText[]>(await clerk.call('letter.text', { id: l.id }));
    expect(texts[0]!.pages[0]!.method).toBe('ocr');
    // Found by words of the scan alone (folded: a mark the OCR missed does not hide it).
    expect(ok<LetterListItem[]>(await clerk.call('letter.list', { query: 'mương thủy lợi' })).map((x) => x.id)).toEqual([l.id]);
    expect(ok<LetterListItem[]>(await clerk.call('letter.list', { query: 'Gò Vàng' })).map((x) => x.id)).toEqual([l.id]);
  }, 240_000);

  it('the time left to a limit is counted in the office’s working days', async () => {
    const { services, clock } = await letterOffice('2026-06-30T09:00:00+07:00'); // a Tuesday
    const clerk = await contractAs(services, 'clerk');
    // Received Monday 29 June: ten working days to classify → Monday 13 July (two weekends skipped).
    const l = ok<LetterRecord>(
      await clerk.call('letter.add', {
        data: { receivedDate: '2026-06-29', channel: 'post', kind: 'complaint', subject: 'Khiếu nại', senders: [ANH] },
      }),
    );
    expect(l.processingDue).toBe('2026-07-13');
    // 13 calendar days away, 9 working days (1–3 and 6–10 July, then the 13th).
    expect(l.processingDaysLeft).toBe(9);
    // Two weeks on, past the limit by two working days (14 and 15 July); read by the service as the clerk would.
    clock.set('2026-07-15T09:00:00+07:00');
    const later = await services.letters.get(l.id, { actor: ROLE_USERS.clerk.username, access: { personal: true, identity: false } });
    expect(later.processingDaysLeft).toBe(-2);
  });
});

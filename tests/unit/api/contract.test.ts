/**
 * Every method of the contract, called through `dispatch` (validation included) on a real
 * database, with the inputs the app's screens send and the results they show: an office's
 * day from registering mail to the statistics report. A method no test here calls fails the
 * last test. Runs on both stores.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../src/main/api/handlers.js';
import { memorySlot, type SessionSlot } from '../../../src/main/accounts/sessions.js';
import { createHandlers } from '../../../src/main/api/handlers.js';
import { OFFICE_USER } from '../../support/accounts.js';
import { findAssetsDir } from '../../../src/main/pdf/fonts.js';
import { METHOD_NAMES, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/contract.js';
import type { AppError } from '../../../src/shared/result.js';
import type { Services } from '../../../src/main/services.js';
import { HAS_SOFTHSM, SOFTHSM } from '../security/softhsm.js';
import { storeKind } from '../helpers/stores.js';
import { createTestPki, type TestPki } from '../../support/signing/testPki.js';
import { contractAs, freshServices, signedIn, tempDir } from '../helpers.js';
import { DRAFT } from '../outgoing/fixtures.js';

const NOW = '2026-03-10T09:00:00+07:00';
import { buildDocumentMessage } from '../../../src/main/interchange/edxml.js';
import { badMessages, sampleDocument } from '../interchange/messages.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
const called = new Set<MethodName>();
let handlers: Handlers;
let services: Services;
/** Signed in as the office's all-rounder (every role but specialist, confidential grant). */
let slot: SessionSlot;
let clock: ReturnType<typeof import('../helpers.js').fixedClock>;
let pki: TestPki;

async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await dispatch(handlers, method, input, slot);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.code} ${r.error.message}`);
  called.add(method);
  return r.value as OutputOf<M>;
}

async function refusal(method: MethodName, input: unknown): Promise<AppError> {
  const r = await dispatch(handlers, method, input, slot);
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  expect(r.error.code).not.toBe('internal');
  return r.error;
}

const magic = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1');
function pdfText(bytes: Uint8Array): string {
  const f = path.join(tempDir(), 'x.pdf');
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
}

/** Bytes as the page sends them (a fresh ArrayBuffer, as File.arrayBuffer() gives). */
const own = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

async function scan(title: string): Promise<Uint8Array<ArrayBuffer>> {
  const d = await PDFDocument.create();
  d.addPage([595, 842]).drawText(title, { x: 72, y: 760, size: 14 });
  return own(await d.save());
}

const SO_TAI_CHINH = {
  organName: 'Sở Tài chính tỉnh Quảng Ngãi',
  symbol: '215/STC-QLNS',
  issuedDate: '2026-03-02',
  typeName: 'Công văn',
  subject: 'Về việc bổ sung kinh phí thực hiện chương trình mục tiêu quốc gia',
  arrivalDate: '2026-03-05T08:30:00+07:00',
  signerName: 'Phạm Quốc Huy',
};

beforeAll(() => {
  pki = createTestPki(undefined, { validAt: [new Date('2026-03-01T00:00:00Z'), new Date('2026-06-30T00:00:00Z'), new Date()] });
});

/** A fresh office database (on this project's store) and the handlers over it. */
async function office(): Promise<void> {
  const fresh = await freshServices({ now: NOW });
  clock = fresh.clock;
  services = fresh.services;
  ({ handlers, slot } = await contractAs(fresh.services));
}

/** The Sở Tài chính letter with its scan, as the register form sends it. */
async function registerLetter(): Promise<{ id: number; pdf: Uint8Array<ArrayBuffer>; attachmentId: number }> {
  const pdf = await scan('Cong van 215/STC-QLNS');
  const r = await call('incoming.add', { data: SO_TAI_CHINH, attachments: [{ fileName: 'cong-van-215.pdf', bytes: pdf }] });
  return { id: r.id, pdf, attachmentId: r.attachments[0]!.id };
}

describe('the contract on a real database', () => {
  it('app and registers', async () => {
    await office();
    expect(await call('app.info', {})).toMatchObject({
      orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      orgCode: 'UBND',
      totalIncoming: 0,
      shell: 'web',
      today: '2026-03-10',
      registers: expect.arrayContaining([expect.objectContaining({ code: 'DEN' })]),
    });
    expect((await call('register.list', {})).map((r) => r.code)).toEqual(['DEN', 'DEN-MAT', 'DI', 'DI-MAT']);
    expect(await call('incoming.nextNumber', {})).toEqual({ register: 'DEN', year: 2026, arrivalNumber: 1 });
    expect(await call('incoming.nextNumber', { secrecy: 'secret' })).toMatchObject({ register: 'DEN-MAT', arrivalNumber: 1 });
    // Tokens this PC's administrator allowed: the page sees an id and a label, never a path.
    expect(await call('token.list', {})).toEqual([]);
    // This PC's database: the one in use, no password; a server chosen takes effect at the next start.
    const before = await call('connection.get', {});
    expect(before).toMatchObject({ current: { kind: storeKind() === 'sqlite' ? 'local' : 'server' }, overriddenBy: null });
    const chosen = await call('connection.set', { kind: 'server', host: 'may-chu.ubnd.local', port: 5433, database: 'văn thư' });
    expect(chosen).toMatchObject({
      saved: { kind: 'server', host: 'may-chu.ubnd.local', port: 5433, database: 'văn thư' },
      savedDisplay: 'postgres://may-chu.ubnd.local:5433/v%C4%83n%20th%C6%B0',
      restartNeeded: true,
    });
    expect(JSON.stringify(chosen)).not.toMatch(/password|PGPASSWORD/i);
    expect(await refusal('connection.set', { kind: 'server', host: 'may chu; rm -rf', port: 5432, database: 'vanthu' })).toMatchObject({
      code: 'invalid_database',
      field: 'host',
    });
    expect(await refusal('connection.set', { kind: 'server', host: 'may-chu', port: 70000, database: 'vanthu' })).toMatchObject({
      code: 'invalid_database',
      field: 'port',
    });
    expect((await call('connection.get', {})).saved).toMatchObject({ port: 5433 }); // the refused ones changed nothing
    expect((await call('connection.set', { kind: 'local' })).saved).toEqual({ kind: 'local' });
    // (On SQLite the PC's token settings sit beside the test database; with PostgreSQL they would
    // be the real user's settings folder, which a test must not touch.)
    if (HAS_SOFTHSM && storeKind() === 'sqlite') {
      services.tokens.add(SOFTHSM, 'SoftHSM (thử)', 'quản trị');
      const tokens = await call('token.list', {});
      expect(tokens).toEqual([{ id: expect.stringMatching(/^tk_/), label: 'SoftHSM (thử)' }]);
      expect(JSON.stringify(tokens)).not.toContain('/usr/lib');
    }
  });

  it('registering, correcting, voiding and finding incoming documents', async () => {
    await office();
    const pdf = await scan('Cong van 215/STC-QLNS');
    const first = await call('incoming.add', { data: SO_TAI_CHINH, attachments: [{ fileName: 'cong-van-215.pdf', bytes: pdf }] });
    expect(first).toMatchObject({ id: 1, register: 'DEN', year: 2026, arrivalNumber: 1, status: 'registered' });
    expect(first.attachments).toMatchObject([{ fileName: 'cong-van-215.pdf', mime: 'application/pdf', size: pdf.length }]);
    const second = await call('incoming.add', {
      data: {
        ...SO_TAI_CHINH,
        organName: 'Sở Y tế',
        symbol: '88/SYT-NVY',
        subject: 'Phòng, chống dịch sốt xuất huyết',
        arrivalDate: '2026-03-06T09:00',
      },
    });
    const secret = await call('incoming.add', {
      data: { ...SO_TAI_CHINH, organName: 'Công an tỉnh', symbol: '12/CAT-PV01', subject: 'Bảo đảm an ninh', secrecy: 'confidential' },
    });
    expect(secret).toMatchObject({ register: 'DEN-MAT', arrivalNumber: 1 });
    // The same letter again: refused with the number it has, unless forced.
    const dup = await refusal('incoming.add', { data: SO_TAI_CHINH });
    expect(dup).toMatchObject({ code: 'duplicate', details: { existing: { id: 1, arrivalNumber: 1 } } });

    expect(await call('incoming.get', { id: 1 })).toMatchObject({ symbol: '215/STC-QLNS', signerName: 'Phạm Quốc Huy' });
    expect(await call('incoming.update', { id: 1, data: { pageAmount: 3 } })).toMatchObject({ pageAmount: 3 });
    expect(await call('incoming.void', { id: second.id, reason: 'Vào sổ nhầm' })).toMatchObject({
      status: 'voided',
      voidReason: 'Vào sổ nhầm',
    });
    expect((await refusal('incoming.void', { id: second.id, reason: 'lần nữa' })).code).toBe('already_voided');

    const list = await call('incoming.list', { register: 'DEN', year: 2026 });
    expect(list.items.map((r) => r.id)).toEqual([second.id, 1]);
    expect(await call('incoming.outline', { register: 'DEN', year: 2026 })).toMatchObject({ total: 2 });
    expect(await call('incoming.organNames', { prefix: 'so tai' })).toEqual(['Sở Tài chính tỉnh Quảng Ngãi']);
    expect((await call('incoming.audit', { id: 1 })).map((e) => [e.action, e.actor])).toEqual([
      ['create', OFFICE_USER],
      ['attach', OFFICE_USER],
      ['update', OFFICE_USER],
    ]);
    const att = await call('incoming.attachment', { id: 1, attachmentId: first.attachments[0]!.id });
    expect(att).toMatchObject({ fileName: 'cong-van-215.pdf', mime: 'application/pdf' });
    expect(Buffer.from(att.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect((await refusal('incoming.attachment', { id: 1, attachmentId: 999 })).code).toBe('not_found');

    const found = await call('search.incoming', { query: 'kinh phi chuong trinh', sort: 'relevance' });
    expect(found.items.map((r) => r.id)).toEqual([1]);
    expect(await call('search.count', { query: 'so y te', includeVoided: true })).toEqual({ total: 1 });
    expect(await call('search.count', { query: 'so y te' })).toEqual({ total: 0 });
    expect((await refusal('search.incoming', { from: '30/02/2026' })).code).toBe('invalid_date');

    const book = await call('register.print', { register: 'DEN', year: 2026 });
    expect(book).toMatchObject({ documents: 2 });
    expect(magic(book.bytes)).toBe('%PDF-');
    expect(pdfText(book.bytes)).toContain('215/STC-QLNS');
    expect((await call('app.info', {})).totalIncoming).toBe(3);
  });

  it('an import runs as a job, reports progress and its result', async () => {
    await office();
    await registerLetter();
    const csv = [
      'Ngày đến,Số đến,Tác giả,"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung,Đơn vị hoặc người nhận,Ngày chuyển,Ký nhận,Ghi chú',
      '05/01/2025,1,Sở Tài chính,12/QĐ-STC,02/01/2025,Quyết định về việc phân bổ ngân sách,Phòng Kinh tế,,,',
      '06/01/2025,2,Bộ Nội vụ,34/BNV-VP,03/01/2025,"Công văn hướng dẫn công tác văn thư, lưu trữ",Văn phòng,,,',
    ].join('\r\n');
    const job = await call('import.start', { fileName: 'so-den-2025.csv', bytes: new TextEncoder().encode(csv) });
    expect(job).toMatchObject({ state: 'running', jobId: expect.any(String) });
    let status = await call('job.status', { jobId: job.jobId });
    for (let i = 0; status.state === 'running' && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await call('job.status', { jobId: job.jobId });
    }
    expect(status).toMatchObject({ state: 'done', progress: 2, result: { imported: 2, rejected: [] } });
    // Cancelling a finished job changes nothing and says how it ended.
    expect(await call('job.cancel', { jobId: job.jobId })).toMatchObject({ state: 'done' });
    expect((await refusal('job.status', { jobId: 'no-such-job' })).code).toBe('not_found');
    expect((await call('incoming.list', { register: 'DEN', year: 2025 })).items.map((r) => r.symbol)).toEqual(['34/BNV-VP', '12/QĐ-STC']);
    // Two stored files: the letter's scan and the imported CSV, kept as the import's evidence.
    expect(await call('maintenance.check', {})).toMatchObject({ ok: true, audit: { ok: true }, attachments: { ok: true, files: 2 } });
  });

  it('an outgoing document on paper: preview, draft, approve, number, issue, book, audit', async () => {
    await office();
    const preview = await call('outgoing.preview', { data: DRAFT });
    expect(preview.pageCount).toBe(1);
    expect(pdfText(preview.bytes)).toContain('QUYẾT ĐỊNH');
    expect((await call('outgoing.list', {})).items).toEqual([]); // a preview stores nothing
    const draft = await call('outgoing.draft', { data: DRAFT });
    expect(draft).toMatchObject({ status: 'draft', register: 'DI', symbol: null });
    expect(await call('outgoing.update', { id: draft.id, data: { copies: 12 } })).toMatchObject({ copies: 12, status: 'draft' });
    expect((await refusal('outgoing.number', { id: draft.id })).code).toBe('invalid_status');
    expect(await call('outgoing.approve', { id: draft.id })).toMatchObject({ status: 'approved' });
    expect(await call('outgoing.number', { id: draft.id })).toMatchObject({
      status: 'numbered',
      symbol: '01/QĐ-UBND',
      issuedDate: '2026-03-10',
    });
    expect(await call('outgoing.get', { id: draft.id })).toMatchObject({ codeNumber: 1 });
    expect((await call('outgoing.search', { query: 'to cong tac chuyen doi so' })).items.map((d) => d.id)).toEqual([draft.id]);
    expect(await call('outgoing.issuePaper', { id: draft.id, copies: 12 })).toMatchObject({ status: 'issued_paper' });
    const paper = await call('outgoing.pdf', { id: draft.id });
    expect(paper).toMatchObject({ kind: 'paper', fileName: '01_QĐ-UBND.pdf' });
    expect(pdfText(paper.bytes)).toContain('Số: 01/QĐ-UBND');
    const book = await call('outgoing.registerPrint', { register: 'DI', year: 2026 });
    expect(book.documents).toBe(1);
    expect(pdfText(book.bytes)).toContain('01/QĐ-UBND');
    expect((await call('outgoing.audit', { id: draft.id })).map((e) => e.action)).toEqual([
      'create',
      'update',
      'approved',
      'number',
      'issued_paper',
    ]);
    expect((await call('outgoing.list', { status: 'issued_paper' })).items.map((d) => d.id)).toEqual([draft.id]);
  });

  it('an outgoing document signed with .p12 files, verified once its root is trusted', async () => {
    await office();
    const d = await call('outgoing.draft', { data: { ...DRAFT, subject: 'Về việc ban hành Quy chế văn thư' } });
    await call('outgoing.approve', { id: d.id });
    const image = own(readFileSync(path.join(findAssetsDir(), 'signing', 'chu-ky-mau.png')));
    const wrong = await refusal('outgoing.sign', { id: d.id, as: 'official', p12: { bytes: own(pki.official.p12), password: 'sai' } });
    expect(wrong.code).toBe('wrong_password');
    const official = await call('outgoing.sign', {
      id: d.id,
      as: 'official',
      p12: { bytes: own(pki.official.p12), password: pki.official.p12Password },
      image,
    });
    expect(official).toMatchObject({ status: 'signed', codeNumber: null });
    const issued = await call('outgoing.sign', {
      id: d.id,
      as: 'organization',
      p12: { bytes: own(pki.organisation.p12), password: pki.organisation.p12Password },
    });
    expect(issued).toMatchObject({ status: 'issued', symbol: '01/QĐ-UBND' });
    // Sent to another office from the same place: into the outbox of the exchange folders.
    await services.init({ actor: 'test', organId: '000.00.00.H48' });
    await call('organ.add', { organId: '000.00.01.H48', name: 'Sở Nội vụ tỉnh Quảng Ngãi' });
    await call('exchange.setFolders', { inbox: tempDir(), outbox: tempDir() });
    const sent = await call('edxml.send', { id: d.id, to: ['000.00.01.H48'] });
    expect(sent).toMatchObject({ documentId: expect.stringMatching(/^000\.00\.00\.H48,\d{4}\/\d\d\/\d\d,01\/QĐ-UBND$/) });
    expect(readFileSync(sent.files[0]!, 'utf8')).toContain('<edXML:CodeNotation>QĐ-UBND</edXML:CodeNotation>');
    const signed = await call('outgoing.pdf', { id: d.id });
    expect((await call('signature.verify', { bytes: own(signed.bytes) })).signatures.map((s) => s.chain)).toEqual([
      'untrusted',
      'untrusted',
    ]);
    expect((await refusal('trust.add', { pem: 'không phải chứng thư' })).code).toBe('invalid_certificate');
    expect(await call('trust.add', { pem: pki.rootPem })).toMatchObject({ added: 1 });
    expect((await call('trust.list', {})).map((t) => t.subject)).toEqual([expect.stringContaining('VănThư Test Root CA')]);
    // An intermediate is kept as one (never an anchor), whatever the import asks; only anchors can be legacy.
    const imported = await call('trust.import', { fileName: 'trung-gian.pem', bytes: own(Buffer.from(pki.intermediatePem)), legacy: true });
    expect(imported).toMatchObject({ added: 1, anchors: 0, intermediates: 1, certificates: [{ kind: 'intermediate', legacy: false }] });
    expect((await refusal('trust.setLegacy', { id: imported.certificates[0]!.id, legacy: true })).code).toBe('not_an_anchor');
    const root = (await call('trust.list', {})).find((t) => t.kind === 'anchor')!;
    expect(await call('trust.setLegacy', { id: root.id, legacy: true })).toMatchObject({ kind: 'anchor', legacy: true });
    // The administrator removes a certificate: gone from the list; an unknown id refused.
    const interId = imported.certificates[0]!.id;
    expect(await call('trust.remove', { id: interId })).toMatchObject({ id: interId, kind: 'intermediate' });
    expect((await call('trust.list', {})).map((t) => t.id)).toEqual([root.id]);
    expect((await refusal('trust.remove', { id: interId })).code).toBe('not_found');
    expect((await refusal('trust.import', { fileName: 'x.p7b', bytes: own(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00])) })).code).toBe(
      'invalid_certificate',
    );
    // No token device is configured on this PC (tests/unit/security/token.test.ts configures and signs with one).
    expect(await call('token.list', {})).toEqual([]);
    const verified = await call('signature.verify', { bytes: own(signed.bytes) });
    expect(verified).toMatchObject({ verdict: 'valid', modifiedAfterLastSignature: false });
    expect(verified.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An', 'Ủy ban nhân dân tỉnh Quảng Ngãi']);
  });

  it('directions, progress, tasks, follow-up and the statistics report', async () => {
    await office();
    await registerLetter();
    expect((await refusal('incoming.assign', { id: 1, lead: 'STC', due: '2026-03-20' })).code).toBe('unknown_unit');
    expect(await call('unit.add', { code: 'STC', name: 'Sở Tài chính' })).toMatchObject({ code: 'STC' });
    await call('unit.add', { code: 'SNV', name: 'Sở Nội vụ' });
    // KHDT: the fixture specialist's unit.
    expect((await call('unit.list', {})).map((u) => u.code)).toEqual(['KHDT', 'SNV', 'STC']);
    const assigned = await call('incoming.assign', {
      id: 1,
      lead: 'STC',
      support: [{ unit: 'SNV', due: '2026-03-09' }],
      dueWorkingDays: 5,
      direction: 'Giao STC chủ trì, SNV phối hợp',
      at: '2026-03-05T10:00',
    });
    expect(assigned.map((a) => [a.unit, a.role, a.dueDate])).toEqual([
      ['STC', 'lead', '2026-03-12'],
      ['SNV', 'support', '2026-03-09'],
    ]);
    const progress = await call('incoming.progress', { id: 1, unit: 'STC', status: 'in_progress', note: 'Đang tổng hợp' });
    expect(progress.find((a) => a.unit === 'STC')!.status).toBe('in_progress');
    expect((await call('incoming.assignments', { id: 1 })).current).toHaveLength(2);
    const slip = await call('incoming.routingSlip', { id: 1 });
    expect(pdfText(slip.bytes)).toContain('Giao STC chủ trì, SNV phối hợp');

    // Today is 10 March: SNV's part was due on the 9th, STC's is due on the 12th.
    expect((await call('followup.overdue', {})).map((r) => [r.unit, r.arrivalNumber])).toEqual([['SNV', 1]]);
    expect((await call('followup.dueSoon', { days: 3 })).map((r) => [r.unit, r.dueDate])).toEqual([['STC', '2026-03-12']]);
    const followBook = await call('followup.book', { from: '2026-03-01', to: '2026-03-31' });
    expect(magic(followBook.bytes)).toBe('%PDF-');
    expect(pdfText(followBook.bytes)).toContain('215/STC-QLNS');
    const reminder = await call('followup.remind', { unit: 'SNV', signerName: 'Trần Văn Bảy', signerPosition: 'Chánh Văn phòng' });
    expect(reminder).toMatchObject({ status: 'draft', typeName: 'Công văn' });
    expect(reminder.kinhGui).toEqual(['Sở Nội vụ']);

    const task = await call('task.add', { data: { title: 'Tổng hợp báo cáo quý I', leadUnit: 'SNV', deadline: '2026-03-31' } });
    expect(task).toMatchObject({ status: 'new', displayStatus: 'new' });
    expect(await call('task.update', { id: task.id, data: { status: 'in_progress' } })).toMatchObject({ status: 'in_progress' });
    expect((await call('task.list', { unit: 'SNV' })).map((t) => t.title)).toEqual(['Tổng hợp báo cáo quý I']);

    const holidays = await call('calendar.holidays', { year: 2026 });
    expect(holidays.days.map((d) => d.date)).toContain('2026-04-27'); // Giỗ Tổ Hùng Vương, 10/3 âm lịch
    expect(await call('calendar.workingDays', { from: '2026-02-13', days: 1 })).toEqual({
      from: '2026-02-13',
      days: 1,
      date: '2026-02-23',
    });

    clock.set('2026-03-31T17:00:00+07:00');
    // Three weeks later: a new working day, a new sign-in.
    slot = await signedIn(handlers);
    const report = await call('report.get', { from: '2026-03-01', to: '2026-03-31' });
    expect(report).toMatchObject({ received: 1, assigned: 1, overdue: 1, tasks: { total: 1 } });
    const xlsx = await call('report.export', { from: '2026-03-01', to: '2026-03-31', format: 'xlsx' });
    expect(Buffer.from(xlsx.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    const pdf = await call('report.export', { from: '2026-03-01', to: '2026-03-31', format: 'pdf' });
    expect(pdf.fileName).toBe('bao-cao-2026-03-01-2026-03-31.pdf');
    expect(magic(pdf.bytes)).toBe('%PDF-');
    expect((await refusal('report.get', { from: '2026-03-31', to: '2026-03-01' })).code).toBe('invalid_range');
  });

  it('the archive: a file plan approved and copied, a dossier opened, filled, closed and found', async () => {
    await office();
    await call('fileplan.create', { year: 2026, numbering: 'continuous' });
    await call('fileplan.addHeading', { year: 2026, title: 'TỔ CHỨC, CÁN BỘ', abbreviation: 'TCCB' });
    await call('fileplan.addHeading', { year: 2026, title: 'Công tác cán bộ', parent: 'TCCB' });
    const plan = await call('fileplan.addDossier', {
      year: 2026,
      heading: 'TCCB.1',
      title: 'Hồ sơ quy hoạch cán bộ',
      retention: 'Vĩnh viễn',
    });
    expect(plan.dossiers.map((d) => d.code)).toEqual(['01.TCCB']);
    expect(await call('fileplan.approve', { year: 2026, decisionNumber: '15/QĐ-UBND', decisionDate: '2026-01-05' })).toMatchObject({
      status: 'approved',
    });
    expect((await call('fileplan.get', { year: 2026 })).totals).toEqual({ dossiers: 1, permanent: 1, limited: 0, unseen: 0 });
    expect((await call('fileplan.copy', { from: 2026, year: 2027 })).status).toBe('draft');
    expect((await refusal('fileplan.addHeading', { year: 2026, title: 'Muộn', abbreviation: 'VP' })).code).toBe('plan_approved');

    const letter = await registerLetter();
    const opened = await call('dossier.open', { id: plan.dossiers[0]!.id, startDate: '2026-03-01' });
    // Filing answers where the document went; the dossier is read with dossier.get.
    expect(await call('dossier.addDoc', { id: opened.id, kind: 'incoming', docId: letter.id })).toEqual({
      id: opened.id,
      kind: 'incoming',
      docId: letter.id,
      ordinal: 1,
      docTotal: 1,
    });
    const filled = await call('dossier.get', { id: opened.id });
    expect(filled.items[0]).toMatchObject({ ordinal: 1, symbol: '215/STC-QLNS', files: [{ name: 'cong-van-215.pdf' }] });
    expect((await call('dossier.removeDoc', { id: opened.id, kind: 'incoming', docId: letter.id })).docTotal).toBe(0);
    await call('dossier.addDoc', { id: opened.id, kind: 'incoming', docId: letter.id });
    expect((await refusal('dossier.close', { id: opened.id })).code).toBe('confirm_needed');
    const closed = await call('dossier.close', { id: opened.id, title: 'Hồ sơ quy hoạch cán bộ', retention: null });
    expect(closed).toMatchObject({ state: 'closed', endDate: '2026-03-10', dueDate: '2027-12-31' });
    expect((await call('dossier.get', { id: opened.id })).items).toHaveLength(1);
    expect((await call('dossier.list', { query: 'kinh phi' })).items.map((d) => d.code)).toEqual(['01.TCCB']);
    expect((await call('dossier.ofDocument', { kind: 'incoming', docId: letter.id })).map((d) => d.code)).toEqual(['01.TCCB']);
    expect((await refusal('dossier.addDoc', { id: opened.id, kind: 'incoming', docId: letter.id })).code).toBe('dossier_not_open');
  });

  it('interchange: the organ directory, an edXML message taken by hand, registered or refused, deliveries', async () => {
    await office();
    expect((await refusal('organ.add', { organId: 'H4', name: 'Sai' })).code).toBe('invalid_organ_id');
    expect(await call('organ.add', { organId: '000.00.00.H48', name: 'UBND tỉnh Quảng Ngãi' })).toMatchObject({ added: true });
    const csv = own(Buffer.from('ma_dinh_danh,ten\n000.00.01.H48,Sở Nội vụ tỉnh Quảng Ngãi\n'));
    expect(await call('organ.import', { fileName: 'danh-ba.csv', bytes: csv })).toEqual({ added: 1, updated: 0 });
    expect((await call('organ.list', {})).map((o) => o.organId)).toEqual(['000.00.00.H48', '000.00.01.H48']);
    const message = (n: string) =>
      own(
        buildDocumentMessage(
          sampleDocument({
            attachments: [{ contentId: 'a1', name: 'cong-van.pdf', contentType: 'application/pdf', bytes: minimalPdf() }],
            header: {
              ...sampleDocument().header,
              documentId: `000.00.00.H48,2026/03/09,${n}/UBND-NC`,
              codeNumber: n,
              promulgationDate: '2026-03-09',
              dueDate: '2026-03-20',
            },
          }),
        ),
      );
    const got = await call('edxml.receive', { fileName: 'a.edxml', bytes: message('1234') });
    expect(got).toMatchObject({ kind: 'document', received: { state: 'pending' }, registration: { symbol: '1234/UBND-NC' } });
    expect((await refusal('edxml.receive', { fileName: 'b.edxml', bytes: own(badMessages()[0]!.bytes) })).code).toBe('edxml_dtd');
    const [pending] = await call('edxml.received', {});
    expect(await call('edxml.preview', { id: pending!.id })).toMatchObject({ attachments: [{ name: 'cong-van.pdf' }] });
    const reg = await call('edxml.register', { id: pending!.id, fields: { urgency: 'urgent' } });
    expect(reg.incoming).toMatchObject({ symbol: '1234/UBND-NC', urgency: 'urgent', channel: 'electronic' });
    expect((await refusal('edxml.refuse', { id: pending!.id, reason: 'muộn' })).code).toBe('edxml_not_pending');
    const other = await call('edxml.receive', { fileName: 'c.edxml', bytes: message('1235') });
    const id = (other as { received: { id: number } }).received.id;
    expect(await call('edxml.refuse', { id, reason: 'Gửi nhầm cơ quan' })).toMatchObject({ state: 'refused' });
    const d = await call('outgoing.draft', { data: DRAFT });
    expect(await call('edxml.deliveries', { id: d.id })).toEqual([]);
    // The exchange folders (the administrator's) and a pass over the inbox (the clerk's).
    await services.init({ actor: 'test', organId: '000.00.02.H48' });
    expect((await refusal('edxml.send', { id: d.id, to: ['000.00.01.H48'] })).code).toBe('exchange_not_configured');
    expect((await refusal('exchange.run', {})).code).toBe('exchange_not_configured');
    const inbox = tempDir();
    const outbox = tempDir();
    expect((await refusal('exchange.setFolders', { inbox, outbox: inbox })).code).toBe('same_folder');
    expect(await call('exchange.setFolders', { inbox, outbox })).toMatchObject({ inbox, outbox, errors: null, watching: false });
    expect(await call('exchange.folders', {})).toMatchObject({ inbox, outbox, intervalSeconds: 15 });
    expect((await refusal('edxml.send', { id: d.id, to: ['000.00.01.H48'] })).code).toBe('not_issued');
    // The answers queued above (01 twice, 03, 02) are written to the outbox.
    expect(await call('exchange.run', {})).toMatchObject({ received: [], refused: [], statusesSent: 4 });
    expect(readdirSync(outbox)).toHaveLength(4);
  });

  it('citizens’ letters and hotline feedback: received, classified, transferred with a slip, answered; counted', async () => {
    await office();
    await call('unit.add', { code: 'SXD', name: 'Sở Xây dựng' });
    expect(await call('organ.add', { organId: '000.00.31.H48', name: 'Ủy ban nhân dân huyện Sơn Tịnh' })).toMatchObject({
      organId: '000.00.31.H48',
    });
    expect((await call('organ.list', {})).map((o) => o.organId)).toEqual(['000.00.31.H48']);
    const data = {
      receivedDate: '2026-03-02',
      channel: 'post',
      kind: 'complaint',
      subject: 'Khiếu nại việc thu hồi đất tại xã Tịnh Hà',
      concernedOrganId: '000.00.31.H48',
      senders: [{ fullName: 'Nguyễn Văn Ánh', address: 'Thôn 3, xã Tịnh Hà', idNumber: '051085001234' }],
    };
    const first = await call('letter.add', { data });
    expect(first).toMatchObject({ number: 1, processingDue: '2026-03-16', duplicates: [] });
    const second = await call('letter.add', { data: { ...data, receivedDate: '2026-03-09' } });
    expect(second.duplicates.map((d) => d.id)).toEqual([first.id]);
    expect((await call('letter.duplicates', { id: second.id })).map((d) => d.id)).toEqual([first.id]);
    expect((await call('letter.link', { id: second.id, earlier: [first.id] })).earlier.map((e) => e.number)).toEqual([1]);
    expect((await call('letter.update', { id: first.id, data: { summary: 'Đề nghị xem xét lại giá bồi thường' } })).summary).toBe(
      'Đề nghị xem xét lại giá bồi thường',
    );
    expect((await call('letter.get', { id: first.id })).senders?.[0]?.idNumber).toBe('051085001234');
    // The scanned letter: attached in the background (polled), listed, opened back; a program refused at once.
    let job = await call('letter.attach', { id: first.id, fileName: 'don.pdf', bytes: own(minimalPdf()) });
    for (let i = 0; i < 600 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await call('letter.attachStatus', { jobId: job.jobId });
    }
    expect(job).toMatchObject({ state: 'done', result: { attachments: [{ fileName: 'don.pdf', mime: 'application/pdf', textPages: 0 }] } });
    expect((await call('letter.attachCancel', { jobId: job.jobId })).state).toBe('done');
    expect(await call('letter.text', { id: first.id })).toEqual([]);
    const back = await call('letter.attachment', { id: first.id, attachmentId: job.result!.attachments[0]!.id });
    expect(Buffer.from(back.bytes).equals(minimalPdf())).toBe(true);
    expect((await refusal('letter.attach', { id: first.id, fileName: 'x.exe', bytes: own(new Uint8Array([0x4d, 0x5a, 0, 0])) })).code).toBe(
      'executable_file',
    );
    await call('letter.classify', { id: first.id, eligible: true, competence: 'outside' });
    expect((await refusal('letter.handle', { id: first.id, action: 'transfer', organId: 'KHONG-CO' })).code).toBe('unknown_organ');
    const t = await call('letter.handle', { id: first.id, action: 'transfer', organId: '000.00.31.H48', ref: '12/PC-BTCD' });
    expect(t.status).toBe('transferred');
    expect((await refusal('letter.classify', { id: first.id, eligible: true, competence: 'within' })).code).toBe('letter_closed');
    const slip = await call('letter.slip', { id: first.id, kind: 'transfer' });
    expect(pdfText(slip.bytes).replace(/\s+/g, ' ')).toMatch(
      /PHIẾU CHUYỂN .*Nguyễn Văn Ánh.*chuyển đơn đến Ủy ban nhân dân huyện Sơn Tịnh/,
    );
    expect((await call('letter.answer', { id: first.id, answer: 'Đã giải quyết' })).status).toBe('answered');
    expect((await call('letter.list', { kind: 'complaint' })).map((l) => l.number)).toEqual([2, 1]);
    clock.set('2026-03-31T17:00:00+07:00');
    slot = await signedIn(handlers); // three weeks on: a new sign-in
    expect((await call('letter.followUp', { overdue: true })).map((r) => r.id)).toEqual([second.id]);
    const h = await call('hotline.add', {
      procedure: 'Cấp phép xây dựng',
      unit: 'SXD',
      cause: 'refusal',
      content: 'Bị từ chối nhận hồ sơ',
    });
    expect((await call('hotline.handle', { id: h.id, action: 'forward' })).status).toBe('forwarded');
    expect((await call('hotline.get', { id: h.id })).dueDate).toBe('2026-04-07');
    expect((await call('hotline.list', { cause: 'refusal' })).map((x) => x.id)).toEqual([h.id]);
    const stats = await call('letter.stats', { from: '2026-03-01', to: '2026-03-31' });
    expect(stats.letters).toMatchObject({ received: 2, transferred: 1, answered: 1, duplicates: 1 });
    expect(stats.hotline).toMatchObject({ received: 1, forwarded: 1, byCause: { refusal: 1 } });
    const exported = await call('letter.export', { from: '2026-03-01', to: '2026-03-31' });
    expect(exported.fileName).toBe('so-don-2026-03-01-2026-03-31-khong-du-lieu-ca-nhan.csv');
    expect(new TextDecoder().decode(exported.bytes).split('\r\n')[1]).toMatch(/^1\/2026,/);
    // The office's periodic report from the same records; the hand-entered figures marked as such.
    const report = await call('report.office', {
      from: '2026-03-01',
      to: '2026-03-31',
      dossiers: { received: 12, resolved: 10, onTime: 9 },
    });
    expect(report.letters).toMatchObject({ received: 2, transferred: 1 });
    expect(report.dossiers).toMatchObject({ received: 12, resolved: 10, onTime: 9, source: 'manual' });
    expect((await refusal('report.office', { from: '2026-03-31', to: '2026-03-01' })).code).toBe('invalid_range');
    const drafted = await call('report.officeDraft', { from: '2026-03-01', to: '2026-03-31' });
    expect(drafted.draft).toMatchObject({ status: 'draft' });
    expect(drafted.report.letters.received).toBe(2);
    expect((await call('letter.settings', {})).processingDays.complaint).toBe(10);
    expect((await call('letter.settings', { patch: { hotlineAnswerDays: 7 } })).hotlineAnswerDays).toBe(7);
    // The hotline item was really feedback on an official's conduct: a letter, the item closed.
    expect((await refusal('hotline.toLetter', { id: h.id, kind: 'complaint' })).code).toBe('sender_required');
    const fromCall = await call('hotline.toLetter', { id: h.id, kind: 'feedback' });
    expect(fromCall).toMatchObject({ number: 3, channel: 'hotline', kind: 'feedback', anonymous: true, concernedBody: 'Sở Xây dựng' });
    expect((await call('hotline.get', { id: h.id })).status).toBe('closed');
  });

  it('the archive: hand-over with its record and package, holds, destruction by decision, usage register', async () => {
    await office();
    const letter = await registerLetter();
    const mk = async (code: string, retention: string | number) => {
      const d = await call('dossier.open', { title: `Hồ sơ ${code}`, code, retention, startDate: '2026-03-05' });
      await call('dossier.addDoc', { id: d.id, kind: 'incoming', docId: letter.id });
      await call('dossier.close', { id: d.id, title: `Hồ sơ ${code}`, retention, endDate: '2026-03-10' });
      return d.id;
    };
    const perm = await mk('01.VP', 'Vĩnh viễn');
    const short = await mk('02.VP', 2);
    expect(magic((await call('dossier.index', { id: perm })).bytes)).toBe('%PDF-');
    const exported = await call('dossier.export', { id: perm });
    expect(pdfText(exported.pdf.bytes)).toContain('Tổng số văn bản trong hồ sơ');
    expect(new TextDecoder().decode(exported.xml.bytes)).toContain('<fileNotation>01.VP</fileNotation>');
    expect((await call('handover.due', {})).items.map((d) => d.code)).toEqual(['01.VP']);
    expect(
      (await call('handover.keepBack', { id: perm, decisionRef: '5/QĐ', decidedBy: 'Chủ tịch', reason: 'còn dùng', until: '2028-06-30' }))
        .items[0],
    ).toMatchObject({
      keptBack: true,
    });
    expect((await refusal('handover.create', { dossiers: [short], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' })).code).toBe(
      'retention_too_short',
    );
    const h = await call('handover.create', { dossiers: [perm], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' });
    expect((await call('handover.accept', { id: h.id, receiverName: 'Lê Văn Cường' })).status).toBe('accepted');
    expect((await call('handover.get', { id: h.id })).dossiers[0]).toMatchObject({ code: '01.VP', files: 1 });
    expect((await call('handover.list', { status: 'accepted' })).items.map((x) => [x.id, x.dossiers])).toEqual([[h.id, 1]]);
    const corrected = await call('dossier.correct', { id: perm, reason: 'Ghi sai người lập hồ sơ', creator: 'Trần Thị Bình' });
    expect(corrected.corrections).toMatchObject([{ field: 'creator', newValue: 'Trần Thị Bình', by: OFFICE_USER }]);
    expect(pdfText((await call('handover.print', { id: h.id })).bytes)).toContain('MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU');
    const pkg = await call('handover.package', { id: h.id });
    expect(await call('handover.verifyPackage', { bytes: own(pkg.bytes) })).toMatchObject({ ok: true, known: { handoverId: h.id } });
    const broken = own(pkg.bytes);
    // One byte inside the stored scan: its SHA-256 no longer matches the manifest.
    const at = Buffer.from(broken).indexOf('%PDF-') + 20;
    broken[at] = broken[at]! ^ 0x01;
    expect((await refusal('handover.verifyPackage', { bytes: broken })).code).toMatch(/^package_/);
    await call('fileplan.create', { year: 2026 });
    await call('fileplan.addHeading', { year: 2026, title: 'VĂN PHÒNG', abbreviation: 'VP' });
    await call('fileplan.addDossier', { year: 2026, heading: 'VP', title: 'Tập lưu văn bản đi', retention: 50 });
    expect(pdfText((await call('fileplan.print', { year: 2026 })).bytes)).toContain('DANH MỤC HỒ SƠ');

    const hold = await call('hold.add', {
      targets: [{ kind: 'dossier', id: short }],
      orderedBy: 'Chánh Thanh tra',
      orderRef: '1/TTr',
      reason: 'thanh tra',
    });
    expect(await call('hold.list', {})).toMatchObject({ items: [{ id: hold.id }], next: null });
    expect((await call('hold.lift', { id: hold.id, liftRef: '2/TTr', reason: 'xong' })).liftedBy).toBe(OFFICE_USER);
    clock.set('2028-03-10T09:00:00+07:00');
    slot = await signedIn(handlers); // two years on: a new sign-in
    expect((await call('retention.expired', { year: 2028 })).items.map((d) => d.code)).toEqual(['02.VP']);
    const x = await call('destruction.propose', { dossiers: [short], title: 'Hủy tài liệu hết thời hạn' });
    await call('destruction.approve', {
      id: x.id,
      councilRef: '3/QĐ',
      minutesRef: 'BB họp',
      decisionRef: '9/QĐ',
      decisionDate: '2028-03-10',
    });
    expect((await call('destruction.execute', { id: x.id, minutesRef: 'BB hủy' })).status).toBe('executed');
    expect((await call('destruction.get', { id: x.id })).tombstones[0]).toMatchObject({ contentRemoved: false });
    expect((await call('destruction.list', { limit: 10 })).items.map((y) => [y.id, y.status])).toEqual([[x.id, 'executed']]);

    const u = await call('usage.add', { kind: 'dossier', targetId: perm, userName: 'Nguyễn Văn Dũng', approvedBy: 'Chánh Văn phòng' });
    expect((await call('usage.return', { id: u.id })).returnedOn).toBe('2028-03-10');
    expect(await call('usage.list', {})).toMatchObject({ items: [{ id: u.id }], next: null });
    expect(magic((await call('usage.print', { year: 2028 })).bytes)).toBe('%PDF-');
  });

  it('capture: the text of a file, the fields it suggests, the ĐẾN stamp, and content search', async () => {
    await office();
    const { renderSpec } = await import('../../support/capture/render.js');
    const { specs } = await import('../../fixtures/capture/testSet.js');
    // doc-004: a Sở's công văn issued on 2026-01-01 (before the arrival below).
    const spec = specs(4)[3]!;
    const pdf = own(await renderSpec(spec));
    const read = await call('capture.read', { fileName: 'cv.pdf', bytes: pdf, pages: '1' });
    expect(read.pages[0]).toMatchObject({ page: 1, method: 'text', confidence: 100 });
    expect((await refusal('capture.read', { fileName: 'cv.pdf', bytes: pdf, pages: '3-1' })).code).toBe('invalid_page_range');
    const captured = await call('capture.fields', { fileName: 'cv.pdf', bytes: pdf });
    expect(captured.fields.symbol?.value).toBe(spec.truth.symbol);
    expect(captured.fields.issuedDate?.value).toBe(spec.truth.issuedDate);
    expect(
      (
        await refusal('capture.fields', {
          fileName: 'x.png',
          bytes: own(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2])),
        })
      ).code,
    ).toBe('invalid_image');
    // The scanning queue's way: the same capture as a background job, polled page by page, and a job
    // of someone else's or unknown is not found.
    let job = await call('capture.start', { fileName: 'cv.pdf', bytes: pdf });
    expect(job.state).toBe('running');
    for (let i = 0; i < 600 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await call('capture.status', { jobId: job.jobId });
    }
    expect(job).toMatchObject({ state: 'done', total: captured.extraction.pages.length });
    expect(job.result?.fields.symbol?.value).toBe(spec.truth.symbol);
    expect((await call('capture.cancel', { jobId: job.jobId })).state).toBe('done');
    expect((await refusal('capture.status', { jobId: 'khong-co' })).code).toBe('not_found');
    expect((await refusal('capture.cancel', { jobId: 'khong-co' })).code).toBe('not_found');
    // Registered as the form sends it (the suggested fields confirmed), then found by what its text says.
    const f = captured.fields;
    const added = await call('incoming.add', {
      data: {
        organName: f.organName?.value ?? 'Sở Xây dựng',
        symbol: f.symbol?.value,
        issuedDate: f.issuedDate?.value,
        typeName: f.typeName?.value,
        subject: f.subject?.value,
        arrivalDate: '2026-03-09T08:00:00+07:00',
      },
      attachments: [{ fileName: 'cv.pdf', bytes: pdf }],
      ocr: true,
    });
    const word = spec.body[0]!.text.split(' ').slice(2, 5).join(' ');
    const hits = await call('search.incoming', { query: word, in: 'content' });
    expect(hits.items.map((d) => d.id)).toEqual([added.id]);
    expect(hits.contentHits?.[0]).toMatchObject({ documentId: added.id, fileName: 'cv.pdf', page: 1 });
    const stamped = await call('incoming.stamp', { id: added.id });
    expect(stamped.stampedFile).toBe('cv.pdf');
    expect(pdfText(stamped.bytes)).toMatch(/ĐẾN/);
    expect((await call('incoming.stamp', { id: added.id, alone: true })).stampedFile).toBeNull();
    expect((await refusal('incoming.stamp', { id: 9999 })).code).toBe('not_found');
  });

  it('sessions and accounts: first administrator, accounts, password reset and change, idle lock, sign-out', async () => {
    const fresh = await freshServices({ now: NOW });
    clock = fresh.clock;
    services = fresh.services;
    handlers = createHandlers(services, { shell: 'web' });
    slot = memorySlot();
    expect(await call('auth.status', {})).toMatchObject({ setupNeeded: true, session: null });
    const admin = await call('auth.setup', { username: 'quantri', fullName: 'Nguyễn Quản Trị', password: 'Quản trị viên 2026' });
    expect(admin).toMatchObject({ username: 'quantri', roles: ['admin'], locked: false, mustChangePassword: false });
    expect((await refusal('auth.setup', { username: 'khac', fullName: 'Người Khác', password: 'Quản trị viên 2026' })).code).toBe(
      'setup_done',
    );
    expect(await call('settings.get', {})).toEqual({ idleLockMinutes: 15 });
    expect(await call('settings.update', { idleLockMinutes: 20 })).toEqual({ idleLockMinutes: 20 });
    await call('unit.add', { code: 'STC', name: 'Sở Tài chính' });
    const added = await call('account.add', {
      username: 'vt.an',
      fullName: 'Trần Văn An',
      unit: 'STC',
      roles: ['clerk'],
      password: 'Mật khẩu tạm 2026',
    });
    expect(added).toMatchObject({ username: 'vt.an', unit: 'STC', roles: ['clerk'], active: true, mustChangePassword: true });
    expect(JSON.stringify(added)).not.toContain('Mật khẩu tạm');
    expect((await refusal('account.add', { username: 'x', fullName: 'X', roles: ['clerk'], password: 'ngắn' })).code).toBe(
      'invalid_username',
    );
    expect(await call('account.update', { username: 'vt.an', roles: ['clerk', 'archivist'], confidential: true })).toMatchObject({
      roles: ['clerk', 'archivist'],
      confidential: true,
    });
    expect((await call('account.list', {})).map((a) => a.username)).toEqual(['quantri', 'vt.an']);
    expect(await call('account.disable', { username: 'vt.an' })).toMatchObject({ active: false });
    expect(await call('account.enable', { username: 'vt.an' })).toMatchObject({ active: true });
    expect(await call('account.resetPassword', { username: 'vt.an', password: 'Mật khẩu mới 2026' })).toMatchObject({
      mustChangePassword: true,
    });
    expect((await refusal('account.disable', { username: 'quantri' })).code).toBe('last_admin');
    expect(await call('auth.ping', {})).toEqual({ locked: false });
    expect(await call('auth.logout', {})).toEqual({ signedOut: true });
    expect((await refusal('app.info', {})).code).toBe('unauthenticated');

    // The clerk's first sign-in asks for a new password before anything else.
    expect(await call('auth.login', { username: 'vt.an', password: 'Mật khẩu mới 2026' })).toMatchObject({ mustChangePassword: true });
    expect((await refusal('app.info', {})).code).toBe('password_change_required');
    expect(await call('auth.changePassword', { current: 'Mật khẩu mới 2026', next: 'Của riêng tôi 2026' })).toMatchObject({
      mustChangePassword: false,
    });
    // Idle past the limit (20 minutes): locked until the same password is given again.
    clock.set('2026-03-10T09:21:00+07:00');
    expect((await refusal('app.info', {})).code).toBe('session_locked');
    expect(await call('auth.unlock', { password: 'Của riêng tôi 2026' })).toMatchObject({ username: 'vt.an', locked: false });
    expect((await call('app.info', {})).orgCode).toBe('UBND');
  });

  it('every method of the contract was called and answered', () => {
    expect(METHOD_NAMES.filter((m) => !called.has(m))).toEqual([]);
  });
});

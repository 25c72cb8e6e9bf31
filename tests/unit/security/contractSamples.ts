/**
 * A plausible input for every contract method, over a small office seeded through the real
 * web host (one incoming document with its scan, two units, a draft, a task, an import job):
 * the contract fuzz mutates these, the permission matrix calls each as every role.
 */
import { METHOD_NAMES, type MethodName } from '../../../src/shared/contract.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { doc } from '../helpers.js';
import type { Answer } from './webHarness.js';

export type Json = null | boolean | number | string | Uint8Array | Json[] | { [k: string]: Json };

export const PDF = minimalPdf();
export const CSV = Buffer.from(
  'organName,symbol,issuedDate,typeName,subject,arrivalDate\nSở A,9/QĐ-A,2026-01-02,Quyết định,Về việc A,2026-01-05T08:00\n',
);
export const BAD_CSV = Buffer.from('organName,symbol\n"Sở A,1/QĐ\nSở "B",2/QĐ\n');
export const NOT_PNG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

/** A plausible input for every method (ids refer to the seeded records). */
export function samples(ids: {
  incoming: number;
  attachment: number;
  outgoing: number;
  task: number;
  jobId: string;
}): Record<MethodName, Json> {
  const period = { from: '2026-01-01', to: '2026-12-31' };
  const strong = 'Một-mật-khẩu-đủ-dài-2026';
  return {
    'auth.status': {},
    'auth.setup': { username: 'fz.setup', fullName: 'Người Thử', password: strong },
    'auth.login': { username: 'fz.nobody', password: strong },
    'auth.logout': {},
    'auth.unlock': { password: strong },
    'auth.changePassword': { current: strong, next: strong + '!' },
    'auth.ping': {},
    'account.list': {},
    'account.add': { username: 'fz.new', fullName: 'Người Mới', unit: 'KT', roles: ['clerk'], confidential: false, password: strong },
    'account.update': { username: 'vt.clerk', fullName: 'Trần Văn Thư', unit: null, roles: ['clerk'], confidential: false },
    'account.disable': { username: 'lt.archive' },
    'account.enable': { username: 'lt.archive' },
    'account.resetPassword': { username: 'lt.archive', password: strong },
    'settings.get': {},
    'settings.update': { idleLockMinutes: 30 },
    'app.info': {},
    'incoming.add': {
      data: doc({ symbol: '77/QĐ-FZ' }) as { [k: string]: Json },
      attachments: [{ fileName: 'van-ban.pdf', bytes: PDF }],
      force: false,
    },
    'incoming.get': { id: ids.incoming },
    'incoming.update': { id: ids.incoming, data: { subject: 'Về việc sửa trích yếu' }, force: false },
    'incoming.void': { id: ids.incoming, reason: 'Vào sổ nhầm' },
    'incoming.list': { register: 'DEN', year: 2026, limit: 10, cursor: null, skip: 0 },
    'incoming.outline': { register: 'DEN', year: 2026 },
    'incoming.nextNumber': { register: 'DEN', secrecy: 'normal', arrivalDate: '2026-03-05' },
    'incoming.organNames': { prefix: 'Sở', limit: 5 },
    'incoming.audit': { id: ids.incoming },
    'incoming.attachment': { id: ids.incoming, attachmentId: ids.attachment },
    'search.incoming': {
      query: 'ngân sách',
      from: '2026-01-01',
      to: '2026-12-31',
      type: 'Quyết định',
      sort: 'relevance',
      limit: 20,
      cursor: null,
    },
    'search.count': { query: 'ngân sách', org: 'Sở Tài chính' },
    'register.list': {},
    'register.print': { register: 'DEN', year: 2026 },
    'import.start': { fileName: 'so-den.csv', bytes: CSV, skipInvalid: false },
    'job.status': { jobId: ids.jobId },
    'job.cancel': { jobId: ids.jobId },
    'maintenance.check': {},
    'outgoing.draft': { data: DRAFT as unknown as { [k: string]: Json } },
    'outgoing.update': { id: ids.outgoing, data: { subject: 'Về việc sửa', body: ['Đoạn một.', { text: 'Đoạn hai.', bold: true }] } },
    'outgoing.approve': { id: ids.outgoing },
    'outgoing.number': { id: ids.outgoing, register: 'DI' },
    'outgoing.get': { id: ids.outgoing },
    'outgoing.list': { register: 'DI', year: 2026, status: 'draft', limit: 10, cursor: null },
    'outgoing.search': { query: 'chuyển đổi số', limit: 10 },
    'outgoing.preview': { data: DRAFT as unknown as { [k: string]: Json } },
    'outgoing.pdf': { id: ids.outgoing },
    'outgoing.sign': {
      id: ids.outgoing,
      as: 'official',
      pkcs11: { token: 'tk_0123456789ab', tokenLabel: 'TOKEN', pin: '123456', keyIdHex: '01' },
      image: NOT_PNG,
    },
    'token.list': {},
    'connection.get': {},
    'connection.set': { kind: 'server', host: 'may-chu.ubnd.local', port: 5432, database: 'vanthu' },
    'outgoing.issuePaper': { id: ids.outgoing, copies: 3 },
    'outgoing.registerPrint': { register: 'DI', year: 2026 },
    'outgoing.audit': { id: ids.outgoing },
    'signature.verify': { bytes: PDF },
    'trust.add': { pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    'trust.list': {},
    'trust.import': {
      fileName: 'goc.pem',
      bytes: Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
      legacy: false,
    },
    'trust.setLegacy': { id: 1, legacy: true },
    'trust.remove': { id: 1 },
    'organ.list': {},
    'organ.add': { organId: '000.00.09.H48', name: 'Sở Thử nghiệm' },
    'organ.import': { fileName: 'danh-ba.csv', bytes: Buffer.from('ma_dinh_danh,ten\n000.00.08.H48,Sở X\n') },
    'edxml.receive': { fileName: 'goi-tin.edxml', bytes: Buffer.from('<edXML/>') },
    'edxml.received': {},
    'edxml.preview': { id: 1 },
    'edxml.register': { id: 1, fields: { urgency: 'urgent' } },
    'edxml.refuse': { id: 1, reason: 'Gửi nhầm' },
    'edxml.deliveries': { id: ids.outgoing },
    'edxml.send': { id: ids.outgoing, to: ['000.00.09.H48'], kind: 'recall', reason: 'Gửi nhầm' },
    'exchange.folders': {},
    'exchange.setFolders': { inbox: '/khong-co/nhan', outbox: '/khong-co/gui', intervalSeconds: 30 },
    'exchange.run': {},
    'unit.list': {},
    'unit.add': { code: 'FZ', name: 'Phòng Thử nghiệm' },
    'incoming.assign': {
      id: ids.incoming,
      lead: 'KT',
      support: ['NC', { unit: 'FZ', due: '2026-04-01' }],
      due: '2026-04-15',
      direction: 'Giao xử lý',
    },
    'incoming.progress': { id: ids.incoming, unit: 'KT', status: 'in_progress', note: 'Đang xử lý' },
    'incoming.assignments': { id: ids.incoming },
    'incoming.routingSlip': { id: ids.incoming },
    'incoming.stamp': { id: ids.incoming, alone: false },
    'capture.read': { fileName: 'van-ban.pdf', bytes: PDF, pages: '1' },
    'capture.fields': { fileName: 'van-ban.pdf', bytes: PDF },
    'capture.start': { fileName: 'van-ban.pdf', bytes: PDF },
    'capture.status': { jobId: ids.jobId },
    'capture.cancel': { jobId: ids.jobId },
    'task.list': { status: 'open', unit: 'KT' },
    'task.add': { data: { title: 'Việc thử', leadUnit: 'KT', supportUnits: ['NC'], deadline: '2026-04-01', note: 'Ghi chú' } },
    'task.update': { id: ids.task, data: { note: 'Sửa ghi chú' } },
    'followup.overdue': { unit: 'KT' },
    'followup.dueSoon': { unit: 'KT', days: 5 },
    'followup.book': { ...period, unit: 'KT' },
    'followup.remind': {
      unit: 'KT',
      signerName: 'Nguyễn Văn An',
      signerPosition: 'Chánh Văn phòng',
      signerAuthority: 'TL. CHỦ TỊCH',
      draftingUnit: 'VP',
    },
    'calendar.holidays': { year: 2026 },
    'calendar.workingDays': { from: '2026-04-28', days: 5 },
    'report.get': { ...period, unit: 'KT' },
    'report.export': { ...period, format: 'pdf' },
    'fileplan.get': { year: 2026 },
    'fileplan.create': { year: 2030, numbering: 'continuous' },
    'fileplan.addHeading': { year: 2026, title: 'VĂN PHÒNG', abbreviation: 'VP' },
    'fileplan.addDossier': { year: 2026, heading: 'VP', title: 'Tập lưu văn bản đi', retention: 50 },
    'fileplan.approve': { year: 2026, decisionNumber: '1/QĐ-UBND', decisionDate: '2026-01-05' },
    'fileplan.copy': { from: 2026, year: 2031 },
    'dossier.open': { title: 'Hồ sơ tiếp dân', code: '09.VP', retention: 10, startDate: '2026-03-01' },
    'dossier.addDoc': { id: 1, kind: 'incoming', docId: ids.incoming },
    'dossier.removeDoc': { id: 1, kind: 'incoming', docId: ids.incoming },
    'dossier.close': { id: 1, title: 'Hồ sơ tiếp dân', retention: 10 },
    'dossier.get': { id: 1 },
    'dossier.list': { query: 'tiep dan' },
    'dossier.ofDocument': { kind: 'incoming', docId: ids.incoming },
    'fileplan.print': { year: 2026 },
    'dossier.index': { id: 1 },
    'dossier.export': { id: 1 },
    'dossier.correct': { id: 1, reason: 'x', title: 'y' },
    'hold.add': { targets: [{ kind: 'incoming', id: ids.incoming }], orderedBy: 'Chánh Thanh tra', orderRef: '1/TTr', reason: 'thanh tra' },
    'hold.lift': { id: 1, liftRef: '2/TTr', reason: 'xong' },
    'hold.list': { all: true },
    'handover.due': { asOf: '2027-12-01' },
    'handover.keepBack': { id: 1, decisionRef: '1/QĐ', decidedBy: 'Chủ tịch', reason: 'còn dùng', until: '2028-06-30' },
    'handover.create': { dossiers: [1], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' },
    'handover.accept': { id: 1 },
    'handover.get': { id: 1 },
    'handover.list': { status: 'submitted', limit: 10 },
    'handover.print': { id: 1 },
    'handover.package': { id: 1 },
    'handover.verifyPackage': { bytes: PDF },
    'retention.expired': { year: 2030 },
    'destruction.propose': { dossiers: [1], title: 'Hủy tài liệu hết thời hạn' },
    'destruction.approve': { id: 1, councilRef: '1/QĐ', minutesRef: 'BB', decisionRef: '2/QĐ', decisionDate: '2030-01-05' },
    'destruction.execute': { id: 1, minutesRef: 'BB hủy' },
    'destruction.get': { id: 1 },
    'destruction.list': { status: 'proposed', limit: 10 },
    'usage.add': { kind: 'incoming', targetId: ids.incoming, userName: 'Nguyễn Văn Dũng', approvedBy: 'Chánh Văn phòng' },
    'usage.return': { id: 1 },
    'usage.list': {},
    'usage.print': { year: 2026 },
    'letter.add': {
      data: {
        receivedDate: '2026-03-02',
        channel: 'post',
        kind: 'complaint',
        subject: 'Khiếu nại việc thu hồi đất',
        senders: [{ fullName: 'Nguyễn Văn Ánh', idNumber: '051085001234', phone: '0905123456' }],
      },
    },
    'letter.get': { id: 1 },
    'letter.attach': { id: 1, fileName: 'don-quet.pdf', bytes: PDF, ocr: false },
    'letter.attachStatus': { jobId: ids.jobId },
    'letter.attachCancel': { jobId: ids.jobId },
    'letter.text': { id: 1 },
    'letter.attachment': { id: 1, attachmentId: 1 },
    'letter.update': { id: 1, data: { summary: 'Đề nghị xem xét lại' } },
    'letter.list': { ...period, kind: 'complaint', query: 'thu hoi dat' },
    'letter.duplicates': { id: 1 },
    'letter.link': { id: 1, earlier: [] },
    'letter.classify': { id: 1, eligible: true, competence: 'outside' },
    'letter.handle': { id: 1, action: 'transfer', organId: '000.00.31.H48' },
    'letter.answer': { id: 1, answer: 'Đã giải quyết' },
    'letter.followUp': { overdue: true },
    'letter.stats': period,
    'letter.export': period,
    'report.office': { ...period, dossiers: { received: 10, resolved: 8, onTime: 7 } },
    'report.officeDraft': period,
    'letter.slip': { id: 1, kind: 'transfer' },
    'letter.settings': {},
    'hotline.add': { procedure: 'Cấp phép xây dựng', unit: 'VP', cause: 'late_return', content: 'Chậm trả hồ sơ' },
    'hotline.get': { id: 1 },
    'hotline.list': { ...period, cause: 'late_return' },
    'hotline.handle': { id: 1, action: 'forward', dueWorkingDays: 5 },
    'hotline.toLetter': { id: 1, kind: 'feedback' },
  };
}

export type SampleIds = Parameters<typeof samples>[0];

type Post = (method: string, body: unknown, headers?: Record<string, string>) => Promise<Answer>;

/** Waits until each import job has finished (or ~10 s went by). */
export async function settleJobs(post: Post, jobIds: string[]): Promise<void> {
  for (const jobId of jobIds) {
    for (let i = 0; i < 400; i++) {
      const s = await post('job.status', { jobId });
      if ((s.body?.value as { state?: string } | undefined)?.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Seeds the records the samples refer to, through `post` (as an account with the rights to), and returns every method's sample. */
export async function seedSamples(post: Post): Promise<Record<MethodName, Json>> {
  const add = await post('incoming.add', { data: doc(), attachments: [{ fileName: 'cv.pdf', bytes: PDF }] });
  const rec = add.body!.value as { id: number; attachments: { id: number }[] };
  await post('unit.add', { code: 'KT', name: 'Phòng Kinh tế' });
  await post('unit.add', { code: 'NC', name: 'Phòng Nội chính' });
  const draft = await post('outgoing.draft', { data: DRAFT });
  const task = await post('task.add', { data: { title: 'Việc có sẵn', leadUnit: 'KT', deadline: '2026-04-01' } });
  const job = await post('import.start', { fileName: 'so.csv', bytes: CSV });
  const jobId = (job.body!.value as { jobId: string }).jobId;
  await settleJobs(post, [jobId]);
  const S = samples({
    incoming: rec.id,
    attachment: rec.attachments[0]!.id,
    outgoing: (draft.body!.value as { id: number }).id,
    task: (task.body!.value as { id: number }).id,
    jobId,
  });
  const missing = METHOD_NAMES.filter((m) => !(m in S));
  if (missing.length) throw new Error(`no sample for ${missing.join(', ')}`);
  return S;
}

/**
 * The contract under malformed input (issue 9, item 7): every method of src/shared/contract.ts
 * gets seeded, bounded mutations of a plausible input — wrong types, huge strings, deep
 * nesting, NUL, control characters and lone surrogates, `__proto__` keys, traversal names,
 * bad base64 and bytes, bad CSV, non-PNG images, unknown keys in nested objects — through the
 * real web host over HTTP, against a real database. For every answer: no 5xx, the host still
 * up, a coded error (never `internal`, never a stack trace or a path of this machine), and for
 * every refusal the database's rows and the file store unchanged.
 *
 * A second, exhaustive pass replaces each text field of each method's sample with NUL, a
 * C0 and a C1 control character and a lone surrogate: every one must be refused the same way
 * (control_chars), nothing written. Reproduce a failure with VANTHU_FUZZ_SEED=<seed>.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../../src/shared/contract.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { doc } from '../helpers.js';
import { startHost, type Answer } from './webHarness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SEED = Number(process.env.VANTHU_FUZZ_SEED ?? 20260509);
const CASES_PER_METHOD = Number(process.env.VANTHU_FUZZ_CASES ?? 24);

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

type Json = null | boolean | number | string | Uint8Array | Json[] | { [k: string]: Json };

const PDF = minimalPdf();
const CSV = Buffer.from(
  'organName,symbol,issuedDate,typeName,subject,arrivalDate\nSở A,9/QĐ-A,2026-01-02,Quyết định,Về việc A,2026-01-05T08:00\n',
);
const BAD_CSV = Buffer.from('organName,symbol\n"Sở A,1/QĐ\nSở "B",2/QĐ\n');
const NOT_PNG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

/** A plausible input for every method (ids refer to the seeded records). */
function samples(ids: { incoming: number; attachment: number; outgoing: number; task: number; jobId: string }): Record<MethodName, Json> {
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
    'organ.list': {},
    'organ.add': { organId: '000.00.09.H48', name: 'Sở Thử nghiệm' },
    'organ.import': { fileName: 'danh-ba.csv', bytes: Buffer.from('ma_dinh_danh,ten\n000.00.08.H48,Sở X\n') },
    'edxml.receive': { fileName: 'goi-tin.edxml', bytes: Buffer.from('<edXML/>') },
    'edxml.received': {},
    'edxml.preview': { id: 1 },
    'edxml.register': { id: 1, fields: { urgency: 'urgent' } },
    'edxml.refuse': { id: 1, reason: 'Gửi nhầm' },
    'edxml.deliveries': { id: ids.outgoing },
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
    'hold.add': { targets: [{ kind: 'incoming', id: ids.incoming }], orderedBy: 'Chánh Thanh tra', orderRef: '1/TTr', reason: 'thanh tra' },
    'hold.lift': { id: 1, liftRef: '2/TTr', reason: 'xong' },
    'hold.list': { all: true },
    'handover.due': { asOf: '2027-12-01' },
    'handover.keepBack': { id: 1, decisionRef: '1/QĐ', decidedBy: 'Chủ tịch', reason: 'còn dùng', until: '2028-06-30' },
    'handover.create': { dossiers: [1], unitName: 'Văn phòng', giverName: 'Trần Thị Bình' },
    'handover.accept': { id: 1 },
    'handover.get': { id: 1 },
    'handover.print': { id: 1 },
    'handover.package': { id: 1 },
    'handover.verifyPackage': { bytes: PDF },
    'retention.expired': { year: 2030 },
    'destruction.propose': { dossiers: [1], title: 'Hủy tài liệu hết thời hạn' },
    'destruction.approve': { id: 1, councilRef: '1/QĐ', minutesRef: 'BB', decisionRef: '2/QĐ', decisionDate: '2030-01-05' },
    'destruction.execute': { id: 1, minutesRef: 'BB hủy' },
    'destruction.get': { id: 1 },
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
    'letter.update': { id: 1, data: { summary: 'Đề nghị xem xét lại' } },
    'letter.list': { ...period, kind: 'complaint', query: 'thu hoi dat' },
    'letter.duplicates': { id: 1 },
    'letter.link': { id: 1, earlier: [] },
    'letter.classify': { id: 1, eligible: true, competence: 'outside' },
    'letter.handle': { id: 1, action: 'transfer', organId: '000.00.31.H48' },
    'letter.answer': { id: 1, answer: 'Đã giải quyết' },
    'letter.followUp': { overdue: true },
    'letter.stats': period,
    'letter.slip': { id: 1, kind: 'transfer' },
    'letter.settings': {},
    'hotline.add': { procedure: 'Cấp phép xây dựng', unit: 'VP', cause: 'late_return', content: 'Chậm trả hồ sơ' },
    'hotline.get': { id: 1 },
    'hotline.list': { ...period, cause: 'late_return' },
    'hotline.handle': { id: 1, action: 'forward', dueWorkingDays: 5 },
  };
}

/** JSON with an own `__proto__` key (JSON.parse makes it an own property; JSON.stringify keeps it). */
const protoObject = (inner: Json = { polluted: true }): { [k: string]: Json } =>
  JSON.parse(`{"__proto__": ${JSON.stringify(inner)}}`) as { [k: string]: Json };

function deep(levels: number): Json {
  let v: Json = 'đáy';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  'a\u0000b',
  'x\ud800y',
  'x\udc00',
  '\u0007chuông',
  'c\u009b31m',
  '../../../../etc/passwd',
  '..\\..\\Windows\\System32\\drivers\\etc\\hosts',
  '.',
  '..',
  'CON',
  '%00',
  '%E0%A4%A',
  '\u202Efdp.exe',
  '__proto__',
  '{"$bytes":"!!"}',
  '2026-02-30',
  '99999999999999999999',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
];

const HOSTILE_VALUES = (r: ReturnType<typeof rng>): Json[] => [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  2 ** 53,
  [],
  {},
  r.pick(HOSTILE_STRINGS),
  [r.pick(HOSTILE_STRINGS), 1, null],
  { unexpected: 1 },
  protoObject(),
  deep(40),
  NOT_PNG,
  BAD_CSV,
  new Uint8Array(0),
  Array.from({ length: 60 }, () => 'x'),
];

/** Every path to a value inside `v` (objects and arrays), the root included. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (v instanceof Uint8Array || v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function clone(v: Json): Json {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone);
  const o: { [k: string]: Json } = {};
  for (const k of Object.keys(v))
    Object.defineProperty(o, k, { value: clone(v[k]!), enumerable: true, writable: true, configurable: true });
  return o;
}

function setAt(root: Json, at: (string | number)[], value: Json): Json {
  if (!at.length) return value;
  const copy = clone(root);
  let cur = copy as { [k: string]: Json } | Json[];
  for (const k of at.slice(0, -1)) cur = (cur as Record<string | number, Json>)[k] as { [k: string]: Json } | Json[];
  (cur as Record<string | number, Json>)[at.at(-1)!] = value;
  return copy;
}

function getAt(root: Json, at: (string | number)[]): Json {
  let cur: Json = root;
  for (const k of at) cur = (cur as Record<string | number, Json>)[k]!;
  return cur;
}

/** One seeded mutation of a sample; `raw` is sent as the body text when set. */
function mutate(r: ReturnType<typeof rng>, sample: Json): { input?: Json; raw?: string; what: string } {
  const all = paths(sample);
  const objects = all.filter((p) => {
    const v = getAt(sample, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
  });
  const byteFields = all.filter((p) => getAt(sample, p) instanceof Uint8Array);
  switch (r.int(7)) {
    case 0: {
      const p = r.pick(all);
      const v = r.pick(HOSTILE_VALUES(r));
      return { input: setAt(sample, p, v), what: `value at ${p.join('.') || '(root)'}` };
    }
    case 1: {
      const p = r.pick(objects);
      const key = r.pick(['unexpected', 'library', 'path', '__proto__', 'constructor', 'prototype', 'x\u0000', 'x\ud800']);
      const target = clone(getAt(sample, p)) as { [k: string]: Json };
      Object.defineProperty(target, key, { value: r.pick(HOSTILE_VALUES(r)), enumerable: true, writable: true, configurable: true });
      return { input: setAt(sample, p, target), what: `extra key ${JSON.stringify(key)} at ${p.join('.') || '(root)'}` };
    }
    case 2: {
      if (!byteFields.length) return { input: r.pick(HOSTILE_VALUES(r)), what: 'whole input' };
      const p = r.pick(byteFields);
      const text = JSON.stringify(setAt(sample, p, 'BYTES_HERE'), (_k, v: unknown) =>
        v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v,
      );
      const bad = r.pick(['"!!!not base64!!!"', '42', '{"$bytes":"AAAA","x":1}', '[1,2,3]', '"' + 'A'.repeat(5000) + '="']);
      return { raw: text.replace('"BYTES_HERE"', `{"$bytes":${bad}}`), what: `bad bytes at ${p.join('.')}` };
    }
    case 3:
      return {
        raw: r.pick(['{', 'null', '[]', '"x"', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}', '\u0000', '{"__proto__":{"x":1}}']),
        what: 'raw body',
      };
    case 4: {
      const p = r.pick(all.filter((q) => typeof getAt(sample, q) === 'string'));
      if (!p) return { input: protoObject(), what: 'root __proto__' };
      return { input: setAt(sample, p, r.pick(HOSTILE_STRINGS)), what: `hostile string at ${p.join('.')}` };
    }
    case 5: {
      const p = r.pick(all.filter((q) => typeof getAt(sample, q) === 'number'));
      if (!p) return { input: setAt(sample, [], r.pick(HOSTILE_VALUES(r))), what: 'whole input' };
      return { input: setAt(sample, p, r.pick([-1, 0, 0.5, 1e308, 2 ** 53, 2 ** 31, '1', null])), what: `number at ${p.join('.')}` };
    }
    default: {
      const p = r.pick(byteFields.length ? byteFields : all);
      return {
        input: setAt(
          sample,
          p,
          r.pick([NOT_PNG, BAD_CSV, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x25, 0x50, 0x44, 0x46, 0x2d]), new Uint8Array(0)]),
        ),
        what: `odd bytes at ${p.join('.') || '(root)'}`,
      };
    }
  }
}

let h: Awaited<ReturnType<typeof startHost>>;
let S: Record<MethodName, Json>;
const forbidden: string[] = [];

beforeAll(async () => {
  h = await startHost({ forFile: true });
  const add = await h.post('incoming.add', { data: doc(), attachments: [{ fileName: 'cv.pdf', bytes: PDF }] });
  const rec = add.body!.value as { id: number; attachments: { id: number }[] };
  await h.post('unit.add', { code: 'KT', name: 'Phòng Kinh tế' });
  await h.post('unit.add', { code: 'NC', name: 'Phòng Nội chính' });
  const draft = await h.post('outgoing.draft', { data: DRAFT });
  const task = await h.post('task.add', { data: { title: 'Việc có sẵn', leadUnit: 'KT', deadline: '2026-04-01' } });
  const job = await h.post('import.start', { fileName: 'so.csv', bytes: CSV });
  const jobId = (job.body!.value as { jobId: string }).jobId;
  await settleJobs([jobId]);
  S = samples({
    incoming: rec.id,
    attachment: rec.attachments[0]!.id,
    outgoing: (draft.body!.value as { id: number }).id,
    task: (task.body!.value as { id: number }).id,
    jobId,
  });
  forbidden.push(ROOT, path.dirname(h.dbPath), os.homedir(), 'node_modules', path.join(os.tmpdir(), 'vanthu'));
}, 120_000);
afterAll(() => h?.stop());

async function settleJobs(jobIds: string[]) {
  for (const jobId of jobIds) {
    for (let i = 0; i < 400; i++) {
      const s = await h.post('job.status', { jobId });
      if ((s.body?.value as { state?: string } | undefined)?.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** The checks every answer must pass; returns the problem, or null. */
function problemOf(a: Answer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  if (!a.body || typeof a.body.ok !== 'boolean') return `not a Result: ${a.text.slice(0, 200)}`;
  for (const p of forbidden) if (p.length > 1 && a.text.includes(p)) return `machine path ${p} in the answer`;
  if (/\bat \S+ \(?[^)\s]+\.(ts|js|mjs):\d+/.test(a.text)) return 'stack trace in the answer';
  if (!a.body.ok) {
    const e = a.body.error;
    if (!e || typeof e.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(e.code) || typeof e.message !== 'string')
      return `uncoded error ${a.text.slice(0, 200)}`;
    if (e.code === 'internal') return `internal: ${e.message}`;
  }
  // An accepted job must not fail inside.
  const v = a.body.value as { state?: string; error?: { code?: string } } | undefined;
  if (v?.error?.code === 'internal') return `job failed internally: ${JSON.stringify(v.error)}`;
  return null;
}

describe('contract fuzz through the web host', () => {
  it('has a sample for every method of the contract', () => {
    expect(Object.keys(S).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it(`seed ${SEED}: ${CASES_PER_METHOD} malformed inputs per method — coded answers, no 5xx, no internal, no paths, refusals write nothing`, async () => {
    const r = rng(SEED);
    const failures: string[] = [];
    let calls = 0;
    const outcomes: Record<string, number> = {};
    let digest = h.digest({ ignoreAuditedRefusals: true });
    for (const method of METHOD_NAMES) {
      for (let i = 0; i < CASES_PER_METHOD; i++) {
        const m = mutate(r, S[method]);
        // Sessions' own methods go without the harness's session (a sign-in would replace it).
        const a = await h.post(method, m.raw ?? m.input, method.startsWith('auth.') ? { Cookie: '' } : {});
        calls++;
        const where = `${method} [${m.what}]`;
        const outcome = a.body?.ok ? 'ok' : (a.body?.error?.code ?? `http ${a.status}`);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        const problem = problemOf(a);
        if (problem) failures.push(`${where}: ${problem}`);
        const v = a.body?.value as { jobId?: string; state?: string } | undefined;
        if (a.body?.ok && v?.jobId && v.state === 'running') {
          await settleJobs([v.jobId]);
          const s = await h.post('job.status', { jobId: v.jobId });
          const p = problemOf(s);
          if (p) failures.push(`${where} → job: ${p}`);
        }
        // A refusal writes nothing but, for a sign-in or a want of rights, its audited refusal.
        if (a.body && !a.body.ok) {
          const now = h.digest({ ignoreAuditedRefusals: true });
          if (now !== digest) failures.push(`${where}: refused (${a.body.error?.code}) but the store changed`);
          digest = now;
        } else digest = h.digest({ ignoreAuditedRefusals: true });
      }
    }
    if (process.env.VANTHU_FUZZ_STATS) process.stderr.write(`fuzz outcomes: ${JSON.stringify(outcomes)}\n`);
    // Still serving, database open.
    expect((await h.post('app.info', {})).body?.ok).toBe(true);
    expect(failures, `seed ${SEED}, ${calls} calls`).toEqual([]);
    expect(calls).toBe(METHOD_NAMES.length * CASES_PER_METHOD);
  }, 240_000);

  it('every text field of every method refuses NUL, C0/C1 controls and lone surrogates alike (control_chars), nothing written', async () => {
    const failures: string[] = [];
    const before = h.digest();
    let fields = 0;
    for (const method of METHOD_NAMES) {
      const sample = S[method];
      const textPaths = paths(sample).filter((p) => typeof getAt(sample, p) === 'string');
      for (const p of textPaths) {
        fields++;
        for (const bad of ['a\u0000b', 'a\u0001b', 'a\u009bb', 'a\ud800b', 'a\udfffb']) {
          const a = await h.post(method, setAt(sample, p, bad), method.startsWith('auth.') ? { Cookie: '' } : {});
          const code = a.body?.error?.code;
          if (code !== 'control_chars') failures.push(`${method} ${p.join('.')} ${JSON.stringify(bad)}: ${code ?? a.text.slice(0, 120)}`);
          else if (a.body?.error?.field !== p.join('.')) failures.push(`${method} ${p.join('.')}: field ${a.body?.error?.field}`);
        }
      }
      // Keys of free-form objects (document data) too.
      if (sample && typeof sample === 'object' && 'data' in sample) {
        const withKey = clone(sample) as { data: { [k: string]: Json } };
        withKey.data['ghi\u0000chú'] = 'x';
        const a = await h.post(method, withKey);
        if (a.body?.error?.code !== 'control_chars') failures.push(`${method} data key: ${a.body?.error?.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(fields).toBeGreaterThan(60);
    expect(h.digest()).toBe(before);
  }, 240_000);
});

describe("the issue's findings, as cases", () => {
  it('__proto__ inside data is refused like any unknown key; unknown keys inside attachments[i] are refused', async () => {
    const before = h.digest();
    for (const [method, input] of [
      ['incoming.add', { data: { ...(doc() as object), ...{} }, extra: 1 }],
      ['incoming.add', { data: Object.assign(protoObject({ subject: 'x' }), doc()) }],
      ['outgoing.draft', { data: Object.assign(protoObject(), DRAFT) }],
      ['task.add', { data: protoObject({ title: 'x' }) }],
      ['incoming.add', { data: doc({ symbol: '5/FZ' }), attachments: [{ fileName: 'a.pdf', bytes: PDF, path: '/etc/passwd' }] }],
      ['incoming.add', { data: doc({ symbol: '6/FZ' }), attachments: [Object.assign(protoObject(), { fileName: 'a.pdf', bytes: PDF })] }],
    ] as [MethodName, Json][]) {
      const a = await h.post(method, input);
      expect(a.body?.ok, `${method} ${a.text}`).toBe(false);
      expect(['unknown_field', 'invalid_input']).toContain(a.body!.error!.code);
    }
    const proto = await h.post('incoming.add', { data: Object.assign(protoObject({ subject: 'x' }), doc()) });
    expect(proto.body?.error).toMatchObject({ code: 'unknown_field', field: 'data.__proto__' });
    expect(h.digest()).toBe(before);
  });

  it('control characters in attachment names are refused', async () => {
    const before = h.digest();
    for (const fileName of ['cv\u0000.pdf', 'cv\u0007.pdf', 'cv\u009b.pdf', 'cv\ud800.pdf']) {
      const a = await h.post('incoming.add', { data: doc({ symbol: '8/FZ' }), attachments: [{ fileName, bytes: PDF }] });
      expect(a.body?.error, fileName).toMatchObject({ code: 'control_chars', field: 'attachments.0.fileName' });
    }
    expect(h.digest()).toBe(before);
  });

  it('outgoing body paragraphs of the wrong type are refused, not dropped', async () => {
    const before = h.digest();
    for (const bad of [
      12345,
      {},
      [],
      null,
      true,
      { text: 5 },
      { text: 'x', color: 'red' },
      { text: 'x', align: 'right' },
      { text: 'x', bold: 'yes' },
    ]) {
      for (const method of ['outgoing.draft', 'outgoing.preview'] as const) {
        const a = await h.post(method, { data: { ...DRAFT, body: ['Đoạn đúng.', bad as Json] } });
        expect(a.body?.error, `${method} ${JSON.stringify(bad)}`).toMatchObject({ code: 'invalid_input', field: 'body.1' });
      }
    }
    expect(h.digest()).toBe(before);
    // Empty lines between paragraphs are still simply skipped.
    const ok = await h.post('outgoing.preview', { data: { ...DRAFT, body: ['Một.', '', { text: 'Hai.', italic: false }] } });
    expect(ok.body?.ok, ok.text).toBe(true);
  });

  it('POST /api/%E0%A4%A, a non-PNG signature image, a stray-quote CSV, "." and ".." file names: coded, never internal', async () => {
    expect((await h.post('%E0%A4%A', {})).body?.error?.code).toBe('unknown_method');
    const sign = await h.post('outgoing.sign', {
      id: (S['outgoing.get'] as { id: number }).id,
      as: 'official',
      p12: { bytes: Buffer.from('not a p12'), password: 'x' },
      image: NOT_PNG,
    });
    expect(sign.body?.ok).toBe(false);
    expect(sign.body?.error?.code).not.toBe('internal');
    for (const fileName of ['.', '..']) {
      const j = await h.post('import.start', { fileName, bytes: BAD_CSV });
      const jobId = (j.body!.value as { jobId: string }).jobId;
      await settleJobs([jobId]);
      const s = await h.post('job.status', { jobId });
      expect(s.body?.value).toMatchObject({ state: 'failed', error: { code: 'invalid_csv' } });
    }
    expect((await h.post('app.info', {})).body?.ok).toBe(true);
  });
});

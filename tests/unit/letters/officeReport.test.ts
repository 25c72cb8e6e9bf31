/**
 * The office's periodic report (issue 15, "Done when"): nine months of records matching the
 * province's nine-month report — 398 letters (201 transferred, 67 guided), 50 hotline items,
 * 246 tasks (97 done, 106 in progress), 26,958 incoming documents, 7,815 documents issued
 * (5,210 electronic, 2,605 on paper) — and the report drafted from them states exactly those
 * numbers in its sentences and its table, read back with pdftotext from the draft's PDF and
 * its appendix. Runs on SQLite and on PostgreSQL. Bad input: coded, nothing written.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import type { LetterActor } from '../../../src/main/letters/letterService.js';
import { resolveOutgoingRegister } from '../../../src/main/outgoing/outgoingService.js';
import type { OfficeReport } from '../../../src/shared/domain/letters.js';
import type { OutgoingRecord } from '../../../src/shared/domain/outgoing.js';
import { addFixtureAccounts, contractAs, doc, tempDir } from '../helpers.js';
import { letterOffice } from './letterOffice.js';
import { pgQuery, storeKind } from '../helpers/stores.js';
import type { Services } from '../../../src/main/services.js';

/** The reception officer entering the records (handles letters, holds the grant). */
const OFFICER: LetterActor = { actor: 'can.bo.tcd', access: { personal: true, identity: true } };

const INCOMING = 26_958;
const ELECTRONIC = 5_210;
const PAPER = 2_605;

/** A day of the nine months (2026-01-02 … 2026-09-29), spread by i. */
const dayOf = (i: number) => {
  const month = 1 + (i % 9);
  const day = 2 + ((i * 7) % 27);
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

let kept = 0;
function pdfText(bytes: Uint8Array): string {
  // VANTHU_KEEP_PDF=<folder>: the PDFs stay there, to be rendered and looked at.
  const f = path.join(process.env.VANTHU_KEEP_PDF ?? tempDir(), `bao-cao-${++kept}.pdf`);
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/**
 * The period's issued documents (5,210 electronic, 2,605 on paper), numbered 1… in the
 * office's outgoing register. On SQLite through the repositories, in one transaction; on
 * PostgreSQL in one multi-row INSERT … SELECT (the repositories' path there is ~47,000 round
 * trips — most of this test's set-up time — and the rows are the same: the same register,
 * numbers, symbols, issue dates and statuses, a search vector of the subject).
 */
async function issueOutgoing(services: Services, dbPath: string) {
  const total = ELECTRONIC + PAPER;
  if (storeKind() === 'postgres') {
    const reg = await services.store.read((repos) => resolveOutgoingRegister(repos, null, 'normal'));
    // dayOf(o) in SQL: month 1 + o % 9, day 2 + (o * 7) % 27.
    await pgQuery(
      dbPath,
      `INSERT INTO outgoing_documents (register_id, year, code_number, symbol, symbol_key, issued_date, type_name, subject, body,
         kinh_gui, recipients, signer_authority, signer_position, signer_name, drafting_unit, urgency, secrecy, status, created_at,
         created_by, updated_at, search_tsv)
       SELECT $1, 2026, o + 1, (o + 1) || '/UBND-VP', NULL, d, 'Công văn', 'Về việc ' || (o + 1), '[{"text":"Nội dung."}]', '[]', '[]',
         NULL, 'CHỦ TỊCH', 'Nguyễn Văn An', 'VP', 'normal', 'normal', CASE WHEN o < $2 THEN 'issued' ELSE 'issued_paper' END,
         d || 'T08:00:00+07:00', 'test', d || 'T10:00:00+07:00', to_tsvector('simple', 've viec ' || (o + 1))
       FROM (SELECT o, '2026-' || lpad((1 + o % 9)::text, 2, '0') || '-' || lpad((2 + (o * 7) % 27)::text, 2, '0') AS d
             FROM generate_series(0, $3 - 1) AS o) s`,
      [reg.id, ELECTRONIC, total],
    );
    return;
  }
  await services.store.write(async (repos) => {
    const reg = await resolveOutgoingRegister(repos, null, 'normal');
    for (let o = 0; o < total; o++) {
      const day = dayOf(o);
      const id = await repos.outgoing.insert({
        typeName: 'Công văn',
        subject: `Về việc ${o + 1}`,
        body: [{ text: 'Nội dung.' }],
        kinhGui: [],
        recipients: [],
        signerAuthority: null,
        signerPosition: 'CHỦ TỊCH',
        signerName: 'Nguyễn Văn An',
        draftingUnit: 'VP',
        urgency: 'normal',
        secrecy: 'normal',
        copies: null,
        dueDate: null,
        replyTo: [],
        registerId: reg.id,
        status: 'draft',
        createdAt: `${day}T08:00:00+07:00`,
        createdBy: 'test',
      });
      await repos.outgoing.setNumber(
        id,
        { registerId: reg.id, year: 2026, codeNumber: o + 1, symbol: `${o + 1}/UBND-VP`, issuedDate: day },
        `${day}T09:00:00+07:00`,
      );
      await repos.outgoing.setStatus(id, o < ELECTRONIC ? 'issued' : 'issued_paper', `${day}T10:00:00+07:00`);
    }
  });
}

async function nineMonths() {
  const { services, clock, dbPath } = await letterOffice('2026-10-05T09:00:00+07:00');
  await addFixtureAccounts(services);
  // Letters: 201 transferred, 67 guided, 60 accepted, 40 filed, 20 returned, 10 not yet handled.
  const plan: [string, number][] = [
    ['transfer', 201],
    ['guide', 67],
    ['accept', 60],
    ['file', 40],
    ['return', 20],
    ['none', 10],
  ];
  const kinds = ['complaint', 'denunciation', 'petition', 'feedback'] as const;
  let i = 0;
  for (const [what, n] of plan) {
    for (let k = 0; k < n; k++, i++) {
      const date = dayOf(i);
      clock.set(`${date}T09:00:00+07:00`);
      const kind = kinds[i % 4]!;
      const l = await services.letters.add(
        {
          receivedDate: date,
          channel: i % 3 ? 'post' : 'in_person',
          kind,
          subject: `Đơn số ${i + 1} về việc đất đai tại thôn ${i % 40}`,
          senders: [{ fullName: `Công dân ${i + 1}`, address: `Thôn ${i + 1}, xã Tịnh Hà` }],
        },
        OFFICER,
      );
      if (what === 'none') continue;
      await services.letters.classify(l.id, { eligible: what !== 'file', competence: what === 'accept' ? 'within' : 'outside' }, OFFICER);
      if (what === 'transfer') await services.letters.transfer(l.id, { organId: '000.00.31.H48' }, OFFICER);
      if (what === 'guide') await services.letters.guide(l.id, { guidedTo: 'Ủy ban nhân dân xã Tịnh Hà' }, OFFICER);
      if (what === 'accept') await services.letters.accept(l.id, { lead: 'STNMT' }, OFFICER);
      if (what === 'file') await services.letters.file(l.id, { reason: 'Không đủ điều kiện xử lý' }, OFFICER);
      if (what === 'return') await services.letters.returnLetter(l.id, { reason: 'Chuyển nhầm cơ quan' }, OFFICER);
    }
  }
  // Hotline: 50 items (30 late returns, 20 refusals), every one handled.
  for (let h = 0; h < 50; h++) {
    const date = dayOf(h * 3);
    clock.set(`${date}T10:00:00+07:00`);
    const item = await services.hotline.add(
      { procedure: 'Cấp giấy chứng nhận quyền sử dụng đất', unit: 'STNMT', cause: h < 30 ? 'late_return' : 'refusal', content: 'Phản ánh' },
      OFFICER,
    );
    await services.hotline.forward(item.id, {}, OFFICER);
    await services.hotline.answer(item.id, { answer: 'Đã trả hồ sơ cho công dân' }, OFFICER);
  }
  // Tasks: 246 given in the period — 97 done, 106 in progress (due later), 43 overdue.
  for (let t = 0; t < 246; t++) {
    clock.set(`${dayOf(t)}T08:00:00+07:00`);
    const status = t < 97 ? 'done' : t < 203 ? 'in_progress' : 'new';
    const deadline = t < 203 ? '2026-12-31' : '2026-09-30';
    await services.tasks.add({ title: `Nhiệm vụ ${t + 1}`, leadUnit: 'STNMT', deadline, status }, 'test');
  }
  clock.set('2026-10-05T09:00:00+07:00');
  // Incoming: one import of the period's documents.
  const lines: string[] = [];
  for (let d = 0; d < INCOMING; d++)
    lines.push(
      JSON.stringify({
        ...doc({ symbol: `${d + 1}/BC-X`, subject: `Về việc thứ ${d + 1}`, issuedDate: dayOf(d) }),
        arrivalDate: `${dayOf(d)}T08:30:00+07:00`,
      }),
    );
  const f = path.join(tempDir(), 'den.jsonl');
  writeFileSync(f, lines.join('\n'));
  const imported = await importIncomingFile(services, f, { skipInvalid: false, actor: 'test' });
  expect(imported.imported).toBe(INCOMING);
  // Outgoing: the numbered and issued documents of the period.
  await issueOutgoing(services, dbPath);
  return { services, clock };
}

describe('the periodic report', () => {
  it('nine months of records: the drafted «Báo cáo» and its appendix state exactly the office’s figures', async () => {
    const { services } = await nineMonths();
    const leader = await contractAs(services, 'leader');
    const clerk = await contractAs(services, 'clerk');
    const period = { from: '2026-01-01', to: '2026-09-30' };
    const dossiers = { received: 52_398, resolved: 50_788, onTime: 48_604 };

    const figures = await clerk.call('report.office', { ...period, dossiers });
    expect(figures.ok, JSON.stringify(figures).slice(0, 300)).toBe(true);
    const r = (figures as { value: OfficeReport }).value;
    expect(r.periodLabel).toBe('9 tháng đầu năm 2026');
    expect(r.tasks).toEqual({ assigned: 246, completed: 97, inProgress: 106, overdue: 43 });
    expect(r.incoming.received).toBe(INCOMING);
    expect(r.outgoing).toEqual({ issued: ELECTRONIC + PAPER, electronic: ELECTRONIC, paper: PAPER });
    expect([r.letters.received, r.letters.transferred, r.letters.guided]).toEqual([398, 201, 67]);
    expect([r.hotline.received, r.hotline.handled]).toEqual([50, 50]);
    expect(r.dossiers).toEqual({ ...dossiers, source: 'manual' });
    expect(r.table.filter((x) => x.manual).map((x) => x.value)).toEqual(['52.398', '50.788', '95,7%']);

    // The clerk may read the figures; drafting an outgoing document is a leader's.
    expect(await clerk.call('report.officeDraft', { ...period, dossiers })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const made = await leader.call('report.officeDraft', { ...period, dossiers, signer: { name: 'Trần Phước Hiền' } });
    expect(made.ok, JSON.stringify(made).slice(0, 300)).toBe(true);
    const draft = (made as { value: { draft: OutgoingRecord } }).value.draft;
    expect(draft).toMatchObject({ status: 'draft', typeName: 'Báo cáo', subject: 'Kết quả thực hiện nhiệm vụ 9 tháng đầu năm 2026' });
    expect(draft.attachments.map((a) => a.fileName)).toEqual(['phu-luc-so-lieu-2026-01-01-2026-09-30.pdf']);

    // The draft's own PDF (the outgoing preview) carries the sentences in the office's style.
    const preview = await leader.call('outgoing.pdf', { id: draft.id });
    expect(preview.ok, JSON.stringify(preview).slice(0, 300)).toBe(true);
    const text = pdfText((preview as { value: { bytes: Uint8Array } }).value.bytes);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả thực hiện nhiệm vụ 9 tháng đầu năm 2026');
    expect(text).toContain(
      'Trong tổng số 246 nhiệm vụ được giao, đến nay đã hoàn thành 97 nội dung, đang triển khai 106 nội dung; 43 nội dung đã quá hạn nhưng chưa hoàn thành.',
    );
    expect(text).toContain(
      'Tiếp nhận, đăng ký 26.958 văn bản đến; phát hành 7.815 văn bản đi (5.210 văn bản điện tử có chữ ký số và 2.605 văn bản giấy).',
    );
    expect(text).toContain(
      'Tiếp nhận 52.398 hồ sơ thủ tục hành chính, đã giải quyết 50.788 hồ sơ, trong đó 95,7% hồ sơ giải quyết đúng hạn và trước hạn (*).',
    );
    expect(text).toContain('Đã tiếp nhận 398 đơn, đã chuyển cơ quan có thẩm quyền xử lý 201 đơn; hướng dẫn đơn cho 67 trường hợp;');
    expect(text).toContain(
      'Đã tiếp nhận, xử lý 50 phản ánh của công dân, liên quan đến việc chậm trả hồ sơ, từ chối không giải quyết thủ tục hành chính qua đường dây nóng.',
    );
    expect(text).toContain('(*) Số liệu do cơ quan nhập tay');

    // The appendix: the table, the same numbers, hand-entered rows marked.
    const appendix = await services.outgoing.attachmentPdf(draft.id, draft.attachments[0]!.id);
    const table = pdfText(appendix.bytes);
    for (const [label, value] of [
      ['Tổng số nhiệm vụ được giao Nhiệm vụ', '246'],
      ['Đã hoàn thành Nhiệm vụ', '97'],
      ['Đang triển khai Nhiệm vụ', '106'],
      ['Văn bản đến được tiếp nhận, đăng ký Văn bản', '26.958'],
      ['Văn bản đi được phát hành Văn bản', '7.815'],
      ['- Văn bản điện tử có chữ ký số Văn bản', '5.210'],
      ['- Văn bản giấy Văn bản', '2.605'],
      ['Hồ sơ tiếp nhận Hồ sơ', '52.398'],
      ['Hồ sơ đã giải quyết Hồ sơ', '50.788'],
      ['Đơn tiếp nhận Đơn', '398'],
      ['Chuyển cơ quan có thẩm quyền xử lý Đơn', '201'],
      ['Hướng dẫn công dân Trường hợp', '67'],
      ['Phản ánh qua đường dây nóng Phản ánh', '50'],
    ])
      expect(table).toContain(`${label} ${value}`);
    expect(table).toContain('Hồ sơ thủ tục hành chính (*)');
    expect(table).toContain('SỐ LIỆU KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG ĐẦU NĂM 2026');
  }, 900_000);

  it('refuses a period with from after to, and bad hand-entered figures, writing nothing', async () => {
    const { services } = await letterOffice();
    const leader = await contractAs(services, 'leader');
    const seq = async () => services.store.write(async (r) => (await r.audit.last())?.seq ?? 0);
    const before = await seq();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ from: '2026-09-30', to: '2026-01-01' }, 'invalid_range', 'to'],
      [{ from: '2026-01-01', to: '2026-09-30', dossiers: { resolved: 10, onTime: 11 } }, 'invalid_number', 'dossiers.onTime'],
      [{ from: '2026-02-30', to: '2026-09-30' }, 'invalid_date', 'from'],
    ];
    for (const [input, code, field] of cases) {
      const r = await leader.call('report.officeDraft', input as never);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(await seq()).toBe(before);
  });
});

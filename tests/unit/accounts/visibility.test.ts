/**
 * What each person SEES (issue 10, item 2; src/main/accounts/visibility.ts), through the
 * contract as the signed-in account, on both stores (this file is in the `postgres`
 * project too, where the app connects as the owner: no row policy helps, the app's own
 * rules must hold). Confidential documents are absent — from lists, outlines, searches and
 * their totals — for anyone without the grant, and opening one by id is refused
 * (`forbidden`, audited, nothing else written); a specialist sees their unit's documents;
 * an administrator reads none. Every opening of a confidential document by someone with the
 * grant is in the audit trail.
 */
import { describe, expect, it } from 'vitest';
import type { InputOf, MethodName, OutputOf } from '../../../src/shared/contract.js';
import type { Result } from '../../../src/shared/result.js';
import type { Services } from '../../../src/main/services.js';
import { dispatch } from '../../../src/main/api/handlers.js';
import { addFixtureAccounts, contractAs, doc, freshServices, signedIn } from '../helpers.js';
import { FIXTURE_PASSWORD, OFFICE_USER, ROLE_USERS } from '../../support/accounts.js';
import { DRAFT } from '../outgoing/fixtures.js';

/** The second unit, its specialist, and a clerk who holds the confidential grant. */
const OTHER_UNIT = { code: 'TCHC', name: 'Phòng Tổ chức - Hành chính' };
const OTHER_SPECIALIST = 'cv.tchc';
const GRANTED_CLERK = 'vt.mat';

interface Office {
  services: Services;
  clock: { set(iso: string): void };
  ids: { a: number; b: number; free: number; secret: number };
  out: { mine: number; other: number; secret: number };
}

async function office(): Promise<Office> {
  const { services, clock } = await freshServices();
  await addFixtureAccounts(services);
  await services.directory.addUnit(OTHER_UNIT.code, OTHER_UNIT.name, OFFICE_USER);
  for (const u of [
    { username: OTHER_SPECIALIST, fullName: 'Hồ Chuyên Viên', roles: ['specialist'], unit: OTHER_UNIT.code, confidential: false },
    { username: GRANTED_CLERK, fullName: 'Đinh Văn Mật', roles: ['clerk'], confidential: true },
  ]) {
    await services.accounts.add({ ...u, password: FIXTURE_PASSWORD }, OFFICE_USER);
    await services.store.write(async (r) => {
      const a = await r.accounts.byUsername(u.username);
      await r.accounts.update(a!.id, { mustChangePassword: false }, '2026-01-01T00:00:00+07:00');
    });
  }
  const clerk = ROLE_USERS.clerk.username;
  const add = async (over: Record<string, unknown>) => (await services.incoming.add(doc(over), { actor: clerk })).id;
  const ids = {
    a: await add({ symbol: '11/KH-KHDT', subject: 'Kế hoạch đầu tư công năm 2026', arrivalDate: '2026-03-05T08:00:00+07:00' }),
    b: await add({ symbol: '12/TB-TCHC', subject: 'Thông báo tuyển dụng công chức', arrivalDate: '2026-03-05T09:00:00+07:00' }),
    free: await add({ symbol: '13/CV-STC', subject: 'Công văn về kinh phí', arrivalDate: '2026-03-05T10:00:00+07:00' }),
    secret: await add({
      symbol: '14/KH-CA',
      subject: 'Kế hoạch bảo vệ bí mật nhà nước',
      secrecy: 'confidential',
      arrivalDate: '2026-03-05T11:00:00+07:00',
    }),
  };
  const leader = ROLE_USERS.leader.username;
  await services.assignments.assign(ids.a, { lead: 'KHDT', due: '2026-03-20' }, leader);
  await services.assignments.assign(ids.b, { lead: OTHER_UNIT.code, due: '2026-03-20' }, leader);
  // The confidential document is the specialist's unit's too: the grant still decides.
  await services.assignments.assign(ids.secret, { lead: 'KHDT', due: '2026-03-20' }, leader);
  const out = {
    mine: (await services.outgoing.draft({ ...DRAFT, draftingUnit: 'KHDT' }, { actor: ROLE_USERS.specialist.username })).id,
    other: (
      await services.outgoing.draft({ ...DRAFT, draftingUnit: OTHER_UNIT.code, subject: 'Về việc tổ chức hội nghị' }, { actor: leader })
    ).id,
    secret: (
      await services.outgoing.draft(
        { ...DRAFT, draftingUnit: 'KHDT', secrecy: 'confidential', subject: 'Về việc bảo vệ bí mật' },
        { actor: leader },
      )
    ).id,
  };
  return { services, ids, out, clock };
}

/** A caller signed in as `username` (a fixture account or one of this file's). */
async function as(services: Services, username: string) {
  const { handlers } = await contractAs(services);
  const slot = await signedIn(handlers, username);
  return async <M extends MethodName>(method: M, input: InputOf<M>) => {
    return (await dispatch(handlers, method, input, slot)) as Result<OutputOf<M>>;
  };
}

type Call = Awaited<ReturnType<typeof as>>;

async function seen(call: Call) {
  const list = await call('incoming.list', {});
  const outline = await call('incoming.outline', {});
  const search = await call('search.incoming', { query: 'kế hoạch' });
  const all = await call('search.count', {});
  const info = await call('app.info', {});
  const out = await call('outgoing.list', {});
  const outSearch = await call('outgoing.search', { query: 'về việc' });
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
    if (!r.ok) throw new Error(`refused: ${r.error.code}`);
    return r.value;
  };
  return {
    list: ok(list)
      .items.map((d) => d.symbol)
      .sort(),
    outline: ok(outline).total,
    search: ok(search)
      .items.map((d) => d.symbol)
      .sort(),
    searchTotal: ok(search).total,
    count: ok(all).total,
    totalIncoming: ok(info).totalIncoming,
    outgoing: ok(out)
      .items.map((d) => d.subject)
      .sort(),
    outgoingSearch: ok(outSearch).total,
  };
}

async function trail(services: Services, entity: string, id: number) {
  return (await services.store.read((r) => r.audit.forEntity(entity, id))).map((e) => ({
    actor: e.actor,
    action: e.action,
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
}

/** The newest audit entry's number (read-only: the store's `last` locks the head for a write). */
async function lastSeq(services: Services): Promise<number> {
  const all = await services.store.read((r) => r.audit.scan(0, 100_000));
  return all[all.length - 1]!.seq;
}

/** The office, asked on 25/03/2026: the directions (due 20/03) are overdue. */
async function freshServicesAt() {
  const o = await office();
  o.clock.set('2026-03-25T09:00:00+07:00');
  return o;
}

describe('who sees which documents', () => {
  it('a clerk without the grant: no confidential document in lists, outlines, searches or totals; opening one is refused and audited', async () => {
    const { services, ids, out } = await office();
    const call = await as(services, ROLE_USERS.clerk.username);
    expect(await seen(call)).toEqual({
      list: ['11/KH-KHDT', '12/TB-TCHC', '13/CV-STC'],
      outline: 3,
      search: ['11/KH-KHDT'],
      searchTotal: 1,
      count: 3,
      totalIncoming: 3,
      outgoing: ['Về việc thành lập Tổ công tác chuyển đổi số', 'Về việc tổ chức hội nghị'],
      outgoingSearch: 2,
    });
    // The confidential registers are not even named to them: not in register.list, not in app.info.
    const registers = await call('register.list', {});
    expect(registers.ok && registers.value.map((g) => g.code).sort()).toEqual(['DEN', 'DI']);
    const named = await call('app.info', {});
    expect(named.ok && named.value.registers.map((g) => g.code).sort()).toEqual(['DEN', 'DI']);
    // Even asked for by register or by secrecy, nothing of DEN-MAT.
    const book = await call('incoming.list', { register: 'DEN-MAT' });
    expect(book.ok && book.value.items).toEqual([]);
    const bySecrecy = await call('search.count', { secrecy: 'confidential' });
    expect(bySecrecy.ok && bySecrecy.value.total).toBe(0);

    const before = await lastSeq(services);
    for (const [method, input] of [
      ['incoming.get', { id: ids.secret }],
      ['incoming.audit', { id: ids.secret }],
      ['incoming.assignments', { id: ids.secret }],
      ['outgoing.get', { id: out.secret }],
      ['outgoing.pdf', { id: out.secret }],
    ] as const) {
      const r = await call(method, input as never);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error, method).toMatchObject({ code: 'forbidden', details: { reason: 'confidential' } });
    }
    // Only the refusals were written: one entry each, naming who, what and why.
    const after = await services.store.read((r) => r.audit.scan(before, 100));
    expect(after.map((e) => [e.actor, e.action, e.entity, JSON.parse(e.data).method])).toEqual([
      [ROLE_USERS.clerk.username, 'refused', 'incoming', 'incoming.get'],
      [ROLE_USERS.clerk.username, 'refused', 'incoming', 'incoming.history'],
      [ROLE_USERS.clerk.username, 'refused', 'incoming', 'incoming.assignments'],
      [ROLE_USERS.clerk.username, 'refused', 'outgoing', 'outgoing.get'],
      [ROLE_USERS.clerk.username, 'refused', 'outgoing', 'outgoing.pdf'],
    ]);
    // An ordinary document opens as before, and opening it writes nothing.
    const r = await call('incoming.get', { id: ids.free });
    expect(r.ok).toBe(true);
    expect(await lastSeq(services)).toBe(after[after.length - 1]!.seq);
  });

  it('a hidden document cannot be changed or stamped blindly by its id: edit, void, ĐẾN stamp, number, issue are refused and audited', async () => {
    const { services, ids, out } = await office();
    const clerk = await as(services, ROLE_USERS.clerk.username);
    const specialist = await as(services, OTHER_SPECIALIST);
    const before = await services.store.read((r) => r.incoming.get(ids.secret));
    const attempts: [Call, MethodName, Record<string, unknown>, string][] = [
      [clerk, 'incoming.update', { id: ids.secret, data: { subject: 'Đổi trích yếu' } }, 'confidential'],
      [clerk, 'incoming.void', { id: ids.secret, reason: 'Vào nhầm sổ' }, 'confidential'],
      [clerk, 'incoming.stamp', { id: ids.secret }, 'confidential'],
      [clerk, 'outgoing.number', { id: out.secret }, 'confidential'],
      [clerk, 'outgoing.issuePaper', { id: out.secret, copies: 1 }, 'confidential'],
      [specialist, 'outgoing.update', { id: out.mine, data: { subject: 'Sửa dự thảo của đơn vị khác' } }, 'unit'],
    ];
    for (const [call, method, input, reason] of attempts) {
      const seq = await lastSeq(services);
      const r = await call(method, input as never);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error, method).toMatchObject({ code: 'forbidden', details: { method, reason } });
      const written = (await services.store.read((rr) => rr.audit.scan(seq, 100))).filter((e) => e.seq > seq);
      expect(
        written.map((e) => e.action),
        method,
      ).toEqual(['refused']);
    }
    const after = await services.store.read((r) => r.incoming.get(ids.secret));
    expect(after).toEqual(before);
    expect((await services.outgoing.get(out.secret)).status).toBe('draft');
    expect((await services.outgoing.get(out.mine)).subject).toBe(DRAFT.subject);
  });

  it('a clerk with the grant sees everything; each opening of a confidential document is in its trail', async () => {
    const { services, ids, out } = await office();
    const call = await as(services, GRANTED_CLERK);
    expect(await seen(call)).toMatchObject({ outline: 4, count: 4, totalIncoming: 4, searchTotal: 2, outgoingSearch: 3 });
    const registers = await call('register.list', {});
    expect(registers.ok && registers.value.map((g) => g.code).sort()).toEqual(['DEN', 'DEN-MAT', 'DI', 'DI-MAT']);
    expect((await call('incoming.get', { id: ids.secret })).ok).toBe(true);
    expect((await call('incoming.get', { id: ids.free })).ok).toBe(true);
    expect((await call('outgoing.get', { id: out.secret })).ok).toBe(true);
    expect((await call('outgoing.pdf', { id: out.secret })).ok).toBe(true);
    const opened = (await trail(services, 'incoming', ids.secret)).filter((e) => e.action === 'open');
    expect(opened).toEqual([
      { actor: GRANTED_CLERK, action: 'open', data: expect.objectContaining({ opened: 'detail', register: 'DEN-MAT' }) },
    ]);
    expect((await trail(services, 'incoming', ids.free)).filter((e) => e.action === 'open')).toEqual([]);
    expect((await trail(services, 'outgoing', out.secret)).filter((e) => e.action === 'open').map((e) => e.data.opened)).toEqual([
      'detail',
      'pdf',
    ]);
  });

  it("a specialist sees their unit's documents and their unit's drafts only, in every list, search and total", async () => {
    const { services, ids, out } = await office();
    const a = await as(services, ROLE_USERS.specialist.username);
    expect(await seen(a)).toEqual({
      list: ['11/KH-KHDT'],
      outline: 1,
      search: ['11/KH-KHDT'],
      searchTotal: 1,
      count: 1,
      totalIncoming: 1,
      outgoing: ['Về việc thành lập Tổ công tác chuyển đổi số'],
      outgoingSearch: 1,
    });
    expect((await a('incoming.get', { id: ids.a })).ok).toBe(true);
    const refused = await a('incoming.get', { id: ids.b });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'forbidden', details: { reason: 'unit', method: 'incoming.get' } });
    const secret = await a('incoming.get', { id: ids.secret });
    expect(!secret.ok && secret.error).toMatchObject({ code: 'forbidden', details: { reason: 'confidential' } });
    const other = await a('outgoing.get', { id: out.other });
    expect(!other.ok && other.error).toMatchObject({ code: 'forbidden', details: { reason: 'unit' } });

    const b = await as(services, OTHER_SPECIALIST);
    expect(await seen(b)).toEqual({
      list: ['12/TB-TCHC'],
      outline: 1,
      search: [],
      searchTotal: 0,
      count: 1,
      totalIncoming: 1,
      outgoing: ['Về việc tổ chức hội nghị'],
      outgoingSearch: 1,
    });
    expect((await b('incoming.get', { id: ids.b })).ok).toBe(true);
    expect((await b('incoming.get', { id: ids.a })).ok).toBe(false);

    // A new direction moves the document: the unit it left no longer sees it.
    await services.assignments.assign(ids.a, { lead: OTHER_UNIT.code, due: '2026-03-25' }, ROLE_USERS.leader.username);
    expect((await seen(a)).count).toBe(0);
    expect((await seen(b)).list).toEqual(['11/KH-KHDT', '12/TB-TCHC']);
  });

  it("the files' text follows the same rules: a confidential document's content is found only with the grant, a unit's by its specialist", async () => {
    const { services } = await office();
    // Two documents whose PDFs say the same thing: one ordinary (the KHDT unit's), one confidential (KHDT's too).
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([595, 842]).drawText('Phuong an phong chong lu bao tren song Tra Khuc', { x: 60, y: 700, size: 12, font });
    const bytes = await pdf.save();
    const clerkName = ROLE_USERS.clerk.username;
    const plain = await services.incoming.add(doc({ symbol: '21/PA-KHDT', subject: 'Phương án năm 2026' }), {
      actor: clerkName,
      attachments: [{ fileName: 'pa.pdf', bytes }],
    });
    const secret = await services.incoming.add(doc({ symbol: '22/PA-CA', subject: 'Phương án bảo vệ', secrecy: 'confidential' }), {
      actor: GRANTED_CLERK,
      attachments: [{ fileName: 'pa-mat.pdf', bytes }],
    });
    const leader = ROLE_USERS.leader.username;
    await services.assignments.assign(plain.id, { lead: 'KHDT', due: '2026-03-20' }, leader);
    await services.assignments.assign(secret.id, { lead: 'KHDT', due: '2026-03-20' }, leader);
    const found = async (call: Call, scope: 'content' | 'all') => {
      const r = await call('search.incoming', { query: 'sông Trà Khúc', in: scope });
      const c = await call('search.count', { query: 'sông Trà Khúc', in: scope });
      if (!r.ok || !c.ok) throw new Error('refused');
      return {
        ids: r.value.items.map((d) => d.id).sort(),
        hits: (r.value.contentHits ?? []).map((h) => h.documentId).sort(),
        total: c.value.total,
      };
    };
    for (const scope of ['content', 'all'] as const) {
      const sorted = [plain.id, secret.id].sort();
      expect(await found(await as(services, GRANTED_CLERK), scope), scope).toEqual({ ids: sorted, hits: sorted, total: 2 });
      expect(await found(await as(services, clerkName), scope), scope).toEqual({ ids: [plain.id], hits: [plain.id], total: 1 });
      expect(await found(await as(services, ROLE_USERS.specialist.username), scope), scope).toEqual({
        ids: [plain.id],
        hits: [plain.id],
        total: 1,
      });
      expect(await found(await as(services, OTHER_SPECIALIST), scope), scope).toEqual({ ids: [], hits: [], total: 0 });
    }
  });

  it('an archivist reads every ordinary document; an administrator reads none', async () => {
    const { services, ids } = await office();
    const archivist = await as(services, ROLE_USERS.archivist.username);
    expect(await seen(archivist)).toMatchObject({
      list: ['11/KH-KHDT', '12/TB-TCHC', '13/CV-STC'],
      count: 3,
      outline: 3,
      totalIncoming: 3,
    });
    expect((await archivist('incoming.get', { id: ids.secret })).ok).toBe(false);

    const admin = await as(services, ROLE_USERS.admin.username);
    const list = await admin('incoming.list', {});
    expect(!list.ok && list.error.code).toBe('forbidden');
    const info = await admin('app.info', {});
    expect(info.ok && info.value.totalIncoming).toBe(0);
  });

  it('follow-up lists, reports and books: no confidential document without the grant; a specialist their unit only', async () => {
    const { services } = await freshServicesAt();
    const clerk = await as(services, ROLE_USERS.clerk.username);
    const granted = await as(services, GRANTED_CLERK);
    const specialist = await as(services, ROLE_USERS.specialist.username);
    const symbols = (r: Result<{ symbol: string | null }[]>) => (r.ok ? r.value.map((x) => x.symbol).sort() : r.error.code);
    // Due 20/03, asked on 25/03: all three directed documents are overdue.
    expect(symbols(await clerk('followup.overdue', {}))).toEqual(['11/KH-KHDT', '12/TB-TCHC']);
    expect(symbols(await granted('followup.overdue', {}))).toEqual(['11/KH-KHDT', '12/TB-TCHC', '14/KH-CA']);
    expect(symbols(await specialist('followup.overdue', {}))).toEqual(['11/KH-KHDT']);
    const other = await specialist('followup.overdue', { unit: OTHER_UNIT.code });
    expect(!other.ok && other.error).toMatchObject({ code: 'forbidden', details: { reason: 'unit' } });

    const report = async (call: Call) => {
      const r = await call('report.get', { from: '2026-03-01', to: '2026-03-31' });
      if (!r.ok) throw new Error(r.error.code);
      return { received: r.value.received, assigned: r.value.assigned, unit: r.value.unit };
    };
    expect(await report(clerk)).toEqual({ received: 3, assigned: 2, unit: null });
    expect(await report(granted)).toEqual({ received: 4, assigned: 3, unit: null });
    expect(await report(specialist)).toEqual({ received: 1, assigned: 1, unit: 'KHDT' });

    const book = await clerk('register.print', { register: 'DEN-MAT', year: 2026 });
    expect(!book.ok && book.error).toMatchObject({ code: 'forbidden', details: { reason: 'confidential' } });
    const ordinary = await clerk('register.print', { register: 'DEN', year: 2026 });
    expect(ordinary.ok && ordinary.value.documents).toBe(3);
    const secretBook = await granted('register.print', { register: 'DEN-MAT', year: 2026 });
    expect(secretBook.ok && secretBook.value.documents).toBe(1);
  });
});

describe('a history names colleagues by their full names', () => {
  it('a specialist reads, in their document’s history, who registered and assigned it by full name', async () => {
    const { services, ids } = await office();
    const spec = await as(services, ROLE_USERS.specialist.username);
    const r = await spec('incoming.audit', { id: ids.a });
    if (!r.ok) throw new Error(`refused: ${r.error.code}`);
    const named = new Map(r.value.map((e) => [e.actor, e.actorName]));
    expect(named.get(ROLE_USERS.clerk.username)).toBe(ROLE_USERS.clerk.fullName);
    expect(named.get(ROLE_USERS.leader.username)).toBe(ROLE_USERS.leader.fullName);
  });
});

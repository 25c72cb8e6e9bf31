/**
 * The archive's remaining tables follow the permission table role by role (migration 0230):
 * connected as themselves with psql, a specialist reads whether a hold is on but not who
 * ordered it or why, and can no longer lift it; hand-overs are the clerk's and the archivist's,
 * destructions the archivist's and a leader's, received edXML messages the clerk's, the
 * follow-up book the clerk's, a leader's and a specialist's (not the archivist's), the file
 * plan everyone's to read and the clerk's and the archivist's to write. Their trail entries
 * follow (0218). The app on those logins works as before (a specialist's dossier still says it
 * is held); `check` works on the administrator's own login and still finds a broken counter;
 * vt_dossier_item_count is plpgsql with the same answers. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveActorOf } from '../../../src/main/archive/archiveService.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const CLERK = `vt.clerk.${RUN}`;
const LEADER = `ld.leader.${RUN}`;
const SPEC = `cv.khdt.${RUN}`;
const ARCHIVIST = `lt.luutru.${RUN}`;
const OFFICE = { actor: 'lưu trữ', confidential: true };
const CLOCK = fixedClock('2026-03-10T09:00:00+07:00');

let url = '';
let owner: Services;
const opened: Services[] = [];
const ids = { unit: 0, doc: 0, dossier: 0, hold: 0, task: 0, outgoing: 0 };

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);
const one = (user: string, sql: string) => {
  const r = psqlAs(user, sql);
  expect(r.ok, r.err).toBe(true);
  return r.out;
};
/** How many rows of `table` the person reads, or 'denied' when the table is not theirs to read. */
const rowsOf = (user: string, table: string) => {
  const r = psqlAs(user, `SELECT count(*) FROM ${table}`);
  if (!r.ok) {
    expect(r.err).toContain('permission denied');
    return 'denied';
  }
  return r.out;
};
/** The ids of the rows of `entity` whose trail entries the person reads. */
const entriesOf = (user: string, entity: string) =>
  one(user, `SELECT coalesce(string_agg(DISTINCT entity_id::text, ','), '-') FROM audit_log WHERE entity = '${entity}'`);

async function appAs(user: string): Promise<Services> {
  const a = await createServices({
    dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(user)}@`),
    password: PASSWORD,
    clock: CLOCK,
  });
  opened.push(a);
  return a;
}

const actor = (username: string, roles: string[], unit: string | null = null, unitId: number | null = null) =>
  archiveActorOf({ username, fullName: 'Người Thử', roles, confidential: false, unit, unitName: null, unitId } as never, username);

d("the archive's remaining tables, role by role (migration 0230)", () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: CLOCK });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    ids.unit = (await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN)).id;
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(LEADER, ['leader']);
    await add(SPEC, ['specialist'], { unit: 'KHDT' });
    await add(ARCHIVIST, ['archivist']);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');

    await owner.archive.createPlan({ year: 2026 }, OFFICE);
    ids.doc = (
      await owner.incoming.add(doc({ symbol: '1/KHDT', subject: 'Kế hoạch vốn đầu tư công' }), {
        actor: CLERK,
        attachments: [{ fileName: 'ke-hoach.pdf', bytes: Buffer.from(minimalPdf(1000)) }],
      })
    ).id;
    await owner.assignments.assign(ids.doc, { lead: 'KHDT', due: '2026-03-20' }, 'lãnh đạo');
    ids.dossier = (
      await owner.archive.open(
        { title: 'Hồ sơ vốn đầu tư công', code: '11.KHDT', retention: 10, startDate: '2026-03-05' },
        {
          ...OFFICE,
          unitId: ids.unit,
        },
      )
    ).id;
    await owner.archive.addDoc({ id: ids.dossier, kind: 'incoming', docId: ids.doc }, OFFICE);
    ids.hold = (
      await owner.disposition.placeHold(
        {
          targets: [{ kind: 'dossier', id: ids.dossier }],
          orderedBy: 'Chánh Thanh tra tỉnh Nguyễn Văn Sáng',
          orderRef: '3/QĐ-TTr',
          reason: 'Thanh tra việc tố cáo của bà Lê Thị Hoa',
        },
        OFFICE,
      )
    ).id;
    ids.task = (await owner.tasks.add({ title: 'Tổng hợp báo cáo', leadUnit: 'KHDT', deadline: '2026-04-01' }, CLERK)).id;
    await pgQuery(
      url,
      `INSERT INTO handovers (year, unit_name, block_name, giver_name, status, created_at, created_by)
       VALUES (2026, 'Phòng Tổ chức - Hành chính', 'Tài liệu tổ chức bộ máy', 'Trần Thị Bình', 'submitted', '2026-03-09', 'lưu trữ')`,
    );
    await pgQuery(
      url,
      `INSERT INTO destructions (title, status, proposed_at, proposed_by) VALUES ('Hủy tài liệu hết hạn 2015', 'proposed', '2026-03-09', 'lưu trữ')`,
    );
    await pgQuery(
      url,
      `INSERT INTO edxml_received (message_sha256, document_id, from_organ, business_type, subject, symbol, state, received_at, header)
       VALUES (repeat('b', 64), 'D-1', '000.00.01.H49', 0, 'Về việc thanh tra đơn tố cáo', '5/TTr', 'pending', '2026-03-09', '{}')`,
    );
    ids.outgoing = (await owner.outgoing.draft({ ...DRAFT, draftingUnit: 'KHDT' }, { actor: ADMIN })).id;
    await pgQuery(
      url,
      `INSERT INTO edxml_sent (outgoing_id, organ_id, organ_name, business_type, document_id, status, status_at, file_name, created_at)
       VALUES ($1, '000.00.01.H49', 'Thanh tra tỉnh', 0, 'D-7', 'sent', '2026-03-09', 'goi-tin.edxml', '2026-03-09')`,
      [ids.outgoing],
    );
    await pgQuery(
      url,
      `INSERT INTO edxml_status (direction, document_id, organ_id, code, at) VALUES ('in', 'D-7', '000.00.01.H49', '01', '2026-03-09')`,
    );
  }, 180_000);

  afterAll(async () => {
    for (const s of opened) await s.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('psql: each role reads the tables the permission table gives it, and no others', () => {
    const table = (t: string) => [CLERK, LEADER, SPEC, ARCHIVIST, ADMIN].map((u) => rowsOf(u, t));
    //                                        clerk     leader    specialist archivist admin
    expect(table('file_plans')).toEqual(['1', '1', '1', '1', 'denied']);
    // (A specialist counts holds: they read two of its columns, below.)
    expect(table('holds')).toEqual(['1', '1', '1', '1', 'denied']);
    expect(table('hold_items')).toEqual(['1', '1', '1', '1', 'denied']);
    expect(table('handovers')).toEqual(['1', 'denied', 'denied', '1', 'denied']);
    expect(table('handover_items')).toEqual(['0', 'denied', 'denied', '0', 'denied']);
    expect(table('destructions')).toEqual(['denied', '1', 'denied', '1', 'denied']);
    expect(table('destruction_items')).toEqual(['denied', '0', 'denied', '0', 'denied']);
    expect(table('tasks')).toEqual(['1', '1', '1', 'denied', 'denied']);
    expect(table('edxml_received')).toEqual(['1', 'denied', 'denied', 'denied', 'denied']);
    // Sent messages and their statuses: the clerk's, a leader follows deliveries (0233).
    expect(table('edxml_sent')).toEqual(['1', '1', 'denied', 'denied', 'denied']);
    expect(table('edxml_status')).toEqual(['1', '1', 'denied', 'denied', 'denied']);
    // A specialist learns whether a hold is on, not who ordered it, the order or why.
    expect(one(SPEC, `SELECT id || ':' || (lifted_at IS NULL) FROM holds`)).toBe(`${ids.hold}:true`);
    for (const c of ['ordered_by', 'order_ref', 'reason', 'placed_by', '*']) {
      const r = psqlAs(SPEC, `SELECT ${c} FROM holds`);
      expect(r.ok, c).toBe(false);
      expect(r.err).toContain('permission denied');
    }
  });

  it('psql: only the archivist places and lifts a hold; the plan is drawn up by the clerk and the archivist', async () => {
    const lift = `UPDATE holds SET lifted_at = '2026-03-10', lifted_by = 'x', lift_ref = 'x', lift_reason = 'x' WHERE id = ${ids.hold}`;
    for (const u of [SPEC, CLERK, LEADER]) {
      const r = psqlAs(u, lift);
      expect(r.ok, u).toBe(false);
      expect(r.err).toContain('permission denied');
    }
    const place = psqlAs(SPEC, `INSERT INTO hold_items (hold_id, target_kind, target_id) VALUES (${ids.hold}, 'incoming', ${ids.doc})`);
    expect(place.ok).toBe(false);
    expect((await pgQuery<{ n: number }>(url, 'SELECT count(*)::int AS n FROM holds WHERE lifted_at IS NULL'))[0]!.n).toBe(1);
    // A leader approves a plan (those columns) but does not draw it up; a specialist neither.
    for (const [u, sql] of [
      [LEADER, `UPDATE file_plans SET numbering = 'per_heading'`],
      [LEADER, `INSERT INTO file_plans (year, numbering, created_at, created_by, updated_at) VALUES (2030, 'continuous', 'x', 'x', 'x')`],
      [SPEC, `UPDATE file_plans SET updated_at = 'x'`],
      [CLERK, `UPDATE destructions SET note = 'x'`],
      [ARCHIVIST, `UPDATE tasks SET note = 'x'`],
    ] as const) {
      const r = psqlAs(u, sql);
      expect(r.ok, `${u}: ${sql}`).toBe(false);
      expect(r.err).toContain('permission denied');
    }
    expect(one(LEADER, `UPDATE file_plans SET updated_at = updated_at WHERE false`)).toBe('');
  });

  it('psql: only the clerk writes sent edXML messages and status rows; a leader reads the deliveries (migration 0233)', async () => {
    const accept = `UPDATE edxml_sent SET status = 'accepted', status_at = '2026-03-10'`;
    const queue = `INSERT INTO edxml_status (direction, document_id, organ_id, code, at) VALUES ('out', 'D-1', '000.00.01.H49', '06', '2026-03-10')`;
    for (const u of [LEADER, SPEC, ARCHIVIST, ADMIN]) {
      for (const sql of [accept, queue]) {
        const r = psqlAs(u, sql);
        expect(r.ok, `${u}: ${sql}`).toBe(false);
        expect(r.err).toContain('permission denied');
      }
    }
    expect((await pgQuery<{ s: string }>(url, 'SELECT status AS s FROM edxml_sent'))[0]!.s).toBe('sent');
    expect(one(CLERK, `UPDATE edxml_sent SET note = note WHERE false`)).toBe('');
    // Through the app on their own logins: a leader and the clerk follow the deliveries.
    const leader = await appAs(LEADER);
    const seen = await leader.interchange.deliveries(ids.outgoing);
    expect(seen.map((x) => [x.status, x.history.map((h) => h.code)])).toEqual([['sent', ['01']]]);
    const clerk = await appAs(CLERK);
    expect(await clerk.interchange.deliveries(ids.outgoing)).toEqual(seen);
    // The clerk's exchange pass queues and writes the answers as before.
    expect(await clerk.interchange.collectProgress()).toBeGreaterThanOrEqual(0);
  });

  it('psql: dossiers, their items, packages, tombstones, removed contents and letter counters are written only by their writers (migration 0234)', () => {
    const nothing = (t: string) => `INSERT INTO ${t} SELECT * FROM ${t} WHERE false`;
    const denied: [string, string][] = [
      [LEADER, `UPDATE dossiers SET title = 'Hồ sơ bị sửa' WHERE id = ${ids.dossier}`],
      [LEADER, nothing('dossiers')],
      [LEADER, `DELETE FROM dossier_items WHERE dossier_id = ${ids.dossier}`],
      [LEADER, nothing('dossier_items')],
      ...[CLERK, LEADER, SPEC, ARCHIVIST].map((u): [string, string] => [u, `DELETE FROM dossiers WHERE id = ${ids.dossier}`]),
      ...[LEADER, SPEC].map((u): [string, string] => [u, nothing('handover_packages')]),
      ...[CLERK, LEADER, SPEC].map((u): [string, string] => [u, nothing('destruction_tombstones')]),
      ...[CLERK, LEADER, SPEC].map((u): [string, string] => [
        u,
        `INSERT INTO removed_blobs (sha256, destruction_id, removed_at) VALUES (repeat('c', 64), 1, 'x')`,
      ]),
      ...[SPEC, ARCHIVIST].map((u): [string, string] => [u, `UPDATE letter_counters SET last_number = last_number + 1`]),
      ...[SPEC, ARCHIVIST].map((u): [string, string] => [u, `INSERT INTO letter_counters VALUES ('letter', 2026, 99)`]),
    ];
    for (const [u, sql] of denied) {
      const r = psqlAs(u, sql);
      expect(r.ok, `${u}: ${sql}`).toBe(false);
      // Refused for the table written, not for one the statement reads.
      const table = /^(?:INSERT INTO|UPDATE|DELETE FROM) (\w+)/.exec(sql)![1]!;
      expect(r.err, `${u}: ${sql}`).toContain(`permission denied for table ${table}`);
    }
    // Their writers keep what their calls need (nothing is written: the statements match no row).
    const allowed: [string, string][] = [
      ...[CLERK, SPEC, ARCHIVIST].flatMap((u): [string, string][] => [
        [u, `UPDATE dossiers SET title = title WHERE false`],
        [u, nothing('dossiers')],
        [u, `DELETE FROM dossier_items WHERE false`],
        [u, nothing('dossier_items')],
      ]),
      [CLERK, nothing('handover_packages')],
      [ARCHIVIST, nothing('handover_packages')],
      [ARCHIVIST, nothing('destruction_tombstones')],
      [ARCHIVIST, nothing('removed_blobs')],
      [CLERK, `UPDATE letter_counters SET last_number = last_number WHERE false`],
      [LEADER, nothing('letter_counters')],
    ];
    for (const [u, sql] of allowed) {
      const r = psqlAs(u, sql);
      expect(r.ok, `${u}: ${sql}: ${r.err}`).toBe(true);
    }
    // Reading is unchanged: a leader still reads the dossier and its item.
    expect(one(LEADER, `SELECT count(*) FROM dossier_items WHERE dossier_id = ${ids.dossier}`)).toBe('1');
  });

  it('the trail’s entries of those rows follow the table (0218)', () => {
    expect(entriesOf(CLERK, 'hold')).toBe(String(ids.hold));
    expect(entriesOf(LEADER, 'hold')).toBe(String(ids.hold));
    expect(entriesOf(SPEC, 'hold')).toBe('-');
    expect(entriesOf(SPEC, 'task')).toBe(String(ids.task));
    expect(entriesOf(ARCHIVIST, 'task')).toBe('-');
    for (const u of [CLERK, LEADER, SPEC, ARCHIVIST]) expect(entriesOf(u, 'file_plan')).not.toBe('-');
    // The administrator, who checks the chain, reads every entry.
    expect(entriesOf(ADMIN, 'hold')).toBe(String(ids.hold));
  });

  it('the app on each login works as before: a specialist’s dossier is held, the lists open for their roles', async () => {
    const spec = await appAs(SPEC);
    const asSpec = actor(SPEC, ['specialist'], 'KHDT', ids.unit);
    expect((await spec.archive.get(ids.dossier, asSpec)).held).toBe(true);
    expect((await spec.archive.list({}, asSpec)).items.map((x) => [x.code, x.held])).toEqual([['11.KHDT', true]]);
    await expect(spec.archive.removeDoc({ id: ids.dossier, kind: 'incoming', docId: ids.doc }, asSpec)).rejects.toMatchObject({
      error: { code: 'held' },
    });
    const leader = await appAs(LEADER);
    const holds = await leader.disposition.holds({}, actor(LEADER, ['leader']));
    expect(holds.items.map((h) => h.reason)).toEqual(['Thanh tra việc tố cáo của bà Lê Thị Hoa']);
    expect((await leader.disposition.destructions({}, actor(LEADER, ['leader']))).items).toHaveLength(1);
    const clerk = await appAs(CLERK);
    expect((await clerk.disposition.handovers({}, actor(CLERK, ['clerk']))).items).toHaveLength(1);
    expect(await clerk.interchange.listReceived()).toHaveLength(1);
    expect((await spec.tasks.list({})).map((t) => t.id)).toEqual([ids.task]);
    expect((await spec.archive.plan(2026, asSpec)).year).toBe(2026);
  });

  it('vt_dossier_item_count is plpgsql and answers as before', () => {
    expect(
      one(SPEC, `SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'vt_dossier_item_count'`),
    ).toBe('plpgsql');
    expect(one(SPEC, `SELECT vt_dossier_item_count(${ids.dossier})`)).toBe('1');
    expect(one(ARCHIVIST, `SELECT vt_dossier_item_count(${ids.dossier}) || '/' || vt_dossier_item_count(999999)`)).toBe('1/0');
    expect(one(ADMIN, `SELECT coalesce(vt_dossier_item_count(${ids.dossier})::text, 'null')`)).toBe('null');
  });

  it('`check` on the administrator’s own login reads the chain, the files and the counters', async () => {
    const admin = await appAs(ADMIN);
    const report = await admin.check();
    expect(report.ok, JSON.stringify(report)).toBe(true);
    expect(report.audit.ok).toBe(true);
    expect(report.attachments).toMatchObject({ ok: true, files: 1 });
    // A register counter below its highest number (as the owner, the guard set aside): the
    // administrator, who reads no document, still finds it.
    const lower = `BEGIN; ALTER TABLE register_counters DISABLE TRIGGER USER; UPDATE register_counters SET last_number = 0;
      ALTER TABLE register_counters ENABLE TRIGGER USER; COMMIT;`;
    const [counter] = await pgQuery<{ n: number }>(url, 'SELECT max(last_number)::int AS n FROM register_counters');
    await pgQuery(url, lower);
    try {
      const broken = await admin.check();
      expect(broken.ok).toBe(false);
      expect(broken.integrity.problems.join('\n')).toMatch(/^register_counters: \S+ 2026 counter 0 below number 1$/m);
    } finally {
      await pgQuery(url, `UPDATE register_counters SET last_number = ${counter!.n}`);
    }
  });

  it('the archivist places and lifts a hold through the app on their own login (the lift’s columns are theirs)', async () => {
    const archivist = await appAs(ARCHIVIST);
    const who = actor(ARCHIVIST, ['archivist']);
    const placed = await archivist.disposition.placeHold(
      { targets: [{ kind: 'incoming', id: ids.doc }], orderedBy: 'Giám đốc Sở', orderRef: '9/QĐ', reason: 'Xác minh' },
      who,
    );
    for (const id of [ids.hold, placed.id]) await archivist.disposition.liftHold({ id, liftRef: '10/QĐ', reason: 'Xong' }, who);
    const spec = await appAs(SPEC);
    expect((await spec.archive.get(ids.dossier, actor(SPEC, ['specialist'], 'KHDT', ids.unit))).held).toBe(false);
  });

  it('the clerk draws up the plan and a leader approves it, each through the app on their own login', async () => {
    const clerk = await appAs(CLERK);
    const asClerk = actor(CLERK, ['clerk']);
    await clerk.archive.addHeading({ year: 2026, title: 'VĂN PHÒNG', abbreviation: 'VP' }, asClerk);
    await clerk.archive.addPlanDossier({ year: 2026, heading: 'VP', title: 'Tập lưu văn bản đi năm 2026', retention: 50 }, asClerk);
    const leader = await appAs(LEADER);
    const approved = await leader.archive.approvePlan(
      { year: 2026, decisionNumber: '12/QĐ-UBND', decisionDate: '05/01/2026' },
      actor(LEADER, ['leader']),
    );
    expect(approved).toMatchObject({ status: 'approved', decisionNumber: '12/QĐ-UBND' });
  });

  it('psql: a declared record changes only by the archivist’s correction; uses and keep-backs only by their writers (migration 0232)', async () => {
    // A dossier of the specialist's unit, accepted by the archive (a declared record).
    const id = (
      await owner.archive.open(
        { title: 'Hồ sơ đã nộp lưu', code: '12.KHDT', retention: 10, startDate: '2026-03-01' },
        {
          ...OFFICE,
          unitId: ids.unit,
        },
      )
    ).id;
    await pgQuery(url, `UPDATE dossiers SET state = 'accepted' WHERE id = $1`, [id]);
    const correction = `INSERT INTO archive_corrections (target_kind, target_id, field, old_value, new_value, reason, by_actor, at)
      VALUES ('dossier', ${id}, 'title', 'Hồ sơ đã nộp lưu', 'Hồ sơ bị sửa', 'Đính chính', 'x', '2026-03-10')`;
    for (const u of [SPEC, CLERK, LEADER]) {
      const r = psqlAs(u, correction);
      expect(r.ok, u).toBe(false);
      expect(r.err).toContain('permission denied');
    }
    const change = psqlAs(SPEC, `UPDATE dossiers SET title = 'Hồ sơ bị sửa' WHERE id = ${id}`);
    expect(change.ok).toBe(false);
    expect((await pgQuery<{ title: string }>(url, 'SELECT title FROM dossiers WHERE id = $1', [id]))[0]!.title).toBe('Hồ sơ đã nộp lưu');
    const use = `INSERT INTO usage_register (used_on, user_name, target_kind, target_id, approved_by, created_at, created_by)
      VALUES ('2026-03-10', 'Người mượn', 'dossier', ${id}, 'x', '2026-03-10', 'x')`;
    const keep = `INSERT INTO keep_backs (dossier_id, decision_ref, decided_by, reason, until_date, created_at, created_by)
      VALUES (${id}, '1/QĐ', 'x', 'x', '2028-12-31', '2026-03-10', 'x')`;
    for (const [u, sql] of [
      [SPEC, use],
      [CLERK, use],
      [LEADER, use],
      [SPEC, keep],
      [LEADER, keep],
    ] as const) {
      const r = psqlAs(u, sql);
      expect(r.ok, `${u}: ${sql}`).toBe(false);
      expect(r.err).toContain('permission denied');
    }
    // The clerk still corrects an incoming document's metadata as before (vt_correction_applied runs with their rights).
    const clerk = await appAs(CLERK);
    await clerk.incoming.update(ids.doc, { subject: 'Kế hoạch vốn đầu tư công năm 2026 (bổ sung)' }, { actor: CLERK });
  });

  it('through the app on their own logins: a leader registers a letter (its counter), the archivist destroys an expired dossier (tombstones, removed contents) (migration 0234)', async () => {
    const leader = await appAs(LEADER);
    const letter = await leader.letters.add(
      {
        receivedDate: '2026-03-10',
        kind: 'petition',
        channel: 'post',
        subject: 'Kiến nghị về đường giao thông',
        senders: [{ fullName: 'Lê Văn Kiến' }],
      },
      { actor: LEADER, access: { personal: true, identity: true } } as never,
    );
    expect(letter.number).toBeGreaterThan(0);
    // An expired closed dossier of its own file (as the owner: the dates are set aside).
    const docId = (
      await owner.incoming.add(doc({ symbol: '2/KHDT', subject: 'Báo cáo năm 2015' }), {
        actor: CLERK,
        attachments: [{ fileName: 'bao-cao-2015.pdf', bytes: Buffer.from(minimalPdf(1500)) }],
      })
    ).id;
    const dossierId = (
      await owner.archive.open(
        { title: 'Hồ sơ báo cáo năm 2015', code: '13.KHDT', retention: 10, startDate: '2026-03-01' },
        { ...OFFICE, unitId: ids.unit },
      )
    ).id;
    await owner.archive.addDoc({ id: dossierId, kind: 'incoming', docId }, OFFICE);
    await pgQuery(url, `UPDATE dossiers SET state = 'closed', expiry_year = 2025 WHERE id = $1`, [dossierId]);
    const archivist = await appAs(ARCHIVIST);
    const who = actor(ARCHIVIST, ['archivist']);
    const x = await archivist.disposition.proposeDestruction({ title: 'Hủy hồ sơ hết hạn', dossiers: [dossierId] }, who);
    await (
      await appAs(LEADER)
    ).disposition.approveDestruction(
      { id: x.id, councilRef: '1/HĐ', minutesRef: '2/BB', decisionRef: '3/QĐ', decisionDate: '10/03/2026' },
      actor(LEADER, ['leader']),
    );
    await archivist.disposition.executeDestruction({ id: x.id, minutesRef: '4/BB' }, who);
    const [row] = await pgQuery<{ state: string; tombs: number; removed: number }>(
      url,
      `SELECT d.state, (SELECT count(*)::int FROM destruction_tombstones t WHERE t.destruction_id = $1) AS tombs,
              (SELECT count(*)::int FROM removed_blobs r WHERE r.destruction_id = $1) AS removed
         FROM dossiers d WHERE d.id = $2`,
      [x.id, dossierId],
    );
    expect(row).toEqual({ state: 'destroyed', tombs: 1, removed: 1 });
  });
});

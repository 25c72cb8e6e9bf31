/**
 * Rights in the database (issue 11, item 6): every account is a login role with the group
 * roles of its application roles; the server itself refuses what the permission table
 * refuses, to the app and to anyone connecting with psql. Runs in the `postgres` project.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveActorOf } from '../../../src/main/archive/archiveService.js';
import { PG_MIGRATIONS } from '../../../src/main/db/postgres/migrations/index.js';
import { scramVerifier } from '../../../src/main/db/postgres/loginRoles.js';
import { TABLE_RIGHTS, OWNER_ONLY_TABLES } from '../../../src/main/db/postgres/rights.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { cli, PASSWORD_ENV } from '../cliHelpers.js';
import { doc, fixedClock } from '../helpers.js';
import { psqlAs as psqlAsPerson } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';
import { minimalPdf } from '../fixtures/minimalPdf.js';
import { DRAFT } from '../outgoing/fixtures.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const CLERK = `vt.clerk.${RUN}`;
const LEADER = `ld.leader.${RUN}`;
const SPECIALIST = `cv.khdt.${RUN}`;
const OTHER_SPECIALIST = `cv.tchc.${RUN}`;
const ARCHIVIST = `lt.archive.${RUN}`;
const OFFICE_ADMIN = `qt.office.${RUN}`;
const NEW_CLERK = `vt.moi.${RUN}`;

let url = '';
let owner: Services;
const ids = { normal: 0, other: 0, secret: 0 };
const opened: Services[] = [];

/** The test database's locator for a person (the password is given separately). */
function urlAs(user: string): string {
  return url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(user)}@`);
}

async function servicesAs(user: string): Promise<Services> {
  const s = await createServices({ dbPath: urlAs(user), password: PASSWORD, clock: fixedClock('2026-03-10T09:00:00+07:00') });
  opened.push(s);
  return s;
}

const psqlAs = (user: string, sql: string) => psqlAsPerson(url, user, PASSWORD, sql);

d('rights in the database', () => {
  beforeAll(async () => {
    // Its own database, migrated here: its own group roles.
    url = await newPgDatabase({ empty: true });
    owner = await createServices({ dbPath: url, migrate: true, clock: fixedClock('2026-03-10T09:00:00+07:00') });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(LEADER, ['leader'], { confidential: true });
    await add(SPECIALIST, ['specialist'], { unit: 'KHDT' });
    await add(OTHER_SPECIALIST, ['specialist'], { unit: 'TCHC' });
    // (They have set their own passwords since: the administrator's were to be changed.)
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    const pdf = Buffer.from(minimalPdf(1000));
    ids.normal = (await owner.incoming.add(doc({ symbol: '1/KHDT' }), { actor: CLERK })).id;
    ids.other = (await owner.incoming.add(doc({ symbol: '2/TCHC' }), { actor: CLERK })).id;
    ids.secret = (
      await owner.incoming.add(doc({ symbol: '3/MAT', secrecy: 'confidential', subject: 'Kế hoạch tuyệt mật' }), {
        actor: CLERK,
        attachments: [{ fileName: 'mat.pdf', bytes: pdf }],
      })
    ).id;
    await owner.assignments.assign(ids.normal, { lead: 'KHDT', due: '2026-03-20' }, LEADER);
    await owner.assignments.assign(ids.other, { lead: 'TCHC', due: '2026-03-20' }, LEADER);
  }, 120_000);

  afterAll(async () => {
    for (const s of opened) await s.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
  });

  it('every table has its rights (a new table must be added to rights.ts)', async () => {
    const tables = (await pgQuery<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t);
    const missing = tables.filter((t) => !(t in TABLE_RIGHTS) && !OWNER_ONLY_TABLES.includes(t));
    expect(missing).toEqual([]);
    expect(PG_MIGRATIONS.some((m) => m.version === 90)).toBe(true);
  });

  it('accounts are login roles in their groups; the password is stored as a SCRAM verifier only', async () => {
    const rows = await pgQuery<{ rolname: string; rolcanlogin: boolean; rolcreaterole: boolean; groups: string[] }>(
      url,
      `SELECT r.rolname, r.rolcanlogin, r.rolcreaterole,
              ARRAY(SELECT regexp_replace(g.rolname, '^.*_', '') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                    WHERE m.member = r.oid ORDER BY 1) AS groups
       FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
      [[ADMIN, CLERK, LEADER, SPECIALIST]],
    );
    expect(rows).toEqual([
      { rolname: SPECIALIST, rolcanlogin: true, rolcreaterole: false, groups: ['specialist', 'user'] },
      { rolname: LEADER, rolcanlogin: true, rolcreaterole: false, groups: ['confidential', 'leader', 'user'] },
      { rolname: ADMIN, rolcanlogin: true, rolcreaterole: true, groups: ['admin', 'user'] },
      { rolname: CLERK, rolcanlogin: true, rolcreaterole: false, groups: ['clerk', 'user'] },
    ]);
    // Our verifier is PostgreSQL's: psql signs in with it (below); the same inputs, the same text.
    expect(scramVerifier('x', Buffer.alloc(16), 4096)).toMatch(/^SCRAM-SHA-256\$4096:A{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    const audit = await pgQuery<{ data: string }>(url, `SELECT data FROM audit_log WHERE entity = 'account'`);
    expect(audit.map((a) => a.data).join('\n')).not.toContain(PASSWORD);
  });

  it('a clerk with psql does not see confidential rows and cannot edit the trail or the schema', () => {
    expect(psqlAs(CLERK, 'SELECT count(*) FROM incoming_documents')).toMatchObject({ ok: true, out: '2' });
    expect(psqlAs(CLERK, `SELECT count(*) FROM incoming_documents WHERE secrecy <> 'normal'`).out).toBe('0');
    // Not the secret document's file, nor its history.
    expect(psqlAs(CLERK, 'SELECT count(*) FROM incoming_attachments').out).toBe('0');
    expect(psqlAs(CLERK, 'SELECT count(*) FROM blob_chunks').out).toBe('0');
    expect(psqlAs(CLERK, `SELECT count(*) FROM audit_log WHERE entity = 'incoming' AND entity_id = ${ids.secret}`).out).toBe('0');
    const refused = [
      `UPDATE audit_log SET actor = 'someone' WHERE seq = 1`,
      `DELETE FROM audit_log`,
      `INSERT INTO audit_log (seq, at, actor, action, entity, data, prev_hash, hash) VALUES (999, '', '', '', '', '', '', '')`,
      `UPDATE audit_head SET seq = 0`,
      `DELETE FROM incoming_documents`,
      `CREATE TABLE mine (a int)`,
      `ALTER TABLE incoming_documents DISABLE ROW LEVEL SECURITY`,
      `DROP TABLE audit_log`,
      `UPDATE accounts SET unit_id = NULL`,
      `INSERT INTO accounts (username, full_name, password_hash, password_changed_at, created_at, updated_at) VALUES ('x1y', 'x', 'scrypt$x', '', '', '')`,
      `INSERT INTO account_roles (account_id, role) VALUES (1, 'admin')`,
      `INSERT INTO assignments (document_id, unit_id, role, due_date, directed_by, assigned_at) VALUES (${ids.normal}, 1, 'lead', '2026-04-01', 'x', 'x')`,
      `CREATE ROLE sneaky LOGIN`,
      `GRANT ${'"'}vt_x${'"'} TO ${'"'}${CLERK}${'"'}`,
    ];
    for (const sql of refused) {
      const r = psqlAs(CLERK, sql);
      expect({ sql, ok: r.ok }).toEqual({ sql, ok: false });
      expect(r.err).toMatch(/permission denied|must be owner|row-level security|does not exist|insufficient privilege/);
    }
    // The organisation's settings are the administrator's: nothing of them is visible to change.
    expect(psqlAs(CLERK, `UPDATE meta SET value = 'Cơ quan khác' WHERE key <> 'audit_head' RETURNING key`)).toMatchObject({
      ok: true,
      out: '',
    });
    expect(psqlAs(CLERK, `INSERT INTO meta (key, value) VALUES ('org_name', 'Cơ quan khác')`).ok).toBe(false);
    // What the clerk's job needs works: reading the registers, the normal documents' rows.
    expect(psqlAs(CLERK, `SELECT count(*) FROM incoming_documents WHERE id = ${ids.normal}`).out).toBe('1');
  });

  it('a specialist sees only their unit: its documents and its assignments', () => {
    expect(psqlAs(SPECIALIST, 'SELECT id FROM incoming_documents').out).toBe(String(ids.normal));
    expect(psqlAs(SPECIALIST, 'SELECT document_id FROM assignments').out).toBe(String(ids.normal));
    expect(psqlAs(OTHER_SPECIALIST, 'SELECT document_id FROM assignments').out).toBe(String(ids.other));
    // Moving their assignment to another unit, or changing its deadline, is refused.
    expect(psqlAs(SPECIALIST, `UPDATE assignments SET unit_id = unit_id + 1`).ok).toBe(false);
    expect(psqlAs(SPECIALIST, `UPDATE assignments SET due_date = '2027-01-01'`).ok).toBe(false);
    // Another unit's assignment cannot be touched: invisible, so nothing is updated.
    expect(psqlAs(SPECIALIST, `UPDATE assignments SET status = 'done' WHERE document_id = ${ids.other} RETURNING id`)).toMatchObject({
      ok: true,
      out: '',
    });
    expect(psqlAs(SPECIALIST, `INSERT INTO registers (code, name, direction, created_at) VALUES ('X', 'X', 'incoming', '')`).ok).toBe(
      false,
    );
  });

  it('the administrator alone reads no document, yet reads the whole trail and every file (check)', () => {
    expect(psqlAs(ADMIN, 'SELECT count(*) FROM incoming_documents')).toMatchObject({ ok: true, out: '0' });
    expect(psqlAs(ADMIN, 'SELECT count(*) > 0 FROM audit_log')).toMatchObject({ ok: true, out: 't' });
    expect(psqlAs(ADMIN, 'SELECT count(*) FROM blob_chunks')).toMatchObject({ ok: true, out: '1' });
  });

  it('the leader with the confidential grant sees the confidential document', () => {
    expect(psqlAs(LEADER, 'SELECT count(*) FROM incoming_documents').out).toBe('3');
    expect(psqlAs(LEADER, `SELECT count(*) FROM blob_chunks`).out).toBe('1');
  });

  it('the audit actor is the connected role, whatever the client says', () => {
    const r = psqlAs(
      CLERK,
      `SELECT audit_append(h.seq + 1, '2026-03-10T09:00:00+07:00', 'somebody-else', 'test', 'test', NULL, '{}', h.hash) FROM audit_lock_head() h`,
    );
    expect(r.ok).toBe(true);
    expect(psqlAs(CLERK, `SELECT actor FROM audit_log WHERE action = 'test'`).out).toBe(CLERK);
  });

  it('the app connected as each person works within the rights, and the database refuses beyond them', async () => {
    const clerk = await servicesAs(CLERK);
    const added = await clerk.incoming.add(doc({ symbol: '9/KHDT' }), {
      actor: CLERK,
      attachments: [{ fileName: 'vb.pdf', bytes: Buffer.from(minimalPdf(1200)) }],
    });
    expect(added.arrivalNumber).toBe((await owner.incoming.get(ids.other)).arrivalNumber + 1);
    const listed = await clerk.incoming.list({});
    expect(listed.items.map((i) => i.id)).not.toContain(ids.secret);
    // Asked for by id, the confidential one the server hides is refused as on SQLite (forbidden, the refusal
    // audited); a missing id stays not found.
    const asClerk = { username: CLERK, reader: true, confidential: false, onlyUnitId: null, onlyUnitCode: null };
    await expect(clerk.incoming.get(ids.secret, asClerk)).rejects.toMatchObject({
      error: { code: 'forbidden', details: { reason: 'confidential' } },
    });
    await expect(clerk.incoming.get(999_999, asClerk)).rejects.toMatchObject({ error: { code: 'not_found' } });
    const refused = await pgQuery<{ actor: string }>(url, `SELECT actor FROM audit_log WHERE action = 'refused' AND entity_id = $1`, [
      ids.secret,
    ]);
    expect(refused.map((r) => r.actor)).toEqual([CLERK]);
    // Recorded under the connected role.
    const trail = await pgQuery<{ actor: string }>(url, `SELECT actor FROM audit_log WHERE entity = 'incoming' AND entity_id = $1`, [
      added.id,
    ]);
    expect(trail.length).toBeGreaterThan(0);
    expect([...new Set(trail.map((t) => t.actor))]).toEqual([CLERK]);
    // Past the permission table (as a faulty or hostile client would be), the server refuses.
    await expect(
      clerk.accounts.add({ username: 'nguoi.moi', fullName: 'Người Mới', roles: ['clerk'], password: PASSWORD }, CLERK),
    ).rejects.toMatchObject({ error: { code: expect.stringMatching(/^db_(forbidden|createrole_needed)$/) } });
    await expect(clerk.directory.addUnit('XX', 'Đơn vị X', CLERK)).resolves.toMatchObject({ code: 'XX' });

    const leader = await servicesAs(LEADER);
    await leader.assignments.assign(added.id, { lead: 'KHDT', due: '2026-03-25' }, LEADER);

    const specialist = await servicesAs(SPECIALIST);
    const mine = await specialist.incoming.list({});
    expect(mine.items.map((i) => i.id).sort()).toEqual([ids.normal, added.id].sort());
    await specialist.assignments.progress(added.id, { unit: 'KHDT', status: 'in_progress', note: 'Đang làm' }, SPECIALIST);
    const draft = await specialist.outgoing.draft(DRAFT, { actor: SPECIALIST });
    expect(draft).toMatchObject({ id: expect.any(Number) });
    // Their own connection cannot take the steps that are not theirs (approve, issue).
    const issue = psqlAs(SPECIALIST, `UPDATE outgoing_documents SET status = 'issued' WHERE id = ${draft.id}`);
    expect(issue.ok).toBe(false);
    expect(issue.err).toMatch(/row-level security/);
    // The specialist cannot register incoming mail, even by going around the table.
    await expect(specialist.incoming.add(doc({ symbol: '10/X' }), { actor: SPECIALIST })).rejects.toMatchObject({
      error: { code: 'db_forbidden' },
    });
  });

  it('a specialist’s connection sees their unit’s outgoing documents and their own drafts only', async () => {
    const at = (unit: string, actor: string, subject: string) =>
      owner.outgoing.draft({ ...DRAFT, draftingUnit: unit, subject }, { actor }).then((r) => r.id);
    const khdt = await at('KHDT', LEADER, 'Về việc kế hoạch đầu tư của Sở');
    const tchc = await at('TCHC', LEADER, 'Về việc tổ chức cán bộ');
    const seen = (who: string) =>
      psqlAs(who, `SELECT string_agg(id::text, ',' ORDER BY id) FROM outgoing_documents WHERE id IN (${khdt}, ${tchc})`).out;
    expect(seen(SPECIALIST)).toBe(String(khdt));
    expect(seen(OTHER_SPECIALIST)).toBe(String(tchc));
    expect(seen(CLERK)).toBe(`${khdt},${tchc}`);
    // What hangs off the other unit's draft is hidden with it; so is its trail.
    expect(psqlAs(SPECIALIST, `SELECT count(*) FROM outgoing_files WHERE outgoing_id = ${tchc}`).out).toBe('0');
    expect(psqlAs(SPECIALIST, `SELECT count(*) FROM audit_log WHERE entity = 'outgoing' AND entity_id = ${tchc}`).out).toBe('0');
    expect(psqlAs(SPECIALIST, `UPDATE outgoing_documents SET subject = 'x' WHERE id = ${tchc}`).out).toBe('');
    expect((await pgQuery<{ subject: string }>(url, 'SELECT subject FROM outgoing_documents WHERE id = $1', [tchc]))[0]!.subject).toBe(
      'Về việc tổ chức cán bộ',
    );
    // Their own draft for another unit stays theirs; the app as the specialist agrees.
    const specialist = await servicesAs(SPECIALIST);
    const own = await specialist.outgoing.draft({ ...DRAFT, draftingUnit: 'TCHC' }, { actor: SPECIALIST });
    expect(seen(OTHER_SPECIALIST)).toBe(String(tchc));
    expect(psqlAs(SPECIALIST, `SELECT count(*) FROM outgoing_documents WHERE id = ${own.id}`).out).toBe('1');
    // Asked for by id as the specialist: forbidden as on SQLite (the row policy tells why, not what).
    const asSpecialist = { username: SPECIALIST, reader: true, confidential: false, onlyUnitId: 1, onlyUnitCode: 'KHDT' };
    await expect(specialist.outgoing.get(tchc, asSpecialist)).rejects.toMatchObject({
      error: { code: 'forbidden', details: { reason: 'unit' } },
    });
    expect((await specialist.outgoing.get(khdt)).id).toBe(khdt);
  });

  it('a specialist’s connection files only into their unit’s dossiers or those they opened (migration 0177)', async () => {
    const units = await pgQuery<{ id: number; code: string }>(url, `SELECT id, code FROM units WHERE code IN ('KHDT', 'TCHC')`);
    const unitId = (code: string) => units.find((u) => u.code === code)!.id;
    const specialist = await servicesAs(SPECIALIST);
    const who = archiveActorOf(
      {
        username: SPECIALIST,
        fullName: 'Người Thử',
        roles: ['specialist'],
        confidential: false,
        unit: 'KHDT',
        unitName: null,
        unitId: unitId('KHDT'),
      },
      SPECIALIST,
    );
    const mine = await specialist.archive.open(
      { title: 'Hồ sơ kế hoạch vốn', code: '31.KHDT', retention: 10, startDate: '2026-03-05' },
      who,
    );
    expect((await specialist.archive.addDoc({ id: mine.id, kind: 'incoming', docId: ids.normal }, who)).docTotal).toBe(1);
    const theirs = await owner.archive.open(
      { title: 'Hồ sơ tổ chức', code: '32.TCHC', retention: 10, startDate: '2026-03-05' },
      { actor: OTHER_SPECIALIST, unitId: unitId('TCHC') },
    );
    // Past the application (psql with the specialist's own password), the database refuses.
    const add = psqlAs(
      SPECIALIST,
      `INSERT INTO dossier_items (dossier_id, doc_kind, doc_id, ordinal, event_at, added_at, added_by)
       VALUES (${theirs.id}, 'incoming', ${ids.normal}, 1, '2026-03-05', '2026-03-10', 'x')`,
    );
    expect(add.ok).toBe(false);
    expect(add.err).toContain('vt:dossier_other_unit');
    // Another unit's dossier is not even there for them (migration 0189): nothing to change.
    const rename = psqlAs(SPECIALIST, `UPDATE dossiers SET title = 'Đổi' WHERE id = ${theirs.id}`);
    expect(rename.ok, rename.err).toBe(true);
    expect((await owner.archive.get(theirs.id)).title).toBe('Hồ sơ tổ chức');
    expect(psqlAs(SPECIALIST, `UPDATE dossiers SET unit_id = ${unitId('TCHC')} WHERE id = ${mine.id}`).err).toContain(
      'vt:dossier_other_unit',
    );
    // And through the app the same refusal arrives as its coded error.
    await expect(specialist.archive.addDoc({ id: theirs.id, kind: 'incoming', docId: ids.normal }, who)).rejects.toMatchObject({
      error: { code: 'dossier_other_unit' },
    });
    await expect(
      specialist.archive.addDoc({ id: theirs.id, kind: 'incoming', docId: ids.normal }, { actor: SPECIALIST }),
    ).rejects.toMatchObject({ error: { code: 'dossier_other_unit' } });
    expect((await owner.archive.get(theirs.id)).docTotal).toBe(0);
  });

  it('the command line on an office database named without a user connects as the person (--user, --password-env)', () => {
    const bare = url.replace(/\/\/[^@/]*@/, '//');
    const listed = (who: string) => {
      const r = cli(bare, ['incoming', 'list', '--json'], undefined, {}, { as: who });
      expect(r.stderr).toBe('');
      return (r.json() as { items: { id: number }[] }).items.map((i) => i.id);
    };
    expect(listed(CLERK)).not.toContain(ids.secret);
    expect(listed(LEADER)).toContain(ids.secret);
    expect(listed(SPECIALIST)).not.toContain(ids.other);
    // A wrong password is refused by the server, in Vietnamese, and never echoed.
    const wrong = cli(bare, ['incoming', 'list', '--json'], undefined, { [PASSWORD_ENV]: 'sai-mat-khau-9876' }, { as: CLERK });
    expect(wrong.code).not.toBe(0);
    expect(wrong.error().code).toBe('db_auth');
    expect(wrong.stderr).not.toContain('sai-mat-khau-9876');
    // Something that is not a user name (a password in the wrong box) is not sent nor shown.
    const odd = cli(bare, ['incoming', 'list', '--json'], undefined, {}, { as: 'Mật khẩu bí mật!' });
    expect(odd.error().code).toBe('invalid_credentials');
    expect(odd.stderr).not.toContain('bí mật');
  });

  it('init makes the first administrator a login role; connected as themselves, they add a clerk who can work', async () => {
    const db = await newPgDatabase({ empty: true });
    try {
      const init = cli(
        db,
        [
          'init',
          '--org-name',
          'Ủy ban nhân dân tỉnh Quảng Ngãi',
          '--admin',
          OFFICE_ADMIN,
          '--admin-full-name',
          'Vũ Quản Trị',
          '--admin-password-env',
          PASSWORD_ENV,
          '--json',
        ],
        undefined,
        {},
        { as: null },
      );
      expect(init.stderr).toBe('');
      const bare = db.replace(/\/\/[^@/]*@/, '//');
      const add = cli(
        bare,
        ['user', 'add', NEW_CLERK, '--full-name', 'Văn Thư Mới', '--role', 'clerk', '--new-password-env', PASSWORD_ENV, '--json'],
        undefined,
        {},
        { as: OFFICE_ADMIN },
      );
      expect(add.stderr).toBe('');
      const roles = await pgQuery<{ rolname: string; rolcreaterole: boolean }>(
        db,
        `SELECT rolname, rolcreaterole FROM pg_roles WHERE rolname IN ($1, $2) ORDER BY rolcreaterole DESC`,
        [OFFICE_ADMIN, NEW_CLERK],
      );
      expect(roles).toEqual([
        { rolname: OFFICE_ADMIN, rolcreaterole: true },
        { rolname: NEW_CLERK, rolcreaterole: false },
      ]);
      // The new clerk's first command: the password set by the administrator must be changed first.
      const first = cli(bare, ['incoming', 'list', '--json'], undefined, {}, { as: NEW_CLERK });
      expect(first.error().code).toBe('password_change_required');
      // The administrator, by role alone, reads no document (the server says so too).
      expect(cli(bare, ['incoming', 'list', '--json'], undefined, {}, { as: OFFICE_ADMIN }).error().code).toMatch(/forbidden/);
    } finally {
      await dropPgDatabase(db);
    }
  });

  it('the administrator, connected as themselves, manages accounts: disable, reset, roles', async () => {
    const admin = await servicesAs(ADMIN);
    await admin.accounts.add({ username: ARCHIVIST, fullName: 'Đỗ Lưu Trữ', roles: ['archivist'], password: PASSWORD }, ADMIN);
    expect(psqlAs(ARCHIVIST, 'SELECT count(*) FROM incoming_documents').out).toBe('3');
    await admin.accounts.update({ username: ARCHIVIST, confidential: true }, ADMIN);
    expect(psqlAs(ARCHIVIST, 'SELECT count(*) FROM incoming_documents').out).toBe('4');
    await admin.accounts.setActive(ARCHIVIST, false, ADMIN);
    const off = psqlAs(ARCHIVIST, 'SELECT 1');
    expect(off.ok).toBe(false);
    expect(off.err).toMatch(/not permitted to log in/);
    await admin.accounts.setActive(ARCHIVIST, true, ADMIN);
    await admin.accounts.resetPassword(ARCHIVIST, 'Một-mật-khẩu-mới-2026', ADMIN);
    expect(psqlAs(ARCHIVIST, 'SELECT 1').ok).toBe(false); // the old password no longer opens it
    // The person, connected as themselves (no CREATEROLE), sets their own password.
    const archivist = await createServices({ dbPath: urlAs(ARCHIVIST), password: 'Một-mật-khẩu-mới-2026' });
    opened.push(archivist);
    await archivist.accounts.changePassword(ARCHIVIST, 'Một-mật-khẩu-mới-2026', PASSWORD);
    expect(psqlAs(ARCHIVIST, 'SELECT current_user').out).toBe(ARCHIVIST);
    // A server role that is not this office's account is never taken over.
    await expect(
      admin.accounts.add({ username: 'postgres', fullName: 'Kẻ Lạ', roles: ['admin'], password: PASSWORD }, ADMIN),
    ).rejects.toMatchObject({ error: { code: 'db_role_taken' } });
  });
});

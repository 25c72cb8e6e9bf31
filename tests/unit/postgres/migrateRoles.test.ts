/**
 * `migrate-to` onto an office database with rights in the database: every copied account
 * becomes a login role in its groups; only the administrator who ran the move keeps a
 * password (the app's scrypt hashes cannot become PostgreSQL passwords), the others are told
 * to have theirs reset — and once reset, the copied database gives each person exactly the
 * rows the rights allow. Runs in the `postgres` project.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateSqliteToPostgres } from '../../../src/main/db/postgres/migrateFromSqlite.js';
import { parsePgUrl } from '../../../src/main/db/postgres/locator.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { doc, fixedClock } from '../helpers.js';
import { findPgBin } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
const NEW_PASSWORD = 'Mật-khẩu-máy-chủ-2026';
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const CLERK = `vt.clerk.${RUN}`;
const SPECIALIST = `cv.khdt.${RUN}`;
const LEADER = `ld.leader.${RUN}`;
const NOW = '2026-03-10T09:00:00+07:00';

let url = '';
const dirs: string[] = [];
const opened: Services[] = [];

function psqlAs(user: string, password: string, sql: string): { ok: boolean; out: string; err: string } {
  const u = new URL(url);
  const r = spawnSync(
    path.join(findPgBin()!, 'psql'),
    ['-h', u.hostname, '-p', u.port, '-U', user, '-d', u.pathname.slice(1), '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password, PGSSLMODE: 'prefer' } },
  );
  return { ok: r.status === 0, out: r.stdout.trim(), err: r.stderr.trim() };
}

d('migrate-to makes the login roles of the copied accounts', () => {
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
    if (url) await dropPgDatabase(url);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('copies accounts as login roles in their groups; the copied database passes the rights checks', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-migrate-roles-'));
    dirs.push(dir);
    const sqlitePath = path.join(dir, 'vanthu.sqlite');
    const src = await createServices({ dbPath: sqlitePath, migrate: true, clock: fixedClock(NOW) });
    opened.push(src);
    await src.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await src.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await src.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    await src.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      src.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk']);
    await add(SPECIALIST, ['specialist'], { unit: 'KHDT' });
    await add(LEADER, ['leader'], { confidential: true });
    const normal = (await src.incoming.add(doc({ symbol: '1/KHDT' }), { actor: ADMIN })).id;
    const other = (await src.incoming.add(doc({ symbol: '2/TCHC' }), { actor: ADMIN })).id;
    await src.incoming.add(doc({ symbol: '3/MAT', secrecy: 'confidential' }), { actor: ADMIN });
    await src.assignments.assign(normal, { lead: 'KHDT', due: '2026-03-20' }, ADMIN);
    await src.assignments.assign(other, { lead: 'TCHC', due: '2026-03-20' }, ADMIN);
    await src.close();
    opened.pop();

    url = await newPgDatabase({ empty: true });
    const r = await migrateSqliteToPostgres(sqlitePath, parsePgUrl(url), {
      actor: ADMIN,
      now: () => Date.parse('2026-03-11T02:00:00Z'),
      passwords: new Map([[ADMIN, PASSWORD]]),
    });
    expect(r.logins).toEqual({ roles: 4, withPassword: [ADMIN], passwordResetNeeded: [CLERK, SPECIALIST, LEADER] });
    expect(r.message).toContain('đặt lại mật khẩu');
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
    const roles = await pgQuery<{ rolname: string; rolcanlogin: boolean; groups: string[] }>(
      url,
      `SELECT r.rolname, r.rolcanlogin,
              ARRAY(SELECT regexp_replace(g.rolname, '^.*_', '') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                    WHERE m.member = r.oid ORDER BY 1) AS groups
       FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY r.rolname`,
      [[ADMIN, CLERK, SPECIALIST, LEADER]],
    );
    expect(roles).toEqual([
      { rolname: SPECIALIST, rolcanlogin: true, groups: ['specialist', 'user'] },
      { rolname: LEADER, rolcanlogin: true, groups: ['confidential', 'leader', 'user'] },
      { rolname: ADMIN, rolcanlogin: true, groups: ['admin', 'user'] },
      { rolname: CLERK, rolcanlogin: true, groups: ['clerk', 'user'] },
    ]);
    // The administrator who moved the office signs in at once; the others' passwords were not copied.
    expect(psqlAs(ADMIN, PASSWORD, 'SELECT current_user')).toMatchObject({ ok: true, out: ADMIN });
    expect(psqlAs(CLERK, PASSWORD, 'SELECT 1').ok).toBe(false);
    const trail = await pgQuery<{ data: string }>(url, `SELECT data FROM audit_log WHERE action = 'migrate'`);
    expect(JSON.parse(trail[0]!.data)).toMatchObject({ loginRoles: 4, passwordResetNeeded: [CLERK, SPECIALIST, LEADER] });

    // The administrator resets them, connected as themselves (CREATEROLE), as the admin screen does.
    const admin = await createServices({
      dbPath: url.replace(/\/\/[^@/]*@/, `//${encodeURIComponent(ADMIN)}@`),
      password: PASSWORD,
      clock: fixedClock('2026-03-11T09:00:00+07:00'),
    });
    opened.push(admin);
    // The administrator's accounts screen flags the three («Cần đặt lại mật khẩu»), not the one who moved the office.
    const flagged = async () =>
      (await admin.accounts.list())
        .filter((a) => a.dbPasswordResetNeeded)
        .map((a) => a.username)
        .sort();
    expect(await flagged()).toEqual([CLERK, SPECIALIST, LEADER].sort());
    await admin.accounts.resetPassword(CLERK, NEW_PASSWORD, ADMIN);
    expect(await flagged()).toEqual([SPECIALIST, LEADER].sort());
    for (const u of [SPECIALIST, LEADER]) await admin.accounts.resetPassword(u, NEW_PASSWORD, ADMIN);
    expect(await flagged()).toEqual([]);
    expect(psqlAs(CLERK, NEW_PASSWORD, 'SELECT count(*) FROM incoming_documents')).toMatchObject({ ok: true, out: '2' });
    expect(psqlAs(LEADER, NEW_PASSWORD, 'SELECT count(*) FROM incoming_documents').out).toBe('3');
    expect(psqlAs(SPECIALIST, NEW_PASSWORD, 'SELECT id FROM incoming_documents').out).toBe(String(normal));
    expect(psqlAs(SPECIALIST, NEW_PASSWORD, 'SELECT document_id FROM assignments').out).toBe(String(normal));
    expect(psqlAs(ADMIN, PASSWORD, 'SELECT count(*) FROM incoming_documents').out).toBe('0');
    expect(psqlAs(CLERK, NEW_PASSWORD, 'DELETE FROM audit_log').ok).toBe(false);
  }, 300_000);
});

/**
 * The web host on an office database with rights in the database (issue 11): each person
 * signed in works on a connection of their own login role — two people on one host see
 * what the server lets each see, and the server records each as the actor; a sign-in the
 * server refuses counts towards the app's lock-out and is audited without the password; a
 * session's connection ends with the session, closes when it locks and opens again at the
 * unlock; a document the server hides from a person, asked for by id, answers `forbidden` as
 * on SQLite (the refusal audited), a missing one `not_found`. Runs in the `postgres` project.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/api/handlers.js';
import { personalConnections } from '../../../src/main/api/personalConnections.js';
import { createServices, type Services } from '../../../src/main/services.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { decodeWire, encodeWire } from '../../../src/shared/wire.js';
import { doc, fixedClock } from '../helpers.js';
import { DRAFT } from '../outgoing/fixtures.js';
import { findPgBin } from '../helpers/pgCluster.js';
import { dropPgDatabase, newPgDatabase, pgAvailable, pgQuery } from '../helpers/stores.js';

const d = describe.skipIf(!pgAvailable());

const PASSWORD = 'Mật-khẩu-thử-2026';
const WRONG = 'Sai-mật-khẩu-9999';
// Login roles belong to the whole server, which other test files share: names of this file's own.
const RUN = randomBytes(3).toString('hex');
const ADMIN = `qt.admin.${RUN}`;
const CLERK = `vt.clerk.${RUN}`;
const SPECIALIST = `cv.khdt.${RUN}`;
const LOCKED = `vt.khoa.${RUN}`;
const DISABLED = `vt.nghi.${RUN}`;
const MOVED = `vt.chuyen.${RUN}`;

let url = '';
let dbName = '';
let owner: Services;
let host: WebHost;
let dir = '';
const ids = { normal: 0, other: 0, secret: 0, draftOther: 0 };
const clock = fixedClock('2026-03-10T09:00:00+07:00');

interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** One browser: its own cookie jar (the HttpOnly session cookie the host sets). */
function browser() {
  let cookie = '';
  return async function call<T = unknown>(method: string, input: unknown = {}): Promise<Answer & { value?: T }> {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-VanThu-Token': host.token, ...(cookie ? { Cookie: cookie } : {}) },
      body: encodeWire(input),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return decodeWire(await res.text()) as Answer & { value?: T };
  };
}

/** Who is connected to this database now (the server's view), by login role. */
async function connectedRoles(): Promise<string[]> {
  const rows = await pgQuery<{ u: string }>(
    url,
    `SELECT DISTINCT usename AS u FROM pg_stat_activity WHERE datname = $1 AND usename IS NOT NULL`,
    [dbName],
  );
  return rows.map((r) => r.u).sort();
}

async function account(username: string) {
  return (
    await pgQuery<{ failed_logins: number; locked_until: string | null }>(
      url,
      'SELECT failed_logins, locked_until FROM accounts WHERE username = $1',
      [username],
    )
  )[0]!;
}

d('the web host connects as each person', () => {
  beforeAll(async () => {
    url = await newPgDatabase({ empty: true });
    dbName = url.slice(url.lastIndexOf('/') + 1);
    owner = await createServices({ dbPath: url, migrate: true, clock });
    await owner.init({ actor: 'test', orgName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', orgCode: 'UBND' });
    await owner.accounts.setup({ username: ADMIN, fullName: 'Vũ Quản Trị', password: PASSWORD });
    await owner.directory.addUnit('KHDT', 'Sở Kế hoạch và Đầu tư', ADMIN);
    await owner.directory.addUnit('TCHC', 'Phòng Tổ chức - Hành chính', ADMIN);
    const add = (username: string, roles: string[], extra: Record<string, unknown> = {}) =>
      owner.accounts.add({ username, fullName: 'Người Thử', roles, password: PASSWORD, ...extra }, ADMIN);
    await add(CLERK, ['clerk'], { confidential: true });
    await add(SPECIALIST, ['specialist'], { unit: 'KHDT' });
    for (const u of [LOCKED, DISABLED, MOVED]) await add(u, ['clerk']);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false');
    ids.normal = (await owner.incoming.add(doc({ symbol: '1/KHDT' }), { actor: ADMIN })).id;
    ids.other = (await owner.incoming.add(doc({ symbol: '2/TCHC' }), { actor: ADMIN })).id;
    ids.secret = (
      await owner.incoming.add(doc({ symbol: '3/MAT', secrecy: 'confidential', subject: 'Kế hoạch tuyệt mật' }), { actor: ADMIN })
    ).id;
    await owner.assignments.assign(ids.normal, { lead: 'KHDT', due: '2026-03-20' }, ADMIN);
    await owner.assignments.assign(ids.other, { lead: 'TCHC', due: '2026-03-20' }, ADMIN);
    ids.draftOther = (await owner.outgoing.draft({ ...DRAFT, draftingUnit: 'TCHC' }, { actor: ADMIN })).id;
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-personal-'));
    mkdirSync(path.join(dir, 'renderer'));
    writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>VănThư</title>');
    const personal = await personalConnections(owner, url);
    expect(personal).not.toBeNull();
    host = await startWebHost({ handlers: createHandlers(owner, { shell: 'web', personal }), rendererDir: path.join(dir, 'renderer') });
  }, 180_000);

  afterAll(async () => {
    await host?.close();
    await owner?.close();
    if (url) await dropPgDatabase(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('two people on one host see different rows, each connected as their own login role', async () => {
    const clerk = browser();
    const specialist = browser();
    expect((await clerk('auth.login', { username: CLERK, password: PASSWORD })).ok).toBe(true);
    expect((await specialist('auth.login', { username: SPECIALIST, password: PASSWORD })).ok).toBe(true);
    const seen = async (call: ReturnType<typeof browser>) => {
      const r = await call<{ items: { id: number }[] }>('incoming.list', { limit: 50 });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      return r.value!.items.map((x) => x.id).sort((a, b) => a - b);
    };
    // The clerk with the confidential grant sees all three; the specialist only their unit's.
    expect(await seen(clerk)).toEqual([ids.normal, ids.other, ids.secret]);
    expect(await seen(specialist)).toEqual([ids.normal]);
    expect((await specialist('incoming.get', { id: ids.secret })).error?.code).toBe('forbidden');
    const roles = await connectedRoles();
    expect(roles).toContain(CLERK);
    expect(roles).toContain(SPECIALIST);

    // The database records who wrote: the clerk's own role (audit_append_many takes session_user).
    const added = await clerk<{ id: number }>('incoming.add', { data: doc({ symbol: '4/UBND' }) });
    expect(added.ok, JSON.stringify(added.error)).toBe(true);
    const trail = await pgQuery<{ actor: string }>(url, `SELECT actor FROM audit_log WHERE entity = 'incoming' AND entity_id = $1`, [
      added.value!.id,
    ]);
    expect(trail.map((t) => t.actor)).toEqual([CLERK]);
    // The specialist's own connection cannot register mail (the permission table refuses first).
    expect((await specialist('incoming.add', { data: doc({ symbol: '5/UBND' }) })).error?.code).toBe('forbidden');

    // Signing out closes that person's connection; the other's stays.
    expect((await specialist('auth.logout')).ok).toBe(true);
    await expect.poll(connectedRoles, { timeout: 10_000 }).not.toContain(SPECIALIST);
    expect(await connectedRoles()).toContain(CLERK);
    expect((await specialist('incoming.list', { limit: 5 })).error?.code).toBe('unauthenticated');
    expect((await clerk('auth.logout')).ok).toBe(true);
    await expect.poll(connectedRoles, { timeout: 10_000 }).not.toContain(CLERK);
  }, 120_000);

  it('a document the server hides, asked for by id, is forbidden as on SQLite (the refusal audited); a missing one not found', async () => {
    const specialist = browser();
    expect((await specialist('auth.login', { username: SPECIALIST, password: PASSWORD })).ok).toBe(true);
    // What the row policies hide from the specialist's own connection: another unit's document, a confidential one,
    // another unit's draft — by every way of opening it (detail, history, assignments, file, PDF).
    const refusals: [string, Record<string, unknown>, string, number][] = [
      ['incoming.get', { id: ids.other }, 'unit', ids.other],
      ['incoming.get', { id: ids.secret }, 'confidential', ids.secret],
      ['incoming.audit', { id: ids.other }, 'unit', ids.other],
      ['incoming.assignments', { id: ids.other }, 'unit', ids.other],
      ['incoming.attachment', { id: ids.secret, attachmentId: 1 }, 'confidential', ids.secret],
      ['incoming.routingSlip', { id: ids.other }, 'unit', ids.other],
      ['outgoing.get', { id: ids.draftOther }, 'unit', ids.draftOther],
      ['outgoing.audit', { id: ids.draftOther }, 'unit', ids.draftOther],
      ['outgoing.pdf', { id: ids.draftOther }, 'unit', ids.draftOther],
    ];
    for (const [method, input, reason, id] of refusals) {
      const before = await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM audit_log');
      const r = await specialist<unknown>(method, input);
      expect(r.ok, method).toBe(false);
      expect(r.error?.code, method).toBe('forbidden');
      expect(JSON.stringify(r.error), method).not.toContain('Kế hoạch tuyệt mật');
      // Only the refusal is written, by the database under the specialist's own role.
      const written = await pgQuery<{ actor: string; action: string; entity: string; entity_id: number; data: string }>(
        url,
        'SELECT actor, action, entity, entity_id, data FROM audit_log WHERE seq > $1 ORDER BY seq',
        [Number(before[0]!.n)],
      );
      expect(
        written.map((w) => [w.actor, w.action, w.entity, Number(w.entity_id)]),
        method,
      ).toEqual([[SPECIALIST, 'refused', method.split('.')[0]!, id]]);
      expect(JSON.parse(written[0]!.data), method).toMatchObject({ reason });
    }
    // A document that does not exist stays «not found» and writes nothing; one the specialist may see opens.
    const n = (await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM audit_log'))[0]!.n;
    expect((await specialist('incoming.get', { id: 999_999 })).error?.code).toBe('not_found');
    expect((await specialist('outgoing.get', { id: 999_999 })).error?.code).toBe('not_found');
    expect((await pgQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM audit_log'))[0]!.n).toBe(n);
    expect((await specialist('incoming.get', { id: ids.normal })).ok).toBe(true);
    expect((await specialist('auth.logout')).ok).toBe(true);
  }, 120_000);

  it('psql as the specialist learns why a document is hidden, and nothing of it', () => {
    const u = new URL(url);
    const run = (sql: string) =>
      spawnSync(
        path.join(findPgBin()!, 'psql'),
        ['-h', u.hostname, '-p', u.port, '-U', SPECIALIST, '-d', u.pathname.slice(1), '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
        { encoding: 'utf8', env: { ...process.env, PGPASSWORD: PASSWORD, PGSSLMODE: 'prefer' } },
      );
    const why = (kind: string, id: number) => run(`SELECT coalesce(vt_hidden_reason('${kind}', ${id}), '-')`).stdout.trim();
    expect(why('incoming', ids.other)).toBe('unit');
    expect(why('incoming', ids.secret)).toBe('confidential');
    expect(why('incoming', ids.normal)).toBe('-');
    expect(why('incoming', 999_999)).toBe('-');
    expect(why('outgoing', ids.draftOther)).toBe('unit');
    expect(run(`SELECT vt_hidden_reason('accounts', 1)`).status).not.toBe(0);
    // The row itself stays hidden from the person's own connection.
    expect(run(`SELECT count(*) FROM incoming_documents WHERE id = ${ids.secret}`).stdout.trim()).toBe('0');
  });

  it('a session that locks when idle closes its connection; the unlock opens a new one that works', async () => {
    const clerk = browser();
    expect((await clerk('auth.login', { username: CLERK, password: PASSWORD })).ok).toBe(true);
    expect((await clerk('incoming.list', { limit: 5 })).ok).toBe(true);
    expect(await connectedRoles()).toContain(CLERK);
    const pids = async () =>
      (await pgQuery<{ pid: number }>(url, 'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND usename = $2', [dbName, CLERK])).map(
        (r) => r.pid,
      );
    const before = await pids();
    try {
      // Idle past the limit (15 minutes by default): locked, and the clerk's connection closed.
      clock.set('2026-03-10T09:30:00+07:00');
      expect((await clerk('auth.ping')).value).toEqual({ locked: true });
      await expect.poll(connectedRoles, { timeout: 10_000 }).not.toContain(CLERK);
      expect((await clerk('incoming.list', { limit: 5 })).error?.code).toBe('session_locked');
      // A wrong password does not unlock (and opens nothing); the right one opens a new connection.
      expect((await clerk('auth.unlock', { password: WRONG })).error?.code).toBe('invalid_credentials');
      expect((await clerk('auth.ping')).value).toEqual({ locked: true });
      const unlocked = await clerk<{ locked: boolean; username: string }>('auth.unlock', { password: PASSWORD });
      expect(unlocked.ok, JSON.stringify(unlocked.error)).toBe(true);
      expect(unlocked.value).toMatchObject({ locked: false, username: CLERK });
      const listed = await clerk<{ items: { id: number }[] }>('incoming.list', { limit: 50 });
      expect(listed.ok, JSON.stringify(listed.error)).toBe(true);
      expect(listed.value!.items.map((x) => x.id)).toContain(ids.secret);
      const after = await pids();
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((p) => before.includes(p))).toEqual([]);
      // It writes as the clerk again (the database names the actor).
      const added = await clerk<{ id: number }>('incoming.add', { data: doc({ symbol: '6/UBND' }) });
      expect(added.ok, JSON.stringify(added.error)).toBe(true);
      const trail = await pgQuery<{ actor: string }>(url, `SELECT actor FROM audit_log WHERE entity = 'incoming' AND entity_id = $1`, [
        added.value!.id,
      ]);
      expect(trail.map((t) => t.actor)).toEqual([CLERK]);
      expect((await clerk('auth.logout')).ok).toBe(true);
      await expect.poll(connectedRoles, { timeout: 10_000 }).not.toContain(CLERK);
    } finally {
      clock.set('2026-03-10T09:00:00+07:00');
    }
  }, 120_000);

  it('a sign-in the server refuses counts towards the lock-out and is audited without the password', async () => {
    const b = browser();
    for (let i = 1; i <= 4; i++) {
      expect((await b('auth.login', { username: LOCKED, password: WRONG })).error?.code).toBe('invalid_credentials');
      expect((await account(LOCKED)).failed_logins).toBe(i);
    }
    expect((await b('auth.login', { username: LOCKED, password: WRONG })).error?.code).toBe('account_locked');
    expect((await account(LOCKED)).locked_until).not.toBeNull();
    // The right password now: the server lets the role in, the app's lock-out still refuses.
    expect((await b('auth.login', { username: LOCKED, password: PASSWORD })).error?.code).toBe('account_locked');
    const trail = await pgQuery<{ actor: string; action: string; data: string }>(
      url,
      `SELECT actor, action, data FROM audit_log WHERE entity = 'account' AND actor = $1 ORDER BY seq`,
      [LOCKED],
    );
    expect(trail.map((t) => t.action)).toEqual(['login_failed', 'login_failed', 'login_failed', 'login_failed', 'locked', 'login_refused']);
    const all = JSON.stringify(await pgQuery(url, 'SELECT * FROM audit_log'));
    expect(all).not.toContain(WRONG);
    expect(all).not.toContain(PASSWORD);
    await expect.poll(connectedRoles, { timeout: 10_000 }).not.toContain(LOCKED);
  }, 120_000);

  it('a disabled role is refused by the server and by the app; a password the server does not know asks for a reset', async () => {
    const b = browser();
    await owner.accounts.setActive(DISABLED, false, ADMIN);
    expect((await b('auth.login', { username: DISABLED, password: PASSWORD })).error?.code).toBe('account_disabled');
    expect((await b('auth.login', { username: DISABLED, password: WRONG })).error?.code).toBe('invalid_credentials');
    expect((await account(DISABLED)).failed_logins).toBe(1);
    // The app's password without the server's (as after moving an office): the administrator resets it.
    await pgQuery(url, `ALTER ROLE "${MOVED}" PASSWORD NULL`);
    expect((await owner.accounts.get(MOVED)).dbPasswordResetNeeded).toBe(false);
    const r = await b('auth.login', { username: MOVED, password: PASSWORD });
    expect(r.error?.code).toBe('db_password_reset_needed');
    expect(r.error?.message).toContain('đặt lại mật khẩu');
    // The administrator's screen now says so («Cần đặt lại mật khẩu»); the reset clears it.
    expect((await owner.accounts.get(MOVED)).dbPasswordResetNeeded).toBe(true);
    await owner.accounts.resetPassword(MOVED, 'Mật-khẩu-mới-2026', ADMIN);
    expect((await owner.accounts.get(MOVED)).dbPasswordResetNeeded).toBe(false);
    await pgQuery(url, 'UPDATE accounts SET must_change_password = false WHERE username = $1', [MOVED]);
    expect((await b('auth.login', { username: MOVED, password: 'Mật-khẩu-mới-2026' })).ok).toBe(true);
    expect(await connectedRoles()).toContain(MOVED);
    expect((await b('auth.logout')).ok).toBe(true);
  }, 120_000);
});

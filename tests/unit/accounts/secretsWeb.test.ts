/**
 * No password, password hash or session token leaks through the web host (issue 10, "Bad
 * input": passwords never appear in any output, error or audit entry). Every answer of a real
 * web host is kept across sign-in, failed sign-ins, the lock-out, an administrator's reset,
 * the change at next sign-in, the idle lock and unlocking, and an internal error in the middle
 * of a sign-in (which IS written to logs/vanthu.log, with its details); then each password, the
 * stored scrypt hashes and every session cookie's value are looked for in all the answers, the
 * log, the audit trail and (for the cookies) the database file itself. The command line's side
 * (--password-env, --new-password-env, the login session) is tests/unit/cli/accounts.test.ts.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logDirFor } from '../../../src/main/log/localLog.js';
import { decodeWire, encodeWire } from '../../../src/shared/wire.js';
import { FIXTURE_PASSWORD, ROLE_USERS } from '../../support/accounts.js';
import { startHost } from '../security/webHarness.js';

const TEMP = 'Tạm-thời-Một-2026';
const OWN = 'Riêng-của-Mới-2026';
const WRONG = 'Sai-hoàn-toàn-2026';
const TEMP2 = 'Tạm-thời-Hai-2026';
const OWN2 = 'Riêng-lần-hai-2026';
const SECRETS = [FIXTURE_PASSWORD, TEMP, OWN, WRONG, TEMP2, OWN2];

describe('secrets through the web host', () => {
  it('no password, hash or session token in any answer, the log or the audit trail', async () => {
    const h = await startHost();
    const answers: string[] = [];
    const tokens: string[] = [];
    const call = async (method: string, body: unknown, cookie = '') => {
      const res = await fetch(`${h.base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-VanThu-Token': h.host.token, Cookie: cookie },
        body: encodeWire(body),
      });
      const text = await res.text();
      answers.push(text);
      const set = res.headers.get('set-cookie');
      if (set) answers.push(set.replace(/^vanthu_session=[^;]*/, '')); // the attributes; the value is the token
      const value = /^vanthu_session=([^;]+)/.exec(set ?? '')?.[1];
      if (value) tokens.push(value);
      return {
        status: res.status,
        body: decodeWire(text) as { ok: boolean; value?: unknown; error?: { code: string; details?: { ref?: string } } },
        cookie: value ? `vanthu_session=${value}` : cookie,
      };
    };

    const admin = await call('auth.login', { username: ROLE_USERS.admin.username, password: FIXTURE_PASSWORD });
    expect(admin.body.ok).toBe(true);
    const added = await call(
      'account.add',
      { username: 'vt.moi', fullName: 'Hồ Văn Mới', roles: ['clerk'], confidential: false, password: TEMP },
      admin.cookie,
    );
    expect(added.body.ok).toBe(true);
    // The first sign-in must change the administrator's password.
    const first = await call('auth.login', { username: 'vt.moi', password: TEMP });
    expect(first.body.value).toMatchObject({ mustChangePassword: true });
    expect((await call('auth.changePassword', { current: WRONG, next: OWN }, first.cookie)).body.error?.code).toBe('invalid_credentials');
    expect((await call('auth.changePassword', { current: TEMP, next: OWN }, first.cookie)).body.ok).toBe(true);
    // Five wrong passwords lock the account; the right one is refused while it is locked.
    const wrong: string[] = [];
    for (let i = 0; i < 5; i++) wrong.push((await call('auth.login', { username: 'vt.moi', password: WRONG })).body.error!.code);
    expect(wrong).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'account_locked']);
    expect((await call('auth.login', { username: 'vt.moi', password: OWN })).body.error?.code).toBe('account_locked');
    // The administrator resets it; the next sign-in changes it again.
    expect((await call('account.resetPassword', { username: 'vt.moi', password: TEMP2 }, admin.cookie)).body.ok).toBe(true);
    const again = await call('auth.login', { username: 'vt.moi', password: TEMP2 });
    expect((await call('auth.changePassword', { current: TEMP2, next: OWN2 }, again.cookie)).body.ok).toBe(true);
    // Idle past the limit: locked; a wrong password does not unlock, the right one does.
    h.clock.set('2026-03-10T11:00:00+07:00');
    expect((await call('auth.ping', {}, again.cookie)).body.value).toEqual({ locked: true });
    expect((await call('auth.unlock', { password: WRONG }, again.cookie)).body.error?.code).toBe('invalid_credentials');
    expect((await call('auth.unlock', { password: OWN2 }, again.cookie)).body.ok).toBe(true);
    // The accounts list shows no hash.
    const list = await call(
      'account.list',
      {},
      (await call('auth.login', { username: ROLE_USERS.admin.username, password: FIXTURE_PASSWORD })).cookie,
    );
    expect(list.body.ok).toBe(true);

    // An internal error in the middle of a sign-in: logged with its details, the password not.
    const raw = new Database(h.dbPath);
    raw.exec('ALTER TABLE accounts RENAME TO accounts_away');
    const broken = await call('auth.login', { username: 'vt.moi', password: OWN2 });
    raw.exec('ALTER TABLE accounts_away RENAME TO accounts');
    expect(broken.body.error?.code).toBe('internal');
    const hashes = (raw.prepare('SELECT password_hash FROM accounts').pluck().all() as string[]).filter(Boolean);
    const audit = JSON.stringify(raw.prepare('SELECT * FROM audit_log').all());
    raw.close();
    expect(hashes.length).toBeGreaterThan(5);

    const logDir = logDirFor(h.dbPath);
    const logs = existsSync(logDir) ? readdirSync(logDir).map((f) => readFileSync(path.join(logDir, f), 'utf8')) : [];
    expect(logs.join('\n')).toContain(broken.body.error!.details?.ref ?? 'ref');
    const dbBytes = Buffer.concat(['', '-wal'].filter((s) => existsSync(h.dbPath + s)).map((s) => readFileSync(h.dbPath + s))).toString(
      'latin1',
    );

    const places: [string, string][] = [
      ['answers', answers.join('\n')],
      ['log', logs.join('\n')],
      ['audit', audit],
    ];
    expect(tokens.length).toBeGreaterThanOrEqual(4); // four sign-ins
    for (const [where, text] of places) {
      for (const s of SECRETS) expect(text, `a password in the ${where}`).not.toContain(s);
      for (const hash of hashes) {
        expect(text, `a stored hash in the ${where}`).not.toContain(hash.split('$').pop()!);
        expect(text, `a stored salt in the ${where}`).not.toContain(hash.split('$')[4]!);
      }
      expect(text).not.toMatch(/scrypt\$/);
      for (const t of tokens) for (const part of t.split('.')) expect(text, `a session token in the ${where}`).not.toContain(part);
    }
    // Sessions of the page live in the host's memory only: no token in the database at all.
    for (const t of tokens) for (const part of t.split('.')) expect(dbBytes.includes(part)).toBe(false);
  }, 120_000);
});

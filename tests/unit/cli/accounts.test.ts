/**
 * Accounts through the real `vanthu` command line: the first administrator made by `init
 * --admin`, the administrator's `user …` commands, `login`/`whoami`/`passwd`/`logout` with the
 * session file (mode 0600), the idle-lock setting, and what bad input gets — each refusal a
 * code, exit 2, and no password in any output, error or audit entry.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logDirFor } from '../../../src/main/log/localLog.js';
import { cli, type CliRun } from '../cliHelpers.js';
import { openOffice } from './office.js';

const ADMIN_PW = 'Quản trị viên 2026';
const CLERK_TEMP = 'Mật khẩu tạm 2026';
const CLERK_OWN = 'Của riêng An 2026';
const WRONG = 'Sai-mật-khẩu-9999';
const SECRETS = [ADMIN_PW, CLERK_TEMP, CLERK_OWN, WRONG];
const ENV = { ADMIN_PW, CLERK_TEMP, CLERK_OWN, WRONG };

/** Everything the commands of a test printed, looked through again at its end (for the session token). */
const outputs: string[] = [];

function noSecretIn(r: CliRun): void {
  outputs.push(r.stdout, r.stderr);
  expect(r.stdout + r.stderr).not.toMatch(/scrypt\$/);
  for (const s of SECRETS) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

describe('vanthu accounts', () => {
  it('init --admin, user add/list/update/disable/enable/reset-password, login/whoami/passwd/logout, settings; refusals are coded', () => {
    const o = openOffice();
    const config = path.join(o.dir, 'config');
    const env = { ...ENV, XDG_CONFIG_HOME: config };
    const as = (user: string, pwVar: string) => ['--user', user, '--password-env', pwVar];
    // Every account named explicitly (or the login session): none of the suite's fixture accounts.
    const vanthu = (args: string[], extra: Record<string, string> = {}) => {
      const r = cli(o.db, [...args, '--json'], undefined, { ...env, ...extra }, { now: o.now, as: null });
      noSecretIn(r);
      return r;
    };
    const refused = (args: string[], code: string) => {
      const r = vanthu(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.error().code).toBe(code);
      return r;
    };

    // The first administrator: a weak password is refused before anything is created.
    refused(
      [
        'init',
        '--org-name',
        'UBND tỉnh Quảng Ngãi',
        '--admin',
        'quantri',
        '--admin-full-name',
        'Nguyễn Quản Trị',
        '--admin-password-env',
        'WRONG_SHORT',
      ],
      'required',
    );
    const init = vanthu([
      'init',
      '--org-name',
      'UBND tỉnh Quảng Ngãi',
      '--admin',
      'quantri',
      '--admin-full-name',
      'Nguyễn Quản Trị',
      '--admin-password-env',
      'ADMIN_PW',
    ]);
    expect(init.code, init.stderr).toBe(0);
    // A second first administrator is refused.
    refused(
      ['init', '--admin', 'khac', '--admin-full-name', 'Người Khác', '--admin-password-env', 'ADMIN_PW', ...as('quantri', 'ADMIN_PW')],
      'setup_done',
    );

    // Without an account every command but --help is refused: unauthenticated, exit 2.
    refused(['incoming', 'list'], 'unauthenticated');
    refused(['user', 'list', ...as('quantri', 'WRONG')], 'invalid_credentials');
    refused(['user', 'list', ...as('khong.co', 'ADMIN_PW')], 'invalid_credentials');

    // The administrator adds a clerk; bad input gets its code and adds nobody.
    refused(
      [
        'user',
        'add',
        '--username',
        'vt.an',
        '--full-name',
        'Trần Văn An',
        '--role',
        'clerk',
        '--new-password-env',
        'WRONG_UNSET',
        ...as('quantri', 'ADMIN_PW'),
      ],
      'required',
    );
    refused(
      [
        'user',
        'add',
        '--username',
        'vt.an',
        '--full-name',
        'Trần Văn An',
        '--role',
        'thu.ky',
        '--new-password-env',
        'CLERK_TEMP',
        ...as('quantri', 'ADMIN_PW'),
      ],
      'unknown_role',
    );
    const weak = vanthu(
      [
        'user',
        'add',
        '--username',
        'vt.an',
        '--full-name',
        'Trần Văn An',
        '--role',
        'clerk',
        '--new-password-env',
        'SHORT',
        ...as('quantri', 'ADMIN_PW'),
      ],
      {
        SHORT: 'ngắn',
      },
    );
    expect(weak.code).toBe(2);
    expect(weak.error().code).toBe('weak_password');
    expect(weak.stderr).not.toContain('ngắn');
    refused(
      [
        'user',
        'add',
        '--username',
        'vt.an',
        '--full-name',
        'Trần Văn An',
        '--unit',
        'KHONG',
        '--role',
        'clerk',
        '--new-password-env',
        'CLERK_TEMP',
        ...as('quantri', 'ADMIN_PW'),
      ],
      'unknown_unit',
    );
    const added = vanthu([
      'user',
      'add',
      '--username',
      'vt.an',
      '--full-name',
      'Trần Văn An',
      '--role',
      'clerk',
      '--new-password-env',
      'CLERK_TEMP',
      ...as('quantri', 'ADMIN_PW'),
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ username: 'vt.an', roles: ['clerk'], mustChangePassword: true, active: true });
    refused(
      [
        'user',
        'add',
        '--username',
        'vt.an',
        '--full-name',
        'Trần Văn An',
        '--role',
        'clerk',
        '--new-password-env',
        'CLERK_TEMP',
        ...as('quantri', 'ADMIN_PW'),
      ],
      'username_taken',
    );

    const updated = vanthu([
      'user',
      'update',
      'vt.an',
      '--role',
      'clerk',
      '--role',
      'archivist',
      '--confidential',
      ...as('quantri', 'ADMIN_PW'),
    ]);
    expect(updated.json()).toMatchObject({ roles: ['clerk', 'archivist'], confidential: true });
    expect(vanthu(['user', 'update', 'vt.an', '--no-confidential', ...as('quantri', 'ADMIN_PW')]).json()).toMatchObject({
      confidential: false,
    });
    refused(['user', 'update', 'quantri', '--role', 'clerk', ...as('quantri', 'ADMIN_PW')], 'last_admin');
    refused(['user', 'disable', 'quantri', ...as('quantri', 'ADMIN_PW')], 'last_admin');
    expect(
      vanthu(['user', 'list', ...as('quantri', 'ADMIN_PW')])
        .json()
        .map((a: { username: string }) => a.username),
    ).toEqual(['quantri', 'vt.an']);

    // The clerk's first command: the administrator's password must be changed first.
    refused(['incoming', 'list', ...as('vt.an', 'CLERK_TEMP')], 'password_change_required');
    const passwd = vanthu(['passwd', ...as('vt.an', 'CLERK_TEMP'), '--new-password-env', 'CLERK_OWN']);
    expect(passwd.code, passwd.stderr).toBe(0);
    expect(vanthu(['incoming', 'list', ...as('vt.an', 'CLERK_OWN')]).code).toBe(0);
    // A clerk is not an administrator: refused, naming the role needed, and audited.
    const forbidden = refused(['user', 'list', ...as('vt.an', 'CLERK_OWN')], 'forbidden');
    expect(forbidden.error()).toMatchObject({ method: 'user list', needed: ['admin'] });

    // login keeps a session in the user's config folder, readable by them only.
    const login = vanthu(['login', ...as('vt.an', 'CLERK_OWN')]);
    expect(login.code, login.stderr).toBe(0);
    const sessions = path.join(config, 'VanThu', 'sessions');
    const files = readdirSync(sessions);
    expect(files).toHaveLength(1);
    expect(statSync(path.join(sessions, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(sessions).mode & 0o777).toBe(0o700);
    const token = JSON.parse(readFileSync(path.join(sessions, files[0]!), 'utf8')).token as string;
    expect(login.stdout).not.toContain(token);
    // The database keeps only the token's hash.
    expect(readFileSync(o.db).includes(Buffer.from(token))).toBe(false);
    const who = vanthu(['whoami']);
    expect(who.json()).toMatchObject({ username: 'vt.an', fullName: 'Trần Văn An', roles: ['clerk', 'archivist'] });
    expect(vanthu(['incoming', 'list']).code).toBe(0);
    expect(vanthu(['logout']).json()).toMatchObject({ signedOut: true, username: 'vt.an' });
    expect(readdirSync(sessions)).toEqual([]);
    refused(['whoami'], 'unauthenticated');

    // Settings: the administrator's idle limit, checked.
    expect(vanthu(['settings', 'get', ...as('vt.an', 'CLERK_OWN')]).json()).toEqual({ idleLockMinutes: 15 });
    refused(['settings', 'set', '--idle-lock-minutes', '0', ...as('quantri', 'ADMIN_PW')], 'invalid_number');
    expect(vanthu(['settings', 'set', '--idle-lock-minutes', '30', ...as('quantri', 'ADMIN_PW')]).json()).toEqual({ idleLockMinutes: 30 });

    // Five wrong passwords lock the account for 15 minutes; the administrator's reset clears it.
    for (let i = 0; i < 4; i++) refused(['whoami', ...as('vt.an', 'WRONG')], 'invalid_credentials');
    refused(['whoami', ...as('vt.an', 'WRONG')], 'account_locked');
    refused(['whoami', ...as('vt.an', 'CLERK_OWN')], 'account_locked');
    expect(vanthu(['user', 'list', ...as('quantri', 'ADMIN_PW')]).json()[1]).toMatchObject({
      username: 'vt.an',
      lockedUntil: expect.any(String),
    });
    const reset = vanthu(['user', 'reset-password', 'vt.an', '--new-password-env', 'CLERK_TEMP', ...as('quantri', 'ADMIN_PW')]);
    expect(reset.json()).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    refused(['incoming', 'list', ...as('vt.an', 'CLERK_TEMP')], 'password_change_required');

    // Disabled: refused at sign-in, history kept; enabled again.
    expect(vanthu(['user', 'disable', 'vt.an', ...as('quantri', 'ADMIN_PW')]).json()).toMatchObject({ active: false });
    refused(['whoami', ...as('vt.an', 'CLERK_TEMP')], 'account_disabled');
    expect(vanthu(['user', 'enable', 'vt.an', ...as('quantri', 'ADMIN_PW')]).json()).toMatchObject({ active: true });

    // An internal error in the middle of a sign-in (the accounts table gone): its message holds no password.
    const tamper = new Database(o.db);
    tamper.exec('ALTER TABLE accounts RENAME TO accounts_away');
    const broken = vanthu(['whoami', ...as('vt.an', 'CLERK_TEMP')]);
    tamper.exec('ALTER TABLE accounts_away RENAME TO accounts');
    tamper.close();
    expect(broken.code).toBe(1);
    expect(broken.error().code).toBe('internal');

    // The login session's token never reached any output, and the local log (if any) holds no secret.
    for (const out of outputs) expect(out).not.toContain(token);
    const logDir = logDirFor(o.db);
    const logs = existsSync(logDir)
      ? readdirSync(logDir)
          .map((f) => readFileSync(path.join(logDir, f), 'utf8'))
          .join('\n')
      : '';
    for (const s of [...SECRETS, token, 'scrypt$']) expect(logs).not.toContain(s);

    // The audit trail names the account that acted and never holds a password or its hash.
    const raw = new Database(o.db, { readonly: true });
    try {
      const entries = raw
        .prepare("SELECT actor, action, data FROM audit_log WHERE entity IN ('account', 'access', 'settings') ORDER BY seq")
        .all() as {
        actor: string;
        action: string;
        data: string;
      }[];
      expect(entries.map((e) => `${e.actor} ${e.action}`)).toEqual(
        expect.arrayContaining([
          'quantri setup',
          'quantri create',
          'quantri update',
          'vt.an password_change',
          'vt.an refused',
          'vt.an locked',
          'quantri reset_password',
          'quantri disable',
        ]),
      );
      const all = JSON.stringify(raw.prepare('SELECT * FROM audit_log').all());
      for (const s of SECRETS) expect(all).not.toContain(s);
      expect(all).not.toContain('scrypt$');
      expect(all).not.toContain(token);
    } finally {
      raw.close();
    }
  }, 300_000);

  it('--help needs no account', () => {
    const o = openOffice();
    expect(cli(o.db, ['user', 'add', '--help'], undefined, {}, { as: null }).code).toBe(0);
  });
});

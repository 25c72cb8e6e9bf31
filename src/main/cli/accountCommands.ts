/**
 * Accounts on the command line: the first administrator (`init --admin`), signing in and out
 * (`login`, `logout`, `whoami`, `passwd`), the administrator's `user …` commands and the
 * idle-lock setting. Who may run which is in src/shared/permissions.ts; `identify` says who
 * is running a command, `authorizeCommand` applies the table.
 */
import { makeError } from '../../shared/errors.js';
import { commandAccess, authorize, denialError, type Access } from '../../shared/permissions.js';
import { AppFailure } from '../../shared/result.js';
import type { SignedIn } from '../accounts/accountService.js';
import type { Services } from '../services.js';
import type { CommandArgs } from './args.js';
import { canPrompt, passwordFromEnv, prompt, readSession, removeSession, writeSession } from './auth.js';
import type { Command, CommandContext } from './commands.js';

function str(args: CommandArgs, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AppFailure({ ...makeError('invalid_input', { field: name }), message: `--${name} phải là chuỗi.` });
  return v;
}

function usernameArg(args: CommandArgs): string {
  const u = str(args, 'username') ?? args._[0];
  if (!u) throw new AppFailure(makeError('required', { field: 'username' }));
  return u;
}

function rolesArg(args: CommandArgs): string[] | undefined {
  const r = args.role ?? args.roles;
  if (r === undefined) return undefined;
  return (Array.isArray(r) ? r : [r]).map(String);
}

/** The password of a flag naming an environment variable, else asked at the terminal. */
async function secret(args: CommandArgs, flag: string, question: string, confirm = false): Promise<string> {
  if (args[flag] !== undefined || !canPrompt()) return passwordFromEnv(args[flag], flag);
  const pw = await prompt(question, true);
  if (confirm && (await prompt('Nhập lại mật khẩu: ', true)) !== pw) {
    throw new AppFailure({ ...makeError('invalid_input', { field: 'password' }), message: 'Hai lần nhập mật khẩu không khớp.' });
  }
  return pw;
}

/**
 * `init`'s first administrator: from --admin/--admin-full-name/--admin-password-env, or asked
 * at the terminal when the database has no account and those flags are missing. Null when
 * no administrator is to be created now. Checked in full before init writes anything.
 */
export async function firstAdmin(
  args: CommandArgs,
  _ctx: CommandContext,
  s: Services,
): Promise<{ username: string; fullName: string; password: string } | null> {
  const needsSetup = await s.accounts.needsSetup();
  const given = args.admin !== undefined || args.adminFullName !== undefined || args.adminPasswordEnv !== undefined;
  if (!needsSetup) {
    if (given) throw new AppFailure(makeError('setup_done', { field: 'admin' }));
    return null;
  }
  let username = str(args, 'admin');
  let fullName = str(args, 'adminFullName');
  if (!given && !canPrompt()) return null;
  if (!username && canPrompt()) username = (await prompt('Tên đăng nhập của người quản trị: ')).trim();
  if (!fullName && canPrompt()) fullName = (await prompt('Họ và tên: ')).trim();
  if (!username) throw new AppFailure(makeError('required', { field: 'admin' }));
  if (!fullName) throw new AppFailure(makeError('required', { field: 'adminFullName' }));
  const password = await secret(args, 'adminPasswordEnv', 'Mật khẩu (ít nhất 10 ký tự): ', true);
  const { normalizeUsername } = await import('../accounts/accountService.js');
  const { checkPasswordStrength } = await import('../accounts/password.js');
  const u = normalizeUsername(username);
  checkPasswordStrength(password, u);
  return { username: u, fullName, password };
}

/** The password of `--user` (from --password-env, or asked at the terminal). */
export function personSecret(args: CommandArgs): Promise<string> {
  return secret(args, 'passwordEnv', `Mật khẩu của ${String(args.user)}: `);
}

/**
 * Who runs the command: `--user` with `--password-env` (or a prompt in a terminal), else the
 * session of `vanthu login`. Throws `unauthenticated` when neither is there.
 */
export async function identify(args: CommandArgs, ctx: CommandContext, s: Services, opts: { signIn?: boolean } = {}): Promise<SignedIn> {
  if (args.user !== undefined) {
    const password = (ctx.personPassword ??= await personSecret(args));
    // Each command run with --user signs in for that command only: not recorded as a sign-in.
    return s.accounts.authenticate(args.user, password, { signIn: opts.signIn ?? false });
  }
  const saved = readSession(ctx.dbPath);
  if (saved) {
    try {
      return await s.accounts.resumeCliSession(saved.token);
    } catch (e) {
      if (e instanceof AppFailure && e.error.code === 'session_expired') removeSession(ctx.dbPath);
      throw e;
    }
  }
  throw new AppFailure(makeError('unauthenticated'));
}

/**
 * Applies the permission table to a command (by its name) before it runs; sets the context's
 * principal and actor. A refusal for want of a role is written to the audit trail.
 */
export async function authorizeCommand(name: string, args: CommandArgs, ctx: CommandContext, command?: Command): Promise<void> {
  const access = commandAccess(name);
  // A command the table does not know is nobody's to run.
  if (!access) throw new AppFailure(makeError('unknown_command', { params: { value: name } }));
  if (access.kind === 'public') return;
  const authDb = command?.authDb?.(args);
  if (authDb && !ctx.principal) {
    // Signed in on another database than --db: opened for that only, then closed.
    const { createServices } = await import('../services.js');
    const other = await createServices({ dbPath: authDb });
    const authCtx = { ...ctx, dbPath: authDb };
    try {
      await authorizeWith(name, access, args, authCtx, other, ctx);
      // The password just checked (migrate-to gives it to the person's new login role).
      ctx.personPassword ??= authCtx.personPassword;
    } finally {
      await other.close();
    }
    return;
  }
  const s = access.kind === 'setup' ? await ctx.servicesForInit() : await ctx.services();
  await authorizeWith(name, access, args, ctx, s, ctx);
}

async function authorizeWith(
  name: string,
  accessIn: Access | { kind: 'setup' },
  args: CommandArgs,
  authCtx: CommandContext,
  s: Services,
  ctx: CommandContext,
): Promise<void> {
  let access = accessIn;
  if (access.kind === 'setup') {
    if (await s.accounts.needsSetup()) return;
    access = { kind: 'roles', roles: ['admin'] };
  }
  const signedIn = ctx.principal ? { principal: ctx.principal, mustChangePassword: false } : await identify(args, authCtx, s);
  const denial = authorize(
    access,
    { roles: signedIn.principal.roles, locked: false, mustChangePassword: signedIn.mustChangePassword },
    args,
  );
  if (denial) {
    if (denial.code === 'forbidden') await s.accounts.recordRefusal(signedIn.principal.username, { command: name, needed: denial.needed });
    throw new AppFailure(denialError(denial, name));
  }
  ctx.principal = signedIn.principal;
  ctx.actor = signedIn.principal.username;
}

function whoView(w: SignedIn, idleLockMinutes: number) {
  const p = w.principal;
  return {
    username: p.username,
    fullName: p.fullName,
    roles: p.roles,
    confidential: p.confidential,
    unit: p.unit,
    mustChangePassword: w.mustChangePassword,
    idleLockMinutes,
  };
}

export const ACCOUNT_COMMANDS: Record<string, Command> = {
  login: {
    options: {},
    async run(args, ctx) {
      const s = await ctx.services();
      if (args.user === undefined) {
        if (!canPrompt()) throw new AppFailure(makeError('required', { field: 'user' }));
        args.user = (await prompt('Tên đăng nhập: ')).trim();
      }
      const signedIn = await identify(args, ctx, s, { signIn: true });
      // A new login replaces this user's previous session of this database.
      const previous = readSession(ctx.dbPath);
      if (previous) await s.accounts.endCliSession(previous.token).catch(() => undefined);
      const token = await s.accounts.openCliSession(signedIn.principal.username);
      const file = writeSession(ctx.dbPath, { database: ctx.dbPath, username: signedIn.principal.username, token });
      return { ...whoView(signedIn, await s.accounts.idleLockMinutes()), sessionFile: file };
    },
  },

  logout: {
    options: {},
    async run(_args, ctx) {
      const saved = readSession(ctx.dbPath);
      if (!saved) return { signedOut: false };
      await (await ctx.services()).accounts.endCliSession(saved.token).catch(() => undefined);
      removeSession(ctx.dbPath);
      return { signedOut: true, username: saved.username };
    },
  },

  whoami: {
    options: {},
    async run(args, ctx) {
      const s = await ctx.services();
      const w = ctx.principal ? await s.accounts.current(ctx.principal.username) : await identify(args, ctx, s);
      if (!w) throw new AppFailure(makeError('unauthenticated'));
      return whoView(w, await s.accounts.idleLockMinutes());
    },
  },

  passwd: {
    options: { 'new-password-env': { type: 'string' } },
    async run(args, ctx) {
      const s = await ctx.services();
      const username = ctx.principal?.username ?? (await identify(args, ctx, s)).principal.username;
      const current = await secret(args, 'passwordEnv', 'Mật khẩu hiện tại: ');
      const next = await secret(args, 'newPasswordEnv', 'Mật khẩu mới (ít nhất 10 ký tự): ', true);
      const w = await s.accounts.changePassword(username, current, next);
      return whoView(w, await s.accounts.idleLockMinutes());
    },
  },

  'user add': {
    options: {
      username: { type: 'string' },
      'full-name': { type: 'string' },
      unit: { type: 'string' },
      role: { type: 'string', multiple: true },
      confidential: { type: 'boolean' },
      'new-password-env': { type: 'string' },
    },
    async run(args, ctx) {
      const password = await secret(args, 'newPasswordEnv', 'Mật khẩu ban đầu (ít nhất 10 ký tự): ', true);
      return (await ctx.services()).accounts.add(
        {
          username: usernameArg(args),
          fullName: str(args, 'fullName'),
          unit: str(args, 'unit'),
          roles: rolesArg(args) ?? [],
          confidential: args.confidential === true,
          password,
        },
        ctx.actor,
      );
    },
  },

  'user list': {
    options: {},
    async run(_args, ctx) {
      return (await ctx.services()).accounts.list();
    },
  },

  'user update': {
    options: {
      username: { type: 'string' },
      'full-name': { type: 'string' },
      unit: { type: 'string' },
      'no-unit': { type: 'boolean' },
      role: { type: 'string', multiple: true },
      confidential: { type: 'boolean' },
      'no-confidential': { type: 'boolean' },
    },
    async run(args, ctx) {
      if (args.confidential === true && args.noConfidential === true) {
        throw new AppFailure({
          ...makeError('invalid_input', { field: 'confidential' }),
          message: 'Chọn một: --confidential hoặc --no-confidential.',
        });
      }
      return (await ctx.services()).accounts.update(
        {
          username: usernameArg(args),
          ...(args.fullName !== undefined ? { fullName: str(args, 'fullName') } : {}),
          ...(args.noUnit === true ? { unit: null } : args.unit !== undefined ? { unit: str(args, 'unit') } : {}),
          ...(rolesArg(args) ? { roles: rolesArg(args) } : {}),
          ...(args.confidential === true ? { confidential: true } : args.noConfidential === true ? { confidential: false } : {}),
        },
        ctx.actor,
      );
    },
  },

  'user disable': {
    options: { username: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).accounts.setActive(usernameArg(args), false, ctx.actor);
    },
  },

  'user enable': {
    options: { username: { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).accounts.setActive(usernameArg(args), true, ctx.actor);
    },
  },

  'user reset-password': {
    options: { username: { type: 'string' }, 'new-password-env': { type: 'string' } },
    async run(args, ctx) {
      const username = usernameArg(args);
      const password = await secret(args, 'newPasswordEnv', `Mật khẩu mới cho ${username}: `, true);
      return (await ctx.services()).accounts.resetPassword(username, password, ctx.actor);
    },
  },

  'settings get': {
    options: {},
    async run(_args, ctx) {
      return { idleLockMinutes: await (await ctx.services()).accounts.idleLockMinutes() };
    },
  },

  'settings set': {
    options: { 'idle-lock-minutes': { type: 'string' } },
    async run(args, ctx) {
      return (await ctx.services()).accounts.setIdleLockMinutes(args.idleLockMinutes, ctx.actor);
    },
  },
};
